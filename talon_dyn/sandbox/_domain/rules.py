"""The small rules engine: campaigns' conditions in, Talon-shaped effects out.

For every running campaign, in file order, each rule whose conditions all hold
produces its effects. Coupons and referrals in the session are checked first
(:func:`coupon_problem`, :func:`referral_problem`); a rule with a ``couponValid``
(``referralValid``) condition accepts the valid codes of its campaign, and codes no
rule accepted are rejected with the spec's reasons. Codes matching no campaign are
rejected with campaignId -1. This is not Talon's engine, but every record it
produces converts to both the v1 array effect and the v2 ``Effect`` object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Protocol

from .._storage import Doc
from .._time import parse_time
from .campaigns import CampaignDef, Campaigns, Clause, Rule
from .loyalty import ProgramDef
from .vocabulary import CONDITIONS, EFFECTS, money

__all__ = ["EffectRecord", "Facts", "Outcome", "Situation", "evaluate"]


# Order of each effect's props in the spec; v1 array effects carry the props in this order. The effects
# rules produce declare theirs in the vocabulary; these are the ones the engine itself produces.
PROPS_ORDER: dict[str, tuple[str, ...]] = {
    "acceptCoupon": ("value",),
    "rejectCoupon": ("value", "rejectionReason"),
    "acceptReferral": ("value",),
    "rejectReferral": ("value", "rejectionReason"),
    "redeemReferral": ("id", "value"),
    "rollbackCoupon": ("value",),
    "rollbackDiscount": ("name", "value"),
    **{name: entry.props for name, entry in EFFECTS.items()},
}


@dataclass(frozen=True)
class EffectRecord:
    """One effect, convertible to the v1 array and the v2 object."""

    campaign_id: int
    ruleset_id: int
    rule_index: int
    rule_name: str
    effect_type: str
    props: Doc
    triggered_by_coupon: int | None = None
    """The id of the coupon whose rule produced the effect (a rule with ``couponValid``)."""

    def v1(self) -> list[Any]:
        """``[campaignId, rulesetId, ruleIndex, [effectName, *args]]``."""
        order = PROPS_ORDER.get(self.effect_type, tuple(self.props))
        args = [self.props[key] for key in order if key in self.props]
        return [self.campaign_id, self.ruleset_id, self.rule_index, [self.effect_type, *args]]

    def v2(self, *, current: bool = False) -> Doc:
        """The spec's ``Effect`` object; ``current`` (Talon's current spec) adds ``triggeredByCoupon``, "the ID
        of the coupon that was being evaluated when this effect was triggered"."""
        effect = {
            "campaignId": self.campaign_id,
            "rulesetId": self.ruleset_id,
            "ruleIndex": self.rule_index,
            "ruleName": self.rule_name,
            "effectType": self.effect_type,
            "props": self.props,
        }
        if current and self.triggered_by_coupon is not None:
            effect["triggeredByCoupon"] = self.triggered_by_coupon
        return effect


@dataclass(frozen=True)
class Situation:
    """What the rules look at: the session as it would be after this request, and the event."""

    now: datetime
    event_types: frozenset[str]
    profile_id: str
    profile_attributes: Doc
    session_attributes: Doc
    cart_items: list[Doc]
    additional_cost_total: float
    coupon_codes: list[str]
    referral_code: str
    loyalty_cards: tuple[str, ...] = ()
    """The session's loyalty cards: points are credited to and deducted from the first (card programs)."""

    @cached_property
    def cart_values(self) -> dict[str, frozenset[Any]]:
        """The skus and the categories in the cart, for quick presence tests."""
        items = self.cart_items
        return {
            "sku": frozenset([item["sku"] for item in items if "sku" in item]),
            "category": frozenset([item["category"] for item in items if "category" in item]),
        }

    @cached_property
    def cart_total(self) -> float:
        return sum([float(item["price"]) * int(item["quantity"]) for item in self.cart_items])


class Facts(Protocol):
    """What the engine may look up or create; the service implements it over the store."""

    def coupon(self, code: str) -> Doc | None: ...
    def referral(self, code: str) -> Doc | None: ...
    def is_reserved(self, coupon_id: int, profile_id: str) -> bool: ...
    def campaign_counter(self, campaign_id: int, counter: str) -> int: ...
    def profile_redemptions(self, campaign_id: int, kind: str, profile_id: str) -> int: ...
    def create_coupon(self, campaign: CampaignDef, profile_id: str, args: Doc) -> Doc: ...
    def create_referral(self, campaign: CampaignDef, advocate: str) -> Doc: ...
    def program(self, program_id: int) -> ProgramDef: ...
    def active_points(self, program_id: int, subledger: str, profile_id: str, cards: tuple[str, ...]) -> float: ...


