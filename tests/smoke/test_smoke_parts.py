"""The parts of the smoke tool: scenario files, options, redaction, JSON paths, generated and negative requests."""

from __future__ import annotations

import io
import time
from pathlib import Path

import httpx
import pytest

import talon_dyn
from talon_dyn.cli import main
from talon_dyn.smoke import Redactor
from talon_dyn.smoke._generate import arguments, draw
from talon_dyn.smoke._jsonpath import find
from talon_dyn.smoke._negative import probes
from talon_dyn.smoke._records import KINDS
from talon_dyn.smoke._scenarios import load_scenarios, substitute

FIXTURES = Path(__file__).parents[1] / "fixtures" / "smoke"
SPEC = talon_dyn.load()


def smoke(*argv: str, tty: bool = False) -> tuple[int, str, str]:
    """Run ``talon-dyn smoke ARGV``; stderr pretends to be a terminal when ``tty``."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return tty

    out, err = io.StringIO(), Terminal()
    code = main(["smoke", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("unknown-operation.yaml", "no operation 'createRefferal' (did you mean 'createReferral'?)"),
        ("forward-reference.yaml", "${steps.later.code} refers to no earlier step with id 'later'"),
        ("undefined-variable.yaml", "undefined variable(s) ['nobody_defined_this']"),
    ],
)
def test_broken_scenario_files_are_refused_with_exit_2(fixture: str, message: str) -> None:
    """A scenarios file with a mistake stops the run before any request, with exit code 2 and where it is."""
    code, out, err = smoke("--scenarios", str(FIXTURES / fixture), "--no-progress")
    assert code == 2
    assert message in err
    assert out == ""


def test_missing_scenarios_file_is_exit_2() -> None:
    """A --scenarios path that does not exist is a usage error."""
    code, _, err = smoke("--scenarios", str(FIXTURES / "no-such-file.yaml"), "--no-progress")
    assert code == 2
    assert "cannot read scenarios file" in err


@pytest.mark.parametrize(
    "argv",
    [["--checks", "everything"], ["--workers", "0"], ["--var", "no-equals-sign"], ["--max-examples", "-1"]],
)
def test_bad_options_are_exit_2(argv: list[str]) -> None:
    """Malformed options are usage errors (exit code 2)."""
    assert smoke(*argv)[0] == 2


def test_base_url_without_credentials_is_exit_2() -> None:
    """A deployment with no key configured is refused before any request, naming the options and variables."""
    code, _, err = smoke("--base-url", "http://127.0.0.1:9", "--no-progress")
    assert code == 2
    assert "--api-key" in err
    assert "TALON_API_KEY" in err


def test_help_says_which_checks_create_data() -> None:
    """--help explains which checks create data on a deployment and what --read-only runs."""
    code, out, _ = smoke("--help")
    assert code == 0
    assert "these create data" in out
    assert "--read-only runs only the" in out


def test_progress_line_on_a_terminal_only() -> None:
    """On a terminal stderr gets a live \\r progress line; elsewhere it stays quiet."""
    code, _, err = smoke("--checks", "negative", tty=True)
    assert code == 0
    assert "\r" in err
    assert "negative updateCustomerSessionV2" in err
    code, _, err = smoke("--checks", "negative", tty=False)
    assert (code, err) == (0, "")


def test_var_values_are_read_as_json_when_they_can_be() -> None:
    """--var referral_campaign=3 is the number 3 (a valid campaignId), and a non-JSON value stays text."""
    code, _, _ = smoke(
        "--checks", "scenarios", "--var", "referral_campaign=3", "--var", "coupon=SUMMER10", "--no-progress"
    )
    assert code == 0
    code, out, _ = smoke("--checks", "scenarios", "--var", 'referral_campaign="3"', "--no-progress")
    assert code == 1
    assert "x expected_status: status 400, expected 201" in out
    assert "'3' is not of type 'integer'" in out


def test_default_scenarios_cover_every_operation() -> None:
    """The packaged scenarios name every operation of the bundled spec."""
    loaded = load_scenarios(SPEC)
    covered = {step.operation.operation_id for scenario in loaded.scenarios for step in scenario.steps}
    assert covered == set(SPEC.operations)
    assert loaded.notes == []


def test_substitution_keeps_types_and_reads_earlier_responses() -> None:
    """A whole-string reference keeps the value's type; embedded references become text."""
    steps = {"ref": {"code": "REF-1", "items": [{"n": 2}]}}
    value = {"id": "${vars.id}", "text": "a-${run}-${steps.ref.code}", "n": "${steps.ref.items[0].n}"}
    assert substitute(value, "r1", {"id": 7}, steps) == {"id": 7, "text": "a-r1-REF-1", "n": 2}


