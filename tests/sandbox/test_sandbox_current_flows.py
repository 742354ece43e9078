"""Talon's current Integration API against the sandbox: its flows through the sync and the async client, in
process and over TCP, with the state read back (loyalty cards and points, returns and reopening, catalog prices,
profiles and audiences, pages, idempotency keys). Every answer is checked against the current spec
(``check_responses`` on, strict response validation on the clients)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sandbox_helpers import Calls

import talon_dyn
import talon_dyn.current
from talon_dyn.sandbox import Sandbox, Server

SPEC = talon_dyn.load("current")
PROGRAM = 1
"""The loyalty program of the default campaigns ("Loyalty": 10 points for every closed session)."""


@pytest.fixture(params=["sync-inprocess", "async-inprocess", "sync-tcp", "async-tcp"])
def api(request: pytest.FixtureRequest) -> Iterator[tuple[Calls, Sandbox]]:
    flavour: str = request.param
    is_async = flavour.startswith("async")
    with Sandbox(spec=SPEC, seed=9, check_responses=True) as sandbox:
        if flavour.endswith("inprocess"):
            factory = sandbox.async_client if is_async else sandbox.client
            with factory() if not is_async else _closing(factory()) as client:
                yield Calls(client, is_async), sandbox
        else:
            with Server(sandbox) as server:
                cls = talon_dyn.AsyncClient if is_async else talon_dyn.Client
                client = cls(spec=SPEC, base_url=server.url, api_key="sandbox-api-key", response_validation="strict")
                with _closing(client) if is_async else client:
                    yield Calls(client, is_async), sandbox


class _closing:
    """An async client closed at the end of a (sync) fixture: each call runs in its own loop."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        asyncio.run(self.client.aclose())


def _session(profile: str, **fields: Any) -> dict[str, Any]:
    return {"customerSession": {"profileId": profile, **fields}, "responseContent": ["customerSession", "loyalty"]}


def test_a_session_with_a_loyalty_card_earns_points_on_the_card(api: tuple[Calls, Sandbox]) -> None:
    calls, _ = api
    card = calls.generate_loyalty_card(PROGRAM, {"status": "active", "customerProfileIds": []})
    identifier = card["identifier"]
    calls.link_loyalty_card_to_profile(PROGRAM, identifier, {"integrationId": "ada"})
    items = [{"name": "Shoe", "sku": "SHOE-1", "quantity": 1, "price": 120.0}]
    calls.update_customer_session_v2("s1", _session("ada", cartItems=items, loyaltyCards=[identifier]))
    closed = calls.update_customer_session_v2("s1", _session("ada", state="closed"))
    assert closed["customerSession"]["state"] == "closed"
    assert closed["customerSession"]["loyaltyCards"] == [identifier]
    assert "addLoyaltyPoints" in [effect["effectType"] for effect in closed["effects"]]
    balances = calls.get_loyalty_card_balances(PROGRAM, identifier)
    assert balances["balance"]["activePoints"] == 10
    assert [profile["integrationId"] for profile in balances["profiles"]] == ["ada"]
    transactions = calls.get_loyalty_card_transactions(PROGRAM, identifier)
    assert [(t["type"], t["amount"], t["customerSessionId"]) for t in transactions["data"]] == [("addition", 10, "s1")]
    assert transactions["hasMore"] is False
    read = calls.get_customer_session("s1")
    assert read["customerSession"]["updateCount"] == 1
    assert read["effects"] == closed["effects"]


def test_points_of_a_profile_are_balanced_listed_and_paged(api: tuple[Calls, Sandbox]) -> None:
    calls, _ = api
    items = [{"name": "Hat", "sku": "HAT-1", "quantity": 2, "price": 15.0}]
    for number in range(3):
        calls.update_customer_session_v2(f"p{number}", _session("bo", cartItems=items))
        calls.update_customer_session_v2(f"p{number}", _session("bo", state="closed"))
    assert calls.get_loyalty_balances(PROGRAM, "bo")["balance"]["activePoints"] == 30
    first = calls.get_loyalty_program_profile_transactions(PROGRAM, "bo", page_size=2)
    assert len(first["data"]) == 2
    assert first["hasMore"] is True
    rest = calls.get_loyalty_program_profile_transactions(PROGRAM, "bo", page_size=2, skip=2)
    assert [t["customerSessionId"] for t in first["data"] + rest["data"]] == ["p0", "p1", "p2"]
    assert rest["hasMore"] is False
    if not calls.is_async:  # client.paginate walks the pages the sandbox cuts (1 item each here)
        walked = list(calls.client.paginate.get_loyalty_program_profile_transactions(PROGRAM, "bo", page_size=1))
        assert [t["customerSessionId"] for t in walked] == ["p0", "p1", "p2"]
    points = calls.get_loyalty_program_profile_points(PROGRAM, "bo")
    assert sum(entry["amount"] for entry in points["data"]) == 30
    calls.delete_loyalty_transactions_from_ledgers(PROGRAM, "bo", {"scope": "AllSubledgers"})
    assert calls.get_loyalty_balances(PROGRAM, "bo")["balance"]["activePoints"] == 0
    assert calls.get_loyalty_program_profile_transactions(PROGRAM, "bo")["data"] == []


