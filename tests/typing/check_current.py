"""Talon's current Integration API through its typed clients (talon_dyn.current, mypy --strict).

Nothing here runs: tests/test_stubs_typing.py type-checks it; each targeted ignore must be used.
"""

from __future__ import annotations

from typing import assert_type

from talon_dyn.current import AsyncClient, Client
from talon_dyn.current_types import AddLoyaltyPointsEffectProps, LoyaltyCard, LoyaltyCardBalances


def earn(client: Client) -> float:
    card = client.generate_loyalty_card(1, {"status": "active", "customerProfileIds": []})
    assert_type(card, LoyaltyCard)
    state = client.update_customer_session_v2(
        "s1", {"customerSession": {"profileId": "ada", "loyaltyCards": [card["identifier"]]}}
    )
    points = 0.0
    for effect in state["effects"]:
        if effect["effectType"] == "addLoyaltyPoints":
            assert_type(effect["props"], AddLoyaltyPointsEffectProps)
            points += effect["props"]["value"]
    balances = client.get_loyalty_card_balances(1, card["identifier"], subledger_id="main")
    assert_type(balances, LoyaltyCardBalances)
    for entry in client.paginate.get_loyalty_card_transactions(1, card["identifier"], page_size=50):
        points += entry["amount"]
    client.get_loyalty_card_balances(1, card["identifier"], subledger=1)  # type: ignore[call-arg]
    client.return_cart_items("s1", {"return": {"returnedCartItems": [{"position": "0"}]}})  # type: ignore[typeddict-item]
    return points


async def read(client: AsyncClient) -> str:
    session = await client.get_customer_session("s1")
    count: int = session["customerSession"]["state"]  # type: ignore[assignment]
    return str(count)


def sandboxed() -> None:
    """A sandbox serving "current" hands out the current API's typed clients, for mypy as at run time; one
    serving the bundled 2020 spec (or a bare ``Sandbox``) the 2020 ones."""
    import talon_dyn
    from talon_dyn.sandbox import Sandbox

    with Sandbox(spec="current") as sandbox, sandbox.client() as client:
        assert_type(client, Client)
        client.generate_loyalty_card(1, {"status": "active", "customerProfileIds": []})
        assert_type(sandbox.async_client(), AsyncClient)
    with Sandbox(seed=1) as older, older.client() as plain:
        assert_type(plain, talon_dyn.Client)
        plain.generate_loyalty_card(1, {})  # type: ignore[attr-defined]
    typed: Sandbox = Sandbox()  # a bare annotation needs no type arguments: the 2020 spec's clients
    assert_type(typed.client(), talon_dyn.Client)
