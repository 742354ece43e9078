"""The sandbox misbehaves on purpose, and only on purpose: faults, the journal, hostile bodies, connection
limits, start-up output, and one writer per database file."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from faults import Waits
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sandbox_strategies import REPEATABLE

import talon_dyn
from talon_dyn import Retry
from talon_dyn.sandbox import Sandbox, Server
from talon_dyn.sandbox._wire.faults import FaultsError

KEY = "sandbox-api-key"
HEADERS = {"Authorization": f"ApiKey-v1 {KEY}"}


@pytest.fixture
def served() -> Iterator[Any]:
    """A factory: ``served(faults=..., **server options)`` starts a TCP sandbox and returns (sandbox, url)."""
    started: list[tuple[Sandbox, Server]] = []

    def start(*, faults: Any = None, seed: int = 1, **options: Any) -> tuple[Sandbox, str]:
        sandbox = Sandbox(seed=seed, faults=faults)
        server = Server(sandbox, **options)
        url = server.start()
        started.append((sandbox, server))
        return sandbox, url

    yield start
    for sandbox, server in started:
        server.stop()
        sandbox.close()


# -- faults over real TCP -------------------------------------------------------------------------------


def test_a_scripted_429_is_retried_per_its_retry_after_and_stores_nothing(served: Any) -> None:
    """Half the profile updates get 429 with Retry-After: 2; talon_dyn's client waits exactly 2 s (injected
    clock) and retries each; a trackEvent always answered 429 is retried too (a 429 means the service did
    nothing, so even a POST is safe to send again) until the attempts run out, and stored no event."""
    faults = {
        "faults": [
            {"operation": "updateCustomerProfile", "status": 429, "retry_after": 2, "probability": 0.5},
            {"operation": "trackEvent", "status": 429, "retry_after": 1},
        ]
    }
    sandbox, url = served(faults=faults, seed=4)
    waits = Waits()
    with talon_dyn.Client(base_url=url, api_key=KEY, retry=waits.retry(attempts=10, backoff=0.1)) as client:
        for number in range(6):
            client.update_customer_profile("ada", {"attributes": {"visits": number}})
        with pytest.raises(talon_dyn.TooManyRequests):
            client.track_event({"profileId": "ada", "type": "viewed", "sessionId": "s1", "attributes": {}})
    journal = sandbox.journal
    throttled = [entry for entry in journal if entry["status"] == 429 and entry["operation"] == "updateCustomerProfile"]
    assert throttled  # the draw is seeded: some were throttled
    assert all(entry["fault"] == "status 429" for entry in journal if entry["status"] == 429)
    # Retry-After honoured (above the jittered backoff of 0.5): 2 s per throttled update; between the ten attempts of
    # the trackEvent, 1 s or the backoff once it has grown past that (0.1 s doubled per attempt up to 8 s, halved
    # by the jitter)
    backoffs = [max(1.0, min(8.0, 0.1 * 2 ** (attempt - 1)) * 0.5) for attempt in range(1, 10)]
    assert waits.slept == [2.0] * len(throttled) + backoffs
    assert sum(entry["operation"] == "trackEvent" for entry in journal) == 10
    assert sum(entry["status"] == 200 for entry in journal) == 6
    assert sandbox.profile("ada")["attributes"] == {"visits": 5}
    events = [event for number in range(1, 50) if (event := sandbox.event(number)) is not None]
    assert events  # the profile updates made events of their own
    assert all(event["type"] != "viewed" for event in events)  # the 429'd trackEvent stored none


def test_the_same_seed_draws_the_same_faults(served: Any) -> None:
    """Fault draws are deterministic under a seed: two sandboxes with seed 9 throttle the same requests."""
    faults = {"faults": [{"status": 503, "probability": 0.5}]}
    outcomes = []
    for _ in range(2):
        _, url = served(faults=faults, seed=9)
        with httpx.Client(base_url=url, headers=HEADERS) as http:
            outcomes.append([http.get("/v1/coupon_reservations/coupons/ada").status_code for _ in range(12)])
    assert outcomes[0] == outcomes[1]
    assert {404, 503} == set(outcomes[0])


def test_a_dropped_post_is_never_repeated_and_changes_nothing(served: Any) -> None:
    """trackEvent's connection is closed without an answer: the client raises ConnectionFailed after exactly
    one attempt (it may have reached the server), and no event was stored."""
    sandbox, url = served(faults={"faults": [{"operation": "trackEvent", "drop": True}]})
    with (
        talon_dyn.Client(base_url=url, api_key=KEY, retry=Waits().retry()) as client,
        pytest.raises(talon_dyn.ConnectionFailed),
    ):
        client.track_event({"profileId": "ada", "type": "viewed", "sessionId": "s1", "attributes": {}})
    assert [entry["operation"] for entry in sandbox.journal] == ["trackEvent"]
    assert sandbox.journal[0]["fault"] == "drop"
    assert sandbox.event(1) is None


def test_a_delay_answers_late_and_applies_once(served: Any) -> None:
    """delay_ms answers with the real answer after the delay; the write is applied once."""
    faults = {"faults": [{"operation": "updateCustomerProfile", "delay_ms": 300}]}
    sandbox, url = served(faults=faults)
    with talon_dyn.Client(base_url=url, api_key=KEY) as client:
        started = time.monotonic()
        state = client.update_customer_profile("ada", {"attributes": {"tier": "gold"}})
        elapsed = time.monotonic() - started
    assert elapsed >= 0.3
    assert state["profile"]["attributes"] == {"tier": "gold"}
    assert sandbox.journal[-1]["fault"] == "delay 300 ms"
    assert [entry["status"] for entry in sandbox.journal] == [200]


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_session_close_that_timed_out_is_not_sent_again(served: Any, is_async: bool) -> None:
    """Closing a session against a slow sandbox (0.5 s) with ``timeout=0.3`` and three attempts allowed: the
    close is sent once (the sandbox applied it: the sale is counted once), and the caller gets a TalonTimeout
    saying that a state change that may have been applied is not repeated - not two 400s and a TimeoutRetries-
    Exhausted, as before."""
    faults = {"faults": [{"operation": "updateCustomerSessionV2", "delay_ms": 500}]}
    sandbox, url = served(faults=faults)
    cart = [{"name": "Shoes", "sku": "S1", "quantity": 1, "price": 80.0}]
    body = {"customerSession": {"profileId": "ada", "cartItems": cart, "state": "closed"}}
    options: dict[str, Any] = {"timeout": 0.3, "retry": Retry(attempts=3, backoff=0.0)}
    if is_async:

        async def close() -> Any:
            async with talon_dyn.AsyncClient(base_url=url, api_key=KEY) as client:
                return await client.update_customer_session_v2("s-close", body, **options)

        call: Any = lambda: asyncio.run(close())  # noqa: E731
    else:

        def call() -> Any:
            with talon_dyn.Client(base_url=url, api_key=KEY) as client:
                return client.update_customer_session_v2("s-close", body, **options)

    with pytest.raises(talon_dyn.TalonTimeout, match="moves the session to 'closed'") as caught:
        call()
    assert caught.value.may_have_reached_server is True
    assert len(caught.value.attempts) == 1
    time.sleep(0.4)  # the sandbox finishes the delayed close
    assert [entry["operation"] for entry in sandbox.journal] == ["updateCustomerSessionV2"]
    assert sandbox.session("s-close")["state"] == "closed"
    assert sandbox.profile("ada")["closedSessions"] == 1


def test_smoke_reports_exactly_the_requests_the_server_received(served: Any) -> None:
    """Against a TCP sandbox that drops a third of the answers of two operations, smoke's report counts exactly
    the requests the sandbox's journal lists: nothing is sent twice behind its back, every drop is reported."""
    from talon_dyn._client.auth import Credentials
    from talon_dyn.smoke import Options, Target, run

    faults = {
        "faults": [
            {"operation": "getReservedCoupons", "drop": True, "probability": 0.34},
            {"operation": "updateCustomerProfile", "drop": True, "probability": 0.34},
        ]
    }
    sandbox, url = served(faults=faults, seed=3)
    target = Target(talon_dyn.load(), url, Credentials(api_key=KEY), timeout=2.0)
    report = run(target, Options(seed=5, max_examples=4, time_budget=60))
    journal = sandbox.journal
    dropped = [entry for entry in journal if entry["fault"] == "drop"]
    assert len(dropped) >= 3  # the draw is seeded: some were dropped (6 with these seeds)
    assert report.requests == len(journal) > 50
    failures = [failure for failure in report.failures if "ConnectionFailed" in failure.message]
    assert len(failures) == len(dropped)  # every drop is reported, once


