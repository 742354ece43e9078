"""A transport that injects one fault per attempt, and the fault matrix both clients are tested against.

``FaultTransport(spec, [fault, fault, ...])`` answers the n-th request with the n-th fault
and every later one with the operation's documented success (the first example of its
success schema). It serves ``Client`` and ``AsyncClient`` alike and records every request,
and which of them a real server would have received: a refused connection or a connect
timeout never reaches the server, everything else may have. ``CASES`` is the matrix the
sync and async fault tests both run: per case, the faults, and the exact outcome expected.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from rawserver import raw_server

import talon_dyn
from talon_dyn import (
    Conflict,
    ConnectionFailed,
    InvalidJSON,
    ResponseTooLarge,
    ServerError,
    TalonDynError,
    TalonTimeout,
    TalonTransportError,
    TooManyRequests,
    UnexpectedContentType,
)

__all__ = [
    "CAP",
    "CASES",
    "Body",
    "Case",
    "Fault",
    "FaultTransport",
    "Recorder",
    "Waits",
    "arguments",
    "dripping_server",
    "success_body",
]

CAP = 16 * 1024
"""The response size cap the fault tests give their clients (bytes)."""


class Waits:
    """An injected clock and sleep for ``Retry``: sleeping moves the clock, and every wait is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def retry(self, **changes: Any) -> talon_dyn.Retry:
        """A policy on this clock: backoff 1 s, jitter fixed at one half, budget 100 s, Retry-After capped at 10 s."""
        policy = talon_dyn.Retry(
            backoff=1.0,
            budget=100.0,
            retry_after_cap=10.0,
            clock=self.clock,
            sleep=self.sleep,
            asleep=self.asleep,
            random=lambda: 0.5,
        )
        return policy.but(**changes)


@contextmanager
def dripping_server(*, drip_head: bool = False) -> Iterator[str]:
    """A loopback HTTP server that drips one byte every 50 ms (the body; with ``drip_head``, the status
    line and headers too, so no single read ever times out); yields its URL."""
    body = b'{"totalResultSize":0,"data":[]}' + b" " * 60
    head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(body)

    def answer(request: bytes) -> Iterator[bytes]:
        if not drip_head:
            yield head
        yield from (bytes([byte]) for byte in ((head + body) if drip_head else body))

    with raw_server(answer, pace=0.05) as url:
        yield url


def success_body(spec: talon_dyn.Spec, operation: talon_dyn.Operation) -> Any:
    """The first example of the operation's success schema (None for a body-less success)."""
    response = operation.responses[str(operation.success_status)]
    if response.schema is None:
        return None
    return spec.resolve(response.schema)["examples"][0]


def arguments(spec: talon_dyn.Spec, operation: talon_dyn.Operation, body: Any = None) -> dict[str, Any]:
    """Valid keyword arguments for a call: "p-1" for every path parameter, ``body`` or the body schema's first
    example."""
    kwargs: dict[str, Any] = {p.python_name: "p-1" for p in operation.path_parameters}
    if operation.body is not None and operation.body.schema is not None:
        kwargs["body"] = body if body is not None else spec.resolve(operation.body.schema)["examples"][0]
    return kwargs


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body made of steps: bytes are sent, an exception is raised where it stands.

    ``repeat_last`` makes the last step repeat forever (an endless body); ``sent`` counts the
    bytes handed to the client and ``closed`` tells whether the client closed the stream.
    """

    def __init__(self, steps: Sequence[bytes | Exception], *, repeat_last: bool = False) -> None:
        self.steps = list(steps)
        self.repeat_last = repeat_last
        self.sent = 0
        self.closed = False

    def _steps(self) -> Iterator[bytes]:
        position = 0
        while position < len(self.steps):
            step = self.steps[position]
            if isinstance(step, Exception):
                raise step
            self.sent += len(step)
            yield step
            if not (self.repeat_last and position == len(self.steps) - 1):
                position += 1

    def __iter__(self) -> Iterator[bytes]:
        yield from self._steps()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._steps():
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


@dataclass(frozen=True)
class Fault:
    """One injected failure: its name, whether the server would have seen the request, and how it happens."""

    name: str
    reaches_server: bool
    respond: Callable[[int, bytes], httpx.Response]


def _raise(error: Exception) -> Callable[[int, bytes], httpx.Response]:
    def respond(code: int, good: bytes) -> httpx.Response:
        raise error

    return respond


def _json_headers(**extra: str) -> dict[str, str]:
    return {"content-type": "application/json", **extra}


def refused() -> Fault:
    """The connection was refused: nothing reached the server."""
    return Fault("refused", False, _raise(httpx.ConnectError("[Errno 111] Connection refused")))


def connect_timeout() -> Fault:
    """No connection within the connect timeout: nothing reached the server."""
    return Fault("connect-timeout", False, _raise(httpx.ConnectTimeout("timed out")))


def read_timeout() -> Fault:
    """The request was sent and no answer came within the read timeout."""
    return Fault("read-timeout", True, _raise(httpx.ReadTimeout("timed out")))


def reset_mid_body() -> Fault:
    """Headers and half the body arrive, then the peer resets the connection."""

    def respond(code: int, good: bytes) -> httpx.Response:
        steps = [good[: len(good) // 2], httpx.ReadError("[Errno 104] Connection reset by peer")]
        return httpx.Response(200, headers=_json_headers(**{"content-length": str(len(good))}), stream=Body(steps))

    return Fault("reset-mid-body", True, respond)


def status(code: int, *, retry_after: str | None = None) -> Fault:
    """An error status with an ErrorResponse body (and a Retry-After header when given)."""

    def respond(_: int, good: bytes) -> httpx.Response:
        headers = [(b"content-type", b"application/json")]
        if retry_after is not None:  # latin-1, as a server may send it
            headers.append((b"retry-after", retry_after.encode("latin-1")))
        return httpx.Response(code, headers=headers, json={"message": f"injected {code}", "errors": []})

    return Fault(f"{code}" + (f"+retry-after {retry_after}" if retry_after is not None else ""), True, respond)


def truncated_json() -> Fault:
    """A 2xx whose JSON body stops half-way."""

    def respond(code: int, good: bytes) -> httpx.Response:
        return httpx.Response(code, headers=_json_headers(), content=good[: len(good) // 2])

    return Fault("truncated-json", True, respond)


def html_page() -> Fault:
    """A proxy's HTML error page served with status 200."""
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    return Fault(
        "html-200",
        True,
        lambda code, good: httpx.Response(200, headers={"content-type": "text/html"}, content=page),
    )


