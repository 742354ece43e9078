"""The fault matrix on a real loopback socket: a scripted server that misbehaves as each ``Fault`` says.

``FaultServer(spec, faults)`` answers the n-th request with the n-th fault, in bytes on the
wire, and later ones with the operation's documented success; every answer closes its
connection, so each attempt connects anew. A ``refused`` fault closes the listening socket
before the attempt connects (the port then refuses) and ``reopen`` binds the same port again:
the tests call it from the retry's injected sleep, between attempts. ``connect-timeout``
cannot be made on loopback and is not served here (the transport-level matrix covers it).
``delivered`` counts the requests that reached this server.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Sequence
from typing import Any

from faults import CAP, Fault, success_body

import talon_dyn

__all__ = ["UNSERVABLE", "FaultServer"]

UNSERVABLE = frozenset({"connect-timeout"})
HOLD = 1.5
"""How long a "read-timeout" fault keeps the connection silent (longer than the tests' attempt limit)."""


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} X"] + [f"{name}: {value}" for name, value in headers.items()] + ["", ""]
    return "\r\n".join(lines).encode("latin-1")


def _answer(status: int, body: bytes, content_type: str | None = "application/json", **extra: str) -> bytes:
    headers = {"connection": "close", "content-length": str(len(body)), **extra}
    if content_type:
        headers["content-type"] = content_type
    return _head(status, headers) + body


class FaultServer:
    """A loopback HTTP/1.1 server playing the faults in order (see the module's docstring)."""

    def __init__(self, spec: talon_dyn.Spec, faults: Sequence[Fault]) -> None:
        self.spec = spec
        self.faults = list(faults)
        self.delivered = 0
        self.injected: list[str] = []
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self._skip_sleeps = 0  # sleeps that come before the refused attempt (the one right after a closure)
        self._workers: list[threading.Thread] = []
        self._listen(0)
        assert self._listener is not None
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        if self.faults and self.faults[0].name == "refused":
            self._close_listener()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    # -- the listening socket ---------------------------------------------------------------

    def _listen(self, port: int) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        listener.settimeout(0.05)
        self._listener = listener

    def _close_listener(self) -> None:
        with self._lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None

    def reopen(self) -> None:
        """Between attempts: after a refused attempt, listen again (unless the next fault refuses too)."""
        with self._lock:
            if self._skip_sleeps:
                self._skip_sleeps -= 1
                return
            if self.faults and self.faults[0].name == "refused":
                self.faults.pop(0)
                self.injected.append("refused")
            if self._listener is None and not (self.faults and self.faults[0].name == "refused"):
                self._listen(self.port)

    # -- serving ----------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                listener = self._listener
            if listener is None:
                time.sleep(0.01)
                continue
            try:
                connection, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            worker = threading.Thread(target=self._handle, args=(connection,), daemon=True)
            worker.start()
            self._workers.append(worker)

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5)
            with contextlib.suppress(OSError):  # the client hung up first: the fault's point, often
                self._one(connection)

    def _read_request(self, connection: socket.socket) -> tuple[str, str]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                raise OSError("closed before the request ended")
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length")), 0)
        while len(rest) < length:
            rest += connection.recv(65536)
        method, target, _ = lines[0].split(" ", 2)
        return method, target

    def _one(self, connection: socket.socket) -> None:
        method, target = self._read_request(connection)
        self.delivered += 1
        found = self.spec.match(method, target.split("?", 1)[0])
        assert found is not None, f"no operation serves {method} {target}"
        operation = found[0]
        body = success_body(self.spec, operation)
        good = b"" if body is None else json.dumps(body).encode()
        code = operation.success_status
        with self._lock:
            fault = self.faults.pop(0) if self.faults else None
            if self.faults and self.faults[0].name == "refused" and self._listener is not None:
                self._listener.close()  # before answering: the next attempt must find the port refusing
                self._listener = None
                self._skip_sleeps = 1  # the client's next sleep comes before that attempt
        if fault is None:
            connection.sendall(_answer(code, good, "application/json" if good else None))
            return
        self.injected.append(fault.name)
        self._play(connection, fault.name, code, good)

    def _play(self, connection: socket.socket, name: str, code: int, good: bytes) -> None:
        send = connection.sendall
        if name == "read-timeout":
            self._stop.wait(HOLD)
        elif name == "reset-mid-body":
            head = _head(200, {"content-type": "application/json", "content-length": str(len(good))})
            send(head + good[: len(good) // 2])
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close
        elif name[:3].isdigit():
            status = int(name[:3])
            extra = {"retry-after": name.split("retry-after ", 1)[1]} if "retry-after" in name else {}
            error = json.dumps({"message": f"injected {status}", "errors": []}).encode()
            send(_answer(status, error, **extra))
        elif name == "truncated-json":
            send(_answer(code, good[: len(good) // 2]))
        elif name == "html-200":
            send(_answer(200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"))
        elif name == "wrong-content-type":
            send(_answer(200, good, "text/plain"))
        elif name == "empty-body":
            send(_answer(200, b""))
        elif name == "oversize-declared":
            send(_head(200, {"content-type": "application/json", "content-length": str(100 * CAP)}) + b"[0,")
        elif name == "oversize-endless":
            send(_head(200, {"content-type": "application/json", "connection": "close"}) + b"[")
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not self._stop.is_set():
                send(b"0," * 512)
        elif name == "slow-drip":
            send(_head(200, {"content-type": "application/json", "content-length": str(len(good))}))
            for index in range(len(good)):
                if self._stop.wait(0.05):
                    return
                send(good[index : index + 1])
        elif name == "gzip-garbage":
            send(_answer(200, b"certainly not gzip", **{"content-encoding": "gzip"}))
        else:
            raise AssertionError(f"no wire form for fault {name!r}")

    def close(self) -> None:
        self._stop.set()
        self._close_listener()
        self._thread.join(5)
        for worker in self._workers:
            worker.join(5)

    def __enter__(self) -> FaultServer:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
