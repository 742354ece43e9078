"""Sessions, events and profiles: the operations that return an integration state.

One function, :func:`update_session`, serves the v1 and v2 session updates (they
edit the same stored sessions); :func:`track_event` and :func:`update_profile`
record custom and profile events. Each returns a :class:`Result` that the handlers
shape into the v1 ``IntegrationState`` or the v2 ``IntegrationStateV2``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..._model.pointer import escape
from .._storage import Doc
from .._time import parse_time
from .context import ApiProblem, RequestContext, public
from .loyalty import balances, card_owner, entry_left, profile_owner
from .rules import EffectRecord, Outcome, Situation, evaluate

__all__ = [
    "Result",
    "SessionChanges",
    "card_key",
    "card_ledger",
    "check_attributes",
    "merge",
    "new_card",
    "profile_ledger",
    "put_card",
    "record_entry",
    "record_event",
    "reopen",
    "return_items",
    "rollback_points",
    "session_current",
    "track_event",
    "update_profile",
    "update_session",
]


TRANSITIONS = {("open", "open"), ("open", "closed"), ("open", "cancelled"), ("closed", "cancelled")}
EVENT_FOR = {
    ("open", "open"): "talon_session_updated",
    ("open", "closed"): "talon_session_closed",
    ("open", "cancelled"): "talon_session_cancelled",
    ("closed", "cancelled"): "talon_session_revoked",
}


@dataclass(frozen=True)
class SessionChanges:
    """What a session update asks for; None means "keep what is stored"."""

    profile_id: str | None = None
    coupon_codes: list[str] | None = None
    referral_code: str | None = None
    state: str | None = None
    cart_items: list[Doc] | None = None
    additional_costs: Doc | None = None
    identifiers: list[str] | None = None
    attributes: Doc | None = None
    total: float | None = None
    loyalty_cards: list[str] | None = None
    pointer: str = ""
    """Where the session's fields sit in the request body, for error pointers."""


@dataclass
class Result:
    """What a session update, event or profile update produced."""

    session: Doc
    profile: Doc | None
    event: Doc
    effects: list[EffectRecord] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)


def merge(stored: Mapping[str, Any], changes: Mapping[str, Any] | None) -> Doc:
    """Attributes merged: new keys added, existing ones replaced, null values ignored."""
    merged = dict(stored)
    for key, value in (changes or {}).items():
        if value is not None:
            merged[key] = value
    return merged


def check_attributes(ctx: RequestContext, entity: str, attributes: Mapping[str, Any] | None, pointer: str) -> None:
    """400 for an attribute the campaigns file's registry does not define (when it has one)."""
    known = None if ctx.campaigns.attributes is None else ctx.campaigns.attributes.get(entity)
    if known is None or not attributes:
        return
    for name in attributes:
        if name not in known:
            escaped = escape(name)
            raise ApiProblem.invalid(
                "Unknown",
                f'The attribute "{name}" is not defined on {entity} entities.',
                pointer=f"{pointer}/attributes/{escaped}",
            )


def _totals(session: Mapping[str, Any]) -> tuple[float, float]:
    items = sum(float(item["price"]) * int(item["quantity"]) for item in session["cartItems"])
    costs = sum(float(cost.get("price") or 0) for cost in session["additionalCosts"].values())
    return items, costs


def session_total(session: Mapping[str, Any]) -> float:
    """The v1 total: what the client sent, else cart items plus additional costs."""
    if session.get("_total") is not None:
        return float(session["_total"])
    items, costs = _totals(session)
    return items + costs


def session_v1(session: Mapping[str, Any]) -> Doc:
    """The spec's v1 ``CustomerSession``."""
    codes = session["couponCodes"]
    return {
        "integrationId": session["integrationId"],
        "created": session["created"],
        "applicationId": session["applicationId"],
        "profileId": session["profileId"],
        "coupon": codes[0] if codes else "",
        "referral": session["referralCode"],
        "state": session["state"],
        "cartItems": session["cartItems"],
        "identifiers": session["identifiers"],
        "total": session_total(session),
        "attributes": session["attributes"],
        "firstSession": session["firstSession"],
        "discounts": session["discounts"],
    }


