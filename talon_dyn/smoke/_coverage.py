"""Which documented statuses a run actually saw, per operation, and which undocumented ones appeared."""

from __future__ import annotations

from dataclasses import dataclass

from .._model.spec import Spec
from ._records import Report

__all__ = ["Coverage", "coverage", "slowest"]


@dataclass(frozen=True)
class Coverage:
    """One operation's row of the operation x status matrix."""

    operation: str
    seen: tuple[str, ...]
    """Documented statuses that were answered."""
    not_seen: tuple[str, ...]
    """Documented statuses that never were."""
    undocumented: tuple[str, ...]
    """Statuses answered that the spec does not document for the operation."""
    requests: int


def coverage(spec: Spec, report: Report) -> list[Coverage]:
    """The matrix, in spec order (operations with no request at all included: nothing of them was seen)."""
    by_operation: dict[str, list[int]] = {operation_id: [] for operation_id in spec.operations}
    for case in report.cases:
        exchange = case.exchange
        if exchange is not None and exchange.response is not None and case.operation in by_operation:
            by_operation[case.operation].append(exchange.response.status_code)
    rows = []
    for operation_id, statuses in by_operation.items():
        operation = spec.operations[operation_id]
        documented = [code for code in operation.responses if code != "default"]
        answered = {str(status) for status in statuses}
        seen = tuple(code for code in documented if _matches(code, answered))
        not_seen = tuple(code for code in documented if code not in seen)
        undocumented = tuple(sorted(str(status) for status in set(statuses) if operation.response_for(status) is None))
        rows.append(Coverage(operation_id, seen, not_seen, undocumented, len(statuses)))
    return rows


def _matches(code: str, answered: set[str]) -> bool:
    """``"4XX"`` ranges match any status of the class."""
    if code.upper().endswith("XX"):
        return any(status[0] == code[0] for status in answered)
    return code in answered


def slowest(report: Report) -> dict[str, float]:
    """The slowest answer of each operation, in seconds."""
    found: dict[str, float] = {}
    for case in report.cases:
        if case.exchange is not None and case.exchange.response is not None:
            found[case.operation] = max(found.get(case.operation, 0.0), case.exchange.elapsed)
    return found