def test_a_return_and_a_reopen_change_the_session_and_the_counters(api: tuple[Calls, Sandbox]) -> None:
    calls, sandbox = api
    items = [
        {"name": "Shirt", "sku": "SHIRT", "quantity": 2, "price": 40.0},
        {"name": "Sock", "sku": "SOCK", "quantity": 1, "price": 5.0},
    ]
    calls.update_customer_session_v2("r1", _session("cy", cartItems=items, couponCodes=["SUMMER10"]))
    calls.update_customer_session_v2("r1", _session("cy", state="closed"))
    assert sandbox.coupon("SUMMER10")["usageCounter"] == 1  # type: ignore[index]
    sales = sandbox.profile("cy")["totalSales"]  # type: ignore[index]
    returned = calls.return_cart_items(
        "r1",
        {"return": {"returnedCartItems": [{"position": 0, "quantity": 1}]}, "responseContent": ["customerSession"]},
    )
    assert returned["customerSession"]["state"] == "partially_returned"
    shirt = returned["customerSession"]["cartItems"][0]
    assert (shirt["quantity"], shirt["returnedQuantity"], shirt["remainingQuantity"]) == (2, 1, 1)
    assert returned["customerSession"]["total"] == 85.0  # the purchase is kept; the return is its own record
    assert sandbox.profile("cy")["totalSales"] == pytest.approx(sales - 40)  # type: ignore[index]
    with pytest.raises(talon_dyn.ApiError) as refused:
        calls.reopen_customer_session("r1")  # only a closed session can be reopened
    assert refused.value.status == 400
    calls.update_customer_session_v2("r2", _session("cy", cartItems=items, couponCodes=["WELCOME5"]))
    calls.update_customer_session_v2("r2", _session("cy", state="closed"))
    used = sandbox.coupon("WELCOME5")["usageCounter"]  # type: ignore[index]
    reopened = calls.reopen_customer_session("r2")
    assert "rollbackCoupon" in [effect["effectType"] for effect in reopened["effects"]]
    assert calls.get_customer_session("r2")["customerSession"]["state"] == "open"
    assert sandbox.coupon("WELCOME5")["usageCounter"] == used - 1  # type: ignore[index]


def test_a_catalog_price_prices_a_cart_item_without_one(api: tuple[Calls, Sandbox]) -> None:
    calls, _ = api
    action = {"type": "ADD", "payload": {"sku": "LAMP", "price": 25.5}}
    catalog = calls.sync_catalog(1, {"actions": [action]})
    assert catalog["id"] == 1
    assert catalog["version"] == 1
    state = calls.update_customer_session_v2("c1", _session("di", cartItems=[{"sku": "LAMP", "quantity": 2}]))
    assert state["customerSession"]["cartItemTotal"] == 51.0
    calls.sync_catalog(1, {"actions": [{"type": "REMOVE", "payload": {"sku": "LAMP"}}]})
    state = calls.update_customer_session_v2("c2", _session("di", cartItems=[{"sku": "LAMP", "quantity": 2}]))
    assert state["customerSession"]["cartItemTotal"] == 0


