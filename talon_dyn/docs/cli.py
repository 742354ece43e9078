"""``talon-dyn docs`` and ``talon-dyn stubs``: render the reference and the typing stub, or check them.

With ``--check`` nothing is written: the render is compared with what is on disk and
the command exits 1, listing the files that differ, when the disk is stale.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from .._spec import load
from ._render import TEMPLATE_SETS, check, render, write
from ._stubs import render_stubs, stub_path

__all__ = ["register", "run_docs", "run_stubs"]

DEFAULT_DOCS = "docs/reference"


def register(subparsers: Any) -> None:
    docs = subparsers.add_parser("docs", help="render the Markdown API reference from the spec")
    docs.add_argument("--out", default=DEFAULT_DOCS, help=f"output folder (default: {DEFAULT_DOCS})")
    docs.add_argument(
        "--templates",
        default="python",
        metavar="{" + ",".join(TEMPLATE_SETS) + "}|DIR",
        help="a shipped template set or a folder of your own Jinja2 templates (default: python)",
    )
    docs.add_argument("--spec", help="an OpenAPI file (default: the bundled Integration API spec)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 and list the files that are stale")
    docs.set_defaults(func=run_docs)

    stubs = subparsers.add_parser("stubs", help="render the typing stub of Client and AsyncClient from the spec")
    stubs.add_argument("--out", help="output .pyi file (default: the stub shipped in the package)")
    stubs.add_argument("--spec", help="an OpenAPI file (default: the bundled Integration API spec)")
    stubs.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is stale")
    stubs.set_defaults(func=run_stubs)


def run_docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    files = render(load(args.spec), args.templates)
    if args.check:
        differences = check(files, args.out)
        if differences:
            print(f"{args.out} is not the render of the spec ({len(differences)} files differ):", file=out)
            for difference in differences:
                print(f"  {difference}", file=out)
            print("render it again with `make docs` (or talon-dyn docs --out ...)", file=out)
            return 1
        print(f"{args.out} is fresh ({len(files)} files)", file=out)
        return 0
    changed = write(files, args.out)
    print(f"wrote {len(changed)} of {len(files)} files to {args.out}", file=out)
    for difference in check(files, args.out):
        print(f"talon-dyn docs: {difference.path} is not rendered from the spec; delete it if it is stale", file=err)
    return 0


def run_stubs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = Path(args.out) if args.out else stub_path()
    data = render_stubs(load(args.spec)).encode("utf-8")
    if args.check:
        if not target.is_file():
            print(f"missing: {target}", file=out)
            return 1
        if target.read_bytes() != data:
            print(f"stale: {target} (render it again with `make docs`)", file=out)
            return 1
        print(f"{target} is fresh", file=out)
        return 0
    if target.is_file() and target.read_bytes() == data:
        print(f"{target} is already fresh", file=out)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {target}", file=out)
    return 0
