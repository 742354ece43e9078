"""Boundary cases from the schema: the values a generator drawing typical requests rarely reaches.

``boundary_bodies(spec, pointer, body)`` takes one valid request body and returns named variants, each still
valid against the body's schema: arrays at their ``maxItems`` (or, without one, at ``large`` items: the default
reaches a 10-item cart), strings at ``minLength`` / ``maxLength``, numbers at their bounds and at 0, every enum
value, each optional property absent (or present when the valid body left it out), nullable values null. A
variant the schema refuses is dropped (a bound that another keyword contradicts). Bounded: at most ``limit``
per body, chosen with the run's seed when there are more, in a stable order.
"""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Iterator, Mapping
from typing import Any

from .._model.schema import example_value, merged
from .._model.spec import Spec

__all__ = ["DEFAULT_LARGE", "DEFAULT_LIMIT", "boundary_bodies"]

DEFAULT_LARGE = 10
"""Items of an array without ``maxItems`` in its large case (a 10-item cart)."""
DEFAULT_LIMIT = 40
"""Boundary cases per operation, at most."""
MAX_STRING = 10_000
"""A ``maxLength`` above this is tried at this length."""
MAX_DEPTH = 6

Path = tuple[str | int, ...]


def _types(shape: Mapping[str, Any]) -> set[str]:
    kind = shape.get("type")
    if isinstance(kind, str):
        return {kind}
    return {item for item in kind if isinstance(item, str)} if isinstance(kind, list) else set()


def _number_cases(shape: Mapping[str, Any], integer: bool) -> Iterator[tuple[str, Any]]:
    def number(key: str) -> float | None:
        value = shape.get(key)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    low, high = number("minimum"), number("maximum")
    above, below = number("exclusiveMinimum"), number("exclusiveMaximum")
    step = 1 if integer else 0.01
    if low is not None:
        yield "at its minimum", low
    if above is not None:
        yield "just above its exclusive minimum", above + step
    if high is not None:
        yield "at its maximum", high
    if below is not None:
        yield "just below its exclusive maximum", below - step
    yield "0", 0
    if low is None and above is None:
        yield "negative", -1
    if high is None and below is None:
        yield "large", 2**31 if integer else 1e9


def _cases(spec: Spec, schema: Any, value: Any, path: Path, large: int, depth: int) -> Iterator[tuple[str, Path, Any]]:
    """(what, where, new value) for the value at ``path``, then for what it holds."""
    if depth > MAX_DEPTH or schema is None:
        return
    shape = merged(spec.document, schema, source=spec.source)
    kinds = _types(shape)
    if "null" in kinds and value is not None:
        yield "null", path, None
    enum = shape.get("enum")
    if isinstance(enum, list):
        for option in enum:
            if option != value:
                yield f"= {option!r}", path, option
        return
    if isinstance(value, bool):
        yield ("false" if value else "true"), path, not value
        return
    if isinstance(value, (int, float)):
        for what, number in _number_cases(shape, "integer" in kinds):
            cast = int(number) if "integer" in kinds and float(number).is_integer() else number
            if cast != value and math.isfinite(float(cast)):
                yield what, path, cast
        return
    if isinstance(value, str):
        low, high = shape.get("minLength"), shape.get("maxLength")
        filler = (value or "x")[:1]
        if isinstance(low, int) and low != len(value):
            yield (
                f"at minLength {low}",
                path,
                (value * (low // max(len(value), 1) + 1))[:low] if value else filler * low,
            )
        if isinstance(high, int) and high != len(value):
            length = min(high, MAX_STRING)
            yield (
                f"at maxLength {high}" if length == high else f"{length} characters long",
                path,
                (value + filler * length)[:length],
            )
        return
    if isinstance(value, list):
        items = shape.get("items")
        high = shape.get("maxItems")
        count = min(high, large * 10) if isinstance(high, int) else large
        if value and count != len(value):
            yield f"with {count} items", path, [copy.deepcopy(value[index % len(value)]) for index in range(count)]
        low = shape.get("minItems")
        if isinstance(low, int) and low != len(value) and value:
            yield f"with {low} items (its minItems)", path, value[:low] if low <= len(value) else value * low
        if value:
            yield from _cases(spec, items, value[0], (*path, 0), large, depth + 1)
        return
    if isinstance(value, dict):
        properties: Mapping[str, Any] = shape["properties"]
        required = shape["required"]
        for name, sub in properties.items():
            if name in value:
                if name not in required:
                    yield f"without {name}", (*path, name), _ABSENT
                yield from _cases(spec, sub, value[name], (*path, name), large, depth + 1)
            elif name not in required:
                built = example_value(spec, sub, name)
                if built is not None:
                    yield f"with {name}", (*path, name), built


class _Absent:
    """The marker of a property taken out."""


_ABSENT = _Absent()


def _replaced(body: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    copied = copy.deepcopy(body)
    node = copied
    for step in path[:-1]:
        node = node[step]
    if new is _ABSENT:
        del node[path[-1]]
    else:
        node[path[-1]] = new
    return copied


def _where(path: Path) -> str:
    text = "$"
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def boundary_bodies(
    spec: Spec, pointer: str, body: Any, *, large: int = DEFAULT_LARGE, limit: int = DEFAULT_LIMIT, seed: int = 0
) -> list[tuple[str, Any]]:
    """Named valid variants of ``body`` at the schema's boundaries (see the module docstring)."""
    schema = {"$ref": f"#{pointer}"}
    found: list[tuple[str, Any]] = []
    seen: set[str] = set()
    # From the valid body, and from a full one (every optional property present, the spec's own examples), so
    # the edges of what the valid body left out (a cart's items, a session's state) are reached too.
    full = example_value(spec, schema, all_properties=True)
    starts = [body] + ([full] if full != body and spec.validator.is_valid(pointer, full) else [])
    for start in starts:
        for what, path, new in _cases(spec, schema, start, (), large, 0):
            name = f"{_where(path)} {what}"
            if name in seen:
                continue
            seen.add(name)
            variant = _replaced(start, path, new)
            if spec.validator.is_valid(pointer, variant):
                found.append((name, variant))
    if len(found) > limit:
        chosen = sorted(random.Random(seed).sample(range(len(found)), limit))
        found = [found[index] for index in chosen]
    return found
