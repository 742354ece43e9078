"""Campaigns as data: read and check the campaigns YAML file.

The file declares campaigns, their coupons, referral settings and rules (see
``campaigns.yaml`` beside this module, and docs/sandbox.md). It is checked against
``CAMPAIGNS_SCHEMA`` and then for cross-references (unique ids and codes, valid
dates); every problem is reported as a :class:`CampaignsError` naming the file and
the JSON pointer of the offending value.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from importlib import resources
from typing import Any

from ..._exceptions import ConfigFileError
from ..._model.document import check_config, parse_config, read_config
from .._time import parse_duration, parse_time
from .loyalty import ProgramDef
from .vocabulary import CONDITIONS, DURATION, EFFECTS

__all__ = ["CAMPAIGNS_SCHEMA", "CampaignDef", "Campaigns", "CampaignsError", "Clause", "CouponDef", "Rule", "load"]

DEFAULT_PATTERN = "####-####"
"""Code pattern used when a campaign declares no couponSettings / referralSettings."""

DEFAULT_CHARACTERS = ("A-Z", "0-9")
"""Character set for ``#`` in patterns when none is declared: the spec's documented default."""


class CampaignsError(ConfigFileError):
    """A campaigns file that cannot be used; the message names the file and the JSON pointer."""


_NAME = {"type": "string", "minLength": 1}
_AMOUNT = {"type": "number"}
_DATE = {"type": "string", "minLength": 1}
_ATTRS = {"type": "object"}
_SETTINGS = {
    "type": "object",
    "additionalProperties": False,
    "required": ["couponPattern"],
    "properties": {
        "couponPattern": {"type": "string", "minLength": 3},
        "validCharacters": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "usageLimit": {"type": "integer", "minimum": 0},
    },
}


def _one_of_keys(options: Mapping[str, Any]) -> dict[str, Any]:
    """A schema for a mapping with exactly one key out of ``options``, each with its own value schema."""
    return {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
        "properties": dict(options),
    }


# The rules' vocabulary is a registry (_vocabulary.py): each entry brings the schema of its arguments.
_CONDITION_SCHEMAS = {name: entry.schema for name, entry in CONDITIONS.items()}
_EFFECT_SCHEMAS = {name: entry.schema for name, entry in EFFECTS.items()}

CAMPAIGNS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["campaigns"],
    "properties": {
        "registry": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "eventTypes": {"type": "array", "items": _NAME},
                "attributes": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        kind: {"type": "array", "items": _NAME}
                        for kind in ("CustomerProfile", "CustomerSession", "Event")
                    },
                },
            },
        },
        "catalogs": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1},
                    "name": _NAME,
                    "description": {"type": "string"},
                },
            },
        },
        "loyaltyPrograms": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1},
                    "name": _NAME,
                    "title": _NAME,
                    "pendingDuration": DURATION,
                    "expiryDuration": DURATION,
                    "returnPolicy": {"enum": ["only_pending", "within_balance"]},
                },
            },
        },
        "campaigns": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "rules"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1},
                    "name": _NAME,
                    "description": {"type": "string"},
                    "state": {"enum": ["enabled", "disabled", "archived"]},
                    "startTime": _DATE,
                    "endTime": _DATE,
                    "tags": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 50}},
                    "features": {"type": "array", "items": {"enum": ["coupons", "referrals", "loyalty"]}},
                    "attributes": _ATTRS,
                    "rulesetId": {"type": "integer"},
                    "limits": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["action", "limit"],
                            "properties": {
                                "action": {"enum": ["redeemCoupon", "redeemReferral"]},
                                "limit": {"type": "integer", "minimum": 0},
                                "entities": {"type": "array", "items": {"enum": ["Profile"]}},
                            },
                        },
                    },
                    "couponSettings": _SETTINGS,
                    "referralSettings": _SETTINGS,
                    "coupons": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["code"],
                            "properties": {
                                "code": {"type": "string", "minLength": 4},
                                "usageLimit": {"type": "integer", "minimum": 0},
                                "startDate": _DATE,
                                "expiryDate": _DATE,
                                "recipient": _NAME,
                                "reservationRequired": {"type": "boolean"},
                                "attributes": _ATTRS,
                            },
                        },
                    },
                    "rules": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["title", "effects"],
                            "properties": {
                                "title": _NAME,
                                "conditions": {"type": "array", "items": _one_of_keys(_CONDITION_SCHEMAS)},
                                "effects": {"type": "array", "minItems": 1, "items": _one_of_keys(_EFFECT_SCHEMAS)},
                            },
                        },
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Clause:
    """One condition or effect of a rule: its name and its arguments."""

    name: str
    args: Any


@dataclass(frozen=True)
class Rule:
    """A rule: every condition must hold for its effects to be produced."""

    index: int
    title: str
    conditions: tuple[Clause, ...]
    effects: tuple[Clause, ...]

    def needs(self, condition: str) -> bool:
        """Whether the rule has a condition of this name."""
        return condition in self.condition_names

    @cached_property
    def condition_names(self) -> frozenset[str]:
        """The names of the rule's conditions."""
        return frozenset(clause.name for clause in self.conditions)


