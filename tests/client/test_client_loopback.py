"""Both clients against a real HTTP server on 127.0.0.1: bytes on the wire, signatures and status handling."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from payloads import RESERVED, STATE
from rawserver import http_server

import talon_dyn
from talon_dyn import AsyncClient, Client

APPLICATION_KEY = "fefecafedeadbeef"
SESSION_BODY = {
    "customerSession": {"profileId": "Zoë", "cartItems": [{"name": "Tea", "sku": "T1", "quantity": 2, "price": 3.5}]}
}


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    """A running loopback server and the requests it has received."""

    base_url: str
    seen: list[Seen] = field(default_factory=list)


def canned(method: str, path: str) -> tuple[int, Any]:
    """Schema-valid answers for the few routes the tests call."""
    if method == "GET" and path.startswith("/v1/coupon_reservations/coupons/"):
        return 200, RESERVED
    if method == "PUT" and path.startswith("/v2/customer_sessions/"):
        return 200, STATE
    if method == "DELETE" and path.startswith("/v1/customer_data/missing"):
        return 404, {"message": "profile not found"}
    if method == "DELETE" and path.startswith("/v1/customer_data/"):
        return 204, None
    return 500, {"message": "no canned answer"}


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure no proxy from the environment sits between the client and 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server(no_proxy: None) -> Iterator[Server]:
    """A ThreadingHTTPServer on 127.0.0.1 and a free port, stopped after the test."""
    seen: list[Seen] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            seen.append(Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status, data = canned(self.command, self.path)
            payload = b"" if data is None else json.dumps(data).encode()
            self.send_response(status)
            if data is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_PUT = do_DELETE = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    with http_server(Handler) as url:
        yield Server(url, seen)


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


SENT = [
    ("GET", "/v1/coupon_reservations/coupons/a%2Fb%20c"),
    ("PUT", "/v2/customer_sessions/s1"),
    ("DELETE", "/v1/customer_data/p1"),
    ("DELETE", "/v1/customer_data/missing"),
]
"""What both loopback tests' four calls put on the wire."""


def signature_of(body: bytes) -> str:
    return "signer=7; signature=" + hmac.new(bytes.fromhex(APPLICATION_KEY), body, hashlib.md5).hexdigest()


def test_sync_client_over_loopback(server: Server) -> None:
    """The sync client sends real HTTP and reads the server's JSON, 204 and error answers."""
    with Client(base_url=server.base_url, api_key="k") as client:
        assert client.get_reserved_coupons("a/b c") == RESERVED
        assert client.update_customer_session_v2("s1", SESSION_BODY) == STATE
        assert client.delete_customer_data("p1") is None
        with pytest.raises(talon_dyn.NotFound) as caught:
            client.delete_customer_data("missing")
    assert caught.value.error["message"] == "profile not found"
    assert [(s.method, s.path) for s in server.seen] == SENT
    assert all(s.headers["authorization"] == "ApiKey-v1 k" for s in server.seen)
    assert json.loads(server.seen[1].body) == SESSION_BODY


@pytest.mark.anyio
async def test_async_client_over_loopback(server: Server) -> None:
    """The async client sends real HTTP and reads the server's JSON, 204 and error answers."""
    async with AsyncClient(base_url=server.base_url, api_key="k") as client:
        assert await client.get_reserved_coupons("a/b c") == RESERVED
        assert await client.update_customer_session_v2("s1", SESSION_BODY) == STATE
        assert await client.delete_customer_data("p1") is None
        with pytest.raises(talon_dyn.NotFound) as caught:
            await client.delete_customer_data("missing")
    assert caught.value.error["message"] == "profile not found"
    assert [(s.method, s.path) for s in server.seen] == SENT
    assert json.loads(server.seen[1].body) == SESSION_BODY


def test_sync_signature_matches_the_bytes_received(server: Server) -> None:
    """The Content-Signature the server receives is the HMAC-MD5 of exactly the body it received."""
    with Client(base_url=server.base_url, application_id=7, application_key=APPLICATION_KEY) as client:
        client.update_customer_session_v2("s1", SESSION_BODY)
    (received,) = server.seen
    assert received.headers["content-signature"] == signature_of(received.body)
    assert "authorization" not in received.headers


@pytest.mark.anyio
async def test_async_signature_matches_the_bytes_received(server: Server) -> None:
    """The async client's Content-Signature is the HMAC-MD5 of exactly the body the server received."""
    async with AsyncClient(base_url=server.base_url, application_id=7, application_key=APPLICATION_KEY) as client:
        await client.update_customer_session_v2("s1", SESSION_BODY)
    (received,) = server.seen
    assert received.headers["content-signature"] == signature_of(received.body)


def test_connection_refused_is_a_transport_error(no_proxy: None) -> None:
    """A port nobody listens on gives ConnectionFailed (no retries here), not an httpx error."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        Client(base_url=f"http://127.0.0.1:{port}", api_key="k", retry=talon_dyn.Retry.never()) as client,
        pytest.raises(talon_dyn.ConnectionFailed) as caught,
    ):
        client.delete_customer_data("p1")
    assert caught.value.operation == "deleteCustomerData"
