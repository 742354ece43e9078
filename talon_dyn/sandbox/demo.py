"""A short, realistic flow through the real client against the in-process sandbox, printed readably.

``run_demo(out)`` is what ``make demo`` runs: a profile, a session with a coupon and a
cart, its effects, closing it, a reservation, a referral, the inventory and deletion; then
Talon's current API (the bundled spec "current"): a session with a loyalty card, the points it
earns (some pending for 14 days), the card's balance and transactions read back, then the sandbox's
clock moved two weeks on and the pending points active.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from .._exceptions import NotFound
from ._config import SandboxConfig
from ._sandbox import Sandbox

if TYPE_CHECKING:
    from ..current_types import CartItem as CurrentCartItem
    from ..types import CartItem

__all__ = ["run_demo"]

DEMO_TIME = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)


def _effect(effect: Mapping[str, Any]) -> str:
    props = ", ".join(f"{key}={value!r}" for key, value in effect["props"].items())
    return f"{effect['effectType']}({props})  [campaign {effect['campaignId']}, rule {effect['ruleName'] or '-'}]"


def run_demo(out: TextIO | None = None, *, seed: int = 42, clock: Callable[[], datetime] | None = None) -> int:
    """Run the demo flow, printing each step to ``out``; returns 0 (an exit code)."""
    out = out or sys.stdout

    def say(text: str = "") -> None:
        print(text, file=out)

    config = SandboxConfig(seed=seed, clock=clock or (lambda: DEMO_TIME))
    with Sandbox(config) as sandbox, sandbox.client() as client:
        say("talon_dyn sandbox demo (in-process, no network)")
        say()
        say("1. Ada signs up: updateCustomerProfile('ada', tier=gold)")
        signed_up = client.update_customer_profile("ada", {"attributes": {"tier": "gold", "name": "Ada"}})
        say(f"   profile attributes: {signed_up['profile']['attributes']}")
        for raw_effect in signed_up["event"]["effects"]:
            say(f"   effect (v1 array): {raw_effect}")
        say()
        cart: list[CartItem] = [
            {"name": "Running shoes", "sku": "SHOE-42", "quantity": 1, "price": 89.0, "category": "shoes"},
            {"name": "T-shirt", "sku": "TSHIRT", "quantity": 2, "price": 15.0, "category": "apparel"},
        ]
        say("2. Ada fills her cart and enters coupon SUMMER10 (and a typo, SUMMER1O)")
        state = client.update_customer_session_v2(
            "ada-cart-1",
            {
                "customerSession": {
                    "profileId": "ada",
                    "couponCodes": ["SUMMER10", "SUMMER1O"],
                    "cartItems": cart,
                    "additionalCosts": {"shipping": {"price": 4.95}},
                },
                "responseContent": ["customerSession"],
            },
        )
        session = state["customerSession"]
        say(
            f"   cart total {session['cartItemTotal']:.2f} + costs {session['additionalCostTotal']:.2f}"
            f" = {session['total']:.2f}"
        )
        for effect in state["effects"]:
            say(f"   effect: {_effect(effect)}")
        say()
        say("3. Ada pays: the session is closed")
        state = client.update_customer_session_v2(
            "ada-cart-1",
            {
                "customerSession": {"state": "closed"},
                "responseContent": ["customerProfile", "loyalty"],
            },
        )
        for effect in state["effects"]:
            say(f"   effect: {_effect(effect)}")
        profile = state["customerProfile"]
        say(f"   profile: closedSessions={profile['closedSessions']} totalSales={profile['totalSales']:.2f}")
        say(f"   loyalty: {state['loyalty']['programs']}")
        say(f"   SUMMER10 has now been used {sandbox.coupon('SUMMER10')['usageCounter']} time(s)")  # type: ignore[index]
        thanks = [coupon["value"] for coupon in state["createdCoupons"]]
        referrals = [referral["code"] for referral in state["createdReferrals"]]
        say(f"   created coupons: {thanks}; created referral codes: {referrals}")
        say()
        say("4. Ada saves SUMMER10 in her wallet (a coupon reservation)")
        client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["ada"]})
        client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["ada"]})
        reserved = client.get_reserved_coupons("ada")
        say(f"   reserved twice, listed once: {[c['value'] for c in reserved['data']]}")
        say()
        say("5. Ada refers Grace; Grace shops with the referral code")
        referral = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})
        say(f"   referral code {referral['code']} (usage limit {referral['usageLimit']})")
        state = client.update_customer_session_v2(
            "grace-cart-1",
            {
                "customerSession": {"profileId": "grace", "referralCode": referral["code"], "cartItems": cart[1:]},
            },
        )
        for effect in state["effects"]:
            say(f"   effect: {_effect(effect)}")
        say()
        say("6. Ada's inventory")
        inventory = client.get_customer_inventory("ada", profile=True, referrals=True)
        say(f"   profile attributes: {inventory['profile']['attributes']}")
        say(f"   referral codes: {[r['code'] for r in inventory['referrals']]}")
        say()
        say("7. Ada asks to be forgotten: deleteCustomerData('ada')")
        client.delete_customer_data("ada")
        try:
            client.get_customer_inventory("ada", profile=True)
        except NotFound as exc:
            say(f"   inventory now answers {exc.status}: {exc.message}")
        stored = sandbox.session("ada-cart-1") or {}
        say(f"   her session is kept for history, attributes cleared: {stored.get('attributes')}")
        say()
        say()
    _current_api(say, seed, clock or (lambda: DEMO_TIME))
    say()
    say("Done: every response above was validated against the spec by the client.")
    return 0


def _current_api(say: Callable[[str], None], seed: int, clock: Callable[[], datetime]) -> None:
    """The current Integration API: a loyalty card earns points in a session, its balance is read back."""
    from .._model.spec import load
    from ..current import Client as CurrentClient

    config = SandboxConfig(seed=seed, clock=clock)
    with Sandbox(config, spec=load("current")) as sandbox, sandbox.client(CurrentClient) as client:
        say("8. Talon's current API (spec 'current'): Bo gets loyalty card BO-CARD in program 1")
        card = client.generate_loyalty_card(
            1, {"status": "active", "customerProfileIds": [], "cardIdentifier": "BO-CARD"}
        )
        client.link_loyalty_card_to_profile(1, card["identifier"], {"integrationId": "bo"})
        jacket: list[CurrentCartItem] = [
            {"name": "Jacket", "sku": "JACKET-1", "category": "outerwear", "quantity": 1, "price": 120.0}
        ]
        client.update_customer_session_v2(
            "bo-cart-1", {"customerSession": {"profileId": "bo", "loyaltyCards": ["BO-CARD"], "cartItems": jacket}}
        )
        state = client.update_customer_session_v2(
            "bo-cart-1", {"customerSession": {"state": "closed"}, "responseContent": ["customerSession"]}
        )
        earned = [effect for effect in state["effects"] if effect["effectType"] == "addLoyaltyPoints"]
        for effect in earned:
            say(f"   effect: {_effect(effect)}")
        balance = client.get_loyalty_card_balances(1, "BO-CARD")
        say(
            f"   card balance: {balance['balance']['activePoints']:g} active, "
            f"{balance['balance']['pendingPoints']:g} pending points, linked to "
            f"{[profile['integrationId'] for profile in balance['profiles']]}"
        )
        for entry in client.paginate.get_loyalty_card_transactions(1, "BO-CARD", page_size=10):
            say(
                f"   transaction: {entry['type']} {entry['amount']:g} in session {entry['customerSessionId']}"
                f" (active from {entry['startDate']})"
            )
        say("")
        say("9. Two weeks pass: sandbox.clock.advance(days=14) (POST /__sandbox/clock over TCP)")
        sandbox.clock.advance(days=14)
        balance = client.get_loyalty_card_balances(1, "BO-CARD")
        say(
            f"   card balance: {balance['balance']['activePoints']:g} active, "
            f"{balance['balance']['pendingPoints']:g} pending points"
        )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run_demo())
