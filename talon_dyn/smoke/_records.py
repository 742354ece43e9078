"""What a smoke run produces: exchanges (request and response), failures, cases and the report.

A *case* is one checked request (or one scenario step); it passed when its checks
returned no failure. A *failure* names the check function that found it, the
operation, a one-line message, and the exchange to reproduce it with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import httpx

__all__ = ["KINDS", "Case", "Exchange", "Failure", "Kind", "Outcome", "Report"]

Kind = Literal["scenario", "generated", "negative"]
KINDS: tuple[Kind, ...] = ("scenario", "generated", "negative")
Outcome = Literal["passed", "failed", "skipped"]


@dataclass(frozen=True)
class Exchange:
    """One request as sent and its response (None with ``error`` set when no answer came)."""

    request: httpx.Request
    response: httpx.Response | None
    error: str | None = None
    elapsed: float = 0.0


@dataclass(frozen=True)
class Failure:
    """One problem found by one named check."""

    check: str
    operation: str
    message: str
    exchange: Exchange | None = None


@dataclass
class Case:
    """One checked request: a scenario step, a generated example or a negative probe."""

    kind: Kind
    operation: str
    name: str
    writes: bool
    failures: list[Failure] = field(default_factory=list)
    skipped: str | None = None
    exchange: Exchange | None = None
    duration: float = 0.0

    @property
    def outcome(self) -> Outcome:
        if self.failures:
            return "failed"
        return "skipped" if self.skipped is not None else "passed"


@dataclass
class Report:
    """The result of a run: every case in a stable order, and how it was run."""

    target: str
    spec: str
    seed: int
    cases: list[Case]
    duration: float
    notes: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for case in self.cases if case.outcome == outcome)

    @property
    def failures(self) -> list[Failure]:
        return [failure for case in self.cases for failure in case.failures]

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def requests(self) -> int:
        return sum(1 for case in self.cases if case.exchange is not None)
