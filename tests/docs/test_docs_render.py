"""The docs rendered from the spec: the js-sdk reference byte for byte, the python set's golden pages, safety."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import talon_dyn
from talon_dyn.docs import TemplateError, check, render
from talon_dyn.docs._filters import generator_escape

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
REFERENCE = FIXTURES / "IntegrationApi.md"
WIDGETS = FIXTURES / "docs" / "widgets.yaml"
WIDGETS_GOLDEN = FIXTURES / "docs" / "python"
SPEC_2026 = FIXTURES / "talon-openapi-2026.yaml"
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def bundled() -> talon_dyn.Spec:
    """The bundled Integration API spec."""
    return talon_dyn.load()


@pytest.fixture(scope="module")
def widgets() -> talon_dyn.Spec:
    """The small docs fixture spec."""
    return talon_dyn.load(WIDGETS)


def anchors(text: str) -> set[str]:
    """The anchors a Markdown page defines: explicit ``<a id>`` / ``<a name>`` tags and GitHub's heading slugs."""
    names = set(re.findall(r'<a (?:name|id)="([^"]+)"></a>', text))
    for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE):
        names.add(re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-"))
    return names


def test_js_sdk_render_reproduces_the_reference_except_the_boolean_flags(bundled: talon_dyn.Spec) -> None:
    """The js-sdk set renders IntegrationApi.md as the reference, differing only where the spec types the flags."""
    rendered = render(bundled, "js-sdk")["docs/IntegrationApi.md"].splitlines(keepends=True)
    reference = REFERENCE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(rendered) == len(reference)
    differing = [(want, got) for want, got in zip(reference, rendered, strict=True) if want != got]
    assert len(differing) == 4
    for want, got in differing:
        assert re.search(r"\bprofile\b|\breferrals\b", want)
        assert "Object" in want
        assert "Object" not in got
        assert "Boolean" in got
        assert (
            want.replace("[**Object**](.md)", "**Boolean**")
            .replace("null,", "true,")
            .replace("null //", "true //")
            .replace("// Object", "// Boolean")
            == got
        )


def test_generator_escaping_matches_the_sdk_generator() -> None:
    """Spec text is escaped as the SDK generator did: HTML entities, backslashed quotes, newlines as spaces."""
    assert generator_escape('use `x` for "y"\nit\'s <a=b>') == (
        "use &#x60;x&#x60; for \\&quot;y\\&quot; it&#39;s &lt;a&#x3D;b&gt;"
    )


def test_python_set_matches_its_golden_render(widgets: talon_dyn.Spec) -> None:
    """The python set renders the fixture spec exactly as the reviewed golden pages."""
    files = render(widgets)
    golden = {path.name: path.read_text(encoding="utf-8") for path in sorted(WIDGETS_GOLDEN.glob("*.md"))}
    assert sorted(files) == sorted(golden)
    for name, text in files.items():
        assert text == golden[name], name


def test_python_set_has_an_api_page_a_page_per_schema_and_an_index(bundled: talon_dyn.Spec) -> None:
    """Every operation has a section on its API page and every component schema a page of its own."""
    files = render(bundled)
    schemas = bundled.document["components"]["schemas"]
    assert len(files) == len(schemas) + 2
    api = files["IntegrationApi.md"]
    for operation in bundled.operations.values():
        assert f'<a id="{operation.operation_id}"></a>\n## {operation.python_name}\n' in api
    assert "InlineResponse2001.md" in files
    assert "inline_response_200_1.md" not in files
    assert files["README.md"].startswith("# Talon.One Integration API")


@pytest.mark.parametrize("template_set", ["python", "js-sdk"])
def test_links_between_pages_resolve(bundled: talon_dyn.Spec, widgets: talon_dyn.Spec, template_set: str) -> None:
    """Every relative link of a rendered page names a rendered page and, with a fragment, an anchor on it."""
    for spec in (bundled, widgets):
        files = render(spec, template_set)
        checked = 0
        for name, text in files.items():
            for target in LINK.findall(text):
                if "://" in target or target.startswith("/") or target in (".md", "../README.md"):
                    continue  # external, site-absolute, and the reference's own dead links (kept byte for byte)
                page, _, fragment = target.partition("#")
                resolved = os.path.normpath(os.path.join(os.path.dirname(name), page)) if page else name
                assert resolved in files, f"{name} links to missing {target}"
                if fragment:
                    assert fragment in anchors(files[resolved]), f"{name} links to missing anchor {target}"
                checked += 1
        assert checked > len(spec.operations)


def test_render_is_deterministic_across_processes(widgets: talon_dyn.Spec, tmp_path: Path) -> None:
    """The same spec gives the same bytes in another process with another hash seed."""
    out = tmp_path / "docs"
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    program = "import sys; from talon_dyn.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", program, "docs", "--spec", str(WIDGETS), "--out", str(out)]
    subprocess.run(command, check=True, env=environment, capture_output=True, cwd=ROOT)
    assert check(render(widgets), out) == []
    assert render(widgets) == render(widgets)


