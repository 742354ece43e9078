"""Type-checked by tests/test_stubs_typing.py, never run: what mypy knows about the dynamic client.

The stub rendered from the spec (talon_dyn/_typed.pyi) gives every operation its real
signature and its response's TypedDict. Correct calls must pass; each wrong line carries
a targeted ``# type: ignore[code]`` that mypy (with warn_unused_ignores) must find used,
so the error it silences is exactly the one expected.
"""

from __future__ import annotations

from typing import Unpack

import talon_dyn
from talon_dyn._typed import TypedApiResponse
from talon_dyn.types import IntegrationRequest, IntegrationStateV2


def correct_calls(client: talon_dyn.Client) -> None:
    request: IntegrationRequest = {
        "customerSession": {
            "profileId": "p1",
            "state": "open",
            "couponCodes": ["SUMMER10"],
            "cartItems": [{"name": "Shoes", "sku": "SHOE-1", "quantity": 1, "price": 49.5}],
        },
        "responseContent": ["customerSession", "customerProfile"],
    }
    state: IntegrationStateV2 = client.update_customer_session_v2("session-1", request, timeout=5.0)
    campaign_id: int = state["effects"][0]["campaignId"]
    created: list[str] = [coupon["value"] for coupon in state["createdCoupons"]]
    session = state.get("customerSession")
    if session is not None:
        total: float = session["total"] + campaign_id + len(created)
        print(total)
    same = client.updateCustomerSessionV2("session-2", {"customerSession": {}}, request_validation="warn")
    print(same["createdReferrals"])
    inventory = client.get_customer_inventory("p1", profile=True, referrals=False)
    print(inventory.get("referrals", []))
    client.delete_customer_data("p1")
    full: TypedApiResponse[IntegrationStateV2] = client.with_response.update_customer_session_v2(
        "session-3", {"customerSession": {"profileId": ""}}
    )
    print(full.status_code, full.headers, full.data["effects"])
    coupons = client.with_response.getReservedCoupons("p1")
    print(coupons.data["totalResultSize"] + 1)


def with_budget(client: talon_dyn.Client, **options: Unpack[talon_dyn.CallOptions]) -> int:
    """A wrapper of the integrator's own passes the per-call options on, typed."""
    return client.get_reserved_coupons("p1", **options)["totalResultSize"]


def wrapped(client: talon_dyn.Client) -> int:
    return with_budget(client, timeout=2.0, retry=talon_dyn.Retry.never(), headers={"X-Shop": "1"})


async def correct_async_calls(client: talon_dyn.AsyncClient) -> None:
    state = await client.track_event({"type": "login", "sessionId": "s1", "attributes": {}})
    print(state["event"]["effects"], state["session"]["state"])
    full = await client.with_response.get_reserved_customers("SUMMER10")
    print(full.data["data"][0]["integrationId"])
    await client.aclose()


def constructor() -> None:
    with talon_dyn.Client(base_url="https://x.talon.one", api_key="k", request_validation="off") as client:
        client.delete_customer_data("p1")
        print(client.drift.to_json(), client.base_url.upper())
    typed: talon_dyn.Client = talon_dyn.Client.from_spec(base_url="https://x.talon.one")
    print(typed.get_reserved_coupons("p1")["totalResultSize"])
    talon_dyn.Client(base_url="https://x.talon.one", api_kye="k")  # type: ignore[call-arg]


def wrong_calls(client: talon_dyn.Client) -> None:
    # A wrong argument name.
    client.update_customer_session_v2("s1", {"customerSession": {}}, response_content=[])  # type: ignore[call-arg]
    # A wrong type for a body key.
    client.update_customer_session_v2("s1", {"customerSession": {"profileId": 42}})  # type: ignore[typeddict-item]
    # A value outside a body enum.
    client.update_customer_session_v2("s1", {"customerSession": {"state": "paused"}})  # type: ignore[typeddict-item]
    # An unknown body key.
    client.track_event({"type": "t", "sessionId": "s", "attributes": {}, "colour": "red"})  # type: ignore[typeddict-unknown-key]
    # A required body key left out.
    client.track_event({"type": "t", "attributes": {}})  # type: ignore[typeddict-item]
    # A missing path parameter.
    client.get_reserved_coupons()  # type: ignore[call-arg]
    # A query flag of the wrong type.
    client.get_customer_inventory("p1", profile="yes")  # type: ignore[arg-type]
    # A per-call option of the wrong type.
    client.get_reserved_coupons("p1", timeout="soon")  # type: ignore[arg-type]
    # A per-call option that does not exist.
    client.get_reserved_coupons("p1", retries=3)  # type: ignore[call-arg]
    # A misspelled operation.
    client.update_customer_sesion_v2("s1", {"customerSession": {}})  # type: ignore[attr-defined]


def misused_responses(client: talon_dyn.Client) -> None:
    state = client.update_customer_session_v2("s1", {"customerSession": {}})
    # A response field used as the wrong type.
    state["effects"].upper()  # type: ignore[attr-defined]
    # A response field that does not exist.
    print(state["efects"])  # type: ignore[typeddict-item]
    # A nested field of the wrong type.
    name: int = state["effects"][0]["ruleName"]  # type: ignore[assignment]
    print(name)
    # An operation without a response body returns None.
    value = client.delete_customer_data("p1")  # type: ignore[func-returns-value]
    print(value)
    # with_response data is typed too.
    full = client.with_response.get_reserved_coupons("p1")
    full.data["totalResultSize"].strip()  # type: ignore[attr-defined]
