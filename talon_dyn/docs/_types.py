"""What a JSON Schema means as a type, once, for every template set and for the stubs.

``describe`` reads a schema into a small ``TypeExpr`` tree (a named model, a list, a
map, a primitive, an enum, a union...); the template sets then spell that tree in
their own language: Python annotations, the JS SDK's type names, Markdown with links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from .._model.naming import camelize
from .._model.pointer import unescape
from .._model.spec import Spec

__all__ = ["SCHEMA_PREFIX", "TypeExpr", "camelize", "describe", "model_names", "variants"]

SCHEMA_PREFIX = "#/components/schemas/"
_PRIMITIVES = ("string", "integer", "number", "boolean", "null")


def model_names(spec: Spec, reserved: Iterable[str] = ()) -> dict[str, str]:
    """Each component schema's name -> its model name (camelized, unique, none of ``reserved``)."""
    schemas = (spec.document.get("components") or {}).get("schemas") or {}
    names: dict[str, str] = {}
    taken: set[str] = set(reserved)
    for raw in schemas:
        name = camelize(str(raw))
        while name in taken:
            name += "_"
        taken.add(name)
        names[str(raw)] = name
    return names


def variants(schema: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    """The tagged variants of an object schema: ``(tag property, tag value, property, $ref of its schema)`` for
    each ``allOf`` item of the form ``if: {properties: {TAG: {const: VALUE}}} then: {properties: {P: {$ref}}}``
    (how spec/ types each effect's ``props`` by its ``effectType``)."""
    found = []
    for item in schema.get("allOf") or ():
        if not isinstance(item, Mapping):
            continue
        condition = (item.get("if") or {}).get("properties") or {}
        outcome = (item.get("then") or {}).get("properties") or {}
        if len(condition) != 1 or len(outcome) != 1:
            continue
        (tag, test), (prop, target) = next(iter(condition.items())), next(iter(outcome.items()))
        if isinstance(test, Mapping) and "const" in test and isinstance(target, Mapping) and "$ref" in target:
            found.append((str(tag), str(test["const"]), str(prop), str(target["$ref"])))
    return found


@dataclass(frozen=True)
class TypeExpr:
    """A schema read as a type.

    ``kind`` is one of: ``model`` (``name`` is the model name), ``array`` (``item``),
    ``map`` (``item`` is the value type), ``object`` (free-form), ``primitive``
    (``name`` is the JSON type, ``format`` its format), ``enum`` (``values``, ``name``
    the JSON type of the values), ``union`` (``options``), ``tuple`` (``options`` are
    the leading items), ``any``.
    """

    kind: str
    name: str = ""
    format: str = ""
    item: TypeExpr | None = None
    values: tuple[Any, ...] = ()
    options: tuple[TypeExpr, ...] = ()
    inline: Mapping[str, Any] | None = None

    @property
    def model(self) -> str | None:
        """The model this type is about (itself, or the items/values it holds), if any."""
        if self.kind == "model":
            return self.name
        if self.item is not None:
            return self.item.model
        return None


ANY = TypeExpr("any")


def _enum_type(values: tuple[Any, ...]) -> str:
    kinds = {type(value) for value in values}
    if kinds <= {str}:
        return "string"
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "integer"
    if kinds <= {int, float}:
        return "number"
    return ""


def describe(spec: Spec, schema: Any, names: Mapping[str, str], _depth: int = 0) -> TypeExpr:
    """The type a schema describes; references to component schemas become models."""
    if not isinstance(schema, Mapping) or _depth > 32:
        return ANY
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref.startswith(SCHEMA_PREFIX) and "/" not in ref[len(SCHEMA_PREFIX) :]:
            raw = unescape(unquote(ref[len(SCHEMA_PREFIX) :]))
            if raw in names:
                return TypeExpr("model", name=names[raw])
        return describe(spec, spec.resolve(schema), names, _depth + 1) if ref.startswith("#") else ANY
    if "const" in schema:
        values: tuple[Any, ...] = (schema["const"],)
        return TypeExpr("enum", name=_enum_type(values), values=values)
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        values = tuple(value for value in schema["enum"] if value is not None)
        found = TypeExpr("enum", name=_enum_type(values), values=values)
        return _nullable(found) if None in schema["enum"] else found
    for combinator in ("oneOf", "anyOf"):
        if isinstance(schema.get(combinator), list):
            return _union(tuple(describe(spec, option, names, _depth + 1) for option in schema[combinator]))
    if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
        return describe(spec, schema["allOf"][0], names, _depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        options = tuple(describe(spec, {**schema, "type": one}, names, _depth + 1) for one in kind)
        return _union(options)
    if kind == "array" or (kind is None and ("items" in schema or "prefixItems" in schema)):
        if isinstance(schema.get("prefixItems"), list):
            leading = tuple(describe(spec, item, names, _depth + 1) for item in schema["prefixItems"])
            return TypeExpr("tuple", options=leading)
        return TypeExpr("array", item=describe(spec, schema.get("items"), names, _depth + 1))
    if kind in _PRIMITIVES:
        return TypeExpr("primitive", name=str(kind), format=str(schema.get("format") or ""))
    if kind == "object" or "properties" in schema or "additionalProperties" in schema:
        if schema.get("properties"):
            return TypeExpr("object", inline=schema)
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping) and extra:
            return TypeExpr("map", item=describe(spec, extra, names, _depth + 1))
        return TypeExpr("object")
    return ANY


def _nullable(found: TypeExpr) -> TypeExpr:
    return _union((found, TypeExpr("primitive", name="null")))


def _union(options: tuple[TypeExpr, ...]) -> TypeExpr:
    flat: list[TypeExpr] = []
    for option in options:
        for one in option.options if option.kind == "union" else (option,):
            if one not in flat:
                flat.append(one)
    if any(option.kind == "any" for option in flat) or not flat:
        return ANY
    return flat[0] if len(flat) == 1 else TypeExpr("union", options=tuple(flat))
