"""The schema toolkit: reach what a ``$ref`` names by one rule, merge ``allOf`` parts, build an example instance.

Used by the spec loader, the validator, the sandbox, smoke and the docs.

A local reference (``#/components/...``) is percent-decoded, then walked as a JSON pointer (RFC 6901, see
``_pointer``). A chain of references, or of ``allOf`` parts, stops after ``MAX_REF_HOPS`` steps with a
SpecError naming the reference, so a hostile or cyclic spec costs bounded work everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from .._exceptions import SpecError
from .pointer import tokens

if TYPE_CHECKING:
    from .spec import Spec

__all__ = [
    "MAX_REF_HOPS",
    "declared_values",
    "deref",
    "example_value",
    "follow",
    "merged",
    "parts",
    "resolve_pointer",
    "target_pointer",
]

MAX_REF_HOPS = 100
"""The longest chain of ``$ref`` (or ``$ref``/``allOf`` parts) any reader of a spec follows."""


def resolve_pointer(document: Any, pointer: str, *, source: str) -> Any:
    """The value at a JSON pointer (``/a/b~1c``), or a SpecError naming the pointer."""
    if pointer in ("", "/"):
        return document
    if not pointer.startswith("/"):
        raise SpecError(f"invalid JSON pointer {pointer!r}", source=source, pointer=pointer)
    node = document
    for token in tokens(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise SpecError(f"$ref target {pointer!r} does not exist", source=source, pointer=pointer)
    return node


def target_pointer(reference: str) -> str | None:
    """The document pointer a local ``$ref`` names (percent-decoded), or None for another file's."""
    return unquote(reference[1:]) if reference.startswith("#") else None


def follow(document: Any, node: Any, *, source: str, pointer: str = "") -> tuple[Any, str]:
    """Follow ``node``'s chain of local ``$ref``s; the object reached and its pointer.

    A reference to another file ends the chain (the loader has checked it already)."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        reference = node["$ref"]
        target = target_pointer(reference)
        if target is None:
            break
        if reference in seen:
            raise SpecError(f"$ref cycle through {reference}", source=source, pointer=pointer)
        if len(seen) >= MAX_REF_HOPS:
            raise SpecError(f"$ref chain longer than {MAX_REF_HOPS} hops", source=source, pointer=pointer)
        seen.add(reference)
        node, pointer = resolve_pointer(document, target, source=source), target
    return node, pointer


def deref(document: Any, schema: Any, *, source: str) -> Mapping[str, Any]:
    """``schema`` with its top-level local ``$ref`` chain followed; ``{}`` when it ends on a non-object."""
    node, _ = follow(document, schema, source=source)
    return node if isinstance(node, Mapping) else {}


def parts(document: Any, schema: Any, *, source: str, external: bool = False) -> Iterator[Any]:
    """``schema`` and every part its ``$ref``/``allOf`` tree reaches, outermost first, without those two keys.

    A part is yielded as it stands when it is not an object (``true``/``false`` in an ``allOf``). A reference
    to another file raises a SpecError, unless ``external`` is true: then it is left unfollowed."""
    pending: list[Any] = [schema]
    hops = 0
    while pending:
        part = pending.pop(0)
        hops += 1
        if hops > MAX_REF_HOPS:
            raise SpecError(f"$ref/allOf chain longer than {MAX_REF_HOPS} parts", source=source)
        if not isinstance(part, Mapping):
            yield part
            continue
        reached: list[Any] = list(part.get("allOf") or [])
        reference = part.get("$ref")
        if isinstance(reference, str):
            target = target_pointer(reference)
            if target is not None:
                reached.append(resolve_pointer(document, target, source=source))
            elif not external:
                raise SpecError(f"cannot follow the reference {reference!r} to another file here", source=source)
        pending[:0] = reached
        yield {key: value for key, value in part.items() if key not in ("$ref", "allOf")}


def merged(document: Any, schema: Any, *, source: str) -> dict[str, Any]:
    """``schema`` with its ``$ref`` / ``allOf`` parts merged into one object: ``properties`` (the outermost
    definition of each wins), ``required`` (a set: the union) and every other keyword as the outermost part that
    has it gives it. A reference to another file is left unfollowed."""
    shape: dict[str, Any] = {"properties": {}, "required": set()}
    for part in parts(document, schema, source=source, external=True):
        if not isinstance(part, Mapping):
            continue
        for key, value in part.items():
            if key == "properties" and isinstance(value, Mapping):
                for name, sub in value.items():
                    shape["properties"].setdefault(name, sub)
            elif key == "required" and isinstance(value, list):
                shape["required"].update(name for name in value if isinstance(name, str))
            elif key not in ("properties", "required"):
                shape.setdefault(key, value)
    return shape


def declared_values(schema: Mapping[str, Any], *, examples: bool = True) -> list[Any]:
    """The values a schema declares itself, in the order to try them: its ``examples``, then ``example``,
    ``default``, ``const``, then its ``enum`` values. ``examples=False`` leaves the examples out: an example
    illustrates, it states no fact (the sandbox never answers with one)."""
    found: list[Any] = []
    if examples and isinstance(schema.get("examples"), list):
        found.extend(schema["examples"])
    for key in ("example", "default", "const") if examples else ("default", "const"):
        if key in schema:
            found.append(schema[key])
    if isinstance(schema.get("enum"), list):
        found.extend(schema["enum"])
    return found


_MAX_EXAMPLE_DEPTH = 12


def _declared(schema: Mapping[str, Any]) -> tuple[bool, Any]:
    values = declared_values(schema)
    return (True, values[0]) if values else (False, None)


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
    """An example instance of ``schema`` in ``spec``: the spec's own when declared, otherwise built
    from its type (every required property, one item per array, a value of each primitive type that respects
    its bounds). The docs print these, smoke's boundary phase builds requests from them, and the doc tests check
    they validate. The sandbox never answers with them: its answers come from state and the request."""
    if not isinstance(schema, Mapping) or _depth > _MAX_EXAMPLE_DEPTH:
        return None
    schema = deref(spec.document, schema, source=spec.source)
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
