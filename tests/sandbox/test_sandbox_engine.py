"""The sandbox as an engine (``Sandbox.engine()`` / ``async_engine()``, what ``sandbox.client()`` uses): the
engine contract kept in process - one send per attempt, the deadline, faults as over TCP - with no httpx object
on the way, and ``engine=`` objects checked as clearly as engine names."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from faults import Waits
from timing import slack, slowest

import talon_dyn
from talon_dyn import AsyncClient, Client, ConfigurationError, Retry
from talon_dyn.sandbox import Sandbox

CART = [{"name": "Shoes", "sku": "S1", "quantity": 1, "price": 80.0}]
EVENT = {"profileId": "ada", "type": "viewed", "sessionId": "s1", "attributes": {}}


@pytest.fixture
def httpx_objects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ``httpx.Request`` and ``httpx.Response`` built while the test runs, by class name."""
    built: list[str] = []
    for cls in (httpx.Request, httpx.Response):
        original: Callable[..., None] = cls.__init__

        def counted(self: Any, *args: Any, __original: Callable[..., None] = original, **kwargs: Any) -> None:
            built.append(type(self).__name__)
            __original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", counted)
    return built


def faulty(*faults: dict[str, Any], **settings: Any) -> Sandbox:
    return Sandbox(seed=1, faults={"faults": list(faults), **settings})


# -- no httpx on the in-process path -----------------------------------------------------------------------


def test_the_in_process_client_builds_no_httpx_object(sandbox: Sandbox, httpx_objects: list[str]) -> None:
    """A session update and a coupon lookup through ``sandbox.client()`` build no httpx Request or Response;
    the same calls through ``transport=sandbox.transport()`` do (the counter sees them: the test can fail)."""
    with sandbox.client() as client:
        client.update_customer_session_v2("s1", {"customerSession": {"profileId": "ada", "cartItems": CART}})
        assert client.get_reserved_coupons("ada") == {"totalResultSize": 0, "data": []}
    assert httpx_objects == []
    with sandbox.client(transport=sandbox.transport()) as client:
        client.get_reserved_coupons("ada")
    assert sorted(set(httpx_objects)) == ["Request", "Response"]


def test_the_async_in_process_client_builds_no_httpx_object(sandbox: Sandbox, httpx_objects: list[str]) -> None:
    async def calls() -> Any:
        async with sandbox.async_client() as client:
            await client.update_customer_session_v2("s1", {"customerSession": {"profileId": "ada", "cartItems": CART}})
            return await client.get_reserved_coupons("ada")

    assert asyncio.run(calls()) == {"totalResultSize": 0, "data": []}
    assert httpx_objects == []
    assert [entry["operation"] for entry in sandbox.journal] == ["updateCustomerSessionV2", "getReservedCoupons"]


# -- faults, as over TCP ------------------------------------------------------------------------------------


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_dropped_post_is_sent_once_and_a_dropped_get_is_repeated(is_async: bool) -> None:
    """A drop is a connection broken after the request went out: the POST fails with ConnectionFailed after one
    send (one journal line), the GET is repeated up to the retry policy's attempts (one line each)."""
    waits = Waits()
    with faulty({"operation": "trackEvent", "drop": True}, {"operation": "getReservedCoupons", "drop": True}) as box:

        async def both(client: AsyncClient) -> None:
            async with client:
                with pytest.raises(talon_dyn.ConnectionFailed) as post:
                    await client.track_event(EVENT)
                assert post.value.may_have_reached_server is True
                with pytest.raises(talon_dyn.ConnectionFailed):
                    await client.get_reserved_coupons("ada")

        if is_async:
            asyncio.run(both(box.async_client(retry=waits.retry())))
        else:
            with box.client(retry=waits.retry()) as client:
                with pytest.raises(talon_dyn.ConnectionFailed) as post:
                    client.track_event(EVENT)
                assert post.value.may_have_reached_server is True
                with pytest.raises(talon_dyn.ConnectionFailed):
                    client.get_reserved_coupons("ada")
        lines = [(entry["operation"], entry["status"], entry["fault"]) for entry in box.journal]
    assert lines == [("trackEvent", None, "drop")] + [("getReservedCoupons", None, "drop")] * 3


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_delay_past_the_deadline_times_out_at_the_deadline_and_is_applied_once(is_async: bool) -> None:
    """A 5 s delay against ``timeout=0.2``: the call ends with TalonTimeout after one send, near 0.2 s, never 5 s;
    the sandbox applied the close all the same (as a real server would), and the journal has one line."""
    body = {"customerSession": {"profileId": "ada", "cartItems": CART, "state": "closed"}}
    options: dict[str, Any] = {"timeout": 0.2, "retry": Retry(attempts=3, backoff=0.0)}
    with Sandbox() as healthy, healthy.client() as client:  # the same close without the delay: the baseline
        names = iter(range(10))
        base = slowest(lambda: client.update_customer_session_v2(f"s-{next(names)}", body))
    with faulty({"operation": "updateCustomerSessionV2", "delay_ms": 5000}) as box:
        started = time.monotonic()

        async def close() -> Any:
            async with box.async_client() as client:
                return await client.update_customer_session_v2("s-close", body, **options)

        def call() -> Any:
            if is_async:
                return asyncio.run(close())
            with box.client() as client:
                return client.update_customer_session_v2("s-close", body, **options)

        with pytest.raises(talon_dyn.TalonTimeout) as caught:
            call()
        elapsed = time.monotonic() - started
        assert len(caught.value.attempts) == 1
        assert 0.15 < elapsed < slack(base, 2.0), (elapsed, base)
        assert [(e["operation"], e["fault"]) for e in box.journal] == [("updateCustomerSessionV2", "delay 5000 ms")]
        session = box.session("s-close")
        assert session is not None
        assert session["state"] == "closed"


