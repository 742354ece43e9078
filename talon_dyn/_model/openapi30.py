"""Turn OpenAPI 3.0 schema dialect into JSON Schema 2020-12, as OpenAPI 3.1 uses.

3.0 schemas say ``nullable: true`` where 2020-12 says ``type: [X, "null"]``, and give
``exclusiveMinimum``/``exclusiveMaximum`` as booleans beside ``minimum``/``maximum``.
The conversion walks the whole document once at load time and returns a new one.
"""

from __future__ import annotations

from typing import Any

__all__ = ["convert_document"]


def _convert_schema(node: dict[str, Any]) -> dict[str, Any]:
    if isinstance(node.get("exclusiveMinimum"), bool) and node.pop("exclusiveMinimum") and "minimum" in node:
        node["exclusiveMinimum"] = node.pop("minimum")
    if isinstance(node.get("exclusiveMaximum"), bool) and node.pop("exclusiveMaximum") and "maximum" in node:
        node["exclusiveMaximum"] = node.pop("maximum")
    if not isinstance(node.get("nullable"), bool):
        return node
    if not node.pop("nullable"):
        return node
    kind = node.get("type")
    if isinstance(kind, str):
        node["type"] = [kind, "null"]
    elif isinstance(kind, list) and "null" not in kind:
        node["type"] = [*kind, "null"]
    elif kind is None and ("$ref" in node or "allOf" in node or "oneOf" in node or "anyOf" in node):
        return {"anyOf": [node, {"type": "null"}]}
    if isinstance(node.get("enum"), list) and None not in node["enum"]:
        node["enum"] = [*node["enum"], None]
    return node


# Keys whose values are instance data (examples, defaults), never schemas: copied untouched.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "x-examples"})


def convert_document(document: Any) -> Any:
    """A copy of ``document`` with every 3.0 schema idiom rewritten for 2020-12."""
    if isinstance(document, dict):
        converted = {key: value if key in _DATA_KEYS else convert_document(value) for key, value in document.items()}
        return _convert_schema(converted)
    if isinstance(document, list):
        return [convert_document(item) for item in document]
    return document
