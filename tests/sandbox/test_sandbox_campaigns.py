"""Campaigns as data: the file's checks, and rules beyond the default campaigns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sandbox_helpers import FakeClock, item, raw, v2

import talon_dyn
from talon_dyn import Client
from talon_dyn.sandbox import CampaignsError, Sandbox
from talon_dyn.sandbox._domain.campaigns import load, parse

CUSTOM = """
registry:
  eventTypes: [page_view]
  attributes:
    CustomerProfile: [name]
    CustomerSession: [channel]
    Event: [url]
campaigns:
  - id: 10
    name: Limited
    features: [coupons, referrals]
    limits:
      - {action: redeemCoupon, limit: 2}
      - {action: redeemCoupon, limit: 1, entities: [Profile]}
    coupons:
      - {code: LIMITED1}
    rules:
      - title: Five off
        conditions: [{couponValid: true}]
        effects: [{setDiscount: {name: Five, amount: 5}}]
      - title: Welcome friends
        conditions: [{referralValid: true}]
        effects: [{showNotification: {title: Hi, body: Welcome}}]
  - id: 11
    name: Later
    startTime: "2030-01-01T00:00:00Z"
    coupons: [{code: LATER-01}]
    rules:
      - title: Later
        conditions: [{couponValid: true}]
        effects: [{setDiscount: {name: Later, percent: 50}}]
  - id: 12
    name: No rule for coupons
    coupons: [{code: NORULE-1}]
    rules:
      - title: Always
        effects: [{addFreeItem: {sku: GIFT, name: Gift}}]
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    path = tmp_path / "campaigns.yaml"
    path.write_text(CUSTOM)
    with Sandbox(campaigns=path, seed=1, clock=FakeClock(), check_responses=True) as box:
        yield box


def rejection(state: dict[str, Any]) -> str:
    [effect] = [e for e in state["effects"] if e["effectType"] == "rejectCoupon"]
    return str(effect["props"]["rejectionReason"])


def test_default_campaigns_load() -> None:
    """The packaged campaigns file is valid and declares coupons, referrals and rules."""
    campaigns = load()
    assert [c.id for c in campaigns.campaigns] == [1, 2, 3, 4, 5]
    assert campaigns.event_types is None


@pytest.mark.parametrize(
    ("text", "pointer", "words"),
    [
        ("campaigns: [{id: 1, name: a, rules: []}, {id: 1, name: b, rules: []}]", "/campaigns/1/id", "twice"),
        (
            "campaigns: [{id: 1, name: a, rules: [], coupons: [{code: AAAA}, {code: AAAA}]}]",
            "/campaigns/0/coupons/1/code",
            "twice",
        ),
        ("campaigns: [{id: 1, name: a, rules: [], endTime: soon}]", "/campaigns/0/endTime", "RFC 3339"),
        (
            "campaigns: [{id: 1, name: a, rules: [{title: t, effects: [{explode: {}}]}]}]",
            "/campaigns/0/rules/0/effects/0",
            "",
        ),
        (
            "campaigns: [{id: 1, name: a, rules: [{title: t, effects: [{referralCreated: {}}]}]}]",
            "/campaigns/0/rules/0",
            "referrals",
        ),
        ("campaigns: [{id: 1, name: a, rules: [], coupons: [{code: ABC}]}]", "/campaigns/0/coupons/0/code", "short"),
        ("campaigns: {}", "/campaigns", "array"),
        ("campaigns: [\n  - [", "/", "YAML"),
    ],
)
def test_campaigns_file_errors_name_file_and_pointer(text: str, pointer: str, words: str) -> None:
    """Each mistake in a campaigns file is reported with the file name and the JSON pointer."""
    with pytest.raises(CampaignsError) as caught:
        parse(text.encode(), "my-campaigns.yaml")
    message = str(caught.value)
    assert message.startswith(f"my-campaigns.yaml#{pointer}:"), message
    assert words in message


def test_missing_campaigns_file(tmp_path: Path) -> None:
    """A campaigns file that cannot be read is a CampaignsError naming it."""
    with pytest.raises(CampaignsError, match=r"nowhere\.yaml"):
        Sandbox(campaigns=tmp_path / "nowhere.yaml")


def test_campaign_limit_reached(client: Client) -> None:
    """A campaign-wide redeemCoupon limit rejects with CampaignLimitReached once reached."""
    for number in (1, 2):
        client.update_customer_session_v2(f"s{number}", v2(f"p{number}", couponCodes=["LIMITED1"], state="closed"))
    state = client.update_customer_session_v2("s3", v2("p3", couponCodes=["LIMITED1"]))
    assert rejection(state) == "CampaignLimitReached"


def test_profile_limit_reached(client: Client) -> None:
    """A per-profile redeemCoupon limit rejects the same profile's second use with ProfileLimitReached."""
    client.update_customer_session_v2("s1", v2("p1", couponCodes=["LIMITED1"], state="closed"))
    state = client.update_customer_session_v2("s2", v2("p1", couponCodes=["LIMITED1"]))
    assert rejection(state) == "ProfileLimitReached"


def test_campaign_not_started_yet(client: Client) -> None:
    """A campaign whose startTime is in the future is not running."""
    state = client.update_customer_session_v2("s1", v2(couponCodes=["LATER-01"]))
    assert state["effects"][-1]["props"]["rejectionReason"] == "CouponPartOfNotRunningCampaign"


def test_coupon_without_valid_condition(client: Client) -> None:
    """A valid coupon of a campaign with no couponValid rule is rejected with CouponValidConditionMissing."""
    state = client.update_customer_session_v2("s1", v2(couponCodes=["NORULE-1"]))
    rejected = [e for e in state["effects"] if e["effectType"] == "rejectCoupon"]
    assert rejected[0]["props"]["rejectionReason"] == "CouponValidConditionMissing"


def test_default_referral_settings(client: Client) -> None:
    """Without referralSettings, codes follow ####-#### from A-Z and 0-9, and are single-use."""
    referral = client.create_referral({"campaignId": 10, "advocateProfileIntegrationId": "ada"})
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", referral["code"])
    assert referral["usageLimit"] == 1


def test_registry_refuses_unknown_attributes(sandbox: Sandbox) -> None:
    """With a registry, an undefined attribute is a 400 pointing at it, in the service's words."""
    response = raw(sandbox, "PUT", "/v1/customer_profiles/p1", json_body={"attributes": {"name": "A", "BADURL": 1}})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "title": "Unknown",
            "details": 'The attribute "BADURL" is not defined on CustomerProfile entities.',
            "source": {"pointer": "/attributes/BADURL"},
        }
    ]
    response = raw(sandbox, "PUT", "/v2/customer_sessions/s1", json_body=v2(attributes={"nope": 1}))
    assert response.json()["errors"][0]["source"]["pointer"] == "/customerSession/attributes/nope"
    assert sandbox.profile("p1") is None


def test_registry_refuses_unknown_event_types(client: Client) -> None:
    """With a registry, an undefined event type is a 400; a defined one is accepted."""
    with pytest.raises(talon_dyn.BadRequest):
        client.track_event({"sessionId": "s1", "type": "Page", "attributes": {}})
    assert client.track_event({"sessionId": "s1", "type": "page_view", "attributes": {"url": "/"}})["event"]["id"] == 1


def test_unconditional_rule(client: Client) -> None:
    """A rule without conditions fires on every evaluation."""
    state = client.update_customer_session_v2("s1", v2(cartItems=[item()]))
    assert [e["effectType"] for e in state["effects"]] == ["addFreeItem"]