def test_profiles_events_and_audiences_share_one_state(api: tuple[Calls, Sandbox]) -> None:
    calls, sandbox = api
    audience = calls.create_audience_v2({"name": "VIP"})
    state = calls.update_customer_profile_v2(
        "eve",
        {
            "attributes": {"tier": "gold"},
            "audiencesChanges": {"adds": [audience["id"]], "deletes": []},
            "responseContent": ["customerProfile"],
        },
    )
    assert state["customerProfile"]["attributes"] == {"tier": "gold"}
    many = calls.update_customer_profiles_v2(
        {"customerProfiles": [{"integrationId": "fay", "attributes": {"tier": "blue"}}]}
    )
    assert [s["customerProfile"]["integrationId"] for s in many["integrationStates"]] == ["fay"]
    calls.update_customer_profile_audiences(
        {"data": [{"action": "add", "profileIntegrationId": "fay", "audienceId": audience["id"]}]}
    )
    calls.update_audience_customers_attributes(audience["id"], {"segment": "vip"})
    assert sandbox.profile("eve")["attributes"]["segment"] == "vip"  # type: ignore[index]
    assert sandbox.profile("fay")["attributes"] == {"tier": "blue", "segment": "vip"}  # type: ignore[index]
    event = calls.track_event_v2({"profileId": "eve", "type": "newsletter", "attributes": {}})
    assert event["event"]["type"] == "newsletter"
    assert event["customerProfile"]["integrationId"] == "eve"
    assert calls.update_audience_v2(audience["id"], {"name": "VIP+"})["name"] == "VIP+"
    calls.delete_audience_v2(audience["id"])
    with pytest.raises(talon_dyn.ApiError) as gone:
        calls.update_audience_v2(audience["id"], {"name": "x"})
    assert gone.value.status == 404


def test_an_idempotency_key_replays_the_first_answer(api: tuple[Calls, Sandbox]) -> None:
    """returnCartItems declares Idempotency-Key: a repeat with the same key returns the first answer and
    returns nothing twice; the client sends a fresh key per call by itself."""
    calls, sandbox = api
    items = [{"name": "Mug", "sku": "MUG", "quantity": 3, "price": 8.0}]
    calls.update_customer_session_v2("i1", _session("gus", cartItems=items))
    calls.update_customer_session_v2("i1", _session("gus", state="closed"))
    body = {"return": {"returnedCartItems": [{"position": 0, "quantity": 1}]}}
    first = calls.return_cart_items("i1", body, idempotency_key="k-1")
    again = calls.return_cart_items("i1", body, idempotency_key="k-1")
    assert again == first
    assert sandbox.session("i1")["cartItems"][0]["remainingQuantity"] == 2  # type: ignore[index]
    calls.return_cart_items("i1", body)  # a new call: a new key, applied
    assert sandbox.session("i1")["cartItems"][0]["remainingQuantity"] == 1  # type: ignore[index]
    journal = [entry for entry in sandbox.journal if entry["operation"] == "returnCartItems"]
    assert len(journal) == 3


def test_referrals_for_many_advocates_and_the_campaigns_list(api: tuple[Calls, Sandbox]) -> None:
    calls, _ = api
    quiet = calls.create_referrals_for_multiple_advocates(
        {"campaignId": 3, "advocateProfileIntegrationIds": ["cy", "di"], "usageLimit": 1}
    )
    assert quiet is None  # silent defaults to "yes": 204, no body (the operation's own description)
    made = calls.create_referrals_for_multiple_advocates(
        {"campaignId": 3, "advocateProfileIntegrationIds": ["ann", "ben"], "usageLimit": 1}, silent="no"
    )
    assert [referral["advocateProfileIntegrationId"] for referral in made["data"]] == ["ann", "ben"]
    assert made["totalResultSize"] == 2
    campaigns = calls.integration_get_all_campaigns()
    assert {campaign["id"] for campaign in campaigns["data"]} >= {3, 4}


def test_a_profile_update_runs_the_rules_only_when_asked(api: tuple[Calls, Sandbox]) -> None:
    """``runRuleEngine`` defaults to false: "the rules are not executed and the effects property is always
    empty" (the operation's description); with ``runRuleEngine=true`` the gold-tier rule shows its notification."""
    calls, _ = api
    quiet = calls.update_customer_profile_v2("gus", {"attributes": {"tier": "gold"}})
    assert quiet["effects"] == []
    ruled = calls.update_customer_profile_v2("gus", {"attributes": {"tier": "gold"}}, run_rule_engine=True)
    assert [effect["effectType"] for effect in ruled["effects"]] == ["showNotification"]


