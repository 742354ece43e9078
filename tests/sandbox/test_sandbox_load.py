"""The sandbox under load and faults, over loopback TCP, in a ``talon-dyn sandbox --db`` subprocess.

Four clients in parallel send a fixed, seeded mix of 100 requests each: profile updates,
sessions closed with a coupon, reservations made and withdrawn, referrals, events, reads,
and hostile requests (malformed JSON, absurd nesting, oversize bodies, XML). Afterwards no
answer was a 5xx, every hostile request got its documented 4xx and changed nothing, and
every counter and set the sandbox reports equals what the acknowledged calls imply. Then
the server is killed with SIGKILL right after more acknowledged writes and restarted on
the same database: every acknowledged write is still there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

import talon_dyn
from talon_dyn import Retry

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 4
REQUESTS_PER_CLIENT = 100
MAX_BODY = 65_536
API_KEY = "sandbox-api-key"
COUPON = "SUMMER10"
CLOSES_PER_CLIENT = 12
"""At most this many sessions closed per client, so the coupon's usage limit of 100 is never reached."""


@dataclass
class Expected:
    """What the acknowledged calls imply, and what every answer was."""

    attributes: dict[str, int] = field(default_factory=dict)
    closes: Counter[str] = field(default_factory=Counter)
    coupon_uses: int = 0
    reserved: set[str] = field(default_factory=set)
    referrals: dict[str, set[str]] = field(default_factory=dict)
    untouched: set[str] = field(default_factory=set)
    statuses: Counter[int] = field(default_factory=Counter)
    hostile: Counter[int] = field(default_factory=Counter)
    requests: int = 0

    def merge(self, other: Expected) -> None:
        self.attributes.update(other.attributes)
        self.closes.update(other.closes)
        self.coupon_uses += other.coupon_uses
        self.reserved |= other.reserved
        for profile, codes in other.referrals.items():
            self.referrals.setdefault(profile, set()).update(codes)
        self.untouched |= other.untouched
        self.statuses.update(other.statuses)
        self.hostile.update(other.hostile)
        self.requests += other.requests


def _start(db: Path) -> tuple[subprocess.Popen[str], str]:
    """``python -m talon_dyn.cli.sandbox --port 0 --db DB`` and the URL it prints."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "talon_dyn.cli.sandbox",
            "--port",
            "0",
            "--db",
            str(db),
            "--seed",
            "3",
            "--max-body",
            str(MAX_BODY),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        process.kill()
        _, errors = process.communicate(timeout=20)
        pytest.fail(f"the sandbox did not start: {errors}")
    return process, url


def _end(process: subprocess.Popen[str], how: signal.Signals) -> None:
    process.send_signal(how)
    process.wait(timeout=20)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


@pytest.fixture
def sandbox_process(tmp_path: Path) -> Iterator[tuple[Path, list[subprocess.Popen[str]]]]:
    """A database path, and a list of started sandbox processes that are all stopped at the end."""
    processes: list[subprocess.Popen[str]] = []
    yield tmp_path / "load.db", processes
    for process in processes:
        if process.poll() is None:
            _end(process, signal.SIGKILL)


def _client(url: str) -> Any:
    return talon_dyn.Client(base_url=url, api_key=API_KEY, retry=Retry.never(), timeout=20.0)


def _hostile(http: httpx.Client, profile: str, kind: str) -> int:
    headers = {"Authorization": f"ApiKey-v1 {API_KEY}", "Content-Type": "application/json"}
    content = {
        "malformed": b'{"attributes": {"n": 1}',
        "deep": b'{"attributes": ' + b'{"a": ' * 100 + b"1" + b"}" * 100 + b"}",
        "oversize": b'{"attributes": {"n": "' + b"x" * MAX_BODY + b'"}}',
        "xml": b"<attributes><n>1</n></attributes>",
    }[kind]
    if kind == "xml":
        headers["Content-Type"] = "application/xml"
    return http.put(f"/v1/customer_profiles/{profile}", content=content, headers=headers).status_code


HOSTILE_STATUS = {"malformed": 400, "deep": 400, "oversize": 413, "xml": 400}
WEIGHTS = {"profile": 4, "close": 2, "reserve": 3, "unreserve": 1, "referral": 2, "event": 2, "read": 3, "hostile": 2}


def _work(url: str, number: int, expected: Expected, errors: list[BaseException]) -> None:
    """One client's seeded mix of exactly REQUESTS_PER_CLIENT requests; records what each acknowledged."""
    chooser = random.Random(1000 + number)
    kinds = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    closes = 0
    try:
        with _client(url) as client, httpx.Client(base_url=url, timeout=20.0) as http:
            while expected.requests < REQUESTS_PER_CLIENT:
                kind = chooser.choices(kinds, weights)[0]
                left = REQUESTS_PER_CLIENT - expected.requests
                if kind == "close" and (left < 2 or closes >= CLOSES_PER_CLIENT):
                    kind = "profile"
                profile = f"p{number}-{chooser.randrange(4)}"
                step = expected.requests
                if kind == "profile":
                    client.update_customer_profile(profile, {"attributes": {"n": step}})
                    expected.attributes[profile] = step
                elif kind == "close":
                    session = f"s{number}-{step}"
                    cart = {"profileId": profile, "couponCodes": [COUPON], "cartItems": [_item()]}
                    client.update_customer_session_v2(session, {"customerSession": cart})
                    expected.statuses[200] += 1
                    expected.requests += 1
                    closed = client.update_customer_session_v2(session, {"customerSession": {"state": "closed"}})
                    expected.closes[profile] += 1
                    closes += 1
                    effects = closed["effects"]
                    expected.coupon_uses += sum(effect["effectType"] == "acceptCoupon" for effect in effects)
                    created = {e["props"]["value"] for e in effects if e["effectType"] == "referralCreated"}
                    expected.referrals.setdefault(profile, set()).update(created)
                elif kind in ("reserve", "unreserve"):
                    holder = f"r{number}-{chooser.randrange(8)}"
                    body = {"integrationIDs": [holder]}
                    if kind == "reserve":
                        client.create_coupon_reservation(COUPON, body)
                        expected.reserved.add(holder)
                    else:
                        client.delete_coupon_reservation(COUPON, body)
                        expected.reserved.discard(holder)
                elif kind == "referral":
                    made = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": profile})
                    expected.referrals.setdefault(profile, set()).add(made["code"])
                elif kind == "event":
                    event = {"profileId": profile, "sessionId": f"e-{profile}", "type": "page_view", "attributes": {}}
                    client.track_event(event)
                elif kind == "read":
                    client.get_reserved_customers(COUPON)
                else:
                    victim = f"h{number}-{step}"
                    trick = chooser.choice(sorted(HOSTILE_STATUS))
                    status = _hostile(http, victim, trick)
                    expected.hostile[status] += 1
                    assert status == HOSTILE_STATUS[trick], (trick, status)
                    expected.untouched.add(victim)
                    expected.statuses[status] += 1
                    expected.requests += 1
                    continue
                expected.statuses[200] += 1
                expected.requests += 1
    except BaseException as error:
        errors.append(error)


