"""Small schema-valid bodies the client tests answer with, shared so they are written once."""

from __future__ import annotations

from typing import Any

COUPON: dict[str, Any] = {
    "id": 1,
    "created": "2020-01-01T00:00:00Z",
    "campaignId": 2,
    "value": "SUMMER-10",
    "usageLimit": 1,
    "usageCounter": 0,
}
RESERVED: dict[str, Any] = {"totalResultSize": 1, "data": [COUPON]}
STATE: dict[str, Any] = {"effects": [], "createdCoupons": [], "createdReferrals": []}
SESSION_BODY: dict[str, Any] = {
    "customerSession": {"profileId": "p1", "cartItems": [{"name": "Tea", "sku": "T1", "quantity": 2, "price": 3.5}]}
}