def test_a_profile_shows_the_audiences_it_was_added_to(api: tuple[Calls, Sandbox]) -> None:
    """``audienceMemberships`` lists each audience a profile was added to (id and name), by either way in, and
    forgets one it was taken out of."""
    calls, _ = api
    vip = calls.create_audience_v2({"name": "VIP"})
    travel = calls.create_audience_v2({"name": "Travel"})
    state = calls.update_customer_profile_v2(
        "hal", {"audiencesChanges": {"adds": [vip["id"]], "deletes": []}, "responseContent": ["customerProfile"]}
    )
    assert state["customerProfile"]["audienceMemberships"] == [{"id": vip["id"], "name": "VIP"}]
    calls.update_customer_profile_audiences(
        {"data": [{"action": "add", "profileIntegrationId": "hal", "audienceId": travel["id"]}]}
    )
    calls.update_customer_profile_audiences(
        {"data": [{"action": "delete", "profileIntegrationId": "hal", "audienceId": vip["id"]}]}
    )
    state = calls.update_customer_profile_v2("hal", {"responseContent": ["customerProfile"]})
    assert state["customerProfile"]["audienceMemberships"] == [{"id": travel["id"], "name": "Travel"}]


def test_an_events_effects_and_an_attribute_update_read_back_what_happened(api: tuple[Calls, Sandbox]) -> None:
    """``event.effects`` lists the event's effects as ``Effect`` objects (they were ``[{}, {}]``), and the
    ``updateAttribute`` effect reports the value the profile now holds (``true``, not ``{}``: the bundled current
    spec follows the vendor's words for ``UpdateAttributeEffectProps.value`` over its ``type: object``)."""
    calls, sandbox = api
    answer = calls.track_event_v2({"profileId": "ivy", "type": "newsletter_signup", "attributes": {}})
    kinds = [effect["effectType"] for effect in answer["effects"]]
    assert (
        [effect["effectType"] for effect in answer["event"]["effects"]]
        == kinds
        == [
            "updateAttribute",
            "showNotification",
        ]
    )
    update = answer["effects"][0]["props"]
    assert update == {"path": "profile.newsletter", "value": True}
    assert sandbox.profile("ivy")["attributes"]["newsletter"] is True  # type: ignore[index]
    session = calls.update_customer_session_v2(
        "s-ivy",
        {"customerSession": {"profileId": "ivy", "couponCodes": ["SUMMER10"]}, "responseContent": ["event"]},
    )
    assert [effect["effectType"] for effect in session["event"]["effects"]] == [
        effect["effectType"] for effect in session["effects"]
    ]


def test_loyalty_and_profiles_read_back_counted_values(api: tuple[Calls, Sandbox]) -> None:
    """A closed 100.00 session earns 10 points: the session's ``loyalty``, the inventory (``loyalty=true`` was
    ``{}``) and ``getLoyaltyBalances`` agree (10 active, 0 pending, tentative 10, program 1: no spec example), and
    each profile has its own numeric id (every profile was ``id: 6``)."""
    calls, _ = api
    cart = [{"name": "x", "sku": "a", "quantity": 1, "price": 100.0}]
    calls.update_customer_session_v2("s-jo", {"customerSession": {"profileId": "jo", "cartItems": cart}})
    closed = calls.update_customer_session_v2(
        "s-jo",
        {"customerSession": {"profileId": "jo", "state": "closed", "cartItems": cart}, "responseContent": ["loyalty"]},
    )
    program = closed["loyalty"]["programs"]["1"]
    assert program["id"] == 1
    assert program["ledger"]["currentBalance"] == 10
    assert program["ledger"]["tentativeCurrentBalance"] == 10
    assert program["ledger"]["pendingBalance"] == 0
    inventory = calls.get_customer_inventory("jo", loyalty=True, profile=True)
    assert inventory["loyalty"] == closed["loyalty"]
    balances = calls.get_loyalty_balances(1, "jo")
    assert balances["balance"]["activePoints"] == 10
    other = calls.update_customer_profile_v2("kim", {"responseContent": ["customerProfile"]})
    assert inventory["profile"]["id"] != other["customerProfile"]["id"]
    assert {inventory["profile"]["id"], other["customerProfile"]["id"]} & {6} == set()


def test_a_sandbox_serving_current_hands_out_the_current_clients() -> None:
    """``Sandbox(spec="current").client()`` is a ``talon_dyn.current.Client`` (and its async one a
    ``talon_dyn.current.AsyncClient``) without naming the class; the bundled 2020 spec's stays ``talon_dyn.Client``."""
    import talon_dyn.current

    with Sandbox(spec="current") as sandbox, sandbox.client() as client:
        assert isinstance(client, talon_dyn.current.Client)
        assert isinstance(sandbox.async_client(), talon_dyn.current.AsyncClient)
    with Sandbox() as sandbox, sandbox.client() as client:
        assert type(client) is talon_dyn.Client
