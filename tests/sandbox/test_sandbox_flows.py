"""The sandbox's behaviour (SEMANTICS.md), exercised through the real client, in-process."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from sandbox_helpers import FakeClock, effect_types, item, v2

import talon_dyn
from talon_dyn import Client
from talon_dyn.sandbox import Sandbox


def close(client: Client, session_id: str) -> dict[str, Any]:
    return client.update_customer_session_v2(session_id, {"customerSession": {"state": "closed"}})  # type: ignore[no-any-return]


# -- profiles and sessions --------------------------------------------------------------


def test_session_update_creates_profile_and_session(client: Client, sandbox: Sandbox) -> None:
    """A v1 session update for unseen IDs creates both, as a first session with a talon_session_created event."""
    state = client.update_customer_session("s1", {"profileId": "p1", "cartItems": [item(price=5)]})
    assert state["session"]["firstSession"] is True
    assert state["session"]["total"] == 5
    assert state["event"]["type"] == "talon_session_created"
    assert sandbox.profile("p1") is not None
    assert sandbox.session("s1")["profileId"] == "p1"  # type: ignore[index]


def test_second_session_is_not_first(client: Client) -> None:
    """firstSession is true only for a profile's first session."""
    client.update_customer_session("s1", {"profileId": "p1"})
    assert client.update_customer_session("s2", {"profileId": "p1"})["session"]["firstSession"] is False


def test_anonymous_session(client: Client, sandbox: Sandbox) -> None:
    """profileId "" is an anonymous session: always a first session, no stored profile, a placeholder in v1."""
    client.update_customer_session("anon", {"profileId": ""})
    state = client.update_customer_session("anon2", {"profileId": ""})
    assert state["session"]["firstSession"] is True
    assert state["profile"]["integrationId"] == ""
    assert sandbox.profile("") is None
    v2state = client.update_customer_session_v2("anon", v2("", content=["customerProfile", "customerSession"]))
    assert "customerProfile" not in v2state
    assert v2state["customerSession"]["profileId"] == ""


def test_anonymous_session_can_be_claimed(client: Client) -> None:
    """An anonymous session can later be given a profile (a customer logging in)."""
    client.update_customer_session("s1", {"profileId": ""})
    assert client.update_customer_session("s1", {"profileId": "p1"})["session"]["profileId"] == "p1"


def test_profile_attributes_merge(client: Client) -> None:
    """New profile attributes are merged into the stored ones; null values are ignored."""
    client.update_customer_profile("p1", {"attributes": {"name": "Ada", "tier": "silver"}})
    state = client.update_customer_profile("p1", {"attributes": {"tier": "gold", "name": None}})
    assert state["profile"]["attributes"] == {"name": "Ada", "tier": "gold"}
    assert state["event"]["type"] == "talon_profile_updated"
    assert "sessionId" not in state["event"]


def test_profile_update_runs_rules(client: Client) -> None:
    """A profile attribute rule fires on the profile update's event."""
    state = client.update_customer_profile("p1", {"attributes": {"tier": "gold"}})
    assert [e[3][0] for e in state["event"]["effects"]] == ["showNotification"]


def test_session_owned_by_another_profile_is_rejected(client: Client, sandbox: Sandbox) -> None:
    """Updating a session that belongs to another profile is a 400 and changes nothing."""
    client.update_customer_session("s1", {"profileId": "p1"})
    with pytest.raises(talon_dyn.BadRequest):
        client.update_customer_session("s1", {"profileId": "p2"})
    assert sandbox.profile("p2") is None