def _item() -> dict[str, Any]:
    return {"name": "Shoes", "sku": "S1", "quantity": 1, "price": 50}


def _verify(url: str, expected: Expected) -> None:
    """Every counter and set the sandbox reports equals what the acknowledged calls imply."""
    with _client(url) as client:
        profiles = set(expected.attributes) | set(expected.closes) | set(expected.referrals)
        for profile in sorted(profiles):
            inventory = client.get_customer_inventory(profile, profile=True, referrals=True)
            if profile in expected.attributes:
                assert inventory["profile"]["attributes"]["n"] == expected.attributes[profile], profile
            assert inventory["profile"]["closedSessions"] == expected.closes[profile], profile
            assert inventory["profile"]["totalSales"] == 50 * expected.closes[profile], profile
            codes = {referral["code"] for referral in inventory.get("referrals", [])}
            assert codes == expected.referrals.get(profile, set()), profile
        for victim in sorted(expected.untouched):
            with pytest.raises(talon_dyn.NotFound):
                client.get_customer_inventory(victim)
        holders = {profile["integrationId"] for profile in client.get_reserved_customers(COUPON)["data"]}
        assert holders == expected.reserved
        if expected.reserved:
            holder = min(expected.reserved)
            (coupon,) = [c for c in client.get_reserved_coupons(holder)["data"] if c["value"] == COUPON]
            assert coupon["usageCounter"] == expected.coupon_uses


@pytest.mark.slow
def test_load_and_kill_lose_no_acknowledged_write(
    sandbox_process: tuple[Path, list[subprocess.Popen[str]]],
) -> None:
    """400 mixed requests from 4 parallel clients: no 5xx, exact state; SIGKILL and restart lose nothing."""
    db, processes = sandbox_process
    process, url = _start(db)
    processes.append(process)
    parts = [Expected() for _ in range(CLIENTS)]
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_work, args=(url, n, parts[n], errors)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    expected = Expected()
    for part in parts:
        expected.merge(part)
    assert expected.requests == CLIENTS * REQUESTS_PER_CLIENT
    assert not [status for status in expected.statuses if status >= 500]
    assert sum(expected.hostile.values()) > 0
    assert expected.coupon_uses > 0
    _verify(url, expected)

    with _client(url) as client:  # more acknowledged writes, then no graceful shutdown at all
        for step in range(10):
            client.update_customer_profile("last-words", {"attributes": {"n": step}})
        client.create_coupon_reservation(COUPON, {"integrationIDs": ["last-holder"]})
        client.update_customer_session_v2(
            "last-session", {"customerSession": {"profileId": "last-words", "cartItems": [_item()]}}
        )
        closed = client.update_customer_session_v2("last-session", {"customerSession": {"state": "closed"}})
    created = {e["props"]["value"] for e in closed["effects"] if e["effectType"] == "referralCreated"}
    expected.referrals["last-words"] = created
    expected.attributes["last-words"] = 9
    expected.closes["last-words"] += 1
    expected.reserved.add("last-holder")
    _end(process, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL

    process, url = _start(db)
    processes.append(process)
    _verify(url, expected)
    _end(process, signal.SIGTERM)