def test_spec_text_is_printed_literally_never_run_as_a_template(widgets: talon_dyn.Spec) -> None:
    """Descriptions holding Jinja syntax come out verbatim, in every template set."""
    for template_set in ("python", "js-sdk"):
        text = "\n".join(render(widgets, template_set).values())
        assert "49" not in text
        assert "yesyes" not in text
        for literal in ("{{ spec }}", "{# comment #}", "{% raw %}", "{{ '{{' }}", "{{ name }}"):
            expected = literal if template_set == "python" else generator_escape(literal)
            assert expected in text, literal
    assert "{{ 7 * 7 }}, {% if true %}yes{% endif %}" in render(widgets)["README.md"]


def test_table_cells_escape_pipes(widgets: talon_dyn.Spec) -> None:
    """A pipe in a description or a union type does not split a Markdown table row."""
    widget, part = render(widgets)["Widget.md"], render(widgets)["Part.md"]
    assert "`note` | str \\| None |  | optional" in widget
    assert "Stock keeping unit \\| the part's code." in part


def test_user_templates_render_with_the_same_context(widgets: talon_dyn.Spec, tmp_path: Path) -> None:
    """A folder of the user's own templates renders once, per API and per model, partials skipped."""
    (tmp_path / "_partial.j2").write_text("{{ ctx.title }}", encoding="utf-8")
    (tmp_path / "index.txt.j2").write_text('{% include "_partial.j2" %}: {{ ctx.operations | length }}\n')
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "{model}.txt.j2").write_text("{{ model.name }} {{ model.properties | length }}\n")
    (tmp_path / "{api}.txt.j2").write_text("{% for op in api.operations %}{{ op.python_name }} {% endfor %}\n")
    files = render(widgets, tmp_path)
    assert files["index.txt"] == "Widget API: 3\n"
    assert files["WidgetsApi.txt"] == "get_widget delete_widget create_widget "  # trim_blocks eats the newline
    assert files["models/Widget.txt"] == "Widget 9\n"
    assert sorted(files) == [
        "WidgetsApi.txt",
        "index.txt",
        *sorted(f"models/{name}.txt" for name in ("ErrorResponse", "Metadata", "NewWidget", "Part", "Widget")),
    ]


def test_templates_are_strict_about_undefined_names(widgets: talon_dyn.Spec, tmp_path: Path) -> None:
    """A template using a name the context lacks fails with the template's name, not with an empty string."""
    (tmp_path / "page.md.j2").write_text("{{ ctx.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"page\.md\.j2.*no_such_field"):
        render(widgets, tmp_path)


def test_unknown_template_set_is_refused(widgets: talon_dyn.Spec, tmp_path: Path) -> None:
    """A template set that is neither shipped nor a folder is a clear error."""
    with pytest.raises(TemplateError, match="no template set 'nope'"):
        render(widgets, "nope")
    with pytest.raises(TemplateError, match="has no templates"):
        render(widgets, tmp_path)


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_a_large_spec_renders_every_operation() -> None:
    """The 220-operation 2026 spec renders with the python set: a section for every operation, grouped by tag."""
    spec = talon_dyn.load(SPEC_2026)
    files = render(spec)
    pages = "".join(text for name, text in files.items() if name.endswith("Api.md"))
    for operation in spec.operations.values():
        assert f'<a id="{operation.operation_id}"></a>\n## {operation.python_name}\n' in pages