def session_v2(session: Mapping[str, Any]) -> Doc:
    """The spec's ``CustomerSessionV2`` (``couponCodes`` only when there are some)."""
    items, costs = _totals(session)
    view = {
        "integrationId": session["integrationId"],
        "created": session["created"],
        "applicationId": session["applicationId"],
        "profileId": session["profileId"],
        "referralCode": session["referralCode"],
        "state": session["state"],
        "cartItems": session["cartItems"],
        "additionalCosts": session["additionalCosts"],
        "identifiers": session["identifiers"],
        "attributes": session["attributes"],
        "firstSession": session["firstSession"],
        "total": items + costs,
        "cartItemTotal": items,
        "additionalCostTotal": costs,
    }
    if session["couponCodes"]:
        view["couponCodes"] = session["couponCodes"]
    if session.get("loyaltyCards"):
        view["loyaltyCards"] = session["loyaltyCards"]
    return view


def session_current(session: Mapping[str, Any]) -> Doc:
    """``CustomerSessionV2`` as Talon's current spec gives it: also its numeric id, update count and time."""
    return {
        **session_v2(session),
        "id": int(session.get("_id") or 0),
        "updateCount": int(session.get("_updates") or 0),
        "updated": str(session.get("_updated") or session["created"]),
    }


def _new_session(ctx: RequestContext, session_id: str, profile_id: str) -> Doc:
    first = not profile_id or ctx.store.count_sessions_of(profile_id) == 0
    return {
        "integrationId": session_id,
        "created": ctx.timestamp,
        "applicationId": ctx.application_id,
        "profileId": profile_id,
        "couponCodes": [],
        "referralCode": "",
        "state": "open",
        "cartItems": [],
        "additionalCosts": {},
        "identifiers": [],
        "attributes": {},
        "firstSession": first,
        "discounts": {},
        "_total": None,
        "_redeemed": None,
    }


def _positioned(ctx: RequestContext, items: list[Doc]) -> list[Doc]:
    """The cart as stored: each item with its position, and a price and quantity the rules can count on. An item
    without a price takes its catalog item's (``syncCatalog``), else 0; one without a quantity counts once
    (the current spec makes both optional: "price ... is required if this item is not part of a catalog")."""
    stored = []
    for index, item in enumerate(items):
        entry = {**item, "position": index}
        if "price" not in entry:
            entry["price"] = ctx.catalog_price(str(entry.get("sku", "")))
        entry.setdefault("quantity", 1)
        stored.append(entry)
    return stored


def record_event(
    ctx: RequestContext,
    kind: str,
    session: Doc | None,
    profile_id: str,
    attributes: Doc,
    effects: list[EffectRecord],
    outcome: Outcome,
) -> Doc:
    event: Doc = {
        "id": ctx.store.next_id("event"),
        "created": ctx.timestamp,
        "applicationId": ctx.application_id,
        "profileId": profile_id,
        "type": kind,
        "attributes": attributes,
        "effects": [effect.v1() for effect in effects],
        "ledgerEntries": [],
    }
    if session is not None:
        event["sessionId"] = session["integrationId"]
    meta: Doc = {}
    if outcome.accepted_coupons:
        meta["coupons"] = {c["value"]: c.get("attributes", {}) for c in outcome.accepted_coupons}
    if outcome.coupon_rejection is not None:
        meta["couponRejectionReason"] = outcome.coupon_rejection
    if outcome.referral_rejection is not None:
        meta["referralRejectionReason"] = outcome.referral_rejection
    if meta:
        event["meta"] = meta
    ctx.store.put_event(event)
    return event


