"""The current API over time, through ``talon_dyn.current`` against the in-process and the TCP sandbox with the
state read back: points pending then active when the clock moves, expiring, deducted and rolled back; returns
kept as Talon keeps them; idempotency keys on the six operations Talon honours them on; ``triggeredByCoupon``.

Campaigns here are this file's own (``CAMPAIGNS``), so every number below follows from a rule written next to
the test that reads it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import Calls, plant_sentinels

import talon_dyn
import talon_dyn.current
from talon_dyn.sandbox import CampaignsError, Sandbox, SandboxClock, Server

SPEC = talon_dyn.load("current")
START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CAMPAIGNS = """
loyaltyPrograms:
  - {id: 1, name: points, title: Points, returnPolicy: only_pending}
  - {id: 2, name: club, title: Club, pendingDuration: 14D, expiryDuration: 30D, returnPolicy: within_balance}
campaigns:
  - id: 1
    name: Earn
    features: [coupons, loyalty]
    coupons: [{code: TENOFF, usageLimit: 0}]
    rules:
      - title: Points now
        conditions: [{eventType: talon_session_closed}]
        effects: [{addLoyaltyPoints: {name: Now, programId: 1, value: 10}}]
      - title: Coat points later
        conditions: [{eventType: talon_session_closed}, {itemPresent: {category: coats}}]
        effects: [{addLoyaltyPoints: {name: Coats, programId: 1, value: 5, category: coats, pendingDuration: 14D}}]
      - title: Club points
        conditions: [{eventType: talon_session_closed}, {itemPresent: {sku: CLUB}}]
        effects: [{addLoyaltyPoints: {name: Club, programId: 2, value: 40}}]
      - title: Ten off
        conditions: [{couponValid: true}]
        effects:
          - setDiscount: {name: Ten off, amount: 10}
          - setDiscountPerItem: {name: Coat deal, category: coats, amount: 4}
      - title: Spend points
        conditions: [{eventType: redeem}]
        effects: [{deductLoyaltyPoints: {programId: 1, value: 8}}, {showNotification: {title: Spent, body: "8"}}]
  - id: 2
    name: Friends
    features: [referrals]
    referralSettings: {couponPattern: "FRIEND-####"}
    rules:
      - title: Friend discount
        conditions: [{referralValid: true}]
        effects: [{setDiscount: {name: Friend, amount: 5}}]
