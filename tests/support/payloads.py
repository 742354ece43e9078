"""Small schema-valid bodies and path values the client tests use, shared so they are written once."""

from __future__ import annotations

from typing import Any

import talon_dyn

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

PERCENT_ENCODED = [
    ("a/b", "a%2Fb"),
    ("..", "%2E%2E"),
    ("a?b=c#d", "a%3Fb%3Dc%23d"),
    ("100%", "100%25"),
    ("sp ace+é", "sp%20ace%2B%C3%A9"),
]
"""Path values and how they must be sent: percent-encoded with nothing kept safe."""


def one_operation_spec(path: str, method: str, operation: dict[str, Any]) -> talon_dyn.Spec:
    """A spec of one operation, for tests about a single parameter or schema."""
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {path: {method: operation}}}
    return talon_dyn.Spec(document)