def test_overlapping_writes_to_one_session_get_409(served: Any) -> None:
    """With parallel_session_writes: conflict, a write arriving while another write to the same session is in
    flight gets Talon's 409 "Avoid parallel requests"; the first is applied; another session is unaffected."""
    faults = {
        "faults": [{"operation": "updateCustomerSessionV2", "delay_ms": 400, "probability": 1.0}],
        "parallel_session_writes": "conflict",
    }
    sandbox, url = served(faults=faults)
    body = {"customerSession": {"profileId": "ada"}}

    async def both() -> list[int]:
        async with httpx.AsyncClient(base_url=url, headers=HEADERS) as http:
            first = asyncio.create_task(http.put("/v2/customer_sessions/s1", json=body))
            await asyncio.sleep(0.1)
            second = await http.put("/v2/customer_sessions/s1", json=body)
            other = await http.put("/v2/customer_sessions/s2", json=body)
            return [(await first).status_code, second.status_code, other.status_code]

    first, second, other = asyncio.run(both())
    assert (first, second, other) == (200, 409, 200)
    conflict = next(entry for entry in sandbox.journal if entry["status"] == 409)
    assert conflict["fault"] == "parallel session write"
    assert sandbox.session("s1") is not None


def test_a_faults_file_is_validated_naming_the_file_and_path(tmp_path: Path) -> None:
    """A bad faults file is a FaultsError naming the file and the JSON pointer; so is an unknown operation."""
    bad = tmp_path / "faults.yaml"
    bad.write_text("faults:\n  - operation: getReservedCoupons\n    status: 200\n")
    with pytest.raises(FaultsError, match=rf"{bad.name}#/faults/0"):
        Sandbox(faults=str(bad))
    bad.write_text("faults:\n  - operation: getReservedCupons\n    drop: true\n")
    with pytest.raises(FaultsError, match=r"#/faults/0/operation: the spec has no operation 'getReservedCupons'"):
        Sandbox(faults=str(bad))
    bad.write_text("faults:\n  - drop: true\n    delay_ms: 5\n")
    with pytest.raises(FaultsError, match=r"#/faults/0"):
        Sandbox(faults=str(bad))


