"""Retries, timeouts and the size cap of ``AsyncClient`` under injected faults (mirrors test_faults_sync.py)."""

from __future__ import annotations

import asyncio
import socket
import time
import traceback
from collections.abc import Coroutine, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, TypeVar

import httpx
import pytest
from faults import (
    CAP,
    CASES,
    POSTS,
    Case,
    FaultTransport,
    Waits,
    arguments,
    dripping_server,
    read_timeout,
    refused,
    status,
    success_body,
)

import talon_dyn
from talon_dyn import Retry

SPEC = talon_dyn.load()
BASE = "http://talon.test"
T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def make_client(transport: httpx.AsyncBaseTransport, waits: Waits, **kwargs: Any) -> talon_dyn.AsyncClient:
    options: dict[str, Any] = {"retry": waits.retry(), "max_response_bytes": CAP, **kwargs}
    return talon_dyn.AsyncClient(base_url=BASE, api_key="fault-key", transport=transport, **options)


async def call(client: talon_dyn.AsyncClient, operation: str, **kwargs: Any) -> Any:
    op = SPEC.operation(operation)
    return await getattr(client, op.python_name)(**{**arguments(SPEC, op), **kwargs})


def outcome(client: talon_dyn.AsyncClient, operation: str, **kwargs: Any) -> Any:
    """Run one call; return its data, or the exception it raised."""

    async def attempt() -> Any:
        try:
            return await call(client, operation, **kwargs)
        except talon_dyn.TalonDynError as error:
            return error
        finally:
            await client.aclose()

    return run(attempt())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fault_matrix(case: Case) -> None:
    """Each injected fault ends in the documented outcome after exactly the documented attempts and waits."""
    waits = Waits()
    transport = FaultTransport(SPEC, case.faults)
    result = outcome(make_client(transport, waits), case.operation)
    if case.error is None:
        assert result == success_body(SPEC, SPEC.operation(case.operation))
    else:
        assert type(result) is case.error
        for fragment in case.says:
            assert fragment in str(result)
        if case.last is not None:
            assert isinstance(result, talon_dyn.RetriesExhausted)
            assert type(result.last) is case.last
            assert len(result.attempts) == case.attempts
    seen = transport.seen
    assert len(seen.requests) == case.attempts
    assert seen.injected == [fault.name for fault in case.faults]
    assert seen.delivered == case.delivered
    if case.waits is not None:
        assert waits.slept == list(case.waits)
    assert len(waits.slept) == case.attempts - 1
    assert all(body.closed for body in seen.bodies)
    assert all(body.sent <= CAP + 1024 for body in seen.bodies)


@pytest.mark.parametrize("operation", POSTS)
def test_post_may_have_arrived_is_sent_at_most_once(operation: str) -> None:
    """Whatever fails after a POST may have reached the server, the server receives it at most once."""
    for fault in (read_timeout, lambda: status(502), lambda: status(503), lambda: status(504)):
        transport = FaultTransport(SPEC, [fault(), fault(), fault()])
        assert isinstance(outcome(make_client(transport, Waits()), operation), talon_dyn.TalonDynError)
        assert transport.seen.delivered == 1


def test_post_not_repeated_says_why_and_how_to_opt_in() -> None:
    """The error of a POST that was not repeated explains why in its traceback."""
    error = outcome(make_client(FaultTransport(SPEC, [read_timeout()]), Waits()), "trackEvent")
    assert isinstance(error, talon_dyn.TalonTimeout)
    text = "".join(traceback.format_exception(error))
    assert "not repeated" in text
    assert "unsafe=True" in text


def test_unsafe_opt_in_per_call_repeats_a_post() -> None:
    """``retry=Retry(unsafe=True)`` on one call lets a POST be sent again after a read timeout."""
    waits = Waits()
    transport = FaultTransport(SPEC, [read_timeout(), status(503)])
    result = outcome(make_client(transport, waits), "trackEvent", retry=waits.retry(unsafe=True))
    assert result == success_body(SPEC, SPEC.operation("trackEvent"))
    assert transport.seen.delivered == 3