def _apply(ctx: RequestContext, outcome: Outcome, session: Doc, profile: Doc | None, credit: bool) -> None:
    """Attribute updates always; loyalty points (added and deducted) only when ``credit`` (closing or a custom
    event): one ledger entry each, on the session's first loyalty card when it names one (card programs), else
    on the profile's ledger. The entries are remembered on the session (``_points``) for a rollback."""
    for entity, name, value in outcome.attribute_updates:
        if entity == "session":
            session["attributes"] = {**session["attributes"], name: value}
        elif profile is not None:
            profile["attributes"] = {**profile["attributes"], name: value}
    if not credit or profile is None or not outcome.loyalty:
        return
    cards = [str(card) for card in session.get("loyaltyCards") or []]
    # copy on write: the stored document's nested values are shared with the store's cache
    ledgers = {program: dict(known) for program, known in (profile.get("_loyalty") or {}).items()}
    made = list(session.get("_points") or [])
    for points in outcome.loyalty:
        if cards:
            owner = card_ledger(_card_for(ctx, int(points["programId"]), cards[0]))
            points["effect"]["cardIdentifier"] = cards[0]
        else:
            ledgers.setdefault(str(points["programId"]), {}).setdefault(str(points["subLedgerId"]), 0)
            owner = profile_ledger(points["programId"], profile["integrationId"])
        entry = record_entry(ctx, owner, points, session)
        points["effect"]["transactionUUID"] = entry["transactionUUID"]
        made.append([owner, entry["id"]])
    profile["_loyalty"] = ledgers
    session["_points"] = made


def profile_ledger(program: Any, integration_id: str) -> str:
    """The owner of a profile's ledger entries in one loyalty program."""
    return profile_owner(program, integration_id)


def card_ledger(card: Mapping[str, Any]) -> str:
    """The owner of a loyalty card's ledger entries."""
    return card_owner(card["programID"], card["identifier"])


def card_key(program: Any, identifier: str) -> str:
    """A loyalty card's key in the store: its program and its identifier."""
    return f"{program}:{identifier}"


def put_card(ctx: RequestContext, card: Doc) -> None:
    """Store a loyalty card (listed by its program)."""
    ctx.store.put_entity("loyaltyCard", card_key(card["programID"], card["identifier"]), card, str(card["programID"]))


def _card_for(ctx: RequestContext, program: int, identifier: str) -> Doc:
    """A session's loyalty card in a program, made on first use (inferred, see docs/sandbox.md)."""
    card = ctx.store.entity("loyaltyCard", card_key(program, identifier))
    if card is None:
        card = new_card(ctx, program, identifier)
        put_card(ctx, card)
    return card


def record_entry(
    ctx: RequestContext, owner: str, points: Mapping[str, Any], session: Mapping[str, Any], *, of: int | None = None
) -> Doc:
    """One ledger entry (the current API's loyalty transactions and points) for points a rule credited or took
    (``value`` negative), or for the rollback (``of``) of an earlier addition. The entry is returned."""
    number = ctx.store.next_id("ledger")
    value = float(points["value"])
    entry: Doc = {
        "id": number,
        "transactionUUID": f"00000000-0000-4000-8000-{number:012d}",
        "created": ctx.timestamp,
        "programId": int(points["programId"]),
        "customerSessionId": str(session.get("integrationId") or ""),
        "type": "addition" if value >= 0 else "subtraction",
        "name": str(points.get("name") or "Rule"),
        "startDate": str(points.get("startDate") or "immediate"),
        "expiryDate": str(points.get("expiryDate") or "unlimited"),
        "subledgerId": str(points.get("subLedgerId") or ""),
        "amount": abs(value),
    }
    if of is not None:
        entry["_of"] = of
    if points.get("position") is not None:
        entry["_position"] = int(points["position"])
    ctx.store.put_entity("ledgerEntry", str(number), entry, owner)
    return entry