# -- the journal ------------------------------------------------------------------------------------------


def test_the_journal_lists_requests_without_credentials_and_reset_clears(served: Any) -> None:
    """GET /__sandbox/journal (with the API key) lists method, path, operation, status and fault, never a
    credential; POST /__sandbox/reset empties state and journal; a wrong key gets 401."""
    sandbox, url = served()
    with talon_dyn.Client(base_url=url, api_key=KEY) as client:
        client.update_customer_profile("ada", {"attributes": {}})
    with httpx.Client(base_url=url, headers=HEADERS) as http:
        journal = http.get("/__sandbox/journal").json()
        assert journal["totalResultSize"] == 1
        entry = journal["data"][0]
        assert {key: entry[key] for key in ("operation", "method", "path", "status", "fault")} == {
            "operation": "updateCustomerProfile",
            "method": "PUT",
            "path": "/v1/customer_profiles/ada",
            "status": 200,
            "fault": None,
        }
        assert KEY not in json.dumps(journal)
        assert http.get("/__sandbox/journal", headers={"Authorization": "ApiKey-v1 nope"}).status_code == 401
        assert http.post("/__sandbox/reset").status_code == 204
        assert http.get("/__sandbox/journal").json()["totalResultSize"] == 0
    assert sandbox.profile("ada") is None


def test_the_pytest_plugin_exposes_the_journal(talon_client: Any, talon_journal: Any) -> None:
    """A user's test can assert that exactly one trackEvent was sent."""
    talon_client.track_event({"profileId": "ada", "type": "viewed", "sessionId": "s1", "attributes": {}})
    assert talon_journal.count("trackEvent") == 1
    assert talon_journal.operations() == ["trackEvent"]


# -- hostile bodies ------------------------------------------------------------------------------------------

