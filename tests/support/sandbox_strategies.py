"""Requests for the sandbox property tests: the shipped generator with pools of known values.

Values are drawn from small pools where the name says what they are (coupon codes,
profile and session IDs, campaign IDs), so generated requests hit existing state
as often as they miss it; everything else comes from ``talon_dyn.smoke._generate``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

import talon_dyn
from talon_dyn.smoke._generate import THOROUGH, arguments, json_values

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
STYLE = replace(THOROUGH, hints=HINTS)
JSON = json_values(max_leaves=8)
"""Any small JSON value, for breaking bodies."""


def requests(spec: talon_dyn.Spec, operation: talon_dyn.Operation) -> st.SearchStrategy[dict[str, Any]]:
    """Valid (path values, query, body) for one operation, keyed by the spec's parameter names."""
    parameters = {parameter.python_name: parameter for parameter in operation.parameters}
    body_name = operation.body.name if operation.body else None

    def split(drawn: dict[str, Any]) -> dict[str, Any]:
        where = {name: parameters[name].location for name in drawn if name in parameters}
        return {
            "path": {parameters[name].name: drawn[name] for name, at in where.items() if at == "path"},
            "query": {parameters[name].name: drawn[name] for name, at in where.items() if at == "query"},
            "body": drawn.get(body_name) if body_name else None,
        }

    return arguments(spec, operation, STYLE).map(split)


REPEATABLE = settings(derandomize=True, deadline=None, database=None)
"""The parent settings of the sandbox's property tests: the same examples every run, no deadline, no
example database (``@settings(REPEATABLE, max_examples=...)``)."""