def rollback_points(
    ctx: RequestContext, session: Doc, returned: Mapping[int, float] | None = None
) -> list[EffectRecord]:
    """The points a session's closing credited and took, rolled back: a cancelled or reopened session (all of
    them), or returned items (``returned``: the share of each cart position given back; only the points earned
    on those items). An addition is rolled back as far as its program's ``returnPolicy`` allows (``only_pending``:
    what is still pending; ``within_balance``: active points too, down to 0; the spec's ``returnPolicy`` and
    ``reopenCustomerSession``); a deduction is given back in full (the spec's ``rollbackDeductedLoyaltyPoints``)."""
    effects: list[EffectRecord] = []
    remembered = list(session.get("_points") or [])
    for owner, number in remembered:
        entries = ctx.store.entities("ledgerEntry", owner)
        entry = next((e for e in entries if e["id"] == number), None)
        if entry is None:  # deleted since (deleteLoyaltyTransactionsFromLedgers)
            continue
        recipient = str(session.get("profileId") or "")
        card = owner.split(":", 2)[2] if owner.startswith("card:") else None
        base = {
            "programId": entry["programId"],
            "subLedgerId": entry["subledgerId"],
            "recipientIntegrationId": recipient,
        }
        if card is not None:
            base["cardIdentifier"] = card
        if entry["type"] == "subtraction":
            if returned is not None or any(e.get("_of") == number for e in entries):
                continue
            back = record_entry(ctx, owner, {**entry, "value": entry["amount"]}, session, of=number)
            props = {**base, "value": entry["amount"], "transactionUUID": back["transactionUUID"]}
            effects.append(EffectRecord(-1, -1, -1, "", "rollbackDeductedLoyaltyPoints", props))
            continue
        position = entry.get("_position")
        if returned is not None and (position is None or position not in returned):
            continue
        share = 1.0 if returned is None or position is None else returned[int(position)]
        wanted = float(entry["amount"]) * share - sum(float(e["amount"]) for e in entries if e.get("_of") == number)
        left = entry_left(entries, ctx.now).get(number, 0.0)
        pending = parse_time(entry["startDate"]) > ctx.now if entry["startDate"] != "immediate" else False
        if pending:
            take = min(wanted, left)
        elif ctx.campaigns.program(entry["programId"]).return_policy == "within_balance":
            active = balances(entries, ctx.now).get(entry["subledgerId"])
            take = min(wanted, active.active if active is not None else 0.0)
        else:
            take = 0.0
        if take <= 0:
            continue
        taken = record_entry(ctx, owner, {**entry, "value": -take, "name": "Rollback"}, session, of=number)
        props = {**base, "value": round(take, 6), "transactionUUID": taken["transactionUUID"]}
        if position is not None:
            props["cartItemPosition"] = position
        effects.append(EffectRecord(-1, -1, -1, "", "rollbackAddedLoyaltyPoints", props))
    return effects


def new_card(ctx: RequestContext, program: int, identifier: str) -> Doc:
    """A loyalty card document (not yet stored)."""
    return {
        "id": ctx.store.next_id("loyaltyCard"),
        "created": ctx.timestamp,
        "programID": program,
        "status": "active",
        "identifier": identifier,
        "usersPerCardLimit": 1,
        "profiles": [],
    }


def _count_use(ctx: RequestContext, kind: str, code: Doc, profile_id: str, sign: int) -> None:
    """One use of a coupon or referral (``kind``) counted (``sign`` +1, closing) or given back (-1, cancelling)."""
    code["usageCounter"] = max(0, code["usageCounter"] + sign)
    (ctx.store.put_coupon if kind == "coupon" else ctx.store.put_referral)(code)
    ctx.bump(code["campaignId"], f"{kind}RedemptionCount", sign)
    if profile_id:
        ctx.store.add_redemptions(code["campaignId"], kind, profile_id, sign)
        if kind == "coupon":  # this coupon's uses by this profile (the current API's profileRedemptionCount)
            ctx.store.add_redemptions(code["campaignId"], f"coupon:{code['id']}", profile_id, sign)


