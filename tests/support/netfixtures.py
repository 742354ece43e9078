"""The user's network on loopback: a forward proxy (plain and CONNECT, optionally itself over TLS, optionally
asking for credentials), and a private certificate authority made at test time (trustme).

``ForwardProxy`` relays absolute-form requests (``GET http://host:port/path``) to their origin and tunnels
``CONNECT host:port``; it records what it saw (``seen``: method and target; ``authorizations``: each request's
Proxy-Authorization, or None), so a test proves from the proxy's side that a client went through it.
"""

from __future__ import annotations

import base64
import contextlib
import select
import socket
import ssl
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trustme

__all__ = ["PKI", "ForwardProxy"]


class PKI:
    """A private CA with a server certificate for 127.0.0.1 / localhost and a client certificate, as files."""

    def __init__(self, folder: Path) -> None:
        self.ca = trustme.CA()
        self.server = self.ca.issue_cert("127.0.0.1", "localhost")
        self.client = self.ca.issue_cert("client@talon-dyn.test")
        self.ca_file = folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.client_file = folder / "client.pem"  # certificate chain and key in one file
        self.client.private_key_and_cert_chain_pem.write_to_path(str(self.client_file))
        self.client_cert = folder / "client-cert.pem"
        self.client_key = folder / "client-key.pem"
        self.client.cert_chain_pems[0].write_to_path(str(self.client_cert))
        self.client.private_key_pem.write_to_path(str(self.client_key))

    def server_context(self, *, require_client_cert: bool = False, leaf: Any = None) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        (leaf or self.server).configure_cert(context)
        if require_client_cert:
            context.verify_mode = ssl.CERT_REQUIRED
            self.ca.configure_trust(context)
        return context


def _relay(one: socket.socket, other: socket.socket, stop: threading.Event) -> None:
    """Copy bytes both ways until either side closes."""
    pair = [one, other]
    while not stop.is_set():
        readable, _, _ = select.select(pair, [], [], 0.05)
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (other if sock is one else one).sendall(data)


def _read_head(sock: socket.socket, buffer: bytearray) -> bytes | None:
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    buffer[:] = rest
    return head


def _length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


def _take(sock: socket.socket, buffer: bytearray, length: int) -> bytes:
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buffer += chunk
    body, buffer[:] = bytes(buffer[:length]), buffer[length:]
    return body


class ForwardProxy:
    """See the module docstring. ``credentials="user:pass"`` makes it answer 407 without them."""

    def __init__(self, *, credentials: str | None = None, tls: ssl.SSLContext | None = None) -> None:
        self.credentials = credentials
        self.tls = tls
        self.seen: list[tuple[str, str]] = []
        self.authorizations: list[str | None] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        port = self._listener.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        self.address = f"127.0.0.1:{port}"
        self._threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url_with(self, user: str, password: str) -> str:
        scheme, _, rest = self.url.partition("://")
        return f"{scheme}://{user}:{password}@{rest}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            worker = threading.Thread(target=self._client, args=(connection,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _allowed(self, head: bytes) -> bool:
        given = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"proxy-authorization":
                given = value.strip().decode("latin-1")
        self.authorizations.append(given)
        if self.credentials is None:
            return True
        return given == "Basic " + base64.b64encode(self.credentials.encode()).decode()

    def _client(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError, ssl.SSLError):
            connection.settimeout(5)
            if self.tls is not None:
                connection = self.tls.wrap_socket(connection, server_side=True)
            with connection:
                buffer = bytearray()
                while not self._stop.is_set():
                    head = _read_head(connection, buffer)
                    if head is None:
                        return
                    method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
                    self.seen.append((method, target))
                    body = _take(connection, buffer, _length(head))
                    if not self._allowed(head):
                        connection.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n")
                        return
                    if method == "CONNECT":
                        host, _, port = target.rpartition(":")
                        with socket.create_connection((host, int(port)), timeout=5) as upstream:
                            connection.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                            _relay(connection, upstream, self._stop)
                        return
                    self._forward(connection, head, body, target)

    def _forward(self, connection: socket.socket, head: bytes, body: bytes, target: str) -> None:
        parts = urlsplit(target)
        lines = head.split(b"\r\n")
        method = lines[0].split(b" ", 1)[0]
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        kept = [
            line for line in lines[1:] if not line.lower().startswith((b"proxy-authorization", b"proxy-connection"))
        ]
        request = b"\r\n".join([method + b" " + path.encode() + b" HTTP/1.1", *kept]) + b"\r\n\r\n" + body
        with socket.create_connection((parts.hostname, parts.port or 80), timeout=5) as upstream:
            upstream.sendall(request)
            answer = bytearray()
            answer_head = _read_head(upstream, answer)
            if answer_head is None:
                return
            answer_body = _take(upstream, answer, _length(answer_head))
        connection.sendall(answer_head + b"\r\n\r\n" + answer_body)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        self._thread.join(5)
        for worker in self._threads:  # a relay still waiting on a dripping origin ends with it (daemon threads)
            worker.join(0.5)

    def __enter__(self) -> ForwardProxy:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
