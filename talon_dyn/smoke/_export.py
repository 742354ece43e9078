"""Machine-readable reports: JUnit XML (one testsuite per kind of check) and JSON. Secrets are masked."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .._redact import Redactor
from ._coverage import slowest
from ._records import KINDS, Case, Report
from ._report import response_text
from ._reproduce import curl, python_call

__all__ = ["to_json", "to_junit"]

# Characters XML 1.0 cannot carry at all (a generated body may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text))


def _details(case: Case, redactor: Redactor) -> list[str]:
    lines = []
    for failure in case.failures:
        lines.append(f"{failure.check}: {failure.message}")
        if failure.exchange is not None:
            lines.append("request: " + curl(failure.exchange.request, redactor, seed=None))
            if failure.exchange.response is not None:
                lines.append("response: " + response_text(failure.exchange.response, redactor))
            else:
                lines.append(f"response: none ({failure.exchange.error})")
    return [redactor.text(line) for line in lines]


def to_junit(report: Report, redactor: Redactor) -> str:
    """JUnit XML: ``testsuites`` > one ``testsuite`` per kind > one ``testcase`` per case."""
    suites = []
    for kind in KINDS:
        cases = [case for case in report.cases if case.kind == kind]
        if not cases:
            continue
        failed = sum(1 for case in cases if case.outcome == "failed")
        skipped = sum(1 for case in cases if case.outcome == "skipped")
        seconds = sum(case.duration for case in cases)
        body = []
        for case in cases:
            attrs = (
                f"classname={_xml_attr(f'smoke.{kind}.{case.operation}')} name={_xml_attr(redactor.text(case.name))}"
                f' time="{case.duration:.3f}"'
            )
            if case.outcome == "failed":
                first = case.failures[0]
                message = redactor.text(f"{first.check}: {first.message}")
                text = "\n".join(_details(case, redactor))
                inner = (
                    f"<failure message={_xml_attr(message)} type={_xml_attr(first.check)}>{_xml_text(text)}</failure>"
                )
                body.append(f"    <testcase {attrs}>\n      {inner}\n    </testcase>")
            elif case.outcome == "skipped":
                body.append(
                    f"    <testcase {attrs}>\n      <skipped message={_xml_attr(case.skipped or '')}/>\n    </testcase>"
                )
            else:
                body.append(f"    <testcase {attrs}/>")
        suites.append(
            f'  <testsuite name="talon-dyn smoke {kind}" tests="{len(cases)}" failures="{failed}" errors="0"'
            f' skipped="{skipped}" time="{seconds:.3f}">\n' + "\n".join(body) + "\n  </testsuite>"
        )
    total_failed = report.count("failed")
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="talon-dyn smoke" tests="{len(report.cases)}"'
        f' failures="{total_failed}" errors="0" skipped="{report.count("skipped")}" time="{report.duration:.3f}">\n'
    )
    return redactor.text(head + "\n".join(suites) + "\n</testsuites>\n")


def to_json(report: Report, redactor: Redactor) -> str:
    """The whole report as JSON: summary, and every case with its failures and reproducers."""
    cases: list[dict[str, Any]] = []
    for case in report.cases:
        entry: dict[str, Any] = {
            "kind": case.kind,
            "operation": case.operation,
            "name": case.name,
            "outcome": case.outcome,
            "writes": case.writes,
            "seconds": round(case.duration, 4),
        }
        if case.exchange is not None:
            entry["request"] = {"method": case.exchange.request.method, "url": str(case.exchange.request.url)}
            if case.exchange.response is not None:
                entry["status"] = case.exchange.response.status_code
        if case.skipped is not None:
            entry["skipped"] = case.skipped
        if case.failures:
            entry["failures"] = [_failure(failure, redactor) for failure in case.failures]
        cases.append(entry)
    document = {
        "target": report.target,
        "spec": report.spec,
        "seed": report.seed,
        "seconds": round(report.duration, 3),
        "passed": report.passed,
        "counts": {
            "checks": len(report.cases),
            "requests": report.requests,
            "passed": report.count("passed"),
            "failed": report.count("failed"),
            "skipped": report.count("skipped") - report.not_run,
            "not_run": report.not_run,
        },
        "refused": report.refused,
        "notes": report.notes,
        "drift": [asdict(record) for record in report.drift],
        "slowest": {operation: round(seconds, 4) for operation, seconds in sorted(slowest(report).items())},
        "cases": cases,
    }
    return redactor.text(json.dumps(redactor.data(document), ensure_ascii=False, indent=2)) + "\n"


def _failure(failure: Any, redactor: Redactor) -> dict[str, Any]:
    found: dict[str, Any] = {"check": failure.check, "operation": failure.operation, "message": failure.message}
    exchange = failure.exchange
    if exchange is not None:
        request = exchange.request
        found["curl"] = curl(request, redactor)
        found["python"] = python_call(exchange, redactor)
        found["request"] = {
            "method": request.method,
            "url": str(request.url),
            "headers": dict(redactor.headers(request.headers.multi_items())),
            "body": request.content.decode("utf-8", "replace"),
        }
        if exchange.response is not None:
            found["response"] = {
                "status": exchange.response.status_code,
                "headers": dict(redactor.headers(exchange.response.headers.multi_items())),
                "body": exchange.response.content.decode("utf-8", "replace"),
            }
        else:
            found["response"] = None
            found["error"] = exchange.error
    return found
