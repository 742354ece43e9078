"""Generated requests: hypothesis strategies from an operation's JSON Schemas, drawn deterministically.

``arguments(spec, operation)`` is a strategy for the keyword arguments of a call (path
and query values, the JSON body); ``draw(strategy, count=, seed=, deadline=)`` runs
hypothesis programmatically (``given`` with a fixed seed, no database, no shrinking)
and returns the examples it produced, so the same ``--seed`` gives the same requests.
Values stay realistic: bounded numbers, short printable strings, free-form objects
left empty, so a correct service answers with a success or a documented 4xx.

hypothesis is imported here only, on first use: the core never imports it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._refs import resolve_pointer
from .._spec import Operation, Spec

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["MAX_DEPTH", "arguments", "draw", "from_schema"]

MAX_DEPTH = 5
"""Below this nesting, objects get only their required properties and arrays their minimum items."""
LIMIT = 1_000_000
"""Bound for numbers whose schema gives none."""
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+ é"


class GenerationError(ValueError):
    """A schema this generator cannot produce values for."""


def arguments(spec: Spec, operation: Operation) -> SearchStrategy[dict[str, Any]]:
    """Keyword arguments (python names, ``body``) for a call of ``operation`` that match its schemas."""
    from hypothesis import strategies as st

    required: dict[str, SearchStrategy[Any]] = {}
    optional: dict[str, SearchStrategy[Any]] = {}
    for parameter in operation.parameters:
        if parameter.location == "cookie" or (parameter.location == "header" and not parameter.required):
            continue
        schema = dict(parameter.schema)
        if parameter.location == "path" and schema.get("type", "string") == "string":
            schema["minLength"] = max(1, int(schema.get("minLength", 1)))  # an empty path value changes the route
        strategy = from_schema(spec, schema)
        (required if parameter.required else optional)[parameter.python_name] = strategy
    body = operation.body
    if body is not None and body.is_json and body.schema is not None:
        strategy = from_schema(spec, body.schema)
        (required if body.required else optional)[body.name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def draw(strategy: SearchStrategy[Any], *, count: int, seed: int, deadline: float) -> list[Any]:
    """Up to ``count`` distinct examples of ``strategy``, the same ones for the same ``seed``."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as fixed_seed

    drawn: list[Any] = []
    seen: set[str] = set()

    @fixed_seed(seed)
    @settings(
        max_examples=max(2 * count, 1),  # room for duplicates, which are dropped
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        print_blob=False,
    )
    @given(strategy)
    def collect(value: Any) -> None:
        key = json.dumps(value, sort_keys=True, default=str)
        if len(drawn) < count and key not in seen and time.monotonic() < deadline:
            seen.add(key)
            drawn.append(value)

    if count > 0:
        collect()
    return drawn


def from_schema(spec: Spec, schema: Mapping[str, Any] | bool, depth: int = 0) -> SearchStrategy[Any]:
    """Values matching ``schema`` (local ``$ref`` resolved through ``spec``)."""
    from hypothesis import strategies as st

    if schema is True:
        return st.one_of(st.booleans(), st.integers(-100, 100), _text(0, 8))
    if schema is False:
        return st.nothing()
    flat = _flatten(spec, schema)
    if "const" in flat:
        return st.just(flat["const"])
    if "enum" in flat:
        return st.sampled_from(list(flat["enum"]))
    for keyword in ("anyOf", "oneOf"):
        if keyword in flat:
            rest = {key: value for key, value in flat.items() if key != keyword}
            return st.one_of(*(from_schema(spec, {"allOf": [rest, branch]}, depth) for branch in flat[keyword]))
    kinds = flat.get("type")
    if kinds is None:
        kinds = _implied(flat)
    if isinstance(kinds, str):
        kinds = [kinds]
    return st.one_of(*(_typed(spec, kind, flat, depth) for kind in kinds))


