"""The engine contract, proven on real loopback sockets and counted at the server, for every engine.

Engines: ``Client`` on httpcore (the sync default), ``AsyncClient`` on aiohttp (the async default), and each
client over an httpx transport given as ``transport=``. The server (``keepalive_server``) keeps connections
alive, so the pool reuses them, and counts every request it reads whole: a request an engine sent twice behind
the client's back shows up there, whatever the client's own bookkeeping says.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from keepalive_server import KeepAliveServer, ServerProcess, spec_body
from timing import slack, slowest

import talon_dyn
from talon_dyn import Retry

SPEC = talon_dyn.load()
KEY = "contract-key-0123456789"
ENGINES = ["httpcore", "aiohttp", "httpx-sync", "httpx-async", "pyreqwest-sync", "pyreqwest-async"]
ASYNC = {"aiohttp", "httpx-async", "pyreqwest-async"}
CALLS = {
    "GET": ("get_reserved_coupons", ("ada-1",)),
    "PUT": ("update_customer_profile", ("ada", {"attributes": {}})),
    "POST": ("create_referral", ({"campaignId": 3, "advocateProfileIntegrationId": "ada"},)),
}


def options(engine: str, **extra: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {"api_key": KEY, "retry": Retry.never(), **extra}
    if engine == "httpx-sync":
        settings["transport"] = httpx.HTTPTransport()
    elif engine == "httpx-async":
        settings["transport"] = httpx.AsyncHTTPTransport()
    elif engine.startswith("pyreqwest"):
        settings["engine"] = "pyreqwest"
    return settings


def run(engine: str, url: str, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]], **extra: Any) -> list[Any]:
    """Make ``calls`` (method name, arguments, call options) in order on one client of ``engine``; each call's data
    or the TalonDynError it raised."""
    settings = options(engine, **extra)
    results: list[Any] = []
    if engine not in ASYNC:
        with talon_dyn.Client(base_url=url, **settings) as client:
            for name, args, kwargs in calls:
                if name == PAUSE:
                    time.sleep(*args)
                    continue
                try:
                    results.append(getattr(client, name)(*args, **kwargs))
                except talon_dyn.TalonDynError as error:
                    results.append(error)
        return results

    async def main() -> None:
        async with talon_dyn.AsyncClient(base_url=url, **settings) as client:
            for name, args, kwargs in calls:
                if name == PAUSE:
                    await asyncio.sleep(*args)
                    continue
                try:
                    results.append(await getattr(client, name)(*args, **kwargs))
                except talon_dyn.TalonDynError as error:
                    results.append(error)

    asyncio.run(main())
    return results


PAUSE = "(pause)"
"""A step of ``run`` that waits ``args[0]`` seconds between two calls instead of making one."""


def script(*plays: str) -> Callable[[int, str, str], str]:
    """The n-th request gets ``plays[n - 1]``; later ones get "ok"."""
    return lambda number, method, target: plays[number - 1] if number <= len(plays) else "ok"


# -- every send is an attempt ---------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("method", sorted(CALLS))
@pytest.mark.parametrize("fault", ["drop-before", "drop-during"])
def test_a_dropped_answer_is_one_send_per_attempt(engine: str, method: str, fault: str) -> None:
    """On a pooled keep-alive connection, a request whose answer is dropped (before it starts, or half-way) reaches
    the server exactly once per attempt the error lists: no engine sends it again on its own."""
    name, args = CALLS[method]
    with KeepAliveServer(script("ok", fault), spec_body) as server:
        first, second = run(engine, server.url, [(name, args, {}), (name, args, {})])
        received = server.received
    assert not isinstance(first, talon_dyn.TalonDynError), first
    assert isinstance(second, talon_dyn.ConnectionFailed), repr(second)
    assert len(second.attempts) == 1
    assert second.may_have_reached_server is True
    assert received == 2


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_retries_of_a_dropped_answer_are_counted_sends(engine: str, method: str) -> None:
    """With ``Retry(attempts=2)``, an idempotent request whose answers are dropped twice reaches the server
    exactly twice, and the error lists both attempts."""
    name, args = CALLS[method]
    with KeepAliveServer(script("ok", "drop-before", "drop-during"), spec_body) as server:
        retry = Retry(attempts=2, backoff=0.0)
        first, second = run(engine, server.url, [(name, args, {}), (name, args, {"retry": retry})])
        received = server.received
    assert not isinstance(first, talon_dyn.TalonDynError), first
    assert isinstance(second, talon_dyn.ConnectionFailed), repr(second)
    assert len(second.attempts) == 2
    assert received == 3


CLOSING = [(engine, method) for engine in ENGINES for method in sorted(CALLS)]
CLOSING = [(engine, method) for engine, method in CLOSING if not (method == "POST" and engine.startswith("httpx"))]


@pytest.mark.parametrize(("engine", "method"), CLOSING)
def test_a_server_that_closes_after_each_answer_costs_no_call(engine: str, method: str) -> None:
    """The server (in its own process, as a service is) answers, then closes the connection without saying so.
    A POST, never repeated, waits for that FIN (``FIN_GRACE``) before reusing a connection, until the origin has
    shown that it keeps connections open (it never does here): at most 1% fail. A GET
    or PUT does not wait: one that meets a connection the server had closed is sent again on a fresh one by the
    attempt loop - and the server, which never read the lost one, receives each call exactly once.

    An httpx transport given as ``transport=`` keeps its own pool: it gets the same check before reuse (and the
    same FIN grace, sync), but not the default engines' switch to fresh connections for an origin that was seen
    closing them (``Suspects``), so under a loaded machine its POSTs are the transport's to protect."""
    name, args = CALLS[method]
    retry = Retry.never() if method == "POST" else Retry(backoff=0.0)
    with ServerProcess("close-after") as server:
        results = run(engine, server.url, [(name, args, {"retry": retry})] * 100)
        received = server.received()
    failed = [result for result in results if isinstance(result, talon_dyn.TalonDynError)]
    assert len(failed) <= (1 if method == "POST" else 0), failed[:3]
    assert received == 100 - len(failed)


