"""``talon-dyn``: the command line. ``main(argv) -> exit code``; ``run()`` is the console script.

Every parser lives here, one module per command (``ops``, ``call``, ``sandbox``, ``docs``/``diff``/``stubs``,
``smoke``): each has ``register(subparsers)``, which adds a parser whose ``func`` default is
``run(args, out, err) -> int``, and calls the tools' functions (the tools expose functions, not argparse).
Only the named command's module is imported (``COMMANDS``). Registering imports
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

COMMANDS = {
    "ops": "talon_dyn.cli.ops",
    "call": "talon_dyn.cli.call",
    "sandbox": "talon_dyn.cli.sandbox",
    "docs": "talon_dyn.cli.docs",
    "diff": "talon_dyn.cli.docs",
    "stubs": "talon_dyn.cli.docs",
    "smoke": "talon_dyn.cli.smoke",
}
"""Each command and the module that registers its parser, in the order ``--help`` lists them."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` that names a command, only that command's module is imported and its parser
    built (a run of ``talon-dyn smoke`` pays for no other command). Without one, every command is registered, so
    ``--help`` and a misspelt command list them all."""
    parser = argparse.ArgumentParser(
        prog="talon-dyn",
        description="A spec-driven client, sandbox, smoke checker and doc renderer for the Talon.One Integration API.",
    )
    parser.add_argument("--version", action="version", version=f"talon-dyn (talon_dyn) {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((word for word in argv or () if not word.startswith("-")), None)
    modules = [COMMANDS[chosen]] if chosen in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``talon-dyn`` with ``argv`` and return its exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser(sys.argv[1:] if argv is None else argv)
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
