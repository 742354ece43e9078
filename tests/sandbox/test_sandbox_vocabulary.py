"""The rules' vocabulary is one registry: the campaigns schema, the props order and the docs follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from talon_dyn.sandbox._domain.campaigns import CAMPAIGNS_SCHEMA, CampaignsError, parse
from talon_dyn.sandbox._domain.rules import PROPS_ORDER
from talon_dyn.sandbox._domain.vocabulary import CONDITIONS, EFFECTS

SANDBOX_DOC = (Path(__file__).resolve().parents[2] / "docs" / "sandbox.md").read_text(encoding="utf-8")

CAMPAIGN = """
campaigns:
  - id: 1
    name: c
    rules:
      - title: r
        conditions: [{CONDITION}]
        effects: [{EFFECT}]
"""


def _rule_schema() -> dict[str, object]:
    campaign = CAMPAIGNS_SCHEMA["properties"]["campaigns"]["items"]
    return campaign["properties"]["rules"]["items"]  # type: ignore[no-any-return]


def test_the_campaigns_schema_admits_exactly_the_registered_names() -> None:
    rule = _rule_schema()
    assert set(rule["properties"]["conditions"]["items"]["properties"]) == set(CONDITIONS)  # type: ignore[index]
    assert set(rule["properties"]["effects"]["items"]["properties"]) == set(EFFECTS)  # type: ignore[index]


def test_every_effect_brings_its_props_order() -> None:
    for name, entry in EFFECTS.items():
        assert PROPS_ORDER[name] == entry.props


@pytest.mark.parametrize("name", sorted(CONDITIONS) + sorted(EFFECTS))
def test_every_registered_name_is_documented(name: str) -> None:
    assert re.search(rf"`{name}:", SANDBOX_DOC), f"docs/sandbox.md does not describe {name}"
    entry = CONDITIONS.get(name) or EFFECTS[name]
    assert entry.doc


def test_an_unregistered_condition_is_refused_with_its_place() -> None:
    text = CAMPAIGN.replace("{CONDITION}", "{cartTotalAbove: 3}").replace("{EFFECT}", "{referralCreated: {}}")
    with pytest.raises(CampaignsError, match=r"campaigns\.yaml#/campaigns/0/rules/0/conditions/0"):
        parse(text.encode(), "campaigns.yaml")
