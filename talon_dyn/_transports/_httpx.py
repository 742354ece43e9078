"""Any httpx transport as an engine: ``httpx.MockTransport``, the sandbox, ``httpx.HTTPTransport``... and the same
of httpx2 (the fork openai and anthropic moved to): a transport is spoken to in its own library's types.

The request goes straight to the transport's ``handle_request`` / ``handle_async_request``
(no ``httpx.Client`` layer); the library's errors become ``WireError`` here, at this one boundary.

The engine contract holds here too, as far as a transport of someone else's lets it:

* the attempt's deadline: an async transport runs under ``asyncio.timeout``; an
  ``httpx.HTTPTransport`` gets talon_dyn's ``DeadlineBackend`` under its pool, which cuts every
  connect, read and write to the deadline (and checks pooled connections before reuse); any
  other sync transport is checked against the deadline between the chunks of the body;
* a pooled connection is checked before reuse the way the default engines check theirs (both kinds of
  ``httpx.HTTPTransport``);
* after ``os.fork()`` an ``httpx.HTTPTransport``'s inherited sockets are closed in the child (its
  pool then connects anew); an ``httpx.AsyncHTTPTransport`` is refused in a child, as its
  connections belong to the parent's event loop.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpcore
import httpx

from .._exceptions import ConfigurationError, TalonTransportError
from . import GRACE, NO_GRACE, Grace, Outgoing, Process, Sink, WireError, closed_by_peer, http_failure, timeout_error
from ._httpcore import DEADLINE, DeadlineBackend, refuse_reuse_after_more, wire_failure

__all__ = ["AsyncHttpxEngine", "HttpxEngine", "http_url", "httpx_failure"]


def library_of(transport: Any) -> Any:
    """The library a transport belongs to: httpx, or httpx2 for one of its transports (a fork whose names and
    errors are httpx's); None for anything else."""
    for module in (httpx, _httpx2()):
        if module is not None and isinstance(transport, (module.BaseTransport, module.AsyncBaseTransport)):
            return module
    return None


def _httpx2() -> Any:
    """httpx2, when it is installed and already imported by the caller (its transport came from it); else None."""
    import sys

    return sys.modules.get("httpx2")


def httpx_failure(exc: Exception, operation: str, library: Any = httpx) -> WireError:
    """The ``WireError`` for one of httpx's (or httpx2's) errors."""
    mapped = http_failure(exc, operation, library)
    if mapped is not None:
        return mapped
    if isinstance(exc, library.DecodingError):
        failure = TalonTransportError(f"response body could not be decoded: {exc}", operation=operation)
        return WireError(failure, reached_server=True, retryable=False)
    # UnsupportedProtocol, LocalProtocolError, ProxyError, InvalidURL...
    failure = TalonTransportError(f"{type(exc).__name__}: {exc}", operation=operation)
    return WireError(failure, reached_server=True, retryable=False)


def http_url(url: str) -> httpx.URL:
    """The URL as httpx's model, the origin parsed apart from the path and query (httpx caps a URL *string* at
    65,536 characters; talon_dyn caps the path and query at that, as servers do)."""
    path_start = url.find("/", url.find("//") + 2)
    if path_start < 0:
        return httpx.URL(url)
    return httpx.URL(url[:path_start]).copy_with(raw_path=url[path_start:].encode("ascii"))


def _request(request: Outgoing, operation: str, library: Any = httpx) -> Any:
    try:
        url = http_url(request.url) if library is httpx else library.URL(str(http_url(request.url)))
        return library.Request(
            request.method,
            url,
            headers=request.headers,
            content=request.content,
            extensions={"timeout": request.timeout},
        )
    except (httpx.InvalidURL, library.InvalidURL) as exc:  # e.g. longer than the 65,536 characters httpx accepts
        raise WireError(
            TalonTransportError(f"cannot be sent: {exc}", operation=operation), reached_server=False
        ) from None


def _sync_failure(exc: Exception, operation: str, seconds: float, library: Any, *, reading: bool) -> WireError:
    """An error of a sync httpx transport; one the deadline backend cut short says the attempt's limit."""
    if isinstance(exc, httpx.TimeoutException) and isinstance(exc.__cause__, httpcore.TimeoutException):
        return wire_failure(exc.__cause__, operation, seconds, reading=reading)
    return httpx_failure(exc, operation, library)


class _Incoming:
    __slots__ = ("_deadline", "_library", "_operation", "_response", "_seconds", "raw_headers", "status")

    def __init__(
        self, response: Any, operation: str, deadline: float = 0.0, seconds: float = 0.0, library: Any = httpx
    ) -> None:
        self._response = response
        self._operation = operation
        self._deadline = deadline
        self._seconds = seconds
        self._library = library
        self.status = response.status_code
        self.raw_headers = response.headers.raw

    def read_into(self, body: Sink) -> None:
        stream: Any = self._response.stream
        token = DEADLINE.set(self._deadline)
        try:
            for chunk in stream:
                body.add(chunk)
                if self._library is not httpx and time.monotonic() > self._deadline:
                    raise timeout_error(self._operation, self._seconds, reading=True)
        except self._library.HTTPError as exc:
            raise _sync_failure(exc, self._operation, self._seconds, self._library, reading=True) from exc
        finally:
            DEADLINE.reset(token)

    def close(self) -> None:
        if self._library is httpx:
            refuse_reuse_after_more(self._response)
        self._response.close()


class _AsyncIncoming(_Incoming):
    __slots__ = ()

    async def read_into(self, body: Sink) -> None:  # type: ignore[override]
        stream: Any = self._response.stream
        try:
            async with asyncio.timeout(self._deadline - time.monotonic()):
                async for chunk in stream:
                    body.add(chunk)
        except self._library.HTTPError as exc:
            raise httpx_failure(exc, self._operation, self._library) from exc
        except TimeoutError:
            raise timeout_error(self._operation, self._seconds, reading=True) from None

    async def aclose(self) -> None:
        if self._library is httpx:
            refuse_reuse_after_more(self._response)
        await self._response.aclose()


def _checked(transport: Any, kind: str, client: str) -> Any:
    """``transport`` if it is a ``kind`` of httpx or httpx2; else a ConfigurationError naming what ``client``
    needs."""
    library = library_of(transport)
    if library is None or not isinstance(transport, getattr(library, kind)):
        raise ConfigurationError(
            f"transport must be an httpx.{kind} (or httpx2.{kind}) for {client}, not {type(transport).__name__}"
        )
    return transport


class _CheckedStream(httpcore.AsyncNetworkStream):
    """An async stream whose reuse check is the engines' own (``closed_by_peer``)."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        self._used = time.monotonic()
        self.unasked = False

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = await self._stream.read(max_bytes, timeout)
        self._used = time.monotonic()
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        return _CheckedStream(await self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return self.unasked or closed_by_peer(self._stream.get_extra_info("socket"), time.monotonic() - self._used)
        return self._stream.get_extra_info(info)


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's async backend, its streams checked before reuse as the default engines check theirs."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        return _CheckedStream(await self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        return _CheckedStream(await self._backend.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def _checked_backend(transport: Any) -> None:
    """Put the reuse check under an ``httpx.AsyncHTTPTransport``'s pool (once)."""
    pool = getattr(transport, "_pool", None) if isinstance(transport, httpx.AsyncHTTPTransport) else None
    if isinstance(pool, httpcore.AsyncConnectionPool):
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _CheckedBackend):
            pool._network_backend = _CheckedBackend(backend)


