"""``talon-dyn docs`` and ``talon-dyn stubs``: render the reference and the typing stub, or check them.

With ``--check`` nothing is written: the render is compared with what is on disk and
the command exits 1, listing the files that differ, when the disk is stale.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from .._exceptions import ConfigurationError
from .._extras import require
from .._model.spec import load
from ._options import spec_options

TEMPLATE_SETS = ("python", "js-sdk")  # the sets shipped in docs/templates/ (a test keeps this in step)
DEFAULT_LINK_BASE = "https://docs.talon.one"  # as _links.DEFAULT_LINK_BASE (which _render needs Jinja2 to import)

__all__ = ["register", "run_diff", "run_docs", "run_stubs"]

DEFAULT_DOCS = "docs/reference"
DEFAULT_STUB = "talon_dyn_typed.pyi"


def register(subparsers: Any) -> None:
    docs = subparsers.add_parser("docs", help="render the Markdown API reference from the spec")
    docs.add_argument("--out", default=DEFAULT_DOCS, help=f"output folder (default: {DEFAULT_DOCS})")
    docs.add_argument(
        "--templates",
        default="python",
        metavar="{" + ",".join(TEMPLATE_SETS) + "}|DIR",
        help="a shipped template set or a folder of your own Jinja2 templates (default: python)",
    )
    spec_options(docs)
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 and list the files that are stale")
    docs.add_argument(
        "--link-base",
        default=DEFAULT_LINK_BASE,
        metavar="URL",
        help=f"where the spec's root-relative links point (default: {DEFAULT_LINK_BASE})",
    )
    docs.add_argument(
        "--prune",
        action="store_true",
        help="also delete pages an earlier render wrote and this one does not (never other files)",
    )
    docs.set_defaults(func=run_docs)

    diff = subparsers.add_parser(
        "diff",
        help="what changed between two specs, as a Markdown changelog (exit 1 on a breaking change)",
        description="Compare two OpenAPI documents: operations added or removed, parameters added, removed or "
        "made required, request and response schema changes, auth changes; each breaking change is marked. "
        "Exit 0 without a breaking change, 1 with one, 2 on bad input.",
    )
    diff.add_argument("old", help="the earlier spec file")
    diff.add_argument(
        "--overlay",
        action="append",
        default=[],
        metavar="FILE",
        help="an overlay applied to both specs (repeatable); --old-overlay / --new-overlay for one side",
    )
    diff.add_argument("--old-overlay", action="append", default=[], metavar="FILE", help="an overlay for OLD only")
    diff.add_argument("--new-overlay", action="append", default=[], metavar="FILE", help="an overlay for NEW only")
    diff.add_argument("new", help="the later spec file")
    diff.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="output form (default markdown)"
    )
    diff.set_defaults(func=run_diff)

    stubs = subparsers.add_parser("stubs", help="render the typing stub of Client and AsyncClient from the spec")
    stubs.add_argument(
        "--out",
        default=DEFAULT_STUB,
        help=f"output .pyi file (default: ./{DEFAULT_STUB}; the installed package is never written unless you "
        "name its stub file here)",
    )
    spec_options(stubs)
    stubs.add_argument(
        "--types",
        action="store_true",
        help="render the TypedDicts as a module importable at run time (what ships as talon_dyn/types.py)",
    )
    stubs.add_argument(
        "--types-module",
        metavar="MODULE",
        help="import the TypedDicts from this module (rendered with --types) instead of writing them out",
    )
    stubs.add_argument(
        "--module",
        metavar="NAME",
        help="write an importable typed package NAME/ into --out (a folder; default .): typed Client and "
        "AsyncClient bound to a copy of the spec, their stub and TypedDicts, for code that type-checks against "
        "your own spec (from NAME import Client)",
    )
    stubs.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is stale")
    stubs.set_defaults(func=run_stubs)


def _command(args: argparse.Namespace) -> str:
    """The exact ``talon-dyn docs`` command that renders what ``--check`` compared against."""
    parts = ["talon-dyn docs", f"--out {args.out}"]
    if args.templates != "python":
        parts.append(f"--templates {args.templates}")
    if args.spec:
        parts.append(f"--spec {args.spec}")
    if args.link_base != DEFAULT_LINK_BASE:
        parts.append(f"--link-base {args.link_base}")
    return " ".join([*parts, "--prune"])


def run_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """0 no breaking change, 1 a breaking change, 2 bad input (a spec error is mapped by the CLI)."""
    from ..docs._changes import changes, to_json, to_markdown

    old = load(args.old, overlays=[*args.overlay, *args.old_overlay])
    new = load(args.new, overlays=[*args.overlay, *args.new_overlay])
    found = changes(old, new)
    out.write(to_json(found) if args.format == "json" else to_markdown(found, args.old, args.new))
    return 1 if any(change.breaking for change in found) else 0


def run_docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    require("docs", "talon-dyn docs")
    from ..docs._render import MANIFEST, check, prune, render, write

    files = render(load(args.spec, overlays=args.overlay), args.templates, link_base=args.link_base)
    if args.check:
        differences = check(files, args.out)
        if differences:
            print(f"{args.out} is not the render of the spec ({len(differences)} files differ):", file=out)
            for difference in differences:
                print(f"  {difference}", file=out)
            print(f"render it again with: {_command(args)}", file=out)
            return 1
        print(f"{args.out} is fresh ({len(files)} files)", file=out)
        return 0
    try:
        changed = write(files, args.out)
    except OSError as exc:
        print(f"talon-dyn docs: cannot write {args.out}: {exc.strerror or exc}", file=err)
        return 2
    print(f"wrote {len(changed)} of {len(files)} files to {args.out}", file=out)
    if args.prune:
        for removed in prune(files, args.out):
            print(f"removed {removed} (rendered before, not any more)", file=out)
    for difference in check(files, args.out):
        if difference.status == "stale-page":
            print(
                f"talon-dyn docs: {difference.path} was rendered before and is not any more: --prune deletes it",
                file=err,
            )
    if changed:
        print(f"({MANIFEST} in {args.out} lists the pages talon-dyn wrote)", file=out)
    return 0


def _write_module(args: argparse.Namespace, spec: Any, out: TextIO, err: TextIO) -> int:
    """``--module NAME``: the typed package NAME/ in --out (or ``.``); with --check, 1 when any file is stale."""
    from ..docs._stubs import render_module

    if not args.module.isidentifier():
        raise ConfigurationError(f"--module {args.module!r} is not a Python module name")
    folder = Path(args.out if args.out != DEFAULT_STUB else ".") / args.module
    files = render_module(spec, args.module, args.spec or "2020")
    stale = [name for name, text in files.items() if _read(folder / name) != text]
    if args.check:
        for name in stale:
            print(f"stale: {folder / name}", file=out)
        if stale:
            print(f"render it again with: talon-dyn stubs --spec {args.spec} --module {args.module}", file=out)
            return 1
        print(f"{folder} is fresh", file=out)
        return 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in stale:
            (folder / name).write_text(files[name], encoding="utf-8")
    except OSError as exc:
        print(f"talon-dyn stubs: cannot write {folder}: {exc.strerror or exc}", file=err)
        return 2
    print(
        f"wrote {len(stale)} of {len(files)} files to {folder} (import it as: from {args.module} import Client)",
        file=out,
    )
    return 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def run_stubs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    require("docs", "talon-dyn stubs")
    from ..docs._stubs import render_stubs, render_types

    spec = load(args.spec, overlays=args.overlay)
    if args.module is not None:
        return _write_module(args, spec, out, err)
    target = Path(args.out)
    text = render_types(spec) if args.types else render_stubs(spec, types_module=args.types_module)
    data = text.encode("utf-8")
    if args.check:
        if not target.is_file():
            print(f"missing: {target}", file=out)
            return 1
        if target.read_bytes() != data:
            given = f" --spec {args.spec}" if args.spec else ""
            types = " --types" if args.types else ""
            module = f" --types-module {args.types_module}" if args.types_module else ""
            print(
                f"stale: {target} (render it again with: talon-dyn stubs{types}{module} --out {target}{given})",
                file=out,
            )
            return 1
        print(f"{target} is fresh", file=out)
        return 0
    if target.is_file() and target.read_bytes() == data:
        print(f"{target} is already fresh", file=out)
        return 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        print(f"talon-dyn stubs: cannot write {target}: {exc.strerror or exc}", file=err)
        return 2
    print(f"wrote {target}", file=out)
    return 0
