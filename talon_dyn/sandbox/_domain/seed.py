"""The start state: campaign definitions and the coupons they declare, written into the store."""

from __future__ import annotations

from typing import Any

from .._storage.store import Store
from .._time import format_time
from .campaigns import Campaigns, CouponDef
from .context import RequestContext

__all__ = ["seed"]


def _coupon(store: Store, ctx: RequestContext, campaign_id: int, declared: CouponDef) -> dict[str, Any]:
    """The stored coupon for a declared one: its counter kept unless it moved to another campaign."""
    coupon = store.coupon(declared.code)
    if coupon is None:
        coupon = {"id": store.next_id("coupon"), "created": ctx.timestamp, "usageCounter": 0}
    elif coupon["campaignId"] != campaign_id:
        coupon = {**coupon, "usageCounter": 0}
    coupon.update(
        {
            "campaignId": campaign_id,
            "value": declared.code,
            "usageLimit": declared.usage_limit,
            "attributes": declared.attributes,
            "reservation": not declared.reservation_required,
        }
    )
    for key, when in (("startDate", declared.start_date), ("expiryDate", declared.expiry_date)):
        if when is not None:
            coupon[key] = format_time(when)
        else:
            coupon.pop(key, None)
    if declared.recipient:
        coupon["recipientIntegrationId"] = declared.recipient
    else:
        coupon.pop("recipientIntegrationId", None)
    return coupon


def seed(store: Store, ctx: RequestContext, campaigns: Campaigns, *, fresh: bool) -> None:
    """Load campaign definitions and their declared coupons (in ``store``'s open transaction); counters are kept
    unless ``fresh``, which wipes every profile, session, event, reservation and code first."""
    if fresh:
        store.wipe()
    for campaign in campaigns.campaigns:
        store.put_campaign(ctx.campaign_doc(campaign, store.campaign(campaign.id)))
        for declared in campaign.coupons:
            store.put_coupon(_coupon(store, ctx, campaign.id, declared))
    store.delete_campaigns_except([c.id for c in campaigns.campaigns])
