"""Smoke finds what slips past typical requests: loopback servers (a real sandbox behind a real socket) with one
regression each, and smoke failing on each with the check that names it, while the plain sandbox passes.

* a 500 only for a 10-item cart (the boundary phase reaches it);
* one operation served without any credentials (the auth phase sends none, a malformed one, a wrong key);
* a session answer whose ``integrationId`` is not the one in the path (``identifiers_echoed``);
* one operation answering 1 s late (``--max-response-time``, and the ``slowest`` column);
* a credentials probe answered 200 ``text/html`` or 307: the report says the key was not proven.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from proxied import Fault, serving

from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox

KEY = "smoke-finds-key"
pytestmark = pytest.mark.no_cover  # whole smoke runs over sockets: lines the sandbox and smoke tests cover


def big_carts_fail(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    if operation == "updateCustomerSessionV2" and request.content:
        session = json.loads(request.content).get("customerSession") or {}
        if len(session.get("cartItems") or []) >= 10:
            return httpx.Response(500, json={"message": "cart too long for the rounding code"})
    return sandbox.handle(request)


def inventory_without_credentials(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    if operation == "getCustomerInventory" and "authorization" not in request.headers:
        headers = {**request.headers, "authorization": f"ApiKey-v1 {KEY}"}
        request = httpx.Request(request.method, request.url, headers=headers, content=request.content)
    return sandbox.handle(request)


def session_id_not_echoed(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    response = sandbox.handle(request)
    if operation == "updateCustomerSessionV2" and response.status_code == 200:
        body = json.loads(response.content)
        if "customerSession" in body:
            body["customerSession"]["integrationId"] = "someone-elses-session"
            return httpx.Response(200, json=body)
    return response


def coupons_late(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    if operation == "getReservedCoupons":
        time.sleep(1.0)
    return sandbox.handle(request)


def login_page(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html"}, content=b"<html>Sign in</html>")


def redirect(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    return httpx.Response(307, headers={"location": "https://login.example/"})


def healthy(sandbox: Sandbox, operation: str, request: httpx.Request) -> httpx.Response:
    return sandbox.handle(request)


@pytest.fixture
def serve() -> Iterator[Callable[[Fault], str]]:
    """``serve(fault)``: a fresh sandbox behind ``fault`` on a loopback port; the base URL."""
    yield from serving(KEY)


def smoke(url: str, tmp_path: Path, *extra: str) -> tuple[int, str, dict[str, Any]]:
    report = tmp_path / "report.json"
    out, err = io.StringIO(), io.StringIO()
    argv = ["smoke", "--no-progress", "--base-url", url, "--api-key", KEY, "--seed", "4", "--max-examples", "3"]
    argv += ["--timeout", "5"]
    code = main([*argv, "--json", str(report), *extra], out=out, err=err)
    return code, out.getvalue() + err.getvalue(), json.loads(report.read_text()) if report.exists() else {}


def failing(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {
        (case["kind"], case["operation"], failure["check"])
        for case in report.get("cases", [])
        for failure in case.get("failures", [])
    }


def test_the_healthy_sandbox_passes_every_phase(serve: Callable[[Fault], str], tmp_path: Path) -> None:
    code, out, report = smoke(serve(healthy), tmp_path, "--max-response-time", "2")
    assert code == 0, out
    assert failing(report) == set()
    kinds = {case["kind"] for case in report["cases"]}
    assert kinds == {"credentials", "scenario", "generated", "boundary", "negative", "auth", "invariant"}
    for phase in ("scenarios", "generated", "boundary", "negative", "auth", "invariants"):
        assert f"phase {phase}: " in out


def test_a_500_only_for_a_ten_item_cart_is_found_by_the_boundary_phase(
    serve: Callable[[Fault], str], tmp_path: Path
) -> None:
    code, _out, report = smoke(serve(big_carts_fail), tmp_path)
    assert code == 1
    assert ("boundary", "updateCustomerSessionV2", "not_a_server_error") in failing(report)
    case = next(c for c in report["cases"] if c["kind"] == "boundary" and c.get("failures"))
    assert "cartItems with 10 items" in case["name"]
    assert "curl" in case["failures"][0]  # a reproducer, as for every failure
    code, _, report = smoke(serve(big_carts_fail), tmp_path, "--checks", "boundary", "--boundary-size", "3")
    assert ("boundary", "updateCustomerSessionV2", "not_a_server_error") not in failing(report)


def test_an_operation_served_without_credentials_fails_the_auth_phase(
    serve: Callable[[Fault], str], tmp_path: Path
) -> None:
    code, _out, report = smoke(serve(inventory_without_credentials), tmp_path, "--read-only")
    assert code == 1
    assert failing(report) == {("auth", "getCustomerInventory", "unauthorized_with_401")}
    (case,) = [c for c in report["cases"] if c["kind"] == "auth" and c.get("failures")]
    assert case["name"] == "no Authorization"
    assert "no credentials at all was answered" in case["failures"][0]["message"]


def test_an_identifier_that_is_not_echoed_is_named(serve: Callable[[Fault], str], tmp_path: Path) -> None:
    code, _out, report = smoke(serve(session_id_not_echoed), tmp_path)
    assert code == 1
    found = [f for c in report["cases"] for f in c.get("failures", []) if f["check"] == "identifiers_echoed"]
    assert found
    assert (
        "$.customerSession.integrationId is 'someone-elses-session', but the request named customerSessionId"
        in (found[0]["message"])
    )


@pytest.mark.slow
def test_a_slow_operation_breaches_the_response_time_limit(serve: Callable[[Fault], str], tmp_path: Path) -> None:
    argv = ("--max-response-time", "0.5", "--checks", "generated", "--workers", "1", "--max-examples", "2")
    code, out, report = smoke(serve(coupons_late), tmp_path, *argv)
    assert code == 1
    found = failing(report)
    assert {check for _, _, check in found} == {"response_time"}  # nothing else is wrong with these answers
    late = [
        case for case in report["cases"] if case["operation"] == "getReservedCoupons" and case["kind"] == "generated"
    ]
    assert late
    assert all(f["check"] == "response_time" for case in late for f in case["failures"])
    assert all(case.get("failures") for case in late)  # every slow answer, not one by chance
    row = next(line for line in out.splitlines() if line.startswith("getReservedCoupons ") and " ms" in line)
    assert int(row.split()[-2]) >= 1000  # the slowest answer, in the status matrix
    assert report["slowest"]["getReservedCoupons"] >= 1.0


@pytest.mark.parametrize(
    ("fault", "says"), [(login_page, "200 text/html"), (redirect, "a redirect 307 to https://login.example/")]
)
def test_the_credentials_line_says_what_came_back(
    serve: Callable[[Fault], str], tmp_path: Path, fault: Fault, says: str
) -> None:
    code, out, _ = smoke(serve(fault), tmp_path, "--checks", "generated")
    assert code == 1
    assert "accepted" not in out
    (line,) = [line for line in out.splitlines() if "the credentials were not proven" in line]
    assert says in line


@pytest.mark.slow
def test_a_scenario_step_sets_its_own_response_time_limit(serve: Callable[[Fault], str], tmp_path: Path) -> None:
    """``expect: {within: SECONDS}`` on a step: that step's answer fails ``response_time`` when slower; a
    step without it, against the same slow operation, does not."""
    scenarios = tmp_path / "timed.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  - name: timed\n"
        "    steps:\n"
        "      - id: patient\n"
        "        operation: getReservedCoupons\n"
        "        args: {integrationId: ada}\n"
        "        expect: {status: [200, 404]}\n"
        "      - id: quick\n"
        "        operation: getReservedCoupons\n"
        "        args: {integrationId: ada}\n"
        "        expect: {status: [200, 404], within: 0.5}\n",
        encoding="utf-8",
    )
    argv = ("--checks", "scenarios", "--no-default-scenarios", "--scenarios", str(scenarios))
    code, _, report = smoke(serve(coupons_late), tmp_path, *argv)
    assert code == 1
    steps = {case["name"]: case for case in report["cases"] if case["kind"] == "scenario"}
    assert [f["check"] for f in steps["timed / quick"]["failures"]] == ["response_time"]
    assert "over the limit of 0.5 s" in steps["timed / quick"]["failures"][0]["message"]
    assert steps["timed / patient"]["outcome"] == "passed"
