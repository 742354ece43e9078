"""Jinja filters: how a template set spells types, escapes spec text and prints values.

Spec text reaches a template as data and leaves through these filters, so what a
description contains (``{{``, ``|``, quotes, backticks) is printed, never executed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from .._exceptions import ApiError, api_error_class
from .._model.naming import snake_case
from ._examples import json_literal, python_literal
from ._links import DEFAULT_LINK_BASE, resolve
from ._types import TypeExpr, camelize

__all__ = ["FILTERS", "generator_escape", "js_type", "md_cell", "python_type", "python_type_md"]

_WHITESPACE = re.compile(r"\s+")
# The HTML escaping of the mustache engine the 2020 SDK generator used (jmustache's Escapers.HTML).
_MUSTACHE_HTML = str.maketrans(
    {"&": "&amp;", "'": "&#39;", '"': "&quot;", "<": "&lt;", ">": "&gt;", "`": "&#x60;", "=": "&#x3D;"}
)
_PY_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_JS_PRIMITIVES = {"string": "String", "integer": "Number", "number": "Number", "boolean": "Boolean"}
_JS_BARE = ("String", "Number", "Boolean", "Date", "File")


def generator_escape(text: Any) -> str:
    """Spec text as the SDK generator printed it: newlines as spaces, quotes backslashed, then HTML-escaped."""
    value = str(text or "")
    value = re.sub(r"[\t\n\r]", " ", value).replace("\\", "\\\\").replace('"', '\\"')
    value = value.replace("*/", "*_/").replace("/*", "/_*")
    return value.translate(_MUSTACHE_HTML)


def md_cell(text: Any) -> str:
    """Spec text fit for one Markdown table cell: one line, pipes escaped."""
    return _WHITESPACE.sub(" ", str(text or "")).strip().replace("|", "\\|")


def one_line(text: Any) -> str:
    """Spec text on one line (for a code comment or a heading)."""
    return _WHITESPACE.sub(" ", str(text or "")).strip()


def python_docstring(text: Any) -> str:
    """One line of spec text, safe inside a triple-quoted docstring."""
    value = one_line(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return value[:-1] + '\\"' if value.endswith('"') else value


def _literal(value: Any) -> str | None:
    if isinstance(value, (str, bool, int)) or value is None:
        return json.dumps(value) if isinstance(value, str) else repr(value)
    return None


def python_type(
    kind: TypeExpr | None, inline: Mapping[int, str] | None = None, link: str | None = None, *, readonly: bool = False
) -> str:
    """A Python annotation for a type; with ``link``, model names become Markdown links to ``{Name}{link}``.

    ``readonly`` spells arrays and maps as ``Sequence`` and ``Mapping``: the typing stubs use it, so a
    tuple of cart items or a read-only mapping is accepted where the client only reads (and answers, which
    the client never changes, read the same)."""
    sequence, mapping = ("Sequence", "Mapping") if readonly else ("list", "dict")
    if kind is None:
        return "None"

    def spell(t: TypeExpr) -> str:
        if t.kind == "model":
            return f"[{t.name}]({t.name}{link})" if link is not None else t.name
        if t.kind == "array" and t.item is not None:
            return f"{sequence}[{spell(t.item)}]"
        if t.kind == "map" and t.item is not None:
            return f"{mapping}[str, {spell(t.item)}]"
        if t.kind == "object":
            name = (inline or {}).get(id(t.inline)) if t.inline is not None else None
            return name or f"{mapping}[str, Any]"
        if t.kind == "primitive":
            return _PY_PRIMITIVES.get(t.name, "Any")
        if t.kind == "enum":
            literals = [_literal(value) for value in t.values]
            if link is not None or None in literals or not literals:
                return _PY_PRIMITIVES.get(t.name, "Any")
            return f"Literal[{', '.join(str(item) for item in literals)}]"
        if t.kind == "union":
            return (" \\| " if link is not None else " | ").join(dict.fromkeys(spell(option) for option in t.options))
        if t.kind == "tuple":
            return f"{sequence}[Any]"
        return "Any"

    return spell(kind)


def python_type_md(kind: TypeExpr | None, suffix: str = ".md") -> str:
    """A Python type for a Markdown page (table-safe: ``|`` escaped), model names linked to their pages."""
    return python_type(kind, link=suffix)


def js_type(kind: TypeExpr | None) -> str:
    """The JS SDK's name for a type: ``String``, ``Number``, ``[CartItem]``, ``{String: Number}``, ``Object``."""
    if kind is None:
        return ""
    if kind.kind == "model":
        return kind.name
    if kind.kind == "array" and kind.item is not None:
        return f"[{js_type(kind.item)}]"
    if kind.kind == "map" and kind.item is not None:
        return f"{{String: {js_type(kind.item)}}}"
    if kind.kind == "primitive":
        if kind.name == "string" and kind.format in ("date-time", "date"):
            return "Date"
        if kind.name == "string" and kind.format == "binary":
            return "File"
        return _JS_PRIMITIVES.get(kind.name, "Object")
    if kind.kind == "enum":
        return _JS_PRIMITIVES.get(kind.name, "Object")
    return "Object"


