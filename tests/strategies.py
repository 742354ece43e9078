"""Hypothesis strategies for JSON Schema 2020-12, as far as the spec's request schemas need them.

``from_schema(schema, resolve)`` gives instances that match ``schema``: ``type`` (one or a list),
``properties``/``required``/``additionalProperties``, ``items``/``prefixItems``/``minItems``/
``maxItems``/``uniqueItems``, ``enum``, ``const``, ``minLength``/``maxLength``/``pattern``,
``minimum``/``maximum`` (and the exclusive forms), formats ``date-time``/``date``/``email``/
``uuid``, ``$ref`` (through ``resolve``), and basic ``allOf``/``anyOf``/``oneOf``. Sizes stay small
and recursion is cut off: below ``MAX_DEPTH`` objects carry only their required properties and
arrays only their minimum number of items.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

__all__ = ["MAX_DEPTH", "NASTY_PATH_VALUES", "Resolve", "from_schema", "json_values"]

Resolve = Callable[[str], Mapping[str, Any]]

MAX_DEPTH = 4
"""Nesting below which only required properties and minimum item counts are generated."""

NASTY_PATH_VALUES = (
    "/",
    "a/b",
    "..",
    ".",
    "../../v1/referrals",
    "?",
    "a?b=c",
    "#",
    "#frag",
    "%",
    "%2F",
    "%252F",
    " ",
    "a b",
    "+",
    "é",
    "日本",
    "\U0001f600",
    "\\",
    ";",
    "&x=1",
    "a\tb",
)
"""Path values that would change the route if they were not percent-encoded."""

_PRINTABLE = st.characters(min_codepoint=32, max_codepoint=126)
_JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")


def json_values(max_leaves: int = 4) -> st.SearchStrategy[Any]:
    """Any small JSON value."""
    scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(_PRINTABLE, max_size=8)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(_PRINTABLE, max_size=5), inner, max_size=3),
        max_leaves=max_leaves,
    )


def from_schema(schema: Mapping[str, Any] | bool, resolve: Resolve, *, depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances matching ``schema``; ``resolve`` turns a ``$ref`` string into the schema it names."""
    if schema is True:
        return json_values()
    if schema is False:
        return st.nothing()
    schema = _flatten(schema, resolve)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            rest = {key: value for key, value in schema.items() if key != keyword}
            branches = [_flatten({"allOf": [rest, branch]}, resolve) for branch in schema[keyword]]
            if depth >= MAX_DEPTH:  # prefer branches that stop recursing
                branches.sort(key=lambda branch: "$ref" in json.dumps(branch))
                branches = branches[:1]
            return st.one_of(*(from_schema(branch, resolve, depth=depth) for branch in branches))
    kinds = schema.get("type")
    if kinds is None:
        kinds = _implied_types(schema)
    if isinstance(kinds, str):
        kinds = [kinds]
    return st.one_of(*(_typed(kind, schema, resolve, depth) for kind in kinds))


def _lazy(schema: Mapping[str, Any] | bool, resolve: Resolve, depth: int) -> st.SearchStrategy[Any]:
    """``from_schema`` built on first draw, so a large or recursive schema costs only what is drawn."""
    return st.deferred(lambda: from_schema(schema, resolve, depth=depth))


def _implied_types(schema: Mapping[str, Any]) -> list[str]:
    if "properties" in schema or "required" in schema or "additionalProperties" in schema:
        return ["object"]
    if "items" in schema or "prefixItems" in schema:
        return ["array"]
    if "minLength" in schema or "maxLength" in schema or "pattern" in schema or "format" in schema:
        return ["string"]
    if "minimum" in schema or "maximum" in schema:
        return ["number"]
    return list(_JSON_TYPES[:5])  # unconstrained: keep it scalar and small


def _flatten(schema: Mapping[str, Any], resolve: Resolve) -> dict[str, Any]:
    """Follow ``$ref`` and merge ``allOf`` into one schema (properties merged, required united)."""
    merged: dict[str, Any] = {}
    pending: list[Mapping[str, Any]] = [schema]
    while pending:
        part = pending.pop(0)
        if "$ref" in part:
            pending.insert(0, resolve(part["$ref"]))
            part = {key: value for key, value in part.items() if key != "$ref"}
        if "allOf" in part:
            pending[:0] = list(part["allOf"])
            part = {key: value for key, value in part.items() if key != "allOf"}
        for key, value in part.items():
            if key == "properties" and key in merged:
                properties = dict(merged[key])
                for name, sub in value.items():
                    properties[name] = {"allOf": [properties[name], sub]} if name in properties else sub
                merged[key] = properties
            elif key == "required" and key in merged:
                merged[key] = sorted(set(merged[key]) | set(value))
            elif key == "type" and key in merged:
                merged[key] = sorted(_widen(merged[key]) & _widen(value))
            else:
                merged[key] = value
    return merged


def _widen(kinds: str | list[str]) -> set[str]:
    """The types a ``type`` keyword accepts, ``number`` counted as accepting ``integer`` too."""
    found = {kinds} if isinstance(kinds, str) else set(kinds)
    return found | {"integer"} if "number" in found else found


def _typed(kind: str, schema: Mapping[str, Any], resolve: Resolve, depth: int) -> st.SearchStrategy[Any]:
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return _integers(schema)
    if kind == "number":
        return _numbers(schema)
    if kind == "string":
        return _strings(schema)
    if kind == "array":
        return _arrays(schema, resolve, depth)
    if kind == "object":
        return _objects(schema, resolve, depth)
    raise ValueError(f"unknown JSON Schema type {kind!r}")


