"""Parallel clients on shared coupons and sessions: no update is lost."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from sandbox_helpers import item, v2

import talon_dyn
from talon_dyn.sandbox import Sandbox, Server

THREADS = 6
ROUNDS = 8


def _worker(
    make_client: Callable[[], Any],
    thread: int,
    tally: Counter[str],
    lock: threading.Lock,
    reserved: dict[str, bool],
    errors: list[BaseException],
) -> None:
    try:
        with make_client() as client:
            for round_ in range(ROUNDS):
                session, profile = f"s-{thread}-{round_}", f"p{thread}"
                codes = ["SUMMER10", "WELCOME5"]
                client.update_customer_session_v2(session, v2(profile, couponCodes=codes, cartItems=[item(price=50)]))
                closed = client.update_customer_session_v2(session, v2(None, state="closed"))
                accepted = [e["props"]["value"] for e in closed["effects"] if e["effectType"] == "acceptCoupon"]
                client.update_customer_session_v2("shared", v2("", cartItems=[item(price=round_ + 1)]))
                client.track_event({"sessionId": "shared", "type": "page_view", "attributes": {}})
                revoke = round_ % 3 == 0
                if revoke:
                    client.update_customer_session_v2(session, v2(None, state="cancelled"))
                keep = round_ % 2 == 0
                client.create_coupon_reservation("SUMMER10", {"integrationIDs": [profile, f"shared-{round_}"]})
                if not keep:
                    client.delete_coupon_reservation("SUMMER10", {"integrationIDs": [profile]})
                with lock:
                    for code in accepted:
                        tally[code] += 0 if revoke else 1
                    tally[f"closed:{profile}"] += 0 if revoke else 1
                    reserved[profile] = keep
    except BaseException as exc:  # pragma: no cover - reported by the test
        errors.append(exc)


def _run(sandbox: Sandbox, make_client: Callable[[], Any]) -> None:
    tally: Counter[str] = Counter()
    reserved: dict[str, bool] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()
    threads = [
        threading.Thread(target=_worker, args=(make_client, t, tally, lock, reserved, errors)) for t in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sandbox.coupon("SUMMER10")["usageCounter"] == tally["SUMMER10"]  # type: ignore[index]
    assert sandbox.coupon("WELCOME5")["usageCounter"] == tally["WELCOME5"] <= 1  # type: ignore[index]
    campaign = sandbox.campaign(1)
    assert campaign["couponRedemptionCount"] == tally["SUMMER10"] + tally["WELCOME5"]  # type: ignore[index]
    for number in range(THREADS):
        profile = sandbox.profile(f"p{number}")
        assert profile["closedSessions"] == tally[f"closed:p{number}"]  # type: ignore[index]
        assert profile["totalSales"] == 50 * tally[f"closed:p{number}"]  # type: ignore[index]
    expected = {p for p, keep in reserved.items() if keep} | {f"shared-{r}" for r in range(ROUNDS)}
    assert set(sandbox.reservations("SUMMER10")) == expected
    assert len(sandbox.reservations("SUMMER10")) == len(expected)


def test_parallel_threads_in_process() -> None:
    """Threads sharing coupons and a session in-process: counters and reservations add up."""
    with Sandbox(seed=4) as sandbox:
        _run(sandbox, sandbox.client)


def test_parallel_clients_over_tcp() -> None:
    """The same mixed load from several clients over TCP against one server."""
    with Sandbox(seed=4) as sandbox, Server(sandbox) as server:
        _run(sandbox, lambda: talon_dyn.Client(base_url=server.url, api_key="sandbox-api-key"))