_HOSTILE_STRINGS = st.sampled_from(["\ud800", "\udfff", "a\udc00b", "\x00", "\u202e", "😀", "\ufffe"])
_HOSTILE_NUMBERS = st.one_of(
    st.integers(min_value=2**63, max_value=10**400),
    st.integers(max_value=-(2**63) - 1, min_value=-(10**400)),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308, -1e308, 5e-324]),
)
_HOSTILE = st.recursive(
    st.one_of(st.none(), st.booleans(), _HOSTILE_NUMBERS, _HOSTILE_STRINGS, st.text(max_size=5)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(_HOSTILE_STRINGS, st.text(max_size=3)), inner, max_size=3),
    ),
    max_leaves=6,
)
_PLACES = [
    ("PUT", "/v2/customer_sessions/s1", lambda v: {"customerSession": {"profileId": v}}),
    ("PUT", "/v2/customer_sessions/s1", lambda v: {"customerSession": {"profileId": "a", "attributes": {"k": v}}}),
    (
        "PUT",
        "/v2/customer_sessions/s1",
        lambda v: {"customerSession": {"cartItems": [{"name": "x", "sku": "x", "quantity": v, "price": 1.0}]}},
    ),
    ("PUT", "/v1/customer_profiles/p1", lambda v: {"attributes": {"x": v}}),
    ("POST", "/v1/events", lambda v: {"type": "t", "profileId": "p", "sessionId": v, "attributes": {}}),
    ("POST", "/v1/referrals", lambda v: {"campaignId": v, "advocateProfileIntegrationId": "a"}),
    ("POST", "/v1/coupon_reservations/SUMMER10", lambda v: {"integrationIDs": [v]}),
]


