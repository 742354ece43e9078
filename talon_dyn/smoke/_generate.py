"""Generated values: hypothesis strategies from the spec's JSON Schemas, drawn deterministically.

``from_schema(spec, schema)`` is a strategy for instances of a JSON Schema (2020-12, as OpenAPI
3.1 has it) whose local ``$ref`` resolve in ``spec``; ``arguments(spec, operation)`` one for the
keyword arguments of a call (path, query and required header values, the JSON body);
``draw(strategy, count=, seed=, deadline=)`` runs hypothesis programmatically (a fixed seed, no
database, no shrinking) and returns distinct examples, so the same ``--seed`` gives the same requests.

Keywords followed: ``type`` (one or a list), ``const``, ``enum``, ``$ref``, ``allOf`` (merged:
properties combined, ``required`` united, types intersected), ``anyOf``/``oneOf`` (a branch plus the
rest of the schema), ``properties``/``required``/``additionalProperties``, ``items``/``prefixItems``/
``minItems``/``maxItems``/``uniqueItems``, ``minLength``/``maxLength``/``pattern``, formats
``date-time``/``date``/``email``/``uuid``, ``minimum``/``maximum`` and their exclusive forms,
``multipleOf``. Not followed: ``not``, the exclusivity of ``oneOf``, ``min``/``maxProperties``.

A ``Style`` says how wild values are: ``REALISTIC`` (the smoke tool's: bounded numbers, short text
from a small alphabet, free-form objects left empty, which a correct service answers with a success
or a documented 4xx) or ``THOROUGH`` (tests': any Unicode text, invented keys in free-form objects),
plus ``hints`` that pin values by name (pools of known IDs). Sizes stay small and recursion is cut:
from ``max_depth`` on, objects get only required properties, arrays their minimum items, and
``anyOf``/``oneOf`` a branch with no ``$ref`` when there is one.

hypothesis is imported here only, on first use: the core and a client-only program never load it.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._exceptions import SpecError
from .._model.schema import parts
from .._model.spec import Operation, Spec

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["REALISTIC", "THOROUGH", "GenerationError", "Style", "arguments", "draw", "from_schema", "json_values"]

FULL_OBJECTS_DEPTH = 5
"""From this nesting on, objects get only their required properties and arrays their minimum items."""
LIMIT = 1_000_000
"""Bound for numbers whose schema gives none."""
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+ é"
"""Characters of realistic text."""
SPARE = 12
"""Generated text is at most this much longer than its ``minLength``."""


class GenerationError(ValueError):
    """A schema this generator cannot produce values for."""


@dataclass(frozen=True)
class Style:
    """How values are drawn; the defaults are the smoke tool's realistic ones."""

    alphabet: str | None = ALPHABET
    """Characters of generated text (names of invented keys included); None for any Unicode text."""
    free_form: bool = False
    """Invent keys (any small JSON values) in free-form objects, and any JSON value where a schema says nothing."""
    max_depth: int = FULL_OBJECTS_DEPTH
    """Nesting from which only required properties and minimum items are generated."""
    hints: Mapping[str, SearchStrategy[Any]] = field(default_factory=dict)
    """Strategies used, instead of the schema, for properties and parameters of these names."""


REALISTIC = Style()
"""The smoke tool's values: what a real client would plausibly send."""
THOROUGH = Style(alphabet=None, free_form=True)
"""Tests' values: any Unicode text, and invented keys with any JSON values where a schema allows them."""


def arguments(spec: Spec, operation: Operation, style: Style = REALISTIC) -> SearchStrategy[dict[str, Any]]:
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
        strategy = style.hints[parameter.name] if parameter.name in style.hints else from_schema(spec, schema, style)
        (required if parameter.required else optional)[parameter.python_name] = strategy
    body = operation.body
    if body is not None and body.is_json and body.schema is not None:
        (required if body.required else optional)[body.name] = from_schema(spec, body.schema, style)
    elif body is not None:
        (required if body.required else optional)[body.name] = _other_body(spec, operation, style)
    return st.fixed_dictionaries(required, optional=optional)


CSV = "id,value\n1,10\n"
"""A file part or a ``text/csv`` body smoke sends: two columns, one row."""


