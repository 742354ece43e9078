"""``talon-dyn smoke`` against the embedded sandbox: the default run is green, and the options shape the run."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import talon_dyn
from talon_dyn.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "smoke"
OPERATIONS = list(talon_dyn.load().operations)


def smoke(*argv: str) -> tuple[int, str, str]:
    """Run ``talon-dyn smoke ARGV`` and return the exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["smoke", "--no-progress", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def json_report(tmp_path: Path, *argv: str) -> tuple[int, dict[str, Any], str]:
    """Run smoke with ``--json`` and return the exit code, the parsed JSON report and stdout."""
    target = tmp_path / "report.json"
    code, out, _ = smoke("--json", str(target), *argv)
    return code, json.loads(target.read_text(encoding="utf-8")), out


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any], str]:
    """The default run (every check, 10 generated requests per operation), once for this module."""
    return json_report(tmp_path_factory.mktemp("default"), "--seed", "7")


def test_default_run_passes_every_check(default_run: tuple[int, dict[str, Any], str]) -> None:
    """With no target the embedded sandbox passes every check and the exit code is 0."""
    code, report, out = default_run
    failing = [(case["operation"], case["name"], case["failures"]) for case in report["cases"] if "failures" in case]
    assert failing == []
    assert code == 0
    assert report["counts"]["failed"] == report["counts"]["skipped"] == 0
    assert report["counts"]["passed"] == report["counts"]["checks"] > 100
    assert "PASSED" in out


def test_default_run_checks_every_operation_four_ways(default_run: tuple[int, dict[str, Any], str]) -> None:
    """Every operation of the spec is covered by a scenario step, generated requests, negative probes and the
    three kinds of bad credentials."""
    _, report, out = default_run
    for kind in ("scenario", "generated", "auth"):
        covered = {case["operation"] for case in report["cases"] if case["kind"] == kind}
        assert covered == set(OPERATIONS), kind
    negative = {case["operation"] for case in report["cases"] if case["kind"] == "negative"}
    breakable = {op.operation_id for op in talon_dyn.load() if op.body is not None}
    assert breakable <= negative <= set(OPERATIONS)  # an operation with nothing to break has no negative probe
    generated = [case for case in report["cases"] if case["kind"] == "generated"]
    assert len(generated) == 10 * len(OPERATIONS)
    checks_table = out.split("\nstatuses", 1)[0]  # the kinds table comes before the status matrix
    rows = {
        line.split()[0]: line.split()[1:]
        for line in checks_table.splitlines()
        if line.split()[:1] in [[op] for op in OPERATIONS]
    }
    assert set(rows) == set(OPERATIONS)
    assert all(cells[0] == cells[2] == "ok" and cells[-2] == "ok" for cells in rows.values())


def test_negative_probes_include_missing_fields_wrong_types_and_bad_credentials(
    default_run: tuple[int, dict[str, Any], str],
) -> None:
    """The negative checks drop required fields and send wrong types; the auth checks send no Authorization,
    a malformed one and a wrong key to every operation; all are refused (401 for every credentials probe)."""
    _, report, _ = default_run
    names = {(case["operation"], case["name"]) for case in report["cases"] if case["kind"] == "negative"}
    assert ("createReferral", "required $.campaignId missing") in names
    assert ("createReferral", "$.campaignId of the wrong type (string)") in names
    assert ("getCustomerInventory", "query parameter profile of the wrong type") in names
    statuses = {case["status"] for case in report["cases"] if case["kind"] == "negative"}
    assert statuses <= {400, 404}
    auth = [case for case in report["cases"] if case["kind"] == "auth"]
    for probe in ("no Authorization", "a malformed Authorization", "a wrong API key"):
        assert {case["operation"] for case in auth if case["name"] == probe} == set(OPERATIONS)
    assert {case["status"] for case in auth} == {401}


def test_same_seed_sends_the_same_generated_requests(tmp_path: Path) -> None:
    """Two runs with the same --seed generate exactly the same requests; another seed generates others."""

    def generated(seed: str) -> list[str]:
        _, report, _ = json_report(tmp_path, "--checks", "generated", "--max-examples", "4", "--seed", seed)
        return [case["request"]["url"] for case in report["cases"] if case["kind"] == "generated"]

    first = generated("11")
    assert first == generated("11")
    assert first != generated("12")


def test_read_only_runs_only_get_operations(tmp_path: Path) -> None:
    """--read-only skips every check of an operation that creates data and runs those of GET operations, and
    the auth checks of every operation (a refused request changes nothing)."""
    code, report, out = json_report(tmp_path, "--read-only", "--max-examples", "2")
    assert code == 0
    ran = {case["operation"] for case in report["cases"] if case["outcome"] != "skipped" and case["kind"] != "auth"}
    methods = {op.operation_id: op.method for op in talon_dyn.load()}
    assert ran == {name for name, method in methods.items() if method == "GET"}
    authed = {case["operation"] for case in report["cases"] if case["kind"] == "auth" and case["outcome"] == "passed"}
    assert authed == set(methods)
    assert all(not case["writes"] for case in report["cases"] if case["outcome"] != "skipped")
    assert all(case["outcome"] == "skipped" for case in report["cases"] if case["writes"])
    assert "--read-only" in out


