"""The transport family: each engine behind one small interface, with its own error mapping.

The clients build the whole request themselves (``Outgoing``: method, URL, header
pairs, body bytes, timeouts) and hand it to an engine, which answers an ``Incoming``:
status, raw header pairs and the body's raw bytes as they arrive on the wire (never
decoded: the client counts and decodes them under its own caps, ``_attempt``).

* sync default  ``HttpcoreEngine``  httpcore's pool, every network wait bounded by the attempt's deadline
* async default ``AiohttpEngine``   aiohttp (imported only when an async client sends first)
* ``transport=`` ``HttpxEngine`` / ``AsyncHttpxEngine`` around any httpx transport
  (``httpx.MockTransport``, the sandbox, ``httpx.HTTPTransport``...)

Every engine ends the attempt by the ``deadline`` it is given (a ``time.monotonic()``
instant): connecting, sending, the headers and every read of the body, however slowly the
bytes come. An engine raises ``WireError`` for every failure of its own library, saying
whether the request may have reached the server (so a POST is never repeated when it might
have).
The client above never knows which engine it talks to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from .._exceptions import ConnectionFailed, TalonTimeout, TransportError

__all__ = [
    "AsyncEngine",
    "AsyncIncoming",
    "Incoming",
    "Outgoing",
    "Sink",
    "SyncEngine",
    "WireError",
    "async_engine",
    "http_failure",
    "sync_engine",
    "timeout_error",
]

Headers = Sequence[tuple[bytes, bytes]]


class Outgoing(NamedTuple):
    """A request ready for the wire. ``headers`` are talon_dyn's own; the framing headers (Host,
    Content-Length) are each engine's to add, as its library expects."""

    method: str
    url: str  # absolute, already percent-encoded
    headers: list[tuple[str, str]]
    content: bytes | None
    timeout: dict[str, float]  # connect / read / write / pool seconds, as httpx's "timeout" extension


class WireError(Exception):
    """An engine's failure as talon_dyn sees it: the error to raise, whether the server may have seen the
    request, and whether a repeat could help. Control flow between an engine and the attempt loop only."""

    def __init__(self, error: TransportError, *, reached_server: bool, retryable: bool = True) -> None:
        super().__init__(str(error))
        self.error = error
        self.reached_server = reached_server
        self.retryable = retryable


def http_failure(exc: Exception, operation: str, errors: Any) -> WireError | None:
    """The ``WireError`` for a timeout or network error of httpx or httpcore (``errors`` is either module:
    they name their exception classes alike); None for any other error, which each engine maps itself."""
    if isinstance(exc, errors.ConnectTimeout):
        return WireError(TalonTimeout(f"connect timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, errors.PoolTimeout):
        return WireError(TalonTimeout(f"pool timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, errors.TimeoutException):
        phase = "read" if isinstance(exc, errors.ReadTimeout) else "write"
        return WireError(TalonTimeout(f"{phase} timeout: {exc}", operation=operation), reached_server=True)
    if isinstance(exc, errors.ConnectError):
        return WireError(ConnectionFailed(f"connection failed: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, (errors.NetworkError, errors.RemoteProtocolError)):
        error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {exc}", operation=operation)
        return WireError(error, reached_server=True)
    return None


def timeout_error(operation: str, seconds: float, *, reading: bool = False) -> WireError:
    """The attempt's deadline passed (connect, write and read together, or the call's remaining budget)."""
    limit = f"the attempt's total time limit of {seconds:.3g} s"
    if reading:
        message = f"read timeout: the body was still arriving when {limit} was reached"
    else:
        message = f"timeout: {limit} (connect, write and read together) was reached before the headers arrived"
    return WireError(TalonTimeout(message, operation=operation), reached_server=True)


class Sink(Protocol):
    """Where an engine puts the body's raw bytes as they arrive (``_attempt.Collector``)."""

    def add(self, chunk: bytes) -> None: ...


class Incoming(Protocol):
    @property
    def status(self) -> int: ...

    @property
    def raw_headers(self) -> Headers: ...

    def read_into(self, body: Sink) -> None: ...

    def close(self) -> None: ...


class AsyncIncoming(Protocol):
    @property
    def status(self) -> int: ...

    @property
    def raw_headers(self) -> Headers: ...

    async def read_into(self, body: Sink) -> None: ...

    async def aclose(self) -> None: ...


class SyncEngine(Protocol):
    def send(self, request: Outgoing, operation: str, deadline: float) -> Incoming: ...

    def close(self) -> None: ...


class AsyncEngine(Protocol):
    async def send(self, request: Outgoing, operation: str, deadline: float) -> AsyncIncoming: ...

    async def aclose(self) -> None: ...


def sync_engine(transport: Any) -> SyncEngine:
    """The engine for ``Client(transport=...)``: httpcore's pool by default, else the httpx transport given."""
    if transport is None:
        from ._httpcore import HttpcoreEngine

        return HttpcoreEngine()
    from ._httpx import HttpxEngine

    return HttpxEngine(transport)


def async_engine(transport: Any) -> AsyncEngine:
    """The engine for ``AsyncClient(transport=...)``: aiohttp by default, else the httpx transport given."""
    if transport is None:
        from ._aiohttp import AiohttpEngine

        return AiohttpEngine()
    from ._httpx import AsyncHttpxEngine

    return AsyncHttpxEngine(transport)
