"""The human report: the checks per operation and kind, the operation x status matrix, then the failures
grouped by check (the first few in full, with reproducers; then a count), notes and the verdict.

Everything shown passes through the run's ``Redactor``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TextIO

import httpx

from .._model.spec import Spec
from .._redact import Redactor
from ._coverage import coverage, slowest
from ._records import KINDS, Case, Exchange, Kind, Report
from ._reproduce import curl, python_call

__all__ = ["MAX_BODY_SHOWN", "SHOWN_PER_CHECK", "curl", "failure_groups", "format_report", "response_text"]

MAX_BODY_SHOWN = 2000
TERMINAL_BODY = 300
SHOWN_PER_CHECK = 3
FAILURE_LINES = 120
"""The terminal shows failing cases (with reproducers) up to this many lines; then one line a group."""
_HEADINGS: dict[Kind, str] = {
    "credentials": "credentials",
    "scenario": "scenarios",
    "generated": "generated",
    "boundary": "boundary",
    "negative": "negative",
    "auth": "auth",
    "invariant": "invariants",
}
_GREEN, _RED, _DIM, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def response_text(response: httpx.Response, redactor: Redactor, limit: int = MAX_BODY_SHOWN) -> str:
    """Status line, content type and (clipped) body of a response, secrets masked."""
    media = response.headers.get("content-type", "no content type")
    head = f"{response.status_code} {response.reason_phrase}".strip() + f" ({redactor.text(media)})"
    body = response.content.decode("utf-8", "replace")
    if len(body) > limit:
        body = body[:limit] + f"... ({len(response.content)} bytes in all)"
    return redactor.text(head + ("\n" + body if body else ""))


def failure_groups(report: Report) -> dict[str, list[Case]]:
    """Failing cases by the first check that failed, in the order the checks were first seen."""
    groups: dict[str, list[Case]] = {}
    for case in report.cases:
        if case.failures:
            groups.setdefault(case.failures[0].check, []).append(case)
    return groups


def _cell(cases: Sequence[Case]) -> tuple[str, str]:
    """The text of one table cell and its colour."""
    if not cases:
        return "-", _DIM
    failed = sum(1 for case in cases if case.outcome == "failed")
    ran = sum(1 for case in cases if case.outcome != "skipped")
    not_run = sum(1 for case in cases if case.not_run)
    if failed:
        return f"FAIL {failed}/{ran}", _RED
    if not ran:
        return ("not run" if not_run else "skipped"), _DIM
    return f"ok {ran}" + (f" +{not_run} not run" if not_run else ""), _GREEN


def format_report(
    report: Report, redactor: Redactor, out: TextIO, *, spec: Spec | None = None, color: bool = False
) -> None:
    """Write the tables, the failures and the summary to ``out``."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    print(redactor.text(f"talon-dyn smoke: {report.target}, spec {_spec_name(report.spec)}"), file=out)
    credentials = [case for case in report.cases if case.kind == "credentials"]
    if report.refused is not None:
        print(paint(redactor.text(f"credentials: {report.refused}"), _RED), file=out)
    elif credentials and credentials[0].exchange is not None and credentials[0].exchange.response is not None:
        status = credentials[0].exchange.response.status_code
        if status >= 500:
            said = (
                f"credentials: not proven ({credentials[0].operation} answered {status}, which says nothing of the key)"
            )
            print(paint(said, _RED), file=out)
        else:
            print(f"credentials: accepted ({credentials[0].operation} answered {status})", file=out)
    print(file=out)
    _kinds_table(report, out, paint)
    if spec is not None and report.refused is None:
        print(file=out)
        _status_table(spec, report, out)
    groups = failure_groups(report)
    if groups and report.refused is None:
        print(file=out)
        print(paint(f"Failures: {report.count('failed')} failing checks", _BOLD), file=out)
        budget, cut = FAILURE_LINES, False
        for check, cases in groups.items():
            shown = 0
            for case in cases[:SHOWN_PER_CHECK]:
                block = io.StringIO()
                _failing_case(case, redactor, block, report.seed)
                lines = block.getvalue().count("\n")
                if lines > budget:
                    break
                out.write(block.getvalue())
                budget, shown = budget - lines, shown + 1
            if len(cases) > shown:
                cut = True
                operations = sorted({case.operation for case in cases[shown:]})
                like = " like these" if shown else ""
                print(
                    f"\n... {len(cases) - shown} more failing {check} checks{like} ({', '.join(operations)})", file=out
                )
        if cut:
            print("(--markdown, --json or --junit FILE lists every failure with its reproducer)", file=out)
    print(file=out)
    for note in report.notes:
        print(redactor.text(f"note: {note}"), file=out)
    if report.drift:
        print(f"drift: {len(report.drift)} place(s) where answers differed from the spec (--drift FILE)", file=out)
    for line in phase_lines(report):
        print(line, file=out)
    print(_summary(report, paint), file=out)


