"""``talon-dyn docs`` and ``talon-dyn stubs``: writing, and ``--check`` failing on stale output, passing on fresh."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from talon_dyn.cli import main
from talon_dyn.docs import stub_path

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = str(ROOT / "tests" / "fixtures" / "docs" / "widgets.yaml")


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI; return its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    """A folder the CLI has just rendered the fixture spec's docs into."""
    out = tmp_path / "reference"
    code, stdout, _ = run("docs", "--spec", WIDGETS, "--out", str(out))
    assert code == 0
    assert "wrote 7 of 7 files" in stdout
    return out


def test_check_passes_on_a_fresh_folder(rendered: Path) -> None:
    """--check exits 0 and writes nothing when the folder is the render of the spec."""
    before = {path: path.stat().st_mtime_ns for path in rendered.iterdir()}
    code, stdout, _ = run("docs", "--spec", WIDGETS, "--out", str(rendered), "--check")
    assert code == 0
    assert "is fresh (7 files)" in stdout
    assert {path: path.stat().st_mtime_ns for path in rendered.iterdir()} == before


def test_check_fails_on_a_stale_folder_and_lists_the_files(rendered: Path) -> None:
    """--check exits 1 naming each stale and missing file, says the exact command to run, and changes none of
    them; a file of the user's own beside the pages is not talon-dyn's business."""
    stale = rendered / "Widget.md"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Widget", "Gadget"), encoding="utf-8")
    (rendered / "Part.md").unlink()
    (rendered / "Notes.md").write_text("# Our own notes\n", encoding="utf-8")
    code, stdout, _ = run("docs", "--spec", WIDGETS, "--out", str(rendered), "--check")
    assert code == 1
    assert "2 files differ" in stdout
    assert "  missing: Part.md\n  stale: Widget.md\n" in stdout
    assert f"render it again with: talon-dyn docs --out {rendered} --spec {WIDGETS} --prune" in stdout
    assert "Gadget" in stale.read_text(encoding="utf-8")
    assert not (rendered / "Part.md").exists()


def test_check_notices_a_one_byte_difference(rendered: Path) -> None:
    """A trailing newline removed from one page is enough for --check to fail."""
    page = rendered / "README.md"
    page.write_bytes(page.read_bytes().rstrip(b"\n"))
    code, stdout, _ = run("docs", "--spec", WIDGETS, "--out", str(rendered), "--check")
    assert code == 1
    assert "stale: README.md" in stdout


def test_rendering_again_repairs_a_stale_folder(rendered: Path) -> None:
    """Writing again rewrites only what changed and leaves the user's own files alone."""
    (rendered / "Widget.md").write_text("edited by hand\n", encoding="utf-8")
    (rendered / "Notes.md").write_text("# Our own notes\n", encoding="utf-8")
    code, stdout, _ = run("docs", "--spec", WIDGETS, "--out", str(rendered))
    assert code == 0
    assert "wrote 1 of 7 files" in stdout
    assert (rendered / "Notes.md").is_file()
    assert run("docs", "--spec", WIDGETS, "--out", str(rendered), "--check")[0] == 0


def test_prune_removes_pages_no_longer_rendered_and_nothing_else(rendered: Path) -> None:
    """Pages an earlier render wrote and this one does not are named by --check and deleted by --prune; the
    user's own files (and files the manifest never listed) stay."""
    (rendered / "Notes.md").write_text("# Our own notes\n", encoding="utf-8")
    code, stdout, _ = run("docs", "--out", str(rendered), "--check")  # now the bundled spec: other pages
    assert code == 1
    assert "stale-page: Widget.md" in stdout
    code, stdout, stderr = run("docs", "--out", str(rendered))
    assert code == 0
    assert "Widget.md was rendered before and is not any more: --prune deletes it" in stderr
    assert (rendered / "Widget.md").is_file()
    code, stdout, _ = run("docs", "--out", str(rendered), "--prune")
    assert code == 0
    assert "removed Widget.md" in stdout
    assert not (rendered / "Widget.md").exists()
    assert (rendered / "Notes.md").is_file()
    assert run("docs", "--out", str(rendered), "--check")[0] == 0


def test_js_sdk_templates_from_the_command_line(tmp_path: Path) -> None:
    """--templates js-sdk renders the SDK-style layout: an index and the pages under docs/."""
    code, _, _ = run("docs", "--templates", "js-sdk", "--out", str(tmp_path))
    assert code == 0
    assert (tmp_path / "README.md").is_file()
    assert (tmp_path / "docs" / "IntegrationApi.md").is_file()


def test_a_broken_template_is_a_usage_error(tmp_path: Path) -> None:
    """A user template with a syntax error exits 2 with the file and line, and writes nothing."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    code, _, stderr = run("docs", "--spec", WIDGETS, "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "page.md.j2:2" in stderr
    assert not (tmp_path / "out").exists()


def test_stubs_check_fails_on_a_stale_stub_and_passes_on_a_fresh_one(tmp_path: Path) -> None:
    """stubs --check exits 1 for a missing or edited stub and 0 once it is rendered again."""
    stub = tmp_path / "typed.pyi"
    assert run("stubs", "--spec", WIDGETS, "--out", str(stub), "--check")[:2] == (1, f"missing: {stub}\n")
    assert run("stubs", "--spec", WIDGETS, "--out", str(stub))[0] == 0
    assert run("stubs", "--spec", WIDGETS, "--out", str(stub), "--check")[0] == 0
    stub.write_text(stub.read_text(encoding="utf-8").replace("widget_id: str", "widget_id: int"), encoding="utf-8")
    code, stdout, _ = run("stubs", "--spec", WIDGETS, "--out", str(stub), "--check")
    assert code == 1
    assert stdout.startswith(f"stale: {stub}")


def test_the_committed_reference_is_fresh() -> None:
    """docs/reference is the python render of the bundled spec (``make docs`` keeps it so)."""
    code, stdout, _ = run("docs", "--out", str(ROOT / "docs" / "reference"), "--check")
    assert code == 0, stdout


def test_the_shipped_stub_is_fresh() -> None:
    """talon_dyn/_typed.pyi is the stub rendered from the bundled spec and the real client's constructor."""
    assert stub_path() == ROOT / "talon_dyn" / "_typed.pyi"
    code, stdout, _ = run("stubs", "--types-module", ".types", "--out", str(stub_path()), "--check")
    assert code == 0, stdout


def test_the_shipped_types_module_is_fresh() -> None:
    """talon_dyn/types.py is the runtime module rendered from the bundled spec (make check runs the same)."""
    code, stdout, _ = run("stubs", "--types", "--out", str(ROOT / "talon_dyn" / "types.py"), "--check")
    assert code == 0, stdout


def test_stubs_are_written_where_out_says_and_never_into_the_package_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --out the stub goes to the current folder; the installed package's stub is left alone."""
    before = stub_path().read_bytes()
    monkeypatch.chdir(tmp_path)
    assert run("stubs", "--spec", WIDGETS)[0] == 0
    assert (tmp_path / "talon_dyn_typed.pyi").read_text(encoding="utf-8").startswith('"""')
    assert stub_path().read_bytes() == before
