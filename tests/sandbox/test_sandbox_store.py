"""The store's in-memory document cache: reads always equal SQLite, and a rolled-back request leaves no trace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sandbox_helpers import FakeClock, item, raw, v2
from sandbox_strategies import REPEATABLE

from talon_dyn.sandbox import Sandbox
from talon_dyn.sandbox._domain import handlers as _handlers
from talon_dyn.sandbox._domain.context import ApiProblem, RequestContext
from talon_dyn.sandbox._domain.handlers import Call
from talon_dyn.sandbox._domain.sessions import SessionChanges, update_session
from talon_dyn.sandbox._storage.cache import UNKNOWN, DocCache
from talon_dyn.sandbox._storage.store import Store

SESSIONS = ["s1", "s2", "s3"]
PROFILES = ["p1", "p2"]
CODES = ["SUMMER10", "WELCOME5", "WALLET-ONLY", "NOPE-0000"]
FAILING_PATH = "/v1/coupon_reservations/customerprofiles/SUMMER10"
FAILING_SESSION = "s-rolled-back"
"""The session the failing handler closes: no generated step touches it, so the handler always gets to write
(closing s1 failed with a 400 before writing anything when a generated step had closed s1 already)."""


def _close_then_fail(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """A handler that closes a session for p1 with both coupons (counters, loyalty, sales), then fails."""
    changes = SessionChanges(
        profile_id="p1", coupon_codes=["SUMMER10", "WELCOME5"], state="closed", cart_items=[item(price=150)]
    )
    update_session(ctx, FAILING_SESSION, changes)
    raise ApiProblem(409, "failed after writing")


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> None:
    """GET FAILING_PATH runs ``_close_then_fail`` instead of getReservedCustomers."""
    monkeypatch.setitem(_handlers.HANDLERS, "getReservedCustomers", _close_then_fail)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    with Sandbox(db=tmp_path / "state.db", seed=3, clock=FakeClock(), check_responses=True) as box:
        yield box


def _documents(store: Store) -> dict[str, Any]:
    """Every document the tests touch, as ``store`` reads it."""
    with store.transaction():
        found: dict[str, Any] = {f"session {key}": store.session(key) for key in [*SESSIONS, FAILING_SESSION]}
        found.update({f"profile {key}": store.profile(key) for key in PROFILES})
        found.update({f"coupon {key}": store.coupon(key) for key in CODES})
        found.update({f"campaign {key}": store.campaign(key) for key in range(1, 5)})
    return found


def _from_disk(path: Path) -> dict[str, Any]:
    """The same documents read by a new connection, which has nothing cached."""
    fresh = Store(str(path), readonly=True)
    try:
        return _documents(fresh)
    finally:
        fresh.close()


def test_rolled_back_request_leaves_no_trace(sandbox: Sandbox, failing: None) -> None:
    """A handler that fails after closing a session changes neither the database nor what later requests read."""
    client = sandbox.client()
    client.update_customer_session_v2("s1", v2("p1", couponCodes=["SUMMER10"], cartItems=[item(price=150)]))
    before, snapshot = _documents(sandbox.store), sandbox.store.snapshot()
    assert before["coupon SUMMER10"]["usageCounter"] == 0  # read once, so it is cached
    answer = raw(sandbox, "GET", FAILING_PATH)
    assert answer.status_code == 409
    assert _documents(sandbox.store) == before
    assert sandbox.store.snapshot() == snapshot
    closed = client.update_customer_session_v2("s1", v2("p1", state="closed", couponCodes=["SUMMER10"]))
    assert [e["effectType"] for e in closed["effects"]].count("addLoyaltyPoints") == 1
    assert sandbox.coupon("SUMMER10")["usageCounter"] == 1  # type: ignore[index]
    assert sandbox.profile("p1")["closedSessions"] == 1  # type: ignore[index]
    assert _documents(sandbox.store) == _from_disk(Path(str(sandbox.config.db)))


def test_documents_read_back_are_copies(sandbox: Sandbox) -> None:
    """Changing a document the sandbox returned (even nested values) does not change the sandbox."""
    client = sandbox.client()
    client.update_customer_session_v2("s1", v2("p1", cartItems=[item(price=30)]))
    session = sandbox.session("s1")
    assert session is not None
    session["cartItems"][0]["price"] = 0
    session["attributes"]["x"] = 1
    assert sandbox.session("s1")["cartItems"][0]["price"] == 30  # type: ignore[index]
    assert sandbox.session("s1")["attributes"] == {}  # type: ignore[index]


def test_state_survives_a_restart_after_cached_updates(tmp_path: Path) -> None:
    """What the cache answered before a restart is what the database answers after it."""
    path = tmp_path / "state.db"
    with Sandbox(db=path, seed=3, clock=FakeClock()) as box, box.client() as client:
        for price in (10, 20, 30):
            client.update_customer_session_v2("s1", v2("p1", couponCodes=["SUMMER10"], cartItems=[item(price=price)]))
        client.update_customer_session_v2("s1", v2("p1", state="closed"))
        seen = _documents(box.store)
    with Sandbox(db=path, seed=3, clock=FakeClock()) as again:
        assert _documents(again.store) == seen
        assert again.session("s1")["cartItems"][0]["price"] == 30  # type: ignore[index]


def test_cache_capacity_rollback_and_forget() -> None:
    """The cache drops its oldest entries past capacity, forgets rolled-back writes, and all after a bulk change."""
    cache = DocCache(capacity=2)
    cache.load("t", "a", {"v": 1})
    cache.load("t", "b", None)
    cache.put("t", "c", {"v": 3})
    assert cache.get("t", "a") is UNKNOWN
    assert cache.get("t", "b") is None
    cache.commit()
    cache.put("t", "b", {"v": 2})
    cache.rollback()
    assert cache.get("t", "b") is UNKNOWN
    assert cache.get("t", "c") == {"v": 3}
    cache.forget_all()
    cache.load("t", "d", {"v": 4})
    cache.rollback()
    assert cache.get("t", "c") is UNKNOWN
    assert cache.get("t", "d") is UNKNOWN


STEP = st.one_of(
    st.tuples(
        st.just("session"),
        st.sampled_from(SESSIONS),
        st.sampled_from([*PROFILES, ""]),
        st.lists(st.sampled_from(CODES), max_size=2, unique=True),
        st.sampled_from([None, "open", "closed", "cancelled"]),
        st.integers(1, 3),
    ),
    st.tuples(st.just("event"), st.sampled_from(SESSIONS)),
    st.tuples(st.just("profile"), st.sampled_from(PROFILES), st.sampled_from(["gold", "silver"])),
    st.tuples(st.sampled_from(["reserve", "unreserve"]), st.sampled_from(CODES), st.sampled_from(PROFILES)),
    st.tuples(st.just("forget"), st.sampled_from(PROFILES)),
    st.tuples(st.just("fail")),
    st.tuples(st.just("reset")),
)


def _apply(sandbox: Sandbox, step: tuple[Any, ...]) -> None:
    kind = step[0]
    if kind == "session":
        _, sid, profile, codes, state, quantity = step
        session: dict[str, Any] = {"couponCodes": codes, "cartItems": [item(price=40, quantity=quantity)]}
        if state is not None:
            session["state"] = state
        raw(sandbox, "PUT", f"/v2/customer_sessions/{sid}", json_body=v2(profile, **session))
    elif kind == "event":
        raw(sandbox, "POST", "/v1/events", json_body={"sessionId": step[1], "type": "page_view", "attributes": {}})
    elif kind == "profile":
        raw(sandbox, "PUT", f"/v1/customer_profiles/{step[1]}", json_body={"attributes": {"tier": step[2]}})
    elif kind in ("reserve", "unreserve"):
        method = "POST" if kind == "reserve" else "DELETE"
        raw(sandbox, method, f"/v1/coupon_reservations/{step[1]}", json_body={"integrationIDs": [step[2]]})
    elif kind == "forget":
        raw(sandbox, "DELETE", f"/v1/customer_data/{step[1]}")
    elif kind == "fail":
        assert raw(sandbox, "GET", FAILING_PATH).status_code == 409
    else:
        sandbox.reset()


@pytest.mark.parametrize("capacity", [10_000, 2])
def test_cached_reads_always_equal_the_database(tmp_path: Path, failing: None, capacity: int) -> None:
    """After any sequence of requests, failed ones and resets included, every cached read equals the database row."""
    path = tmp_path / "state.db"
    with Sandbox(db=path, seed=3, clock=FakeClock()) as sandbox:
        sandbox.store._cache.capacity = capacity  # a tiny cache also exercises eviction

        @settings(REPEATABLE, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(st.lists(STEP, min_size=1, max_size=10))
        def check(steps: list[tuple[Any, ...]]) -> None:
            sandbox.reset()
            for step in steps:
                _apply(sandbox, step)
                assert _documents(sandbox.store) == _from_disk(path), step

        check()