def phase_lines(report: Report) -> list[str]:
    """One line per phase that ran: its cases, how many failed, and the time its requests took (summed)."""
    lines = []
    for kind in KINDS:
        cases = [case for case in report.cases if case.kind == kind]
        if not cases:
            continue
        failed = sum(1 for case in cases if case.outcome == "failed")
        seconds = sum(case.duration for case in cases)
        verdict = f", {failed} failed" if failed else ""
        lines.append(f"phase {_HEADINGS[kind]}: {len(cases)} case(s){verdict}, {seconds:.2f} s of requests")
    return lines


def _kinds_table(report: Report, out: TextIO, paint: Callable[[str, str], str]) -> None:
    kinds = [kind for kind in KINDS if kind != "credentials" and any(case.kind == kind for case in report.cases)]
    operations: list[str] = []
    for case in report.cases:
        if case.kind != "credentials" and case.operation not in operations:
            operations.append(case.operation)
    width = max([len("operation"), *map(len, operations)]) + 2
    header = "operation".ljust(width) + "".join(_HEADINGS[kind].ljust(16) for kind in kinds)
    print(paint(header.rstrip(), _BOLD), file=out)
    for operation in operations:
        line = operation.ljust(width)
        for kind in kinds:
            text, code = _cell([case for case in report.cases if case.operation == operation and case.kind == kind])
            line += paint(text, code) + " " * max(1, 16 - len(text))
        print(line.rstrip(), file=out)


def _status_table(spec: Spec, report: Report, out: TextIO) -> None:
    rows = coverage(spec, report)
    times = slowest(report)
    width = max([len("statuses"), *(len(row.operation) for row in rows)]) + 2
    head = "statuses".ljust(width) + "seen".ljust(22) + "documented, not seen".ljust(26) + "undocumented".ljust(16)
    print(head + "slowest", file=out)
    for row in rows:
        seen = ",".join(row.seen) or "-"
        missing = ",".join(row.not_seen) or "-"
        extra = ",".join(row.undocumented) or "-"
        took = f"{times[row.operation] * 1000:.0f} ms" if row.operation in times else "-"
        line = row.operation.ljust(width) + seen.ljust(22) + missing.ljust(26) + extra.ljust(16) + took
        print(line.rstrip(), file=out)


def _spec_name(source: str) -> str:
    from .._model.spec import BUNDLED_SPECS, bundled_name

    name = bundled_name(source)
    return source if name is None else f"bundled {name!r} ({BUNDLED_SPECS[name]})"


def _failing_case(case: Case, redactor: Redactor, out: TextIO, seed: int) -> None:
    print(file=out)
    print(redactor.text(f"[{case.kind}] {case.operation}: {case.name}"), file=out)
    for failure in case.failures:
        print(redactor.text(f"  x {failure.check}: {failure.message}"), file=out)
    exchange: Exchange | None = next((f.exchange for f in case.failures if f.exchange is not None), None)
    if exchange is None:
        return
    for number, line in enumerate(curl(exchange.request, redactor, seed=seed).splitlines()):
        print(("    curl:     " if number == 0 else "              ") + line, file=out)
    python = python_call(exchange, redactor)
    for number, line in enumerate(python.splitlines()):
        print(("    python:   " if number == 0 else "              ") + line, file=out)
    if exchange.response is None:
        print(redactor.text(f"    response: none ({exchange.error})"), file=out)
        return
    lines = response_text(exchange.response, redactor, TERMINAL_BODY).splitlines() or [""]
    print("    response: " + lines[0], file=out)
    for line in lines[1:]:
        print("              " + line, file=out)


def summary_counts(report: Report) -> str:
    """``N checks, M requests: P passed, F failed, S skipped, R not run``."""
    passed, failed = report.count("passed"), report.count("failed")
    not_run = report.not_run
    skipped = report.count("skipped") - not_run
    counts = f"{len(report.cases)} checks, {report.requests} requests: {passed} passed"
    if failed:
        counts += f", {failed} failed"
    if skipped:
        counts += f", {skipped} skipped"
    if not_run:
        counts += f", {not_run} not run"
    return counts


def _summary(report: Report, paint: Callable[[str, str], str]) -> str:
    tail = f" in {report.duration:.2f} s (seed {report.seed}; --seed {report.seed} repeats the generated requests)"
    verdict = paint("PASSED", _GREEN) if report.passed else paint("FAILED", _RED)
    return f"{verdict}: {summary_counts(report)}{tail}"