@dataclass
class Outcome:
    """Everything one evaluation produced."""

    effects: list[EffectRecord] = field(default_factory=list)
    accepted_coupons: list[Doc] = field(default_factory=list)
    accepted_referral: Doc | None = None
    coupon_rejection: Doc | None = None
    referral_rejection: Doc | None = None
    discounts: dict[str, float] = field(default_factory=dict)
    loyalty: list[Doc] = field(default_factory=list)
    attribute_updates: list[tuple[str, str, Any]] = field(default_factory=list)
    created_coupons: list[Doc] = field(default_factory=list)
    created_referrals: list[Doc] = field(default_factory=list)
    triggered: list[int] = field(default_factory=list)


def _date(value: Any) -> datetime | None:
    return parse_time(value) if isinstance(value, str) and value else None


def _limit_problem(campaign: CampaignDef, facts: Facts, kind: str, profile_id: str) -> str | None:
    action = "redeemCoupon" if kind == "coupon" else "redeemReferral"
    counter = "couponRedemptionCount" if kind == "coupon" else "referralRedemptionCount"
    limit = campaign.limit(action, per_profile=False)
    if limit is not None and facts.campaign_counter(campaign.id, counter) >= limit:
        return "CampaignLimitReached"
    limit = campaign.limit(action, per_profile=True)
    if limit is not None and profile_id and facts.profile_redemptions(campaign.id, kind, profile_id) >= limit:
        return "ProfileLimitReached"
    return None


def _window_problem(code: Doc, now: datetime, prefix: str) -> str | None:
    """``<prefix>StartDateInFuture`` / ``<prefix>Expired`` when ``now`` is outside the code's dates."""
    start, expiry = _date(code.get("startDate")), _date(code.get("expiryDate"))
    if start is not None and now < start:
        return f"{prefix}StartDateInFuture"
    if expiry is not None and now >= expiry:
        return f"{prefix}Expired"
    return None


def coupon_problem(
    coupon: Doc, campaign: CampaignDef | None, situation: Situation, facts: Facts, reasons: frozenset[str]
) -> str | None:
    """Why this coupon cannot be used in this situation (a CouponRejectionReason), or None."""
    now = situation.now
    if campaign is None or not campaign.running(now):
        return "CouponPartOfNotRunningCampaign"
    window = _window_problem(coupon, now, "Coupon")
    if window is not None:
        return window
    recipient = coupon.get("recipientIntegrationId")
    if recipient and recipient != situation.profile_id:
        return "CouponRecipientDoesNotMatch"
    if coupon.get("reservation") is False and not facts.is_reserved(coupon["id"], situation.profile_id):
        return "CouponReservationRequired" if "CouponReservationRequired" in reasons else "CouponRecipientDoesNotMatch"
    if coupon["usageLimit"] and coupon["usageCounter"] >= coupon["usageLimit"]:
        return "CouponLimitReached"
    return _limit_problem(campaign, facts, "coupon", situation.profile_id)


def referral_problem(referral: Doc, campaign: CampaignDef | None, situation: Situation, facts: Facts) -> str | None:
    """Why this referral code cannot be used in this situation (a ReferralRejectionReason), or None."""
    now = situation.now
    if campaign is None or not campaign.running(now) or "referrals" not in campaign.features:
        return "ReferralPartOfNotRunningCampaign"
    window = _window_problem(referral, now, "Referral")
    if window is not None:
        return window
    if referral["advocateProfileIntegrationId"] == situation.profile_id:
        return "ReferralRecipientIdSameAsAdvocate"
    friend = referral.get("friendProfileIntegrationId")
    if friend and friend != situation.profile_id:
        return "ReferralRecipientDoesNotMatch"
    if referral["usageLimit"] and referral["usageCounter"] >= referral["usageLimit"]:
        return "ReferralLimitReached"
    return _limit_problem(campaign, facts, "referral", situation.profile_id)


def _all_hold(run: _Run, rule: Rule, coupon_ok: bool, referral_ok: bool) -> bool:
    """The rule's conditions, and those its effects put on it (``Effect.allows``: points to deduct)."""
    for clause in rule.conditions:
        if not CONDITIONS[clause.name].holds(clause.args, run.situation, coupon_ok, referral_ok):
            return False
    for clause in rule.effects:
        allows = EFFECTS[clause.name].allows
        if allows is not None and not allows(run, clause.args):
            return False
    return True


