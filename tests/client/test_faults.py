"""Retries, timeouts and the size cap of ``Client`` and ``AsyncClient`` under injected faults.

Every test runs once per client (the ``flavour`` fixture): the same calls, the same faults and the
same expectations, so the two clients cannot drift apart.
"""

from __future__ import annotations

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
    dripping_server,
    read_timeout,
    refused,
    status,
    success_body,
)
from flavours import Flavour
from hypothesis import given, settings
from hypothesis import strategies as st
from rawserver import closed_port_url, raw_server, response
from timing import slack, slowest

import talon_dyn
from talon_dyn import Retry
from talon_dyn._client.retry import retry_after_seconds

SPEC = talon_dyn.load()
BASE = "http://talon.test"


def success(operation: str) -> Any:
    return success_body(SPEC, SPEC.operation(operation))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fault_matrix(flavour: Flavour, case: Case) -> None:
    """Each injected fault ends in the documented outcome after exactly the documented attempts and waits."""
    waits = Waits()
    transport = FaultTransport(SPEC, case.faults)
    extra = {} if case.body is None else {"body": case.body}
    result = flavour.outcome(flavour.faulty(transport, waits), case.operation, **extra)
    if case.error is None:
        assert result == success(case.operation)
    else:
        assert type(result) is case.error  # the last attempt's own kind, never a combination class
        # the message, then each attempt as a log prints its record: ``attempt 3: HTTP 409``
        told = "\n".join([str(result), *(f"attempt {a.number}: {a}" for a in result.attempts)])
        for fragment in case.says:
            assert fragment in told
        assert len(result.attempts) == case.attempts
        assert [a.number for a in result.attempts] == list(range(1, case.attempts + 1))
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
def test_post_may_have_arrived_is_sent_at_most_once(flavour: Flavour, operation: str) -> None:
    """Whatever fails after a POST may have reached the server, the server receives it at most once."""
    for fault in (read_timeout, lambda: status(502), lambda: status(503), lambda: status(504)):
        transport = FaultTransport(SPEC, [fault(), fault(), fault()])
        assert isinstance(flavour.outcome(flavour.faulty(transport, Waits()), operation), talon_dyn.TalonDynError)
        assert transport.seen.delivered == 1


def test_post_not_repeated_says_why_and_how_to_opt_in(flavour: Flavour) -> None:
    """The error of a POST that was not repeated explains why in its traceback."""
    error = flavour.outcome(flavour.faulty(FaultTransport(SPEC, [read_timeout()]), Waits()), "trackEvent")
    assert isinstance(error, talon_dyn.TalonTimeout)
    text = "".join(traceback.format_exception(error))
    assert "not repeated" in text
    assert "unsafe=True" in text


def test_unsafe_opt_in_per_call_repeats_a_post(flavour: Flavour) -> None:
    """``retry=Retry(unsafe=True)`` on one call lets a POST be sent again after a read timeout."""
    waits = Waits()
    transport = FaultTransport(SPEC, [read_timeout(), status(503)])
    result = flavour.outcome(flavour.faulty(transport, waits), "trackEvent", retry=waits.retry(unsafe=True))
    assert result == success("trackEvent")
    assert transport.seen.delivered == 3


def test_unsafe_opt_in_per_operation_is_limited_to_that_operation(flavour: Flavour) -> None:
    """``unsafe_operations`` on the client repeats the named POST and no other."""
    waits = Waits()
    transport = FaultTransport(SPEC, [read_timeout()])
    client = flavour.faulty(transport, waits, retry=waits.retry(unsafe_operations=frozenset({"trackEvent"})))
    delivered: list[int] = []
    first, second = flavour.outcomes(
        client,
        ("trackEvent", {}),
        lambda: delivered.append(transport.seen.delivered),
        lambda: transport.faults.append(read_timeout()),
        ("createReferral", {}),
    )
    assert first == success("trackEvent")
    assert delivered == [2]
    assert isinstance(second, talon_dyn.TalonTimeout)
    assert transport.seen.delivered == 3


def test_per_call_retry_overrides_the_client(flavour: Flavour) -> None:
    """``retry=`` on a call replaces the client's policy for that call only."""
    transport = FaultTransport(SPEC, [status(503), status(503)])
    sent: list[int] = []
    first, second = flavour.outcomes(
        flavour.faulty(transport, Waits()),
        ("getReservedCoupons", {"retry": Retry.never()}),
        lambda: sent.append(len(transport.seen.requests)),
        ("getReservedCoupons", {}),
    )
    assert isinstance(first, talon_dyn.ServerError)
    assert sent == [1]
    assert second == success("getReservedCoupons")
    assert len(transport.seen.requests) == 3