"""


@pytest.fixture
def campaigns(tmp_path: Path) -> Path:
    path = tmp_path / "campaigns.yaml"
    path.write_text(CAMPAIGNS)
    return path


@pytest.fixture(params=["sync-inprocess", "async-tcp"])
def api(request: pytest.FixtureRequest, campaigns: Path) -> Iterator[tuple[Calls, Sandbox]]:
    flavour: str = request.param
    with Sandbox(spec=SPEC, seed=3, check_responses=True, campaigns=campaigns, clock=lambda: START) as sandbox:
        if flavour.endswith("inprocess"):
            with sandbox.client() as client:
                yield Calls(client, False), sandbox
        else:
            with Server(sandbox) as server:
                client = talon_dyn.current.AsyncClient(
                    base_url=server.url, api_key="sandbox-api-key", response_validation="strict"
                )
                try:
                    yield Calls(client, True), sandbox
                finally:
                    asyncio.run(client.aclose())


def _buy(calls: Calls, session: str, profile: str, items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    calls.update_customer_session_v2(session, {"customerSession": {"profileId": profile, "cartItems": items, **extra}})
    closed: dict[str, Any] = calls.update_customer_session_v2(
        session, {"customerSession": {"state": "closed"}, "responseContent": ["customerSession", "loyalty"]}
    )
    return closed


COAT = {"name": "Coat", "sku": "COAT", "category": "coats", "quantity": 2, "price": 100.0}
HAT = {"name": "Hat", "sku": "HAT", "category": "hats", "quantity": 1, "price": 20.0}


def test_points_are_pending_then_active_when_the_clock_moves(api: tuple[Calls, Sandbox]) -> None:
    calls, sandbox = api
    closed = _buy(calls, "s1", "ada", [COAT, HAT])
    ledger = closed["loyalty"]["programs"]["1"]["ledger"]
    assert (ledger["currentBalance"], ledger["pendingBalance"]) == (10, 10)  # 5 per coat, pending 14 days
    program = closed["loyalty"]["programs"]["1"]
    assert (program["id"], program["name"], program["title"]) == (1, "points", "Points")  # from the file
    coats = [e for e in closed["effects"] if e["effectType"] == "addLoyaltyPoints" and e["props"]["name"] == "Coats"]
    assert coats[0]["props"]["startDate"] == "2026-03-15T12:00:00.000Z"
    assert coats[0]["props"]["cartItemPosition"] == 0
    assert coats[0]["props"]["transactionUUID"] != ""  # the ledger entry's
    balance = calls.get_loyalty_balances(1, "ada")["balance"]
    assert (balance["activePoints"], balance["pendingPoints"]) == (10, 10)
    pending = calls.get_loyalty_program_profile_points(1, "ada", status="pending")["data"]
    assert [p["amount"] for p in pending] == [10]
    sandbox.clock.advance(days=14)
    balance = calls.get_loyalty_balances(1, "ada")["balance"]
    assert (balance["activePoints"], balance["pendingPoints"]) == (20, 0)
    assert calls.get_loyalty_program_profile_points(1, "ada", status="pending")["data"] == []
    # endDate reads the balance at another moment: before the 14 days, the points were pending
    earlier = calls.get_loyalty_balances(1, "ada", end_date="2026-03-02T00:00:00Z")["balance"]
    assert (earlier["activePoints"], earlier["pendingPoints"]) == (10, 10)


def test_points_expire_and_a_deduction_spends_the_soonest_to_expire(api: tuple[Calls, Sandbox]) -> None:
    calls, sandbox = api
    club = {"name": "Club", "sku": "CLUB", "quantity": 1, "price": 1.0}
    _buy(calls, "c1", "bo", [club])  # program 2: pending 14 days, then 30 days valid
    assert calls.get_loyalty_balances(2, "bo")["balance"]["pendingPoints"] == 40
    sandbox.clock.advance("14D")
    assert calls.get_loyalty_balances(2, "bo")["balance"]["activePoints"] == 40
    sandbox.clock.advance("30D")
    balance = calls.get_loyalty_balances(2, "bo")["balance"]
    assert (balance["activePoints"], balance["expiredPoints"]) == (0, 40)
    assert [p["amount"] for p in calls.get_loyalty_program_profile_points(2, "bo", status="expired")["data"]] == [40]
    # program 1: 10 points per closed session (c1 and c2); a rule that deducts 8 fires only while 8 are active
    _buy(calls, "c2", "bo", [HAT])
    redeem = {"profileId": "bo", "type": "redeem", "attributes": {}}
    spent = calls.track_event_v2(redeem)
    assert [e["effectType"] for e in spent["effects"]] == ["deductLoyaltyPoints", "showNotification"]
    assert spent["effects"][0]["props"]["value"] == 8
    balance = calls.get_loyalty_balances(1, "bo")["balance"]
    assert (balance["activePoints"], balance["spentPoints"]) == (12, 8)
    calls.track_event_v2(redeem)
    refused = calls.track_event_v2(redeem)
    assert refused["effects"] == []  # 4 left: the rule's condition (8 deductible) does not hold
    balance = calls.get_loyalty_balances(1, "bo")["balance"]
    assert (balance["activePoints"], balance["spentPoints"]) == (4, 16)
    kinds = [t["type"] for t in calls.get_loyalty_program_profile_transactions(1, "bo")["data"]]
    assert kinds == ["addition", "addition", "subtraction", "subtraction"]


def test_cancelling_a_closed_session_rolls_back_pending_points_as_the_program_says(api: tuple[Calls, Sandbox]) -> None:
    calls, sandbox = api
    _buy(calls, "r1", "cy", [COAT])  # 10 now (active), 10 for coats (pending)
    cancelled = calls.update_customer_session_v2("r1", {"customerSession": {"state": "cancelled"}})
    rolled = [e["props"] for e in cancelled["effects"] if e["effectType"] == "rollbackAddedLoyaltyPoints"]
    assert [p["value"] for p in rolled] == [10]  # only_pending: the active 10 stay
    balance = calls.get_loyalty_balances(1, "cy")["balance"]
    assert (balance["activePoints"], balance["pendingPoints"]) == (10, 0)
    # program 2's policy is within_balance: active points are rolled back too
    club = {"name": "Club", "sku": "CLUB", "quantity": 1, "price": 1.0}
    _buy(calls, "r2", "cy", [club])
    sandbox.clock.advance(days=15)
    assert calls.get_loyalty_balances(2, "cy")["balance"]["activePoints"] == 40
    reopened = calls.reopen_customer_session("r2")
    rolled = [e["props"] for e in reopened["effects"] if e["effectType"] == "rollbackAddedLoyaltyPoints"]
    assert [(p["programId"], p["value"]) for p in rolled] == [(2, 40)]
    assert calls.get_loyalty_balances(2, "cy")["balance"]["activePoints"] == 0


def test_a_return_keeps_the_purchase_and_rolls_back_what_the_items_earned(api: tuple[Calls, Sandbox]) -> None:
    calls, _ = api
    _buy(calls, "t1", "di", [COAT, HAT], couponCodes=["TENOFF"])
    sales = calls.get_customer_inventory("di", profile=True)["profile"]["totalSales"]
    body = {
        "return": {"returnedCartItems": [{"position": 0, "quantity": 1}]},
        "responseContent": ["customerSession", "loyalty", "previousReturns"],
    }
    first = calls.return_cart_items("t1", body)
    coat = first["customerSession"]["cartItems"][0]
    assert (coat["quantity"], coat["returnedQuantity"], coat["remainingQuantity"]) == (2, 1, 1)
    assert first["customerSession"]["total"] == 220.0  # the purchase as it was
    assert first["customerSession"]["state"] == "partially_returned"
    kinds = {e["effectType"]: e["props"] for e in first["effects"]}
    # 4 off the coats' line: half of it for one coat of two
    assert kinds["rollbackDiscount"] == {"name": "Coat deal", "value": 2.0, "cartItemPosition": 0}
    assert kinds["rollbackAddedLoyaltyPoints"]["value"] == 5  # half the coats' pending 10
    assert first["loyalty"]["programs"]["1"]["ledger"]["pendingBalance"] == 5
    assert first["previousReturns"] == []
    assert first["return"]["eventId"] > 0
    profile = calls.get_customer_inventory("di", profile=True)["profile"]
    assert profile["totalSales"] == pytest.approx(sales - 100)
    second = calls.return_cart_items("t1", body)
    assert [r["id"] for r in second["previousReturns"]] == [first["return"]["id"]]
    assert second["customerSession"]["cartItems"][0]["remainingQuantity"] == 0
    with pytest.raises(talon_dyn.ApiError) as refused:
        calls.return_cart_items("t1", body)  # nothing of the coats remains
    assert refused.value.status == 400
    assert "remain" in str(refused.value)


def test_coupon_triggered_effects_name_the_coupon(api: tuple[Calls, Sandbox]) -> None:
    calls, sandbox = api
    state = calls.update_customer_session_v2(
        "k1", {"customerSession": {"profileId": "eve", "cartItems": [COAT], "couponCodes": ["TENOFF"]}}
    )
    coupon_id = sandbox.coupon("TENOFF")["id"]  # type: ignore[index]
    by_coupon = {e["effectType"]: e.get("triggeredByCoupon") for e in state["effects"]}
    assert by_coupon["acceptCoupon"] == coupon_id
    assert by_coupon["setDiscount"] == coupon_id
    assert by_coupon["setDiscountPerItem"] == coupon_id
    plain = calls.update_customer_session_v2("k2", {"customerSession": {"profileId": "eve", "cartItems": [HAT]}})
    assert all("triggeredByCoupon" not in e for e in plain["effects"])


IDEMPOTENT = [
    ("updateCustomerSessionV2", "update_customer_session_v2"),
    ("reopenCustomerSession", "reopen_customer_session"),
    ("trackEventV2", "track_event_v2"),
    ("updateCustomerProfileV2", "update_customer_profile_v2"),
    ("updateCustomerProfilesV2", "update_customer_profiles_v2"),
    ("returnCartItems", "return_cart_items"),
]


def test_the_bundled_current_spec_declares_idempotency_keys_on_the_six_operations() -> None:
    declared = sorted(op.operation_id for op in SPEC.operations.values() if op.idempotency_key is not None)
    assert declared == sorted(operation for operation, _ in IDEMPOTENT)


@pytest.fixture
def raw(campaigns: Path) -> Iterator[tuple[httpx.Client, Sandbox]]:
    """An httpx client on a sandbox serving the vendor's own document (which declares the key on one operation
    only, in prose), so a key is honoured because Talon honours it, not because the spec declares it."""
    vendor = Path(__file__).parent.parent / "fixtures" / "talon-openapi-2026.yaml"
    with Sandbox(spec=vendor, seed=3, campaigns=campaigns, clock=lambda: START) as sandbox:
        headers = {"Authorization": "ApiKey-v1 sandbox-api-key"}
        with httpx.Client(transport=sandbox.transport(), base_url="http://sandbox", headers=headers) as client:
            yield client, sandbox


def _put(client: httpx.Client, path: str, body: Any, key: str | None, method: str = "PUT") -> httpx.Response:
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.request(method, path, json=body, headers=headers)


def test_a_keyed_replay_applies_once_for_24_sandbox_hours_on_any_spec(raw: tuple[httpx.Client, Sandbox]) -> None:
    client, sandbox = raw
    assert sandbox.spec.operation("trackEventV2").idempotency_key is None  # the vendor's document: prose only
    event = {"profileId": "fay", "type": "redeem", "attributes": {}}
    _buy_raw(client, "fay")
    first = _put(client, "/v2/events", event, "k-1", "POST")
    again = _put(client, "/v2/events", event, "k-1", "POST")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    entries = sandbox.store.entities("ledgerEntry", "profile:1:fay")
    assert [e["type"] for e in entries] == ["addition", "subtraction"]  # deducted once
    other = _put(client, "/v2/events", {**event, "attributes": {"x": 1}}, "k-1", "POST")
    assert other.status_code == 422  # the key with another request
    assert "different request" in other.json()["message"]
    sandbox.clock.advance(hours=24)
    late = _put(client, "/v2/events", event, "k-1", "POST")  # the key has expired: a new request
    assert late.status_code == 200
    long = _put(client, "/v2/events", event, "k" * 256, "POST")
    assert long.status_code == 400
    assert "255" in long.json()["message"] or "255" in json.dumps(long.json())


def _buy_raw(client: httpx.Client, profile: str) -> None:
    session = {"customerSession": {"profileId": profile, "cartItems": [HAT]}}
    assert _put(client, f"/v2/customer_sessions/{profile}-1", session, None).status_code == 200
    closing = {"customerSession": {"state": "closed"}}
    assert _put(client, f"/v2/customer_sessions/{profile}-1", closing, None).status_code == 200


@pytest.mark.parametrize(("operation", "method"), IDEMPOTENT)
def test_the_client_sends_one_key_per_call_on_the_six_operations(operation: str, method: str) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("idempotency-key"))
        return httpx.Response(503)

    transport = httpx.MockTransport(handler)
    retry = talon_dyn.Retry(attempts=3, backoff=0)
    arguments = {
        "update_customer_session_v2": ("s", {"customerSession": {}}),
        "reopen_customer_session": ("s",),
        "track_event_v2": ({"type": "t"},),
        "update_customer_profile_v2": ("p", {}),
        "update_customer_profiles_v2": ({"customerProfiles": []},),
        "return_cart_items": ("s", {"return": {"returnedCartItems": []}}),
    }[method]
    with talon_dyn.current.Client(base_url="http://t", api_key="k", transport=transport, retry=retry) as client:
        call = getattr(client, method)
        with pytest.raises(talon_dyn.ApiError):
            call(*arguments)
    assert len(seen) == 3  # retried: the key makes the write safe to repeat
    assert seen[0]
    assert len(set(seen)) == 1  # one key, the same on every attempt


def test_the_clock_moves_forwards_only_and_a_reset_rewinds_it(campaigns: Path) -> None:
    with Sandbox(campaigns=campaigns, clock=lambda: START) as sandbox:
        assert isinstance(sandbox.clock, SandboxClock)
        assert sandbox.clock.advance(days=1) == START + timedelta(days=1)
        assert sandbox.now() == START + timedelta(days=1)
        with pytest.raises(ValueError, match="forwards"):
            sandbox.clock.advance(hours=-1)
        with pytest.raises(ValueError, match="forwards"):
            sandbox.clock.move_to(START)
        with pytest.raises(ValueError, match="14D"):
            sandbox.clock.advance("1M")  # months have no fixed length
        sandbox.reset()
        assert sandbox.now() == START


def test_the_clock_over_tcp_and_campaigns_start_and_end_with_it(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "campaigns:\n"
        "  - id: 1\n    name: Spring\n    startTime: '2026-03-10T00:00:00Z'\n    endTime: '2026-03-20T00:00:00Z'\n"
        "    rules: [{title: Hello, effects: [{showNotification: {title: Spring, body: on}}]}]\n"
    )
    with Sandbox(campaigns=path, clock=lambda: START, spec=SPEC) as sandbox, Server(sandbox) as server:
        headers = {"Authorization": "ApiKey-v1 sandbox-api-key"}
        with httpx.Client(base_url=server.url, headers=headers) as client:

            def effects() -> list[str]:
                body = {"customerSession": {"profileId": "gil"}}
                answer = client.put("/v2/customer_sessions/x", json=body).json()
                return [e["effectType"] for e in answer["effects"]]

            assert effects() == []  # before the campaign starts
            moved = client.post("/__sandbox/clock", json={"advance": "10D"})
            assert moved.json()["now"] == "2026-03-11T12:00:00.000Z"
            assert effects() == ["showNotification"]
            assert client.post("/__sandbox/clock", json={"to": "2026-03-20T00:00:00Z"}).status_code == 200
            assert effects() == []  # ended
            assert client.get("/__sandbox/clock").json()["now"] == "2026-03-20T00:00:00.000Z"
            backwards = client.post("/__sandbox/clock", json={"to": "2026-01-01T00:00:00Z"})
            assert backwards.status_code == 400
            assert "forwards" in backwards.json()["message"]
            assert client.post("/__sandbox/clock", json={"advance": "soon"}).status_code == 400


def test_a_bad_duration_in_a_campaigns_file_names_where(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("loyaltyPrograms: [{id: 1, pendingDuration: 2M}]\ncampaigns: []\n")
    with pytest.raises(CampaignsError) as bad:
        Sandbox(campaigns=path)
    assert "loyaltyPrograms/0/pendingDuration" in str(bad.value)


def test_the_clock_fixture_moves_the_plugin_sandbox(talon_sandbox: Sandbox, talon_clock: SandboxClock) -> None:
    before = talon_sandbox.now()
    talon_clock.advance(days=2)
    assert talon_sandbox.now() - before >= timedelta(days=2)


def _planted() -> talon_dyn.Spec:
    """Talon's current spec with a sentinel example on every schema (``plant_sentinels``)."""
    import copy

    document = copy.deepcopy(SPEC.document)
    plant_sentinels(document)
    return talon_dyn.Spec(document, source=SPEC.source, base_uri=SPEC.base_uri)


