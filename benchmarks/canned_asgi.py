"""The sandbox's server framework answering canned bodies: uvicorn's cost alone, in its own process.

``python -m benchmarks.canned_asgi BODIES.json`` serves on a free loopback port with the
same uvicorn settings as ``talon-dyn sandbox`` (a server thread, h11 or whatever
uvicorn picks here, no access log, no lifespan) and prints ``http://127.0.0.1:PORT``
once it listens. SIGTERM stops it. BODIES.json maps ``"METHOD /path/prefix/"`` to the
response text; the app reads the whole request body, as the sandbox does, then answers
200 with the body of the first matching route (404 otherwise).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import uvicorn

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def canned_app(routes: dict[tuple[str, str], bytes]) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """An ASGI app answering ``routes[(method, path prefix)]`` for every request."""
    table = list(routes.items())

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        method, path = scope["method"], scope["path"]
        body = next((body for (m, prefix), body in table if m == method and path.startswith(prefix)), None)
        status, payload = (200, body) if body is not None else (404, b"")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    raw = json.loads(Path(args[0]).read_text())
    routes = {tuple(key.split(" ", 1)): text.encode() for key, text in raw.items()}
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "lifespan": "off"}
    server = uvicorn.Server(uvicorn.Config(canned_app(routes), host="127.0.0.1", port=0, **options))
    thread = threading.Thread(target=server.run, name="canned-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            print("the canned server did not start", file=sys.stderr)
            return 1
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"http://127.0.0.1:{port}", flush=True)
    while not stop.wait(0.2) and thread.is_alive():
        pass
    server.should_exit = True
    thread.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
