"""A scripted loopback HTTP server for tests that need a server to misbehave in bytes.

``raw_server(answer)`` calls ``answer(request bytes)`` for each connection and sends what it returns
(``None``: stay silent for 3 s), then closes the connection; ``response(status, body, **headers)``
builds an HTTP/1.1 answer with ``Connection: close``.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

__all__ = ["raw_server", "response"]


@contextlib.contextmanager
def raw_server(answer: Callable[[bytes], bytes | None]) -> Iterator[str]:
    """A loopback server answering every request with ``answer(request bytes)`` (None: stay silent 3 s)."""
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
                    else:
                        connection.sendall(reply)
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
