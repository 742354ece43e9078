"""The sandbox as an ASGI application, for uvicorn (or any ASGI server)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ._pipeline import App, _reply

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


def asgi_app(app: App) -> ASGIApp:
    """An ASGI 3 callable answering with ``app``; bodies over the limit are not read past it."""

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        limit = app.config.max_body
        declared = headers.get("content-length", "")
        too_large = declared.isdigit() and int(declared) > limit
        chunks: list[bytes] = []
        size = 0
        more = not too_large
        while more:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                too_large = True
                break
            chunks.append(chunk)
            more = message.get("more_body", False)
        method = scope["method"]
        path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        label = None
        if too_large:
            status, extra, payload = _reply(413, {"message": f"Request body too large: the limit is {limit} bytes"})
            extra = [*extra, ("connection", "close")]
        else:
            admission = app.admit(method, path)
            if admission.fault is not None and admission.fault.kind == "drop":
                app.note(method, path, None, "drop")
                await _drop(scope)
                return
            reply, label = app.early(admission)
            if reply is None:
                try:
                    if admission.fault is not None and admission.fault.kind == "delay":
                        await asyncio.sleep(admission.fault.delay)
                    reply = app.respond(
                        method, path, scope.get("query_string", b"").decode("latin-1"), headers, b"".join(chunks)
                    )
                finally:
                    if admission.session is not None:
                        app.session_writes.leave(admission.session)
            status, extra, payload = reply
        app.note(method, path, status, label)
        response_headers = [(k.encode(), v.encode()) for k, v in extra]
        response_headers.append((b"content-length", str(len(payload)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": payload})

    return application
