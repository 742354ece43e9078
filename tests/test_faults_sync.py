"""Retries, timeouts and the size cap of ``Client`` under injected faults (mirrored in test_faults_async.py)."""

from __future__ import annotations

import socket
import time
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

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
from hypothesis import given, settings
from hypothesis import strategies as st

import talon_dyn
from talon_dyn import Retry

SPEC = talon_dyn.load()
BASE = "http://talon.test"


def make_client(transport: httpx.BaseTransport, waits: Waits, **kwargs: Any) -> talon_dyn.Client:
    options: dict[str, Any] = {"retry": waits.retry(), "max_response_bytes": CAP, **kwargs}
    return talon_dyn.Client(base_url=BASE, api_key="fault-key", transport=transport, **options)


def call(client: talon_dyn.Client, operation: str, **kwargs: Any) -> Any:
    op = SPEC.operation(operation)
    return getattr(client, op.python_name)(**{**arguments(SPEC, op), **kwargs})


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fault_matrix(case: Case) -> None:
    """Each injected fault ends in the documented outcome after exactly the documented attempts and waits."""
    waits = Waits()
    transport = FaultTransport(SPEC, case.faults)
    client = make_client(transport, waits)
    if case.error is None:
        assert call(client, case.operation) == success_body(SPEC, SPEC.operation(case.operation))
    else:
        with pytest.raises(case.error) as caught:
            call(client, case.operation)
        assert type(caught.value) is case.error
        for fragment in case.says:
            assert fragment in str(caught.value)
        if case.last is not None:
            assert isinstance(caught.value, talon_dyn.RetriesExhausted)
            assert type(caught.value.last) is case.last
            assert len(caught.value.attempts) == case.attempts
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
        with pytest.raises(talon_dyn.TalonDynError):
            call(make_client(transport, Waits()), operation)
        assert transport.seen.delivered == 1


def test_post_not_repeated_says_why_and_how_to_opt_in() -> None:
    """The error of a POST that was not repeated explains why in its traceback."""
    transport = FaultTransport(SPEC, [read_timeout()])
    with pytest.raises(talon_dyn.TalonTimeout) as caught:
        call(make_client(transport, Waits()), "trackEvent")
    text = "".join(traceback.format_exception(caught.value))
    assert "not repeated" in text
    assert "unsafe=True" in text


def test_unsafe_opt_in_per_call_repeats_a_post() -> None:
    """``retry=Retry(unsafe=True)`` on one call lets a POST be sent again after a read timeout."""
    waits = Waits()
    transport = FaultTransport(SPEC, [read_timeout(), status(503)])
    client = make_client(transport, waits)
    assert call(client, "trackEvent", retry=waits.retry(unsafe=True)) == success_body(
        SPEC, SPEC.operation("trackEvent")
    )
    assert transport.seen.delivered == 3


def test_unsafe_opt_in_per_operation_is_limited_to_that_operation() -> None:
    """``unsafe_operations`` on the client repeats the named POST and no other."""
    waits = Waits()
    transport = FaultTransport(SPEC, [read_timeout()])
    client = make_client(transport, waits, retry=waits.retry(unsafe_operations=frozenset({"trackEvent"})))
    call(client, "trackEvent")
    assert transport.seen.delivered == 2
    transport.faults.append(read_timeout())
    with pytest.raises(talon_dyn.TalonTimeout):
        call(client, "createReferral")
    assert transport.seen.delivered == 3


def test_per_call_retry_overrides_the_client() -> None:
    """``retry=`` on a call replaces the client's policy for that call only."""
    waits = Waits()
    transport = FaultTransport(SPEC, [status(503), status(503)])
    client = make_client(transport, waits)
    with pytest.raises(talon_dyn.ServerError):
        call(client, "getReservedCoupons", retry=Retry.never())
    assert len(transport.seen.requests) == 1
    assert call(client, "getReservedCoupons") == success_body(SPEC, SPEC.operation("getReservedCoupons"))
    assert len(transport.seen.requests) == 3


def test_attempts_setting_bounds_the_tries() -> None:
    """``Retry(attempts=5)`` makes five attempts, and the error lists all five."""
    waits = Waits()
    transport = FaultTransport(SPEC, [refused()] * 6)
    with pytest.raises(talon_dyn.RetriesExhausted) as caught:
        call(make_client(transport, waits, retry=waits.retry(attempts=5)), "getReservedCoupons")
    assert len(transport.seen.requests) == 5
    assert "gave up after 5 attempt(s)" in str(caught.value)
    assert waits.slept == [0.5, 1.0, 2.0, 4.0]