def _encode(value: Any) -> bytes:
    """JSON as a hostile client would write it: lone surrogates escaped, Infinity/NaN as Python writes them."""
    return json.dumps(value, ensure_ascii=True).encode()


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_hostile_json_bodies_are_4xx_and_change_nothing() -> None:
    """Lone surrogates anywhere in strings (keys too), integers past 64 bits, infinities and NaN, nested
    anywhere in any operation's body: never a 5xx, and the state is unchanged."""
    seen: list[int] = []
    with Sandbox(seed=3) as sandbox, httpx.Client(transport=sandbox.transport(), base_url="http://x") as http:
        http.put("/v2/customer_sessions/s1", json={"customerSession": {"profileId": "p1"}}, headers=HEADERS)

        @settings(REPEATABLE, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
        @given(place=st.sampled_from(_PLACES), value=_HOSTILE)
        def check(place: Any, value: Any) -> None:
            method, path, build = place
            body = _encode(build(value))
            before = sandbox.store.snapshot()
            response = http.request(method, path, content=body, headers={**HEADERS, "content-type": "application/json"})
            seen.append(response.status_code)
            assert response.status_code < 500, (body[:200], response.text)
            if response.status_code >= 400:
                assert sandbox.store.snapshot() == before

        check()
    assert len(seen) == 300
    assert 400 in seen


# -- connections -------------------------------------------------------------------------------------------


def test_slow_heads_and_idle_connections_are_closed(served: Any) -> None:
    """A connection that never finishes its first request head is closed after head_timeout; an idle
    keep-alive connection after idle_timeout; both well before a slow-loris client would give up."""
    _, url = served(head_timeout=0.5, idle_timeout=0.5)
    host, port = url.removeprefix("http://").split(":")
    slow = socket.create_connection((host, int(port)), timeout=5)
    slow.sendall(b"GET /v1/coupon_reservations/coupons/ada HTTP/1.1\r\nHost: x\r\n")  # never ends its head
    idle = socket.create_connection((host, int(port)), timeout=5)
    request = f"GET /v1/coupon_reservations/coupons/ada HTTP/1.1\r\nHost: x\r\nAuthorization: ApiKey-v1 {KEY}\r\n\r\n"
    idle.sendall(request.encode())
    answer = b""
    while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < int(
        answer.lower().split(b"content-length:", 1)[1].split(b"\r\n", 1)[0]
    ):
        answer += idle.recv(65536)  # the whole answer, however it is split into reads
    assert answer.startswith(b"HTTP/1.1 404")
    started = time.monotonic()
    assert slow.recv(65536) == b""  # closed by the server
    assert idle.recv(65536) == b""
    assert time.monotonic() - started < 3
    slow.close()
    idle.close()


# -- start-up, --api-key, --spec, one writer per --db ------------------------------------------------------


def _start(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "talon_dyn", "sandbox", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline().rstrip("\n")]
    if lines[0].startswith("http://"):
        lines += [process.stdout.readline().rstrip("\n") for _ in range(5)]
    return process, lines


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.communicate(timeout=10)  # waits, and closes the pipes


def test_startup_says_what_a_first_request_needs_and_api_key_replaces_the_keys() -> None:
    """The URL first, then the keys accepted (a key chosen with --api-key masked), the Content-Signature values,
    the campaigns file and its coupon codes; --api-key replaces the accepted keys; --spec works."""
    spec = str(Path(talon_dyn.__file__).parent / "spec" / "talon-integration.yaml")
    process, lines = _start("--api-key", "team-key-123", "--spec", spec)
    try:
        url = lines[0]
        assert url.startswith("http://127.0.0.1:")
        assert lines[1].startswith("api keys:        te******23   ")  # a chosen key is masked: logs keep it
        assert "team-key-123" not in "\n".join(lines)
        assert "application_id=1 application_key=fefecafedeadbeef" in lines[2]
        assert lines[3].endswith("campaigns.yaml")
        assert "SUMMER10" in lines[4]
        with httpx.Client(base_url=url) as http:
            path = "/v1/coupon_reservations/coupons/ada"
            assert http.get(path, headers={"Authorization": "ApiKey-v1 team-key-123"}).status_code == 404
            assert http.get(path, headers=HEADERS).status_code == 401  # the default key is replaced
    finally:
        _stop(process)


def test_a_second_process_on_one_db_refuses_and_no_acknowledged_write_is_lost(tmp_path: Path) -> None:
    """Two processes on one --db: the second exits 2 naming the file and the holder; 10 acknowledged
    redemptions through the first are all there after a restart."""
    db = str(tmp_path / "state.sqlite")
    first, lines = _start("--db", db, "--seed", "1")
    try:
        second = subprocess.run(
            [sys.executable, "-m", "talon_dyn", "sandbox", "--port", "0", "--db", db],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert second.returncode == 2
        assert f"{db} is in use by another sandbox (process {first.pid})" in second.stderr
        cart = [{"name": "Shoes", "sku": "S1", "quantity": 1, "price": 80.0}]
        with talon_dyn.Client(base_url=lines[0], api_key=KEY) as client:
            for number in range(10):
                session = {"profileId": f"p{number}", "couponCodes": ["SUMMER10"], "cartItems": cart}
                client.update_customer_session_v2(f"s{number}", {"customerSession": {**session, "state": "open"}})
                client.update_customer_session_v2(f"s{number}", {"customerSession": {"state": "closed"}})
    finally:
        _stop(first)
    with Sandbox(db=db) as reopened:
        assert reopened.coupon("SUMMER10")["usageCounter"] == 10


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
@settings(REPEATABLE, max_examples=2000)
@given(st.binary(max_size=80) | st.text("0123456789eE+-.INaNfity{}[],: ", max_size=60).map(str.encode))
def test_the_cheap_number_screen_misses_nothing_the_old_regex_caught(body: bytes) -> None:
    """The pipeline screens bodies for huge numbers before checking the parsed value exactly; the screen (string
    tests on a translated copy, ~6 us where the regex took ~40 us) flags every body the regex flagged."""
    import re

    from talon_dyn.sandbox._wire.parts import may_hold_a_huge_number as _may_hold_a_huge_number

    if re.search(rb"\d{19}|[eE][+-]?\d{3}|Infinity|NaN", body):
        assert _may_hold_a_huge_number(body)


@pytest.mark.parametrize("spec", ["2020", "current"])
def test_a_status_fault_answers_the_documented_error_shape(spec: str) -> None:
    """A fault's answer validates against the error schema the operation documents for its status (each error
    names its source, as the spec's APIError requires), so smoke against a fault-injecting sandbox reports only
    the fault, never the sandbox's own body."""
    faults = {"faults": [{"operation": "updateCustomerSessionV2", "status": 409, "probability": 1.0}]}
    with Sandbox(spec=spec, faults=faults) as sandbox:
        headers = {"Authorization": f"ApiKey-v1 {sandbox.config.api_keys[0]}"}
        with httpx.Client(transport=sandbox.transport(), base_url="http://sandbox", headers=headers) as http:
            answer = http.put("/v2/customer_sessions/s-1", json={"customerSession": {}})
        operation = sandbox.spec.operation("updateCustomerSessionV2")
        documented = operation.response_for(409)
        assert answer.status_code == 409
        assert documented is not None
        schema = documented.schema_pointer or documented.schema
        assert sandbox.spec.validator.issues(schema, answer.json()) == []
        assert answer.json()["errors"][0]["source"] == {"resource": "/v2/customer_sessions/s-1"}
