"""Smoke's invariants find what a schema cannot: a real sandbox behind a small loopback proxy that breaks one
promise of the API's behaviour, smoke failing with that invariant's code, and the healthy sandbox passing, for the
bundled 2020 spec and Talon's current one (paging and idempotency exist only in the current one).

The regressions are the ones a promotions and loyalty API meets: a page that skips an item at its boundary,
``hasMore`` true on the last page, a closed session that accepts an update, a return on a session never closed, a
replay with the same ``Idempotency-Key`` applied twice, one customer's reservation in another's read, an unknown
loyalty card answered 400 instead of the documented 404, a read that disagrees with the write before it, and an
operation that turns slow. Also here: a time budget that ends a run is *incomplete* (exit 3), never a failure.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from proxied import Fault, serving
from rawserver import http_server, httpx_handler

from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox

KEY = "smoke-invariants-key"
HEAVY = pytest.mark.no_cover  # whole smoke runs over sockets: traced, each would cost seconds of worker time


def _json(response: httpx.Response) -> Any:
    return json.loads(response.content) if response.content else None


def healthy(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    return sandbox.handle(request)


def page_skips_an_item(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    """Every page after the first starts one item late (an off-by-one at the page boundary)."""
    if operation.startswith("getLoyalty") and int(request.url.params.get("skip") or 0) > 0:
        params = dict(request.url.params)
        params["skip"] = str(int(params["skip"]) + 1)
        request = httpx.Request(request.method, request.url.copy_with(params=params), headers=request.headers)
    return sandbox.handle(request)


def has_more_on_the_last_page(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    response = sandbox.handle(request)
    body = _json(response)
    if operation.startswith("getLoyalty") and isinstance(body, dict) and body.get("hasMore") is False:
        body["hasMore"] = True
        return httpx.Response(response.status_code, json=body)
    return response


def closed_session_accepts_updates(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    """An update that would move a session out of a state it cannot leave is answered 200 (and nothing else)."""
    response = sandbox.handle(request)
    refused = response.status_code == 400 and b"Cannot move session" in response.content
    if operation.startswith("updateCustomerSession") and refused:
        return httpx.Response(200, json={"effects": [], "createdCoupons": [], "createdReferrals": []})
    return response


def return_on_an_open_session(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    response = sandbox.handle(request)
    if operation == "returnCartItems" and response.status_code == 400 and b"closed session" in response.content:
        return httpx.Response(200, json={"effects": [], "createdCoupons": [], "createdReferrals": []})
    return response


def idempotency_key_ignored(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    headers = {k: v for k, v in request.headers.items() if k.lower() != "idempotency-key"}
    return sandbox.handle(httpx.Request(request.method, request.url, headers=headers, content=request.content))


def reservations_shared(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    """A customer's reserved coupons (``getReservedCoupons``, the inventory's ``coupons``) list every reservation
    anyone made."""
    response = sandbox.handle(request)
    body = _json(response)
    if response.status_code != 200 or operation not in ("getReservedCoupons", "getCustomerInventory"):
        return response
    every = {}
    for profile in {r for code in ("SUMMER10", "WELCOME5") for r in sandbox.reservations(code)}:
        for coupon in sandbox.store.reserved_coupons(profile):
            every[coupon["value"]] = {k: v for k, v in coupon.items() if not k.startswith("_")}
    if operation == "getReservedCoupons":
        body["data"] = list(every.values())
        body["totalResultSize"] = len(body["data"])
    elif "coupons" in body:
        body["coupons"] = [{**coupon, "profileRedemptionCount": 0} for coupon in every.values()]
    return httpx.Response(200, json=body)


def unknown_is_400(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    """A read of something never written answers 400 "bad request" (both 400 and 404 are documented)."""
    response = sandbox.handle(request)
    if response.status_code == 404 and operation in ("getLoyaltyCardBalances", "getCustomerInventory"):
        return httpx.Response(400, json={"message": "Bad request", "errors": []})
    return response


def read_disagrees(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    """The read of a session shows another total than the write answered; a coupon's reserved customers leave the
    first out."""
    response = sandbox.handle(request)
    body = _json(response)
    if operation == "getCustomerSession" and response.status_code == 200:
        body["customerSession"]["total"] += 1
        return httpx.Response(200, json=body)
    if operation == "getReservedCustomers" and response.status_code == 200 and body["data"]:
        body["data"] = body["data"][1:]
        body["totalResultSize"] = len(body["data"])
        return httpx.Response(200, json=body)
    return response


def _slow_twentieth() -> Fault:
    """The twentieth request of the run takes 2.7 s: a slow answer now and then."""
    seen = [0]
    lock = threading.Lock()

    def fault(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
        with lock:
            seen[0] += 1
            slow = seen[0] == 20
        if slow:
            time.sleep(2.7)
        return sandbox.handle(request)

    return fault


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """``serve(fault, spec)``: a fresh sandbox serving ``spec`` behind ``fault`` on a loopback port; its URL."""
    yield from serving(KEY)


def smoke(url: str, tmp_path: Path, spec: str, *extra: str) -> tuple[int, str, dict[str, Any]]:
    report = tmp_path / f"report-{spec}.json"
    out, err = io.StringIO(), io.StringIO()
    argv = ["smoke", "--no-progress", "--base-url", url, "--api-key", KEY, "--seed", "4", "--spec", spec]
    argv += ["--checks", "scenarios,invariants", "--timeout", "5", *extra]
    if "--campaigns-profile" not in extra:  # a sandbox with its default campaigns, which the scenarios know
        argv += ["--campaigns-profile", "sandbox"]
    code = main([*argv, "--json", str(report)], out=out, err=err)
    return code, out.getvalue() + err.getvalue(), json.loads(report.read_text()) if report.exists() else {}


def codes(report: dict[str, Any]) -> set[tuple[str, str]]:
    """(operation, check) of every failure of the invariants."""
    return {
        (case["operation"], failure["check"])
        for case in report.get("cases", [])
        if case["kind"] == "invariant"
        for failure in case.get("failures", [])
    }


@HEAVY
@pytest.mark.parametrize("spec", ["2020", "current"])
def test_the_healthy_sandbox_keeps_every_invariant(serve: Any, tmp_path: Path, spec: str) -> None:
    code, out, report = smoke(serve(healthy, spec), tmp_path, spec)
    assert code == 0, out[-3000:]
    ran = {case["name"].split(":")[0] for case in report["cases"] if case["kind"] == "invariant"}
    expected = {"state_machine", "isolation", "documented_not_found", "read_your_writes"}
    if spec == "current":
        expected |= {"idempotency", "paging"}
    assert expected <= ran
    assert "phase invariants: " in out


CASES = [
    ("current", page_skips_an_item, ("getLoyaltyProgramProfileTransactions", "paging")),
    ("current", has_more_on_the_last_page, ("getLoyaltyCardTransactions", "paging")),
    ("2020", closed_session_accepts_updates, ("updateCustomerSessionV2", "state_machine")),
    ("current", closed_session_accepts_updates, ("updateCustomerSessionV2", "state_machine")),
    ("current", return_on_an_open_session, ("returnCartItems", "state_machine")),
    ("current", idempotency_key_ignored, ("updateCustomerSessionV2", "idempotency")),
    ("current", idempotency_key_ignored, ("returnCartItems", "idempotency")),
    ("2020", reservations_shared, ("getCustomerInventory", "isolation")),
    ("current", reservations_shared, ("getCustomerInventory", "isolation")),
    ("current", unknown_is_400, ("getLoyaltyCardBalances", "documented_not_found")),
    ("2020", unknown_is_400, ("getCustomerInventory", "documented_not_found")),
    ("current", read_disagrees, ("getCustomerSession", "read_your_writes")),
    ("2020", read_disagrees, ("getReservedCustomers", "read_your_writes")),
]


@HEAVY
@pytest.mark.parametrize(
    ("spec", "fault", "expected"), CASES, ids=[f"{spec}-{fault.__name__}" for spec, fault, _ in CASES]
)
def test_each_invariant_fails_where_it_is_broken(
    serve: Any, tmp_path: Path, spec: str, fault: Fault, expected: tuple[str, str]
) -> None:
    code, out, report = smoke(serve(fault, spec), tmp_path, spec)
    assert code == 1, out[-3000:]
    assert expected in codes(report), (codes(report), out[-3000:])
    assert f"{expected[1]}" in out


@HEAVY
def test_an_answer_that_turns_slow_fails_the_default_response_time(serve: Any, tmp_path: Path) -> None:
    """No option given: the default limit (2.5 s) reports the one slow answer of the run."""
    code, out, report = smoke(serve(_slow_twentieth(), "2020"), tmp_path, "2020")
    assert code == 1, out[-2000:]
    slow = [f for case in report["cases"] for f in case.get("failures", []) if f["check"] == "response_time"]
    assert len(slow) == 1
    assert "over the limit of 2.5 s" in slow[0]["message"]
    from talon_dyn.cli import build_parser

    parsed = build_parser(["smoke"]).parse_args(["smoke", "--max-response-time", "off"])
    assert parsed.max_response_time is None  # "off": no limit (Options(max_response_time=None))


@HEAVY
def test_a_time_budget_that_ends_the_run_is_incomplete_not_failed(serve: Any, tmp_path: Path) -> None:
    """Every answer takes 0.3 s and the budget is 1 s: what the budget cut (in flight or not started) is not run,
    nothing fails, and the exit code says the run was incomplete (3)."""

    def slow(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
        time.sleep(0.3)
        return sandbox.handle(request)

    code, out, report = smoke(serve(slow, "2020"), tmp_path, "2020", "--time-budget", "1", "--workers", "2")
    assert code == 3, out[-2000:]
    assert report["counts"]["failed"] == 0
    assert any(case.get("skipped", "").startswith("not run") for case in report["cases"])
    assert "incomplete" in out


OTHER_CAMPAIGNS = """
campaigns:
  - id: 7
    name: Spring
    features: [coupons]
    coupons: [{code: MYCODE, usageLimit: 0}]
    rules:
      - title: Spring coupon
        conditions: [{couponValid: true}]
        effects: [{setDiscount: {name: Spring, amount: 5}}]
  - id: 12
    name: Friends
    features: [referrals]
    referralSettings: {couponPattern: "FRIEND-####"}
    rules:
      - title: Nothing for referrals yet
        conditions: [{eventType: never_happens}]
        effects: [{showNotification: {title: x, body: y}}]
