"""The transport family: each engine behind one small interface, with its own error mapping.

The clients build the whole request themselves (``Outgoing``: method, URL, header
pairs, body bytes, timeouts) and hand it to an engine, which answers an ``Incoming``:
status, raw header pairs and the body's raw bytes as they arrive on the wire (never
decoded: the client counts and decodes them under its own caps, ``_attempt``).

* sync default  ``HttpcoreEngine``  httpcore's pool, every network wait bounded by the attempt's deadline
* async default ``AiohttpEngine``   aiohttp (imported only when an async client sends first)
* ``engine="pyreqwest"`` ``PyreqwestEngine`` / ``AsyncPyreqwestEngine`` (extra ``talon_dyn[fast]``): Rust's
  reqwest and hyper, for both clients; every part of the contract but a forked child (refused there)
* ``transport=`` ``HttpxEngine`` / ``AsyncHttpxEngine`` around any httpx transport
  (``httpx.MockTransport``, the sandbox, ``httpx.HTTPTransport``...)

The contract every engine keeps (``tests/test_engine_contract.py`` proves it on real sockets,
counting at the server):

* **One send per attempt.** No engine sends a request again on its own (aiohttp would, for
  idempotent methods, after a dropped connection: switched off). A pooled connection that the
  server closed *before* the request was written is never used: it is checked right before
  reuse (``closed_by_peer``, which gives a request that is never repeated a moment for a late
  FIN) and the request goes out on a fresh connection instead - it never left, so this is no
  second send. Once a server has closed a connection without answering on it, requests that
  are never repeated go to it on fresh connections for a minute (``Suspects``).
* **The deadline.** Every engine ends the attempt by the ``deadline`` it is given (a
  ``time.monotonic()`` instant): connecting, sending, the headers and every read of the body,
  however slowly the bytes come.
* **Errors.** An engine raises ``WireError`` for every failure of its own library, saying
  whether the request may have reached the server (so a POST is never repeated when it might
  have).
* **Processes and loops.** A connection is never used by a process other than the one that
  opened it: after ``os.fork()`` the child closes its copies of the inherited sockets and opens
  its own (``Process.forks``, bumped in every forked child). The async engine keeps one session
  per event loop and closes it when that loop shuts down.
* **Closed is closed.** After ``close()`` / ``aclose()`` an engine is ``closed`` and the clients
  refuse calls.

The client above never knows which engine it talks to.
"""

from __future__ import annotations

import math
import os
import re
import select
import time
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any, Protocol

from .._exceptions import ConnectionFailed, TalonTimeout, TalonTransportError

__all__ = [
    "ASYNC_ENGINES",
    "FIN_GRACE",
    "GRACE",
    "NO_GRACE",
    "SYNC_ENGINES",
    "AsyncEngine",
    "AsyncIncoming",
    "Grace",
    "Incoming",
    "Outgoing",
    "Process",
    "Sink",
    "SyncEngine",
    "WireError",
    "async_engine",
    "closed_by_peer",
    "http_failure",
    "malformed_answer",
    "origin_of",
    "parser_holds_more",
    "sync_engine",
    "timeout_error",
    "tls_failure",
    "tls_problem",
]

Headers = Sequence[tuple[bytes, bytes]]


class Outgoing(Protocol):
    """A request ready for the wire (``PreparedRequest`` is one). ``headers`` are talon_dyn's own; the framing
    headers (Host, Content-Length) are each engine's to add, as its library expects."""

    @property
    def method(self) -> str: ...

    @property
    def url(self) -> str:
        """Absolute, already percent-encoded."""

    @property
    def headers(self) -> list[tuple[str, str]]: ...

    @property
    def content(self) -> bytes | None: ...

    @property
    def timeout(self) -> dict[str, float]:
        """connect / read / write / pool seconds, as httpx's "timeout" extension."""

    @property
    def fin_grace(self) -> float:
        """How long to wait for a late FIN before reusing a connection (``closed_by_peer``): ``FIN_GRACE`` for a
        request that is never repeated, 0 for one the attempt loop may repeat."""


class Process:
    """How many times this process has been forked off (0 in the process that imported talon_dyn).

    ``os.register_at_fork`` bumps ``forks`` in each child: an engine that opened its connections
    at another count is in a child and must not touch them."""

    forks = 0

    @classmethod
    def _forked(cls) -> None:
        cls.forks += 1


os.register_at_fork(after_in_child=Process._forked)


FIN_GRACE = 0.001
"""How long a request that is never repeated waits, at most, for the FIN of a server that closes connections
right after answering, before writing on a pooled connection that answered less than this long ago."""


