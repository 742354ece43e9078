"""Hypothesis strategies for requests, built from the spec's own schemas.

Values are drawn from small pools where the name says what they are (coupon codes,
profile and session IDs, campaign IDs), so generated requests hit existing state
as often as they miss it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

import talon_dyn

CODES = ["SUMMER10", "WELCOME5", "EXPIRED1", "FUTURE01", "VIP-ONLY", "WALLET-ONLY", "WINTER20", "NOPE-1", "a/b%"]
PROFILES = ["p1", "p2", "vip-customer", "", "ünï code"]
SESSIONS = ["s1", "s2", "s3"]
HINTS: dict[str, st.SearchStrategy[Any]] = {
    "couponValue": st.sampled_from(CODES),
    "coupon": st.sampled_from([*CODES, ""]),
    "couponCodes": st.lists(st.sampled_from(CODES), max_size=3),
    "referralCode": st.sampled_from(["", "NOREF", "REF-00000"]),
    "referral": st.sampled_from(["", "NOREF"]),
    "profileId": st.sampled_from(PROFILES),
    "integrationId": st.sampled_from([p for p in PROFILES if p]),
    "advocateProfileIntegrationId": st.sampled_from(["ada", "p1", ""]),
    "friendProfileIntegrationId": st.sampled_from(PROFILES),
    "integrationIDs": st.lists(st.sampled_from(PROFILES), max_size=3),
    "customerSessionId": st.sampled_from(SESSIONS),
    "sessionId": st.sampled_from(SESSIONS),
    "campaignId": st.sampled_from([3, 3, 3, 1, 5, 99]),
    "type": st.sampled_from(["page_view", "newsletter_signup", "talon_session_closed", "x"]),
}
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), st.text(max_size=6))
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
DATES = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda moment: moment.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
)


def _resolve(spec: talon_dyn.Spec, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in schema:
        node: Any = spec.document
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def from_schema(
    spec: talon_dyn.Spec, schema: Mapping[str, Any], name: str = "", depth: int = 0
) -> st.SearchStrategy[Any]:
    """Valid instances of ``schema`` (the subset of JSON Schema the Integration API uses)."""
    if name in HINTS:
        return HINTS[name]
    schema = _resolve(spec, schema)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties") or {}
        if not properties:
            return st.dictionaries(st.sampled_from(["tier", "channel", "note", "x"]), SCALARS, max_size=3)
        required = set(schema.get("required", []))
        fields = {key: from_schema(spec, sub, key, depth + 1) for key, sub in properties.items()}
        values = schema.get("additionalProperties")
        return (
            st.fixed_dictionaries(
                {key: fields[key] for key in required},
                optional={key: fields[key] for key in properties if key not in required},
            )
            if not isinstance(values, Mapping)
            else st.dictionaries(st.text(min_size=1, max_size=5), from_schema(spec, values, "", depth + 1), max_size=2)
        )
    if kind == "array":
        return st.lists(
            from_schema(spec, schema.get("items", {}), "", depth + 1), min_size=schema.get("minItems", 0), max_size=3
        )
    if kind == "string":
        if schema.get("format") == "date-time":
            return DATES
        return st.text(min_size=schema.get("minLength", 0), max_size=8)
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum", -5), max_value=50)
    if kind == "number":
        return st.floats(min_value=schema.get("minimum", -100), max_value=500, allow_nan=False).map(
            lambda value: round(value, 2)
        )
    if kind == "boolean":
        return st.booleans()
    return JSON


def requests(spec: talon_dyn.Spec, operation: talon_dyn.Operation) -> st.SearchStrategy[dict[str, Any]]:
    """Valid (path values, query, body) for one operation."""
    path = st.fixed_dictionaries({p.name: from_schema(spec, p.schema, p.name) for p in operation.path_parameters})
    query = st.fixed_dictionaries(
        {},
        optional={p.name: from_schema(spec, p.schema, p.name) for p in operation.parameters if p.location == "query"},
    )
    body = from_schema(spec, operation.body.schema, "") if operation.body and operation.body.schema else st.none()
    return st.fixed_dictionaries({"path": path, "query": query, "body": body})