def test_checks_option_selects_the_kinds_that_run(tmp_path: Path) -> None:
    """--checks negative runs only negative probes."""
    code, report, _ = json_report(tmp_path, "--checks", "negative")
    assert code == 0
    assert {case["kind"] for case in report["cases"]} == {"credentials", "negative"}  # the credentials go first


def test_team_scenarios_run_besides_the_default_ones(tmp_path: Path) -> None:
    """--scenarios adds a team's file whose steps use its variables and an earlier step's response."""
    code, report, _ = json_report(
        tmp_path, "--checks", "scenarios", "--scenarios", str(FIXTURES / "team.yaml"), "--var", "tier=platinum"
    )
    assert code == 0
    team = [case for case in report["cases"] if case["name"].startswith("team profile round trip")]
    assert [case["outcome"] for case in team] == ["passed", "passed"]
    assert "team-" in team[1]["request"]["url"]
    assert len({case["name"].split(" / ")[0] for case in report["cases"]}) > 1  # the defaults ran too


def test_failing_expectations_name_the_step_and_skip_the_rest(tmp_path: Path) -> None:
    """A scenario step whose expected value and effect are not met fails by name, and later steps are skipped."""
    code, report, out = json_report(
        tmp_path,
        "--checks",
        "scenarios",
        "--no-default-scenarios",
        "--scenarios",
        str(FIXTURES / "failing-expectation.yaml"),
    )
    assert code == 1
    first, second = [case for case in report["cases"] if case["kind"] == "scenario"]
    assert first["outcome"] == "failed"
    assert {failure["check"] for failure in first["failures"]} == {"expected_values", "expected_effects"}
    assert '$.customerSession.state: "open", expected "closed"' in out
    assert second["outcome"] == "skipped"


def test_workers_do_not_change_the_report(tmp_path: Path) -> None:
    """One worker and eight workers give the same cases in the same order with the same outcomes."""

    def cases(workers: str) -> list[tuple[str, str, str, str]]:
        _, report, _ = json_report(tmp_path, "--max-examples", "2", "--seed", "3", "--workers", workers)
        return [(c["kind"], c["operation"], c["name"], c["outcome"]) for c in report["cases"]]

    assert cases("1") == cases("8")


def test_nothing_to_run_is_a_usage_error() -> None:
    """Options that leave nothing to run exit with code 2 and say so."""
    code, _, err = smoke("--read-only", "--checks", "scenarios")
    assert code == 2
    assert "nothing to run" in err


CURRENT_DOCUMENT = Path(__file__).parents[1] / "fixtures" / "talon-openapi-2026.yaml"


@pytest.mark.slow
@pytest.mark.no_cover  # ~2,000 checks through lines the default run covers
@pytest.mark.parametrize("spec", ["current", str(CURRENT_DOCUMENT)], ids=["bundled-current", "whole-2026-document"])
def test_the_current_api_is_green_with_no_drift(tmp_path: Path, spec: str) -> None:
    """Talon's current spec (the bundled 36 operations, and the vendor's whole 220-operation document) against
    the embedded sandbox: every check passes, none is skipped, and no answer drifts from the spec."""
    # The whole document: one example each and no boundary phase (the bundled case runs it), ~1,800 checks.
    extra = (
        ("--max-examples", "3")
        if spec == "current"
        else ("--max-examples", "1", "--checks", "scenarios,generated,negative,auth")
    )
    code, report, out = json_report(tmp_path, "--spec", spec, "--seed", "11", *extra)
    failing = [(case["operation"], case["name"], case["failures"]) for case in report["cases"] if "failures" in case]
    assert failing == []
    assert code == 0, out
    skipped = sorted((case["operation"], case["name"]) for case in report["cases"] if case["outcome"] == "skipped")
    # the one thing that cannot run: paging through achievements, which the sandbox does not model (none exist)
    assert skipped == (
        [("getCustomerAchievementHistory", "paging"), ("getCustomerAchievements", "paging")]
        if spec == "current"
        else []
    )
    assert report["counts"]["failed"] == 0
    assert report["drift"] == []
    operations = {case["operation"] for case in report["cases"]}
    assert len(operations) == len(talon_dyn.load(spec).operations)
    scenario_steps = [case for case in report["cases"] if case["kind"] == "scenario"]
    assert len(scenario_steps) >= 40  # the current API's default flows (scenarios-current.yaml), all run
    assert "default scenario skipped" not in out


def test_the_whole_2026_document_keeps_the_stateful_invariants(tmp_path: Path) -> None:
    """The invariants over the vendor's whole document, after its scenarios: every request builds (required query
    parameters included), the sandbox answers 404 for an application it is not, and what it cannot check is skipped
    with a reason."""
    code, report, out = json_report(
        tmp_path, "--spec", str(CURRENT_DOCUMENT), "--seed", "11", "--checks", "scenarios,invariants"
    )
    failing = [(case["operation"], case["name"], case["failures"]) for case in report["cases"] if "failures" in case]
    assert failing == []
    assert code == 0, out
    invariants = [case for case in report["cases"] if case["kind"] == "invariant"]
    assert sum(case["outcome"] == "passed" for case in invariants) >= 200
    not_found = {case["operation"] for case in invariants if case["name"].startswith("documented_not_found")}
    assert {"listCollectionsInApplication", "updateStore", "deleteStore"} <= not_found
    assert all(case["skipped"] for case in invariants if case["outcome"] == "skipped")
    assert report["drift"] == []