# -- the state machine ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "events"),
    [
        (
            ["open", "open", "closed", "cancelled"],
            ["talon_session_created", "talon_session_updated", "talon_session_closed", "talon_session_revoked"],
        ),
        (["open", "cancelled"], ["talon_session_created", "talon_session_cancelled"]),
        (["closed", "cancelled"], ["talon_session_created", "talon_session_revoked"]),
    ],
)
def test_allowed_transitions_and_event_types(client: Client, path: list[str], events: list[str]) -> None:
    """open -> closed -> cancelled, open -> cancelled and created-as-closed work, each with its built-in event."""
    seen = [client.update_customer_session("s1", {"profileId": "p1", "state": s})["event"]["type"] for s in path]
    assert seen == events


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (["closed", "open"], "closed", "open"),
        (["cancelled", "open"], "cancelled", "open"),
        (["closed", "closed"], "closed", "closed"),
        (["open", "cancelled", "closed"], "cancelled", "closed"),
    ],
)
def test_forbidden_transitions(client: Client, sandbox: Sandbox, path: list[str], old: str, new: str) -> None:
    """Any other transition is a 400 with the service's message, and the session keeps its state."""
    for state in path[:-1]:
        client.update_customer_session("s1", {"profileId": "p1", "state": state})
    with pytest.raises(talon_dyn.BadRequest) as caught:
        client.update_customer_session("s1", {"state": path[-1]})
    assert caught.value.message == f'Cannot move session to state "{new}" from state "{old}"'
    assert sandbox.session("s1")["state"] == old  # type: ignore[index]


def test_session_created_closed_counts_as_closing(client: Client) -> None:
    """A session created directly as closed counts for closedSessions and totalSales."""
    body = {"profileId": "p1", "state": "closed", "cartItems": [item(price=30)]}
    state = client.update_customer_session("s1", body)
    assert state["profile"]["closedSessions"] == 1
    assert state["profile"]["totalSales"] == 30


# -- closing and cancelling --------------------------------------------------------------------


def test_closing_counts_sales_and_coupon_use(client: Client, sandbox: Sandbox) -> None:
    """Closing adds a closed session, the total to totalSales, and one use to the coupon and its campaign."""
    client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=40)]))
    state = client.update_customer_session_v2("s1", v2(None, state="closed", content=["customerProfile"]))
    assert state["customerProfile"]["closedSessions"] == 1
    assert state["customerProfile"]["totalSales"] == 40
    assert sandbox.coupon("SUMMER10")["usageCounter"] == 1  # type: ignore[index]
    assert sandbox.campaign(1)["couponRedemptionCount"] == 1  # type: ignore[index]


def test_open_updates_count_nothing(client: Client, sandbox: Sandbox) -> None:
    """Repeating an open-session update is safe: counters move only on closing."""
    for _ in range(3):
        client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=40)]))
    assert sandbox.coupon("SUMMER10")["usageCounter"] == 0  # type: ignore[index]
    assert sandbox.profile("p1")["closedSessions"] == 0  # type: ignore[index]


def test_cancelling_closed_session_rolls_back(client: Client, sandbox: Sandbox) -> None:
    """closed -> cancelled emits rollbackCoupon and rollbackDiscount and undoes the counters."""
    client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=40)]))
    close(client, "s1")
    state = client.update_customer_session_v2("s1", v2(None, state="cancelled", content=["customerProfile", "event"]))
    assert effect_types(state["effects"]) == ["rollbackCoupon", "rollbackDiscount"]
    assert state["effects"][1]["props"] == {"name": "Summer 10%", "value": 4.0}
    assert state["event"]["type"] == "talon_session_revoked"
    assert state["customerProfile"]["closedSessions"] == 0
    assert state["customerProfile"]["totalSales"] == 0
    assert sandbox.coupon("SUMMER10")["usageCounter"] == 0  # type: ignore[index]
    assert sandbox.campaign(1)["couponRedemptionCount"] == 0  # type: ignore[index]


def test_cancelling_open_session_has_no_effects(client: Client) -> None:
    """open -> cancelled evaluates no rules and counts nothing."""
    client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=40)]))
    state = client.update_customer_session_v2("s1", v2(None, state="cancelled", content=["customerProfile"]))
    assert state["effects"] == []
    assert state["customerProfile"]["closedSessions"] == 0


# -- effects: v1 arrays, v2 objects ---------------------------------------------------------------


