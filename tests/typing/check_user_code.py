"""Idiomatic code of an integrator, type-checked with mypy --strict against talon_dyn.types and the stub.

Nothing here runs: tests/test_stubs_typing.py type-checks it and requires zero errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import talon_dyn
from talon_dyn.types import CartItem, Effect, IntegrationRequest, IntegrationStateV2, NewCustomerSessionV2


def cart_from_rows(rows: Iterable[tuple[str, int, float]]) -> list[CartItem]:
    """Build the cart from the shop's own rows."""
    return [{"name": sku, "sku": sku, "quantity": quantity, "price": price} for sku, quantity, price in rows]


def session_for(profile: str, cart: Sequence[CartItem], coupons: tuple[str, ...] = ()) -> NewCustomerSessionV2:
    """A tuple of coupon codes and any sequence of cart items are accepted where the client only reads."""
    return {"profileId": profile, "cartItems": cart, "couponCodes": coupons, "state": "open"}


def discounts(effects: Sequence[Effect]) -> float:
    """Sum the setDiscount effects of an answer."""
    total = 0.0
    for effect in effects:
        if effect["effectType"] == "setDiscount":
            value = effect["props"].get("value")
            if isinstance(value, (int, float)):
                total += value
    return total


def checkout(client: talon_dyn.Client, session_id: str, rows: list[tuple[str, int, float]]) -> float:
    """The whole flow: typed body in, typed state out."""
    cart = cart_from_rows(rows)
    body: IntegrationRequest = {"customerSession": session_for("ada", cart, ("SUMMER10",))}
    state: IntegrationStateV2 = client.update_customer_session_v2(session_id, body)
    return discounts(state["effects"])


async def checkout_async(client: talon_dyn.AsyncClient, session_id: str) -> int:
    """The async client takes the same shapes; an inline literal needs no annotation at all."""
    state = await client.update_customer_session_v2(
        session_id, {"customerSession": {"profileId": "ada", "cartItems": [{"name": "S", "sku": "S", "quantity": 1, "price": 1.0}]}}
    )
    return len(state["effects"])
