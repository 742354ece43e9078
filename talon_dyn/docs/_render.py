"""Render a template set for a spec into files: ``render``, ``write``, ``check``.

A template set is a folder of Jinja2 templates whose paths are the output paths
plus ``.j2``. A path with ``{api}`` is rendered once per API (operations grouped by
their first tag, e.g. ``IntegrationApi``) with ``api`` in its context, one with
``{model}`` once per component schema with ``model``, any other once. Files and
folders whose name starts with ``_`` are partials, never rendered on their own.
Every template also sees ``ctx`` (see ``_model.TemplateContext``) and ``template_set``.
Templates run with ``StrictUndefined``, ``trim_blocks`` and ``lstrip_blocks`` (a block
tag alone on its line leaves no trace) and keep their trailing newline.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import jinja2

from .._exceptions import TalonDynError
from .._model.spec import Spec
from ._filters import FILTERS
from ._links import DEFAULT_LINK_BASE
from ._model import TemplateContext, build

__all__ = [
    "MANIFEST",
    "TEMPLATE_SETS",
    "Difference",
    "TemplateError",
    "check",
    "environment",
    "prune",
    "render",
    "write",
]

MANIFEST = ".talon-dyn-docs.json"
"""The list of pages talon-dyn wrote into an output folder: what ``--prune`` may delete, and nothing else."""

TEMPLATE_SETS = ("python", "js-sdk")
"""The template sets shipped in the package (``python`` is the default)."""


class TemplateError(TalonDynError, ValueError):
    """A template set that cannot be rendered: missing, malformed or using an undefined name."""


@dataclass(frozen=True)
class Difference:
    """A file of an output folder that does not match the render: ``stale``, ``missing`` or ``extra``."""

    path: str
    status: str

    def __str__(self) -> str:
        return f"{self.status}: {self.path}"


def environment(template_set: str | os.PathLike[str]) -> jinja2.Environment:
    """A strict Jinja environment for a shipped template set (by name) or a folder of templates."""
    loader: jinja2.BaseLoader
    if isinstance(template_set, str) and template_set in (*TEMPLATE_SETS, "stubs"):
        loader = jinja2.PackageLoader("talon_dyn.docs", f"templates/{template_set}")
    else:
        folder = Path(template_set)
        if not folder.is_dir():
            known = ", ".join(TEMPLATE_SETS)
            raise TemplateError(f"no template set {str(template_set)!r}: give one of {known} or a folder of templates")
        loader = jinja2.FileSystemLoader(str(folder))
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - the output is Markdown and Python, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def _is_partial(name: str) -> bool:
    return any(part.startswith("_") for part in name.split("/"))


def _where(exc: BaseException, name: str) -> str:
    """``template:line`` of the innermost template frame of a render error (Jinja maps its frames to templates)."""
    found = name
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{Path(filename).name if not filename.endswith(name) else name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def render_one(env: jinja2.Environment, name: str, values: Mapping[str, Any]) -> str:
    """One template rendered; Jinja's errors become ``TemplateError`` here, at this one boundary, naming the
    template and the line (an undefined name also lists the variables a template receives)."""
    try:
        return env.get_template(name).render(values)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        given = ", ".join(sorted(values))
        message = f"{_where(exc, name)}: {exc.message} (a template receives: {given}; see docs/templates.md)"
        raise TemplateError(message) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{_where(exc, name)}: {type(exc).__name__}: {exc}") from exc


def render_templates(env: jinja2.Environment, ctx: TemplateContext, template_set: str) -> dict[str, str]:
    """Every output file of the environment's template set, by relative path, in path order."""
    names = sorted(name for name in env.list_templates(extensions=["j2"]) if not _is_partial(name))
    if not names:
        raise TemplateError(f"template set {template_set!r} has no templates (*.j2)")
    files: dict[str, str] = {}
    # ``ctx`` and, for convenience, each of its fields by name (``title``, ``apis``, ``models``...).
    common = {**{item.name: getattr(ctx, item.name) for item in fields(ctx)}, "ctx": ctx, "template_set": template_set}
    for name in names:
        target = name[: -len(".j2")]
        if "{api}" in target:
            for api in ctx.apis:
                files[target.replace("{api}", api.name)] = render_one(env, name, {**common, "api": api})
        elif "{model}" in target:
            for model in ctx.models:
                files[target.replace("{model}", model.name)] = render_one(env, name, {**common, "model": model})
        else:
            files[target] = render_one(env, name, common)
    return dict(sorted(files.items()))


def render(
    spec: Spec, template_set: str | os.PathLike[str] = "python", *, link_base: str = DEFAULT_LINK_BASE
) -> dict[str, str]:
    """The docs of ``spec`` rendered with a template set: relative path -> Markdown text."""
    env = environment(template_set)
    label = template_set if isinstance(template_set, str) and template_set in TEMPLATE_SETS else "custom"
    return render_templates(env, build(spec, link_base), label)


def _manifest(root: Path) -> set[str]:
    try:
        listed = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(item) for item in listed.get("pages", [])} if isinstance(listed, dict) else set()


def prune(files: Mapping[str, str], out: str | os.PathLike[str]) -> list[str]:
    """Delete the pages an earlier render listed in the manifest that ``files`` no longer has; never any other
    file. Returns what was deleted."""
    root = Path(out).resolve()
    removed = []
    for relative in sorted(_manifest(root) - set(files)):
        target = (root / relative).resolve()
        if root not in target.parents or not target.is_file():  # a manifest naming ../ or a folder: left alone
            continue
        target.unlink()
        removed.append(relative)
    _write_manifest(root, files)
    return removed


def _write_manifest(root: Path, files: Mapping[str, str]) -> None:
    text = json.dumps({"generator": "talon-dyn docs", "pages": sorted(files)}, indent=2) + "\n"
    target = root / MANIFEST
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def write(files: Mapping[str, str], out: str | os.PathLike[str]) -> list[str]:
    """Write rendered files under ``out`` (bytes exactly as rendered) and the manifest that lists them (pages an
    earlier render listed stay listed until ``prune``); returns the paths that changed."""
    root = Path(out)
    changed = []
    for relative, text in files.items():
        target = root / relative
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(relative)
    root.mkdir(parents=True, exist_ok=True)
    _write_manifest(root, {**dict.fromkeys(_manifest(root), ""), **files})
    return changed


def check(files: Mapping[str, str], out: str | os.PathLike[str]) -> list[Difference]:
    """How ``out`` differs from a render: stale or missing rendered files, pages an earlier render wrote that this
    one does not (``stale-page``: ``--prune`` deletes them), and the manifest. Other files are the user's own."""
    root = Path(out)
    found: list[Difference] = []
    for relative, text in files.items():
        target = root / relative
        if not target.is_file():
            found.append(Difference(relative, "missing"))
        elif target.read_bytes() != text.encode("utf-8"):
            found.append(Difference(relative, "stale"))
    listed = _manifest(root)
    for relative in sorted(listed - set(files)):
        if (root / relative).is_file():
            found.append(Difference(relative, "stale-page"))
    if listed != set(files):
        found.append(Difference(MANIFEST, "stale" if (root / MANIFEST).is_file() else "missing"))
    return sorted(found, key=lambda item: item.path)