def test_attempts_setting_bounds_the_tries(flavour: Flavour) -> None:
    """``Retry(attempts=5)`` makes five attempts, and the error lists all five."""
    waits = Waits()
    transport = FaultTransport(SPEC, [refused()] * 6)
    error = flavour.outcome(flavour.faulty(transport, waits, retry=waits.retry(attempts=5)), "getReservedCoupons")
    assert type(error) is talon_dyn.ConnectionFailed
    assert len(error.attempts) == 5
    assert len(transport.seen.requests) == 5
    assert "gave up after 5 attempt(s)" in str(error)
    assert waits.slept == [0.5, 1.0, 2.0, 4.0]


def test_backoff_is_capped_and_jittered() -> None:
    """Waits grow exponentially up to ``max_backoff`` and are scaled by the jitter draw."""
    draws = iter([0.0, 1.0, 0.25, 1.0, 1.0])
    policy = Retry(backoff=1.0, max_backoff=4.0, random=lambda: next(draws))
    assert [policy.backoff_for(attempt) for attempt in range(1, 6)] == [0.0, 2.0, 1.0, 4.0, 4.0]


def test_retry_after_http_date_is_honoured_or_ends_the_call(flavour: Flavour) -> None:
    """A Retry-After HTTP date waits until that moment; a past date waits only the backoff; a date past the cap
    ends the call at once with a TooManyRequests that carries the seconds asked for."""
    moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    stamp = format_datetime(moment, usegmt=True)
    for now_offset, expected in ((4.0, 4.0), (-60.0, 0.5), (3600.0, None)):
        waits = Waits()
        policy = waits.retry(now=lambda offset=now_offset: moment.timestamp() - offset)
        transport = FaultTransport(SPEC, [status(429, retry_after=stamp)])
        result = flavour.outcome(flavour.faulty(transport, waits, retry=policy), "getReservedCoupons")
        if expected is None:
            assert isinstance(result, talon_dyn.TooManyRequests)
            assert result.retry_after is not None
            assert abs(result.retry_after - 3600.0) < 5
            assert waits.slept == []
        else:
            assert result == success("getReservedCoupons")
            assert waits.slept == [expected]


def test_retry_after_dates_without_a_zone_are_read_as_gmt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Retry-After date written with ``-0000`` is read as GMT, not as the machine's local time."""
    moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        seconds = retry_after_seconds("Wed, 02 Jan 2030 03:04:05 -0000", lambda: moment.timestamp() - 30.0)
        assert seconds == 30.0
    finally:
        monkeypatch.undo()
        time.tzset()


@settings(max_examples=500, derandomize=True, deadline=None, database=None)
@given(st.text(st.characters(max_codepoint=255), max_size=40))
def test_any_retry_after_value_reads_as_seconds_or_nothing(value: str) -> None:
    """Whatever a server puts in Retry-After, it reads as a finite number of seconds, 0 or more, or as nothing."""
    seconds = retry_after_seconds(value, lambda: 1_900_000_000.0)
    assert seconds is None or 0.0 <= seconds < float("inf")


def test_a_definitive_answer_after_retries_keeps_its_type_and_lists_the_attempts(flavour: Flavour) -> None:
    """A 404 after a 503 is raised as NotFound, with a note on both attempts in its traceback."""
    transport = FaultTransport(SPEC, [status(503), status(404)])
    error = flavour.outcome(flavour.faulty(transport, Waits()), "getReservedCoupons")
    assert isinstance(error, talon_dyn.NotFound)
    text = "".join(traceback.format_exception(error))
    assert "2 attempt(s): attempt 1: HTTP 503; attempt 2: NotFound: HTTP 404" in text
    first, second = error.attempts
    assert (first.number, first.status, first.error, first.may_have_reached_server) == (1, 503, None, True)
    assert (second.number, second.status) == (2, 404)
    assert first == "HTTP 503"  # the record is its line too


@pytest.mark.parametrize("bound", ["deadline", "budget"])
def test_retry_after_past_the_deadline_stops_at_once(flavour: Flavour, bound: str) -> None:
    """A Retry-After longer than what is left of the call's deadline (or of a retry budget) ends the call at
    once, with a TooManyRequests that carries the seconds asked for."""
    waits = Waits()
    transport = FaultTransport(SPEC, [status(429, retry_after="7")])
    if bound == "deadline":
        client = flavour.faulty(transport, waits, deadline=5.0)
    else:
        client = flavour.faulty(transport, waits, retry=waits.retry(budget=5.0))
    error = flavour.outcome(client, "getReservedCoupons")
    assert type(error) is talon_dyn.TooManyRequests
    assert error.retry_after == 7.0
    assert waits.slept == []
    assert "Retry-After asks for 7 s, past the call's deadline" in str(error)


class SlowTransport(FaultTransport):
    """A FaultTransport whose every request takes three seconds of the injected clock."""

    def __init__(self, waits: Waits, *args: Any) -> None:
        super().__init__(*args)
        self.waits = waits

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.waits.now += 3.0
        return super().handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.waits.now += 3.0
        return await super().handle_async_request(request)