@pytest.mark.slow
@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
@pytest.mark.parametrize("engine", ["httpcore", "aiohttp"])
def test_sequential_posts_against_a_server_that_closes_after_each_answer(engine: str) -> None:
    """1,000 POSTs in a row against a server (in its own process) that answers each one and then closes the
    connection without having said so: at most 1% fail (0 in every run so far, the machine loaded or not), and
    the server receives each POST at most once."""
    name, args = CALLS["POST"]
    with ServerProcess("close-after") as server:
        results = run(engine, server.url, [(name, args, {})] * 1000)
        received = server.received()
    failed = [result for result in results if isinstance(result, talon_dyn.TalonDynError)]
    assert len(failed) <= 10, failed[:3]
    assert 1000 - len(failed) <= received <= 1000


@pytest.mark.parametrize("engine", ["httpcore", "aiohttp", "pyreqwest-sync", "pyreqwest-async"])
def test_posts_to_a_server_that_keeps_connections_open_wait_the_fin_grace_once(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The FIN grace is paid once per origin, not on every POST: once a pooled connection has stayed open a whole
    grace after its answer, the origin is known to keep connections, and later POSTs reuse theirs at once (a FIN
    that already came is still seen: ``closed_by_peer`` polls without waiting). Counted at the server: 40 POSTs on
    one connection, each received once; counted in the engine: at most two sends carried a grace."""
    from talon_dyn import _transports

    graces: list[float] = []
    grace = _transports.Suspects.grace

    def recorded(self: Any, origin: str, seconds: float) -> Any:
        found = grace(self, origin, seconds)
        graces.append(found.seconds)
        return found

    monkeypatch.setattr(_transports.Suspects, "grace", recorded)
    name, args = CALLS["POST"]
    with KeepAliveServer(script(), spec_body) as server:
        results = run(engine, server.url, [(name, args, {})] * 40)
        received, connections = server.received, server.connections
    assert not [result for result in results if isinstance(result, talon_dyn.TalonDynError)]
    assert (received, connections) == (40, 1)
    assert len(graces) == 40
    assert sum(1 for seconds in graces if seconds) <= 2, graces[:5]


def test_a_lost_connection_brings_the_grace_back() -> None:
    """An origin that lost a connection (``Suspects.mark``) is no longer trusted to keep them: its next POST waits
    the grace again, and a pooled connection that outlives it earns the trust back."""
    from talon_dyn._transports import FIN_GRACE, Suspects

    suspects = Suspects()
    origin = "http://127.0.0.1:1"
    assert suspects.grace(origin, FIN_GRACE).seconds == FIN_GRACE
    assert suspects.grace(origin, 0.0).seconds == 0.0  # a request that may be repeated never waits
    suspects.kept(origin)
    assert suspects.grace(origin, FIN_GRACE).seconds == 0.0
    suspects.mark(origin)
    assert suspects.grace(origin, FIN_GRACE).seconds == FIN_GRACE


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("stray", ["stray-same", "stray-late:0.03"])
def test_a_stray_answer_on_a_pooled_connection_never_reaches_the_next_call(engine: str, stray: str) -> None:
    """A server (or a proxy, or a load balancer) sends one answer more than was asked for: in the same segment as
    the real one (it sits in the HTTP parser's buffer) or 30 ms later (on an idle pooled connection). The next call
    never gets it: that connection is closed, not reused. Counted at the server: two requests on two connections,
    and the second call gets its own answer, not the stray 503."""
    name, args = CALLS["GET"]
    with KeepAliveServer(script(stray), spec_body) as server:
        first, second = run(engine, server.url, [(name, args, {}), (PAUSE, (0.15,), {}), (name, args, {})])
        received, connections = server.received, server.connections
    assert not isinstance(first, talon_dyn.TalonDynError), first
    assert not isinstance(second, talon_dyn.TalonDynError), repr(second)
    assert (received, connections) == (2, 2)


# -- one meaning of time ----------------------------------------------------------------------------------------


def _healthy_call(engine: str) -> float:
    """What a healthy GET on ``engine`` costs right now, client set-up and tear-down included (the baseline of
    this section's wall-clock bounds; the first run also does the engine's one-time set-up, unmeasured)."""
    name, args = CALLS["GET"]
    with KeepAliveServer(script(), spec_body) as healthy:
        run(engine, healthy.url, [])
        return slowest(lambda: run(engine, healthy.url, [(name, args, {})]))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fault", ["drip", "slow:0.45"])
def test_timeout_bounds_each_attempt_in_total_on_every_engine(engine: str, fault: str) -> None:
    """``timeout=0.3`` ends the attempt by 0.3 s (+ 0.2 s of slack) on every engine, whether the server drips its
    headers one byte at a time or stays silent for longer."""
    name, args = CALLS["GET"]
    base = _healthy_call(engine)
    with KeepAliveServer(script(fault), spec_body) as server:
        started = time.monotonic()
        (error,) = run(engine, server.url, [(name, args, {"timeout": 0.3})])
        elapsed = time.monotonic() - started
    assert isinstance(error, talon_dyn.TalonTimeout), repr(error)
    assert "0.3 s" in str(error)
    assert elapsed < 0.3 + slack(base, 0.35), (elapsed, base)  # + the client's own set-up and tear-down


@pytest.mark.parametrize("engine", ENGINES)
def test_a_retry_after_past_the_deadline_ends_the_call_at_once(engine: str) -> None:
    """A 429 asking for 5 s against a 1 s deadline ends the call at once: a TooManyRequests carrying
    ``retry_after == 5``, one send, no wait."""
    name, args = CALLS["GET"]
    base = _healthy_call(engine)
    with KeepAliveServer(script("status:429:5"), spec_body) as server:
        started = time.monotonic()
        (error,) = run(engine, server.url, [(name, args, {})], retry=Retry(), deadline=1.0)
        elapsed = time.monotonic() - started
        received = server.received
    assert type(error) is talon_dyn.TooManyRequests, repr(error)
    assert error.retry_after == 5.0
    assert "past the call's deadline" in str(error)
    assert received == 1
    assert elapsed < slack(base, 0.5), (elapsed, base)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_the_deadline_bounds_attempts_and_waits_together(engine: str) -> None:
    """Silent answers, many attempts allowed: the call ends by its deadline (0.8 s + slack), whatever the
    per-attempt timeout and the retry policy would allow."""
    name, args = CALLS["GET"]
    base = _healthy_call(engine)
    with KeepAliveServer(lambda number, method, target: "slow:2", spec_body) as server:
        started = time.monotonic()
        (error,) = run(
            engine, server.url, [(name, args, {})], timeout=0.5, deadline=0.8, retry=Retry(attempts=10, backoff=0.1)
        )
        elapsed = time.monotonic() - started
    assert isinstance(error, talon_dyn.TalonTimeout), repr(error)
    assert elapsed < 0.8 + slack(base, 0.35), (elapsed, base)
    assert "deadline" in str(error)


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), "1", True])
@pytest.mark.parametrize("option", ["timeout", "deadline"])
def test_a_meaningless_time_is_refused_when_the_client_is_made(option: str, value: Any) -> None:
    """0, a negative, NaN or infinite number of seconds (or not a number) is a ConfigurationError naming the
    option, when the client is made and when a call is."""
    with pytest.raises(talon_dyn.ConfigurationError, match=option):
        talon_dyn.Client(base_url="http://x.test", api_key=KEY, **{option: value})
    with (
        talon_dyn.Client(base_url="http://x.test", api_key=KEY) as client,
        pytest.raises(talon_dyn.ConfigurationError, match=option),
    ):
        client.get_reserved_coupons("ada", **{option: value})


# -- closed is closed ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_a_closed_client_refuses_calls(engine: str) -> None:
    """After close() / aclose(), a call raises ClientClosed (it used to reopen the pool silently); nothing is
    sent."""
    name, args = CALLS["GET"]
    with KeepAliveServer(script(), spec_body) as server:
        settings = options(engine)
        if engine in ASYNC:

            async def main() -> Any:
                client = talon_dyn.AsyncClient(base_url=server.url, **settings)
                await getattr(client, name)(*args)
                await client.aclose()
                with pytest.raises(talon_dyn.ClientClosed, match="closed"):
                    await getattr(client, name)(*args)
                return client

            client = asyncio.run(main())
        else:
            client = talon_dyn.Client(base_url=server.url, **settings)
            getattr(client, name)(*args)
            client.close()
            with pytest.raises(talon_dyn.ClientClosed, match="closed"):
                getattr(client, name)(*args)
        received = server.received
    assert received == 1
    assert client.is_closed


@pytest.mark.parametrize(
    ("make", "engine", "fragment"),
    [
        (talon_dyn.Client, "aiohttp", "'httpcore', 'pyreqwest' for Client"),
        (talon_dyn.AsyncClient, "httpcore", "'aiohttp', 'pyreqwest' for AsyncClient"),
        (talon_dyn.Client, "reqwest", "not 'reqwest'"),
    ],
)
def test_an_unknown_engine_is_refused_naming_the_choices(make: Any, engine: str, fragment: str) -> None:
    with pytest.raises(talon_dyn.ConfigurationError, match="engine must be one of") as caught:
        make(base_url="http://127.0.0.1:9", api_key=KEY, engine=engine)
    assert fragment in str(caught.value)


def test_engine_and_transport_do_not_mix() -> None:
    with pytest.raises(talon_dyn.ConfigurationError, match="engine= and transport= cannot be combined"):
        talon_dyn.Client(
            base_url="http://127.0.0.1:9", api_key=KEY, engine="pyreqwest", transport=httpx.MockTransport(print)
        )


def test_pyreqwest_missing_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyreqwest installed, engine="pyreqwest" fails when the client is made, naming the extra."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyreqwest" else real(name, *a))
    with pytest.raises(talon_dyn.ConfigurationError, match=r"pip install 'talon_dyn\[fast\]'"):
        talon_dyn.AsyncClient(base_url="http://127.0.0.1:9", api_key=KEY, engine="pyreqwest")


def test_a_derived_client_shares_the_pyreqwest_pool() -> None:
    """with_options() keeps the engine: both clients' calls go over the one connection, counted at the server."""
    with KeepAliveServer(script(), spec_body) as server:
        with talon_dyn.Client(base_url=server.url, api_key=KEY, engine="pyreqwest") as client:
            derived = client.with_options(timeout=5.0)
            client.get_reserved_coupons("ada-1")
            derived.get_reserved_coupons("ada-1")
        assert server.connections == 1
        assert server.received == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_an_answer_no_parser_accepts_is_not_repeated(engine: str) -> None:
    """Headers of 1 MB, over every engine's limit: the server would answer the same to the same request, so the
    GET is sent once (counted at the server) even with retries allowed, and the error says why in a line that
    does not carry the offending bytes."""
    from rawserver import raw_server, response

    seen: list[bytes] = []

    def answer(request: bytes) -> bytes:
        seen.append(request)
        return response(200, b'{"data": [], "totalResultSize": 0}', **{"x-big": "a" * (1 << 20)})

    name, args = CALLS["GET"]
    with raw_server(answer) as url:
        (error,) = run(engine, url, [(name, args, {})], retry=Retry(attempts=3, backoff=0.0))
    assert isinstance(error, talon_dyn.ConnectionFailed), repr(error)
    assert len(seen) == 1
    assert len(error.attempts) == 1
    assert "a" * 200 not in str(error)
