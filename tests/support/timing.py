"""Wall-clock bounds that hold on a busy machine.

A bound such as "the attempt ends by its 0.3 s timeout" needs slack for the client's own work and the scheduler.
On an idle machine 0.2 s is plenty; with another test suite on both cores a healthy call can take ten times as
long. So a bound gets the slack a baseline says the machine needs *now*: the same kind of work (a healthy call on
the same engine, set-up and tear-down included), timed in the same test just before the measured one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

__all__ = ["slack", "slowest"]


def slowest(work: Callable[[], Any], times: int = 2) -> float:
    """The longer of ``times`` runs of ``work``, in seconds: what that work costs on this machine right now."""
    worst = 0.0
    for _ in range(times):
        started = time.monotonic()
        work()
        worst = max(worst, time.monotonic() - started)
    return worst


def slack(baseline: float, idle: float) -> float:
    """The slack for a bound: ``idle`` (enough on an idle machine) plus four baselines (work that just took
    ``baseline`` may take that long again, more than once, inside the measured call)."""
    return idle + 4 * baseline
