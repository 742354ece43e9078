"""A loopback HTTP/1.1 server that keeps connections alive and misbehaves on cue, counting what it received.

``KeepAliveServer(play)`` serves each connection in a thread, request after request; ``play(number, method,
target)`` names what the n-th request (counting from 1, over all connections) gets:

* ``"ok"``: the answer, and the connection stays open for the next request (no ``Connection: close``);
* ``"close-after"``: the answer, then the server closes the connection without having said it would (the
  pooled connection goes stale: the client's next request must not be written on it);
* ``"drop-before"``: the request is read, then the connection is closed with no answer at all;
* ``"drop-during"``: the status line, the headers and half the body, then the connection is closed;
* ``"slow:<seconds>"``: the answer after that long;
* ``"drip"``: the status line and headers one byte every 50 ms (the server stops when it is stopped);
* ``"status:<code>[:<retry-after>]"``: an ErrorResponse with that status (and Retry-After).

With ``tls`` (a server ``ssl.SSLContext``) it speaks https.
The answer's body is ``{"totalResultSize": 1, "data": [{"id": 1, "value": <last path segment>}]}`` (a valid
getReservedCoupons answer that echoes the request), or the body ``body_for(method, target)`` returns.
``received`` counts the requests read whole; ``connections`` the connections accepted. Counting at the server
is the point: a client's own bookkeeping cannot show a request it sent twice.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["KeepAliveServer", "ServerProcess", "coupons_body", "spec_body", "wait_until"]

Play = Callable[[int, str, str], str]


def coupons_body(method: str, target: str) -> tuple[int, bytes]:
    """A getReservedCoupons-shaped answer echoing the last path segment (200)."""
    value = target.split("?", 1)[0].rsplit("/", 1)[-1]
    body = {
        "totalResultSize": 1,
        "data": [
            {
                "id": 1,
                "created": "2020-01-01T00:00:00Z",
                "campaignId": 1,
                "value": value,
                "usageLimit": 0,
                "usageCounter": 0,
            }
        ],
    }
    return 200, json.dumps(body).encode()


class KeepAliveServer:
    """See the module docstring. Use as a context manager; ``url`` is its base URL."""

    def __init__(
        self,
        play: Play,
        body_for: Callable[[str, str], tuple[int, bytes]] = coupons_body,
        *,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.play = play
        self.tls = tls
        self.handshake_errors: list[str] = []
        self.body_for = body_for
        self.received = 0
        self.connections = 0
        self.targets: list[str] = []
        self.heads: list[dict[str, str]] = []
        """Each request's headers (names in lower case), in order."""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self.connections += 1
            worker = threading.Thread(target=self._connection, args=(connection,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _read(self, connection: socket.socket, buffer: bytearray) -> tuple[str, str] | None:
        while b"\r\n\r\n" not in buffer:
            chunk = connection.recv(65536)
            if not chunk:
                return None
            buffer += chunk
        head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length")), 0)
        while len(rest) < length:
            chunk = connection.recv(65536)
            if not chunk:
                return None
            rest += chunk
        buffer[:] = rest[length:]
        method, target, _ = lines[0].split(" ", 2)
        with self._lock:
            self.heads.append({k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])})
        return method, target

    def _connection(self, connection: socket.socket) -> None:
        buffer = bytearray()
        if self.tls is not None:
            connection.settimeout(5)
            # A failed handshake closes the TLS socket at once, and closing with unread bytes (the request a
            # TLS 1.3 client sends before it reads our alert) resets the connection: a reset can overtake the
            # alert that says why. So a duplicate of the descriptor stays open to read what the client still
            # sends until it hangs up, having read the alert.
            spare = connection.dup()
            try:
                connection = self.tls.wrap_socket(connection, server_side=True)
            except (ssl.SSLError, OSError) as exc:  # a client that refused our certificate, or gave none
                self.handshake_errors.append(str(exc))
                with spare, contextlib.suppress(OSError):
                    spare.settimeout(2.0)
                    while spare.recv(65536):
                        pass
                return
            spare.close()
        with connection, contextlib.suppress(OSError):
            connection.settimeout(5)
            while not self._stop.is_set():
                request = self._read(connection, buffer)
                if request is None:
                    return
                method, target = request
                with self._lock:
                    self.received += 1
                    number = self.received
                    self.targets.append(target)
                if not self._answer(connection, self.play(number, method, target), method, target):
                    return

    def _answer(self, connection: socket.socket, what: str, method: str, target: str) -> bool:
        """Play ``what``; whether the connection stays open."""
        code, body = self.body_for(method, target)
        kind, _, argument = what.partition(":")
        if kind == "status":
            code_text, _, retry_after = argument.partition(":")
            code = int(code_text)
            body = json.dumps({"message": f"injected {code}", "errors": []}).encode()
            extra = f"retry-after: {retry_after}\r\n" if retry_after else ""
        else:
            extra = ""
        head = (
            f"HTTP/1.1 {code} X\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n{extra}\r\n"
        ).encode("latin-1")
        if kind == "drop-before":
            return False
        if kind == "drop-during":
            connection.sendall(head + body[: len(body) // 2])
            return False
        if kind == "slow" and self._stop.wait(float(argument)):
            return False
        if kind == "drip":
            for byte in head:
                if self._stop.wait(0.05):
                    return False
                connection.sendall(bytes([byte]))
            connection.sendall(body)
            return True
        if kind == "stray-same":  # one answer more than was asked for, in the same segment as the real one
            connection.sendall(head + body + STRAY)
            return True
        if kind == "stray-late":  # the real answer, then one more after ``argument`` seconds
            connection.sendall(head + body)
            if not self._stop.wait(float(argument)):
                connection.sendall(STRAY)
            return True
        connection.sendall(head + body)
        return kind != "close-after"

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        self._thread.join(5)
        for worker in self._threads:
            worker.join(5)

    def __enter__(self) -> KeepAliveServer:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


STRAY = (
    b"HTTP/1.1 503 X\r\ncontent-type: application/json\r\ncontent-length: 41\r\n\r\n"
    b'{"message": "stray answer", "errors": []}'
)
"""An answer nobody asked for (a proxy's or a load balancer's): a call that returns it got another's answer."""


def wait_until(condition: Callable[[], bool], seconds: float = 2.0) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass (the server counts in its own threads)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


class ServerProcess:
    """A ``KeepAliveServer`` whose every request gets ``play`` (one word), in a process of its own: the service is
    never in the client's process, and the GIL must not decide when the server gets to close a connection.
    ``received()`` asks it how many requests it has read whole."""

    def __init__(self, play: str) -> None:
        import subprocess
        import sys

        self._process = subprocess.Popen(
            [sys.executable, __file__, play], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        self.url = self._process.stdout.readline().strip()

    def received(self) -> int:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.write("count\n")
        self._process.stdin.flush()
        return int(self._process.stdout.readline())

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._process.kill()
        self._process.wait(5)
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()


def spec_body(method: str, target: str) -> tuple[int, bytes]:
    """The documented success of the bundled spec's operation a request is for (getReservedCoupons echoes its
    path value)."""
    from faults import success_body

    import talon_dyn

    spec = talon_dyn.load()
    found = spec.match(method, target.split("?", 1)[0])
    assert found is not None, (method, target)
    operation = found[0]
    if operation.operation_id == "getReservedCoupons":
        return coupons_body(method, target)
    body = success_body(spec, operation)
    return operation.success_status, b"" if body is None else json.dumps(body).encode()


def _main() -> None:
    import sys

    play = sys.argv[1]
    with KeepAliveServer(lambda number, method, target: play, spec_body) as server:
        print(server.url, flush=True)
        for _ in sys.stdin:
            print(server.received, flush=True)


if __name__ == "__main__":
    _main()
