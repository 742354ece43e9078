"""Against a deliberately broken sandbox, smoke exits 1, names exactly the broken checks and leaks no secret.

The broken target wraps a real sandbox: ``updateCustomerProfile`` drops the required
``session`` from its answers, ``deleteCustomerData`` answers 500, ``createCouponReservation``
accepts bodies the sandbox refused, and ``getReservedCustomers`` echoes the credentials it
received into a 404 message (so redaction of response bodies is tested too).
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rawserver import closed_port_url, http_server, httpx_handler

from talon_dyn._client.auth import Credentials
from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox
from talon_dyn.smoke import Options, Target, run

API_KEY = "k3y-8a1f-secret-for-smoke-tests"
APPLICATION_KEY = "0123456789abcdef"
EXPECTED = {
    ("updateCustomerProfile", "response_schema_conformance"),
    ("deleteCustomerData", "not_a_server_error"),
    ("deleteCustomerData", "status_code_conformance"),
    ("deleteCustomerData", "documented_not_found"),  # a 500 for a profile never written, not the documented 404
    ("createCouponReservation", "refused_with_4xx"),
}


def broken(sandbox: Sandbox) -> Callable[[httpx.Request], httpx.Response]:
    """A handler answering like ``sandbox`` except for the four deliberate faults."""
    spec = sandbox.spec

    def handle(request: httpx.Request) -> httpx.Response:
        found = spec.match(request.method, request.url.raw_path.decode("ascii"))
        operation = found[0].operation_id if found else ""
        response = sandbox.handle(request)
        if operation == "updateCustomerProfile" and response.status_code == 200:
            body = json.loads(response.content)
            del body["session"]
            return httpx.Response(200, json=body)
        if operation == "deleteCustomerData":
            return httpx.Response(500, json={"message": "database on fire"})
        if operation == "createCouponReservation" and response.status_code == 400:
            return httpx.Response(201, json=sandbox.coupon("SUMMER10"))
        if operation == "getReservedCustomers" and response.status_code == 404:
            seen = f"{request.headers.get('authorization')} {request.headers.get('content-signature')}"
            return httpx.Response(404, json={"message": f"no such coupon for {seen} (key {API_KEY})", "errors": []})
        return response

    return handle


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A seeded sandbox that accepts only this module's secret key."""
    box = Sandbox(seed=1, api_keys=(API_KEY,), application_key=APPLICATION_KEY)
    try:
        yield box
    finally:
        box.close()


@pytest.fixture
def broken_url(sandbox: Sandbox) -> Iterator[str]:
    """The broken target served over loopback TCP on a free port, stopped after the test."""
    with http_server(httpx_handler(broken(sandbox))) as url:
        yield url


def test_broken_target_fails_exactly_the_broken_checks(sandbox: Sandbox) -> None:
    """In process, the failures name exactly the broken operations and the checks that caught them."""
    target = Target(
        sandbox.spec, "http://broken.invalid", Credentials(api_key=API_KEY), httpx.MockTransport(broken(sandbox))
    )
    report = run(target, Options(seed=5, max_examples=4))
    assert {(failure.operation, failure.check) for failure in report.failures} == EXPECTED
    kinds = {(case.kind, case.operation) for case in report.cases if case.failures}
    assert ("negative", "createCouponReservation") in kinds
    assert ("generated", "deleteCustomerData") in kinds
    assert ("scenario", "updateCustomerProfile") in kinds
    assert not report.passed