"""


def _first_example() -> list[str]:
    """The ``talon-dyn smoke`` line of docs/smoke.md's first example, as a shell would split it."""
    import shlex

    text = (Path(__file__).parents[2] / "docs" / "smoke.md").read_text(encoding="utf-8")
    block = text.split("```sh", 1)[1].split("```", 1)[0]
    line = next(line for line in block.splitlines() if line.startswith("talon-dyn smoke"))
    return shlex.split(line)[1:]


@HEAVY
def test_the_first_example_of_the_docs_is_green_against_other_campaigns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sandbox started with campaigns of its own (no VIP greeting, no thank-you coupon, no points, a referral
    campaign 12 that rewards nothing): docs/smoke.md's first example, unchanged, is green; what only this
    application's campaigns could promise is skipped with a note, not failed. The same campaigns with the
    sandbox's profile given are checked, and fail."""
    path = tmp_path / "campaigns.yaml"
    path.write_text(OTHER_CAMPAIGNS)
    argv = _first_example()
    assert argv[:1] == ["smoke"]
    with Sandbox(seed=3, api_keys=(KEY,), campaigns=path) as sandbox:
        handler = httpx_handler(sandbox.handle)
        with http_server(handler) as url:
            monkeypatch.setenv("TALON_BASE_URL", url)
            monkeypatch.setenv("TALON_API_KEY", KEY)
            monkeypatch.chdir(tmp_path)  # the example writes smoke.md and smoke.xml where it runs
            out, err = io.StringIO(), io.StringIO()
            code = main([*argv, "--no-progress"], out=out, err=err)
            text = out.getvalue() + err.getvalue()
            assert code == 0, text[-3000:]
            assert "campaigns not known here" in text
            assert (tmp_path / "smoke.md").exists()
            assert (tmp_path / "smoke.xml").exists()
            # the sandbox's own campaigns' promises, claimed for these campaigns, are checked and broken
            profile = tmp_path / "profile.yaml"
            profile.write_text("vars: {coupon: MYCODE, referral_campaign: 12}\n")
            out = io.StringIO()
            code = main(["smoke", "--no-progress", "--campaigns-profile", str(profile)], out=out, err=out)
            assert code == 1
            assert "expected_effects" in out.getvalue()


