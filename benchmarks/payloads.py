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

ROUTES: dict[str, tuple[str, str, Any, Any]] = {
    # name: (method, path, request body, canned response body)
    "updateCustomerSession": ("PUT", "/v1/customer_sessions/bench-session", V1_BODY, STATE_V1),
    "updateCustomerSessionV2": ("PUT", "/v2/customer_sessions/bench-session", V2_BODY, STATE_V2),
    "getReservedCoupons": ("GET", "/v1/coupon_reservations/coupons/bench-profile", None, RESERVED),
}


def canned_bytes() -> dict[tuple[str, str], bytes]:
    return {(method, path): json.dumps(body).encode() for method, path, _, body in ROUTES.values()}