def test_backoff_is_capped_and_jittered() -> None:
    """Waits grow exponentially up to ``max_backoff`` and are scaled by the jitter draw."""
    draws = iter([0.0, 1.0, 0.25, 1.0, 1.0])
    policy = Retry(backoff=1.0, max_backoff=4.0, random=lambda: next(draws))
    assert [policy.wait(attempt) for attempt in range(1, 6)] == [0.0, 2.0, 1.0, 4.0, 4.0]


def test_retry_after_http_date_is_honoured_and_capped() -> None:
    """A Retry-After HTTP date waits until that moment, capped, and a past date waits only the backoff."""
    moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    stamp = format_datetime(moment, usegmt=True)
    for now_offset, expected in ((4.0, 4.0), (3600.0, 10.0), (-60.0, 0.5)):
        waits = Waits()
        policy = waits.retry(now=lambda offset=now_offset: moment.timestamp() - offset)
        transport = FaultTransport(SPEC, [status(429, retry_after=stamp)])
        call(make_client(transport, waits, retry=policy), "getReservedCoupons")
        assert waits.slept == [expected]


def test_retry_after_dates_without_a_zone_are_read_as_gmt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Retry-After date written with ``-0000`` is read as GMT, not as the machine's local time."""
    moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    policy = Retry(backoff=0.0, retry_after_cap=100.0, now=lambda: moment.timestamp() - 30.0)
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert policy.wait(1, {"retry-after": "Wed, 02 Jan 2030 03:04:05 -0000"}) == 30.0
    finally:
        monkeypatch.undo()
        time.tzset()


@settings(max_examples=500, derandomize=True, deadline=None, database=None)
@given(st.text(st.characters(max_codepoint=255), max_size=40))
def test_any_retry_after_value_gives_a_bounded_wait(value: str) -> None:
    """Whatever a server puts in Retry-After, the wait is a number between 0 and the cap."""
    policy = Retry(backoff=1.0, retry_after_cap=10.0, random=lambda: 0.5, now=lambda: 1_900_000_000.0)
    assert 0.0 <= policy.wait(1, {"retry-after": value}) <= 10.0


def test_a_definitive_answer_after_retries_keeps_its_type_and_lists_the_attempts() -> None:
    """A 404 after a 503 is raised as NotFound, with a note on both attempts in its traceback."""
    transport = FaultTransport(SPEC, [status(503), status(404)])
    with pytest.raises(talon_dyn.NotFound) as caught:
        call(make_client(transport, Waits()), "getReservedCoupons")
    text = "".join(traceback.format_exception(caught.value))
    assert "2 attempt(s): attempt 1: HTTP 503; attempt 2: NotFound: HTTP 404" in text


def test_retry_after_beyond_the_budget_stops_at_once() -> None:
    """A Retry-After longer than the remaining budget ends the call instead of waiting."""
    waits = Waits()
    transport = FaultTransport(SPEC, [status(429, retry_after="7")])
    with pytest.raises(talon_dyn.TooManyRequests) as caught:
        call(make_client(transport, waits, retry=waits.retry(budget=5.0)), "getReservedCoupons")
    assert waits.slept == []
    assert "time budget" in "".join(traceback.format_exception(caught.value))


class SlowTransport(FaultTransport):
    """A FaultTransport whose every request takes three seconds of the injected clock."""

    def __init__(self, waits: Waits, *args: Any) -> None:
        super().__init__(*args)
        self.waits = waits

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.waits.now += 3.0
        return super().handle_request(request)


def test_time_budget_counts_the_attempts_too() -> None:
    """Time spent in attempts counts against the budget, and the error says the budget ran out."""
    waits = Waits()
    transport = SlowTransport(waits, SPEC, [status(503)] * 3)
    with pytest.raises(talon_dyn.RetriesExhausted) as caught:
        call(make_client(transport, waits, retry=waits.retry(budget=7.0)), "getReservedCoupons")
    assert len(transport.seen.requests) == 2
    assert waits.slept == [0.5]
    assert "attempt 2: HTTP 503 (time budget spent)" in str(caught.value)