def wrong_content_type() -> Fault:
    """The right JSON bytes, labelled text/plain."""
    return Fault(
        "wrong-content-type",
        True,
        lambda code, good: httpx.Response(200, headers={"content-type": "text/plain"}, content=good),
    )


def empty_body() -> Fault:
    """A 200 with no body where JSON is documented."""
    return Fault("empty-body", True, lambda code, good: httpx.Response(200, headers=_json_headers(), content=b""))


def oversize(*, declared: bool) -> Fault:
    """A body over the cap: announced by Content-Length, or streamed without one and never ending."""

    def respond(code: int, good: bytes) -> httpx.Response:
        if declared:
            headers = _json_headers(**{"content-length": str(100 * CAP)})
            return httpx.Response(200, headers=headers, stream=Body([b"[" + b"0," * (50 * CAP)]))
        return httpx.Response(200, headers=_json_headers(), stream=Body([b"[", b"0," * 512], repeat_last=True))

    return Fault("oversize-declared" if declared else "oversize-endless", True, respond)


def slow_drip() -> Fault:
    """A body trickling in a few bytes at a time until the read timeout fires."""

    def respond(code: int, good: bytes) -> httpx.Response:
        steps: list[bytes | Exception] = [good[:1], good[1:2], good[2:3], httpx.ReadTimeout("timed out")]
        return httpx.Response(200, headers=_json_headers(), stream=Body(steps))

    return Fault("slow-drip", True, respond)


def gzip_garbage() -> Fault:
    """A body labelled gzip that is not gzip: httpx cannot decode it."""
    return Fault(
        "gzip-garbage",
        True,
        lambda code, good: httpx.Response(
            200, headers=_json_headers(**{"content-encoding": "gzip"}), stream=Body([b"certainly not gzip"])
        ),
    )


@dataclass
class Recorder:
    """What a FaultTransport saw: every request, and the faults it injected."""

    requests: list[httpx.Request] = field(default_factory=list)
    injected: list[str] = field(default_factory=list)
    delivered: int = 0
    bodies: list[Body] = field(default_factory=list)


class FaultTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers the n-th request with the n-th fault, and later ones with the documented success."""

    def __init__(self, spec: talon_dyn.Spec, faults: Sequence[Fault] = ()) -> None:
        self.spec = spec
        self.faults = list(faults)
        self.seen = Recorder()

    def _good(self, request: httpx.Request) -> tuple[int, bytes]:
        found = self.spec.match(request.method, request.url.raw_path.decode("ascii"))
        assert found is not None, f"no operation serves {request.method} {request.url}"
        operation = found[0]
        body = success_body(self.spec, operation)
        return operation.success_status, (b"" if body is None else json.dumps(body).encode())

    def _respond(self, request: httpx.Request) -> httpx.Response:
        self.seen.requests.append(request)
        code, good = self._good(request)
        if not self.faults:
            self.seen.delivered += 1
            return httpx.Response(code, headers=_json_headers() if good else {}, content=good)
        fault = self.faults.pop(0)
        self.seen.injected.append(fault.name)
        if fault.reaches_server:
            self.seen.delivered += 1
        response = fault.respond(code, good)
        if isinstance(response.stream, Body):
            self.seen.bodies.append(response.stream)
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._respond(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._respond(request)


@dataclass(frozen=True)
class Case:
    """One row of the fault matrix: faults for the first attempts, then what the caller must see.

    ``error`` is None for a successful call, else the exact type raised: always the *last attempt's own
    kind*; ``attempts`` is how many requests the transport saw; ``delivered`` how many of them reached the
    server; ``says`` are fragments the error's message must contain; ``waits`` the exact sleeps between
    attempts (the tests inject ``random=lambda: 0.5`` and ``backoff=1``); ``body`` replaces the operation's
    example body.
    """

    name: str
    operation: str
    faults: tuple[Fault, ...]
    error: type[TalonDynError] | None
    attempts: int
    delivered: int
    says: tuple[str, ...] = ()
    waits: tuple[float, ...] | None = None
    body: Any = None


GET, PUT, DELETE = "getReservedCoupons", "updateCustomerProfile", "deleteCustomerData"
POST_EVENT, POST_REFERRAL, POST_RESERVATION = "trackEvent", "createReferral", "createCouponReservation"
POSTS = (POST_EVENT, POST_REFERRAL, POST_RESERVATION)
SESSION_V2 = "updateCustomerSessionV2"
CLOSE = {"customerSession": {"profileId": "ada", "state": "closed"}}


def _cases() -> list[Case]:
    cases = [
        # Never reached the server: retried whatever the method, with backoff 0.5 then 1.0.
        Case("refused-then-ok", GET, (refused(),), None, 2, 1, waits=(0.5,)),
        Case("refused-twice-then-ok", PUT, (refused(), refused()), None, 3, 1, waits=(0.5, 1.0)),
        Case("connect-timeout-then-ok", DELETE, (connect_timeout(),), None, 2, 1, waits=(0.5,)),
        Case(
            "refused-three-times",
            GET,
            (refused(), refused(), refused()),
            ConnectionFailed,
            3,
            0,
            ("gave up after 3 attempt(s)", "attempt 3: ConnectionFailed: connection failed"),
            (0.5, 1.0),
        ),
        # Idempotent methods are retried after the request may have arrived.
        Case("read-timeout-then-ok", GET, (read_timeout(),), None, 2, 2, waits=(0.5,)),
        Case("reset-mid-body-then-ok", PUT, (reset_mid_body(),), None, 2, 2, waits=(0.5,)),
        Case("502-then-ok", GET, (status(502),), None, 2, 2, waits=(0.5,)),
        Case("503-503-then-ok", DELETE, (status(503), status(503)), None, 3, 3, waits=(0.5, 1.0)),
        Case("504-then-ok", PUT, (status(504),), None, 2, 2, waits=(0.5,)),
        Case("429-retry-after-seconds", GET, (status(429, retry_after="7"),), None, 2, 2, waits=(7.0,)),
        # A Retry-After over retry_after_cap (10 s here) or past the deadline ends the call at once.
        Case(
            "429-retry-after-over-the-cap",
            GET,
            (status(429, retry_after="86400"),),
            TooManyRequests,
            1,
            1,
            ("Retry-After asks for 86400 s, over retry_after_cap (10 s)",),
        ),
        Case("429-retry-after-garbage", GET, (status(429, retry_after="soon"),), None, 2, 2, waits=(0.5,)),
        Case("429-retry-after-latin1-digit", GET, (status(429, retry_after="\xb2"),), None, 2, 2, waits=(0.5,)),
        Case("slow-drip-then-ok", GET, (slow_drip(),), None, 2, 2, waits=(0.5,)),
        Case(
            "503-three-times",
            GET,
            (status(503), status(503), status(503)),
            ServerError,
            3,
            3,
            ("gave up after 3 attempt(s)", "attempt 1: HTTP 503", "attempt 3: HTTP 503"),
            (0.5, 1.0),
        ),
        Case(
            "read-timeout-three-times",
            PUT,
            (read_timeout(), read_timeout(), read_timeout()),
            TalonTimeout,
            3,
            3,
            ("gave up after 3 attempt(s)", "attempt 2: TalonTimeout:", "timeout"),
        ),
        Case(
            "429-three-times",
            DELETE,
            (status(429), status(429), status(429)),
            TooManyRequests,
            3,
            3,
            ("attempt 3: HTTP 429",),
        ),
        Case(
            "503-then-refused-then-502",
            GET,
            (status(503), refused(), status(502)),
            ServerError,
            3,
            2,
            ("attempt 1: HTTP 503", "attempt 2: ConnectionFailed", "attempt 3: HTTP 502"),
        ),
        # Not retried: a definitive answer, or a broken body that a repeat would not mend.
        Case("500-is-final", GET, (status(500),), ServerError, 1, 1, ("HTTP 500", "injected 500")),
        Case("404-after-503", GET, (status(503), status(404)), talon_dyn.NotFound, 2, 2, ("HTTP 404",)),
        Case("truncated-json", GET, (truncated_json(),), InvalidJSON, 1, 1, ("not valid JSON",)),
        Case("html-200", GET, (html_page(),), UnexpectedContentType, 1, 1, ("'text/html'",)),
        Case("wrong-content-type", PUT, (wrong_content_type(),), UnexpectedContentType, 1, 1, ("'text/plain'",)),
        Case("empty-body", GET, (empty_body(),), InvalidJSON, 1, 1, ("empty body",)),
        Case("oversize-declared", GET, (oversize(declared=True),), ResponseTooLarge, 1, 1, (f"cap of {CAP} bytes",)),
        Case("oversize-endless", GET, (oversize(declared=False),), ResponseTooLarge, 1, 1, (f"cap of {CAP} bytes",)),
        Case("gzip-garbage", GET, (gzip_garbage(),), TalonTransportError, 1, 1, ("could not be decoded",)),
        # Talon's 409 "Avoid parallel requests" refuses a session write before doing anything: a PUT backs off
        # and tries again, and after every attempt the error is still a Conflict. It waits longer than other
        # retries (Retry.conflict_backoff, 1 s: at least half of it, then twice that), to outlast the conflict.
        Case("409-then-ok-session-put", SESSION_V2, (status(409),), None, 2, 2, waits=(0.75,)),
        Case(
            "409-three-times-session-put",
            SESSION_V2,
            (status(409), status(409), status(409)),
            Conflict,
            3,
            3,
            ("gave up after 3 attempt(s)", "attempt 3: HTTP 409"),
            (0.75, 1.5),
        ),
        Case("409-is-final-for-a-post", POST_EVENT, (status(409),), Conflict, 1, 1, ("HTTP 409", "not repeated")),
        # A session state change that may have been applied is never repeated blindly (SEMANTICS 3.1)...
        Case(
            "close-read-timeout",
            SESSION_V2,
            (read_timeout(),),
            TalonTimeout,
            1,
            1,
            ("not repeated: it moves the session to 'closed'",),
            body=CLOSE,
        ),
        Case(
            "close-502", SESSION_V2, (status(502),), ServerError, 1, 1, ("moves the session to 'closed'",), body=CLOSE
        ),
        # ... but one that never arrived, or that the service refused, is.
        Case("close-refused-then-ok", SESSION_V2, (refused(),), None, 2, 1, waits=(0.5,), body=CLOSE),
        Case("close-409-then-ok", SESSION_V2, (status(409),), None, 2, 2, waits=(0.75,), body=CLOSE),
    ]
    for post in POSTS:
        cases += [
            # A POST that provably never arrived is repeated; one that may have arrived is not; one the service
            # refused (429: it did nothing) is.
            Case(f"{post}-refused-then-ok", post, (refused(),), None, 2, 1, waits=(0.5,)),
            Case(f"{post}-connect-timeout-then-ok", post, (connect_timeout(),), None, 2, 1, waits=(0.5,)),
            Case(f"{post}-read-timeout", post, (read_timeout(),), TalonTimeout, 1, 1, ("timeout",)),
            Case(f"{post}-reset-mid-body", post, (reset_mid_body(),), ConnectionFailed, 1, 1, ("connection broken",)),
            Case(f"{post}-502", post, (status(502),), ServerError, 1, 1, ("HTTP 502",)),
            Case(f"{post}-503", post, (status(503),), ServerError, 1, 1, ("HTTP 503",)),
            Case(f"{post}-429-then-ok", post, (status(429, retry_after="1"),), None, 2, 2, waits=(1.0,)),
            Case(f"{post}-slow-drip", post, (slow_drip(),), TalonTimeout, 1, 1, ("read timeout",)),
            Case(
                f"{post}-refused-then-read-timeout",
                post,
                (refused(), read_timeout()),
                TalonTimeout,
                2,
                1,
                ("gave up after 2 attempt(s)", "attempt 1: ConnectionFailed", "attempt 2: TalonTimeout"),
            ),
        ]
    return cases


CASES = _cases()
