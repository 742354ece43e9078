"""Where a smoke run sends its requests, and how: ``Target`` and the async ``Sender``.

Requests are built by the core's ``prepare`` (the same bytes and signatures the client
sends) with validation off, so the smoke checks can send deliberately invalid requests
and read every response whole, whatever its status.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from .._auth import Credentials
from .._exceptions import ConnectionFailed
from .._spec import Operation, Spec
from ._records import Exchange
from ._redact import Redactor

__all__ = ["SANDBOX_URL", "Sender", "Target"]

SANDBOX_URL = "http://sandbox.talon.invalid"
MAX_BODY = 4 * 1024 * 1024


@dataclass
class Target:
    """A deployment (or an in-process sandbox) and the credentials to call it with."""

    spec: Spec
    base_url: str
    credentials: Credentials
    transport: httpx.AsyncBaseTransport | None = None
    timeout: float = 10.0
    description: str = ""
    extra_secrets: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not self.description:
            self.description = self.base_url

    def redactor(self) -> Redactor:
        return Redactor([*self.credentials.secrets(), *self.extra_secrets])


class Sender:
    """Sends prepared requests over one ``httpx.AsyncClient`` and records each exchange."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self._http = httpx.AsyncClient(
            base_url=target.base_url, transport=target.transport, timeout=target.timeout, follow_redirects=False
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def build(
        self, operation: Operation, arguments: Mapping[str, Any], credentials: Credentials | None = None
    ) -> httpx.Request:
        """The request ``arguments`` make (python names; ``body`` is the JSON body), nothing validated."""
        from .._operation import prepare

        prepared = prepare(self.target.spec, operation, arguments, credentials or self.target.credentials, mode="off")
        return self._http.build_request(
            prepared.method, prepared.target, headers=prepared.headers, content=prepared.content
        )

    async def send(self, request: httpx.Request) -> Exchange:
        """Send ``request``; a refused connection raises ``ConnectionFailed``, other transport errors are recorded."""
        started = time.perf_counter()
        try:
            response = await self._http.send(request, stream=True)
            try:
                chunks, size = [], 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > MAX_BODY:
                        raise httpx.DecodingError(f"response body over {MAX_BODY} bytes")
                    chunks.append(chunk)
            finally:
                await response.aclose()
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol) as exc:
            raise ConnectionFailed(f"cannot reach {self.target.description}: {exc}") from None
        except httpx.HTTPError as exc:
            return Exchange(request, None, f"{type(exc).__name__}: {exc}", time.perf_counter() - started)
        # The body is already decoded: keep the headers but those that describe the encoding on the wire.
        headers = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in ("content-encoding", "transfer-encoding", "content-length")
        ]
        complete = httpx.Response(response.status_code, headers=headers, content=b"".join(chunks), request=request)
        return Exchange(request, complete, None, time.perf_counter() - started)
