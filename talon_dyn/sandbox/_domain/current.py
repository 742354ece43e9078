"""Handlers for Talon's current Integration API (the bundled spec named "current"), sharing the one state.

Sessions v2 (read, reopen, returns, loyalty cards), profiles v2 (one and many), events v2, loyalty (profile and
card balances, transactions and points, fed by the rules' ``addLoyaltyPoints``; cards generated, linked and
unlinked), audiences and memberships, catalog sync (prices used by carts), referrals for many advocates and the
campaigns list. What each one does, with the spec's own words as the source, is in docs/sandbox.md; answers are
completed to the loaded spec's schema by the pipeline (``synth.Instances.mend``), so a handler fills what the
state knows and leaves the rest to the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .._storage import Doc
from .._time import parse_time
from .context import ApiProblem, RequestContext, public
from .handlers import Call, Handler, create_referral, event_view, profile_or_404, update_customer_session_v2
from .loyalty import entry_left, loyalty_balance, points_status
from .sessions import (
    Result,
    card_key,
    card_ledger,
    new_card,
    profile_ledger,
    profile_view,
    put_card,
    reopen,
    return_items,
    session_current,
    track_event,
    update_profile,
)

__all__ = [
    "CURRENT_HANDLERS",
    "IDEMPOTENCY_WINDOW",
    "IDEMPOTENT_OPERATIONS",
    "MAX_IDEMPOTENCY_KEY",
    "handlers_for",
    "page",
]

IDEMPOTENT_OPERATIONS = frozenset(
    {
        "updateCustomerSessionV2",
        "reopenCustomerSession",
        "trackEventV2",
        "updateCustomerProfileV2",
        "updateCustomerProfilesV2",
        "returnCartItems",
    }
)
"""The operations Talon honours ``Idempotency-Key`` on (release 26.15, 2026-07), whatever spec a client read:
the sandbox replays their keyed answers even when the loaded spec does not declare the header."""
IDEMPOTENCY_WINDOW = timedelta(hours=24)
"""How long an answer is kept for its key ("expire 24 hours after the request is sent"), in sandbox time."""
MAX_IDEMPOTENCY_KEY = 255
"""The longest key ("should not exceed 255 characters in length")."""


def page(call: Call, items: list[Any], *, default_size: int = 50) -> Doc:
    """``items`` cut by the request's ``skip`` / ``pageSize`` (the current spec's defaults), with ``hasMore``."""
    skip = int(call.query.get("skip") or 0)
    size = int(call.query.get("pageSize") or default_size)
    chosen = items[skip : skip + size]
    return {"hasMore": skip + len(chosen) < len(items), "data": chosen}


# -- sessions ---------------------------------------------------------------------------------------------


def _session_or_404(ctx: RequestContext, call: Call) -> Doc:
    session = ctx.store.session(call.path["customerSessionId"])
    if session is None:
        raise ApiProblem.not_found("Customer session", "customerSessionId")
    return session


def get_customer_session(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    session = _session_or_404(ctx, call)
    return 200, {"customerSession": session_current(session), "effects": list(session.get("_effects") or [])}


def update_session_v2(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """The v2 update, answering the current ``CustomerSessionV2`` and keeping its effects for later reads."""
    return update_customer_session_v2(ctx, call, current=True)


def reopen_customer_session(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """A closed session back to open: what closing redeemed is rolled back (the spec: "the session's effects
    are rolled back ... and the session state is set to open")."""
    session = _session_or_404(ctx, call)
    if session["state"] != "closed":
        raise ApiProblem.invalid(
            "Invalid state transition",
            f'Only a closed session can be reopened, this one is "{session["state"]}"',
            parameter="customerSessionId",
        )
    effects = reopen(ctx, session)
    return 200, {"effects": [effect.v2(current=True) for effect in effects]}


def return_cart_items(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """Items of a closed (or partly returned) session returned (``sessions.return_items``). Source: the
    operation's description ("changes the session state from ``closed`` to ``partially_returned``"; "This will
    roll back any effects associated with these cart items") and ``CartItem.returnedQuantity`` /
    ``remainingQuantity`` ("calculated internally based on returns of this item")."""
    session = _session_or_404(ctx, call)
    if session["state"] not in ("closed", "partially_returned"):
        raise ApiProblem.invalid(
            "Invalid state", "Only the items of a closed session can be returned", parameter="customerSessionId"
        )
    earlier = _returns_of(ctx, session)
    returned, event, effects = return_items(ctx, session, call.body["return"]["returnedCartItems"])
    number = ctx.store.next_id("return")
    record = {
        "id": number,
        "created": ctx.timestamp,
        "applicationId": ctx.application_id,
        "accountId": ctx.account_id,
        "returnedCartItems": returned,
        "eventId": event["id"],
        "sessionId": int(session.get("_id") or 0),
        "sessionIntegrationId": session["integrationId"],
        "profileIntegrationId": session["profileId"],
    }
    ctx.store.put_entity("return", str(number), record, session["integrationId"])
    profile = ctx.store.profile(session["profileId"]) if session["profileId"] else None
    wanted_content = set(call.body.get("responseContent") or ())
    state: Doc = {
        "effects": [effect.v2(current=True) for effect in effects],
        "createdCoupons": [],
        "createdReferrals": [],
        "return": record,
    }
    if "customerSession" in wanted_content:
        state["customerSession"] = session_current(session)
    if "customerProfile" in wanted_content and profile is not None:
        state["customerProfile"] = _profile_view(ctx, profile)
    if "loyalty" in wanted_content and profile is not None:
        state["loyalty"] = ctx.loyalty(profile, current=True)
    if "event" in wanted_content:
        state["event"] = {**public(event), "effects": state["effects"]}
    if "previousReturns" in wanted_content:
        state["previousReturns"] = earlier
    return 200, state


def _returns_of(ctx: RequestContext, session: Mapping[str, Any]) -> list[Doc]:
    """The returns recorded for a session, oldest first."""
    return ctx.store.entities("return", session["integrationId"])


# -- profiles and events -------------------------------------------------------------------------------


def _profile_state(ctx: RequestContext, result: Result, wanted: set[str]) -> Doc:
    state: Doc = {
        "effects": [effect.v2(current=True) for effect in result.effects],
        "createdCoupons": result.outcome.created_coupons,
        "createdReferrals": result.outcome.created_referrals,
    }
    if "customerProfile" in wanted and result.profile is not None:
        state["customerProfile"] = _profile_view(ctx, result.profile)
    if "loyalty" in wanted and result.profile is not None:
        state["loyalty"] = ctx.loyalty(result.profile, current=True)
    if "event" in wanted:
        state["event"] = event_view(result, current=True)
    return state


def _profile_view(ctx: RequestContext, profile: Mapping[str, Any]) -> Doc:
    """The current API's ``CustomerProfile``: the stored profile and the audiences it was added to (id, name)."""
    view = profile_view(profile, current=True)
    memberships = []
    for member in ctx.store.entities("membership"):
        if member.get("profile") == profile["integrationId"] and "audience" in member:
            audience = ctx.store.entity("audience", str(member["audience"]))
            if audience is not None:
                memberships.append({"id": audience["id"], "name": audience.get("name", "")})
    view["audienceMemberships"] = memberships
    return view


def _audience_changes(ctx: RequestContext, integration_id: str, changes: Mapping[str, Any] | None) -> None:
    for audience in (changes or {}).get("adds") or []:
        _audience_or_404(ctx, int(audience), "audiencesChanges")
        membership = {"profile": integration_id, "audience": int(audience)}
        ctx.store.put_entity("membership", f"{audience}:{integration_id}", membership, str(audience))
    for audience in (changes or {}).get("deletes") or []:
        ctx.store.delete_entity("membership", f"{audience}:{integration_id}")


def update_customer_profile_v2(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """Source: the operation's ``runRuleEngine`` parameter (default ``false``: "the rules are not executed and
    the ``effects`` property is always empty"; nor do the rules' state changes happen). ``responseContent``
    ("you cannot use it" then) is honoured either way (inferred: a 400 would break callers for no gain)."""
    body = call.body or {}
    integration_id = call.path["integrationId"]
    run_rules = call.query.get("runRuleEngine") is True
    result = update_profile(ctx, integration_id, body.get("attributes"), run_rules=run_rules)
    _audience_changes(ctx, integration_id, body.get("audiencesChanges"))
    return 200, _profile_state(ctx, result, set(body.get("responseContent") or ()))


def update_customer_profiles_v2(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    states = []
    for index, entry in enumerate((call.body or {}).get("customerProfiles") or []):
        integration_id = entry.get("integrationId")
        if not integration_id:
            raise ApiProblem.invalid(
                "Required", "integrationId is required", pointer=f"/customerProfiles/{index}/integrationId"
            )
        result = update_profile(ctx, integration_id, entry.get("attributes"))
        states.append(_profile_state(ctx, result, {"customerProfile"}))
    return 200, {"integrationStates": states}


def track_event_v2(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    body = call.body
    event = {"type": body["type"], "attributes": body.get("attributes") or {}}
    if body.get("profileId"):
        event["profileId"] = body["profileId"]
    result = track_event(ctx, event)
    return 200, _profile_state(ctx, result, {"customerProfile", "event", *(body.get("responseContent") or ())})


# -- loyalty -----------------------------------------------------------------------------------------------


def _moment(ctx: RequestContext, call: Call) -> datetime:
    """``endDate`` ("balances before this timestamp ... any past, present, or future timestamp"), else now."""
    end = call.query.get("endDate")
    return parse_time(str(end)) if end else ctx.now


def get_loyalty_balances(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    pid = call.path["integrationId"]
    profile_or_404(ctx, pid)
    entries = ctx.store.entities("ledgerEntry", profile_ledger(call.path["loyaltyProgramId"], pid))
    return 200, loyalty_balance(entries, _moment(ctx, call), call.query.get("subledgerId"))


def _entries(ctx: RequestContext, call: Call, owner: str) -> list[Doc]:
    """A ledger's entries as the transactions operations list them, filtered by the query (sub-ledger, sessions,
    transaction type, creation ``startDate`` / ``endDate``)."""
    entries = ctx.store.entities("ledgerEntry", owner)
    subledger = call.query.get("subledgerId")
    sessions = call.query.get("customerSessionIDs")
    kind = call.query.get("loyaltyTransactionType")
    since, until = call.query.get("startDate"), call.query.get("endDate")
    return [
        public(entry)
        for entry in entries
        if (subledger is None or entry["subledgerId"] == subledger)
        and (not sessions or entry["customerSessionId"] in sessions)
        and (kind is None or kind == "session" or (kind == "manual" and not entry["customerSessionId"]))
        and (not since or parse_time(entry["created"]) >= parse_time(str(since)))
        and (not until or parse_time(entry["created"]) <= parse_time(str(until)))
    ]


def _profile_owner(ctx: RequestContext, call: Call) -> str:
    pid = call.path["integrationId"]
    profile_or_404(ctx, pid)
    return profile_ledger(call.path["loyaltyProgramId"], pid)


def get_profile_transactions(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    return 200, page(call, _entries(ctx, call, _profile_owner(ctx, call)))


def get_profile_points(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    return 200, page(call, _points(ctx, call, _profile_owner(ctx, call)))


_POINTS_KEYS = (
    "id",
    "transactionUUID",
    "created",
    "programId",
    "customerSessionId",
    "name",
    "startDate",
    "expiryDate",
    "subledgerId",
    "amount",
)
"""What a points entry shows of a ledger entry (the spec's ``LedgerPointsEntryIntegrationAPI``)."""


def _points(ctx: RequestContext, call: Call, owner: str) -> list[Doc]:
    """The additions of a ledger with points left in the asked ``status`` (default ``active``; ``pending``,
    ``expired``) at the sandbox's time; ``amount`` is what is left of each (spent and rolled back points gone)."""
    entries = ctx.store.entities("ledgerEntry", owner)
    left = entry_left(entries, ctx.now)
    wanted = call.query.get("status") or "active"
    subledger = call.query.get("subledgerId")
    found = []
    for entry in entries:
        if entry["type"] != "addition" or left.get(entry["id"], 0) <= 0:
            continue
        if subledger is not None and entry["subledgerId"] != subledger:
            continue
        if points_status(entry, ctx.now) == wanted:
            found.append({**{key: entry[key] for key in _POINTS_KEYS}, "amount": round(left[entry["id"]], 6)})
    return found


def _card_or_404(ctx: RequestContext, call: Call) -> Doc:
    card = ctx.store.entity("loyaltyCard", card_key(call.path["loyaltyProgramId"], call.path["loyaltyCardId"]))
    if card is None:
        raise ApiProblem.not_found("Loyalty card", "loyaltyCardId")
    return card


def _card_view(card: Mapping[str, Any]) -> Doc:
    return public(card)


def generate_loyalty_card(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    body = call.body or {}
    program = int(call.path["loyaltyProgramId"])
    identifier = body.get("cardIdentifier") or ctx.generate_code(
        "CARD-####-####", "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", "card"
    )
    if ctx.store.entity("loyaltyCard", card_key(program, identifier)) is not None:
        raise ApiProblem.invalid("Duplicate", f"a card {identifier!r} exists already", pointer="/cardIdentifier")
    card = new_card(ctx, program, identifier)
    card["status"] = body.get("status") or "active"
    card["profiles"] = [
        {"integrationId": pid, "timestamp": ctx.timestamp} for pid in body.get("customerProfileIds") or []
    ]
    put_card(ctx, card)
    return 200, _card_view(card)


def link_loyalty_card(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    card = _card_or_404(ctx, call)
    pid = call.body["integrationId"]
    profiles = [entry for entry in card.get("profiles") or [] if entry.get("integrationId") != pid]
    if len(profiles) >= int(card.get("usersPerCardLimit") or 1):
        raise ApiProblem.invalid(
            "Limit", "the card is linked to as many profiles as it may be", pointer="/integrationId"
        )
    ctx.ensure_profile(pid)
    card["profiles"] = [*profiles, {"integrationId": pid, "timestamp": ctx.timestamp}]
    put_card(ctx, card)
    return 200, _card_view(card)


def unlink_loyalty_card(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    card = _card_or_404(ctx, call)
    pid = call.body["integrationId"]
    card["profiles"] = [entry for entry in card.get("profiles") or [] if entry.get("integrationId") != pid]
    put_card(ctx, card)
    return 200, _card_view(card)


def get_card_balances(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    card = _card_or_404(ctx, call)
    entries = ctx.store.entities("ledgerEntry", card_ledger(card))
    balances = loyalty_balance(entries, _moment(ctx, call), call.query.get("subledgerId"))
    balances["profiles"] = card.get("profiles") or []
    return 200, balances


def get_card_transactions(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    card = _card_or_404(ctx, call)
    entries = _entries(ctx, call, card_ledger(card))
    return 200, page(call, [{**entry, "cardIdentifier": card["identifier"]} for entry in entries])


def get_card_points(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    card = _card_or_404(ctx, call)
    return 200, page(call, _points(ctx, call, card_ledger(card)))


def delete_loyalty_transactions(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """A profile's ledger entries of a program deleted, and its balances with them (scope ``AllSubledgers``,
    or ``SelectedSubledgers`` with the ``subledgerIds`` named)."""
    pid = call.path["integrationId"]
    profile_or_404(ctx, pid)
    program = str(call.path["loyaltyProgramId"])
    wanted = call.body.get("subledgerIds") if call.body.get("scope") == "SelectedSubledgers" else None
    for entry in ctx.store.entities("ledgerEntry", profile_ledger(program, pid)):
        if not wanted or entry["subledgerId"] in wanted:
            ctx.store.delete_entity("ledgerEntry", str(entry["id"]))
    return 204, None


# -- audiences, catalogs, referrals, campaigns -------------------------------------------------------------


def _audience_or_404(ctx: RequestContext, audience_id: int, parameter: str = "audienceId") -> Doc:
    audience = ctx.store.entity("audience", str(audience_id))
    if audience is None:
        raise ApiProblem.not_found("Audience", parameter)
    return audience


def create_audience(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    number = ctx.store.next_id("audience")
    audience = {"id": number, "created": ctx.timestamp, "accountId": ctx.account_id, **call.body}
    ctx.store.put_entity("audience", str(number), audience)
    return 201, audience


def update_audience(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    audience = {**_audience_or_404(ctx, int(call.path["audienceId"])), **call.body}
    ctx.store.put_entity("audience", str(audience["id"]), audience)
    return 200, audience


def delete_audience(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    audience = _audience_or_404(ctx, int(call.path["audienceId"]))
    ctx.store.delete_entities("membership", str(audience["id"]))
    ctx.store.delete_entity("audience", str(audience["id"]))
    return 204, None


def delete_memberships(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    audience = _audience_or_404(ctx, int(call.path["audienceId"]))
    ctx.store.delete_entities("membership", str(audience["id"]))
    return 204, None


def update_profile_audiences(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    for index, change in enumerate((call.body or {}).get("data") or []):
        audience = change.get("audienceId")
        pid = change.get("profileIntegrationId")
        if audience is None or not pid:
            raise ApiProblem.invalid(
                "Required", "audienceId and profileIntegrationId are required", pointer=f"/data/{index}"
            )
        _audience_or_404(ctx, int(audience), "audienceId")
        if change.get("action") == "delete":
            ctx.store.delete_entity("membership", f"{audience}:{pid}")
        else:
            ctx.ensure_profile(pid)
            membership = {"profile": pid, "audience": int(audience)}
            ctx.store.put_entity("membership", f"{audience}:{pid}", membership, str(audience))
    return 204, None


def update_audience_attributes(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """The attributes given, set on every profile of the audience."""
    audience = _audience_or_404(ctx, int(call.path["audienceId"]))
    attributes = call.body if isinstance(call.body, dict) else {}
    for member in ctx.store.entities("membership", str(audience["id"])):
        update_profile(ctx, member["profile"], attributes)
    return 204, None


def sync_catalog(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """ADD / PATCH / REMOVE (and their _MANY forms, by SKU) of catalog items; their prices then price carts whose
    items give none (the spec: an item's price "is required if this item is not part of a catalog")."""
    catalog_id = int(call.path["catalogId"])
    for action in call.body["actions"]:
        kind = str(action.get("type") or "").upper()
        payload = action.get("payload") or {}
        sku = str(payload.get("sku") or "")
        key = f"{catalog_id}:{sku}"
        if kind.startswith("REMOVE"):
            ctx.store.delete_entity("catalogItem", key)
        elif sku:
            item = {**(ctx.store.entity("catalogItem", key) or {}), **payload, "catalogid": catalog_id}
            ctx.store.put_entity("catalogItem", key, item, sku)
    meta = ctx.store.entity("catalog", str(catalog_id)) or {
        "id": catalog_id,
        "created": ctx.timestamp,
        "accountId": ctx.account_id,
        "name": f"catalog-{catalog_id}",
        "description": "",
        "createdBy": 1,
        "version": 0,
    }
    meta = {**meta, "modified": ctx.timestamp, "version": int(meta.get("version") or 0) + 1}
    ctx.store.put_entity("catalog", str(catalog_id), meta)
    return 200, meta


def create_referrals_for_advocates(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """Source: the operation's ``silent`` parameter (default ``yes``: "returning a 204 response"; ``no``: the
    created referrals, 201)."""
    body = call.body
    made = []
    for advocate in body["advocateProfileIntegrationIds"]:
        single = Call(call.operation, call.path, call.query, {**body, "advocateProfileIntegrationId": advocate})
        made.append(create_referral(ctx, single)[1])
    if str(call.query.get("silent", "yes")).lower() != "no":
        return 204, None
    return 201, {"totalResultSize": len(made), "data": made}


def get_all_campaigns(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    wanted = call.query.get("campaignIds")
    views = [ctx.campaign_view(campaign.id) for campaign in ctx.campaigns.by_id.values()]
    found = [view for view in views if view is not None and (not wanted or str(view["id"]) in map(str, wanted))]
    return 200, page(call, found)


def get_customer_inventory(ctx: RequestContext, call: Call) -> tuple[int, Any]:
    """What the flags ask for, from state: the profile, its loyalty (the ledger's balances), the coupons reserved
    for it and the referrals it advocates. Giveaways and achievements are not modelled (empty)."""
    profile = profile_or_404(ctx, call.path["integrationId"])
    query = call.query
    inventory: Doc = {}
    if query.get("profile"):
        inventory["profile"] = _profile_view(ctx, profile)
    if query.get("loyalty"):
        inventory["loyalty"] = ctx.loyalty(profile, current=True)
    if query.get("coupons"):
        pid = profile["integrationId"]
        inventory["coupons"] = [ctx.coupon_view(c, pid, current=True) for c in ctx.store.reserved_coupons(pid)]
    if query.get("referrals"):
        inventory["referrals"] = [public(r) for r in ctx.store.referrals_of(profile["integrationId"])]
    if query.get("giveaways"):
        inventory["giveaways"] = []
    if query.get("achievements"):
        inventory["achievements"] = []
    return 200, inventory


CURRENT_HANDLERS: dict[str, Handler] = {
    "getCustomerInventory": get_customer_inventory,
    "getCustomerSession": get_customer_session,
    "updateCustomerSessionV2": update_session_v2,
    "reopenCustomerSession": reopen_customer_session,
    "returnCartItems": return_cart_items,
    "updateCustomerProfileV2": update_customer_profile_v2,
    "updateCustomerProfilesV2": update_customer_profiles_v2,
    "trackEventV2": track_event_v2,
    "getLoyaltyBalances": get_loyalty_balances,
    "getLoyaltyProgramProfileTransactions": get_profile_transactions,
    "getLoyaltyProgramProfilePoints": get_profile_points,
    "generateLoyaltyCard": generate_loyalty_card,
    "linkLoyaltyCardToProfile": link_loyalty_card,
    "unlinkLoyaltyCardFromProfile": unlink_loyalty_card,
    "getLoyaltyCardBalances": get_card_balances,
    "getLoyaltyCardTransactions": get_card_transactions,
    "getLoyaltyCardPoints": get_card_points,
    "deleteLoyaltyTransactionsFromLedgers": delete_loyalty_transactions,
    "createAudienceV2": create_audience,
    "updateAudienceV2": update_audience,
    "deleteAudienceV2": delete_audience,
    "deleteAudienceMembershipsV2": delete_memberships,
    "updateCustomerProfileAudiences": update_profile_audiences,
    "updateAudienceCustomersAttributes": update_audience_attributes,
    "syncCatalog": sync_catalog,
    "createReferralsForMultipleAdvocates": create_referrals_for_advocates,
    "integrationGetAllCampaigns": get_all_campaigns,
}
"""The current API's operations with state; the rest of any spec is answered from its schemas alone."""


def handlers_for(current: bool) -> Mapping[str, Handler]:
    """The handlers of a spec: the bundled spec's, with the current API's added (and, for a spec shaped like the
    current one, its reading of the operations both share, such as ``updateCustomerSessionV2``). A live view of
    both registries, so a handler registered later is seen."""
    from collections import ChainMap

    from .handlers import HANDLERS

    return ChainMap(CURRENT_HANDLERS, HANDLERS) if current else ChainMap(HANDLERS, CURRENT_HANDLERS)