def _deadline_backend(transport: Any) -> DeadlineBackend | None:
    """Put talon_dyn's deadline backend under an ``httpx.HTTPTransport``'s pool (once); None for other transports."""
    pool = getattr(transport, "_pool", None) if isinstance(transport, httpx.HTTPTransport) else None
    if not isinstance(pool, httpcore.ConnectionPool):
        return None
    backend = getattr(pool, "_network_backend", None)
    if not isinstance(backend, DeadlineBackend):
        backend = DeadlineBackend(backend)
        pool._network_backend = backend
    return backend


class HttpxEngine:
    """Sends through a synchronous httpx transport."""

    def __init__(self, transport: Any) -> None:
        self.transport = _checked(transport, "BaseTransport", "Client")
        self.library = library_of(transport)
        self.closed = False
        self._backend = _deadline_backend(transport)

    def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        library = self.library
        outgoing = _request(request, operation, library)
        backend = self._backend
        if backend is not None and backend.forks != Process.forks:
            backend.abandon_inherited()  # the pool sees them closed and connects anew
        seconds = deadline - time.monotonic()
        token, grace = DEADLINE.set(deadline), GRACE.set(Grace(request.fin_grace) if request.fin_grace else NO_GRACE)
        try:
            return _Incoming(self.transport.handle_request(outgoing), operation, deadline, seconds, library)
        except library.HTTPError as exc:
            raise _sync_failure(exc, operation, seconds, library, reading=False) from exc
        finally:
            DEADLINE.reset(token)
            GRACE.reset(grace)

    def close(self) -> None:
        self.closed = True
        self.transport.close()


class AsyncHttpxEngine:
    """Sends through an asynchronous httpx transport."""

    def __init__(self, transport: Any) -> None:
        self.transport = _checked(transport, "AsyncBaseTransport", "AsyncClient")
        self.library = library_of(transport)
        self.closed = False
        self._forks = Process.forks
        _checked_backend(transport)

    def warm(self) -> None:
        return None

    async def send(self, request: Outgoing, operation: str, deadline: float) -> _AsyncIncoming:
        if self._forks != Process.forks and isinstance(self.transport, httpx.AsyncHTTPTransport):
            raise ConfigurationError(
                "AsyncClient(transport=httpx.AsyncHTTPTransport(...)) after os.fork(): its connections belong to "
                "the parent's event loop. Make the transport in the child, or leave transport= out (the default "
                "engine opens new connections in a forked child by itself)."
            )
        library = self.library
        outgoing = _request(request, operation, library)
        seconds = deadline - time.monotonic()
        try:
            async with asyncio.timeout(seconds):
                response = await self.transport.handle_async_request(outgoing)
        except library.HTTPError as exc:
            raise httpx_failure(exc, operation, library) from exc
        except TimeoutError:
            raise timeout_error(operation, seconds, reading=False) from None
        return _AsyncIncoming(response, operation, deadline, seconds, library)

    async def aclose(self) -> None:
        self.closed = True
        await self.transport.aclose()
