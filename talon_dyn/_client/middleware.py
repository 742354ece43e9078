"""Middleware: code of yours that runs once per attempt, inside the retry loop, on every engine.

One small interface serves both clients: a middleware is any object with ``on_request(attempt)``
and/or ``on_response(attempt)`` (plain functions, so the same object works for ``Client`` and
``AsyncClient``); subclass ``Middleware`` to get both as no-ops. Each attempt is one ``Attempt``:

* before it is sent, ``on_request`` sees the operation, the method, the route template, the URL,
  the attempt's number and its headers (credentials shown as ``***``), and may ``add_header``;
* after it, ``on_response`` also sees the answer's status, headers and elapsed time, or the error
  that ended the attempt (``error``: a timeout, a dropped connection...).

Either may raise: the call then ends with that exception. Hooks run in the order given, and
``on_response`` runs for every attempt that ran ``on_request``. With no middleware registered,
the send path does not change (``make bench`` shows it: one truth test per attempt).

Built in: ``TraceContext`` puts the W3C ``traceparent`` (and ``tracestate``) of the call's
OpenTelemetry span on each attempt, when the ``otel`` extra and a tracer provider are there.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .._redact import CREDENTIAL_HEADERS, MASK
from .options import check_headers

if TYPE_CHECKING:
    from .request import PreparedRequest

__all__ = ["Attempt", "Middleware", "TraceContext"]


class Attempt:
    """One attempt of a call, as middleware sees it (``on_request``, then ``on_response``)."""

    __slots__ = ("_added", "_request", "elapsed", "error", "number", "response_headers", "started", "status")

    def __init__(self, request: PreparedRequest, number: int) -> None:
        self._request = request
        self._added: list[tuple[str, str]] = []
        self.number = number
        """1 for the first attempt of the call, 2 for the first repeat, ..."""
        self.started = time.monotonic()
        self.status: int | None = None
        """The answer's status (``on_response``), None when the attempt got no answer."""
        self.response_headers: Mapping[str, str] = {}
        """The answer's headers (``on_response``), names in lower case."""
        self.elapsed = 0.0
        """Seconds the attempt took (``on_response``)."""
        self.error: BaseException | None = None
        """Why the attempt got no answer (``on_response``): a ``TalonTimeout``, a ``ConnectionFailed``..."""

    def __repr__(self) -> str:
        outcome = (
            "" if self.status is None and self.error is None else f" -> {self.status or type(self.error).__name__}"
        )
        return f"<Attempt {self.number} {self.method} {self.route}{outcome}>"

    @property
    def operation(self) -> str:
        """The operationId."""
        return self._request.operation.operation_id

    @property
    def method(self) -> str:
        return self._request.method

    @property
    def route(self) -> str:
        """The path template (``/v2/customer_sessions/{customerSessionId}``): no path values, fit for metrics."""
        return self._request.operation.path

    @property
    def url(self) -> str:
        """The URL as sent, path values and query included."""
        return self._request.url

    @property
    def headers(self) -> dict[str, str]:
        """The request's headers, names in lower case; credentials (Authorization, Content-Signature, cookies,
        API-key headers: ``talon_dyn._redact.CREDENTIAL_HEADERS``) as ``***``."""
        shown = {name.lower(): value for name, value in (*self._request.headers, *self._added)}
        return {name: MASK if name in CREDENTIAL_HEADERS else value for name, value in shown.items()}

    def add_header(self, name: str, value: str) -> None:
        """Send this header with this attempt (the rules of configured headers: no credential or framing
        header, no CR/LF, names are tokens)."""
        (checked,) = check_headers({name: value}, f"{self.operation} middleware").items()
        self._added.append(checked)

    def outgoing(self) -> PreparedRequest:
        """The request this attempt sends: the call's, with the headers middleware added."""
        if not self._added:
            return self._request
        from dataclasses import replace

        given = {name for name, _ in self._added}
        headers = [(name, value) for name, value in self._request.headers if name.lower() not in given]
        return replace(self._request, headers=[*headers, *self._added])

    def answered(self, status: int, headers: Sequence[tuple[bytes, bytes]], elapsed: float) -> None:
        """The attempt got an answer (``elapsed``: as the attempt loop measured it, the figure of its record)."""
        self.status = status
        self.response_headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in headers}
        self.elapsed = elapsed

    def failed(self, error: BaseException, elapsed: float) -> None:
        """The attempt got no answer (``elapsed``: as the attempt loop measured it)."""
        self.error = error
        self.elapsed = elapsed


class Middleware:
    """A base for middleware with both hooks doing nothing; override either."""

    def on_request(self, attempt: Attempt) -> None:
        """Before the attempt is sent: look at it, ``attempt.add_header(...)``, or raise to end the call."""

    def on_response(self, attempt: Attempt) -> None:
        """After the attempt: its ``status`` and ``response_headers``, or its ``error``; raise to end the call."""


class TraceContext(Middleware):
    """The W3C trace context of the current OpenTelemetry span on each attempt (``traceparent``)."""

    def on_request(self, attempt: Attempt) -> None:
        from opentelemetry import propagate

        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        for name, value in carrier.items():
            attempt.add_header(name, value)
