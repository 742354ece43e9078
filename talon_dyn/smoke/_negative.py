"""Negative probes: requests a correct service must refuse, derived from an operation's schemas.

From a valid request (the schema's example, else a generated one): each required
property dropped (at any nesting the valid body reaches, up to ``MAX_MUTATION_DEPTH``), each
top-level property given a value of the wrong type, a body of the wrong JSON type,
each typed query parameter given text it cannot be, and the valid request sent with
an invalid API key. Every mutation is checked invalid against the spec before it is
used, so a probe never blames the service for a request the spec allows.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._model.schema import parts
from .._model.spec import Operation, Spec

__all__ = ["AUTH_PROBES", "MAX_BODY_PROBES", "Probe", "auth_probes", "probes"]

MAX_MUTATION_DEPTH = 3
"""Required properties are dropped from objects nested at most this deep in the valid body."""
MAX_BODY_PROBES = 8
_WRONG_VALUES: tuple[Any, ...] = (12345, "not-a-valid-value", True, [], {"unexpected": "object"}, None)


@dataclass(frozen=True)
class Probe:
    """One request to refuse: its name, the arguments (python names), and (for a credentials probe) which bad
    credentials it carries."""

    name: str
    arguments: dict[str, Any]
    violation: str
    auth: str = ""
    """For a credentials probe: "missing", "malformed" or "wrong" (see ``AUTH_PROBES``)."""


def probes(spec: Spec, operation: Operation, valid: dict[str, Any]) -> list[Probe]:
    """The probes for ``operation``, given ``valid`` arguments for a correct call."""
    found: list[Probe] = []
    body_spec = operation.body
    body = valid.get("body")
    if body_spec is not None and body_spec.is_json and body_spec.schema_pointer is not None and body is not None:
        body_probes = [
            Probe(name, {**valid, "body": mutated}, name)
            for name, mutated in _body_mutations(spec, body_spec.schema_pointer, body)
            if not spec.validator.is_valid(body_spec.schema_pointer, mutated)
        ]
        found += body_probes[:MAX_BODY_PROBES]
    for parameter in operation.parameters:
        if parameter.location != "query" or parameter.schema_pointer is None:
            continue
        schema = spec.resolve(parameter.schema)
        kind = schema.get("type")
        if kind == "array":  # on the wire a word is an array of one: only its items can have the wrong type
            kind = spec.resolve(schema.get("items") or {}).get("type")
        if kind in (None, "string"):
            continue
        text = f"not-a-{kind if isinstance(kind, str) else 'value'}"
        if not spec.validator.is_valid(parameter.schema_pointer, text):
            name = f"query parameter {parameter.name} of the wrong type"
            found.append(Probe(name, {**valid, parameter.python_name: text}, name))
    return found


AUTH_PROBES = (
    ("no Authorization", "missing", "no credentials at all"),
    ("a malformed Authorization", "malformed", "an Authorization header that is not ApiKey-v1 <key>"),
    ("a wrong API key", "wrong", "an API key the deployment does not know"),
)
"""The kinds of bad credentials every operation with security is tried with: (name, mode, what it is)."""


def auth_probes(operation: Operation, valid: dict[str, Any]) -> list[Probe]:
    """Three requests with bad credentials for an operation that requires some; each expects 401."""
    if not operation.security:
        return []
    return [Probe(name, dict(valid), what, auth=mode) for name, mode, what in AUTH_PROBES]


def _body_mutations(spec: Spec, pointer: str, body: Any) -> list[tuple[str, Any]]:
    """Top-level required properties dropped, top-level wrong types, a wrong body type, then nested drops."""
    schema = _resolved(spec, {"$ref": "#" + pointer})
    mutations: list[tuple[str, Any]] = []
    nested: list[tuple[str, Any]] = []
    for path, _node, node_schema in _objects(spec, body, schema, [], 0):
        for name in node_schema.get("required") or []:
            mutated = copy.deepcopy(body)
            target = _at(mutated, path)
            if isinstance(target, dict):
                target.pop(name, None)
                (nested if path else mutations).append((f"required {_where(path, name)} missing", mutated))
    if isinstance(body, dict):
        properties = schema.get("properties") or {}
        for name in list(body) + [name for name in properties if name not in body]:
            for wrong in _WRONG_VALUES:
                mutated = {**copy.deepcopy(body), name: wrong}
                if not spec.validator.is_valid(pointer, mutated):
                    mutations.append((f"{_where([], name)} of the wrong type ({_json_type(wrong)})", mutated))
                    break
        mutations.append(("body of the wrong type (array)", [body]))
    return mutations + nested


def _objects(
    spec: Spec, node: Any, schema: Mapping[str, Any], path: list[str | int], depth: int
) -> list[tuple[list[str | int], Any, Mapping[str, Any]]]:
    """Objects in ``node`` with the schema that describes each, outermost first."""
    if depth > MAX_MUTATION_DEPTH:
        return []
    found: list[tuple[list[str | int], Any, Mapping[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node, schema))
        properties = schema.get("properties") or {}
        for name, value in node.items():
            if name in properties and isinstance(value, (dict, list)):
                found += _objects(spec, value, _resolved(spec, properties[name]), [*path, name], depth + 1)
    elif isinstance(node, list) and node and isinstance(schema.get("items"), Mapping):
        found += _objects(spec, node[0], _resolved(spec, schema["items"]), [*path, 0], depth + 1)
    return found


def _resolved(spec: Spec, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """``schema`` with its ``$ref`` chain followed and ``allOf`` parts merged (enough to find properties)."""
    merged: dict[str, Any] = {}
    for part in parts(spec.document, schema, source=spec.source, external=True):
        if not isinstance(part, Mapping):
            continue
        for key, value in part.items():
            if key == "properties":
                merged[key] = {**merged.get(key, {}), **value}
            elif key == "required":
                merged[key] = sorted(set(merged.get(key, [])) | set(value))
            else:
                merged.setdefault(key, value)
    return merged


def _at(document: Any, path: list[str | int]) -> Any:
    for part in path:
        document = document[part]
    return document


def _where(path: list[str | int], name: str) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return f"$.{text[1:] + '.' if text else ''}{name}".replace("$.[", "$[").replace(".[", "[")


def _json_type(value: Any) -> str:
    names: dict[type, str] = {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object"}
    return "null" if value is None else names[type(value)]