@dataclass(frozen=True)
class CouponDef:
    """A coupon declared in the file (created when the sandbox starts or resets)."""

    code: str
    usage_limit: int
    start_date: datetime | None
    expiry_date: datetime | None
    recipient: str | None
    reservation_required: bool
    attributes: dict[str, Any]


@dataclass(frozen=True)
class CampaignDef:
    """A campaign: its settings, its coupons and its rules."""

    id: int
    name: str
    description: str
    state: str
    start_time: datetime | None
    end_time: datetime | None
    tags: tuple[str, ...]
    features: tuple[str, ...]
    attributes: dict[str, Any]
    ruleset_id: int
    limits: tuple[dict[str, Any], ...]
    coupon_settings: dict[str, Any]
    referral_settings: dict[str, Any]
    coupons: tuple[CouponDef, ...]
    rules: tuple[Rule, ...]

    def running(self, now: datetime) -> bool:
        """Enabled and inside its start and end times."""
        if self.state != "enabled":
            return False
        if self.start_time is not None and now < self.start_time:
            return False
        return self.end_time is None or now < self.end_time

    def limit(self, action: str, per_profile: bool) -> int | None:
        """The limit declared for an action, campaign-wide or per profile, if any."""
        for item in self.limits:
            if item["action"] == action and bool(item.get("entities")) == per_profile:
                return int(item["limit"])
        return None


@dataclass(frozen=True)
class Campaigns:
    """Everything a campaigns file declares."""

    source: str
    campaigns: tuple[CampaignDef, ...]
    event_types: frozenset[str] | None = None
    attributes: Mapping[str, frozenset[str]] | None = None
    by_id: Mapping[int, CampaignDef] = field(default_factory=dict)
    programs: Mapping[int, ProgramDef] = field(default_factory=dict)
    """The loyalty programs the file declares (``loyaltyPrograms``)."""
    declares_programs: bool = False
    """Whether the file lists its loyalty programs: then any other program id is not found (404)."""
    catalogs: Mapping[int, Mapping[str, Any]] | None = None
    """The cart item catalogs the file declares (``catalogs``), None when it declares none (any id is taken)."""

    def knows_program(self, program_id: Any) -> bool:
        """Whether a loyalty program exists: declared, or (in a file that declares none) any."""
        if not self.declares_programs:
            return True
        try:
            return int(program_id) in self.programs
        except (TypeError, ValueError):
            return False

    def knows_catalog(self, catalog_id: Any) -> bool:
        """Whether a catalog exists: declared, or (in a file that declares none) any."""
        if self.catalogs is None:
            return True
        try:
            return int(catalog_id) in self.catalogs
        except (TypeError, ValueError):
            return False

    def program(self, program_id: int) -> ProgramDef:
        """A loyalty program: as declared, or the defaults for one a rule only names."""
        return self.programs.get(int(program_id)) or ProgramDef.default(int(program_id))


def _fail(source: str, pointer: str, message: str) -> CampaignsError:
    return CampaignsError(message, source=source, pointer=pointer or "/")


def _date(raw: Any, source: str, pointer: str) -> datetime | None:
    if raw is None:
        return None
    try:
        return parse_time(str(raw))
    except ValueError:
        raise _fail(source, pointer, f"{raw!r} is not an RFC 3339 date-time") from None


