"""Effects typed from the spec at run time: each effectType's props are validated; unknown types pass."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import talon_dyn
from talon_dyn.docs._types import variants
from talon_dyn.sandbox._domain.rules import PROPS_ORDER

SPEC = talon_dyn.load()


def _client(answer: dict[str, Any], mode: str = "strict") -> talon_dyn.Client:
    status = 201 if "event" in answer else 200  # trackEvent answers 201
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=answer))
    return talon_dyn.Client(base_url="http://x.test", api_key="k", transport=transport, response_validation=mode)


def _state_v2(effect: dict[str, Any]) -> dict[str, Any]:
    base = {"campaignId": 1, "rulesetId": 2, "ruleIndex": 0, "ruleName": "r"}
    return {"effects": [{**base, **effect}], "createdCoupons": [], "createdReferrals": []}


def test_a_set_discount_without_its_value_is_refused_by_path() -> None:
    """A setDiscount effect missing props.value is a ResponseValidationError at the object that lacks it,
    naming the property: $.effects[0].props: 'value' is a required property."""
    client = _client(_state_v2({"effectType": "setDiscount", "props": {"name": "10% off"}}))
    with pytest.raises(talon_dyn.ResponseValidationError) as caught:
        client.update_customer_session_v2("s1", {"customerSession": {}})
    assert caught.value.json_path == "$.effects[0].props"
    assert "$.effects[0].props: 'value' is a required property" in str(caught.value)


def test_an_effect_type_the_spec_does_not_know_passes_untouched() -> None:
    """New effects must not break old clients: an unknown effectType with any props is accepted as is."""
    answer = _state_v2({"effectType": "awardGiveaway", "props": {"anything": [1, {"goes": True}]}})
    assert _client(answer).update_customer_session_v2("s1", {"customerSession": {}}) == answer


def test_every_props_schema_of_the_spec_is_bound_to_its_effect_type() -> None:
    """19 effect types: each *EffectProps schema is the props of the effectType named like it."""
    effect = SPEC.resolve({"$ref": "#/components/schemas/Effect"})
    bound = {value: ref.rsplit("/", 1)[1] for _, value, _, ref in variants(effect)}
    props = [
        name
        for name in SPEC.document["components"]["schemas"]
        if name.endswith("EffectProps") and name != "EffectProps"
    ]
    assert len(bound) == len(props) == 19
    assert {value[0].upper() + value[1:] + "EffectProps" for value in bound} == set(props)


def _event(effect: list[Any]) -> dict[str, Any]:
    """The spec's own IntegrationState example, its event carrying one v1 effect."""
    state = json.loads(json.dumps(SPEC.resolve({"$ref": "#/components/schemas/IntegrationState"})["examples"][0]))
    state["event"]["effects"] = [[1, 2, 0, effect]]
    return state


def test_v1_array_effects_are_checked_where_positions_are_known() -> None:
    """v1 ["setDiscount", name, value]: a string where the value goes is refused; an unknown type passes."""
    client = _client(_event(["setDiscount", "10% off", "ten"]))
    with pytest.raises(talon_dyn.ResponseValidationError) as caught:
        client.track_event({"type": "t", "sessionId": "s", "attributes": {}})
    assert caught.value.json_path == "$.event.effects[0][3][2]"
    assert _client(_event(["setDiscount", "10% off", 10.0])).track_event(
        {"type": "t", "sessionId": "s", "attributes": {}}
    )
    assert _client(_event(["awardGiveaway", {"x": 1}])).track_event({"type": "t", "sessionId": "s", "attributes": {}})


def test_the_spec_v1_positions_agree_with_the_sandbox() -> None:
    """The sandbox writes v1 arguments in the order the spec types them (one vocabulary, checked both ways)."""
    item = SPEC.resolve({"$ref": "#/components/schemas/Event"})["properties"]["effects"]["items"]["prefixItems"][3]
    for rule in item["allOf"]:
        name = rule["if"]["prefixItems"][0]["const"]
        positions = rule["then"]["prefixItems"][1:]
        schema = SPEC.resolve({"$ref": f"#/components/schemas/{name[0].upper() + name[1:]}EffectProps"})
        order = PROPS_ORDER[name][: len(positions)]
        assert [schema["properties"][key].get("type") for key in order] == [
            p.get("type") if isinstance(p, dict) else None for p in positions
        ], name


def test_warn_mode_still_returns_a_drifting_effect() -> None:
    """With response_validation="warn" the mismatching answer is returned (and warned about)."""
    answer = _state_v2({"effectType": "setDiscount", "props": {"name": "x"}})
    with pytest.warns(
        talon_dyn.TalonValidationWarning, match=r"\$\.effects\[0\]\.props: 'value' is a required property"
    ):
        assert _client(answer, "warn").update_customer_session_v2("s1", {"customerSession": {}}) == answer
    json.dumps(answer)
