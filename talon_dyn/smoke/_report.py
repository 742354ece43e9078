"""The human report: a table per operation and kind of check, then each failure with a curl reproducer.

Everything shown passes through the run's ``Redactor``: secrets become ``***`` and the
credential headers of a reproducer are masked by name.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from typing import TextIO

import httpx

from ._records import KINDS, Case, Exchange, Kind, Report
from ._redact import Redactor

__all__ = ["MAX_BODY_SHOWN", "curl", "format_report", "response_text"]

MAX_BODY_SHOWN = 2000
MAX_SHOWN_PER_GROUP = 2
_HEADINGS: dict[Kind, str] = {"scenario": "scenarios", "generated": "generated", "negative": "negative"}
_GREEN, _RED, _DIM, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def curl(request: httpx.Request, redactor: Redactor) -> str:
    """A shell command that repeats ``request``, credentials masked."""
    parts = ["curl", "-X", request.method, shlex.quote(redactor.text(str(request.url)))]
    for name, value in request.headers.multi_items():
        if name.lower() in ("host", "content-length", "accept-encoding", "connection", "user-agent"):
            continue
        parts += ["-H", shlex.quote(f"{name}: {redactor.header(name, value)}")]
    content = request.content
    if content:
        parts += ["--data-raw", shlex.quote(redactor.text(content.decode("utf-8", "replace")))]
    return " ".join(parts)


def response_text(response: httpx.Response, redactor: Redactor, limit: int = MAX_BODY_SHOWN) -> str:
    """Status line, content type and (clipped) body of a response, secrets masked."""
    media = response.headers.get("content-type", "no content type")
    head = f"{response.status_code} {response.reason_phrase}".strip() + f" ({redactor.text(media)})"
    body = response.content.decode("utf-8", "replace")
    if len(body) > limit:
        body = body[:limit] + f"... ({len(response.content)} bytes in all)"
    return redactor.text(head + ("\n" + body if body else ""))


def _cell(cases: Sequence[Case]) -> tuple[str, str]:
    """The text of one table cell and its colour."""
    if not cases:
        return "-", _DIM
    failed = sum(1 for case in cases if case.outcome == "failed")
    ran = sum(1 for case in cases if case.outcome != "skipped")
    if failed:
        return f"FAIL {failed}/{ran}", _RED
    if not ran:
        return "skipped", _DIM
    return f"ok {ran}", _GREEN


def format_report(report: Report, redactor: Redactor, out: TextIO, *, color: bool = False) -> None:
    """Write the table, the failures and the summary to ``out``."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    kinds = [kind for kind in KINDS if any(case.kind == kind for case in report.cases)]
    operations: list[str] = []
    for case in sorted(report.cases, key=lambda case: (case.kind != "generated", case.kind != "negative")):
        if case.operation not in operations:
            operations.append(case.operation)
    width = max([len("operation"), *map(len, operations)]) + 2
    print(redactor.text(f"talon-dyn smoke: {report.target}, spec {_spec_name(report.spec)}"), file=out)
    print(file=out)
    header = "operation".ljust(width) + "".join(_HEADINGS[kind].ljust(14) for kind in kinds)
    print(paint(header.rstrip(), _BOLD), file=out)
    for operation in operations:
        line = operation.ljust(width)
        for kind in kinds:
            text, code = _cell([case for case in report.cases if case.operation == operation and case.kind == kind])
            line += paint(text, code) + " " * max(1, 14 - len(text))
        print(line.rstrip(), file=out)
    failing = [case for case in report.cases if case.failures]
    if failing:
        print(file=out)
        print(paint(f"Failures: {len(failing)} failing checks", _BOLD), file=out)
        shown: dict[tuple[Kind, str], int] = {}
        for case in failing:
            group = (case.kind, case.operation)
            shown[group] = shown.get(group, 0) + 1
            if shown[group] <= MAX_SHOWN_PER_GROUP:
                _failing_case(case, redactor, out)
        hidden = {group: count - MAX_SHOWN_PER_GROUP for group, count in shown.items() if count > MAX_SHOWN_PER_GROUP}
        if hidden:
            print(file=out)
            for (kind, operation), count in hidden.items():
                print(f"... {count} more failing [{kind}] {operation} checks like these", file=out)
            print("(--json FILE or --junit FILE lists every failure with its reproducer)", file=out)
    print(file=out)
    for note in report.notes:
        print(redactor.text(f"note: {note}"), file=out)
    print(_summary(report, paint), file=out)


def _spec_name(source: str) -> str:
    from .._spec import bundled_path

    return "bundled (talon-integration.yaml)" if source == str(bundled_path()) else source


def _failing_case(case: Case, redactor: Redactor, out: TextIO) -> None:
    print(file=out)
    print(redactor.text(f"[{case.kind}] {case.operation}: {case.name}"), file=out)
    for failure in case.failures:
        print(redactor.text(f"  x {failure.check}: {failure.message}"), file=out)
    exchange: Exchange | None = next((f.exchange for f in case.failures if f.exchange is not None), None)
    if exchange is None:
        return
    print("    request:  " + curl(exchange.request, redactor), file=out)
    if exchange.response is None:
        print(redactor.text(f"    response: none ({exchange.error})"), file=out)
        return
    lines = response_text(exchange.response, redactor).splitlines() or [""]
    print("    response: " + lines[0], file=out)
    for line in lines[1:]:
        print("              " + line, file=out)


def _summary(report: Report, paint: Callable[[str, str], str]) -> str:
    passed, failed, skipped = report.count("passed"), report.count("failed"), report.count("skipped")
    counts = f"{len(report.cases)} checks, {report.requests} requests: {passed} passed"
    if failed:
        counts += f", {failed} failed"
    if skipped:
        counts += f", {skipped} skipped"
    tail = f" in {report.duration:.2f} s (seed {report.seed}; --seed {report.seed} repeats the generated requests)"
    verdict = paint("FAILED", _RED) if failed else paint("PASSED", _GREEN)
    return f"{verdict}: {counts}{tail}"
