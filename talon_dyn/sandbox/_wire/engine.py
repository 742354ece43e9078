"""The sandbox as an engine of the client's transport family: ``Client(engine=sandbox.engine())``.

The client hands its ``Outgoing`` request (method, URL, header pairs, body bytes) straight to
the sandbox's pipeline and reads the answer's bytes back: no httpx object and no socket on the
way. It runs the same ``Passage`` as the ASGI server, so faults behave as they do over TCP:

* ``drop``: the attempt fails as a connection broken after the request was sent (so a POST
  is never repeated behind the caller's back);
* ``delay``: slept (sync) or awaited (async), never past the attempt's deadline: a delay
  longer than what is left ends the attempt with the same timeout a real server would cause.
  As over TCP, the server still applies the request (at the deadline rather than after the
  whole delay, so nobody waits for an answer nobody reads): the journal notes it and a
  write's effects are stored, which is what "may have reached the server" means.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..._exceptions import ConnectionFailed
from ..._transports import Outgoing, Sink, WireError, timeout_error

if TYPE_CHECKING:
    from .admission import Passage
    from .pipeline import App
    from .replies import Answer

__all__ = ["AsyncSandboxEngine", "SandboxEngine"]

_Headers = list[tuple[bytes, bytes]]


class _Incoming:
    """A whole answer, already made: its body is handed over in one piece."""

    __slots__ = ("_body", "raw_headers", "status")

    def __init__(self, status: int, raw_headers: _Headers, body: bytes) -> None:
        self.status = status
        self.raw_headers = raw_headers
        self._body = body

    def read_into(self, body: Sink) -> None:
        if self._body:
            body.add(self._body)

    def close(self) -> None:
        return None


class _AsyncIncoming(_Incoming):
    __slots__ = ()

    async def read_into(self, body: Sink) -> None:  # type: ignore[override]
        if self._body:
            body.add(self._body)

    async def aclose(self) -> None:
        return None


def _target(url: str) -> tuple[str, str]:
    """The raw path and query string of an absolute URL, as a server reads them off the request line."""
    start = url.find("/", url.find("//") + 2)
    path, _, query = (url[start:] if start >= 0 else "/").partition("?")
    return path, query


def _dropped(operation: str) -> WireError:
    error = ConnectionFailed(
        "connection broken: the sandbox closed the connection without answering", operation=operation
    )
    return WireError(error, reached_server=True)


def _encoded(reply: Answer) -> tuple[int, _Headers, bytes]:
    status, extra, payload = reply
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in extra]
    headers.append((b"content-length", str(len(payload)).encode()))
    return status, headers, payload


def _incoming(passed: tuple[Answer, bool] | None, operation: str, seconds: float) -> tuple[int, _Headers, bytes]:
    """The answer's parts; a dropped request fails as a broken connection, and one whose delay outlasted the
    attempt's deadline times out (the request was applied all the same: ``Passage.run``)."""
    if passed is None:
        raise _dropped(operation)
    answered, late = passed
    if late:
        raise timeout_error(operation, seconds)
    return _encoded(answered)


class _Base:
    def __init__(self, app: App) -> None:
        self._app = app
        self.closed = False

    def _exchange(self, request: Outgoing) -> Passage:
        path, query = _target(request.url)
        headers = {name.lower(): value for name, value in request.headers}
        return self._app.exchange(request.method, path, query, headers, request.content or b"")


class SandboxEngine(_Base):
    """The sync engine: a delay is slept, up to the attempt's deadline."""

    def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        started = time.monotonic()
        exchange = self._exchange(request)
        passed = exchange.run(deadline - time.monotonic())
        return _Incoming(*_incoming(passed, operation, deadline - started))

    def close(self) -> None:
        self.closed = True


class AsyncSandboxEngine(_Base):
    """The async engine: a delay is awaited (the loop goes on: another write to the same session overlaps it)."""

    def warm(self) -> None:
        return None

    async def send(self, request: Outgoing, operation: str, deadline: float) -> _AsyncIncoming:
        started = time.monotonic()
        exchange = self._exchange(request)
        passed = await exchange.arun(deadline - time.monotonic())
        return _AsyncIncoming(*_incoming(passed, operation, deadline - started))

    async def aclose(self) -> None:
        self.closed = True
