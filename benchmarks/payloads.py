"""Canned requests and schema-valid responses for the benchmark routes."""

from __future__ import annotations

import json
from typing import Any

CART = [
    {"name": f"Item {i}", "sku": f"SKU-{i:03d}", "quantity": 1 + i % 3, "price": 9.99 + i, "category": "shoes"}
    for i in range(20)
]
V1_BODY: dict[str, Any] = {"profileId": "bench-profile", "coupon": "SUMMER25", "state": "open", "cartItems": CART}
V2_BODY: dict[str, Any] = {
    "customerSession": {"profileId": "bench-profile", "couponCodes": ["SUMMER25"], "state": "open", "cartItems": CART},
    "responseContent": ["customerSession", "customerProfile"],
}
CREATED = "2026-11-26T10:00:00Z"
TOTAL = sum(item["price"] * item["quantity"] for item in CART)
PROFILE = {
    "integrationId": "bench-profile",
    "created": CREATED,
    "attributes": {},
    "accountId": 1,
    "closedSessions": 0,
    "totalSales": 0.0,
    "loyaltyMemberships": [],
    "audienceMemberships": [],
    "lastActivity": CREATED,
}
EFFECTS_V2 = [
    {
        "campaignId": 1,
        "rulesetId": 1,
        "ruleIndex": 0,
        "ruleName": "Summer sale",
        "effectType": "acceptCoupon",
        "props": {"value": "SUMMER25"},
    },
    {
        "campaignId": 1,
        "rulesetId": 1,
        "ruleIndex": 0,
        "ruleName": "Summer sale",
        "effectType": "setDiscount",
        "props": {"name": "25% off", "value": round(TOTAL * 0.25, 2)},
    },
]
SESSION_V1 = {
    "integrationId": "bench-session",
    "created": CREATED,
    "applicationId": 1,
    "profileId": "bench-profile",
    "coupon": "SUMMER25",
    "referral": "",
    "state": "open",
    "cartItems": CART,
    "identifiers": [],
    "total": TOTAL,
    "attributes": {},
    "firstSession": True,
    "discounts": {"25% off": round(TOTAL * 0.25, 2)},
}
STATE_V1 = {
    "session": SESSION_V1,
    "profile": PROFILE,
    "event": {
        "id": 1,
        "created": CREATED,
        "applicationId": 1,
        "profileId": "bench-profile",
        "type": "talon_session_updated",
        "attributes": {},
        "sessionId": "bench-session",
        "effects": [[1, 1, 0, ["acceptCoupon", "SUMMER25"]], [1, 1, 0, ["setDiscount", "25% off", 10.0]]],
        "ledgerEntries": [],
    },
}
SESSION_V2 = {
    "integrationId": "bench-session",
    "created": CREATED,
    "applicationId": 1,
    "profileId": "bench-profile",
    "couponCodes": ["SUMMER25"],
    "referralCode": "",
    "state": "open",
    "cartItems": CART,
    "identifiers": [],
    "attributes": {},
    "firstSession": True,
    "total": TOTAL,
    "cartItemTotal": TOTAL,
    "additionalCostTotal": 0.0,
    "additionalCosts": {},
}
STATE_V2 = {
    "effects": EFFECTS_V2,
    "createdCoupons": [],
    "createdReferrals": [],
    "customerSession": SESSION_V2,
    "customerProfile": PROFILE,
}
COUPON = {
    "id": 7,
    "created": CREATED,
    "campaignId": 1,
    "value": "SUMMER25",
    "usageLimit": 0,
    "usageCounter": 0,
}
RESERVED = {"totalResultSize": 1, "data": [COUPON]}

EVENT_BODY: dict[str, Any] = {
    "profileId": "bench-profile",
    "sessionId": "bench-session",
    "type": "pageViewed",
    "attributes": {},
}
REFERRAL_BODY: dict[str, Any] = {"campaignId": 3, "advocateProfileIntegrationId": "bench-profile"}
RESERVATION_BODY: dict[str, Any] = {"integrationIDs": ["bench-profile"]}


def _sandbox_answers() -> dict[str, Any]:
    """The POST answers as the sandbox gives them (schema-valid state, not hand-written): one session, one event,
    one referral, one reservation of a seeded coupon."""
    from talon_dyn.sandbox import Sandbox

    with Sandbox() as sandbox:
        client = sandbox.client()
        client.update_customer_session("bench-session", V1_BODY)
        event = client.track_event(EVENT_BODY)
        referral = client.create_referral(REFERRAL_BODY)
        reservation = client.create_coupon_reservation("SUMMER10", RESERVATION_BODY)
    return {"trackEvent": event, "createReferral": referral, "createCouponReservation": reservation}


_ANSWERS = _sandbox_answers()

ROUTES: dict[str, tuple[str, str, Any, Any]] = {
    # name: (method, path, request body, canned response body); every method the API uses
    "updateCustomerSession": ("PUT", "/v1/customer_sessions/bench-session", V1_BODY, STATE_V1),
    "updateCustomerSessionV2": ("PUT", "/v2/customer_sessions/bench-session", V2_BODY, STATE_V2),
    "getReservedCoupons": ("GET", "/v1/coupon_reservations/coupons/bench-profile", None, RESERVED),
    "trackEvent": ("POST", "/v1/events", EVENT_BODY, _ANSWERS["trackEvent"]),
    "createReferral": ("POST", "/v1/referrals", REFERRAL_BODY, _ANSWERS["createReferral"]),
    "createCouponReservation": (
        "POST",
        "/v1/coupon_reservations/SUMMER10",
        RESERVATION_BODY,
        _ANSWERS["createCouponReservation"],
    ),
    "deleteCouponReservation": ("DELETE", "/v1/coupon_reservations/SUMMER10", RESERVATION_BODY, None),
}
STATUS = {"trackEvent": 201, "createReferral": 201, "createCouponReservation": 201, "deleteCouponReservation": 204}
"""The documented success status of each route (200 where not listed)."""


def arguments(name: str) -> tuple[Any, ...]:
    """The positional arguments of a route's method: its path value (if its path has one) and its body."""
    _, path, body, _ = ROUTES[name]
    values = () if path in ("/v1/events", "/v1/referrals") else (path.rsplit("/", 1)[1],)
    return (*values, body) if body is not None else values


def canned_bytes() -> dict[tuple[str, str], tuple[int, bytes]]:
    """(method, path) -> (status, body bytes) for the canned server."""
    return {
        (method, path): (STATUS.get(name, 200), b"" if body is None else json.dumps(body).encode())
        for name, (method, path, _, body) in ROUTES.items()
    }
