"""One real function per operation: name, signature and docstring from the spec.

Path parameters are positional, in path order; then the request body as
``body``; query and header parameters are keyword-only; per-call options
(``timeout``, ``retry``, ``request_validation``, ``response_validation``) follow.
Async clients get real coroutine functions.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import unquote

import httpx

if TYPE_CHECKING:
    import inspect

from ._codec import Mode
from ._naming import camelize
from ._retry import Retry
from ._spec import CALL_OPTIONS, Operation, Spec

__all__ = [
    "CALL_OPTIONS",
    "CallOptions",
    "argument_binder",
    "bind_function",
    "docstring",
    "return_type_name",
    "signature",
]


class CallOptions(TypedDict, total=False):
    """The keywords every operation method takes besides the spec's own parameters (``CALL_OPTIONS``).

    Type your own wrappers with it: ``def call(**options: Unpack[CallOptions])``; the typing stub does."""

    timeout: float | httpx.Timeout | None
    """This call's limit for each attempt (seconds in all, or an ``httpx.Timeout``), instead of the client's."""
    deadline: float | None
    """Seconds this whole call may take (attempts, waits, Retry-After), instead of the client's deadline."""
    retry: Retry | None
    """This call's retry policy, instead of the client's."""
    request_validation: Mode | None
    """``strict``, ``warn`` or ``off`` for this call's request."""
    response_validation: Mode | None
    """``strict``, ``warn`` or ``off`` for this call's answer."""
    headers: Mapping[str, str] | None
    """Extra headers for this call (credential and framing headers are refused)."""


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


def _binder(name: str, sig: inspect.Signature) -> Callable[[tuple[Any, ...], dict[str, Any]], dict[str, Any]]:
    """``Signature.bind`` for these simple signatures, without its generality (it is on every call's path).

    Returns the arguments given, by name; raises TypeError as Python would for a wrong call.
    """
    import inspect

    positional = [p.name for p in sig.parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    allowed = frozenset(sig.parameters)
    required = [p.name for p in sig.parameters.values() if p.default is inspect.Parameter.empty]

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if len(args) > len(positional):
            raise TypeError(f"{name}() takes {len(positional)} positional arguments but {len(args)} were given")
        arguments = dict(zip(positional, args, strict=False))
        for key, value in kwargs.items():
            if key in arguments:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            if key not in allowed:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            arguments[key] = value
        if len(arguments) < len(required) or not all(key in arguments for key in required):
            missing = ", ".join(repr(key) for key in required if key not in arguments)
            raise TypeError(f"{name}() missing required argument(s): {missing}")
        return arguments

    return bind


def argument_binder(operation: Operation) -> Callable[[tuple[Any, ...], dict[str, Any]], dict[str, Any]]:
    """The arguments of ``operation``'s method by name, from a call's ``args`` and ``kwargs`` (made once)."""
    binder = operation.memo.get("binder")
    if binder is None:
        binder = operation.memo["binder"] = _binder(operation.python_name, signature(operation))
    return binder


def bind_function(
    spec: Spec,
    operation: Operation,
    call: Callable[[Operation, dict[str, Any]], Any],
    *,
    is_async: bool,
) -> Callable[..., Any]:
    """A function with the operation's name, signature and docstring that forwards to ``call``."""
    sig = signature(operation)
    bind = argument_binder(operation)

    if is_async:

        async def async_method(*args: Any, **kwargs: Any) -> Any:
            result: Awaitable[Any] = call(operation, bind(args, kwargs))
            return await result

        function: Callable[..., Any] = async_method
    else:

        def sync_method(*args: Any, **kwargs: Any) -> Any:
            return call(operation, bind(args, kwargs))

        function = sync_method
    function.__name__ = operation.python_name
    function.__qualname__ = operation.python_name
    function.__doc__ = docstring(spec, operation)
    function.__signature__ = sig  # type: ignore[attr-defined]
    function.__module__ = "talon_dyn"
    return function
