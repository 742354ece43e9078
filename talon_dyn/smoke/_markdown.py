"""``--markdown FILE``: a report for a pull-request comment or an issue.

The verdict and counts; the operation x status matrix (documented statuses seen and not seen,
undocumented ones that appeared); the failures grouped by operation and check, each with its
curl and Python reproducers (the first few of a group, then a count); the notes. Secrets masked.
"""

from __future__ import annotations

from .._model.spec import Spec
from .._redact import Redactor
from ._coverage import coverage
from ._records import Failure, Report
from ._report import MAX_BODY_SHOWN, response_text, summary_counts
from ._reproduce import curl, python_call

__all__ = ["SHOWN_PER_GROUP", "to_markdown"]

SHOWN_PER_GROUP = 5


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report, redactor: Redactor, spec: Spec) -> str:
    verdict = "PASSED" if report.passed else "FAILED"
    lines = [
        f"# talon-dyn smoke: {verdict}",
        "",
        f"**Target:** {_cell(report.target)} · **seed:** `{report.seed}` · {report.duration:.2f} s",
        "",
        f"{summary_counts(report)}.",
        "",
    ]
    if report.refused is not None:
        lines += [f"**Credentials refused:** {_cell(report.refused)}", ""]
    lines += [
        "## Coverage",
        "",
        "| operation | requests | documented statuses seen | documented, not seen | undocumented statuses |",
        "|---|---:|---|---|---|",
    ]
    for row in coverage(spec, report):
        lines.append(
            f"| `{row.operation}` | {row.requests} | {', '.join(row.seen) or '-'} | {', '.join(row.not_seen) or '-'}"
            f" | {', '.join(f'**{code}**' for code in row.undocumented) or '-'} |"
        )
    groups: dict[tuple[str, str], list[tuple[str, Failure]]] = {}
    for case in report.cases:
        for failure in case.failures:
            groups.setdefault((case.operation, failure.check), []).append((case.name, failure))
    lines += ["", "## Failures", ""]
    if not groups:
        lines += ["None.", ""]
    for (operation, check), items in groups.items():
        lines += [f"### `{operation}` · {check} ({len(items)})", ""]
        for name, failure in items[:SHOWN_PER_GROUP]:
            lines += [f"- **{_cell(name)}**: {_cell(failure.message)}"]
            exchange = failure.exchange
            if exchange is None:
                continue
            lines += [
                "",
                "  ```sh",
                *(f"  {line}" for line in curl(exchange.request, redactor, seed=report.seed).splitlines()),
                "  ```",
            ]
            python = python_call(exchange, redactor)
            if python:
                lines += ["", "  ```python", *(f"  {line}" for line in python.splitlines()), "  ```"]
            if exchange.response is not None:
                answer = response_text(exchange.response, redactor, MAX_BODY_SHOWN // 4)
                lines += ["", "  ```text", *(f"  {line}" for line in answer.splitlines()), "  ```"]
            else:
                lines += ["", f"  No response: {_cell(exchange.error or '')}"]
            lines.append("")
        if len(items) > SHOWN_PER_GROUP:
            lines += [f"... and {len(items) - SHOWN_PER_GROUP} more like these (the JSON report lists them all).", ""]
    if report.drift:
        lines += [
            "## Drift",
            "",
            f"{len(report.drift)} place(s) where answers differed from the spec (`--drift FILE` writes them as an "
            "overlay draft):",
            "",
            "| operation | status | JSON path | what |",
            "|---|---:|---|---|",
        ]
        lines += [
            f"| `{record.operation}` | {record.status} | `{_cell(record.json_path)}` | {_cell(record.message)} |"
            for record in report.drift[: SHOWN_PER_GROUP * 4]
        ]
        lines.append("")
    if report.notes:
        lines += ["## Notes", "", *(f"- {_cell(note)}" for note in report.notes), ""]
    return redactor.text("\n".join(lines).rstrip() + "\n")