def test_v1_effects_are_arrays(client: Client) -> None:
    """v1 event effects are [campaignId, rulesetId, ruleIndex, [name, *args]], acceptCoupon before setDiscount."""
    body = {"profileId": "p1", "coupon": "SUMMER10", "cartItems": [item(price=50)]}
    state = client.update_customer_session("s1", body)
    assert state["event"]["effects"] == [
        [1, 1, 0, ["acceptCoupon", "SUMMER10"]],
        [1, 1, 0, ["setDiscount", "Summer 10%", 5.0]],
    ]
    assert state["session"]["discounts"] == {"Summer 10%": 5.0}
    assert state["coupon"]["value"] == "SUMMER10"
    assert state["event"]["meta"]["coupons"] == {"SUMMER10": {}}


def test_v1_unknown_codes_rejected_with_campaign_minus_one(client: Client) -> None:
    """Unknown coupon and referral codes give rejectCoupon / rejectReferral with campaignId -1 and meta reasons."""
    state = client.update_customer_session("s1", {"profileId": "p1", "coupon": "NOPE-NOPE", "referral": "NOREF"})
    effects = state["event"]["effects"]
    assert [(e[0], e[3][0]) for e in effects] == [(-1, "rejectCoupon"), (-1, "rejectReferral")]
    assert state["event"]["meta"]["couponRejectionReason"]["reason"] == "CouponNotFound"
    assert state["event"]["meta"]["referralRejectionReason"]["reason"] == "ReferralNotFound"


def test_v2_effect_objects_and_minimal_response(client: Client) -> None:
    """v2 answers effects, createdCoupons and createdReferrals only, unless more is asked for."""
    state = client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=50)]))
    assert set(state) == {"effects", "createdCoupons", "createdReferrals"}
    assert state["effects"][0] == {
        "campaignId": 1,
        "rulesetId": 1,
        "ruleIndex": 0,
        "ruleName": "10% off with a summer coupon",
        "effectType": "acceptCoupon",
        "props": {"value": "SUMMER10"},
    }


def test_v2_response_content(client: Client) -> None:
    """Every responseContent value asked for is present, and only those."""
    content = ["customerSession", "customerProfile", "coupons", "triggeredCampaigns", "referral", "loyalty", "event"]
    state = client.update_customer_session_v2(
        "s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=50)], content=content)
    )
    assert set(state) == {"effects", "createdCoupons", "createdReferrals", *content} - {"referral"}
    assert [c["value"] for c in state["coupons"]] == ["SUMMER10"]
    assert [c["id"] for c in state["triggeredCampaigns"]] == [1]
    assert state["customerSession"]["couponCodes"] == ["SUMMER10"]


def test_v2_session_totals(client: Client) -> None:
    """total = cart items + additional costs; couponCodes is absent when there are none."""
    state = client.update_customer_session_v2(
        "s1",
        v2(
            cartItems=[item(price=10, quantity=3)],
            additionalCosts={"shipping": {"price": 5}},
            content=["customerSession"],
        ),
    )
    session = state["customerSession"]
    assert (session["cartItemTotal"], session["additionalCostTotal"], session["total"]) == (30, 5, 35)
    assert "couponCodes" not in session
    assert session["referralCode"] == ""
    assert [i["position"] for i in session["cartItems"]] == [0]


def test_v1_and_v2_share_sessions(client: Client) -> None:
    """A session written through v1 is read through v2 and the other way round; omitted fields are kept."""
    client.update_customer_session("s1", {"profileId": "p1", "coupon": "SUMMER10", "cartItems": [item(price=50)]})
    state = client.update_customer_session_v2("s1", v2(None, content=["customerSession"]))
    assert state["customerSession"]["couponCodes"] == ["SUMMER10"]
    assert state["customerSession"]["cartItemTotal"] == 50
    client.update_customer_session_v2("s1", v2(None, couponCodes=[]))
    assert client.update_customer_session("s1", {})["session"]["coupon"] == ""


