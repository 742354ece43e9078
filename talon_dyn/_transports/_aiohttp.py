"""The default async engine: aiohttp, which holds up under concurrency where httpx's async pool does not.

Measured with ``make bench`` (64 concurrent calls on 2 cores, the same loopback server):
aiohttp serves several times the calls per second of ``httpx.AsyncClient`` with a fraction of
its tail latency. aiohttp is imported when the first request is sent, so programs that never
make an async call do not pay for it. Bodies are read raw (``auto_decompress=False``): the
client decodes them under its own caps. No cookie jar, no redirects, no default headers of
aiohttp's own: talon_dyn builds the whole request. The attempt's deadline is applied by the
engine with aiohttp's own ``total`` timer, which spans the body's reads too; aiohttp also
times the making of a connection (the connect timeout). No per-read timer: each timer costs
every call, and the attempt's deadline already bounds waiting for a pooled connection,
sending and every read.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from .._exceptions import ConnectionFailed, TalonTimeout, TransportError
from . import Outgoing, Sink, WireError, timeout_error

__all__ = ["AiohttpEngine"]


def _failure(exc: BaseException, operation: str, seconds: float, *, reading: bool) -> WireError:
    import aiohttp

    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return WireError(TalonTimeout(f"connect timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, TimeoutError):  # aiohttp's total timer: the attempt's deadline
        return timeout_error(operation, seconds, reading=reading)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return WireError(ConnectionFailed(f"connection failed: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError)):
        error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {exc}", operation=operation)
        return WireError(error, reached_server=True)
    failure = TransportError(f"{type(exc).__name__}: {exc}", operation=operation)
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


class AiohttpEngine:
    """One aiohttp session per event loop, made on the first request sent from that loop."""

    def __init__(self) -> None:
        self._session: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _session_here(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._session is None or self._loop is not loop or self._session.closed:
            import aiohttp

            connector = aiohttp.TCPConnector(limit=100, keepalive_timeout=5.0)
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                timeout=aiohttp.ClientTimeout(total=None),
            )
            self._loop = loop
        return self._session

    async def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        import aiohttp
        from yarl import URL

        session = self._session_here()
        seconds = max(deadline - time.monotonic(), 0.001)
        timeout = aiohttp.ClientTimeout(total=seconds, sock_connect=request.timeout["connect"])
        try:
            response = await session.request(
                request.method,
                URL(request.url, encoded=True),
                data=request.content,
                headers=request.headers,
                allow_redirects=False,
                timeout=timeout,
            )
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            raise _failure(exc, operation, seconds, reading=False) from exc
        return _Incoming(response, operation, seconds)

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
            # The connector closes its sockets through their transports, which finish on the loop's next
            # turns: give them those turns, or a loop closed right after leaves sockets open.
            for _ in range(3):
                await asyncio.sleep(0)
