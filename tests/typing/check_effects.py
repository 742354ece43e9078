"""Effects typed by their effectType: narrowing on the tag gives the props' own TypedDict (mypy --strict).

Nothing here runs: tests/test_stubs_typing.py type-checks it; each targeted ignore must be used.
"""

from __future__ import annotations

from typing import assert_type

import talon_dyn
from talon_dyn.types import AcceptCouponEffectProps, IntegrationStateV2, SetDiscountEffectProps


def discount_total(state: IntegrationStateV2) -> float:
    total = 0.0
    for effect in state["effects"]:
        if effect["effectType"] == "setDiscount":
            assert_type(effect["props"], SetDiscountEffectProps)
            total += effect["props"]["value"]
        elif effect["effectType"] == "acceptCoupon":
            assert_type(effect["props"], AcceptCouponEffectProps)
            print(effect["props"]["value"].upper())
    return total


def from_the_client(client: talon_dyn.Client) -> list[str]:
    state = client.update_customer_session_v2("s1", {"customerSession": {"profileId": "ada"}})
    names = []
    for effect in state["effects"]:
        if effect["effectType"] == "setDiscount":
            names.append(effect["props"]["name"])
            effect["props"]["valeu"]  # type: ignore[typeddict-item]
        if effect["effectType"] == "acceptCoupon":
            effect["props"]["name"]  # type: ignore[typeddict-item]
    return names
