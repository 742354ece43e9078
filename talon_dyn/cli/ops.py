"""``talon-dyn ops``: list the operations of a spec."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from .._model.spec import load
from ._options import spec_options

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("ops", help="list the operations of the spec")
    spec_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    spec = load(args.spec, overlays=args.overlay)
    if not spec.operations:
        print(f"talon-dyn ops: {args.spec or 'the spec'} has no operations (no paths with methods)", file=err)
        return 2
    width = max((len(op.python_name) for op in spec.operations.values()), default=0)
    for operation in spec.operations.values():
        print(
            f"{operation.python_name:<{width}}  {operation.method:<6} {operation.path}  {operation.summary}", file=out
        )
    return 0
