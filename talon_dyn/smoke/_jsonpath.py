"""A small JSONPath subset for scenario expectations and references: ``$.a.b[0]``, ``$.a[*].b``, ``$['a b']``."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["JSONPathError", "find", "parse"]

_TOKEN = re.compile(
    r"""\.(?P<name>[^.\[\]]+)|\[(?P<index>-?\d+)\]|\[(?P<star>\*)\]|\[(?P<quote>['"])(?P<key>.*?)(?P=quote)\]"""
)
_MISSING = object()


class JSONPathError(ValueError):
    """A path this subset cannot read."""


def parse(path: str) -> list[str | int | None]:
    """``$.a[0][*]`` -> ``["a", 0, None]`` (None is the wildcard); ``$`` is optional."""
    text = path.strip()
    if text.startswith("$"):
        text = text[1:]
    elif text and not text.startswith(("[", ".")):
        text = "." + text
    parts: list[str | int | None] = []
    position = 0
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None:
            raise JSONPathError(f"cannot read JSON path {path!r} at {text[position:]!r}")
        if found.group("name") is not None:
            parts.append(found.group("name"))
        elif found.group("index") is not None:
            parts.append(int(found.group("index")))
        elif found.group("star") is not None:
            parts.append(None)
        else:
            parts.append(found.group("key"))
        position = found.end()
    return parts


def find(document: Any, path: str) -> tuple[bool, Any]:
    """``(found, value)``; a path with ``[*]`` gives the list of every match (found when the list exists)."""
    parts = parse(path)
    wildcard = None in parts
    values = _walk(document, parts)
    if wildcard:
        return True, values
    if not values:
        return False, None
    return True, values[0]


def _walk(node: Any, parts: list[str | int | None]) -> list[Any]:
    if not parts:
        return [node]
    head, rest = parts[0], parts[1:]
    if head is None:
        children = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
        return [value for child in children for value in _walk(child, rest)]
    if isinstance(head, int):
        if isinstance(node, list) and -len(node) <= head < len(node):
            return _walk(node[head], rest)
        return []
    if isinstance(node, dict) and head in node:
        return _walk(node[head], rest)
    return []
