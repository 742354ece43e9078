"""The Python face of an operation, from the spec alone: its method's signature and docstring, the type name of
its answer, and how it pages. The client binds methods with it; the docs and stubs render it; nothing here knows a
client or a socket.

Path parameters are positional, in path order; then the request body as ``body``; query and header parameters
are keyword-only; the per-call options (``CALL_OPTIONS``) follow.

An operation is paginated when the spec says so by its shape: query parameters ``pageSize`` and ``skip``, and a
success answer with a ``data`` array and ``hasMore`` or ``totalResultSize``. Nothing is written per operation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from .naming import camelize
from .schema import merged
from .spec import CALL_OPTIONS, Operation, Parameter, Spec

if TYPE_CHECKING:
    import inspect

__all__ = ["CALL_OPTIONS", "DEFAULT_PAGE_SIZE", "PageShape", "docstring", "page_shape", "return_type_name", "signature"]


def _schema_name(spec: Spec, schema: Mapping[str, Any] | None) -> str:
    if not schema:
        return "None"
    ref = schema.get("$ref")
    if isinstance(ref, str):  # the model name the docs and stubs use
        return camelize(unquote(ref.rsplit("/", 1)[-1]))
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items")
        return f"list[{_schema_name(spec, items if isinstance(items, Mapping) else None)}]"
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "object": "dict"}.get(
        str(kind), "Any"
    )


def return_type_name(spec: Spec, operation: Operation) -> str:
    response = operation.responses.get(str(operation.success_status))
    return _schema_name(spec, response.schema if response else None)


def signature(operation: Operation) -> inspect.Signature:
    """The Python signature of an operation's method (without ``self``)."""
    import inspect  # here, not at import time: binding happens on first use

    _EMPTY = inspect.Parameter.empty
    params: list[inspect.Parameter] = []
    for parameter in operation.path_parameters:
        params.append(inspect.Parameter(parameter.python_name, inspect.Parameter.POSITIONAL_OR_KEYWORD))
    if operation.body is not None:
        default = _EMPTY if operation.body.required else None
        params.append(inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default))
    taken = {p.name for p in params}
    for parameter in operation.parameters:
        if parameter.location == "path" or parameter.python_name in taken:
            continue
        default = _EMPTY if parameter.required else None
        params.append(inspect.Parameter(parameter.python_name, inspect.Parameter.KEYWORD_ONLY, default=default))
        taken.add(parameter.python_name)
    for option in CALL_OPTIONS:
        if option not in taken:
            params.append(inspect.Parameter(option, inspect.Parameter.KEYWORD_ONLY, default=None))
    return inspect.Signature(params)


def docstring(spec: Spec, operation: Operation) -> str:
    """Summary, description, parameters, body and return type, from the spec."""
    lines = [operation.summary or operation.operation_id, ""]
    if operation.description.strip():
        lines += [operation.description.strip(), ""]
    lines.append(f"{operation.method} {operation.path}  (operationId: {operation.operation_id})")
    lines.append("")
    args = []
    for parameter in operation.path_parameters:
        args.append(f"    {parameter.python_name} (path, str): {parameter.description}".rstrip())
    if operation.body is not None:
        needed = "required" if operation.body.required else "optional"
        args.append(
            f"    body ({_schema_name(spec, operation.body.schema)}, {needed}): {operation.body.description}".rstrip()
        )
    for parameter in operation.parameters:
        if parameter.location != "path":
            needed = "required" if parameter.required else "optional"
            kind = _schema_name(spec, parameter.schema)
            where = f"{parameter.location}, {kind}, {needed}"
            args.append(f"    {parameter.python_name} ({where}): {parameter.description}".rstrip())
    if args:
        lines += ["Args:", *args, ""]
    lines += ["Returns:", f"    {return_type_name(spec, operation)}"]
    if operation.security:
        schemes = ", ".join(" + ".join(requirement) for requirement in operation.security)
        lines += ["", f"Authorization: {schemes}"]
    return "\n".join(lines)


DEFAULT_PAGE_SIZE = 50


class PageShape(NamedTuple):
    """How one operation pages: its size and skip parameters, and what its answer says about the rest."""

    size: Parameter
    skip: Parameter
    items: str
    has_more: str | None
    total: str | None
    default_size: int
    item_schema: Mapping[str, Any]


def _merged(spec: Spec, schema: Any) -> dict[str, Any]:
    return merged(spec.document, schema, source=spec.source)


def page_shape(spec: Spec, operation: Operation) -> PageShape | None:
    """The operation's paging, or None when its parameters and answer show no page shape (worked out once)."""
    if "page" in operation.memo:
        found: PageShape | None = operation.memo["page"]
        return found
    operation.memo["page"] = shape = _shape(spec, operation)
    return shape


def _shape(spec: Spec, operation: Operation) -> PageShape | None:
    query = {p.name: p for p in operation.parameters if p.location == "query"}
    size, skip = query.get("pageSize"), query.get("skip")
    success = operation.responses.get(str(operation.success_status))
    if size is None or skip is None or success is None or success.schema is None:
        return None
    answer = _merged(spec, success.schema)["properties"]
    items = _merged(spec, answer.get("data")) if "data" in answer else {}
    if items.get("type") != "array" or not ("hasMore" in answer or "totalResultSize" in answer):
        return None
    limits = _merged(spec, size.schema)
    default = limits.get("default") or limits.get("maximum") or DEFAULT_PAGE_SIZE
    item_schema = items.get("items")
    return PageShape(
        size,
        skip,
        "data",
        "hasMore" if "hasMore" in answer else None,
        "totalResultSize" if "totalResultSize" in answer else None,
        int(default) if isinstance(default, (int, float)) and default >= 1 else DEFAULT_PAGE_SIZE,
        item_schema if isinstance(item_schema, Mapping) else {},
    )
