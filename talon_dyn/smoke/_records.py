"""What a smoke run produces: exchanges (request and response), failures, cases and the report.

A *case* is one checked request (or one scenario step); it passed when its checks
returned no failure. A *failure* names the check function that found it, the
operation, a one-line message, and the exchange to reproduce it with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

__all__ = ["KINDS", "NOT_RUN", "Case", "Exchange", "Failure", "Kind", "Outcome", "Report"]

Kind = Literal["credentials", "scenario", "generated", "boundary", "negative", "auth", "invariant"]
KINDS: tuple[Kind, ...] = ("credentials", "scenario", "generated", "boundary", "negative", "auth", "invariant")
NOT_RUN = "not run: "
"""How the skip reason of a check that never ran starts (the time budget ran out, or --fail-fast stopped)."""
Outcome = Literal["passed", "failed", "skipped"]


@dataclass(frozen=True)
class Exchange:
    """One request as sent and its response (None with ``error`` set when no answer came); ``operation`` and
    ``arguments`` (by Python name) say how to make the same call with talon_dyn."""

    request: httpx.Request
    response: httpx.Response | None
    error: str | None = None
    elapsed: float = 0.0
    operation: str = ""
    arguments: Mapping[str, Any] = field(default_factory=dict)
    cut: bool = False
    """No answer because the run's time budget ran out while the request was in flight: the check did not run
    (it is reported as not run, never as a failure of the target)."""


@dataclass(frozen=True)
class Failure:
    """One problem found by one named check."""

    check: str
    operation: str
    message: str
    exchange: Exchange | None = None
    expect: str | None = None
    """What should hold of the answer, as a Python expression over ``response`` (an ``httpx.Response``) and
    ``elapsed`` (seconds), where one says it (``response.status_code < 500``): the pytest reproducers assert it."""


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
    preceding: tuple[Exchange, ...] = ()
    """The requests of its scenario or invariant that came before it, in order (what a reproducer repeats first)."""

    @property
    def outcome(self) -> Outcome:
        if self.failures:
            return "failed"
        return "skipped" if self.skipped is not None else "passed"

    @property
    def not_run(self) -> bool:
        """Skipped because the run stopped before it (not because of --read-only or a missing example)."""
        return self.skipped is not None and self.skipped.startswith(NOT_RUN)


@dataclass
class Report:
    """The result of a run: every case in a stable order, and how it was run."""

    target: str
    spec: str
    seed: int
    cases: list[Case]
    duration: float
    notes: list[str] = field(default_factory=list)

    refused: str | None = None
    """Set when the credentials were refused (or could not be proven) before any check ran."""
    drift: list[Any] = field(default_factory=list)
    """Drift records (``talon_dyn._client.drift.DriftRecord``): where answers differed from the spec."""

    def count(self, outcome: Outcome) -> int:
        return sum(1 for case in self.cases if case.outcome == outcome)

    @property
    def not_run(self) -> int:
        return sum(1 for case in self.cases if case.not_run)

    @property
    def failures(self) -> list[Failure]:
        return [failure for case in self.cases for failure in case.failures]

    @property
    def passed(self) -> bool:
        return not self.failures and self.refused is None

    @property
    def requests(self) -> int:
        return sum(1 for case in self.cases if case.exchange is not None)