def test_time_budget_counts_the_attempts_too(flavour: Flavour) -> None:
    """Time spent in attempts counts against the budget, and the error says the budget ran out."""
    waits = Waits()
    transport = SlowTransport(waits, SPEC, [status(503)] * 3)
    error = flavour.outcome(flavour.faulty(transport, waits, deadline=7.0), "getReservedCoupons")
    assert type(error) is talon_dyn.ServerError
    assert len(transport.seen.requests) == 2
    assert waits.slept == [0.5]
    assert "attempt 2: HTTP 503 (not repeated: the call's deadline of 7 s leaves no time" in str(error)


def test_timeouts_are_on_by_default_and_overridable_per_call(flavour: Flavour) -> None:
    """Every request carries connect and read timeouts; a call's ``timeout=`` replaces them for that call."""
    transport = FaultTransport(SPEC)
    flavour.outcomes(
        flavour.faulty(transport, Waits()),
        ("getReservedCoupons", {}),
        ("getReservedCoupons", {"timeout": 0.25}),
        ("getReservedCoupons", {"timeout": httpx.Timeout(1.0, connect=0.5)}),
    )
    first, second, third = (request.extensions["timeout"] for request in transport.seen.requests)
    assert first == {"connect": 5.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert second == {"connect": 0.25, "read": 0.25, "write": 0.25, "pool": 0.25}
    assert third == {"connect": 0.5, "read": 1.0, "write": 1.0, "pool": 1.0}


@pytest.mark.parametrize("timeout", [None, httpx.Timeout(None), httpx.Timeout(5.0, read=None), "10", True])
def test_infinite_or_odd_timeouts_are_refused(flavour: Flavour, timeout: Any) -> None:
    """No timeout can be switched off, on the client or on a call."""
    with pytest.raises(talon_dyn.ConfigurationError):
        flavour.faulty(timeout=timeout)
    if timeout is not None:  # None on a call means "the client's timeout"
        error = flavour.outcome(flavour.faulty(FaultTransport(SPEC), Waits()), "getReservedCoupons", timeout=timeout)
        assert isinstance(error, talon_dyn.ConfigurationError)


def test_size_cap_admits_exactly_the_cap(flavour: Flavour) -> None:
    """A body of exactly ``max_response_bytes`` is read; one byte more is refused."""
    body = b'{"totalResultSize":0,"data":[]}'

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=body)

    for cap, expected in ((len(body), {"totalResultSize": 0, "data": []}), (len(body) - 1, None)):
        client = flavour.faulty(httpx.MockTransport(handler), max_response_bytes=cap)
        result = flavour.outcome(client, "getReservedCoupons", integration_id="p")
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


def test_slow_drip_from_a_real_server_hits_the_read_timeout(flavour: Flavour, drip_server: str) -> None:
    """A body that keeps trickling in fails with a read timeout soon after ``timeout``, not when it ends."""
    base = _healthy(flavour)
    client = flavour.faulty(base_url=drip_server, retry=Retry.never())
    started = time.monotonic()
    error = flavour.outcome(client, "getReservedCoupons", integration_id="p", timeout=0.2)
    assert isinstance(error, talon_dyn.TalonTimeout)
    assert "read timeout" in str(error)
    assert time.monotonic() - started < 0.2 + slack(base, 1.3)


def test_headers_dripped_byte_by_byte_are_bounded_in_total(flavour: Flavour) -> None:
    """A server trickling its status line and headers, each byte inside the read timeout, cannot hold the call:
    the attempt ends when ``timeout`` is spent, in total."""
    base = _healthy(flavour)
    with dripping_server(drip_head=True) as url:
        client = flavour.faulty(base_url=url, retry=Retry.never())
        started = time.monotonic()
        error = flavour.outcome(client, "getReservedCoupons", integration_id="p", timeout=0.3)
        elapsed = time.monotonic() - started
    assert isinstance(error, talon_dyn.TalonTimeout)
    assert "total time limit" in str(error)
    assert 0.25 < elapsed < 0.3 + slack(base, 0.2), (elapsed, base)  # the head alone would take over 4 s


def _healthy(flavour: Flavour) -> float:
    """What one answered call of ``flavour`` costs right now (the baseline of a wall-clock bound)."""
    with raw_server(lambda request: response(404, b"")) as url:
        client = flavour.faulty(base_url=url, retry=Retry.never())
        return slowest(lambda: flavour.outcome(client, "getReservedCoupons", integration_id="p"))


def test_refused_connection_on_a_real_port_is_retried_even_for_a_post(flavour: Flavour) -> None:
    """A connection refused by a loopback port is retried for a POST, since nothing reached a server."""
    waits = Waits()
    client = flavour.faulty(base_url=closed_port_url(), retry=waits.retry())
    error = flavour.outcome(client, "trackEvent")
    assert type(error) is talon_dyn.ConnectionFailed
    assert len(error.attempts) == 3
    assert all("ConnectionFailed" in reason for reason in error.attempts)
    assert error.may_have_reached_server is False
