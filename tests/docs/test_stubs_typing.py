"""mypy reads the spec's operations through the shipped stub: tests/typing/check_client.py must check clean."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import built_once
from mypy import api

import talon_dyn

ROOT = Path(__file__).resolve().parents[2]
TYPING = ROOT / "tests" / "typing"
CHECKED = TYPING / "check_client.py"
EXTRA = (
    "import talon_dyn\n\n\ndef f(client: talon_dyn.Client) -> None:\n"
    '    client.delete_customer_data("p1")  # type: ignore[call-arg]\n'
    '    client.get_reserved_coupons("p1", wrong=1)\n'
)
"""A file that must fail: a targeted ignore on a correct call, and a wrong keyword."""


def _run_mypy(where: Path) -> None:
    """``mypy --strict`` (warn_unused_ignores, ignore-without-code) over every checked file and one that must
    fail; its output goes to ``where/report.json``."""
    (where / "check_extra.py").write_text(EXTRA, encoding="utf-8")
    config = where / "mypy.ini"
    config.write_text(
        "[mypy]\nstrict = True\nwarn_unused_ignores = True\nenable_error_code = ignore-without-code\n"
        f"cache_dir = {where / 'cache'}\n",
        encoding="utf-8",
    )
    files = [str(path.relative_to(ROOT)) for path in sorted(TYPING.glob("check_*.py"))]
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        stdout, stderr, status = api.run(["--config-file", str(config), *files, str(where / "check_extra.py")])
    finally:
        os.chdir(previous)
    result = {"stdout": stdout, "stderr": stderr, "status": status, "files": len(files) + 1}
    (where / "report.json").write_text(json.dumps(result), encoding="utf-8")


@pytest.fixture(scope="session")
def mypy_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The error lines of one mypy run by file name (one run for all: the cold cache is most of the cost)."""
    result = json.loads((built_once(tmp_path_factory, "mypy", _run_mypy) / "report.json").read_text(encoding="utf-8"))
    stdout = result["stdout"]
    assert result["status"] == 1, stdout + result["stderr"]  # check_extra.py fails; a crash would be 2
    assert f"checked {result['files']} source files" in stdout, stdout + result["stderr"]
    report: dict[str, list[str]] = {}
    for line in stdout.splitlines():
        if ": error: " in line or ": note: " in line:
            report.setdefault(Path(line.split(":", 1)[0]).name, []).append(line)
    return report


@pytest.mark.slow
def test_mypy_accepts_correct_calls_and_reports_each_wrong_one(mypy_report: dict[str, list[str]]) -> None:
    """Correct calls pass; every targeted ``type: ignore`` on a wrong line is used, so each error is reported."""
    assert mypy_report.get("check_client.py", []) == []
    expected = re.findall(r"# type: ignore\[([a-z-]+)\]", CHECKED.read_text(encoding="utf-8"))
    assert len(expected) >= 14
    assert {"call-arg", "typeddict-item", "typeddict-unknown-key", "arg-type", "attr-defined", "assignment"} <= set(
        expected
    )


def test_an_unused_ignore_would_be_reported(mypy_report: dict[str, list[str]]) -> None:
    """The check can fail: a targeted ignore on a correct call is reported as unused."""
    found = "\n".join(mypy_report["check_extra.py"])
    assert 'check_extra.py:5: error: Unused "type: ignore" comment  [unused-ignore]' in found
    assert (
        'check_extra.py:6: error: Unexpected keyword argument "wrong" for "get_reserved_coupons" of "Client"' in found
    )


def test_idiomatic_user_code_passes_mypy_strict(mypy_report: dict[str, list[str]]) -> None:
    """An integrator's code annotated with talon_dyn.types (tuples, Sequence, list comprehensions, narrowing on
    effectType) checks clean under mypy --strict."""
    assert mypy_report.get("check_user_code.py", []) == []


def test_the_types_module_imports_and_resolves_at_run_time() -> None:
    """talon_dyn.types is a real module: every TypedDict's hints resolve, and it matches the stub's names."""
    import typing

    import talon_dyn.types as types

    assert len(types.__all__) >= 50
    for name in types.__all__:
        value = getattr(types, name)
        if typing.is_typeddict(value):
            typing.get_type_hints(value)
    from talon_dyn.docs import render_stubs

    stub = render_stubs(talon_dyn.load())  # written out in full, as for any other spec
    shipped = (ROOT / "talon_dyn" / "_typed.pyi").read_text(encoding="utf-8")
    assert "from .types import (" in shipped  # the package's own stub imports them instead of repeating them
    for name in types.__all__:
        assert re.search(rf"^(class {name}\(|{name}: TypeAlias|{name} = TypedDict)", stub, re.M), name


def test_effects_narrow_by_effect_type_under_mypy(mypy_report: dict[str, list[str]]) -> None:
    """``effect["props"]`` narrows to the props TypedDict of ``effect["effectType"]``; a wrong props key is
    reported (each targeted ignore in the file is used, or mypy says so)."""
    assert mypy_report.get("check_effects.py", []) == []
    assert (TYPING / "check_effects.py").read_text(encoding="utf-8").count("# type: ignore[typeddict-item]") == 2


def test_the_current_api_is_typed_under_mypy(mypy_report: dict[str, list[str]]) -> None:
    """``talon_dyn.current``'s clients type every current operation (effects narrowed by effectType, pages
    typed); a wrong keyword, a wrong item type, a state read as a number and a current operation on a 2020
    sandbox's client are reported; ``Sandbox(spec="current").client()`` is the current client for mypy."""
    assert mypy_report.get("check_current.py", []) == []
    assert (TYPING / "check_current.py").read_text(encoding="utf-8").count("# type: ignore[") == 4


def test_the_current_types_module_imports_and_resolves_at_run_time() -> None:
    """talon_dyn.current_types is a real module too: every TypedDict's hints resolve at run time."""
    import typing

    import talon_dyn.current_types as current_types

    assert len(current_types.__all__) >= 100
    for name in current_types.__all__:
        value = getattr(current_types, name)
        if typing.is_typeddict(value):
            typing.get_type_hints(value)
