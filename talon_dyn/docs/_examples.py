"""Example values for schemas, as the docs print them: Python and JSON source.

The values themselves come from the core schema toolkit (``talon_dyn._model.schema.example_value``),
which the sandbox also answers with for operations it has no handler for.
"""

from __future__ import annotations

import json
from typing import Any

from .._model.schema import example_value

__all__ = ["example_value", "json_literal", "python_literal"]


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
