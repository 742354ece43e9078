"""The default async engine: aiohttp, which holds up under concurrency where httpx's async pool does not.

Measured with ``make bench`` (64 concurrent calls on 2 cores, the same loopback server):
aiohttp serves several times the calls per second of ``httpx.AsyncClient`` with a fraction of
its tail latency. aiohttp is imported when the first request is sent, so programs that never
make an async call do not pay for it. Bodies are read raw (``auto_decompress=False``): the
client decodes them under its own caps. No cookie jar, no redirects, no environment of its
own (``trust_env=False``: the client's ``Network`` decides proxies and trust, as on the sync
engine), no default headers: talon_dyn builds the whole request.

Kept to the engine contract (``_transports``):

* aiohttp sends an idempotent request a second time, by itself, when a connection drops;
  that is switched off (``_retry_connection``), so every send is an attempt the client counts;
* a pooled connection is checked right before reuse (``_Connector._get``) and never used
  once the server has closed it;
* one session per event loop; each closes when its loop shuts down (an async generator the
  loop finalizes in ``shutdown_asyncgens``, as ``asyncio.run`` does), so twenty
  ``asyncio.run()`` calls leave no session or socket open; after ``os.fork()`` the child closes
  its copies of the inherited sockets and opens its own, and refuses the event loop it
  inherited (an epoll set shared with the parent: the two would read each other's sockets).

The attempt's deadline is aiohttp's own ``total`` timer, which spans the body's reads too;
aiohttp also times the making of a connection (the connect timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import time
import weakref
from collections.abc import AsyncIterator
from typing import Any

from .._exceptions import ConfigurationError, ConnectionFailed, TalonTimeout, TalonTransportError
from . import (
    GRACE,
    Outgoing,
    Process,
    Sink,
    Suspects,
    WireError,
    closed_by_peer,
    malformed_answer,
    origin_of,
    timeout_error,
    tls_failure,
    tls_problem,
)
from ._network import Network, Proxy

__all__ = ["AiohttpEngine"]

_ABANDONED: list[Any] = []
"""Sessions a forked child inherited: their sockets are closed, the objects kept so that no finalizer of theirs
ever runs on a loop that is not this process's."""


def _connector(exc: Any) -> str:
    """Why a connection could not be made, in the words the other engines use (``[Errno 111] Connection
    refused``), not aiohttp's (``Cannot connect to host h:1 ssl:default [...]``, whose ``ssl:default`` an
    ``http://`` URL never asked for)."""
    error = getattr(exc, "os_error", None)
    number = getattr(error, "errno", None)
    if isinstance(number, int) and number > 0:
        return f"[Errno {number}] {os.strerror(number)}"
    return re.sub(r" ssl:(default|None|False|True)\b", "", str(exc))