def test_an_async_delay_is_awaited_so_an_overlapping_write_conflicts() -> None:
    """Two writes to one session at once through the async engine: the first waits out its delay on the loop,
    the second arrives meanwhile and gets Talon's 409 (``parallel_session_writes: conflict``)."""
    box = faulty({"operation": "updateCustomerSessionV2", "delay_ms": 300}, parallel_session_writes="conflict")

    async def overlap() -> list[Any]:
        async with box.async_client(retry=Retry.never()) as client:
            update = {"customerSession": {"profileId": "ada", "cartItems": CART}}
            return await asyncio.gather(
                client.update_customer_session_v2("s1", update),
                client.update_customer_session_v2("s1", update),
                return_exceptions=True,
            )

    with box:
        first, second = asyncio.run(overlap())
        assert isinstance(first, dict)
        assert isinstance(second, talon_dyn.Conflict)
        assert [entry["status"] for entry in box.journal] == [409, 200]


# -- engine= objects ------------------------------------------------------------------------------------


def test_a_client_owns_and_closes_the_engine_it_is_given(sandbox: Sandbox) -> None:
    engine = sandbox.engine()
    client = Client(base_url="http://sandbox.test", api_key="sandbox-api-key", engine=engine)
    state = client.update_customer_session_v2("s1", {"customerSession": {"profileId": "ada", "cartItems": CART}})
    assert state["effects"] == []
    derived = client.with_options(timeout=5.0)
    derived.close()
    assert engine.closed is False  # a derived client never closes the pool
    client.close()
    assert engine.closed is True
    assert client.is_closed


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda box: Client(base_url="http://x", engine=object()), r"engine= got a object.*no send, close, closed"),
        (lambda box: Client(base_url="http://x", engine="aiohttp"), r"'httpcore', 'pyreqwest' for Client"),
        (
            lambda box: AsyncClient(base_url="http://x", engine=box.engine()),
            r"SandboxEngine, which is not an engine for AsyncClient: it has no aclose, warm.*Sandbox.async_engine\(\)",
        ),
        (lambda box: Client(base_url="http://x", engine=box.async_engine()), r"no close .*Sandbox.engine\(\)"),
        (
            lambda box: Client(base_url="http://x", engine=box.engine(), proxy="http://proxy.test:3128"),
            r"proxy and engine= cannot be combined",
        ),
        (
            lambda box: Client(base_url="http://x", engine=box.engine(), transport=box.transport()),
            "engine= and transport= cannot be combined",
        ),
        (lambda box: box.client().with_options(engine=box.engine()), r"cannot change engine"),
    ],
    ids=[
        "not-an-engine",
        "async-name",
        "sync-engine-for-async",
        "async-engine-for-sync",
        "proxy",
        "transport",
        "derive",
    ],
)
def test_a_wrong_engine_is_refused_saying_what_is_missing(sandbox: Sandbox, make: Any, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        make(sandbox)
