"""Where a smoke run sends its requests, and how: ``Target`` and the async ``Sender``.

Requests are built by the core's ``prepare`` (the same bytes and signatures the client
sends) with validation off, so the smoke checks can send deliberately invalid requests
and read every response whole, whatever its status.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from .._attempt import ACCEPT_ENCODING, acollect
from .._auth import Credentials
from .._client import USER_AGENT
from .._exceptions import ConnectionFailed, TalonTimeout
from .._spec import Operation, Spec
from .._transports import Outgoing, WireError, async_engine
from ._records import Exchange
from ._redact import Redactor

__all__ = ["SANDBOX_URL", "Sender", "Target"]

SANDBOX_URL = "http://sandbox.talon.invalid"
MAX_BODY = 4 * 1024 * 1024


@dataclass
class Target:
    """A deployment (or an in-process sandbox) and the credentials to call it with."""

    spec: Spec
    base_url: str
    credentials: Credentials
    transport: httpx.AsyncBaseTransport | None = None
    timeout: float = 10.0
    description: str = ""
    extra_secrets: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not self.description:
            self.description = self.base_url

    def redactor(self) -> Redactor:
        return Redactor([*self.credentials.secrets(), *self.extra_secrets])


class Sender:
    """Sends prepared requests through the core's engines and records each exchange.

    The same engine family and body collector as the client: each request is bounded in total (its
    connect, write and read timeouts together, cut to what is left of the run's budget), and the body
    is counted on the wire and again as it inflates, so a dripping or exploding answer becomes a
    recorded failure in bounded time and memory.
    """

    def __init__(self, target: Target, deadline: float | None = None) -> None:
        self.target = target
        self.deadline = deadline
        self._engine = async_engine(target.transport)
        self._timeouts = {name: float(target.timeout) for name in ("connect", "read", "write", "pool")}

    async def aclose(self) -> None:
        await self._engine.aclose()

    def build(
        self, operation: Operation, arguments: Mapping[str, Any], credentials: Credentials | None = None
    ) -> httpx.Request:
        """The request ``arguments`` make (python names; ``body`` is the JSON body), nothing validated."""
        from .._codec import prepare

        prepared = prepare(self.target.spec, operation, arguments, credentials or self.target.credentials, mode="off")
        headers = [("Accept-Encoding", ACCEPT_ENCODING), ("User-Agent", USER_AGENT), *prepared.headers.items()]
        return httpx.Request(
            prepared.method, self.target.base_url + prepared.target, headers=headers, content=prepared.content
        )

    def seconds_left(self) -> float | None:
        """Seconds left of the run's budget (None without one)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    async def send(self, request: httpx.Request) -> Exchange:
        """Send ``request``; a refused connection raises ``ConnectionFailed``, other transport errors are recorded."""
        started = time.perf_counter()
        limit = 3 * self.target.timeout  # connect, write and read: the client's whole-attempt limit
        left = self.seconds_left()
        seconds = limit if left is None else max(min(limit, left), 0.001)
        headers = [(name, value) for name, value in request.headers.items() if name.lower() != "host"]
        outgoing = Outgoing(request.method, str(request.url), headers, request.content or None, self._timeouts)
        try:
            reply = await acollect(self._engine, outgoing, "smoke", MAX_BODY, seconds)
        except WireError as failure:
            elapsed = time.perf_counter() - started
            error = failure.error
            text = str(error).removeprefix("smoke: ")
            if isinstance(error, ConnectionFailed) and not failure.reached_server:
                raise ConnectionFailed(f"cannot reach {self.target.description}: {text}") from None
            if isinstance(error, TalonTimeout):
                text += f" (after {elapsed:.2f} s; --timeout {self.target.timeout:g})"
            return Exchange(request, None, f"{type(error).__name__}: {text}", elapsed)
        response = reply.response
        response.request = request
        return Exchange(request, response, None, time.perf_counter() - started)
