"""Example values for schemas, and Python source for them.

An example comes from the spec when it has one (``examples``, ``example``,
``default``, ``enum``, ``const``) and is otherwise built from the schema's type:
every required property, one item per array, a value of each primitive type that
respects its bounds. The docs print them; the doc tests answer with them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from .._spec import Spec

__all__ = ["example_value", "json_literal", "python_literal"]

_MAX_DEPTH = 12


def _declared(schema: Mapping[str, Any]) -> tuple[bool, Any]:
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return True, examples[0]
    for key in ("example", "default", "const"):
        if key in schema:
            return True, schema[key]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        return True, enum[0]
    return False, None


def _number(schema: Mapping[str, Any], integer: bool) -> int | float:
    value = 1.0
    if isinstance(schema.get("minimum"), (int, float)):
        value = float(schema["minimum"])
    elif isinstance(schema.get("exclusiveMinimum"), (int, float)):
        value = float(schema["exclusiveMinimum"]) + 1
    if isinstance(schema.get("maximum"), (int, float)):
        value = min(value, float(schema["maximum"]))
    return math.ceil(value) if integer else value


def _string(schema: Mapping[str, Any], name: str) -> str:
    fmt = schema.get("format")
    if fmt == "date-time":
        return "2024-01-01T00:00:00Z"
    if fmt == "date":
        return "2024-01-01"
    if fmt == "email":
        return "someone@example.com"
    if fmt in ("uri", "url"):
        return "https://example.com"
    text = name or "string"
    low = schema.get("minLength")
    if isinstance(low, int) and len(text) < low:
        text = text.ljust(low, "x")
    high = schema.get("maxLength")
    if isinstance(high, int) and len(text) > high:
        text = text[:high]
    return text


def example_value(spec: Spec, schema: Any, name: str = "", *, all_properties: bool = False, _depth: int = 0) -> Any:
    """An example instance of ``schema``: the spec's own when declared, otherwise built from its type."""
    if not isinstance(schema, Mapping) or _depth > _MAX_DEPTH:
        return None
    schema = spec.resolve(schema)
    found, value = _declared(schema)
    if found:
        return value
    for combinator in ("oneOf", "anyOf", "allOf"):
        options = schema.get(combinator)
        if isinstance(options, list) and options:
            if combinator == "allOf":
                merged: dict[str, Any] = {}
                for option in options:
                    part = example_value(spec, option, name, all_properties=all_properties, _depth=_depth + 1)
                    if isinstance(part, dict):
                        merged.update(part)
                return merged
            return example_value(spec, options[0], name, all_properties=all_properties, _depth=_depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((one for one in kind if one != "null"), "null")
    if kind == "array" or "items" in schema or "prefixItems" in schema:
        prefix = schema.get("prefixItems")
        if isinstance(prefix, list):
            return [example_value(spec, item, name, _depth=_depth + 1) for item in prefix]
        low = schema.get("minItems")
        count = max(1, low if isinstance(low, int) else 1)
        item = example_value(spec, schema.get("items"), name, all_properties=all_properties, _depth=_depth + 1)
        return [item] * count
    if kind == "object" or "properties" in schema or "additionalProperties" in schema:
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or ())
        result = {}
        for key, sub in properties.items():
            if key in required or all_properties:
                result[key] = example_value(spec, sub, key, all_properties=all_properties, _depth=_depth + 1)
        return result
    if kind == "string":
        return _string(schema, name)
    if kind in ("integer", "number"):
        return _number(schema, kind == "integer")
    if kind == "boolean":
        return True
    return None


def python_literal(value: Any, indent: int = 0, width: int = 88) -> str:
    """Python source for a JSON value, one line when it fits in ``width``, else one item per line."""
    return _wrapped(value, indent, width, python=True)


def json_literal(value: Any, indent: int = 0, width: int = 88) -> str:
    """JSON text for a value, one line when it fits in ``width``, else one item per line."""
    return _wrapped(value, indent, width, python=False)


def _wrapped(value: Any, indent: int, width: int, *, python: bool) -> str:
    flat = _flat(value, python)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 4)
    comma = "," if python else ""
    if isinstance(value, dict):
        items = [
            f"{pad}{_flat(key, python)}: {_wrapped(item, indent + 4, width, python=python)}"
            for key, item in value.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [f"{pad}{_wrapped(item, indent + 4, width, python=python)}" for item in value]
        opening, closing = "[", "]"
    body = ",\n".join(items) + comma
    return f"{opening}\n{body}\n{' ' * indent}{closing}"


def _flat(value: Any, python: bool) -> str:
    if value is None or isinstance(value, bool):
        return repr(value) if python else json.dumps(value)
    if isinstance(value, (int, float, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(key, python)}: {_flat(item, python)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(item, python) for item in value) + "]"
    raise TypeError(f"not a JSON value: {value!r}")