def test_created_coupon_and_referral(client: Client, sandbox: Sandbox) -> None:
    """Closing a big cart creates a thank-you coupon for the customer and a referral code from the pattern."""
    client.update_customer_session_v2("s1", v2(cartItems=[item(price=120)]))
    state = close(client, "s1")
    [coupon] = state["createdCoupons"]
    [referral] = state["createdReferrals"]
    assert re.fullmatch(r"THANKS-[A-Z0-9]{5}", coupon["value"])
    assert coupon["recipientIntegrationId"] == "p1"
    assert re.fullmatch(r"REF-[A-Z0-9]{5}", referral["code"])
    assert {"couponCreated", "referralCreated", "addLoyaltyPoints"} <= set(effect_types(state["effects"]))
    assert sandbox.campaign(4)["couponCreationCount"] == 1  # type: ignore[index]


def test_a_thank_you_coupon_works_for_its_recipient_only(client: Client) -> None:
    """The coupon created on closing is accepted for its recipient and rejected, with the reason, for anyone else."""
    client.update_customer_session_v2("s1", v2(cartItems=[item(price=120)]))
    [coupon] = close(client, "s1")["createdCoupons"]
    mine = client.update_customer_session_v2("s2", v2(couponCodes=[coupon["value"]], cartItems=[item(price=30)]))
    assert {"acceptCoupon", "setDiscount"} <= set(effect_types(mine["effects"]))
    other = client.update_customer_session_v2(
        "s3", {"customerSession": {"profileId": "someone-else", "couponCodes": [coupon["value"]]}}
    )
    [rejected] = [effect for effect in other["effects"] if effect["effectType"] == "rejectCoupon"]
    assert rejected["props"]["rejectionReason"] == "CouponRecipientDoesNotMatch"


def test_loyalty_points_on_close(client: Client) -> None:
    """addLoyaltyPoints fires on closing and the points show in the loyalty balance."""
    client.update_customer_session_v2("s1", v2(cartItems=[item(price=10)]))
    state = client.update_customer_session_v2("s1", v2(None, state="closed", content=["loyalty"]))
    assert state["loyalty"]["programs"]["1"]["ledger"]["currentBalance"] == 10


def test_discounts_per_item_and_free_item(client: Client) -> None:
    """setDiscountPerItem names the cart position; addFreeItem fires for a category."""
    state = client.update_customer_session_v2(
        "s1", v2(cartItems=[item("SHOE", 80, category="shoes"), item("TSHIRT", 10, quantity=2)])
    )
    by_type = {e["effectType"]: e["props"] for e in state["effects"]}
    assert by_type["addFreeItem"] == {"sku": "SOCKS-1", "name": "Free socks"}
    assert by_type["setDiscountPerItem"] == {"name": "T-shirt deal", "value": 4.0, "position": 1}


def test_session_attribute_condition(client: Client) -> None:
    """A session attribute equal to a value triggers its rule."""
    state = client.update_customer_session_v2("s1", v2(attributes={"channel": "app"}))
    assert [e["props"]["title"] for e in state["effects"]] == ["App bonus"]


# -- coupons -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason", "campaign"),
    [
        ("NOPE-NOPE", "CouponNotFound", -1),
        ("EXPIRED1", "CouponExpired", 1),
        ("FUTURE01", "CouponStartDateInFuture", 1),
        ("VIP-ONLY", "CouponRecipientDoesNotMatch", 1),
        ("WALLET-ONLY", "CouponRecipientDoesNotMatch", 1),
        ("WINTER20", "CouponPartOfNotRunningCampaign", 5),
    ],
)
def test_coupon_rejections(client: Client, code: str, reason: str, campaign: int) -> None:
    """Each unusable coupon is rejected with the spec's reason; the request still succeeds."""
    state = client.update_customer_session_v2("s1", v2(couponCodes=[code], cartItems=[item(price=50)]))
    rejected = [e for e in state["effects"] if e["effectType"] == "rejectCoupon"]
    assert [(e["props"], e["campaignId"]) for e in rejected] == [({"value": code, "rejectionReason": reason}, campaign)]


