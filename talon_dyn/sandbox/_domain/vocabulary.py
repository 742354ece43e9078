"""The rules' vocabulary as a registry: each condition and effect a campaign may use, in one place.

An entry is a name, the JSON Schema of its arguments in ``campaigns.yaml`` (the campaigns schema is
built from the registry), a one-line doc, and the function that evaluates it; an effect also has the
order of its props in the spec (the v1 array effects carry them in that order). A new condition or
effect is one decorated function here, as jsonschema registers its keywords.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._time import DURATION_PATTERN
from .loyalty import addition_window

if TYPE_CHECKING:
    from .campaigns import CampaignDef, Rule
    from .rules import Situation, _Run

__all__ = ["CONDITIONS", "DURATION", "EFFECTS", "Condition", "Effect", "matches_item", "money"]

_NAME = {"type": "string", "minLength": 1}
_ATTRIBUTE_TEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "equals"],
    "properties": {"name": _NAME, "equals": {}},
}
_ITEM_MATCH = {
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {"sku": _NAME, "category": _NAME},
}
_DISCOUNT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "oneOf": [{"required": ["amount"]}, {"required": ["percent"]}],
    "properties": {
        "name": _NAME,
        "amount": {"type": "number", "minimum": 0},
        "percent": {"type": "number", "minimum": 0, "maximum": 100},
        "sku": _NAME,
        "category": _NAME,
    },
}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


Holds = Callable[[Any, "Situation", bool, bool], bool]
Applies = Callable[["_Run", "CampaignDef", "Rule", Any], None]


@dataclass(frozen=True)
class Condition:
    name: str
    schema: Mapping[str, Any]
    doc: str
    holds: Holds


Allows = Callable[["_Run", Any], bool]


@dataclass(frozen=True)
class Effect:
    name: str
    schema: Mapping[str, Any]
    doc: str
    props: tuple[str, ...]
    apply: Applies
    allows: Allows | None = None
    """A condition the effect puts on its rule: the rule fires only when every such condition holds."""


CONDITIONS: dict[str, Condition] = {}
EFFECTS: dict[str, Effect] = {}


def condition(name: str, schema: Mapping[str, Any], doc: str) -> Callable[[Holds], Holds]:
    def register(holds: Holds) -> Holds:
        CONDITIONS[name] = Condition(name, schema, doc, holds)
        return holds

    return register


def effect(
    name: str, schema: Mapping[str, Any], doc: str, props: tuple[str, ...], allows: Allows | None = None
) -> Callable[[Applies], Applies]:
    def register(apply: Applies) -> Applies:
        EFFECTS[name] = Effect(name, schema, doc, props, apply, allows)
        return apply

    return register


def matches_item(item: Mapping[str, Any], args: Mapping[str, Any]) -> bool:
    return all(item.get(key) == args[key] for key in ("sku", "category") if key in args)


def money(value: float) -> float:
    return round(value + 0.0, 2)


# -- conditions -------------------------------------------------------------


@condition("cartTotalAtLeast", {"type": "number"}, "the cart's total is at least N")
def _cart_total(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    return situation.cart_total >= float(args)


@condition("itemPresent", _ITEM_MATCH, "an item with this sku and/or category is in the cart")
def _item_present(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    if len(args) == 1:
        ((key, value),) = args.items()
        return value in situation.cart_values[key]
    return any(matches_item(item, args) for item in situation.cart_items)


@condition("profileAttribute", _ATTRIBUTE_TEST, "the session's profile has attribute `name` equal to `equals`")
def _profile_attribute(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    return bool(situation.profile_id) and situation.profile_attributes.get(args["name"]) == args["equals"]


@condition("sessionAttribute", _ATTRIBUTE_TEST, "the session has attribute `name` equal to `equals`")
def _session_attribute(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    return bool(situation.session_attributes.get(args["name"]) == args["equals"])


@condition("eventType", _NAME, "the event being tracked has this type")
def _event_type(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    return str(args) in situation.event_types


@condition("couponValid", {"const": True}, "a valid coupon of this campaign is in the session")
def _coupon_valid(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    return coupon_ok


@condition("referralValid", {"const": True}, "a valid referral code of this campaign is in the session")
def _referral_valid(args: Any, situation: Situation, coupon_ok: bool, referral_ok: bool) -> bool:
    return referral_ok


# -- effects ----------------------------------------------------------------


def _add_discount(run: _Run, name: str, value: float) -> None:
    run.remaining -= value
    run.out.discounts[name] = money(run.out.discounts.get(name, 0.0) + value)


@effect("setDiscount", _DISCOUNT, "a discount on what is left of the cart", ("name", "value"))
def _set_discount(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    value = run.discount(run.remaining, args)
    _add_discount(run, args["name"], value)
    run.emit(campaign, rule, "setDiscount", {"name": args["name"], "value": value})


@effect("setDiscountPerItem", _DISCOUNT, "a discount on each matching item", ("name", "value", "position"))
def _set_discount_per_item(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    for position, item in enumerate(run.situation.cart_items):
        if matches_item(item, args):
            value = run.discount(float(item["price"]) * int(item["quantity"]), args)
            _add_discount(run, args["name"], value)
            props = {"name": args["name"], "value": value, "position": position}
            run.emit(campaign, rule, "setDiscountPerItem", props)


@effect("addFreeItem", _object(["sku", "name"], sku=_NAME, name=_NAME), "a free item", ("sku", "name"))
def _add_free_item(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    run.emit(campaign, rule, "addFreeItem", {"sku": args["sku"], "name": args["name"]})


@effect(
    "showNotification",
    _object(["title", "body"], type=_NAME, title={"type": "string"}, body={"type": "string"}),
    "a notification for the shop to show",
    ("notificationType", "title", "body"),
)
def _show_notification(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    props = {"notificationType": args.get("type", "info"), "title": args["title"], "body": args["body"]}
    run.emit(campaign, rule, "showNotification", props)


@effect(
    "updateAttribute",
    _object(["path", "value"], path={"type": "string", "pattern": "^(profile|session)\\.[^.]+$"}, value={}),
    "set a profile or session attribute",
    ("path", "value"),
)
def _update_attribute(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    entity, _, attribute = args["path"].partition(".")
    if entity == "session" or run.situation.profile_id:
        run.out.attribute_updates.append((entity, attribute, args["value"]))
        run.emit(campaign, rule, "updateAttribute", {"path": args["path"], "value": args["value"]})


DURATION = {"type": "string", "pattern": DURATION_PATTERN}
"""A duration such as ``14D`` (``_time.parse_duration``): pending and expiry of loyalty points."""


@effect(
    "addLoyaltyPoints",
    _object(
        ["name", "programId", "value"],
        name=_NAME,
        programId={"type": "integer"},
        value={"type": "number", "minimum": 0},
        subLedgerId={"type": "string"},
        expiryCondition={"type": "string"},
        pendingDuration=DURATION,
        expiryDuration=DURATION,
        sku=_NAME,
        category=_NAME,
    ),
    "points for the session's profile (or its loyalty card); with sku/category, `value` per unit of each matching "
    "item; pending for `pendingDuration` and expiring `expiryDuration` after activation (the program's when left out)",
    ("name", "programId", "subLedgerId", "value", "recipientIntegrationId", "expiryCondition"),
)
def _add_loyalty_points(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    if not run.situation.profile_id:  # points need a profile to belong to
        return
    program = run.facts.program(int(args["programId"]))
    pending = args.get("pendingDuration", program.pending_duration)
    expiry = args.get("expiryDuration", program.expiry_duration)
    start, end = addition_window(run.situation.now, pending, expiry)
    per_item = "sku" in args or "category" in args
    targets: list[tuple[int | None, float]] = (
        [
            (position, float(args["value"]) * int(item["quantity"]))
            for position, item in enumerate(run.situation.cart_items)
            if matches_item(item, args)
        ]
        if per_item
        else [(None, float(args["value"]))]
    )
    for position, value in targets:
        props: dict[str, Any] = {
            "name": args["name"],
            "programId": args["programId"],
            "subLedgerId": args.get("subLedgerId", ""),
            "value": value,
            "recipientIntegrationId": run.situation.profile_id,
            "expiryCondition": args.get("expiryCondition", "unlimited"),
        }
        if start != "immediate":
            props["startDate"] = start
        if end != "unlimited":
            props["expiryDate"] = end
        if position is not None:
            props["cartItemPosition"] = position
        run.out.loyalty.append({**props, "startDate": start, "expiryDate": end, "position": position, "effect": props})
        run.emit(campaign, rule, "addLoyaltyPoints", props)


def _deductible(run: _Run, args: Any) -> bool:
    """Whether the session's profile (or card) has ``value`` active points left, after what this evaluation has
    deducted already. Source: ``DeductLoyaltyPointsEffectProps`` ("triggered whenever a validated rule contained a
    condition to only trigger when the given number of loyalty points could be deduced") and
    ``removeLoyaltyPoints`` ("Only active points can be deducted")."""
    situation = run.situation
    if not situation.profile_id:
        return False
    program, subledger = int(args["programId"]), str(args.get("subLedgerId", ""))
    taken = -sum(
        float(points["value"])
        for points in run.out.loyalty
        if float(points["value"]) < 0 and int(points["programId"]) == program and points["subLedgerId"] == subledger
    )
    available = run.facts.active_points(program, subledger, situation.profile_id, situation.loyalty_cards)
    return available - taken >= float(args["value"])


@effect(
    "deductLoyaltyPoints",
    _object(
        ["programId", "value"],
        programId={"type": "integer"},
        value={"type": "number", "exclusiveMinimum": 0},
        subLedgerId={"type": "string"},
        name=_NAME,
    ),
    "take active points from the session's profile (or its loyalty card); the rule fires only when there are enough",
    ("ruleTitle", "programId", "subLedgerId", "value"),
    allows=_deductible,
)
def _deduct_loyalty_points(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    program, subledger, value = int(args["programId"]), str(args.get("subLedgerId", "")), float(args["value"])
    props: dict[str, Any] = {
        "ruleTitle": rule.title,
        "programId": program,
        "subLedgerId": subledger,
        "value": value,
        "name": args.get("name", run.facts.program(program).name),
    }
    run.out.loyalty.append(
        {
            "name": props["name"],
            "programId": program,
            "subLedgerId": subledger,
            "value": -value,
            "startDate": "immediate",
            "expiryDate": "unlimited",
            "position": None,
            "effect": props,
        }
    )
    run.emit(campaign, rule, "deductLoyaltyPoints", props)


@effect(
    "couponCreated",
    {
        "type": "object",
        "additionalProperties": False,
        "properties": {"usageLimit": {"type": "integer", "minimum": 0}, "validDays": {"type": "integer", "minimum": 1}},
    },
    "a new coupon for the session's profile",
    ("value", "profileId"),
)
def _coupon_created(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    coupon = run.facts.create_coupon(campaign, run.situation.profile_id, args)
    run.out.created_coupons.append(coupon)
    run.emit(campaign, rule, "couponCreated", {"value": coupon["value"], "profileId": run.situation.profile_id})


@effect(
    "referralCreated",
    {"type": "object", "additionalProperties": False, "properties": {}},
    "a new referral code with the session's profile as advocate",
    ("value",),
)
def _referral_created(run: _Run, campaign: CampaignDef, rule: Rule, args: Any) -> None:
    if run.situation.profile_id:  # a referral needs an advocate
        referral = run.facts.create_referral(campaign, run.situation.profile_id)
        run.out.created_referrals.append(referral)
        run.emit(campaign, rule, "referralCreated", {"value": referral["code"]})