def test_json_paths() -> None:
    """Paths read keys, indexes and wildcards; a missing key is reported as not found."""
    document = {"a": [{"b": 1}, {"b": 2}], "c d": True}
    assert find(document, "$.a[1].b") == (True, 2)
    assert find(document, "$.a[*].b") == (True, [1, 2])
    assert find(document, "$['c d']") == (True, True)
    assert find(document, "$.a[5].b") == (False, None)


def test_redactor_masks_secrets_everywhere() -> None:
    """Secrets are masked in text, JSON-escaped text, nested data and credential headers."""
    redactor = Redactor(['s3cr"et', "fefecafedeadbeef"])
    assert redactor.text('key s3cr"et and s3cr\\"et') == "key *** and ***"
    assert redactor.data({'s3cr"et': ["x fefecafedeadbeef"]}) == {"***": ["x ***"]}
    assert redactor.header("Authorization", "ApiKey-v1 anything") == "ApiKey-v1 ***"
    assert redactor.header("Content-Signature", "signer=1; signature=abc123") == "signer=1; signature=***"
    assert "s3cr" not in repr(redactor)


@pytest.mark.parametrize("operation", list(SPEC.operations))
def test_generated_requests_match_the_spec(operation: str) -> None:
    """Every generated body and parameter of every operation validates against its schema."""
    op = SPEC.operation(operation)
    examples = draw(arguments(SPEC, op), count=15, seed=9, deadline=time.monotonic() + 30)
    assert len(examples) == 15
    for example in examples:
        for parameter in op.parameters:
            if parameter.python_name in example:
                assert SPEC.validator.is_valid(parameter.schema_pointer or {}, example[parameter.python_name])
        if op.body is not None:
            assert SPEC.validator.is_valid(op.body.schema_pointer or {}, example["body"])


@pytest.mark.parametrize("operation", [op for op in SPEC.operations if SPEC.operation(op).body is not None])
def test_negative_bodies_violate_the_spec(operation: str) -> None:
    """Every negative probe body is invalid for the operation, and the valid request is kept otherwise."""
    op = SPEC.operation(operation)
    assert op.body is not None
    assert op.body.schema_pointer is not None
    valid = {"body": SPEC.resolve(op.body.schema or {})["examples"][0], "x": 1}
    found = [probe for probe in probes(SPEC, op, valid) if not probe.auth]
    assert found
    for probe in found:
        if probe.arguments["body"] is not valid["body"]:
            assert not SPEC.validator.is_valid(op.body.schema_pointer, probe.arguments["body"])
        assert probe.arguments["x"] == 1


def test_non_standard_json_numbers_fail_content_type_conformance() -> None:
    """A body with Infinity (which Python parses but JSON forbids) fails content_type_conformance."""
    import httpx

    from talon_dyn.smoke._checks import content_type_conformance, response_conformance
    from talon_dyn.smoke._records import Exchange

    op = SPEC.operation("getReservedCoupons")
    request = httpx.Request("GET", "http://x/v1/coupon_reservations/coupons/p")
    body = b'{"totalResultSize": Infinity, "data": []}'
    exchange = Exchange(request, httpx.Response(200, headers={"content-type": "application/json"}, content=body))
    failures = response_conformance(SPEC, op, exchange)
    assert [failure.check for failure in failures] == [content_type_conformance.__name__]
    assert "contains Infinity" in failures[0].message


def test_the_terminal_report_is_bounded_however_many_checks_fail() -> None:
    """Twelve kinds of failing check, five cases each, each case with a long answer: the terminal shows failing
    cases up to its line budget, then one line per remaining group, and points to the full reports."""
    from talon_dyn.smoke._records import Case, Exchange, Failure, Report
    from talon_dyn.smoke._report import FAILURE_LINES, format_report

    request = httpx.Request("PUT", "http://talon.test/v2/customer_sessions/s1", json={"customerSession": {}})
    answer = httpx.Response(200, json={"effects": [{"line": index} for index in range(200)]}, request=request)
    exchange = Exchange(request, answer, operation="updateCustomerSessionV2", arguments={"customer_session_id": "s1"})
    cases = [
        Case("generated", "updateCustomerSessionV2", f"example {index}", True)
        for check in range(12)
        for index in range(5)
    ]
    for number, case in enumerate(cases):
        case.failures.append(Failure(f"check_{number // 5}", case.operation, "went wrong", exchange))
    out = io.StringIO()
    format_report(Report("http://talon.test", "bundled", 1, cases, 0.1), Redactor([]), out)
    text = out.getvalue()
    shown = text.count("\n[generated]")
    assert 1 <= shown < 12 * 3
    assert text.count("more failing check_") == 12  # every group shows at most 3 of its 5, and says so
    assert "... 5 more failing check_11 checks (updateCustomerSessionV2)" in text
    assert "(--markdown, --json or --junit FILE lists every failure with its reproducer)" in text
    failures = text.split("Failures:", 1)[1]
    assert len(failures.splitlines()) <= FAILURE_LINES + 2 * 12 + 4 + len(KINDS)  # + one line per phase