def _other_body(spec: Spec, operation: Operation, style: Style) -> SearchStrategy[Any]:
    """A body of a media type that is not JSON, as the client sends it (``_client.codec``): a form is a mapping of
    its fields (a ``format: binary`` field as a small CSV file), text is a string, anything else bytes."""
    from hypothesis import strategies as st

    body = operation.body
    assert body is not None
    media = body.content_type.split(";", 1)[0].strip().lower()
    schema = spec.resolve(body.schema) if body.schema is not None else {}
    if media.startswith("multipart/") or media == "application/x-www-form-urlencoded":
        found = schema.get("properties")
        properties: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        needed = set(schema.get("required") or ()) if isinstance(schema.get("required"), list) else set()
        fields: dict[str, SearchStrategy[Any]] = {}
        for name, sub in properties.items():
            resolved = spec.resolve(sub) if isinstance(sub, Mapping) else {}
            if resolved.get("format") == "binary" or resolved.get("contentMediaType"):
                fields[name] = st.just(CSV.encode() if media.startswith("multipart/") else CSV)
            elif name in needed or resolved.get("type") in ("string", "integer", "number", "boolean"):
                scalar = {key: value for key, value in resolved.items() if key != "format"}
                fields[name] = from_schema(spec, scalar or {"type": "string"}, style)
        return st.fixed_dictionaries(fields)
    if media.startswith("text/"):
        return st.just(CSV)
    return st.just(CSV.encode())


def _storage_outside_the_working_directory() -> None:
    """hypothesis keeps caches in ``.hypothesis/`` of the working directory unless told otherwise: a smoke run
    must leave nothing behind where it runs, so they go to talon_dyn's cache folder (read at hypothesis's import)."""
    if "hypothesis" in sys.modules or "HYPOTHESIS_STORAGE_DIRECTORY" in os.environ:
        return
    from .._model.document import cache_dir

    where = cache_dir()
    target = where / "hypothesis" if where is not None else Path(tempfile.gettempdir()) / "talon_dyn-hypothesis"
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = str(target)


_storage_outside_the_working_directory()  # before anything here imports hypothesis


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


def json_values(*, max_leaves: int = 4, alphabet: str | None = None) -> SearchStrategy[Any]:
    """Any small JSON value: null, booleans, integers, text, and lists and objects of them."""
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | _text(alphabet, 0, 8)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text(alphabet, 0, 5), inner, max_size=3),
        max_leaves=max_leaves,
    )


def from_schema(
    spec: Spec, schema: Mapping[str, Any] | bool, style: Style = REALISTIC, depth: int = 0
) -> SearchStrategy[Any]:
    """Values matching ``schema`` (local ``$ref`` resolved through ``spec``), drawn in ``style``."""
    return _generator(spec, style).schema(schema, depth)


_GENERATORS: weakref.WeakKeyDictionary[Spec, dict[int, _Generator]] = weakref.WeakKeyDictionary()


def _generator(spec: Spec, style: Style) -> _Generator:
    """The generator for ``spec`` in ``style``, reused so that hypothesis sees the same strategies again."""
    known = _GENERATORS.setdefault(spec, {})
    found = known.get(id(style))
    if found is None or found.style is not style:
        if len(known) >= 16:
            known.clear()
        found = known[id(style)] = _Generator(spec, style)
    return found


def _text(alphabet: str | None, low: int, high: int) -> SearchStrategy[str]:
    from hypothesis import strategies as st

    if alphabet is None:
        return st.text(min_size=low, max_size=high)
    return st.text(st.sampled_from(alphabet), min_size=low, max_size=high)


def _widen(kinds: Any) -> set[str]:
    """The types a ``type`` keyword accepts (``number`` accepts integers too)."""
    found = {kinds} if isinstance(kinds, str) else set(kinds)
    return found | {"integer"} if "number" in found else found


