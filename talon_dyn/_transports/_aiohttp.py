"""The default async engine: aiohttp, which holds up under concurrency where httpx's async pool does not.

Measured with ``make bench`` (64 concurrent calls on 2 cores, the same loopback server):
aiohttp serves several times the calls per second of ``httpx.AsyncClient`` with a fraction of
its tail latency. aiohttp is imported when the first request is sent, so programs that never
make an async call do not pay for it. Bodies are read raw (``auto_decompress=False``): the
client decodes them under its own caps. No cookie jar, no redirects, no default headers of
aiohttp's own: talon_dyn builds the whole request. The attempt's deadline is applied by the
client around the whole attempt (``asyncio.timeout``); the per-phase timeouts are aiohttp's.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from .._exceptions import ConnectionFailed, TalonTimeout, TransportError
from . import Outgoing, WireError

__all__ = ["AiohttpEngine"]

_SET_BY_AIOHTTP = frozenset({"host", "content-length"})


def _failure(exc: BaseException, operation: str) -> WireError:
    import aiohttp

    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return WireError(TalonTimeout(f"connect timeout: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, (aiohttp.ServerTimeoutError, TimeoutError)):
        return WireError(TalonTimeout(f"read timeout: {exc}", operation=operation), reached_server=True)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return WireError(ConnectionFailed(f"connection failed: {exc}", operation=operation), reached_server=False)
    if isinstance(exc, (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError)):
        error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {exc}", operation=operation)
        return WireError(error, reached_server=True)
    failure = TransportError(f"{type(exc).__name__}: {exc}", operation=operation)
    return WireError(failure, reached_server=True, retryable=False)


class _Incoming:
    __slots__ = ("_done", "_operation", "_response", "raw_headers", "status")

    def __init__(self, response: Any, operation: str) -> None:
        self._response = response
        self._operation = operation
        self._done = False
        self.status: int = response.status
        self.raw_headers = response.raw_headers

    async def chunks(self) -> AsyncIterator[bytes]:
        import aiohttp

        content = self._response.content
        try:
            while True:
                chunk = await content.readany()
                if not chunk:
                    break
                yield chunk
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise _failure(exc, self._operation) from exc
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
                skip_auto_headers=("User-Agent", "Accept-Encoding", "Accept"),
                timeout=aiohttp.ClientTimeout(total=None),
            )
            self._loop = loop
        return self._session

    async def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        import aiohttp
        from yarl import URL

        session = self._session_here()
        timeout = request.timeout
        headers = [(name, value) for name, value in request.headers if name.lower() not in _SET_BY_AIOHTTP]
        try:
            response = await session.request(
                request.method,
                URL(request.url, encoded=True),
                data=request.content,
                headers=headers,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    connect=timeout["pool"] + timeout["connect"],
                    sock_connect=timeout["connect"],
                    sock_read=timeout["read"],
                ),
            )
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
            raise _failure(exc, operation) from exc
        return _Incoming(response, operation)

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