class Grace:
    """One send's FIN grace: how long a reuse waits for a closing server's FIN (``seconds``), and whether the
    pooled connection it checked stayed open a whole grace after its last answer (``outlived``: its server keeps
    connections open, so later sends to that origin need not wait; ``Suspects.kept``)."""

    __slots__ = ("outlived", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.outlived = False


NO_GRACE = Grace(0.0)
"""The grace of a send that never waits (never marked ``outlived``: only a send with a grace learns anything)."""
GRACE: ContextVar[Grace] = ContextVar("talon_dyn_fin_grace", default=NO_GRACE)
"""This send's grace, set by the engine around the call into its library."""


def closed_by_peer(sock: Any, idle: float) -> bool:
    """Whether an idle pooled connection must not carry another request: its socket is readable (the server's
    FIN, or bytes nobody asked for) or gone. Checked right before reuse, so a request is never written on a
    connection the server already closed.

    A server may close a connection right after answering on it, without saying so. Its FIN then arrives a
    moment after the answer: a client quick enough reuses the connection before that, and the request is lost
    with it. A request that may be repeated is, then (by the attempt loop); one that may not (a POST, a session
    state change) waits for the FIN up to ``GRACE`` seconds after the connection's last answer (``idle``: the
    seconds since then), so it is never written on a connection about to close."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True
    grace = GRACE.get()
    wait = grace.seconds - idle
    if not hasattr(select, "poll"):  # pragma: no cover - Windows, not a platform we test on
        readable, _, _ = select.select([fd], [], [], max(wait, 0.0))
        closed = bool(readable)
    else:
        poller = select.poll()  # not select(): it cannot watch a descriptor numbered 1024 or more
        poller.register(fd, select.POLLIN)
        closed = bool(poller.poll(math.ceil(wait * 1000) if wait > 0 else 0))
    if grace.seconds and not closed:
        grace.outlived = True  # open a whole grace after its answer: this server does not close after answering
    return closed


def parser_holds_more(stream: Any) -> bool:
    """Whether the HTTP/1.1 parser under an httpcore (or httpx-over-httpcore) response ``stream`` holds bytes past
    the answer it just finished: an answer nobody asked for (a server's, a proxy's or a load balancer's) that came
    in the same segment as the real one. The socket is then empty, so only the parser shows it; the connection
    must not carry another request, or the next call would read that answer as its own.

    h11's ``trailing_data`` is public; the way to it (the pool's byte stream, then the connection) is httpcore's
    own attributes, followed by name: if they change, this finds nothing and the contract tests say so."""
    node = stream
    for _ in range(6):
        state = getattr(node, "_h11_state", None)
        if state is not None:
            data, _closed = state.trailing_data
            return bool(data)
        node = next(
            (found for name in ("_connection", "_stream", "_httpcore_stream") if (found := getattr(node, name, None))),
            None,
        )
        if node is None:
            return False
    return False


class Suspects:
    """Origins whose server closed a connection without answering a request on it. For a while (``SECONDS``),
    a request that is never repeated goes to such an origin on a fresh connection: a server that closes
    connections right after answering can then lose at most the one request that showed it."""

    SECONDS = 60.0

    def __init__(self) -> None:
        self._until: dict[str, float] = {}
        self._kept: dict[str, float] = {}

    def mark(self, origin: str) -> None:
        self._until[origin] = time.monotonic() + self.SECONDS
        self._kept.pop(origin, None)

    def kept(self, origin: str) -> None:
        """A pooled connection to ``origin`` outlived its FIN grace: for a while (``SECONDS``, or until a
        connection of it is lost), sends to it reuse connections without waiting (``grace``)."""
        self._kept[origin] = time.monotonic() + self.SECONDS

    def grace(self, origin: str, grace: float) -> Grace:
        """The grace a send with this ``fin_grace`` waits before reusing a connection to ``origin``: none once
        the origin has shown that it keeps connections open. A connection it closed in the meantime is still
        seen before reuse (``closed_by_peer`` polls without waiting), so the grace is paid once per origin
        and ``SECONDS``, not on every send."""
        if not grace:
            return NO_GRACE
        until = self._kept.get(origin)
        if until is not None and until > time.monotonic():
            return NO_GRACE
        return Grace(grace)

    def fresh(self, origin: str, grace: float) -> bool:
        """Whether a request with this ``fin_grace`` must not reuse a pooled connection to ``origin``."""
        if not grace or not self._until:
            return False
        until = self._until.get(origin)
        if until is None:
            return False
        if until < time.monotonic():
            del self._until[origin]
            return False
        return True


def origin_of(url: str) -> str:
    """``scheme://host:port`` of an absolute URL (the text before its path)."""
    path_start = url.find("/", url.find("//") + 2)
    return url if path_start < 0 else url[:path_start]


class WireError(Exception):
    """An engine's failure as talon_dyn sees it: the error to raise, whether the server may have seen the
    request, and whether a repeat could help. Control flow between an engine and the attempt loop only."""

    def __init__(self, error: TalonTransportError, *, reached_server: bool, retryable: bool = True) -> None:
        super().__init__(str(error))
        self.error = error
        self.reached_server = reached_server
        self.retryable = retryable


def tls_problem(exc: BaseException) -> str | None:
    """Why TLS failed, when ``exc`` (or what caused it) is a certificate problem a repeat cannot mend: the
    server's certificate was refused (unknown issuer, wrong host, expired) or it wanted ours."""
    import ssl

    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            original = getattr(seen, "certificate_error", seen)  # aiohttp wraps the ssl module's error
            reason = getattr(original, "verify_message", None) or getattr(original, "reason", None) or str(original)
            return f"the server's certificate was refused: {reason}"
        text = str(seen)
        if isinstance(seen, ssl.SSLError) and ("CERTIFICATE_REQUIRED" in text or "certificate required" in text):
            return "the server requires a client certificate (give one with cert=...)"
        if isinstance(seen, ssl.SSLError) and "BAD_CERTIFICATE" in text.upper():
            return "the server refused the client certificate"
        seen = seen.__cause__ or seen.__context__
    return None


def tls_failure(problem: str, operation: str) -> WireError:
    """A TLS certificate problem: a ConnectionFailed that no repeat would mend, saying what to change."""
    message = f"TLS failed: {problem} (trust: verify=, SSL_CERT_FILE / SSL_CERT_DIR; client certificate: cert=)"
    return WireError(ConnectionFailed(message, operation=operation), reached_server=False, retryable=False)


def http_failure(exc: Exception, operation: str, errors: Any) -> WireError | None:
    """The ``WireError`` for a timeout or network error of httpx or httpcore (``errors`` is either module:
    they name their exception classes alike); None for any other error, which each engine maps itself."""
    problem = tls_problem(exc)
    if problem is not None:
        return tls_failure(problem, operation)
    if isinstance(exc, errors.ProxyError):
        error = ConnectionFailed(f"the proxy refused the connection: {exc}", operation=operation)
        return WireError(error, reached_server=False, retryable=False)
    if isinstance(exc, errors.ConnectTimeout):
        return WireError(TalonTimeout(f"connect timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, errors.PoolTimeout):
        return WireError(TalonTimeout(f"pool timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, errors.TimeoutException):
        phase = "read" if isinstance(exc, errors.ReadTimeout) else "write"
        return WireError(TalonTimeout(f"{phase} timeout: {exc}", operation=operation), reached_server=True)
    if isinstance(exc, errors.ConnectError):
        return WireError(ConnectionFailed(f"connection failed: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, errors.RemoteProtocolError) and not _DISCONNECTED.search(str(exc)):
        return malformed_answer(exc, operation)
    if isinstance(exc, (errors.NetworkError, errors.RemoteProtocolError)):
        error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {exc}", operation=operation)
        return WireError(error, reached_server=True)
    return None


_DISCONNECTED = re.compile(r"disconnected|closed connection|connection closed|without sending", re.IGNORECASE)
"""httpcore's words for a connection that went (worth another attempt), as opposed to an answer it could not parse."""


def malformed_answer(exc: BaseException, operation: str) -> WireError:
    """An answer that is not valid HTTP/1.1 (headers over the parser's limit, an illegal line): the server would
    give the same answer to the same request, so it is not repeated. Its text is cut short (aiohttp's includes
    the offending bytes)."""
    text = str(exc).replace("\n", " ")
    text = text if len(text) <= 160 else f"{text[:160]}..."
    error = ConnectionFailed(
        f"connection broken: the answer is not valid HTTP/1.1 ({type(exc).__name__}: {text}); not repeated: "
        "the same request would get the same answer",
        operation=operation,
    )
    return WireError(error, reached_server=True, retryable=False)


def timeout_error(operation: str, seconds: float, *, reading: bool = False) -> WireError:
    """The attempt's deadline passed (connect, write and read together, or the call's remaining budget)."""
    limit = f"the attempt's total time limit of {seconds:.2g} s"
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
    closed: bool

    def send(self, request: Outgoing, operation: str, deadline: float) -> Incoming: ...

    def close(self) -> None: ...


class AsyncEngine(Protocol):
    closed: bool

    def warm(self) -> None:
        """Do the engine's one-time set-up (imports), before an attempt's clock starts."""

    async def send(self, request: Outgoing, operation: str, deadline: float) -> AsyncIncoming: ...

    async def aclose(self) -> None: ...


SYNC_ENGINES = ("httpcore", "pyreqwest")
ASYNC_ENGINES = ("aiohttp", "pyreqwest")


def sync_engine(transport: Any, network: Any = None, engine: str | None = None) -> SyncEngine:
    """The engine for ``Client(transport=..., engine=...)``: httpcore's pools by default (with the client's
    ``Network``), pyreqwest's with ``engine="pyreqwest"``, else the httpx transport given."""
    if engine == "pyreqwest":
        from ._pyreqwest import PyreqwestEngine

        return PyreqwestEngine(network)
    if transport is None:
        from ._httpcore import HttpcoreEngine

        return HttpcoreEngine(network)
    from ._httpx import HttpxEngine

    return HttpxEngine(transport)


def async_engine(transport: Any, network: Any = None, engine: str | None = None) -> AsyncEngine:
    """The engine for ``AsyncClient(transport=..., engine=...)``: aiohttp by default (with the client's
    ``Network``), pyreqwest's with ``engine="pyreqwest"``, else the httpx transport given."""
    if engine == "pyreqwest":
        from ._pyreqwest import AsyncPyreqwestEngine

        return AsyncPyreqwestEngine(network)
    if transport is None:
        from ._aiohttp import AiohttpEngine

        return AiohttpEngine(network)
    from ._httpx import AsyncHttpxEngine

    return AsyncHttpxEngine(transport)