def js_type_md(kind: TypeExpr | None, link_objects: bool = True) -> str:
    """The JS SDK docs' type cell: bold primitives, other types linked to their model page.

    The generator linked ``Object`` too, to ``.md``; ``link_objects=False`` leaves it bold.
    """
    name = js_type(kind)
    model = kind.model if kind is not None else None
    if name.strip("[]") in _JS_BARE or name.startswith("{") or (model is None and not link_objects):
        return f"**{name}**"
    return f"[**{name}**]({model or ''}.md)"


def error_class(status: Any) -> str:
    """The exception a client raises for a documented error status, e.g. ``talon_dyn.BadRequest``."""
    text = str(status)
    cls = api_error_class(int(text)) if text.isdigit() else ApiError
    return f"talon_dyn.{cls.__name__}"


def js_example(kind: TypeExpr | None, name: str, module: str) -> str:
    """The JS SDK docs' example value for a parameter."""
    spelled = js_type(kind)
    if kind is not None and kind.kind == "array" and kind.item is not None:
        return f"[{js_example(kind.item, name, module)}]"
    if kind is not None and kind.kind == "model":
        return f"new {module}.{kind.name}()"
    if spelled == "String":
        return f'"{name}_example"'
    if spelled == "Number":
        return "56" if kind is not None and kind.name == "integer" else "3.4"
    if spelled == "Boolean":
        return "true"
    if spelled == "Date":
        return 'new Date("2013-10-20T19:20:30+01:00")'
    return "null"


def json_text(value: Any, indent: int | None = 2) -> str:
    """A value as JSON (no HTML escaping, unlike Jinja's ``tojson``)."""
    return json.dumps(value, indent=indent, ensure_ascii=False)


def links(text: Any, base: str = DEFAULT_LINK_BASE) -> str:
    """Spec Markdown with its reference links inlined and root-relative targets made absolute against ``base``."""
    return resolve(str(text or ""), base)


def curl_example(op: Any) -> str:
    """A curl command for an operation's example, reading ``$TALON_BASE_URL`` and ``$TALON_API_KEY``: the path,
    the required query parameters and the body (the optional ones are in the parameter table: an example that
    sets them all, a ``dry`` run at a ``now`` in the past, said things the descriptions forbid)."""
    from urllib.parse import quote, urlencode

    path = op.path
    for param in op.path_params:
        path = path.replace("{" + param.name + "}", quote(str(param.example), safe=""))
    query = [
        (param.name, json.dumps(param.example) if isinstance(param.example, bool) else str(param.example))
        for param in op.query_params
        if param.example is not None and param.required
    ]
    url = f'"$TALON_BASE_URL{path}{"?" + urlencode(query) if query else ""}"'
    lines = [f"curl -X {op.method} {url}"]
    if "api_key_v1" in op.security:
        lines.append('-H "Authorization: ApiKey-v1 $TALON_API_KEY"')
    if op.body is not None:
        body = json.dumps(op.body.example, ensure_ascii=False).replace("'", "'\\''")
        lines += ['-H "Content-Type: application/json"', f"-d '{body}'"]
    return " \\\n  ".join(lines)


FILTERS: dict[str, Callable[..., Any]] = {
    "curl_example": curl_example,
    "links": links,
    "camelize": camelize,
    "docstring": python_docstring,
    "error_class": error_class,
    "generator_escape": generator_escape,
    "js_example": js_example,
    "js_type": js_type,
    "js_type_md": js_type_md,
    "json_literal": json_literal,
    "json_text": json_text,
    "md_cell": md_cell,
    "one_line": one_line,
    "python_literal": python_literal,
    "python_type": python_type,
    "python_type_md": python_type_md,
    "snake_case": snake_case,
}
