"""``talon-dyn call OPERATION [PATH_VALUES...]``: one operation from the shell, validated and signed like the client.

Configuration comes from the options or, as for the client, from ``TALON_BASE_URL``,
``TALON_API_KEY``, ``TALON_APPLICATION_ID`` and ``TALON_APPLICATION_KEY``. The answer is
printed as JSON (indented on a terminal, one line otherwise). ``talon-dyn call OPERATION
--help`` shows the operation's own help from the spec. Exit codes: 0 a documented success;
1 the API answered an error (the error on stderr); 2 bad input, configuration, spec or
transport failure (nothing, or not all, was received).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from .._client.client import Client
from .._exceptions import ApiError, ResponseError, ResponseValidationError, TalonDynError
from .._model.document import FileRefused, nested_deeper_than, read_regular_file
from .._model.face import docstring
from .._model.naming import closest
from .._model.spec import Operation, Parameter, Spec, load
from ._options import NetworkUsage, network_options, network_settings, seconds, spec_options

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "call",
        help="call one operation and print its JSON answer",
        description="Call one operation of the spec, validated and signed like the client; prints the JSON answer. "
        "`talon-dyn call OPERATION --help` describes that operation.",
        add_help=False,
    )
    parser.add_argument("operation", nargs="?", metavar="OPERATION", help="operationId or snake_case name")
    parser.add_argument("values", nargs="*", metavar="PATH_VALUE", help="the path parameters, in path order")
    parser.add_argument("-h", "--help", action="store_true", help="show this help, or the operation's")
    parser.add_argument("--body", metavar="JSON|@FILE", help="the request body: JSON text, @file, or @- for stdin")
    parser.add_argument(
        "--query", action="append", default=[], metavar="NAME=VALUE", help="a query parameter (repeatable)"
    )
    parser.add_argument("--base-url", help="the deployment's URL (default: $TALON_BASE_URL)")
    parser.add_argument("--api-key", help="the API key (default: $TALON_API_KEY)")
    parser.add_argument("--application-id", help="for Content-Signature (default: $TALON_APPLICATION_ID)")
    parser.add_argument("--application-key", help="for Content-Signature (default: $TALON_APPLICATION_KEY)")
    spec_options(parser)
    parser.add_argument("--timeout", type=seconds, default=10.0, help="seconds per attempt, in total (default 10)")
    network_options(parser)
    parser.set_defaults(func=run, parser=parser)


def _operation(spec: Spec, name: str) -> Operation:
    try:
        return spec.operation(name)
    except KeyError:
        suggestion = closest(name, [op.python_name for op in spec.operations.values()])
        hint = f" (did you mean {suggestion}?)" if suggestion else " (`talon-dyn ops` lists them)"
        raise _Usage(f"no operation named {name!r}{hint}") from None


class _Usage(Exception):
    """Bad command-line input: exit 2 with this message."""


MAX_BODY_BYTES = 16 * 1024 * 1024
"""The largest request body ``--body`` reads (from a file or stdin): 16 MiB."""
MAX_BODY_NESTING = 64
"""The deepest JSON ``--body`` takes (the sandbox's limit too)."""


def _read_body(source: str, stdin: TextIO) -> str:
    """The text of ``--body @FILE`` (a regular file: ``read_regular_file``) or ``@-`` (stdin), at most
    ``MAX_BODY_BYTES``."""
    where = f"--body @{source}"
    try:
        text = stdin.read(MAX_BODY_BYTES + 1) if source == "-" else read_regular_file(source, MAX_BODY_BYTES).decode()
    except FileRefused as refused:
        if refused.not_regular:
            raise _Usage(f"{where}: not a regular file (a device, pipe or folder cannot be a body)") from None
        raise _Usage(f"{where}: larger than the {MAX_BODY_BYTES:,} bytes a body may have") from None
    except UnicodeDecodeError as exc:
        raise _Usage(f"{where}: cannot read it: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise _Usage(f"{where}: cannot read it: {exc.strerror or exc}") from None
    if len(text) > MAX_BODY_BYTES:
        raise _Usage(f"{where}: larger than the {MAX_BODY_BYTES:,} bytes a body may have")
    return text


def _body(text: str, stdin: TextIO) -> Any:
    source = "--body"
    if text.startswith("@"):
        source = f"--body @{text[1:]}"
        text = _read_body(text[1:], stdin)
    if not text.strip():
        raise _Usage(f"{source}: the body is empty")
    try:
        value = json.loads(text)
    except RecursionError:
        raise _Usage(f"{source}: JSON nested more than {MAX_BODY_NESTING} levels deep") from None
    except json.JSONDecodeError as exc:
        raise _Usage(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if nested_deeper_than(value, MAX_BODY_NESTING):
        raise _Usage(f"{source}: JSON nested more than {MAX_BODY_NESTING} levels deep")
    return value


def _query_value(parameter: Parameter, text: str) -> Any:
    kind = parameter.schema.get("type")
    if kind in (None, "string"):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text  # validation says what is wrong with it


def _arguments(operation: Operation, args: argparse.Namespace, stdin: TextIO) -> dict[str, Any]:
    path = operation.path_parameters
    if len(args.values) != len(path):
        names = " ".join(p.name for p in path) or "none"
        raise _Usage(f"{operation.operation_id} takes {len(path)} path value(s) ({names}); {len(args.values)} given")
    arguments: dict[str, Any] = {p.python_name: value for p, value in zip(path, args.values, strict=True)}
    by_name = {p.name: p for p in operation.parameters if p.location == "query"}
    by_name.update({p.python_name: p for p in operation.parameters if p.location == "query"})
    for item in args.query:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise _Usage(f"--query {item!r}: expected NAME=VALUE")
        parameter = by_name.get(name)
        if parameter is None:
            known = ", ".join(sorted({p.name for p in by_name.values()})) or "none"
            raise _Usage(f"--query {name}: {operation.operation_id} has no such query parameter (it has: {known})")
        arguments[parameter.python_name] = _query_value(parameter, value)
    if args.body is not None:
        if operation.body is None:
            raise _Usage(f"--body: {operation.operation_id} takes no request body")
        arguments["body"] = _body(args.body, sys.stdin)
    elif operation.body is not None and operation.body.required:
        raise _Usage(
            f"{operation.operation_id} needs a request body: --body JSON, --body @FILE or --body @- (stdin); "
            f"`talon-dyn call {operation.python_name} --help` shows its fields"
        )
    return arguments


def _usage_line(operation: Operation) -> str:
    """``talon-dyn call NAME PATH_VALUES [--body JSON|@FILE] [--query NAME=VALUE ...]``, as the operation takes."""
    parts = ["talon-dyn call", operation.python_name, *(p.name.upper() for p in operation.path_parameters)]
    if operation.body is not None:
        parts.append("--body JSON|@FILE" if operation.body.required else "[--body JSON|@FILE]")
    if any(p.location == "query" for p in operation.parameters):
        parts.append("[--query NAME=VALUE ...]")
    return " ".join(parts)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    spec = load(args.spec, overlays=args.overlay)
    if args.operation is None:
        args.parser.print_help(out)
        return 0 if args.help else 2
    try:
        operation = _operation(spec, args.operation)
        if args.help:
            print(f"usage: {_usage_line(operation)}\n", file=out)
            print(docstring(spec, operation), file=out)
            return 0
        arguments = _arguments(operation, args, sys.stdin)
        network = network_settings(args)
    except (_Usage, NetworkUsage) as exc:
        print(f"talon-dyn call: {exc}", file=err)
        return 2
    options: dict[str, Any] = {"spec": spec, "timeout": args.timeout, **network}
    for name in ("base_url", "api_key", "application_id", "application_key"):
        if getattr(args, name):
            options[name] = getattr(args, name)
    try:
        client = Client(**options)
    except TalonDynError as exc:
        print(f"talon-dyn call: {exc}", file=err)
        return 2
    with client:
        try:
            data = getattr(client, operation.python_name)(**arguments)
        except (ApiError, ResponseError, ResponseValidationError) as exc:
            print(f"talon-dyn call: {exc}", file=err)
            return 1
        except TalonDynError as exc:
            print(f"talon-dyn call: {exc}", file=err)
            return 2
    pretty = out.isatty()
    print(json.dumps(data, indent=2 if pretty else None, ensure_ascii=False), file=out)
    return 0
