"""``talon-dyn``: the command line. ``main(argv) -> exit code``; ``run()`` is the console script.

Each tool registers its own sub-command: a module with ``register(subparsers)`` that
adds a parser whose ``func`` default is ``run(args, out, err) -> int``. Registering imports
no optional dependency, so every command is listed in every install; a command whose extra
is missing exits 2 with the ``pip install`` line. Exit codes: 0 success, 1 a check failed
(or, for ``call``, the API answered an error), 2 usage, spec, configuration or connection error.
``python -m talon_dyn`` and ``python -m talon_dyn.cli`` run the same.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from .._exceptions import SpecError, TalonDynError
from .._extras import MissingExtra
from .._version import __version__

__all__ = ["main", "run"]

_COMMAND_MODULES = (
    "talon_dyn.cli.ops",
    "talon_dyn.cli.call",
    "talon_dyn.cli.sandbox",
    "talon_dyn.cli.docs",
    "talon_dyn.cli.smoke",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="talon-dyn",
        description="A spec-driven client, sandbox, smoke checker and doc renderer for the Talon.One Integration API.",
    )
    parser.add_argument("--version", action="version", version=f"talon-dyn (talon_dyn) {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``talon-dyn`` with ``argv`` and return its exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        # argparse prints --help and usage errors itself: send them to our streams.
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(out)
        return 2
    try:
        return int(args.func(args, out, err))
    except MissingExtra as exc:  # its message names the command and the pip line
        print(exc, file=err)
        return 2
    except SpecError as exc:
        print(f"talon-dyn: spec error: {exc}", file=err)
        return 2
    except TalonDynError as exc:
        print(f"talon-dyn: {exc}", file=err)
        return 2
    except KeyboardInterrupt:
        print("talon-dyn: interrupted", file=err)
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