def test_coupon_rejected_by_condition(client: Client) -> None:
    """A valid coupon whose rule's other conditions fail is rejected with CouponRejectedByCondition."""
    state = client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=5)]))
    assert state["effects"][0]["props"]["rejectionReason"] == "CouponRejectedByCondition"


def test_coupon_limit_reached(client: Client) -> None:
    """A single-use coupon is rejected with CouponLimitReached once a closed session used it."""
    client.update_customer_session_v2("s1", v2(couponCodes=["WELCOME5"], cartItems=[item(price=50)]))
    close(client, "s1")
    state = client.update_customer_session_v2("s2", v2(couponCodes=["WELCOME5"], cartItems=[item(price=50)]))
    assert state["effects"][0]["props"]["rejectionReason"] == "CouponLimitReached"


def test_reservation_required_coupon_accepted_after_reserving(client: Client) -> None:
    """A coupon that requires a reservation is accepted for a profile that reserved it."""
    client.create_coupon_reservation("WALLET-ONLY", {"integrationIDs": ["p1"]})
    state = client.update_customer_session_v2("s1", v2(couponCodes=["WALLET-ONLY"], cartItems=[item(price=50)]))
    assert effect_types(state["effects"])[:2] == ["acceptCoupon", "setDiscount"]


def test_created_coupon_expires_with_the_clock(client: Client, clock: FakeClock) -> None:
    """A created coupon valid for 30 days is rejected as expired when the injected clock moves past it."""
    client.update_customer_session_v2("s1", v2(cartItems=[item(price=120)]))
    code = close(client, "s1")["createdCoupons"][0]["value"]
    clock.advance(days=31)
    state = client.update_customer_session_v2("s2", v2(couponCodes=[code]))
    assert state["effects"][-1]["props"] == {"value": code, "rejectionReason": "CouponExpired"}


# -- reservations --------------------------------------------------------------------------------


def test_reservations_are_sets(client: Client, sandbox: Sandbox) -> None:
    """Reserving twice is harmless; deleting removes; deleting a missing reservation is a 204."""
    coupon = client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["p1", "p2"]})
    assert coupon["value"] == "SUMMER10"
    client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["p1"]})
    assert sandbox.reservations("SUMMER10") == ["p1", "p2"]
    customers = client.get_reserved_customers("SUMMER10")
    assert (customers["totalResultSize"], [p["integrationId"] for p in customers["data"]]) == (2, ["p1", "p2"])
    assert client.delete_coupon_reservation("SUMMER10", {"integrationIDs": ["p1", "p9"]}) is None
    assert sandbox.reservations("SUMMER10") == ["p2"]


@pytest.mark.parametrize("operation", ["create_coupon_reservation", "delete_coupon_reservation"])
def test_reservation_of_unknown_coupon_is_404(client: Client, sandbox: Sandbox, operation: str) -> None:
    """Reserving or un-reserving an unknown coupon is a 404 and creates nothing."""
    with pytest.raises(talon_dyn.NotFound):
        getattr(client, operation)("NO-SUCH-CODE", {"integrationIDs": ["p1"]})
    assert sandbox.profile("p1") is None
    with pytest.raises(talon_dyn.NotFound):
        client.get_reserved_customers("NO-SUCH-CODE")


@pytest.mark.parametrize("code", ["VIP-ONLY", "EXPIRED1", "WINTER20"])
def test_unreservable_coupons(client: Client, sandbox: Sandbox, code: str) -> None:
    """Coupons with a recipient, expired ones and those of stopped campaigns cannot be reserved (400)."""
    with pytest.raises(talon_dyn.BadRequest):
        client.create_coupon_reservation(code, {"integrationIDs": ["p1"]})
    assert sandbox.reservations(code) == []