@HEAVY
def test_a_campaigns_profile_checks_the_campaign_expectations_against_a_deployment(serve: Any, tmp_path: Path) -> None:
    """The default sandbox over TCP with a profile of its own campaigns' values: every campaign expectation is
    checked (none skipped) and holds; a profile naming a variable no scenario has is a usage error."""
    url = serve(healthy, "2020")
    profile = tmp_path / "profile.yaml"
    profile.write_text("description: the sandbox's default campaigns\nvars: {coupon: SUMMER10, referral_campaign: 3}\n")
    code, out, report = smoke(url, tmp_path, "2020", "--campaigns-profile", str(profile))
    assert code == 0, out[-2000:]
    assert "campaigns not known here" not in out
    assert not [case for case in report["cases"] if case["kind"] == "scenario" and case["outcome"] == "skipped"]
    profile.write_text("vars: {coupon: SUMMER10, no_such_variable: 1}\n")
    code, out, _ = smoke(url, tmp_path, "2020", "--campaigns-profile", str(profile))
    assert code == 2
    assert "no_such_variable" in out


def test_explain_names_every_code_a_failure_can_carry() -> None:
    """--explain answers for every check code smoke's source can report, and an unknown one is exit 2 with the
    closest code."""
    import re

    from talon_dyn.smoke._codes import CODES

    source = "\n".join(path.read_text() for path in (Path(__file__).parents[2] / "talon_dyn" / "smoke").glob("*.py"))
    used = set(re.findall(r'Failure\(\s*"([a-z_]+)"', source)) | set(re.findall(r"_fail\(([a-z_0-9]+),", source))
    used -= {"case", "read_case", "again_case", "new_case", "checked"}  # the invariants' case-level helper
    assert used - set(CODES) == set()
    out = io.StringIO()
    assert main(["smoke", "--explain", "paging"], out=out, err=out) == 0
    assert "hasMore" in out.getvalue()
    out = io.StringIO()
    assert main(["smoke", "--explain", "pagin"], out=out, err=out) == 2
    assert "did you mean paging" in out.getvalue()