def _settings(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    raw = raw or {}
    return {
        "couponPattern": raw.get("couponPattern", DEFAULT_PATTERN),
        "validCharacters": list(raw.get("validCharacters", DEFAULT_CHARACTERS)),
        **({"usageLimit": raw["usageLimit"]} if "usageLimit" in raw else {}),
    }


def _clauses(items: list[Mapping[str, Any]]) -> tuple[Clause, ...]:
    return tuple(Clause(name, args) for item in items for name, args in item.items())


def _campaign(raw: Mapping[str, Any], source: str, where: str, codes: set[str]) -> CampaignDef:
    coupons = []
    for index, coupon in enumerate(raw.get("coupons", [])):
        code = coupon["code"]
        if code in codes:
            raise _fail(source, f"{where}/coupons/{index}/code", f"coupon code {code!r} is declared twice")
        codes.add(code)
        coupons.append(
            CouponDef(
                code=code,
                usage_limit=coupon.get("usageLimit", 0),
                start_date=_date(coupon.get("startDate"), source, f"{where}/coupons/{index}/startDate"),
                expiry_date=_date(coupon.get("expiryDate"), source, f"{where}/coupons/{index}/expiryDate"),
                recipient=coupon.get("recipient"),
                reservation_required=coupon.get("reservationRequired", False),
                attributes=dict(coupon.get("attributes", {})),
            )
        )
    rules = tuple(
        Rule(index, rule["title"], _clauses(rule.get("conditions", [])), _clauses(rule["effects"]))
        for index, rule in enumerate(raw["rules"])
    )
    features = tuple(raw.get("features", ["coupons"] if coupons else []))
    for index, rule in enumerate(rules):
        if any(c.name == "referralCreated" for c in rule.effects) and "referrals" not in features:
            raise _fail(source, f"{where}/rules/{index}", "referralCreated needs the campaign feature 'referrals'")
    return CampaignDef(
        id=raw["id"],
        name=raw["name"],
        description=raw.get("description", ""),
        state=raw.get("state", "enabled"),
        start_time=_date(raw.get("startTime"), source, f"{where}/startTime"),
        end_time=_date(raw.get("endTime"), source, f"{where}/endTime"),
        tags=tuple(raw.get("tags", [])),
        features=features,
        attributes=dict(raw.get("attributes", {})),
        ruleset_id=raw.get("rulesetId", raw["id"]),
        limits=tuple({"entities": [], **item} for item in raw.get("limits", [])),
        coupon_settings=_settings(raw.get("couponSettings")),
        referral_settings=_settings(raw.get("referralSettings")),
        coupons=tuple(coupons),
        rules=rules,
    )


def parse(data: bytes, source: str) -> Campaigns:
    """Read and check campaigns-file bytes; raise CampaignsError naming ``source`` and the JSON pointer."""
    return _from_document(parse_config(data, source, CampaignsError), source)


def _effect_arguments(document: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every rule effect's arguments (those that are a mapping) with their JSON pointer in the file."""
    for index, campaign in enumerate(document["campaigns"]):
        for number, rule in enumerate(campaign["rules"]):
            for place, effect in enumerate(rule["effects"]):
                for name, args in effect.items():
                    if isinstance(args, Mapping):
                        yield f"/campaigns/{index}/rules/{number}/effects/{place}/{name}", args


def _check_durations(document: Mapping[str, Any], source: str) -> None:
    """Every duration of the file (programs' and ``addLoyaltyPoints``'), read now: a bad one names its pointer."""
    holders = [(f"/loyaltyPrograms/{n}", raw) for n, raw in enumerate(document.get("loyaltyPrograms") or [])]
    places = [
        (f"{where}/{key}", args.get(key))
        for where, args in [*holders, *_effect_arguments(document)]
        for key in ("pendingDuration", "expiryDuration")
    ]
    for pointer, value in places:
        if value is not None:
            try:
                parse_duration(str(value))
            except ValueError as exc:
                raise _fail(source, pointer, str(exc)) from None


def _from_document(document: dict[str, Any], source: str) -> Campaigns:
    check_config(document, CAMPAIGNS_SCHEMA, source, CampaignsError)  # the one rule every config file is checked by
    campaigns: list[CampaignDef] = []
    codes: set[str] = set()
    for index, raw in enumerate(document["campaigns"]):
        where = f"/campaigns/{index}"
        if any(c.id == raw["id"] for c in campaigns):
            raise _fail(source, f"{where}/id", f"campaign id {raw['id']} is declared twice")
        campaigns.append(_campaign(raw, source, where, codes))
    _check_durations(document, source)
    programs: dict[int, ProgramDef] = {}
    for index, raw in enumerate(document.get("loyaltyPrograms") or []):
        if raw["id"] in programs:
            raise _fail(source, f"/loyaltyPrograms/{index}/id", f"loyalty program {raw['id']} is declared twice")
        default = ProgramDef.default(raw["id"])
        programs[raw["id"]] = ProgramDef(
            raw["id"],
            raw.get("name", default.name),
            raw.get("title", default.title),
            raw.get("pendingDuration"),
            raw.get("expiryDuration"),
            raw.get("returnPolicy", default.return_policy),
        )
    if "loyaltyPrograms" in document:  # a rule's points must go to a program the file lists
        for where, args in _effect_arguments(document):
            wanted = args.get("programId")
            if wanted is not None and wanted not in programs:
                raise _fail(source, f"{where}/programId", f"loyalty program {wanted} is not in loyaltyPrograms")
    registry = document.get("registry") or {}
    event_types = registry.get("eventTypes")
    attributes = registry.get("attributes")
    return Campaigns(
        source=source,
        campaigns=tuple(campaigns),
        event_types=None if event_types is None else frozenset(event_types),
        attributes=None if attributes is None else {k: frozenset(v) for k, v in attributes.items()},
        by_id={c.id: c for c in campaigns},
        programs=programs,
        declares_programs="loyaltyPrograms" in document,
        catalogs=None if "catalogs" not in document else {c["id"]: c for c in document["catalogs"]},
    )


def load(path: str | os.PathLike[str] | None = None) -> Campaigns:
    """Load a campaigns file, or the default one shipped with the package when ``path`` is None."""
    if path is None:
        data = resources.files("talon_dyn.sandbox").joinpath("campaigns.yaml").read_bytes()
        return parse(data, "talon_dyn/sandbox/campaigns.yaml")
    source = os.fspath(path)
    return _from_document(read_config(source, "campaigns file", CampaignsError), source)
