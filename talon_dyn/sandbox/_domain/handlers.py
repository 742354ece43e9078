"""One handler per operationId: ``handler(ctx, call) -> (status, body)``.

The handlers read the already validated request (``Call``) and answer from the
state in ``ctx``. An operation of the spec that has no handler here is still
served by :func:`synthesized` (see ``_domain/synth.py``), so a new operation added to spec/
appears in the sandbox without code changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..._model.spec import Operation
from .._storage import Doc
from .context import ApiProblem, RequestContext, public
from .rules import coupon_problem
from .sessions import (
    Result,
    SessionChanges,
    profile_view,
    session_current,
    session_v1,
    session_v2,
    track_event,
    update_profile,
    update_session,
)

__all__ = ["HANDLERS", "Call", "Handler", "profile_or_404"]


@dataclass(frozen=True)
class Call:
    """A validated request: the operation, decoded path values, coerced query values, parsed body."""

    operation: Operation
    path: Mapping[str, Any]
    query: Mapping[str, Any]
    body: Any


Handler = Callable[[RequestContext, Call], tuple[int, Any]]


def event_view(result: Result, *, current: bool) -> Doc:
    """The event a request recorded. Its effects are kept as the 2020 API's arrays; the current API's ``Event``
    lists them as ``Effect`` objects (the same ones as the answer's ``effects``)."""
    event = public(result.event)
    if current:
        event["effects"] = [effect.v2(current=True) for effect in result.effects]
    return event


def _state_v1(ctx: RequestContext, result: Result) -> Doc:
    state: Doc = {
        "session": session_v1(result.session),
        "profile": profile_view(result.profile) if result.profile is not None else ctx.empty_profile(),
        "event": public(result.event),
    }
    codes = result.session["couponCodes"]
    coupon = ctx.store.coupon(codes[0]) if codes else None
    if coupon is not None:
        state["coupon"] = coupon
    return state


def update_customer_profile(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    result = update_profile(ctx, call.path["integrationId"], call.body.get("attributes"))
    return 200, _state_v1(ctx, result)


_COMMON_SESSION_FIELDS = {
    "profile_id": "profileId",
    "state": "state",
    "cart_items": "cartItems",
    "identifiers": "identifiers",
    "attributes": "attributes",
}
"""``SessionChanges`` field -> request key, where the v1 and v2 session bodies agree."""
_V1_SESSION_FIELDS = {**_COMMON_SESSION_FIELDS, "referral_code": "referral", "total": "total"}
_V2_SESSION_FIELDS = {
    **_COMMON_SESSION_FIELDS,
    "coupon_codes": "couponCodes",
    "referral_code": "referralCode",
    "additional_costs": "additionalCosts",
    "loyalty_cards": "loyaltyCards",
}


def update_customer_session(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    body = call.body
    coupon = body.get("coupon")
    changes = SessionChanges(
        **{change: body.get(key) for change, key in _V1_SESSION_FIELDS.items()},
        coupon_codes=None if coupon is None else ([coupon] if coupon else []),
    )
    result = update_session(ctx, call.path["customerSessionId"], changes)
    return 200, _state_v1(ctx, result)


def update_customer_session_v2(ctx: RequestContext, call: Call, *, current: bool = False) -> tuple[int, Any]:
    """The v2 session update; with ``current`` (Talon's current spec) the session view carries its numeric id,
    update count and time, and the effects are kept with it for ``getCustomerSession``."""
    request = call.body["customerSession"]
    changes = SessionChanges(
        **{change: request.get(key) for change, key in _V2_SESSION_FIELDS.items()}, pointer="/customerSession"
    )
    result = update_session(ctx, call.path["customerSessionId"], changes, keep_effects=current)
    wanted = set(call.body.get("responseContent") or ())
    state: Doc = {
        "effects": result.session["_effects"] if current else [effect.v2() for effect in result.effects],
        "createdCoupons": result.outcome.created_coupons,
        "createdReferrals": result.outcome.created_referrals,
    }
    if "customerSession" in wanted:
        state["customerSession"] = (session_current if current else session_v2)(result.session)
    if "customerProfile" in wanted and result.profile is not None:
        state["customerProfile"] = profile_view(result.profile, current=current)
    if "event" in wanted:
        state["event"] = event_view(result, current=current)
    if "loyalty" in wanted and result.profile is not None:
        session = result.session
        open_points = result.outcome.loyalty if session["state"] == "open" and not session.get("loyaltyCards") else ()
        state["loyalty"] = ctx.loyalty(result.profile, current=current, open_points=open_points)
    if current and "previousReturns" in wanted:
        state["previousReturns"] = ctx.store.entities("return", result.session["integrationId"])
    if "coupons" in wanted:
        found = (ctx.store.coupon(code) for code in result.session["couponCodes"])
        pid = result.session["profileId"]
        state["coupons"] = [ctx.coupon_view(coupon, pid, current=current) for coupon in found if coupon is not None]
    if "referral" in wanted and result.session["referralCode"]:
        referral = ctx.store.referral(result.session["referralCode"])
        if referral is not None:
            state["referral"] = referral
    if "triggeredCampaigns" in wanted:
        views = (ctx.campaign_view(campaign_id) for campaign_id in result.outcome.triggered)
        state["triggeredCampaigns"] = [view for view in views if view is not None]
    return 200, state


def track_event_handler(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    return 201, _state_v1(ctx, track_event(ctx, call.body))


def create_referral(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    body = call.body
    campaign = ctx.campaigns.by_id.get(body["campaignId"])
    if campaign is None or "referrals" not in campaign.features or not campaign.running(ctx.now):
        raise ApiProblem.invalid(
            "Invalid campaign",
            f"Campaign {body['campaignId']} is not a running campaign with the referrals feature.",
            pointer="/campaignId",
        )
    advocate = body["advocateProfileIntegrationId"]
    if not advocate:
        raise ApiProblem.invalid(
            "Required", "The advocate's integration ID must not be empty.", pointer="/advocateProfileIntegrationId"
        )
    ctx.ensure_profile(advocate)
    extra = {key: body[key] for key in ("friendProfileIntegrationId", "startDate", "expiryDate") if key in body}
    return 201, ctx.create_referral(campaign, advocate, extra)


def _coupon_or_404(ctx: RequestContext, call: Call) -> Doc:
    coupon = ctx.store.coupon(call.path["couponValue"])
    if coupon is None:
        raise ApiProblem.not_found("Coupon", "couponValue")
    return coupon


def _integration_ids(call: Call) -> list[str]:
    ids = list(dict.fromkeys(call.body["integrationIDs"]))
    for index, value in enumerate(call.body["integrationIDs"]):
        if not value:
            raise ApiProblem.invalid(
                "Required", "An integration ID must not be empty.", pointer=f"/integrationIDs/{index}"
            )
    return ids


def create_coupon_reservation(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    coupon = _coupon_or_404(ctx, call)
    ids = _integration_ids(call)
    if coupon.get("recipientIntegrationId"):
        raise ApiProblem.invalid(
            "Not reservable", "A coupon created for a specific customer cannot be reserved.", parameter="couponValue"
        )
    campaign = ctx.campaigns.by_id.get(coupon["campaignId"])
    for pid in ids:
        problem = coupon_problem({**coupon, "reservation": True}, campaign, _probe(ctx, pid), ctx, ctx.reasons)
        if problem is not None:
            raise ApiProblem.invalid(
                "Not reservable", f"The coupon cannot be reserved: {problem}.", parameter="couponValue"
            )
        ctx.ensure_profile(pid)
        ctx.store.reserve(coupon["id"], pid)
    return 201, coupon


def _probe(ctx: RequestContext, profile_id: str) -> Any:
    from .rules import Situation

    return Situation(ctx.now, frozenset(), profile_id, {}, {}, [], 0.0, [], "")


def delete_coupon_reservation(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    coupon = _coupon_or_404(ctx, call)
    for pid in _integration_ids(call):
        ctx.store.unreserve(coupon["id"], pid)
    return 204, None


def get_reserved_customers(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    coupon = _coupon_or_404(ctx, call)
    profiles = [profile_view(p) for p in ctx.store.profiles(ctx.store.reserved_profiles(coupon["id"]))]
    return 200, {"totalResultSize": len(profiles), "data": profiles}


def profile_or_404(ctx: RequestContext, integration_id: str) -> Doc:
    profile = ctx.store.profile(integration_id)
    if profile is None:
        raise ApiProblem.not_found("Customer profile", "integrationId")
    return profile


def get_reserved_coupons(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    pid = call.path["integrationId"]
    profile_or_404(ctx, pid)
    probe = _probe(ctx, pid)
    usable = [
        coupon
        for coupon in ctx.store.reserved_coupons(pid)
        if coupon_problem(coupon, ctx.campaigns.by_id.get(coupon["campaignId"]), probe, ctx, ctx.reasons) is None
    ]
    return 200, {"totalResultSize": len(usable), "data": usable}


def get_customer_inventory(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    pid = call.path["integrationId"]
    profile = profile_or_404(ctx, pid)
    inventory: Doc = {}
    if call.query.get("profile") is True:
        inventory["profile"] = profile_view(profile)
    if call.query.get("referrals") is True:
        inventory["referrals"] = ctx.store.referrals_of(pid)
    if call.query.get("coupons") is True:
        inventory["coupons"] = ctx.store.reserved_coupons(pid)
    return 200, inventory


def delete_customer_data(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    pid = call.path["integrationId"]
    profile_or_404(ctx, pid)
    for session in ctx.store.sessions_of(pid):
        session["attributes"] = {}
        session["cartItems"] = [{k: v for k, v in item.items() if k != "attributes"} for item in session["cartItems"]]
        ctx.store.put_session(session)
    for event in ctx.store.events_of(pid):
        event["attributes"] = {}
        ctx.store.put_event(event)
    ctx.store.unreserve_profile(pid)
    ctx.store.delete_profile(pid)
    return 204, None


HANDLERS: dict[str, Handler] = {
    "updateCustomerProfile": update_customer_profile,
    "updateCustomerSession": update_customer_session,
    "updateCustomerSessionV2": update_customer_session_v2,
    "trackEvent": track_event_handler,
    "createReferral": create_referral,
    "createCouponReservation": create_coupon_reservation,
    "deleteCouponReservation": delete_coupon_reservation,
    "getReservedCustomers": get_reserved_customers,
    "getReservedCoupons": get_reserved_coupons,
    "getCustomerInventory": get_customer_inventory,
    "deleteCustomerData": delete_customer_data,
}