def run_cli(url: str, tmp_path: Path, *extra: str, credentials: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Run ``talon-dyn smoke`` against ``url``; returns exit code, stdout, stderr, JUnit and JSON text."""
    junit, report = tmp_path / "smoke.xml", tmp_path / "smoke.json"
    out, err = io.StringIO(), io.StringIO()
    given = credentials if credentials is not None else ("--api-key", API_KEY)
    argv = [
        "smoke",
        "--base-url",
        url,
        *given,
        "--seed",
        "5",
        "--max-examples",
        "4",
        "--no-progress",
        "--junit",
        str(junit),
        "--json",
        str(report),
        *extra,
    ]
    code = main(argv, out=out, err=err)
    return {
        "code": code,
        "out": out.getvalue(),
        "err": err.getvalue(),
        "junit": junit.read_text(encoding="utf-8") if junit.exists() else "",
        "json": report.read_text(encoding="utf-8") if report.exists() else "",
    }


def test_cli_against_a_broken_deployment_exits_1_and_names_the_failures(broken_url: str, tmp_path: Path) -> None:
    """Over TCP, the run exits 1, the table marks the broken cells and each failure shows a curl and the response."""
    result = run_cli(broken_url, tmp_path)
    assert result["code"] == 1
    report = json.loads(result["json"])
    found = {
        (failure["operation"], failure["check"]) for case in report["cases"] for failure in case.get("failures", [])
    }
    assert found == EXPECTED
    checks_table = result["out"].split("\nstatuses", 1)[0]  # the kinds table comes before the status matrix
    rows = {line.split()[0]: line for line in checks_table.splitlines() if line.split()}
    assert "FAIL" in rows["deleteCustomerData"]
    assert "FAIL" in rows["createCouponReservation"]
    assert "FAIL" not in rows["trackEvent"]
    assert f"curl -X DELETE {broken_url}/v1/customer_data/" in result["out"]
    assert "database on fire" in result["out"]
    assert (
        "x refused_with_4xx: an invalid request (required $.integrationIDs missing) was answered 201" in result["out"]
    )
    assert "FAILED" in result["out"]


def test_junit_is_well_formed_with_the_right_counts(broken_url: str, tmp_path: Path) -> None:
    """The JUnit XML parses, and its test, failure and skip counts match the testcases and the JSON report."""
    result = run_cli(broken_url, tmp_path)
    root = ET.fromstring(result["junit"])
    counts = json.loads(result["json"])["counts"]
    cases = root.findall("./testsuite/testcase")
    assert root.tag == "testsuites"
    assert int(root.get("tests", "")) == len(cases) == counts["checks"]
    assert int(root.get("failures", "")) == len(root.findall("./testsuite/testcase/failure")) == counts["failed"] > 0
    assert int(root.get("skipped", "")) == len(root.findall("./testsuite/testcase/skipped")) == counts["skipped"]
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests", "")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "")) == len(suite.findall("testcase/failure"))
    failed = {case.get("classname") for case in cases if case.find("failure") is not None}
    assert "smoke.negative.createCouponReservation" in failed
    assert "smoke.scenario.updateCustomerProfile" in failed
    assert all(name.split(".")[2] in {op for op, _ in EXPECTED} for name in failed)


@pytest.mark.parametrize(
    "credentials",
    [("--api-key", API_KEY), ("--application-id", "1", "--application-key", APPLICATION_KEY)],
    ids=["api-key", "hmac"],
)
def test_no_secret_appears_in_any_output(broken_url: str, tmp_path: Path, credentials: tuple[str, ...]) -> None:
    """The key never appears in stdout, stderr, JUnit or JSON, even where the server echoes it back."""
    result = run_cli(broken_url, tmp_path, credentials=credentials)
    assert result["code"] == 1
    secret = credentials[-1]
    everything = "\n".join(str(value) for value in result.values())
    assert secret not in everything
    assert "***" in result["json"]
    echoed = [
        failure
        for case in json.loads(result["json"])["cases"]
        for failure in case.get("failures", [])
        if failure["operation"] == "createCouponReservation"
    ]
    assert echoed
    # reproducers name the credential by its environment variable, never by value
    assert all("$TALON_APPLICATION_KEY" in f["curl"] or "ApiKey-v1 $TALON_API_KEY" in f["curl"] for f in echoed)


def test_secret_from_the_environment_is_redacted(
    broken_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Credentials taken from TALON_BASE_URL and TALON_API_KEY work and are redacted the same way."""
    monkeypatch.setenv("TALON_BASE_URL", broken_url)
    monkeypatch.setenv("TALON_API_KEY", API_KEY)
    out, err = io.StringIO(), io.StringIO()
    code = main(["smoke", "--no-progress", "--max-examples", "2", "--checks", "negative"], out=out, err=err)
    assert code == 1
    assert broken_url in out.getvalue()
    assert API_KEY not in out.getvalue() + err.getvalue()


def test_connection_refused_is_exit_2(tmp_path: Path) -> None:
    """A target nobody listens on gives exit code 2 and a connection error, with no secret in it."""
    result = run_cli(closed_port_url(), tmp_path)
    assert result["code"] == 2
    assert "connection error" in result["err"]
    assert API_KEY not in result["err"] + result["out"]
