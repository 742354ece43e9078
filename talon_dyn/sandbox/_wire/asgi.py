"""The sandbox as an ASGI application, for uvicorn (or any ASGI server): an adapter over ``App.exchange``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .pipeline import App

__all__ = ["TRANSPORT", "ASGIApp", "asgi_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


TRANSPORT = "talon_dyn.transport"
"""Where the sandbox's uvicorn protocol puts the connection's transport in the ASGI scope's state."""


async def _drop(scope: Scope) -> None:
    """Close the connection without an answer (a ``drop`` fault): the client sees the peer hang up."""
    transport = (scope.get("state") or {}).get(TRANSPORT)
    if transport is not None:
        transport.abort()
        for _ in range(3):  # let the server see the connection go, so it sends no 500 of its own
            await asyncio.sleep(0)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _read_body(receive: Receive, declared: str, limit: int) -> bytes | None:
    """The request body, or None once it is over ``limit`` bytes (declared or counted: never read past it)."""
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def asgi_app(app: App) -> ASGIApp:
    """An ASGI 3 callable answering with ``app``; bodies over the limit are not read past it."""

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        body = await _read_body(receive, headers.get("content-length", ""), app.config.max_body)
        method = scope["method"]
        path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        passed = await app.exchange(method, path, query, headers, body).arun()
        if passed is None:
            await _drop(scope)
            return
        (status, extra, payload), _ = passed
        response_headers = [(k.encode(), v.encode()) for k, v in extra]
        if body is None:
            response_headers.append((b"connection", b"close"))
        response_headers.append((b"content-length", str(len(payload)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": payload})

    return application