def test_unsafe_opt_in_per_operation_is_limited_to_that_operation() -> None:
    """``unsafe_operations`` on the client repeats the named POST and no other."""
    waits = Waits()
    transport = FaultTransport(SPEC, [read_timeout()])
    client = make_client(transport, waits, retry=waits.retry(unsafe_operations=frozenset({"trackEvent"})))

    async def both() -> Any:
        await call(client, "trackEvent")
        assert transport.seen.delivered == 2
        transport.faults.append(read_timeout())
        try:
            await call(client, "createReferral")
        except talon_dyn.TalonTimeout as error:
            return error
        return None

    assert isinstance(run(both()), talon_dyn.TalonTimeout)
    assert transport.seen.delivered == 3


def test_per_call_retry_overrides_the_client() -> None:
    """``retry=`` on a call replaces the client's policy for that call only."""
    transport = FaultTransport(SPEC, [status(503), status(503)])
    client = make_client(transport, Waits())

    async def both() -> tuple[Any, Any]:
        try:
            first: Any = await call(client, "getReservedCoupons", retry=Retry.never())
        except talon_dyn.ServerError as error:
            first = error
        sent_once = len(transport.seen.requests)
        return (first, sent_once), await call(client, "getReservedCoupons")

    (first, sent_once), second = run(both())
    assert isinstance(first, talon_dyn.ServerError)
    assert sent_once == 1
    assert second == success_body(SPEC, SPEC.operation("getReservedCoupons"))
    assert len(transport.seen.requests) == 3


def test_attempts_setting_bounds_the_tries() -> None:
    """``Retry(attempts=5)`` makes five attempts, and the error lists all five."""
    waits = Waits()
    transport = FaultTransport(SPEC, [refused()] * 6)
    error = outcome(make_client(transport, waits, retry=waits.retry(attempts=5)), "getReservedCoupons")
    assert isinstance(error, talon_dyn.RetriesExhausted)
    assert len(transport.seen.requests) == 5
    assert "gave up after 5 attempt(s)" in str(error)
    assert waits.slept == [0.5, 1.0, 2.0, 4.0]


def test_retry_after_http_date_is_honoured_and_capped() -> None:
    """A Retry-After HTTP date waits until that moment, capped, and a past date waits only the backoff."""
    moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    stamp = format_datetime(moment, usegmt=True)
    for now_offset, expected in ((4.0, 4.0), (3600.0, 10.0), (-60.0, 0.5)):
        waits = Waits()
        policy = waits.retry(now=lambda offset=now_offset: moment.timestamp() - offset)
        transport = FaultTransport(SPEC, [status(429, retry_after=stamp)])
        outcome(make_client(transport, waits, retry=policy), "getReservedCoupons")
        assert waits.slept == [expected]


def test_a_definitive_answer_after_retries_keeps_its_type_and_lists_the_attempts() -> None:
    """A 404 after a 503 is raised as NotFound, with a note on both attempts in its traceback."""
    error = outcome(make_client(FaultTransport(SPEC, [status(503), status(404)]), Waits()), "getReservedCoupons")
    assert isinstance(error, talon_dyn.NotFound)
    text = "".join(traceback.format_exception(error))
    assert "2 attempt(s): attempt 1: HTTP 503; attempt 2: NotFound: HTTP 404" in text


def test_retry_after_beyond_the_budget_stops_at_once() -> None:
    """A Retry-After longer than the remaining budget ends the call instead of waiting."""
    waits = Waits()
    transport = FaultTransport(SPEC, [status(429, retry_after="7")])
    error = outcome(make_client(transport, waits, retry=waits.retry(budget=5.0)), "getReservedCoupons")
    assert isinstance(error, talon_dyn.TooManyRequests)
    assert waits.slept == []
    assert "time budget" in "".join(traceback.format_exception(error))


class SlowTransport(FaultTransport):
    """A FaultTransport whose every request takes three seconds of the injected clock."""

    def __init__(self, waits: Waits, *args: Any) -> None:
        super().__init__(*args)
        self.waits = waits

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.waits.now += 3.0
        return await super().handle_async_request(request)


def test_time_budget_counts_the_attempts_too() -> None:
    """Time spent in attempts counts against the budget, and the error says the budget ran out."""
    waits = Waits()
    transport = SlowTransport(waits, SPEC, [status(503)] * 3)
    error = outcome(make_client(transport, waits, retry=waits.retry(budget=7.0)), "getReservedCoupons")
    assert isinstance(error, talon_dyn.RetriesExhausted)
    assert len(transport.seen.requests) == 2
    assert waits.slept == [0.5]
    assert "attempt 2: HTTP 503 (time budget spent)" in str(error)