class _Generator:
    """Strategies for one spec in one style; every part of a schema is built on first draw."""

    def __init__(self, spec: Spec, style: Style) -> None:
        self.spec = spec
        self.style = style
        self.built: dict[tuple[int, int], tuple[Any, SearchStrategy[Any]]] = {}
        """Deferred strategies by (schema identity, depth); the schema is kept so its id stays its own."""

    def schema(self, schema: Mapping[str, Any] | bool, depth: int) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        if schema is False:
            return st.nothing()
        flat = {} if schema is True else self.flatten(schema)
        if "const" in flat:
            return st.just(flat["const"])
        if "enum" in flat:
            return st.sampled_from(list(flat["enum"]))
        for keyword in ("anyOf", "oneOf"):
            if keyword in flat:
                rest = {key: value for key, value in flat.items() if key != keyword}
                branches = [branch for branch in flat[keyword] if isinstance(branch, (Mapping, bool))]
                if depth >= self.style.max_depth:  # stop recursing where a branch allows it
                    branches = sorted(branches, key=lambda branch: "$ref" in json.dumps(branch))[:1]
                return st.one_of(*(self.schema({"allOf": [rest, branch]}, depth) for branch in branches))
        kinds = flat.get("type", self.implied(flat))
        if kinds is None:
            if self.style.free_form:
                return json_values(alphabet=self.style.alphabet)
            return st.one_of(st.booleans(), st.integers(-100, 100), _text(self.style.alphabet, 0, 8))
        return st.one_of(*(self.typed(kind, flat, depth) for kind in ([kinds] if isinstance(kinds, str) else kinds)))

    def deferred(self, schema: Any, depth: int) -> SearchStrategy[Any]:
        """``schema`` built on first draw: a recursive or large schema costs only what is drawn."""
        from hypothesis import strategies as st

        found = self.built.get((id(schema), depth))
        if found is not None and found[0] is schema:
            return found[1]
        if len(self.built) >= 10_000:
            self.built.clear()
        strategy = st.deferred(lambda: self.schema(schema, depth))
        self.built[id(schema), depth] = (schema, strategy)
        return strategy

    def named(self, name: str, schema: Any, depth: int) -> SearchStrategy[Any]:
        """The hint for a property called ``name``, else values of its schema."""
        return self.style.hints[name] if name in self.style.hints else self.deferred(schema, depth)

    def flatten(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        """Follow ``$ref`` and merge ``allOf`` parts into one schema."""
        merged: dict[str, Any] = {}
        try:
            reached = list(parts(self.spec.document, schema, source=self.spec.source))
        except SpecError as error:
            raise GenerationError(error.message) from None
        for part in reached:
            if part is False:
                return {"enum": []}
            if not isinstance(part, Mapping):
                continue
            for key, value in part.items():
                if key not in merged:
                    merged[key] = value
                elif key == "properties":
                    properties = dict(merged[key])
                    for name, sub in value.items():
                        properties[name] = {"allOf": [properties[name], sub]} if name in properties else sub
                    merged[key] = properties
                elif key == "required":
                    merged[key] = sorted(set(merged[key]) | set(value))
                elif key == "type":
                    merged[key] = sorted(_widen(merged[key]) & _widen(value))
                elif key in ("minimum", "exclusiveMinimum", "minLength", "minItems"):
                    merged[key] = max(merged[key], value)
                elif key in ("maximum", "exclusiveMaximum", "maxLength", "maxItems"):
                    merged[key] = min(merged[key], value)
                else:
                    merged[key] = value
        return merged

    @staticmethod
    def implied(schema: Mapping[str, Any]) -> list[str] | None:
        """The type a schema without ``type`` describes by its keywords; None when it says nothing."""
        if {"properties", "required", "additionalProperties"} & set(schema):
            return ["object"]
        if {"items", "prefixItems", "minItems", "maxItems", "uniqueItems"} & set(schema):
            return ["array"]
        if {"minLength", "maxLength", "pattern", "format"} & set(schema):
            return ["string"]
        if {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"} & set(schema):
            return ["number"]
        return None

    def typed(self, kind: str, schema: Mapping[str, Any], depth: int) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind in ("integer", "number"):
            return _numbers(schema, integer=kind == "integer")
        if kind == "string":
            return self.strings(schema)
        if kind == "array":
            return self.arrays(schema, depth)
        if kind == "object":
            return self.objects(schema, depth)
        raise GenerationError(f"unknown JSON Schema type {kind!r}")

    def strings(self, schema: Mapping[str, Any]) -> SearchStrategy[str]:
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
        if "pattern" in schema:
            # Printable ASCII only: where Python and ECMA-262 regexes differ (\s, \w, $), ASCII agrees.
            longest = int(schema.get("maxLength", 10**6))
            printable = st.characters(min_codepoint=32, max_codepoint=126)
            return st.from_regex(str(schema["pattern"]), fullmatch=True, alphabet=printable).filter(
                lambda text: low <= len(text) <= longest
            )
        return _text(self.style.alphabet, low, min(int(schema.get("maxLength", low + SPARE)), low + SPARE))

    def arrays(self, schema: Mapping[str, Any], depth: int) -> SearchStrategy[list[Any]]:
        from hypothesis import strategies as st

        low = int(schema.get("minItems", 0))
        high = low if depth >= self.style.max_depth else max(low, min(int(schema.get("maxItems", low + 3)), low + 3))
        prefix = [self.deferred(item, depth + 1) for item in schema.get("prefixItems", [])][:high]
        items = schema.get("items", True)
        rest = self.deferred(items, depth + 1) if items is not False else st.nothing()
        unique = (lambda value: json.dumps(value, sort_keys=True)) if schema.get("uniqueItems") else None
        tail = st.lists(rest, min_size=max(0, low - len(prefix)), max_size=high - len(prefix), unique_by=unique)
        if not prefix:
            return tail
        whole = st.tuples(st.tuples(*prefix), tail).map(lambda parts: [*parts[0], *parts[1]])
        if unique is None:
            return whole
        return whole.filter(lambda value: len({unique(item) for item in value}) == len(value))

    def objects(self, schema: Mapping[str, Any], depth: int) -> SearchStrategy[dict[str, Any]]:
        from hypothesis import strategies as st

        properties: Mapping[str, Any] = schema.get("properties") or {}
        extra = schema.get("additionalProperties", True)
        required = {
            name: self.named(name, properties.get(name, extra), depth + 1) for name in schema.get("required") or []
        }
        optional: dict[str, SearchStrategy[Any]] = {}
        if depth < self.style.max_depth:
            optional = {
                name: self.named(name, sub, depth + 1) for name, sub in properties.items() if name not in required
            }
        fixed = st.fixed_dictionaries(required, optional=optional)
        if depth >= self.style.max_depth or extra is False:
            return fixed
        if isinstance(extra, Mapping) and extra:
            values = self.deferred(extra, depth + 1)
        elif self.style.free_form and not properties:
            values = json_values(alphabet=self.style.alphabet)  # an "arbitrary attributes" object
        else:
            return fixed  # realistic: no invented keys where the schema names none
        names = _text(self.style.alphabet, 1, 8).filter(lambda name: name not in properties)
        more = st.dictionaries(names, values, max_size=2 if properties else 3)
        return st.tuples(more, fixed).map(lambda parts: {**parts[0], **parts[1]})


def _numbers(schema: Mapping[str, Any], *, integer: bool) -> SearchStrategy[Any]:
    from hypothesis import strategies as st

    low: float = schema.get("minimum", -LIMIT)
    high: float = schema.get("maximum", LIMIT)
    low_open = "exclusiveMinimum" in schema and schema["exclusiveMinimum"] >= low
    high_open = "exclusiveMaximum" in schema and schema["exclusiveMaximum"] <= high
    low = schema["exclusiveMinimum"] if low_open else low
    high = schema["exclusiveMaximum"] if high_open else high

    def inside(value: float) -> bool:
        return (value > low if low_open else value >= low) and (value < high if high_open else value <= high)

    step = schema.get("multipleOf")
    if step is not None:  # whole multiples of the step, kept where a validator's division agrees
        first, last = math.ceil(low / step), math.floor(high / step)
        values = _span(first, last).map(lambda k: k * step if isinstance(step, int) else round(k * step, 10))
        if integer:
            values = values.filter(lambda value: float(value).is_integer()).map(int)
        return values.filter(lambda value: inside(value) and (value / step).is_integer())
    first = math.floor(low) + 1 if low_open and float(low).is_integer() else math.ceil(low)
    last = math.ceil(high) - 1 if high_open and float(high).is_integer() else math.floor(high)
    integers = _span(first, last)
    if integer:
        return integers
    # Both bounds are finite, so hypothesis draws no NaN and no infinity.
    floats = st.floats(float(low), float(high), exclude_min=low_open, exclude_max=high_open, allow_subnormal=False)
    return integers | floats.map(lambda value: round(value, 4)).filter(inside)


def _span(first: int, last: int) -> SearchStrategy[int]:
    """Whole numbers from ``first`` to ``last`` (at most ``2 * LIMIT`` of them); none when the range is empty."""
    from hypothesis import strategies as st

    return st.integers(first, min(last, first + 2 * LIMIT)) if first <= last else st.nothing()
