"""Docs a team can publish: links that resolve under mkdocs and CommonMark, custom templates that say what is
wrong, and ``talon-dyn diff`` between specs."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from mkdocs.commands.build import build
from mkdocs.config import load_config

import talon_dyn
from talon_dyn.cli import main
from talon_dyn.docs import TemplateError, render
from talon_dyn.docs._links import resolve

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SPEC_2026 = FIXTURES / "talon-openapi-2026.yaml"
BASE = FIXTURES / "diff" / "base.yaml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# -- links ---------------------------------------------------------------------------------------------


def test_reference_links_are_inlined_and_root_relative_ones_made_absolute() -> None:
    """``[Label][]`` with a root-relative definition becomes an inline absolute link; an undefined reference
    becomes plain text; inline root-relative links get the base too; definitions disappear."""
    text = (
        "You will need [Authentication][] and [the rules][Rules] and [Missing][].\n"
        "See [entities](/Getting-Started/entities#sessions).\n\n"
        "[Authentication]: /integration-api/authentication\n"
        "[rules]: https://example.com/rules\n"
    )
    assert resolve(text, "https://docs.example") == (
        "You will need [Authentication](https://docs.example/integration-api/authentication) and "
        "[the rules](https://example.com/rules) and Missing.\n"
        "See [entities](https://docs.example/Getting-Started/entities#sessions).\n"
    )


def test_the_rendered_folder_builds_with_mkdocs_strict_and_link_validation(tmp_path: Path) -> None:
    """``mkdocs build --strict`` with every link and anchor check on: zero warnings (strict fails on any)."""
    docs = tmp_path / "docs"
    assert run("docs", "--out", str(docs))[0] == 0
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Talon.One Integration API\ndocs_dir: docs\nsite_dir: site\nstrict: true\n"
        "validation:\n  omitted_files: warn\n  absolute_links: warn\n  unrecognized_links: warn\n  anchors: warn\n"
    )
    build(load_config(str(config)))  # raises (Aborted) on any warning in strict mode
    assert (tmp_path / "site" / "IntegrationApi" / "index.html").is_file()


def test_commonmark_finds_no_unresolved_reference() -> None:
    """Parsed as CommonMark (markdown-it), no page leaves a ``[label][]`` reference as text, and every spec link
    is absolute."""
    parser = MarkdownIt("commonmark")
    unresolved = re.compile(r"\[[^\]]+\]\[[^\]]*\]")
    links = 0
    for name, text in render(talon_dyn.load()).items():
        for token in parser.parse(text):
            for child in token.children or []:
                if child.type == "text":
                    assert not unresolved.search(child.content), (name, child.content)
                if child.type == "link_open":
                    href = str(child.attrs["href"])
                    assert not href.startswith("/"), (name, href)
                    links += 1
    assert links > 100


# -- templates ----------------------------------------------------------------------------------------------


def test_a_minimal_custom_set_renders() -> None:
    """The fixture set uses top-level variables (title, apis, link_base) and the filters docs/templates.md lists."""
    files = render(talon_dyn.load(), FIXTURES / "docs" / "custom")
    assert sorted(files) == ["IntegrationApi.md", "index.md"]
    assert files["index.md"].startswith("# Talon.One Integration API")
    assert "(https://docs.talon.one/" in files["IntegrationApi.md"]


def test_a_missing_variable_names_the_template_line_and_variable() -> None:
    """An undefined name is a TemplateError naming the template, the line, the name and what is available."""
    with pytest.raises(TemplateError) as caught:
        render(talon_dyn.load(), FIXTURES / "docs" / "broken-template")
    message = str(caught.value)
    assert message.startswith("index.md.j2:3: 'author' is undefined")
    assert "title" in message
    assert "docs/templates.md" in message


def test_docs_templates_md_lists_every_variable_and_filter() -> None:
    """docs/templates.md cannot drift from what templates receive: every field and filter is named there."""
    import dataclasses

    from talon_dyn.docs import _filters, _model

    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    views = (_model.TemplateContext, _model.ApiView, _model.OperationView, _model.ParamView, _model.BodyView)
    views += (_model.ModelView, _model.PropertyView, _model.SchemeView)
    for view in views:
        for item in dataclasses.fields(view):
            assert f"`{item.name}`" in text, (view.__name__, item.name)
    for name in _filters.FILTERS:
        assert f"`{name}" in text, name


# -- diff ------------------------------------------------------------------------------------------------------


def _pair(tmp_path: Path, change: Any) -> tuple[str, str]:
    document = yaml.safe_load(BASE.read_text())
    change(document)
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(document))
    return str(BASE), str(new)


RULES = {
    "operation removed": (lambda d: d["paths"].pop("/ping"), True, "`ping`"),
    "operation added": (
        lambda d: d["paths"].__setitem__(
            "/pong", {"get": {"operationId": "pong", "responses": {"204": {"description": "ok"}}}}
        ),
        False,
        "`pong`",
    ),
    "required parameter added": (
        lambda d: d["paths"]["/items/{sku}"]["get"]["parameters"].append(
            {"name": "store", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        True,
        "query parameter store: added (required)",
    ),
    "optional parameter added": (
        lambda d: d["paths"]["/items/{sku}"]["get"]["parameters"].append(
            {"name": "lang", "in": "query", "schema": {"type": "string"}}
        ),
        False,
        "query parameter lang: added",
    ),
    "parameter removed": (
        lambda d: d["paths"]["/items/{sku}"]["get"]["parameters"].pop(1),
        True,
        "query parameter fields: removed",
    ),
    "parameter now required": (
        lambda d: d["paths"]["/items/{sku}"]["get"]["parameters"][1].__setitem__("required", True),
        True,
        "query parameter fields: now required",
    ),
    "request property now required": (
        lambda d: d["components"]["schemas"]["Item"]["required"].append("note"),
        True,
        "request body/note: property now required",
    ),
    "request enum narrowed": (
        lambda d: d["components"]["schemas"]["Item"]["properties"]["size"].__setitem__("enum", ["S", "M"]),
        True,
        'request body/size: values no longer allowed: ["L"]',
    ),
    "response property removed": (
        lambda d: d["components"]["schemas"]["Item"]["properties"].pop("note"),
        True,
        "response 200/note: property removed",
    ),
    "type changed": (
        lambda d: d["components"]["schemas"]["Item"]["properties"]["note"].__setitem__("type", "integer"),
        True,
        "response 200/note: type",
    ),
    "security changed": (lambda d: d.__setitem__("security", [{"signed": []}]), True, "security: security"),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_each_diff_rule_on_a_crafted_pair(tmp_path: Path, rule: str) -> None:
    """Each rule is reported, marked breaking or not, and decides the exit code."""
    change, breaking, fragment = RULES[rule]
    old, new = _pair(tmp_path, change)
    code, out, _ = run("diff", old, new)
    assert fragment in out, out
    line = next(line for line in out.splitlines() if fragment in line)
    assert ("**BREAKING**" in line) is breaking, line
    assert code == (1 if breaking else 0)


def test_the_bundled_spec_against_the_2026_spec_reports_the_four_removals_as_breaking() -> None:
    """getReservedCoupons, updateCustomerProfile, updateCustomerSession and trackEvent went away: exit 1."""
    code, out, _ = run("diff", str(talon_dyn.load().source), str(SPEC_2026))
    assert code == 1
    removed = re.findall(r"^- \*\*BREAKING\*\* `(\w+)`", out.split("## Operations added")[0], re.M)
    assert sorted(removed) == ["getReservedCoupons", "trackEvent", "updateCustomerProfile", "updateCustomerSession"]
    code, out, _ = run("diff", str(talon_dyn.load().source), str(SPEC_2026), "--format", "json")
    document = json.loads(out)
    assert document["breaking"] >= 4


def test_a_spec_against_itself_has_no_change() -> None:
    """Exit 0 and "No changes."."""
    bundled = str(talon_dyn.load().source)
    assert run("diff", bundled, bundled) == (0, f"# API changes: {bundled} → {bundled}\n\nNo changes.\n", "")


def test_diff_on_bad_input_is_exit_2(tmp_path: Path) -> None:
    """A missing or malformed spec is exit 2 naming the file."""
    code, _, err = run("diff", str(tmp_path / "nope.yaml"), str(BASE))
    assert code == 2
    assert "nope.yaml" in err
