"""The default sync engine: httpcore's connection pool, driven directly, every network wait bounded.

httpx's transport would first turn our request into an ``httpx.Request`` (its URL parser and
header model cost more than talon_dyn's whole validation); httpcore takes the bytes as they
are. httpcore applies a timeout to each read, so a server trickling its status line one byte
at a time, just inside the read timeout, could hold a call forever: the pool's network
backend is wrapped so that every connect, read and write waits at most until the attempt's
deadline (set for the current thread through a context variable), then fails as a timeout.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

import httpcore

from .._exceptions import TransportError
from . import Outgoing, Sink, WireError, http_failure

__all__ = ["HttpcoreEngine"]

_DEADLINE: ContextVar[float] = ContextVar("talon_dyn_attempt_deadline", default=0.0)
SPENT = "the attempt's total time limit was reached"


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    if not deadline:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error(SPENT)
    return remaining if timeout is None else min(timeout, remaining)


def _spent() -> bool:
    deadline = _DEADLINE.get()
    return bool(deadline) and time.monotonic() >= deadline


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))
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
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _failure(exc: Exception, operation: str) -> WireError:
    mapped = http_failure(exc, operation, httpcore)
    if mapped is not None:
        return mapped
    failure = TransportError(f"{type(exc).__name__}: {exc}", operation=operation)
    return WireError(failure, reached_server=True, retryable=False)


_ERRORS = (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol)


class _Incoming:
    __slots__ = ("_deadline", "_operation", "_response", "raw_headers", "status")

    def __init__(self, response: httpcore.Response, operation: str, deadline: float) -> None:
        self._response = response
        self._operation = operation
        self._deadline = deadline
        self.status = response.status
        self.raw_headers = response.headers

    def read_into(self, body: Sink) -> None:
        stream: Any = self._response.stream
        token = _DEADLINE.set(self._deadline)  # each read of the body ends by the attempt's deadline too
        try:
            for chunk in stream:
                body.add(chunk)
        except _ERRORS as exc:
            raise _failure(exc, self._operation) from exc
        finally:
            _DEADLINE.reset(token)

    def close(self) -> None:
        self._response.close()


class HttpcoreEngine:
    """HTTP/1.1 over httpcore's pool; TLS set up with httpx's default context on the first https request."""

    def __init__(self) -> None:
        self._pool: httpcore.ConnectionPool | None = None
        self._tls = False
        self._origins: dict[str, tuple[bytes, bytes, int | None, str]] = {}

    def _pool_for(self, scheme: bytes) -> httpcore.ConnectionPool:
        tls = scheme == b"https"
        if self._pool is None or (tls and not self._tls):
            context: ssl.SSLContext | None = None
            if tls:
                import httpx  # its default context: certifi's roots, as httpx.Client uses

                context = httpx.create_ssl_context()
            if self._pool is not None:
                self._pool.close()
            self._pool = httpcore.ConnectionPool(
                ssl_context=context,
                max_connections=100,
                max_keepalive_connections=20,
                keepalive_expiry=5.0,
                network_backend=_Backend(),
            )
            self._tls = tls
        return self._pool

    def _origin(self, url: str) -> tuple[tuple[bytes, bytes, int | None, str], bytes]:
        """``((scheme, host, port, Host header), target)`` of an absolute URL; origins are parsed once."""
        path_start = url.find("/", url.find("//") + 2)
        origin, target = (url, "/") if path_start < 0 else (url[:path_start], url[path_start:])
        known = self._origins.get(origin)
        if known is None:
            parts = urlsplit(origin)
            host = (parts.hostname or "").encode("idna")
            known = ((parts.scheme or "http").encode(), host, parts.port, parts.netloc.rsplit("@", 1)[-1])
            self._origins[origin] = known
        return known, target.encode("ascii")

    def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        (scheme, host, port, host_header), target = self._origin(request.url)
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
        token = _DEADLINE.set(deadline)
        try:
            response = self._pool_for(scheme).handle_request(outgoing)
        except _ERRORS as exc:
            raise _failure(exc, operation) from exc
        finally:
            _DEADLINE.reset(token)
        return _Incoming(response, operation, deadline)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