def test_reserved_coupons_lists_only_usable_ones(client: Client) -> None:
    """getReservedCoupons leaves out coupons that were used up since they were reserved."""
    client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["p1"]})
    client.create_coupon_reservation("WELCOME5", {"integrationIDs": ["p1"]})
    assert [c["value"] for c in client.get_reserved_coupons("p1")["data"]] == ["SUMMER10", "WELCOME5"]
    client.update_customer_session_v2("s1", v2("p2", couponCodes=["WELCOME5"], cartItems=[item(price=50)]))
    close(client, "s1")
    assert [c["value"] for c in client.get_reserved_coupons("p1")["data"]] == ["SUMMER10"]


def test_reserved_coupons_of_unknown_profile_is_404(client: Client) -> None:
    """getReservedCoupons for a profile that does not exist is a 404."""
    with pytest.raises(talon_dyn.NotFound):
        client.get_reserved_coupons("ghost")


# -- referrals -------------------------------------------------------------------------------------


def test_referral_code_from_pattern_and_redemption(client: Client, sandbox: Sandbox) -> None:
    """A referral code follows the campaign pattern; a friend's closed session uses it up."""
    referral = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})
    assert re.fullmatch(r"REF-[A-Z0-9]{5}", referral["code"])
    assert (referral["usageCounter"], referral["usageLimit"]) == (0, 1)
    state = client.update_customer_session_v2("s1", v2("grace", referralCode=referral["code"], cartItems=[item()]))
    assert effect_types(state["effects"]) == ["acceptReferral", "setDiscount"]
    closed = close(client, "s1")
    assert "redeemReferral" in effect_types(closed["effects"])
    assert sandbox.referral(referral["code"])["usageCounter"] == 1  # type: ignore[index]
    again = client.update_customer_session_v2("s2", v2("bob", referralCode=referral["code"]))
    assert again["effects"][-1]["props"]["rejectionReason"] == "ReferralLimitReached"


def test_referral_rejections(client: Client) -> None:
    """The advocate cannot use their own code; a code for a named friend rejects anyone else."""
    own = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})["code"]
    named = client.create_referral(
        {"campaignId": 3, "advocateProfileIntegrationId": "ada", "friendProfileIntegrationId": "grace"}
    )["code"]
    mine = client.update_customer_session_v2("s1", v2("ada", referralCode=own))
    assert mine["effects"][-1]["props"]["rejectionReason"] == "ReferralRecipientIdSameAsAdvocate"
    other = client.update_customer_session_v2("s2", v2("bob", referralCode=named))
    assert other["effects"][-1]["props"]["rejectionReason"] == "ReferralRecipientDoesNotMatch"


@pytest.mark.parametrize("campaign_id", [1, 99])
def test_referral_needs_a_referral_campaign(client: Client, campaign_id: int) -> None:
    """createReferral for a campaign without the referrals feature (or unknown) is a 400."""
    with pytest.raises(talon_dyn.BadRequest) as caught:
        client.create_referral({"campaignId": campaign_id, "advocateProfileIntegrationId": "ada"})
    assert caught.value.error["errors"][0]["source"] == {"pointer": "/campaignId"}


def test_seeded_codes_are_reproducible(clock: FakeClock) -> None:
    """Two sandboxes with the same seed generate the same codes; reset() starts the sequence again."""
    codes = []
    with Sandbox(seed=3, clock=clock) as one, Sandbox(seed=3, clock=clock) as two:
        for box in (one, two, one):
            box.reset()
            with box.client() as c:
                codes.append(c.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "a"})["code"])
    assert codes[0] == codes[1] == codes[2]


# -- events ----------------------------------------------------------------------------------------


def test_track_event_creates_session_and_profile(client: Client, sandbox: Sandbox) -> None:
    """trackEvent on unseen IDs creates the session and profile and returns 201 with the event."""
    state = client.track_event(
        {"profileId": "p1", "sessionId": "a-session", "type": "page_view", "attributes": {"url": "/"}}
    )
    assert state["event"]["sessionId"] == "a-session"
    assert state["event"]["attributes"] == {"url": "/"}
    assert sandbox.session("a-session")["profileId"] == "p1"  # type: ignore[index]


