"""The default sync engine: httpcore's connection pools, driven directly, every network wait bounded.

httpx's transport would first turn our request into an ``httpx.Request`` (its URL parser and
header model cost more than talon_dyn's whole validation); httpcore takes the bytes as they
are. httpcore applies a timeout to each read, so a server trickling its status line one byte
at a time, just inside the read timeout, could hold a call forever: the pools' network
backend (``DeadlineBackend``, also put under an ``httpx.HTTPTransport`` given as ``transport=``)
makes every connect, read and write wait at most until the attempt's deadline (set for the
current thread through a context variable), then fail as a timeout. The same backend checks a
pooled connection right before its reuse (``closed_by_peer``) and keeps a list of the sockets
it opened, so a forked child closes its copies instead of sharing them.

One pool per route: direct, or through each proxy (``httpcore.HTTPProxy``: absolute-form
requests for http targets, a CONNECT tunnel for https ones).
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

import httpcore

from .._exceptions import TalonTransportError
from . import (
    GRACE,
    Outgoing,
    Process,
    Sink,
    Suspects,
    WireError,
    closed_by_peer,
    http_failure,
    parser_holds_more,
    timeout_error,
)
from ._network import Network, Proxy

__all__ = ["DEADLINE", "DeadlineBackend", "HttpcoreEngine", "deadline_failure", "wire_failure"]

DEADLINE: ContextVar[float] = ContextVar("talon_dyn_attempt_deadline", default=0.0)
SPENT = "the attempt's total time limit was reached"


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = DEADLINE.get()
    if not deadline:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error(SPENT)
    return remaining if timeout is None else min(timeout, remaining)


def _spent() -> bool:
    deadline = DEADLINE.get()
    return bool(deadline) and time.monotonic() >= deadline


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._stream = stream
        self._backend = backend
        self._used = time.monotonic()
        self.unasked = False
        """The parser of this connection held bytes past its last answer (``parser_holds_more``): never reuse."""
        backend.opened(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            data = self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))
            self._used = time.monotonic()
            return data
        except httpcore.TimeoutException as exc:  # cut short by the deadline: say so
            if _spent():
                raise httpcore.ReadTimeout(SPENT) from exc
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))
        except httpcore.TimeoutException as exc:
            if _spent():
                raise httpcore.WriteTimeout(SPENT) from exc
            raise

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._backend)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # httpcore asks before reusing an idle connection: our one check, done right
            return self.unasked or closed_by_peer(self._stream.get_extra_info("socket"), time.monotonic() - self._used)
        return self._stream.get_extra_info(info)

    def abandon(self) -> None:
        """In a forked child: close this process's copy of the socket (the parent's connection stays open)."""
        sock = self._stream.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with every wait cut to the attempt's deadline, and the sockets it opened known."""

    def __init__(self, backend: httpcore.NetworkBackend | None = None) -> None:
        self._backend = backend or httpcore.SyncBackend()
        self._streams: weakref.WeakSet[_Stream] = weakref.WeakSet()
        self.forks = Process.forks

    def opened(self, stream: _Stream) -> None:
        self._streams.add(stream)

    def abandon_inherited(self) -> None:
        """In a forked child: close every socket opened before the fork (their pools are dropped too)."""
        for stream in list(self._streams):
            stream.abandon()
        self._streams = weakref.WeakSet()
        self.forks = Process.forks

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options), self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_unix_socket(path, timeout, socket_options), self)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_failure(exc: Exception, operation: str) -> WireError:
    """The ``WireError`` for an error of httpcore (or of httpx, which names its errors alike)."""
    mapped = http_failure(exc, operation, httpcore)
    if mapped is not None:
        return mapped
    failure = TalonTransportError(f"{type(exc).__name__}: {exc}", operation=operation)
    return WireError(failure, reached_server=True, retryable=False)


_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


def wire_failure(exc: Exception, operation: str, seconds: float, *, reading: bool) -> WireError:
    """httpcore's error as a WireError; the attempt's deadline, when that is what ended it, says its limit."""
    if isinstance(exc, httpcore.TimeoutException) and _spent():
        return timeout_error(operation, seconds, reading=reading)
    return deadline_failure(exc, operation)


class _Incoming:
    __slots__ = ("_deadline", "_operation", "_response", "_seconds", "raw_headers", "status")

    def __init__(self, response: httpcore.Response, operation: str, deadline: float, seconds: float) -> None:
        self._response = response
        self._operation = operation
        self._deadline = deadline
        self._seconds = seconds
        self.status = response.status
        self.raw_headers = response.headers

    def read_into(self, body: Sink) -> None:
        stream: Any = self._response.stream
        token = DEADLINE.set(self._deadline)  # each read of the body ends by the attempt's deadline too
        try:
            for chunk in stream:
                body.add(chunk)
        except _ERRORS as exc:
            raise wire_failure(exc, self._operation, self._seconds, reading=True) from exc
        finally:
            DEADLINE.reset(token)

    def close(self) -> None:
        refuse_reuse_after_more(self._response)
        self._response.close()