def _bounds(schema: Mapping[str, Any], default: int) -> tuple[float, float, bool, bool]:
    low, high = schema.get("minimum", -default), schema.get("maximum", default)
    exclusive_low = "exclusiveMinimum" in schema
    exclusive_high = "exclusiveMaximum" in schema
    if exclusive_low:
        low = schema["exclusiveMinimum"]
    if exclusive_high:
        high = schema["exclusiveMaximum"]
    return low, high, exclusive_low, exclusive_high


def _integers(schema: Mapping[str, Any]) -> st.SearchStrategy[int]:
    low, high, exclusive_low, exclusive_high = _bounds(schema, 10_000)
    first = int(low) + 1 if exclusive_low and low == int(low) else -int(-low // 1)
    last = int(high) - 1 if exclusive_high and high == int(high) else int(high // 1)
    return st.integers(first, max(first, min(last, first + 20_000)))


def _numbers(schema: Mapping[str, Any]) -> st.SearchStrategy[float | int]:
    low, high, exclusive_low, exclusive_high = _bounds(schema, 10_000)
    floats = st.floats(
        low, high, exclude_min=exclusive_low, exclude_max=exclusive_high, allow_nan=False, allow_infinity=False
    )
    return _integers(schema) | floats


def _strings(schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
    shape = schema.get("format")
    if shape == "date-time":
        moments = st.datetimes(datetime(1970, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC))
        return moments.map(lambda moment: moment.isoformat().replace("+00:00", "Z"))
    if shape == "date":
        return st.dates(datetime(1970, 1, 1).date(), datetime(2100, 1, 1).date()).map(lambda day: day.isoformat())
    if shape == "email":
        return st.from_regex(r"[a-z]{1,8}@example\.com", fullmatch=True)
    if shape == "uuid":
        return st.uuids().map(str)
    low = int(schema.get("minLength", 0))
    high = int(schema.get("maxLength", low + 8))
    high = min(high, low + 8)
    if "pattern" in schema:
        compiled = re.compile(schema["pattern"])
        # Printable ASCII only: where Python and ECMA-262 regexes differ (\s, \w, $), ASCII agrees.
        longest = int(schema.get("maxLength", 10**9))
        matches = st.from_regex(compiled, fullmatch=True, alphabet=_PRINTABLE)
        return matches.filter(lambda text: low <= len(text) <= longest)
    return st.text(st.sampled_from(string.ascii_letters + string.digits + " -_."), min_size=low, max_size=high)


def _arrays(schema: Mapping[str, Any], resolve: Resolve, depth: int) -> st.SearchStrategy[list[Any]]:
    low = int(schema.get("minItems", 0))
    high = low if depth >= MAX_DEPTH else min(int(schema.get("maxItems", low + 3)), low + 3)
    prefix = [_lazy(item, resolve, depth + 1) for item in schema.get("prefixItems", [])]
    items = schema.get("items", True)
    rest = _lazy(items, resolve, depth + 1) if items is not False else st.nothing()
    unique = (lambda value: json.dumps(value, sort_keys=True)) if schema.get("uniqueItems") else None
    if not prefix:
        return st.lists(rest, min_size=low, max_size=high, unique_by=unique)
    head = st.tuples(*prefix).map(list)
    tail = st.lists(rest, min_size=max(0, low - len(prefix)), max_size=max(0, high - len(prefix)))
    combined = st.tuples(head, tail).map(lambda parts: parts[0] + parts[1])
    if unique is None:
        return combined
    return combined.filter(lambda value: len({unique(item) for item in value}) == len(value))


def _objects(schema: Mapping[str, Any], resolve: Resolve, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    properties: Mapping[str, Any] = schema.get("properties", {})
    required = [name for name in schema.get("required", []) if name in properties]
    missing = [name for name in schema.get("required", []) if name not in properties]
    extra_schema = schema.get("additionalProperties", True)
    values: dict[str, st.SearchStrategy[Any]] = {name: _lazy(properties[name], resolve, depth + 1) for name in required}
    for name in missing:  # required but not described: anything allowed by additionalProperties
        values[name] = _lazy(extra_schema, resolve, depth + 1)
    optional: dict[str, st.SearchStrategy[Any]] = {}
    if depth < MAX_DEPTH:
        optional = {name: _lazy(sub, resolve, depth + 1) for name, sub in properties.items() if name not in values}
    fixed = st.fixed_dictionaries(values, optional=optional)
    if depth >= MAX_DEPTH or extra_schema is False:
        return fixed
    if not isinstance(extra_schema, Mapping) or not extra_schema:
        if properties:
            return fixed
        # A free-form object ("arbitrary attributes"): any keys, any small JSON values.
        free = st.dictionaries(st.text(max_size=6), json_values(), max_size=3)
        return st.tuples(free, fixed).map(lambda parts: {**parts[0], **parts[1]})
    names = st.text(st.sampled_from(string.ascii_lowercase), min_size=1, max_size=6).filter(
        lambda name: name not in properties
    )
    extras = st.dictionaries(names, _lazy(extra_schema, resolve, depth + 1), max_size=2)
    return st.tuples(extras, fixed).map(lambda parts: {**parts[0], **parts[1]})