def _pytest(folder: Path, url: str) -> tuple[int, str]:
    """Run a reproducers folder with pytest against ``url`` (a subprocess: its own process, like a user's run)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TALON_BASE_URL": url, "TALON_API_KEY": KEY}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_failures_travel_as_pytest_reproducers(serve: Any, tmp_path: Path) -> None:
    """``--report pytest DIR`` against a target that answers 400 where 404 is documented and lets a closed
    session be reopened: the tests it writes fail against that target and pass against a healthy sandbox;
    no credential is in them."""
    broken = serve(closed_session_accepts_updates, "current")
    folder = tmp_path / "reproducers"
    code, out, _ = smoke(broken, tmp_path, "current", "--report", "pytest", str(folder))
    assert code == 1, out[-2000:]
    written = (folder / "test_smoke_reproducers.py").read_text()
    assert KEY not in written
    assert "'authorization': '<run key>'" in written  # sent again with $TALON_API_KEY when the test runs
    assert "state_machine" in written
    failing, text = _pytest(folder, broken)
    assert failing == 1, text[-3000:]
    assert " failed" in text
    healthy_url = serve(healthy, "current")
    passing, text = _pytest(folder, healthy_url)
    assert passing == 0, text[-3000:]


def test_the_invariants_run_in_process_on_the_current_api(tmp_path: Path) -> None:
    """The embedded sandbox, the current spec, scenarios and invariants only (traced: the one run that covers the
    invariants' code in process): every invariant runs, none fails, and each skip says why."""
    report_path = tmp_path / "report.json"
    out = io.StringIO()
    argv = ["smoke", "--no-progress", "--spec", "current", "--seed", "3", "--checks", "scenarios,invariants"]
    code = main([*argv, "--json", str(report_path)], out=out, err=out)
    assert code == 0, out.getvalue()[-2000:]
    report = json.loads(report_path.read_text())
    ran = {case["name"].split(":")[0] for case in report["cases"] if case["kind"] == "invariant"}
    assert {"state_machine", "idempotency", "paging", "isolation", "documented_not_found", "read_your_writes"} <= ran
    skipped = [case for case in report["cases"] if case["kind"] == "invariant" and case["outcome"] == "skipped"]
    assert all(case.get("skipped") for case in skipped)
