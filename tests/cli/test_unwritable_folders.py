"""A folder that cannot be written (a file in the way) is one line and exit 2 for every command that writes
one: docs, stubs (a stub and a --module package) and smoke's --report pytest; never a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from talon_dyn.cli import main

WIDGETS = Path(__file__).resolve().parents[1] / "fixtures" / "docs" / "widgets.yaml"


@pytest.mark.parametrize(
    "argv",
    [
        ["docs", "--spec", str(WIDGETS), "--out", "{blocked}"],
        ["stubs", "--spec", str(WIDGETS), "--out", "{blocked}/x.pyi"],
        ["stubs", "--spec", str(WIDGETS), "--module", "blocked", "--out", "{here}"],
        ["smoke", "--checks", "scenarios", "--max-examples", "0", "--no-progress", "--report", "pytest", "{blocked}"],
    ],
    ids=["docs", "stubs", "stubs-module", "smoke-report"],
)
def test_an_unwritable_folder_is_one_line_and_exit_2(tmp_path: Path, argv: list[str]) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    out, err = io.StringIO(), io.StringIO()
    filled = [part.format(blocked=blocked, here=tmp_path) for part in argv]
    code = main(filled, out=out, err=err)
    assert code == 2
    said = err.getvalue().strip()
    assert "cannot" in said
    assert "Traceback" not in said + out.getvalue()
