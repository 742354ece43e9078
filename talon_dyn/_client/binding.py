"""One real function per operation: name, signature and docstring from the spec.

Path parameters are positional, in path order; then the request body as
``body``; query and header parameters are keyword-only; per-call options
(``timeout``, ``retry``, ``request_validation``, ``response_validation``) follow.
Async clients get real coroutine functions.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict

import httpx

if TYPE_CHECKING:
    import inspect

from .._model.face import docstring, return_type_name, signature
from .._model.spec import CALL_OPTIONS, Operation, Spec
from .codec import Mode
from .retry import Retry

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
