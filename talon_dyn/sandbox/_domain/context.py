"""What a handler works with: the request's transaction, the campaigns, the time, and entity views.

``RequestContext`` is built once per request. It implements the rules engine's ``Facts``
over the store, generates ids and codes (deterministic when a seed is set), and
turns stored documents into the shapes the spec gives them.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from .._storage import Doc
from .._storage.store import Store
from .._time import format_time
from .campaigns import CampaignDef, Campaigns
from .loyalty import Balance, ProgramDef, balances, card_owner, ledger_info, profile_owner

__all__ = ["ApiProblem", "RequestContext", "public"]


class ApiProblem(Exception):
    """An error answer: status, message and the ErrorResponse ``errors`` list."""

    def __init__(self, status: int, message: str, errors: Iterable[Doc] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = list(errors)

    def body(self) -> Doc:
        """The ErrorResponse body."""
        return {"message": self.message, **({"errors": self.errors} if self.errors else {})}

    @classmethod
    def invalid(
        cls, title: str, details: str, *, pointer: str | None = None, parameter: str | None = None
    ) -> ApiProblem:
        """400 "The submitted data was invalid" with one error for a body pointer or a parameter."""
        source = {"pointer": pointer} if parameter is None else {"parameter": parameter}
        return cls(400, "The submitted data was invalid", [{"title": title, "details": details, "source": source}])

    @classmethod
    def not_found(cls, what: str, parameter: str) -> ApiProblem:
        """404 for an unknown entity named by a path parameter."""
        error = {"title": "Not found", "details": f"{what} not found", "source": {"parameter": parameter}}
        return cls(404, f"{what} not found", [error])


def public(doc: Mapping[str, Any]) -> Doc:
    """A stored document without its private ``_`` keys."""
    return {key: value for key, value in doc.items() if not key.startswith("_")}


def _characters(spec: Iterable[str]) -> str:
    """Expand validCharacters (``A-Z``, ``[0-9]``, or literal characters) to a string."""
    chars: list[str] = []
    for item in spec:
        item = item.strip("[]")
        if len(item) == 3 and item[1] == "-":
            chars.extend(chr(code) for code in range(ord(item[0]), ord(item[2]) + 1))
        else:
            chars.extend(item)
    return "".join(dict.fromkeys(chars)) or string.ascii_uppercase + string.digits


@dataclass
class RequestContext:
    """One request's view of the sandbox."""

    store: Store
    campaigns: Campaigns
    now: datetime
    seed: int | None
    application_id: int
    account_id: int
    reasons: frozenset[str]

    @cached_property
    def timestamp(self) -> str:
        """The request's time, formatted once."""
        return format_time(self.now)

    # -- ids and codes ------------------------------------------------------------

    def generate_code(self, pattern: str, valid_characters: Iterable[str], kind: str) -> str:
        """A new unique code from a pattern whose ``#`` are random valid characters."""
        chars = _characters(valid_characters)
        for _ in range(1000):
            number = self.store.next_id(f"code:{kind}")
            rng = random.Random(f"{self.seed}:{kind}:{number}") if self.seed is not None else random.SystemRandom()
            code = "".join(rng.choice(chars) if char == "#" else char for char in pattern)
            if not self.store.code_taken(code):
                return code
        raise ApiProblem(409, f"the code pattern {pattern!r} has no unused codes left")

    # -- Facts (for the rules engine) -----------------------------------------------

    def coupon(self, code: str) -> Doc | None:
        return self.store.coupon(code)

    def referral(self, code: str) -> Doc | None:
        return self.store.referral(code)

    def is_reserved(self, coupon_id: int, profile_id: str) -> bool:
        return bool(profile_id) and self.store.is_reserved(coupon_id, profile_id)

    def campaign_counter(self, campaign_id: int, counter: str) -> int:
        doc = self.store.campaign(campaign_id)
        return 0 if doc is None else int(doc.get(counter, 0))

    def profile_redemptions(self, campaign_id: int, kind: str, profile_id: str) -> int:
        return self.store.redemptions(campaign_id, kind, profile_id)

    def _new_code(self, campaign: CampaignDef, kind: str) -> tuple[Doc, str]:
        """A new coupon's or referral's id, creation time and campaign, and a fresh code from the campaign's
        settings for ``kind``."""
        settings = campaign.coupon_settings if kind == "coupon" else campaign.referral_settings
        code = self.generate_code(settings["couponPattern"], settings["validCharacters"], kind)
        return {"id": self.store.next_id(kind), "created": self.timestamp, "campaignId": campaign.id}, code

    def create_coupon(self, campaign: CampaignDef, profile_id: str, args: Doc) -> Doc:
        head, code = self._new_code(campaign, "coupon")
        coupon: Doc = {
            **head,
            "value": code,
            "usageLimit": args.get("usageLimit", 1),
            "usageCounter": 0,
            "attributes": {},
        }
        if "validDays" in args:
            coupon["expiryDate"] = format_time(self.now + timedelta(days=args["validDays"]))
        if profile_id:
            coupon["recipientIntegrationId"] = profile_id
        self.store.put_coupon(coupon)
        self.bump(campaign.id, "couponCreationCount", 1)
        return coupon

    def create_referral(self, campaign: CampaignDef, advocate: str, extra: Mapping[str, Any] | None = None) -> Doc:
        head, code = self._new_code(campaign, "referral")
        referral: Doc = {
            **head,
            "advocateProfileIntegrationId": advocate,
            **dict(extra or {}),
            "code": code,
            "usageCounter": 0,
            "usageLimit": campaign.referral_settings.get("usageLimit", 1),
        }
        self.store.put_referral(referral)
        return referral

    # -- counters -------------------------------------------------------------------

    def bump(self, campaign_id: int, counter: str, delta: int | float) -> None:
        """Add ``delta`` to a campaign counter and mark the campaign's last activity."""
        doc = self.store.campaign(campaign_id)
        if doc is None:
            return
        doc[counter] = max(0, doc.get(counter, 0) + delta)
        doc["lastActivity"] = self.timestamp
        self.store.put_campaign(doc)

    # -- profiles and views -----------------------------------------------------------

    def ensure_profile(self, integration_id: str) -> Doc:
        """The profile, created empty when it does not exist yet."""
        profile = self.store.profile(integration_id)
        if profile is None:
            profile = self.empty_profile(integration_id)
            profile["_id"] = self.store.next_id("profile")  # the current API's numeric id: counted, not invented
            self.store.put_profile(profile)
        return profile

    def empty_profile(self, integration_id: str = "") -> Doc:
        """A new, empty profile (with no integration ID: the one shown for an anonymous session, never stored)."""
        return {
            "integrationId": integration_id,
            "created": self.timestamp,
            "attributes": {},
            "accountId": self.account_id,
            "closedSessions": 0,
            "totalSales": 0,
            "lastActivity": self.timestamp,
        }

    def catalog_price(self, sku: str) -> float:
        """The price of a catalog item synced with ``syncCatalog`` (any catalog), or 0 when none has this SKU."""
        for item in self.store.entities("catalogItem", sku):
            price = item.get("price")
            if isinstance(price, (int, float)) and not isinstance(price, bool):
                return float(price)
        return 0.0

    def program(self, program_id: int) -> ProgramDef:
        return self.campaigns.program(program_id)

    def ledger_entries(self, program_id: int, profile_id: str, cards: tuple[str, ...] = ()) -> list[Doc]:
        """The entries of the ledger a session's points go to: its first loyalty card's, else the profile's."""
        owner = card_owner(program_id, cards[0]) if cards else profile_owner(program_id, profile_id)
        return self.store.entities("ledgerEntry", owner)

    def active_points(self, program_id: int, subledger: str, profile_id: str, cards: tuple[str, ...]) -> float:
        found = balances(self.ledger_entries(program_id, profile_id, cards), self.now).get(subledger)
        return 0.0 if found is None else found.active

    def loyalty(
        self, profile: Mapping[str, Any] | None, *, current: bool = False, open_points: Iterable[Doc] = ()
    ) -> Doc:
        """The spec's ``Loyalty`` for a profile: balances per program and sub-ledger, replayed from its ledger at
        the sandbox's time. ``current``: the current API's ``LedgerInfo`` and program ``id``; ``open_points``,
        what an open session would credit or take (its tentative balances)."""
        programs: Doc = {}
        pending_changes = list(open_points)
        integration_id = str((profile or {}).get("integrationId") or "")
        known_programs: dict[str, Any] = dict((profile or {}).get("_loyalty") or {})
        for points in pending_changes:
            known_programs.setdefault(str(points["programId"]), {})
        for program, known in known_programs.items():
            definition = self.campaigns.program(int(program))
            found = balances(self.ledger_entries(int(program), integration_id), self.now)
            names = dict.fromkeys([*known, *found])
            infos: Doc = {}
            for name in names:
                later = [p for p in pending_changes if str(p["programId"]) == str(program) and p["subLedgerId"] == name]
                now_part = sum(float(p["value"]) for p in later if p["startDate"] == "immediate")
                later_part = sum(float(p["value"]) for p in later if p["startDate"] != "immediate")
                infos[name] = ledger_info(
                    found.get(name, Balance()), current=current, tentative=now_part, tentative_pending=later_part
                )
            subs = {name: info for name, info in infos.items() if name}
            programs[program] = {
                **({"id": int(program)} if current and str(program).isdigit() else {}),
                "title": definition.title,
                "name": definition.name,
                "ledger": infos.get("") or ledger_info(Balance(), current=current),
                **({"subLedgers": subs} if subs else {}),
            }
        return {"programs": programs}

    NAMED = {
        "integrationId": "Customer profile",
        "customerSessionId": "Customer session",
        "couponValue": "Coupon",
        "applicationId": "Application",
        "audienceId": "Audience",
        "loyaltyProgramId": "Loyalty program",
        "catalogId": "Catalog",
    }
    """What each path parameter the sandbox knows names, for its not-found answer."""

    def exists(self, parameter: str, value: Any) -> bool | None:
        """Whether the thing a path parameter names exists (None: the sandbox does not keep that kind of thing).
        Its application, profiles, sessions, coupons, audiences, loyalty programs and catalogs are known by their
        usual parameter names."""
        text = str(value)
        if parameter == "applicationId":  # the sandbox is one application (SandboxConfig.application_id)
            return text == str(self.application_id)
        if parameter == "integrationId":
            return self.store.profile(text) is not None
        if parameter == "customerSessionId":
            return self.store.session(text) is not None
        if parameter == "couponValue":
            return self.store.coupon(text) is not None
        if parameter == "audienceId":
            return self.store.entity("audience", text) is not None
        if parameter == "loyaltyProgramId":
            return self.campaigns.knows_program(value)
        if parameter == "catalogId":
            return self.campaigns.knows_catalog(value)
        return None

    def coupon_view(self, coupon: Mapping[str, Any], profile_id: str, *, current: bool) -> Doc:
        """A coupon as answered; ``current`` adds ``profileRedemptionCount``: how many times ``profile_id`` redeemed
        it (counted when sessions close, given back when they are cancelled or reopened)."""
        view = public(coupon)
        if current:
            uses = (
                self.store.redemptions(coupon["campaignId"], f"coupon:{coupon['id']}", profile_id) if profile_id else 0
            )
            view["profileRedemptionCount"] = uses
        return view

    def campaign_view(self, campaign_id: int) -> Doc | None:
        doc = self.store.campaign(campaign_id)
        return None if doc is None else public(doc)

    def campaign_doc(self, campaign: CampaignDef, counters: Mapping[str, Any] | None = None) -> Doc:
        """The spec's ``Campaign`` for a definition, keeping existing counters."""
        counters = counters or {}
        doc: Doc = {
            "id": campaign.id,
            "created": counters.get("created", self.timestamp),
            "applicationId": self.application_id,
            "userId": self.account_id,
            "name": campaign.name,
            "description": campaign.description,
            "attributes": campaign.attributes,
            "state": campaign.state,
            "activeRulesetId": campaign.ruleset_id,
            "tags": list(campaign.tags),
            "features": list(campaign.features),
            "couponSettings": {k: v for k, v in campaign.coupon_settings.items() if k != "usageLimit"},
            "referralSettings": {k: v for k, v in campaign.referral_settings.items() if k != "usageLimit"},
            "limits": [dict(item) for item in campaign.limits],
        }
        if campaign.start_time is not None:
            doc["startTime"] = format_time(campaign.start_time)
        if campaign.end_time is not None:
            doc["endTime"] = format_time(campaign.end_time)
        for counter in (
            "couponRedemptionCount",
            "referralRedemptionCount",
            "discountCount",
            "discountEffectCount",
            "couponCreationCount",
        ):
            doc[counter] = counters.get(counter, 0)
        if "lastActivity" in counters:
            doc["lastActivity"] = counters["lastActivity"]
        doc["updated"] = counters.get("updated", doc["created"])
        return doc
