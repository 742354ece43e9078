"""A scripted loopback HTTP server for tests that need a server to misbehave in bytes.

``raw_server(answer)`` calls ``answer(request bytes)`` for each connection and sends what it returns
(``None``: stay silent for 3 s; an iterable of chunks: each one after ``pace`` seconds, so a server can
drip), then closes the connection; ``response(status, body, **headers)`` builds an HTTP/1.1 answer with
``Connection: close``. ``http_server(handler)`` serves a ``BaseHTTPRequestHandler`` class on a free
loopback port in a thread, for tests whose server speaks proper HTTP.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["closed_port_url", "http_server", "raw_server", "response"]


@contextlib.contextmanager
def raw_server(answer: Callable[[bytes], bytes | Iterable[bytes] | None], *, pace: float = 0.0) -> Iterator[str]:
    """A loopback server answering every request with ``answer(request bytes)``: bytes, None (stay silent 3 s),
    or chunks sent ``pace`` seconds apart (the server stops dripping when it is stopped)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            with connection:
                connection.settimeout(3)
                try:
                    request = connection.recv(65536)
                    reply = answer(request)
                    if reply is None:
                        stop.wait(3)
                    elif isinstance(reply, bytes):
                        connection.sendall(reply)
                    else:
                        for chunk in reply:
                            if stop.wait(pace):
                                break
                            connection.sendall(chunk)
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
        thread.join(5)


def response(status: int, body: bytes, **headers: str) -> bytes:
    fields = {"content-type": "application/json", "content-length": str(len(body)), "connection": "close", **headers}
    head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields.items()) + "\r\n"
    return head.encode("latin-1") + body


@contextlib.contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` served on a free loopback port by a thread; yields the base URL, stops and joins after (the
    requests still being answered too, so what they use can be closed after it)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = False  # server_close() joins the handler threads (block_on_close)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def closed_port_url() -> str:
    """``http://127.0.0.1:PORT`` where nothing listens: the port was bound, then closed (connections are refused)."""
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        return f"http://127.0.0.1:{placeholder.getsockname()[1]}"


def httpx_handler(answer: Callable[[Any], Any]) -> type[BaseHTTPRequestHandler]:
    """A request handler class that answers each request with ``answer(httpx.Request) -> httpx.Response``: a
    handler written for ``httpx.MockTransport`` (a sandbox, wrapped with a deliberate fault) served on a socket."""
    import httpx

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            request = httpx.Request(
                self.command, f"http://127.0.0.1{self.path}", headers=list(self.headers.items()), content=body
            )
            response = answer(request)
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("content-length", str(len(response.content)))
            self.end_headers()
            self.wfile.write(response.content)

        do_GET = do_PUT = do_POST = do_DELETE = _serve

        def log_message(self, *args: Any) -> None:
            """Keep the test output quiet."""

    return Handler
