"""The sandbox over real TCP, served by uvicorn: ``Server`` (start/stop, for tests) and ``serve`` (blocking).

Connections are bounded the way a public server's are: an idle keep-alive connection is closed
after ``idle_timeout`` seconds (uvicorn's ``timeout_keep_alive``), a connection whose first request
head has not arrived within ``head_timeout`` seconds is closed (slow-loris heads; uvicorn times only
the gaps between requests), and past ``max_connections`` open connections uvicorn answers 503.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._wire.asgi import TRANSPORT

if TYPE_CHECKING:
    from ._sandbox import Sandbox

__all__ = ["Server", "serve"]


IDLE_TIMEOUT = 5.0
HEAD_TIMEOUT = 10.0
MAX_CONNECTIONS = 256


def _protocol(head_timeout: float) -> type[H11Protocol]:
    class SandboxProtocol(H11Protocol):
        """uvicorn's h11 protocol, with a deadline for the first request head and the transport in the scope
        (so a ``drop`` fault can close the connection without an answer)."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self.app_state = {**self.app_state, TRANSPORT: transport}
            self._head_timer = self.loop.call_later(head_timeout, self._head_late)

        def _head_late(self) -> None:
            if self.cycle is None and not self.transport.is_closing():
                self.transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            self._head_timer.cancel()
            super().connection_lost(exc)

    return SandboxProtocol


class Server:
    """Serve a sandbox on ``host:port`` (port 0 picks a free one) in a background thread."""

    def __init__(
        self,
        sandbox: Sandbox,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        idle_timeout: float = IDLE_TIMEOUT,
        head_timeout: float = HEAD_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
        **uvicorn_options: Any,
    ) -> None:
        self.sandbox = sandbox
        options: dict[str, Any] = {
            "log_level": "warning",
            "access_log": False,
            "lifespan": "off",
            "http": _protocol(head_timeout),
            "timeout_keep_alive": idle_timeout,
            "limit_concurrency": max_connections,
            **uvicorn_options,
        }
        self._server = uvicorn.Server(uvicorn.Config(sandbox.asgi, host=host, port=port, **options))
        self._thread: threading.Thread | None = None
        self.host = host
        self.port = port

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` with the port actually bound."""
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        """Whether the server is serving (started and not stopped, nor ended on its own)."""
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 10.0) -> str:
        """Start serving; returns the URL once the socket is listening."""
        self._thread = threading.Thread(target=self._server.run, name="talon-sandbox-server", daemon=True)
        self._thread.start()
        ready = threading.Event()
        while not self._server.started:
            if not self._thread.is_alive():
                raise OSError(f"the sandbox server could not start on {self.host}:{self.port}")
            if ready.wait(0.01) or timeout <= 0:
                raise TimeoutError("the sandbox server did not start in time")
            timeout -= 0.01
        sockets = [sock for server in self._server.servers for sock in server.sockets]
        self.port = int(sockets[0].getsockname()[1])
        return self.url

    def stop(self) -> None:
        """Stop serving and wait for the thread to end (open connections are closed)."""
        if self._thread is not None:
            self._server.should_exit = True
            self._thread.join()
            self._thread = None

    def wait(self, poll: float = 0.5) -> None:
        """Block until the server stops (Ctrl+C stops it)."""
        while self.running and self._thread is not None:
            self._thread.join(poll)

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def serve(
    sandbox: Sandbox | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    ready: Callable[[str], None] | None = None,
    **settings: Any,
) -> None:
    """Serve a sandbox over TCP until interrupted; ``ready(url)`` is called once it listens."""
    from ._sandbox import Sandbox

    own = sandbox is None
    box = sandbox if sandbox is not None else Sandbox(**settings)
    server = Server(box, host, port)
    try:
        url = server.start()
        if ready is not None:
            ready(url)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if own:
            box.close()