def _flatten(spec: Spec, schema: Mapping[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and merge ``allOf`` parts into one schema."""
    merged: dict[str, Any] = {}
    pending: list[Mapping[str, Any]] = [schema]
    hops = 0
    while pending:
        part = pending.pop(0)
        hops += 1
        if hops > 100:
            raise GenerationError("$ref/allOf chain too long")
        if "$ref" in part:
            reference = str(part["$ref"])
            if not reference.startswith("#"):
                raise GenerationError(f"cannot generate values for the external reference {reference!r}")
            from urllib.parse import unquote

            target = resolve_pointer(spec.document, unquote(reference[1:]), source=spec.source)
            pending.insert(0, target if isinstance(target, Mapping) else {})
            part = {key: value for key, value in part.items() if key != "$ref"}
        if "allOf" in part:
            pending[:0] = [item for item in part["allOf"] if isinstance(item, Mapping)]
            part = {key: value for key, value in part.items() if key != "allOf"}
        for key, value in part.items():
            if key == "properties" and key in merged:
                merged[key] = {**merged[key], **value}
            elif key == "required" and key in merged:
                merged[key] = sorted(set(merged[key]) | set(value))
            else:
                merged[key] = value
    return merged


def _implied(schema: Mapping[str, Any]) -> list[str]:
    if "properties" in schema or "required" in schema or "additionalProperties" in schema:
        return ["object"]
    if "items" in schema or "prefixItems" in schema:
        return ["array"]
    if {"minLength", "maxLength", "pattern", "format"} & set(schema):
        return ["string"]
    if {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"} & set(schema):
        return ["number"]
    return ["string", "integer", "boolean"]


def _typed(spec: Spec, kind: str, schema: Mapping[str, Any], depth: int) -> SearchStrategy[Any]:
    from hypothesis import strategies as st

    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "number"):
        return _numbers(schema, integer=kind == "integer")
    if kind == "string":
        return _strings(schema)
    if kind == "array":
        return _arrays(spec, schema, depth)
    if kind == "object":
        return _objects(spec, schema, depth)
    raise GenerationError(f"unknown JSON Schema type {kind!r}")


def _numbers(schema: Mapping[str, Any], *, integer: bool) -> SearchStrategy[Any]:
    from hypothesis import strategies as st

    low = schema.get("minimum", schema.get("exclusiveMinimum", -LIMIT))
    high = schema.get("maximum", schema.get("exclusiveMaximum", LIMIT))
    low_open, high_open = "exclusiveMinimum" in schema, "exclusiveMaximum" in schema
    first = int(low) + 1 if low_open and float(low).is_integer() else -int(-low // 1)
    last = int(high) - 1 if high_open and float(high).is_integer() else int(high // 1)
    integers = st.integers(first, max(first, min(last, first + 2 * LIMIT)))
    if integer:
        return integers
    floats = st.floats(
        float(low),
        float(high),
        exclude_min=low_open,
        exclude_max=high_open,
        allow_nan=False,
        allow_infinity=False,
        allow_subnormal=False,
    )
    return integers | floats.map(lambda value: round(value, 4)).filter(
        lambda value: (value > low if low_open else value >= low) and (value < high if high_open else value <= high)
    )


def _text(low: int, high: int) -> SearchStrategy[str]:
    from hypothesis import strategies as st

    return st.text(st.sampled_from(ALPHABET), min_size=low, max_size=high)


def _strings(schema: Mapping[str, Any]) -> SearchStrategy[str]:
    from hypothesis import strategies as st

    shape = schema.get("format")
    if shape == "date-time":
        from datetime import UTC, datetime

        moments = st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31), timezones=st.just(UTC))
        return moments.map(lambda moment: moment.replace(microsecond=0).isoformat().replace("+00:00", "Z"))
    if shape == "date":
        from datetime import date

        return st.dates(date(2000, 1, 1), date(2099, 12, 31)).map(lambda day: day.isoformat())
    if shape == "email":
        return st.from_regex(r"[a-z]{1,8}@example\.com", fullmatch=True)
    if shape == "uuid":
        return st.uuids().map(str)
    low = int(schema.get("minLength", 0))
    high = min(int(schema.get("maxLength", low + 12)), low + 12)
    if "pattern" in schema:
        longest = int(schema.get("maxLength", 10**6))
        printable = st.characters(min_codepoint=32, max_codepoint=126)
        return st.from_regex(str(schema["pattern"]), fullmatch=True, alphabet=printable).filter(
            lambda text: low <= len(text) <= longest
        )
    return _text(low, high)


def _arrays(spec: Spec, schema: Mapping[str, Any], depth: int) -> SearchStrategy[list[Any]]:
    from hypothesis import strategies as st

    low = int(schema.get("minItems", 0))
    high = low if depth >= MAX_DEPTH else max(low, min(int(schema.get("maxItems", low + 3)), low + 3))
    prefix = [from_schema(spec, item, depth + 1) for item in schema.get("prefixItems", [])]
    items = schema.get("items", True)
    rest = from_schema(spec, items, depth + 1) if items is not False else st.nothing()
    if schema.get("uniqueItems"):
        rest_list = st.lists(
            rest,
            min_size=max(0, low - len(prefix)),
            max_size=max(0, high - len(prefix)),
            unique_by=lambda value: json.dumps(value, sort_keys=True),
        )
    else:
        rest_list = st.lists(rest, min_size=max(0, low - len(prefix)), max_size=max(0, high - len(prefix)))
    if not prefix:
        return rest_list
    return st.tuples(st.tuples(*prefix), rest_list).map(lambda parts: [*parts[0], *parts[1]])


def _deferred(spec: Spec, schema: Any, depth: int) -> SearchStrategy[Any]:
    """``from_schema`` built on first draw: a recursive or large schema costs only what is drawn."""
    from hypothesis import strategies as st

    return st.deferred(lambda: from_schema(spec, schema, depth))


def _objects(spec: Spec, schema: Mapping[str, Any], depth: int) -> SearchStrategy[dict[str, Any]]:
    from hypothesis import strategies as st

    properties: Mapping[str, Any] = schema.get("properties") or {}
    extra = schema.get("additionalProperties", True)
    required: dict[str, SearchStrategy[Any]] = {}
    for name in schema.get("required") or []:
        sub = properties.get(name, extra if isinstance(extra, Mapping) else True)
        required[name] = _deferred(spec, sub, depth + 1)
    optional: dict[str, SearchStrategy[Any]] = {}
    if depth < MAX_DEPTH:
        optional = {name: _deferred(spec, sub, depth + 1) for name, sub in properties.items() if name not in required}
    fixed = st.fixed_dictionaries(required, optional=optional)
    if not isinstance(extra, Mapping) or not extra or depth >= MAX_DEPTH:
        return fixed  # free-form objects stay as described: no invented keys
    names = _text(1, 8).filter(lambda name: name not in properties)
    more = st.dictionaries(names, _deferred(spec, extra, depth + 1), max_size=2)
    return st.tuples(more, fixed).map(lambda parts: {**parts[0], **parts[1]})