def test_timeouts_are_on_by_default_and_overridable_per_call() -> None:
    """Every request carries connect and read timeouts; a call's ``timeout=`` replaces them for that call."""
    transport = FaultTransport(SPEC)
    client = make_client(transport, Waits())
    call(client, "getReservedCoupons")
    call(client, "getReservedCoupons", timeout=0.25)
    call(client, "getReservedCoupons", timeout=httpx.Timeout(1.0, connect=0.5))
    first, second, third = (request.extensions["timeout"] for request in transport.seen.requests)
    assert first == {"connect": 5.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert second == {"connect": 0.25, "read": 0.25, "write": 0.25, "pool": 0.25}
    assert third == {"connect": 0.5, "read": 1.0, "write": 1.0, "pool": 1.0}


@pytest.mark.parametrize("timeout", [None, httpx.Timeout(None), httpx.Timeout(5.0, read=None), "10", True])
def test_infinite_or_odd_timeouts_are_refused(timeout: Any) -> None:
    """No timeout can be switched off, on the client or on a call."""
    with pytest.raises(talon_dyn.ConfigurationError):
        talon_dyn.Client(base_url=BASE, api_key="k", timeout=timeout)
    client = make_client(FaultTransport(SPEC), Waits())
    if timeout is not None:  # None on a call means "the client's timeout"
        with pytest.raises(talon_dyn.ConfigurationError):
            call(client, "getReservedCoupons", timeout=timeout)


def test_size_cap_admits_exactly_the_cap() -> None:
    """A body of exactly ``max_response_bytes`` is read; one byte more is refused."""
    body = b'{"totalResultSize":0,"data":[]}'

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=body)

    exact = talon_dyn.Client(
        base_url=BASE, api_key="k", transport=httpx.MockTransport(handler), max_response_bytes=len(body)
    )
    assert exact.get_reserved_coupons("p") == {"totalResultSize": 0, "data": []}
    short = talon_dyn.Client(
        base_url=BASE, api_key="k", transport=httpx.MockTransport(handler), max_response_bytes=len(body) - 1
    )
    with pytest.raises(talon_dyn.ResponseTooLarge):
        short.get_reserved_coupons("p")


# -- real loopback sockets ---------------------------------------------------


@pytest.fixture
def drip_server() -> Iterator[str]:
    """A loopback server that sends headers at once, then one body byte every 50 ms."""
    with dripping_server() as url:
        yield url


def test_slow_drip_from_a_real_server_hits_the_read_timeout(drip_server: str) -> None:
    """A body that keeps trickling in fails with a read timeout soon after ``timeout``, not when it ends."""
    client = talon_dyn.Client(base_url=drip_server, api_key="k", retry=Retry.never())
    started = time.monotonic()
    with pytest.raises(talon_dyn.TalonTimeout, match="read timeout"):
        client.get_reserved_coupons("p", timeout=0.2)
    assert time.monotonic() - started < 1.5
    client.close()


def test_headers_dripped_byte_by_byte_are_bounded_in_total() -> None:
    """A server trickling its status line and headers, each byte inside the read timeout, cannot hold the call:
    the attempt ends when its connect, write and read timeouts together are spent."""
    with dripping_server(drip_head=True) as url:
        client = talon_dyn.Client(base_url=url, api_key="k", retry=Retry.never())
        started = time.monotonic()
        with pytest.raises(talon_dyn.TalonTimeout, match="total time limit"):
            client.get_reserved_coupons("p", timeout=0.2)  # three phases of 0.2 s: at most 0.6 s
        elapsed = time.monotonic() - started
        client.close()
    assert 0.5 < elapsed < 1.5  # the head alone would take over 4 s to arrive


def test_refused_connection_on_a_real_port_is_retried_even_for_a_post() -> None:
    """A connection refused by a loopback port is retried for a POST, since nothing reached a server."""
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    waits = Waits()
    client = talon_dyn.Client(base_url=f"http://127.0.0.1:{port}", api_key="k", retry=waits.retry())
    with pytest.raises(talon_dyn.RetriesExhausted) as caught:
        call(client, "trackEvent")
    assert len(caught.value.attempts) == 3
    assert all("ConnectionFailed" in reason for reason in caught.value.attempts)
    assert type(caught.value.last) is talon_dyn.ConnectionFailed
    client.close()
