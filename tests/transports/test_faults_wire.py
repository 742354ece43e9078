"""The fault matrix over a real loopback socket, on both default engines (httpcore sync, aiohttp async) and on
``engine="pyreqwest"`` (both flavours).

The same ``CASES`` as the transport-level matrix (test_faults_sync/async.py, which run the httpx
engine through ``transport=``), played in bytes by ``wire_faults.FaultServer``: each fault
keeps its exact outcome (error type, message fragments, attempts, waits) and a POST that may
have reached the server is sent at most once. A case that waits for an attempt's time limit (a silent server,
a dripping body) has 0.4 s; the others 5 s, so a loaded machine never cuts a healthy attempt short.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from faults import CAP, CASES, POST_EVENT, POSTS, Case, Waits, arguments, success_body
from wire_faults import UNSERVABLE, FaultServer

import talon_dyn

SPEC = talon_dyn.load()
WIRE_CASES = [
    case
    for case in CASES
    if not UNSERVABLE & {fault.name for fault in case.faults}
    # The POST cases once, on one POST: on the wire a POST is a POST (the engines never see the operation);
    # the client's matrix (tests/client/test_faults.py) runs them for all three, in process.
    and (case.operation not in POSTS or case.operation == POST_EVENT)
]


class ServerWaits(Waits):
    """The injected clock, which also lets a refusing server listen again between attempts."""

    def __init__(self, server: FaultServer) -> None:
        super().__init__()
        self.server = server

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        self.server.reopen()


TIMING_FAULTS = frozenset({"read-timeout", "slow-drip"})
"""Faults that end an attempt by its time limit: only their cases need a short one."""


def _options(waits: Waits, engine: str, timeout: float) -> dict[str, Any]:
    settings = {"api_key": "fault-key", "retry": waits.retry(), "max_response_bytes": CAP, "timeout": timeout}
    return {**settings, "engine": "pyreqwest"} if engine.startswith("pyreqwest") else settings


def _limit(case: Case) -> float:
    """0.4 s where the case waits for an attempt's time limit to pass (the suite's time); else 5 s, so a healthy
    attempt on a loaded machine is never cut short (a 500 that took 0.4 s there was retried as a timeout)."""
    return 0.4 if TIMING_FAULTS & {fault.name for fault in case.faults} else 5.0


def _sync(server: FaultServer, waits: Waits, operation: str, body: Any, engine: str, timeout: float) -> Any:
    with talon_dyn.Client(base_url=server.url, **_options(waits, engine, timeout)) as client:
        op = SPEC.operation(operation)
        try:
            return getattr(client, op.python_name)(**arguments(SPEC, op, body))
        except talon_dyn.TalonDynError as error:
            return error


def _async(server: FaultServer, waits: Waits, operation: str, body: Any, engine: str, timeout: float) -> Any:
    async def call() -> Any:
        async with talon_dyn.AsyncClient(base_url=server.url, **_options(waits, engine, timeout)) as client:
            op = SPEC.operation(operation)
            try:
                return await getattr(client, op.python_name)(**arguments(SPEC, op, body))
            except talon_dyn.TalonDynError as error:
                return error

    return asyncio.run(call())


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["httpcore", "aiohttp", "pyreqwest-sync", "pyreqwest-async"])
@pytest.mark.parametrize("case", WIRE_CASES, ids=[case.name for case in WIRE_CASES])
def test_fault_matrix_on_the_wire(case: Case, engine: str) -> None:
    """Each fault, played on a real socket, ends in the documented outcome on both default engines."""
    with FaultServer(SPEC, case.faults) as server:
        waits = ServerWaits(server)
        play = _sync if engine in ("httpcore", "pyreqwest-sync") else _async
        result = play(server, waits, case.operation, case.body, engine, _limit(case))
    # A refused attempt is seen only by its absence: each one consumed its "refused" fault, and a call that
    # ended while the port was refusing ended on one more.
    refusing_at_the_end = bool(server.faults) and server.faults[0].name == "refused"
    attempts = server.delivered + server.injected.count("refused") + refusing_at_the_end
    if case.error is None:
        assert result == success_body(SPEC, SPEC.operation(case.operation))
    else:
        assert type(result) is case.error, repr(result)
        # the message, then each attempt as a log prints its record: ``attempt 3: HTTP 409``
        told = "\n".join([str(result), *(f"attempt {a.number}: {a}" for a in result.attempts)])
        for fragment in case.says:
            assert fragment in told, (fragment, told)
        assert len(result.attempts) == case.attempts
    assert attempts == case.attempts
    assert server.delivered == case.delivered  # a POST that may have arrived is never sent twice
    if case.waits is not None:
        assert tuple(waits.slept) == case.waits