def _failure(exc: BaseException, operation: str, seconds: float, *, reading: bool) -> WireError:
    import aiohttp

    problem = tls_problem(exc)
    if problem is not None:
        return tls_failure(problem, operation)
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return WireError(TalonTimeout(f"connect timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, TimeoutError):  # aiohttp's total timer: the attempt's deadline
        return timeout_error(operation, seconds, reading=reading)
    if isinstance(exc, (aiohttp.ClientConnectorError, aiohttp.ClientProxyConnectionError)):
        error = ConnectionFailed(f"connection failed: {_connector(exc)}", operation=operation)
        return WireError(error, reached_server=False)
    if isinstance(exc, aiohttp.ClientHttpProxyError):
        message = f"the proxy refused the connection: {exc.status} {exc.message}"
        return WireError(ConnectionFailed(message, operation=operation), reached_server=False, retryable=False)
    if isinstance(exc, aiohttp.ClientResponseError) and not isinstance(exc, aiohttp.ClientHttpProxyError):
        return malformed_answer(exc, operation)  # raised while parsing the answer's head: it would come again
    if isinstance(exc, (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError)):
        error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {exc}", operation=operation)
        return WireError(error, reached_server=True)
    failure = TalonTransportError(f"{type(exc).__name__}: {exc}", operation=operation)
    return WireError(failure, reached_server=True, retryable=False)


class _Incoming:
    __slots__ = ("_done", "_operation", "_response", "_seconds", "raw_headers", "status")

    def __init__(self, response: Any, operation: str, seconds: float) -> None:
        self._response = response
        self._operation = operation
        self._seconds = seconds
        self._done = False
        self.status: int = response.status
        self.raw_headers = response.raw_headers

    async def read_into(self, body: Sink) -> None:
        import aiohttp

        content = self._response.content
        try:
            while chunk := await content.readany():
                body.add(chunk)
        except (aiohttp.ClientError, OSError) as exc:  # TimeoutError is an OSError
            raise _failure(exc, self._operation, self._seconds, reading=True) from exc
        self._done = True

    async def aclose(self) -> None:
        if self._done:
            self._response.release()  # the connection goes back to the pool
        else:
            self._response.close()  # a body not read to its end: the connection cannot be reused


_CONNECTOR: Any = None


def _connector_class() -> Any:
    """aiohttp's TCPConnector, never reusing a connection the server closed (made once, when aiohttp loads)."""
    global _CONNECTOR
    if _CONNECTOR is None:
        import aiohttp

        class _Connector(aiohttp.TCPConnector):
            async def _get(self, key: Any, *args: Any, **kwargs: Any) -> Any:
                while True:
                    pooled = self._conns.get(key)  # (protocol, monotonic time it was put back), oldest first
                    if pooled:
                        wait = GRACE.get().seconds - (time.monotonic() - pooled[0][1])
                        if wait > 0:  # a request never repeated: give a closing server's FIN its moment
                            await asyncio.sleep(wait)
                    connection = await super()._get(key, *args, **kwargs)
                    if connection is None:
                        return None
                    transport, protocol = connection.transport, connection.protocol
                    # An answer that came while it sat in the pool was read off the socket by the event loop and
                    # sits parsed in the protocol (should_close): never hand it to the next request.
                    unasked = protocol is not None and protocol.should_close
                    socket = None if transport is None else transport.get_extra_info("socket")
                    if not unasked and not closed_by_peer(socket, 1.0):
                        return connection
                    connection.close()  # the server hung up, or spoke unasked, while it sat in the pool

        _CONNECTOR = _Connector
    return _CONNECTOR


def _abandon(session: Any) -> None:
    """Close this process's copies of a session's sockets without its event loop (a forked child, or a loop
    that was closed without shutting its async generators down), and keep the object from finalizing."""
    connector = getattr(session, "connector", None)
    for entries in list(getattr(connector, "_conns", {}).values()):
        for protocol, _ in entries:
            transport = getattr(protocol, "transport", None)
            sock = None if transport is None else transport.get_extra_info("socket")
            raw = getattr(sock, "_sock", sock)
            if raw is not None:
                with contextlib.suppress(OSError):
                    raw.close()
    _ABANDONED.append(session)


async def _close(session: Any) -> None:
    if not session.closed:
        await session.close()
        # The connector closes its sockets through their transports, which finish on the loop's next
        # turns: give them those turns, or a loop closed right after leaves sockets open.
        for _ in range(3):
            await asyncio.sleep(0)


async def _closed_with_loop(session: Any) -> AsyncIterator[None]:
    """Started once per session: the loop that ran it closes it when the loop shuts down (``asyncio.run``
    finalizes every live async generator, this one with the session)."""
    try:
        yield
    finally:
        await _close(session)


class AiohttpEngine:
    """One aiohttp session per event loop, made on the first request sent from that loop."""

    def __init__(self, network: Network | None = None) -> None:
        self.network = network or Network()
        self.closed = False
        self._sessions: dict[tuple[asyncio.AbstractEventLoop, bool], tuple[Any, Any]] = {}
        """(loop, fresh) -> (session, guard); a fresh session keeps no connection (``Suspects``)."""
        self._last: tuple[asyncio.AbstractEventLoop | None, Any] = (None, None)
        self._forks = Process.forks
        self._proxies: dict[str, tuple[Proxy | None, bool, str]] = {}
        self._suspects = Suspects()
        self._inherited: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()
        """Loops this client used in a parent process: refused in the child on every call, not only the first."""

    async def _open(self, loop: asyncio.AbstractEventLoop, fresh: bool = False) -> Any:
        if self._forks != Process.forks:
            self._inherited.update(key[0] for key in self._sessions)
            for session, _ in self._sessions.values():
                _abandon(session)
            self._sessions, self._forks, self._last = {}, Process.forks, (None, None)
        if loop in self._inherited:
            raise ConfigurationError(
                "AsyncClient after os.fork(): this event loop was inherited from the parent process, and an "
                "inherited loop shares its epoll set with the parent (each would read the other's sockets). "
                "Start a new loop in the child (asyncio.run(...)); the client opens new connections there."
            )
        for key in [key for key in self._sessions if key[0].is_closed()]:
            session, _ = self._sessions.pop(key)
            if not session.closed:  # closed without shutdown_asyncgens(): close the sockets ourselves
                _abandon(session)
        found = self._sessions.get((loop, fresh))
        if found is None or found[0].closed:
            import aiohttp

            limits = self.network.pool_limits
            keep: dict[str, Any] = {"force_close": True} if fresh else {"keepalive_timeout": limits.keepalive_expiry}
            connector = _connector_class()(limit=limits.max_connections or 0, **keep)
            session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                timeout=aiohttp.ClientTimeout(total=None),
                trust_env=False,
            )
            session._retry_connection = False  # never send a request twice behind the client's back
            guard = _closed_with_loop(session)
            await guard.__anext__()
            found = self._sessions[(loop, fresh)] = (session, guard)
        if not fresh:
            self._last = (loop, found[0])
        return found[0]

    def _route(self, url: str) -> tuple[Proxy | None, bool, str]:
        """The proxy for ``url``'s origin (None: direct), whether it is https, and the origin; looked up once."""
        origin = origin_of(url)
        known = self._proxies.get(origin)
        if known is None:
            from urllib.parse import urlsplit

            parts = urlsplit(origin)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            proxy = self.network.proxy_for(parts.scheme, parts.hostname or "", port)
            known = (proxy, parts.scheme == "https", origin)
            self._proxies[origin] = known
        return known

    def warm(self) -> None:
        if _CONNECTOR is None:  # the first send: aiohttp and yarl are imported now, not in the attempt's time
            _connector_class()
            import yarl  # noqa: F401

    async def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        import aiohttp
        from yarl import URL

        loop = asyncio.get_running_loop()
        last_loop, session = self._last
        if last_loop is not loop or self._forks != Process.forks or session.closed:
            session = await self._open(loop)
        proxy, tls, origin = self._route(request.url)
        if self._suspects.fresh(origin, request.fin_grace):
            session = await self._open(loop, fresh=True)
        seconds = max(deadline - time.monotonic(), 0.001)
        timeout = aiohttp.ClientTimeout(total=seconds, sock_connect=request.timeout["connect"])
        extra: dict[str, Any] = {}
        headers: Any = request.headers
        if proxy is not None:
            extra["proxy"] = proxy.url
            if proxy.authorization and tls:  # on the CONNECT that opens the tunnel
                extra["proxy_headers"] = {"Proxy-Authorization": proxy.authorization}
            elif proxy.authorization:  # on the request itself, forwarded in the clear
                headers = [*headers, ("Proxy-Authorization", proxy.authorization)]
            tls = tls or proxy.url.startswith("https:")  # aiohttp makes the TLS to a proxy with the request's context
        if tls:
            extra["ssl"] = self.network.ssl_context()
        state = self._suspects.grace(origin, request.fin_grace)
        grace = GRACE.set(state)
        try:
            response = await session.request(
                request.method,
                URL(request.url, encoded=True),
                data=request.content,
                headers=headers,
                allow_redirects=False,
                timeout=timeout,
                **extra,
            )
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            gone = isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError))
            if gone and not isinstance(exc, aiohttp.ClientConnectorError):
                self._suspects.mark(origin)  # the connection went before any of the answer came
            raise _failure(exc, operation, seconds, reading=False) from exc
        finally:
            GRACE.reset(grace)
        if state.outlived:
            self._suspects.kept(origin)
        return _Incoming(response, operation, seconds)

    async def aclose(self) -> None:
        self.closed = True
        sessions, self._sessions = self._sessions, {}
        self._last = (None, None)
        if self._forks != Process.forks:
            for session, _ in sessions.values():
                _abandon(session)
            return
        here = asyncio.get_running_loop()
        for (loop, _), (session, guard) in sessions.items():
            if loop is here:
                await _close(session)
                await guard.aclose()
            elif loop.is_closed():
                if not session.closed:
                    _abandon(session)
            elif loop.is_running():  # a loop of another thread: close it there
                asyncio.run_coroutine_threadsafe(_close(session), loop)
            else:
                _abandon(session)