def _count_purchase(profile: Doc | None, total: float, sign: int) -> None:
    """The profile's closed sessions and total sales, counted (+1) or given back (-1)."""
    if profile is not None:
        profile["closedSessions"] = max(0, profile["closedSessions"] + sign)
        profile["totalSales"] = round(profile["totalSales"] + sign * total, 6)


def _redeem(ctx: RequestContext, outcome: Outcome, session: Doc, profile: Doc | None) -> list[EffectRecord]:
    """Closing: count coupon and referral uses, the profile's purchase, and remember it for a rollback."""
    extra: list[EffectRecord] = []
    pid = session["profileId"]
    for coupon in outcome.accepted_coupons:
        _count_use(ctx, "coupon", coupon, pid, 1)
    referral = outcome.accepted_referral
    if referral is not None:
        _count_use(ctx, "referral", referral, pid, 1)
        accept = next(e for e in outcome.effects if e.effect_type == "acceptReferral")
        extra.append(
            EffectRecord(
                accept.campaign_id,
                accept.ruleset_id,
                accept.rule_index,
                accept.rule_name,
                "redeemReferral",
                {"id": referral["id"], "value": referral["code"]},
            )
        )
    discounts = [e for e in outcome.effects if e.effect_type in ("setDiscount", "setDiscountPerItem")]
    for effect in discounts:
        ctx.bump(effect.campaign_id, "discountEffectCount", 1)
        ctx.bump(effect.campaign_id, "discountCount", round(effect.props["value"]))
    total = session_total(session)
    session["_redeemed"] = {
        "coupons": [c["value"] for c in outcome.accepted_coupons],
        "referral": None if referral is None else referral["code"],
        "discounts": [
            [e.campaign_id, e.ruleset_id, e.rule_index, e.rule_name, e.props["name"], e.props["value"]]
            + ([e.props["position"]] if "position" in e.props else [])
            for e in discounts
        ],
        "total": total,
    }
    _count_purchase(profile, total, 1)
    return extra


def _rollback(ctx: RequestContext, session: Doc, profile: Doc | None) -> list[EffectRecord]:
    """Cancelling a closed session: undo its redemptions; rollbackCoupon / rollbackDiscount effects."""
    redeemed = session.get("_redeemed") or {}
    effects: list[EffectRecord] = []
    pid = session["profileId"]
    for code in redeemed.get("coupons", []):
        coupon = ctx.store.coupon(code)
        if coupon is None:
            continue
        _count_use(ctx, "coupon", coupon, pid, -1)
        campaign = ctx.campaigns.by_id.get(coupon["campaignId"])
        ruleset = campaign.ruleset_id if campaign else -1
        effects.append(EffectRecord(coupon["campaignId"], ruleset, -1, "", "rollbackCoupon", {"value": code}))
    referral = ctx.store.referral(redeemed["referral"]) if redeemed.get("referral") else None
    if referral is not None:
        _count_use(ctx, "referral", referral, pid, -1)
    for campaign_id, ruleset_id, rule_index, rule_name, name, value, *_ in redeemed.get("discounts", []):
        effects.append(
            EffectRecord(
                campaign_id, ruleset_id, rule_index, rule_name, "rollbackDiscount", {"name": name, "value": value}
            )
        )
    _count_purchase(profile, redeemed.get("total", 0), -1)
    session["_redeemed"] = None
    effects.extend(rollback_points(ctx, session))
    session["_points"] = []
    return effects


def _situation(ctx: RequestContext, kinds: frozenset[str], session: Doc, profile: Doc | None, codes: bool) -> Situation:
    return Situation(
        now=ctx.now,
        event_types=kinds,
        profile_id=session["profileId"],
        profile_attributes=(profile or {}).get("attributes", {}),
        session_attributes=session["attributes"],
        cart_items=session["cartItems"],
        additional_cost_total=sum([float(cost.get("price") or 0) for cost in session["additionalCosts"].values()]),
        coupon_codes=session["couponCodes"] if codes else [],
        referral_code=session["referralCode"] if codes else "",
        loyalty_cards=tuple(str(card) for card in session.get("loyaltyCards") or []),
    )


