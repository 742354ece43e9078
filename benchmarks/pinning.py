"""The loopback server and the measuring clients pinned apart, one CPU each, while a section measures.

Unpinned, the scheduler moves the server, the client and any runtime threads a client starts (pyreqwest's Tokio
workers) across the CPUs from one moment to the next, so a ratio depends on where each landed: raw pyreqwest
measured 1.2x raw aiohttp's calls/s in one run and 2.0x pinned, while aiohttp and talon_dyn's default engine moved
by under 2%. Pinned, every client of a section runs on the same CPU against a server that has the other to itself.
``BENCH_PIN=off`` measures unpinned.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def pinned_apart(server_pid: int) -> Iterator[str]:
    """Pin ``server_pid`` to the last CPU this process may use and this thread (and the threads it starts) to the
    first; this thread's CPUs are given back on exit. Yields what was done, for the report."""
    if os.environ.get("BENCH_PIN", "on") == "off":
        yield "not pinned: BENCH_PIN=off"
        return
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned: this platform cannot"
        return
    allowed = os.sched_getaffinity(0)
    cpus = sorted(allowed)
    if len(cpus) < 2:
        yield "not pinned: one CPU"
        return
    os.sched_setaffinity(server_pid, {cpus[-1]})
    os.sched_setaffinity(0, {cpus[0]})
    try:
        yield f"server pinned to CPU {cpus[-1]}, clients to CPU {cpus[0]}"
    finally:
        os.sched_setaffinity(0, allowed)