def test_every_flow_of_the_current_api_answers_without_a_spec_example(campaigns: Path) -> None:
    """Every flow above, on a copy of the current spec whose every schema has a sentinel example: no answer
    holds one (0 example-filled fields), and none needed mending to match the spec."""
    answers: list[Any] = []
    with Sandbox(spec=_planted(), seed=3, campaigns=campaigns, clock=lambda: START, check_responses=True) as sandbox:
        with sandbox.client() as client:

            def keep(value: Any) -> Any:
                answers.append(value)
                return value

            everything = ["customerSession", "customerProfile", "loyalty", "event", "coupons", "previousReturns"]
            card = keep(client.generate_loyalty_card(1, {"status": "active", "customerProfileIds": []}))
            keep(client.link_loyalty_card_to_profile(1, card["identifier"], {"integrationId": "ada"}))
            keep(client.update_customer_profile_v2("ada", {"attributes": {"tier": "gold"}}, run_rule_engine=True))
            for session, extra in (("f1", {"couponCodes": ["TENOFF"]}), ("f2", {"loyaltyCards": [card["identifier"]]})):
                body = {"customerSession": {"profileId": "ada", "cartItems": [COAT, HAT], **extra}}
                keep(client.update_customer_session_v2(session, {**body, "responseContent": everything}))
                closing = {"customerSession": {"state": "closed"}, "responseContent": everything}
                keep(client.update_customer_session_v2(session, closing))
            returned = {
                "return": {"returnedCartItems": [{"position": 0, "quantity": 1}]},
                "responseContent": everything,
            }
            keep(client.return_cart_items("f1", returned))
            keep(client.reopen_customer_session("f2"))
            keep(client.get_customer_session("f1"))
            keep(client.track_event_v2({"profileId": "ada", "type": "redeem", "attributes": {}}))
            keep(client.update_customer_profiles_v2({"customerProfiles": [{"integrationId": "bo", "attributes": {}}]}))
            sandbox.clock.advance(days=15)
            keep(client.get_loyalty_balances(1, "ada"))
            keep(client.get_loyalty_program_profile_transactions(1, "ada"))
            keep(client.get_loyalty_program_profile_points(1, "ada"))
            keep(client.get_loyalty_card_balances(1, card["identifier"]))
            keep(client.get_loyalty_card_transactions(1, card["identifier"]))
            keep(client.get_loyalty_card_points(1, card["identifier"]))
            audience = keep(client.create_audience_v2({"name": "VIP"}))
            keep(
                client.update_customer_profile_v2(
                    "ada", {"audiencesChanges": {"adds": [audience["id"]], "deletes": []}}
                )
            )
            keep(client.get_customer_inventory("ada", profile=True, loyalty=True, coupons=True, referrals=True))
            keep(
                client.create_referrals_for_multiple_advocates(
                    {"campaignId": 2, "advocateProfileIntegrationIds": ["ada"], "usageLimit": 1}, silent="no"
                )
            )
            keep(client.sync_catalog(2, {"actions": [{"type": "ADD", "payload": {"sku": "LAMP", "price": 3.0}}]}))
            keep(client.integration_get_all_campaigns())
        assert sandbox.app.mended == 0
    text = json.dumps(answers)
    assert len(answers) == 24
    assert "987654" not in text
    assert "EXAMPLE-SENTINEL" not in text


