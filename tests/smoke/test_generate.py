"""The schema-to-strategy generator (``talon_dyn.smoke._generate``) shared by the smoke tool and the property tests."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import strategies as st

import talon_dyn
from talon_dyn.smoke._generate import REALISTIC, THOROUGH, Style, draw, from_schema

COUNT = 30
"""Examples drawn per schema and style."""
SCHEMAS: dict[str, Any] = {
    "Tree": {
        "type": "object",
        "required": ["children"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
        },
    },
    "MaybeTree": {"oneOf": [{"$ref": "#/components/schemas/Tree"}, {"type": "null"}]},
    "Tuple": {
        "type": "array",
        "prefixItems": [{"type": "integer", "minimum": 0}, {"const": "x"}, {"enum": ["a", "b"]}],
        "items": {"type": "boolean"},
        "minItems": 2,
        "maxItems": 4,
        "uniqueItems": True,
    },
    "Const": {"const": {"a": [1, None]}},
    "IntOrShort": {"anyOf": [{"type": "integer", "minimum": 5}, {"type": "string", "maxLength": 2}]},
    "TypeList": {"type": ["string", "null", "integer"], "maximum": 3, "minLength": 1},
    "OpenInterval": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "EvenSmall": {"type": "integer", "minimum": -3, "exclusiveMaximum": 4, "multipleOf": 2},
    "Tenths": {"type": "number", "minimum": 0, "maximum": 2, "multipleOf": 0.5},
    "Moment": {"type": "string", "format": "date-time"},
    "Merged": {
        "allOf": [
            {"type": "object", "properties": {"n": {"type": "number"}}, "required": ["n"]},
            {"properties": {"n": {"type": "integer", "maximum": 3}}, "additionalProperties": False},
        ]
    },
    "Counts": {"type": "object", "properties": {"a": {"type": "boolean"}}, "additionalProperties": {"type": "integer"}},
    "Free": {"type": "object"},
    "Patterned": {"type": "string", "pattern": "^[A-Z]{2}-[0-9]+$", "maxLength": 6},
}
SPEC = talon_dyn.Spec(
    {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": SCHEMAS}}
)


def examples(name: str, style: Style, count: int = COUNT) -> list[Any]:
    """Distinct drawn instances of the named component schema."""
    strategy = from_schema(SPEC, {"$ref": f"#/components/schemas/{name}"}, style)
    return draw(strategy, count=count, seed=3, deadline=time.monotonic() + 30)


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects."""
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    return 0


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
@pytest.mark.parametrize("style", [REALISTIC, THOROUGH], ids=["realistic", "thorough"])
@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_drawn_value_matches_its_schema(name: str, style: Style) -> None:
    """Each keyword the generator follows yields values the spec's validator accepts, in both styles."""
    found = examples(name, style)
    assert found
    for value in found:
        assert SPEC.validator.is_valid(f"/components/schemas/{name}", value), value


def test_branches_and_type_lists_are_all_drawn() -> None:
    """anyOf branches and each listed type show up, not only the first one."""
    assert {type(value) for value in examples("IntOrShort", REALISTIC)} == {int, str}
    assert {type(value) for value in examples("TypeList", REALISTIC)} == {int, str, type(None)}
    assert {type(value) for value in examples("MaybeTree", REALISTIC)} == {dict, type(None)}


def test_recursion_is_cut_off_at_the_depth_limit() -> None:
    """A schema that requires itself still yields small values: below ``max_depth`` arrays stay at minItems."""
    shallow = max(depth(value) for value in examples("Tree", replace(REALISTIC, max_depth=2)))
    deeper = max(depth(value) for value in examples("Tree", REALISTIC))
    assert shallow <= 4 < deeper <= 6  # each level of the tree is an object and an array


def test_free_form_objects_get_keys_only_when_asked() -> None:
    """Realistic values leave a free-form object empty; thorough ones invent keys; typed extra keys appear in both."""
    assert examples("Free", REALISTIC, count=5) == [{}]
    assert any(value for value in examples("Free", THOROUGH))
    assert any(set(value) - {"a"} for value in examples("Counts", REALISTIC))


def test_text_alphabet_follows_the_style() -> None:
    """Realistic text stays within the small alphabet; thorough text reaches outside it."""
    realistic = "".join(value["name"] for value in examples("Tree", REALISTIC) if "name" in value)
    assert set(realistic) <= set(REALISTIC.alphabet or "")
    thorough = "".join(value["name"] for value in examples("Tree", THOROUGH) if "name" in value)
    assert set(thorough) - set(REALISTIC.alphabet or "")


def test_hints_replace_the_schema_by_name() -> None:
    """A hinted property takes its values from the hint, at any depth."""
    hinted = replace(REALISTIC, hints={"name": st.sampled_from(["root", "leaf"])})
    names: set[str] = set()

    def collect(value: Any) -> None:
        if "name" in value:
            names.add(value["name"])
        for child in value["children"]:
            collect(child)

    for value in examples("Tree", hinted):
        collect(value)
    assert names == {"root", "leaf"}
