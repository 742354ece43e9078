"""Schema-valid values from the spec alone (``sandbox._synth``): every response schema of Talon's whole current
document gets an answer its validator accepts, the vendor's invalid examples are never used, and a handler's
answer for another spec is mended only where it is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import talon_dyn
from talon_dyn.sandbox._domain.synth import Instances, pattern_text

CURRENT = Path(__file__).parents[1] / "fixtures" / "talon-openapi-2026.yaml"


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[A-Za-z0-9._%+@-]+$",
        r"^[a-zA-Z]\w+$",
        r"^[^[:cntrl:]\s][^[:cntrl:]]*$",
        r"^[A-Za-z][A-Za-z0-9_.!~*'() -]*$",
        r"^([^:,]*):([^]*|[^,]*)$",
        r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
        r"^[a-fA-F0-9]{16}$",
        r"^[^:,]+:[^,]*$",
    ],
)
def test_a_pattern_gets_a_string_it_matches(pattern: str) -> None:
    """The patterns of Talon's current document (POSIX classes included, which Python reads literally)."""
    text = pattern_text(pattern)
    assert text is not None
    assert re.search(pattern, text)


def test_a_pattern_beyond_the_generator_says_so() -> None:
    assert pattern_text(r"^(a)\1$") is None  # a back reference
    assert pattern_text("[") is None  # not a pattern


def test_every_response_schema_of_the_current_document_gets_a_valid_answer() -> None:
    spec = talon_dyn.load(CURRENT)
    instances = Instances(spec, seed=1)
    checked = 0
    for operation in spec:
        for code, response in operation.responses.items():
            if not code.isdigit() or response.schema is None or not response.is_json:
                continue
            _, body = instances.answer(operation, int(code))
            schema = response.schema_pointer or response.schema
            assert spec.validator.is_valid(schema, body), (operation.operation_id, code)
            checked += 1
    assert checked == 367


def test_answers_are_stable_per_seed_and_skip_invalid_examples() -> None:
    spec = talon_dyn.load(CURRENT)
    operation = spec.operation("trackEventV2")
    first = Instances(spec, seed=5).answer(operation)
    assert Instances(spec, seed=5).answer(operation) == first
    # The vendor's example writes couponAttributes as the string '{}'; the answer carries an object.
    campaigns = first[1].get("triggeredCampaigns") or []
    assert campaigns
    assert all(isinstance(campaign.get("couponAttributes", {}), dict) for campaign in campaigns)


def test_mending_changes_only_what_is_wrong() -> None:
    """A v2 session answer in the 2020 shape, served with the current document (which requires id and
    updateCount): the missing properties are added, the handler's values kept, a wrong leaf rebuilt."""
    spec = talon_dyn.load("current")
    schema = "/components/schemas/IntegrationStateV2"
    answer = {
        "customerSession": {
            "integrationId": "s1",
            "created": "2024-01-01T00:00:00Z",
            "applicationId": 7,
            "profileId": "ada",
            "state": "open",
            "cartItems": [{"name": "x", "sku": "y", "quantity": 2, "price": 5.0}],
            "total": "not a number",
        },
        "effects": [],
    }
    assert not spec.validator.is_valid(schema, answer)
    mended = Instances(spec, seed=1).mend(schema, answer)
    assert spec.validator.is_valid(schema, mended)
    session = mended["customerSession"]
    assert session["integrationId"] == "s1"
    assert session["profileId"] == "ada"
    assert session["state"] == "open"
    assert session["cartItems"][0]["quantity"] == 2
    assert isinstance(session["id"], int)
    assert "updateCount" in session
    assert isinstance(session["total"], (int, float))
    assert mended["effects"] == []
