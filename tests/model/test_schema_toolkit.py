"""The schema toolkit (talon_dyn._model.schema): one rule and one hop limit for every reader of a spec."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import talon_dyn
from talon_dyn import SpecError
from talon_dyn._model.schema import MAX_REF_HOPS, deref, example_value, follow, parts, resolve_pointer

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "a/b": {"type": "string", "minLength": 3},
            "Alias": {"$ref": "#/components/schemas/a~1b"},
            "Percent": {"$ref": "#/components/schemas/With%20Space"},
            "With Space": {"type": "integer", "minimum": 5},
            "Loop": {"$ref": "#/components/schemas/Loop"},
            "Base": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]},
            "Child": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"name": {"type": "string"}}}]},
        }
    }
}


def _chain(length: int) -> dict[str, Any]:
    schemas: dict[str, Any] = {f"S{index}": {"$ref": f"#/components/schemas/S{index + 1}"} for index in range(length)}
    schemas[f"S{length}"] = {"type": "string"}
    return {"components": {"schemas": schemas}}


def test_a_ref_is_percent_decoded_and_pointer_unescaped() -> None:
    assert deref(DOCUMENT, {"$ref": "#/components/schemas/Alias"}, source="t") == {"type": "string", "minLength": 3}
    node, pointer = follow(DOCUMENT, {"$ref": "#/components/schemas/Percent"}, source="t")
    assert node == {"type": "integer", "minimum": 5}
    assert pointer == "/components/schemas/With Space"


def test_a_cycle_and_a_missing_target_are_named() -> None:
    with pytest.raises(SpecError, match="cycle through #/components/schemas/Loop"):
        deref(DOCUMENT, {"$ref": "#/components/schemas/Loop"}, source="t")
    with pytest.raises(SpecError, match="'/components/schemas/Nope' does not exist"):
        resolve_pointer(DOCUMENT, "/components/schemas/Nope", source="t")


def test_one_hop_limit_for_ref_chains_and_allof_parts() -> None:
    within = _chain(MAX_REF_HOPS - 1)
    assert deref(within, {"$ref": "#/components/schemas/S0"}, source="t") == {"type": "string"}
    beyond = _chain(MAX_REF_HOPS + 5)
    with pytest.raises(SpecError, match=f"longer than {MAX_REF_HOPS}"):
        deref(beyond, {"$ref": "#/components/schemas/S0"}, source="t")
    with pytest.raises(SpecError, match=f"longer than {MAX_REF_HOPS}"):
        list(parts(beyond, {"$ref": "#/components/schemas/S0"}, source="t"))


def test_parts_walk_allof_outermost_first_and_refuse_other_files_unless_asked() -> None:
    reached = list(parts(DOCUMENT, {"$ref": "#/components/schemas/Child"}, source="t"))
    assert reached[0] == {}
    assert {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]} in reached
    assert {"properties": {"name": {"type": "string"}}} in reached
    with pytest.raises(SpecError, match="another file"):
        list(parts(DOCUMENT, {"$ref": "other.yaml#/X"}, source="t"))
    assert list(parts(DOCUMENT, {"$ref": "other.yaml#/X", "type": "string"}, source="t", external=True)) == [
        {"type": "string"}
    ]


def test_smoke_generation_and_the_spec_share_the_limit() -> None:
    """A response schema reached through a chain longer than the limit: the spec's resolve and smoke's
    generator both refuse it with the same limit, not three different ones."""
    from talon_dyn.smoke._generate import REALISTIC, GenerationError, _generator

    document = copy.deepcopy(talon_dyn.load().document)
    document["components"]["schemas"].update(_chain(MAX_REF_HOPS + 1)["components"]["schemas"])
    spec = talon_dyn.Spec(document)
    with pytest.raises(SpecError, match=f"longer than {MAX_REF_HOPS}"):
        spec.resolve({"$ref": "#/components/schemas/S0"})
    with pytest.raises(GenerationError, match=f"longer than {MAX_REF_HOPS}"):
        _generator(spec, REALISTIC).flatten({"$ref": "#/components/schemas/S0"})


def test_the_example_instance_validates_and_the_sandbox_answers_with_it() -> None:
    spec = talon_dyn.load()
    value = example_value(spec, {"$ref": "#/components/schemas/IntegrationStateV2"})
    assert spec.validator.is_valid("/components/schemas/IntegrationStateV2", value)