def _owner_problem(session_id: str, owner: str) -> ApiProblem:
    return ApiProblem.invalid(
        "Session belongs to another profile",
        f'The customer session "{session_id}" belongs to another customer profile.',
        pointer="/profileId",
    )


def update_session(
    ctx: RequestContext, session_id: str, changes: SessionChanges, *, keep_effects: bool = False
) -> Result:
    """Create or update a session: state machine, rules, closing and cancelling. With ``keep_effects`` the
    update's effects (v2 form) are stored with the session, for the current API's ``getCustomerSession``."""
    stored = ctx.store.session(session_id)
    old = "open" if stored is None else stored["state"]
    new = changes.state or old
    if (old, new) not in TRANSITIONS:
        raise ApiProblem(
            400,
            f'Cannot move session to state "{new}" from state "{old}"',
            [
                {
                    "title": "Invalid state transition",
                    "details": f'Cannot move session to state "{new}" from state "{old}"',
                    "source": {"pointer": f"{changes.pointer}/state"},
                }
            ],
        )
    owner = "" if stored is None else stored["profileId"]
    pid = owner if changes.profile_id is None else changes.profile_id
    if owner and pid != owner:
        raise _owner_problem(session_id, owner)
    check_attributes(ctx, "CustomerSession", changes.attributes, changes.pointer)
    session = _new_session(ctx, session_id, pid) if stored is None else dict(stored)
    if stored is not None and not owner and pid:
        session["firstSession"] = ctx.store.count_sessions_of(pid) == 0
    session["profileId"] = pid
    if "_id" not in session:
        session["_id"] = ctx.store.next_id("session")
    session["_updates"] = int(session.get("_updates", -1)) + 1
    session["_updated"] = ctx.timestamp
    for key, value in (
        ("loyaltyCards", changes.loyalty_cards),
        ("couponCodes", changes.coupon_codes),
        ("referralCode", changes.referral_code),
        ("identifiers", changes.identifiers),
        ("additionalCosts", changes.additional_costs),
    ):
        if value is not None:
            session[key] = value
    if changes.cart_items is not None:
        session["cartItems"] = _positioned(ctx, changes.cart_items)
    if changes.total is not None:
        session["_total"] = changes.total
    session["attributes"] = merge(session["attributes"], changes.attributes)
    session["state"] = new
    if not math.isfinite(sum(_totals(session)) + float(session.get("_total") or 0)):
        # JSON has no Infinity: a cart whose amounts overflow cannot be stored or answered.
        raise ApiProblem.invalid(
            "Out of range", "the cart's amounts add up to more than can be represented", pointer=changes.pointer
        )
    profile = ctx.ensure_profile(pid) if pid else None
    kind = "talon_session_created" if stored is None else EVENT_FOR[(old, new)]
    outcome = Outcome()
    if (old, new) == ("closed", "cancelled"):
        effects = _rollback(ctx, session, profile)
    elif new == "cancelled":
        effects = []
    else:
        kinds = {kind} | ({"talon_session_closed"} if new == "closed" else set())
        outcome = evaluate(ctx.campaigns, _situation(ctx, frozenset(kinds), session, profile, True), ctx, ctx.reasons)
        session["discounts"] = outcome.discounts
        closing = new == "closed"
        _apply(ctx, outcome, session, profile, credit=closing)
        effects = list(outcome.effects) + (_redeem(ctx, outcome, session, profile) if closing else [])
    if profile is not None:
        profile["lastActivity"] = ctx.timestamp
        ctx.store.put_profile(profile)
    if keep_effects:
        session["_effects"] = [effect.v2(current=True) for effect in effects]
    ctx.store.put_session(session)
    event = record_event(ctx, kind, session, pid, {}, effects, outcome)
    return Result(session, profile, event, effects, outcome)


