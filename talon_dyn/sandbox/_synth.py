"""Answers for operations the sandbox has no handler for: built from the spec alone.

The body is the response schema's first example when it validates, else a minimal
valid instance (required properties only, smallest allowed values). This keeps an
operation newly added to spec/ reachable in the sandbox without any code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._pointer import unescape
from .._spec import Operation, Spec
from ._time import format_time, system_clock

__all__ = ["minimal_instance", "synthesized"]


def _resolve(spec: Spec, schema: Any) -> Mapping[str, Any]:
    seen = 0
    while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str) and seen < 32:
        node: Any = spec.document
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[unescape(part)] if part else node
        schema, seen = node, seen + 1
    return schema if isinstance(schema, Mapping) else {}


def minimal_instance(spec: Spec, schema: Any, depth: int = 0) -> Any:
    """The smallest instance of ``schema`` this function can think of (not checked)."""
    schema = _resolve(spec, schema)
    if depth > 24:
        return None
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            return minimal_instance(spec, schema[key][0], depth + 1)
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = minimal_instance(spec, part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "string"
    if kind == "object":
        properties = schema.get("properties") or {}
        required = schema.get("required", [])
        return {name: minimal_instance(spec, properties.get(name, {}), depth + 1) for name in required}
    if kind == "array":
        return [minimal_instance(spec, schema.get("items", {}), depth + 1) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        if schema.get("format") == "date-time":
            return format_time(system_clock())
        return "x" * int(schema.get("minLength", 0))
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", -1) + 1)
        return int(low) if kind == "integer" else float(low)
    if kind == "boolean":
        return False
    return None


def synthesized(spec: Spec, operation: Operation) -> tuple[int, Any]:
    """The operation's success status and a body that validates against its response schema."""
    status = operation.success_status
    response = operation.responses.get(str(status))
    if response is None or response.schema is None or not response.is_json:
        return status, None
    target = response.schema_pointer or response.schema
    schema = _resolve(spec, response.schema)
    examples = list(schema.get("examples") or []) + ([schema["example"]] if "example" in schema else [])
    for example in examples:
        if spec.validator.is_valid(target, example):
            return status, example
    return status, minimal_instance(spec, response.schema)