def test_track_event_on_another_profiles_session(client: Client, sandbox: Sandbox) -> None:
    """trackEvent on a session owned by another profile is a 400 and records nothing."""
    client.update_customer_session("s1", {"profileId": "p1"})
    with pytest.raises(talon_dyn.BadRequest) as caught:
        client.track_event({"profileId": "p2", "sessionId": "s1", "type": "page_view", "attributes": {}})
    assert caught.value.error["errors"][0]["source"] == {"pointer": "/profileId"}
    assert sandbox.profile("p2") is None
    assert sandbox.event(2) is None


def test_track_event_reserved_type(client: Client) -> None:
    """The built-in talon_* event types cannot be tracked as custom events."""
    with pytest.raises(talon_dyn.BadRequest):
        client.track_event({"sessionId": "s1", "type": "talon_session_closed", "attributes": {}})


def test_track_event_rules_update_attributes(client: Client, sandbox: Sandbox) -> None:
    """An event-type rule's updateAttribute effect changes the profile attribute."""
    state = client.track_event({"profileId": "p1", "sessionId": "s1", "type": "newsletter_signup", "attributes": {}})
    assert [e[3][0] for e in state["event"]["effects"]] == ["updateAttribute", "showNotification"]
    assert sandbox.profile("p1")["attributes"] == {"newsletter": True}  # type: ignore[index]


# -- inventory and deletion --------------------------------------------------------------------------


def test_inventory_flags(client: Client) -> None:
    """The profile and referrals sections appear only when their flags are true."""
    client.update_customer_profile("ada", {"attributes": {"name": "Ada"}})
    code = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})["code"]
    assert client.get_customer_inventory("ada") == {}
    assert set(client.get_customer_inventory("ada", profile=True)) == {"profile"}
    both = client.get_customer_inventory("ada", profile=True, referrals=True)
    assert both["profile"]["attributes"] == {"name": "Ada"}
    assert [r["code"] for r in both["referrals"]] == [code]
    assert client.get_customer_inventory("ada", referrals=True, profile=False).keys() == {"referrals"}


def test_delete_customer_data(client: Client, sandbox: Sandbox) -> None:
    """Deleting clears the profile and its sessions', items' and events' attributes, and its reservations."""
    client.update_customer_profile("ada", {"attributes": {"name": "Ada"}})
    client.update_customer_session_v2(
        "s1", v2("ada", attributes={"note": "x"}, cartItems=[item(attributes={"engraving": "ADA"})])
    )
    client.track_event({"profileId": "ada", "sessionId": "s1", "type": "page_view", "attributes": {"url": "/a"}})
    client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["ada"]})
    assert client.delete_customer_data("ada") is None
    with pytest.raises(talon_dyn.NotFound):
        client.get_customer_inventory("ada", profile=True)
    session = sandbox.session("s1")
    assert session["attributes"] == {}  # type: ignore[index]
    assert "attributes" not in session["cartItems"][0]  # type: ignore[index]
    assert all(sandbox.event(i)["attributes"] == {} for i in (1, 2, 3))  # type: ignore[index]
    assert sandbox.reservations("SUMMER10") == []
    with pytest.raises(talon_dyn.NotFound):
        client.delete_customer_data("ada")
    assert client.update_customer_profile("ada", {})["profile"]["attributes"] == {}


# -- the async client -----------------------------------------------------------------------------------


def test_async_client(sandbox: Sandbox) -> None:
    """AsyncClient reaches the same sandbox in-process."""

    async def flow() -> dict[str, Any]:
        async with sandbox.async_client() as client:
            await client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=50)]))
            return await client.update_customer_session_v2("s1", v2(None, state="closed"))  # type: ignore[no-any-return]

    state = asyncio.run(flow())
    assert effect_types(state["effects"])[:2] == ["acceptCoupon", "setDiscount"]
    assert sandbox.coupon("SUMMER10")["usageCounter"] == 1  # type: ignore[index]