def reopen(ctx: RequestContext, session: Doc) -> list[EffectRecord]:
    """A closed session opened again: what its closing redeemed and counted is rolled back (the rollback
    effects are returned), and it is open for changes."""
    profile = ctx.store.profile(session["profileId"]) if session["profileId"] else None
    effects = _rollback(ctx, session, profile)
    # The spec: "The talon_session_reopened event is triggered".
    record_event(ctx, "talon_session_reopened", session, session["profileId"], {}, effects, Outcome())
    session["state"] = "open"
    session["_updates"] = int(session.get("_updates") or 0) + 1
    session["_updated"] = ctx.timestamp
    if profile is not None:
        ctx.store.put_profile(profile)
    ctx.store.put_session(session)
    return effects


def return_items(
    ctx: RequestContext, session: Doc, wanted: list[Mapping[str, Any]]
) -> tuple[list[Doc], Doc, list[EffectRecord]]:
    """Items of a closed session returned, as Talon keeps them: each item keeps its ``quantity`` and gets
    ``returnedQuantity`` / ``remainingQuantity``; the effects tied to the returned items are rolled back (their
    share of per-item discounts, ``rollbackDiscount`` with the item's position, and of per-item points, as the
    program's return policy allows); the profile's ``totalSales`` drop by the returned value; the session is
    ``partially_returned``. The returned items, the event recorded and the rollback effects are returned."""
    items = [dict(item) for item in session["cartItems"]]
    returned: list[Doc] = []
    shares: dict[int, float] = {}
    value = 0.0
    for index, asked in enumerate(wanted):
        position = asked.get("position")
        if position is None and asked.get("sku"):
            position = next(
                (n for n, item in enumerate(items) if item.get("sku") == asked["sku"] and _remaining(item) > 0), None
            )
        if not isinstance(position, int) or not 0 <= position < len(items):
            raise ApiProblem.invalid(
                "Not found", f"no cart item at position {position}", pointer=f"/return/returnedCartItems/{index}"
            )
        item = items[position]
        remaining = _remaining(item)
        quantity = int(asked.get("quantity") or remaining)
        if not 0 < quantity <= remaining:
            raise ApiProblem.invalid(
                "Invalid quantity",
                f"{quantity} cannot be returned: {remaining} of the item at position {position} remain",
                pointer=f"/return/returnedCartItems/{index}/quantity",
            )
        item["returnedQuantity"] = int(item.get("returnedQuantity") or 0) + quantity
        item["remainingQuantity"] = int(item["quantity"]) - item["returnedQuantity"]
        shares[position] = shares.get(position, 0.0) + quantity / int(item["quantity"])
        value += quantity * float(item.get("price") or 0)
        returned.append({"position": position, "quantity": quantity, **({"sku": item["sku"]} if "sku" in item else {})})
    effects: list[EffectRecord] = []
    redeemed = session.get("_redeemed") or {}
    for campaign_id, ruleset_id, rule_index, rule_name, name, amount, *where in redeemed.get("discounts", []):
        if where and where[0] in shares:
            props = {"name": name, "value": round(amount * shares[where[0]], 2), "cartItemPosition": where[0]}
            effects.append(EffectRecord(campaign_id, ruleset_id, rule_index, rule_name, "rollbackDiscount", props))
    effects.extend(rollback_points(ctx, session, shares))
    session["cartItems"] = items
    session["state"] = "partially_returned"
    session["_updated"] = ctx.timestamp
    profile = ctx.store.profile(session["profileId"]) if session["profileId"] else None
    if profile is not None:
        profile["totalSales"] = round(float(profile.get("totalSales") or 0) - value, 6)
        ctx.store.put_profile(profile)
    event = record_event(ctx, "talon_session_partially_returned", session, session["profileId"], {}, effects, Outcome())
    ctx.store.put_session(session)
    return returned, event, effects