def test_a_rule_crediting_a_program_the_file_does_not_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "loyaltyPrograms: [{id: 1}]\n"
        "campaigns:\n  - {id: 1, name: x, rules: [{title: t, effects: [{addLoyaltyPoints: "
        "{name: n, programId: 9, value: 1}}]}]}\n"
    )
    with pytest.raises(CampaignsError) as bad:
        Sandbox(campaigns=path)
    assert "#/campaigns/0/rules/0/effects/0/addLoyaltyPoints/programId" in str(bad.value)
    assert "9" in str(bad.value)


def test_durations_and_clock_steps_too_long_are_refused_in_words(tmp_path: Path, campaigns: Path) -> None:
    """A duration over 200 years in a campaigns file names its pointer; a clock step past 9000-01-01, or of
    infinite or absurd length, is a 400 saying so (never an OverflowError)."""
    path = tmp_path / "c.yaml"
    path.write_text(
        "campaigns:\n  - {id: 1, name: x, rules: [{title: t, effects: [{addLoyaltyPoints: "
        "{name: n, programId: 1, value: 1, pendingDuration: 99999999999D}}]}]}\n"
    )
    with pytest.raises(CampaignsError) as bad:
        Sandbox(campaigns=path)
    assert "effects/0/addLoyaltyPoints/pendingDuration" in str(bad.value)
    assert "200 years" in str(bad.value)
    with Sandbox(campaigns=campaigns, clock=lambda: START) as sandbox:
        headers = {"Authorization": "ApiKey-v1 sandbox-api-key", "content-type": "application/json"}
        with httpx.Client(transport=sandbox.transport(), base_url="http://sandbox", headers=headers) as http:
            for body in (b'{"advance": 1e400}', b'{"advance": 1e300}', b'{"to": "9999-12-31T23:59:59Z"}'):
                answer = http.post("/__sandbox/clock", content=body)
                assert answer.status_code == 400, body
                assert "Cannot move the sandbox clock" in answer.json()["message"]
        assert sandbox.now() == START
