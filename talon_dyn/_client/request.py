"""The one build / send seam: ``PreparedRequest`` (built the client's way) and ``RawResponse`` (sent once).

``client.build_request("update_customer_session_v2", "s1", body)`` validates, encodes and
signs exactly as the operation's method does, and returns a ``PreparedRequest``;
``client.send(request)`` runs it through the client's attempt loop - its retry rules, its
deadline, its middleware, its size cap - and returns the ``RawResponse`` whatever its status
(``raw.parse()`` reads it as the method would: data, or the error). The methods themselves
are ``build_request`` + ``send`` + ``parse``; the smoke tool and ``talon-dyn call`` use the
same two steps, so every rule of the send path holds for them too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from .._model.spec import Operation
from .._transports import FIN_GRACE
from .._transports._httpx import http_url
from .codec import Mode
from .retry import Repeat, Retry

if TYPE_CHECKING:
    from .attempt import Reply

__all__ = ["PreparedRequest", "RawResponse"]


@dataclass(slots=True, eq=False, repr=False)
class PreparedRequest:
    """A request built the client's way and how to send it: ready for ``client.send``.

    ``headers`` hold its credentials: the repr never shows them (nor the body)."""

    operation: Operation
    method: str
    url: str
    headers: list[tuple[str, str]]
    content: bytes | None
    timeout: dict[str, float]
    """Each phase's limit (connect, read, write, pool), in seconds."""
    attempt_limit: float
    """Seconds one attempt may take in total."""
    deadline: float
    """Seconds the whole call may take: attempts, waits and Retry-After."""
    retry: Retry
    response_validation: Mode
    repeat: Repeat = field(default_factory=lambda: Repeat(after_reaching=False))

    def __repr__(self) -> str:
        return f"<PreparedRequest {self.method} {self.path} ({self.operation.operation_id})>"

    @property
    def fin_grace(self) -> float:
        """How long the engine waits for a late FIN before reusing a connection (``_transports.closed_by_peer``):
        only a request that is never repeated waits."""
        return 0.0 if self.repeat.after_reaching else FIN_GRACE

    @property
    def path(self) -> str:
        """The path and query, percent-encoded, as sent."""
        start = self.url.find("/", self.url.find("//") + 2)
        return "/" if start < 0 else self.url[start:]

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case), or None."""
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)

    def http_request(self) -> httpx.Request:
        """The request as it is sent, as an ``httpx.Request`` (credentials included: redact before showing it)."""
        return httpx.Request(self.method, http_url(self.url), headers=self.headers, content=self.content)


@dataclass(slots=True, eq=False, repr=False)
class RawResponse:
    """What ``client.send`` got back, whatever its status: the answer's bytes and how the call went."""

    request: PreparedRequest
    status_code: int
    content: bytes
    raw_headers: Sequence[tuple[bytes, bytes]]
    attempts: tuple[str, ...]
    """Why each attempt ended, one line each ("" for the one that got this answer)."""
    elapsed: float
    """Seconds the whole call took, every attempt and wait included."""
    request_id: str | None
    """The server's request id (``X-Request-Id`` and kin), when it sent one."""
    _reply: Reply
    _parse: Callable[[], Any]

    def __repr__(self) -> str:
        return f"<RawResponse {self.status_code} for {self.request!r}>"

    @property
    def headers(self) -> httpx.Headers:
        return self._reply.response.headers

    @property
    def http_response(self) -> httpx.Response:
        """The answer as an ``httpx.Response`` (decoded body; its request carries no credential header)."""
        return self._reply.response

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (any case), or None."""
        return self._reply.header(name.lower().encode("latin-1"))

    def parse(self) -> Any:
        """The answer read as the operation's method reads it: its data, or the error it raises."""
        return self._parse()