def _remaining(item: Mapping[str, Any]) -> int:
    return int(item["quantity"]) - int(item.get("returnedQuantity") or 0)


def track_event(ctx: RequestContext, body: Mapping[str, Any]) -> Result:
    """Record a custom event in a session (created if needed) and run the rules for it."""
    kind = body["type"]
    if kind.startswith("talon_"):
        raise ApiProblem.invalid("Reserved event type", f'"{kind}" is a reserved event name.', pointer="/type")
    types = ctx.campaigns.event_types
    if types is not None and kind not in types:
        raise ApiProblem.invalid("Unknown", f'The event type "{kind}" is not defined.', pointer="/type")
    check_attributes(ctx, "Event", body.get("attributes"), "")
    pid = body.get("profileId")
    session_id = body.get("sessionId")
    if session_id is None:  # a spec loosened by an overlay: an event of the profile alone, as a profile update is
        sessions = ctx.store.sessions_of(pid) if pid else []
        stored = sessions[-1] if sessions else None
        session = stored or _new_session(ctx, "", pid or "")
    else:
        stored = ctx.store.session(session_id)
        if stored is not None and pid is not None and pid != stored["profileId"]:
            raise _owner_problem(session_id, stored["profileId"])
        session = stored or _new_session(ctx, session_id, pid or "")
    profile = ctx.ensure_profile(session["profileId"]) if session["profileId"] else None
    situation = _situation(ctx, frozenset({kind}), session, profile, False)
    outcome = evaluate(ctx.campaigns, situation, ctx, ctx.reasons)
    _apply(ctx, outcome, session, profile, credit=True)
    if profile is not None:
        profile["lastActivity"] = ctx.timestamp
        ctx.store.put_profile(profile)
    if session_id is not None or stored is not None:
        ctx.store.put_session(session)
    in_session = session if session_id is not None or stored is not None else None
    attributes = dict(body.get("attributes") or {})
    event = record_event(ctx, kind, in_session, session["profileId"], attributes, outcome.effects, outcome)
    return Result(session, profile, event, list(outcome.effects), outcome)


def update_profile(
    ctx: RequestContext, integration_id: str, attributes: Mapping[str, Any] | None, *, run_rules: bool = True
) -> Result:
    """Create or update a profile (attributes merged) and record a ``talon_profile_updated`` event; the rules run
    for it unless ``run_rules`` is false (then no effect and none of their state changes)."""
    check_attributes(ctx, "CustomerProfile", attributes, "")
    profile = ctx.ensure_profile(integration_id)
    profile["attributes"] = merge(profile["attributes"], attributes)
    sessions = ctx.store.sessions_of(integration_id)
    session = sessions[-1] if sessions else _new_session(ctx, "", integration_id)
    outcome = Outcome()
    if run_rules:
        situation = _situation(ctx, frozenset({"talon_profile_updated"}), session, profile, False)
        outcome = evaluate(ctx.campaigns, situation, ctx, ctx.reasons)
        _apply(ctx, outcome, session, profile, credit=False)
    profile["lastActivity"] = ctx.timestamp
    ctx.store.put_profile(profile)
    if sessions:
        ctx.store.put_session(session)
    event = record_event(
        ctx, "talon_profile_updated", None, integration_id, dict(attributes or {}), outcome.effects, outcome
    )
    return Result(session, profile, event, list(outcome.effects), outcome)


def profile_view(profile: Mapping[str, Any], *, current: bool = False) -> Doc:
    """The spec's ``CustomerProfile`` for a stored profile; ``current`` adds the current API's numeric ``id`` (the
    order in which the sandbox first saw the profile)."""
    view = public(profile)
    if current and "_id" in profile:
        view["id"] = profile["_id"]
    return view