class _Run:
    """One evaluation: running totals and the outcome being built."""

    def __init__(self, situation: Situation, facts: Facts) -> None:
        self.situation = situation
        self.facts = facts
        self.out = Outcome()
        self.remaining = situation.cart_total + situation.additional_cost_total
        self.coupon: int | None = None
        """The coupon whose rule is producing effects (``triggeredByCoupon``), while it does."""

    def emit(self, campaign: CampaignDef | None, rule: Rule | None, effect_type: str, props: Doc) -> None:
        self.out.effects.append(
            EffectRecord(
                campaign_id=-1 if campaign is None else campaign.id,
                ruleset_id=-1 if campaign is None else campaign.ruleset_id,
                rule_index=-1 if rule is None else rule.index,
                rule_name="" if rule is None else rule.title,
                effect_type=effect_type,
                props=props,
                triggered_by_coupon=self.coupon if rule is not None else None,
            )
        )

    def discount(self, base: float, args: Doc) -> float:
        value = base * float(args["percent"]) / 100 if "percent" in args else float(args["amount"])
        return money(max(0.0, min(value, base, self.remaining)))

    def apply(self, campaign: CampaignDef, rule: Rule, clause: Clause) -> None:
        EFFECTS[clause.name].apply(self, campaign, rule, clause.args)


def evaluate(campaigns: Campaigns, situation: Situation, facts: Facts, reasons: Iterable[str] = ()) -> Outcome:
    """Run every running campaign's rules over the situation and collect the effects."""
    run = _Run(situation, facts)
    reason_set = frozenset(reasons)
    coupons: list[tuple[str, Doc | None, str | None]] = []
    for code in dict.fromkeys(situation.coupon_codes):
        coupon = facts.coupon(code)
        campaign = None if coupon is None else campaigns.by_id.get(coupon["campaignId"])
        problem = None if coupon is None else coupon_problem(coupon, campaign, situation, facts, reason_set)
        coupons.append((code, coupon, problem))
    referral = facts.referral(situation.referral_code) if situation.referral_code else None
    referral_campaign = None if referral is None else campaigns.by_id.get(referral["campaignId"])
    referral_issue = None if referral is None else referral_problem(referral, referral_campaign, situation, facts)
    accepted: set[str] = set()
    referral_accepted = False
    for campaign in campaigns.campaigns:
        if not campaign.running(situation.now):
            continue
        mine = [(code, c) for code, c, problem in coupons if c and c["campaignId"] == campaign.id and problem is None]
        coupon_ok = bool(mine)
        referral_mine = referral is not None and referral_issue is None and referral["campaignId"] == campaign.id
        for rule in campaign.rules:
            if not _all_hold(run, rule, coupon_ok, referral_mine):
                continue
            if campaign.id not in run.out.triggered:
                run.out.triggered.append(campaign.id)
            run.coupon = int(mine[0][1]["id"]) if rule.needs("couponValid") and mine else None
            if rule.needs("couponValid"):
                for code, coupon in mine:
                    if code not in accepted:
                        accepted.add(code)
                        run.out.accepted_coupons.append(coupon)
                        run.emit(campaign, rule, "acceptCoupon", {"value": code})
            if rule.needs("referralValid") and referral is not None and not referral_accepted:
                referral_accepted = True
                run.out.accepted_referral = referral
                run.emit(campaign, rule, "acceptReferral", {"value": referral["code"]})
            for clause in rule.effects:
                run.apply(campaign, rule, clause)
            run.coupon = None
    for code, coupon, problem in coupons:
        if code in accepted:
            continue
        campaign = None if coupon is None else campaigns.by_id.get(coupon["campaignId"])
        if coupon is None:
            problem = "CouponNotFound"
        elif problem is None:
            wanted = campaign is not None and any(rule.needs("couponValid") for rule in campaign.rules)
            problem = "CouponRejectedByCondition" if wanted else "CouponValidConditionMissing"
        run.emit(campaign, None, "rejectCoupon", {"value": code, "rejectionReason": problem})
        if run.out.coupon_rejection is None:
            run.out.coupon_rejection = {
                "campaignId": -1 if campaign is None else campaign.id,
                "couponId": -1 if coupon is None else coupon["id"],
                "reason": problem,
            }
    if situation.referral_code and not referral_accepted:
        if referral is None:
            issue = "ReferralNotFound"
        elif referral_issue is not None:
            issue = referral_issue
        else:
            wanted = referral_campaign is not None and any(r.needs("referralValid") for r in referral_campaign.rules)
            issue = "ReferralRejectedByCondition" if wanted else "ReferralValidConditionMissing"
        props = {"value": situation.referral_code, "rejectionReason": issue}
        run.emit(referral_campaign, None, "rejectReferral", props)
        run.out.referral_rejection = {
            "campaignId": -1 if referral_campaign is None else referral_campaign.id,
            "referralId": -1 if referral is None else referral["id"],
            "reason": issue,
        }
    return run.out