def refuse_reuse_after_more(response: Any) -> None:
    """Mark the connection of a finished ``response`` (httpcore's or httpx's) as not reusable when its parser holds
    bytes past the answer: httpcore asks the stream before reusing it (``is_readable``), and is told yes."""
    stream = response.extensions.get("network_stream")
    if hasattr(stream, "unasked") and parser_holds_more(response.stream):
        stream.unasked = True


Origin = tuple[bytes, bytes, int | None, str]
_NO_ANSWER = (httpcore.RemoteProtocolError, httpcore.ReadError, httpcore.WriteError)
"""The connection went before any of the answer came."""


class HttpcoreEngine:
    """HTTP/1.1 over httpcore's pools (one per route: direct or through a proxy), with this client's network."""

    def __init__(self, network: Network | None = None) -> None:
        self.network = network or Network()
        self.closed = False
        self._backend = DeadlineBackend()
        self._pools: dict[tuple[Proxy | None, bool, bool], httpcore.ConnectionPool] = {}
        self._origins: dict[str, tuple[Origin, Proxy | None]] = {}
        self._suspects = Suspects()

    def _pool_for(self, scheme: bytes, proxy: Proxy | None, fresh: bool) -> httpcore.ConnectionPool:
        """The pool of a route; ``fresh``: one that keeps no connection, so each request opens its own."""
        tls = scheme == b"https"
        if self._backend.forks != Process.forks:  # a forked child: never touch the parent's connections
            self._backend.abandon_inherited()
            self._pools = {}
        pool = self._pools.get((proxy, tls, fresh))
        if pool is None:
            limits = self.network.pool_limits
            settings: dict[str, Any] = {
                "ssl_context": self.network.ssl_context() if tls or (proxy and proxy.url[:6] == "https:") else None,
                "max_connections": limits.max_connections,
                "max_keepalive_connections": 0 if fresh else limits.max_keepalive_connections,
                "keepalive_expiry": limits.keepalive_expiry,
                "network_backend": self._backend,
            }
            if proxy is None:
                pool = httpcore.ConnectionPool(**settings)
            else:
                headers = [("Proxy-Authorization", proxy.authorization)] if proxy.authorization else None
                proxy_tls = self.network.ssl_context() if proxy.url.startswith("https:") else None
                pool = httpcore.HTTPProxy(
                    proxy_url=proxy.url, proxy_headers=headers, proxy_ssl_context=proxy_tls, **settings
                )
            self._pools[(proxy, tls, fresh)] = pool
        return pool

    def _origin(self, url: str) -> tuple[Origin, Proxy | None, bytes, str]:
        """``((scheme, host, port, Host header), proxy, target, origin)`` of an absolute URL; origins are parsed
        once."""
        path_start = url.find("/", url.find("//") + 2)
        origin, target = (url, "/") if path_start < 0 else (url[:path_start], url[path_start:])
        known = self._origins.get(origin)
        if known is None:
            parts = urlsplit(origin)
            scheme = parts.scheme or "http"
            host = (parts.hostname or "").encode("idna")
            port = parts.port or (443 if scheme == "https" else 80)
            proxy = self.network.proxy_for(scheme, parts.hostname or "", port)
            known = ((scheme.encode(), host, parts.port, parts.netloc.rsplit("@", 1)[-1]), proxy)
            self._origins[origin] = known
        return known[0], known[1], target.encode("ascii"), origin

    def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        (scheme, host, port, host_header), proxy, target, origin = self._origin(request.url)
        headers = [("Host", host_header), *request.headers]
        if request.content is not None:
            headers.append(("Content-Length", str(len(request.content))))
        outgoing = httpcore.Request(
            request.method,
            httpcore.URL(scheme=scheme, host=host, port=port, target=target),
            headers=headers,
            content=request.content,
            extensions={"timeout": request.timeout},
        )
        seconds = deadline - time.monotonic()
        fresh = self._suspects.fresh(origin, request.fin_grace)
        state = self._suspects.grace(origin, request.fin_grace)
        token, grace = DEADLINE.set(deadline), GRACE.set(state)
        try:
            response = self._pool_for(scheme, proxy, fresh).handle_request(outgoing)
        except _ERRORS as exc:
            if isinstance(exc, _NO_ANSWER):
                self._suspects.mark(origin)
            raise wire_failure(exc, operation, seconds, reading=False) from exc
        finally:
            DEADLINE.reset(token)
            GRACE.reset(grace)
        if state.outlived:
            self._suspects.kept(origin)
        return _Incoming(response, operation, deadline, seconds)

    def close(self) -> None:
        self.closed = True
        pools, self._pools = self._pools, {}
        if self._backend.forks != Process.forks:
            self._backend.abandon_inherited()  # a forked child closes its copies only
            return
        for pool in pools.values():
            pool.close()