def test_timeouts_are_on_by_default_and_overridable_per_call() -> None:
    """Every request carries connect and read timeouts; a call's ``timeout=`` replaces them for that call."""
    transport = FaultTransport(SPEC)
    client = make_client(transport, Waits())

    async def three() -> None:
        await call(client, "getReservedCoupons")
        await call(client, "getReservedCoupons", timeout=0.25)
        await call(client, "getReservedCoupons", timeout=httpx.Timeout(1.0, connect=0.5))

    run(three())
    first, second, third = (request.extensions["timeout"] for request in transport.seen.requests)
    assert first == {"connect": 5.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert second == {"connect": 0.25, "read": 0.25, "write": 0.25, "pool": 0.25}
    assert third == {"connect": 0.5, "read": 1.0, "write": 1.0, "pool": 1.0}


@pytest.mark.parametrize("timeout", [None, httpx.Timeout(None), httpx.Timeout(5.0, read=None), "10", True])
def test_infinite_or_odd_timeouts_are_refused(timeout: Any) -> None:
    """No timeout can be switched off, on the client or on a call."""
    with pytest.raises(talon_dyn.ConfigurationError):
        talon_dyn.AsyncClient(base_url=BASE, api_key="k", timeout=timeout)
    if timeout is not None:  # None on a call means "the client's timeout"
        error = outcome(make_client(FaultTransport(SPEC), Waits()), "getReservedCoupons", timeout=timeout)
        assert isinstance(error, talon_dyn.ConfigurationError)


def test_size_cap_admits_exactly_the_cap() -> None:
    """A body of exactly ``max_response_bytes`` is read; one byte more is refused."""
    body = b'{"totalResultSize":0,"data":[]}'

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=body)

    for cap, expected in ((len(body), {"totalResultSize": 0, "data": []}), (len(body) - 1, None)):
        client = talon_dyn.AsyncClient(
            base_url=BASE, api_key="k", transport=httpx.MockTransport(handler), max_response_bytes=cap
        )
        result = outcome(client, "getReservedCoupons", integration_id="p")
        if expected is None:
            assert isinstance(result, talon_dyn.ResponseTooLarge)
        else:
            assert result == expected


# -- real loopback sockets ---------------------------------------------------


@pytest.fixture
def drip_server() -> Iterator[str]:
    """A loopback server that sends headers at once, then one body byte every 50 ms."""
    with dripping_server() as url:
        yield url


def test_slow_drip_from_a_real_server_hits_the_read_timeout(drip_server: str) -> None:
    """A body that keeps trickling in fails with a read timeout soon after ``timeout``, not when it ends."""
    client = talon_dyn.AsyncClient(base_url=drip_server, api_key="k", retry=Retry.never())
    started = time.monotonic()
    error = outcome(client, "getReservedCoupons", integration_id="p", timeout=0.2)
    assert isinstance(error, talon_dyn.TalonTimeout)
    assert "read timeout" in str(error)
    assert time.monotonic() - started < 1.5


def test_headers_dripped_byte_by_byte_are_bounded_in_total() -> None:
    """A server trickling its status line and headers, each byte inside the read timeout, cannot hold the call:
    the attempt ends when its connect, write and read timeouts together are spent."""
    with dripping_server(drip_head=True) as url:
        client = talon_dyn.AsyncClient(base_url=url, api_key="k", retry=Retry.never())
        started = time.monotonic()
        error = outcome(client, "getReservedCoupons", integration_id="p", timeout=0.2)
        elapsed = time.monotonic() - started
    assert isinstance(error, talon_dyn.TalonTimeout)
    assert "total time limit" in str(error)
    assert 0.5 < elapsed < 1.5  # three phases of 0.2 s: at most 0.6 s; the head alone would take over 4 s


def test_refused_connection_on_a_real_port_is_retried_even_for_a_post() -> None:
    """A connection refused by a loopback port is retried for a POST, since nothing reached a server."""
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    waits = Waits()
    client = talon_dyn.AsyncClient(base_url=f"http://127.0.0.1:{port}", api_key="k", retry=waits.retry())
    error = outcome(client, "trackEvent")
    assert isinstance(error, talon_dyn.RetriesExhausted)
    assert len(error.attempts) == 3
    assert all("ConnectionFailed" in reason for reason in error.attempts)
    assert type(error.last) is talon_dyn.ConnectionFailed
