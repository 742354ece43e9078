"""mypy reads the spec's operations through the shipped stub: tests/typing/check_client.py must check clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

import talon_dyn

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ROOT / "tests" / "typing" / "check_client.py"


def test_mypy_accepts_correct_calls_and_reports_each_wrong_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Correct calls pass; every targeted ``type: ignore`` on a wrong line is used, so each error is reported."""
    config = tmp_path / "mypy.ini"
    config.write_text(
        "[mypy]\nstrict = True\nwarn_unused_ignores = True\nenable_error_code = ignore-without-code\n"
        f"cache_dir = {tmp_path / 'cache'}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(ROOT)
    stdout, stderr, status = api.run(["--config-file", str(config), str(CHECKED.relative_to(ROOT))])
    assert (status, stdout.strip()) == (0, "Success: no issues found in 1 source file"), stdout + stderr
    expected = re.findall(r"# type: ignore\[([a-z-]+)\]", CHECKED.read_text(encoding="utf-8"))
    assert len(expected) >= 12
    assert {"call-arg", "typeddict-item", "typeddict-unknown-key", "arg-type", "attr-defined", "assignment"} <= set(
        expected
    )


def test_an_unused_ignore_would_be_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check can fail: a targeted ignore on a correct call is reported as unused."""
    checked = tmp_path / "check_extra.py"
    checked.write_text(
        "import talon_dyn\n\n\ndef f(client: talon_dyn.Client) -> None:\n"
        '    client.delete_customer_data("p1")  # type: ignore[call-arg]\n'
        '    client.get_reserved_coupons("p1", wrong=1)\n',
        encoding="utf-8",
    )
    config = tmp_path / "mypy.ini"
    config.write_text(f"[mypy]\nstrict = True\nwarn_unused_ignores = True\ncache_dir = {tmp_path / 'cache'}\n")
    monkeypatch.chdir(ROOT)
    stdout, _, status = api.run(["--config-file", str(config), str(checked)])
    assert status == 1
    assert 'check_extra.py:5: error: Unused "type: ignore" comment  [unused-ignore]' in stdout
    assert (
        'check_extra.py:6: error: Unexpected keyword argument "wrong" for "get_reserved_coupons" of "Client"' in stdout
    )


def test_idiomatic_user_code_passes_mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An integrator's code annotated with talon_dyn.types (tuples, Sequence, list comprehensions, narrowing on
    effectType) checks clean under mypy --strict."""
    config = tmp_path / "mypy.ini"
    config.write_text(f"[mypy]\nstrict = True\ncache_dir = {tmp_path / 'cache'}\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    checked = ROOT / "tests" / "typing" / "check_user_code.py"
    stdout, stderr, status = api.run(["--config-file", str(config), str(checked.relative_to(ROOT))])
    assert (status, stdout.strip()) == (0, "Success: no issues found in 1 source file"), stdout + stderr


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


def test_effects_narrow_by_effect_type_under_mypy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``effect["props"]`` narrows to the props TypedDict of ``effect["effectType"]``; a wrong props key is
    reported (each targeted ignore in the file is used, or mypy says so)."""
    config = tmp_path / "mypy.ini"
    config.write_text(
        f"[mypy]\nstrict = True\nwarn_unused_ignores = True\ncache_dir = {tmp_path / 'cache'}\n", encoding="utf-8"
    )
    monkeypatch.chdir(ROOT)
    checked = ROOT / "tests" / "typing" / "check_effects.py"
    stdout, stderr, status = api.run(["--config-file", str(config), str(checked.relative_to(ROOT))])
    assert (status, stdout.strip()) == (0, "Success: no issues found in 1 source file"), stdout + stderr
    assert checked.read_text(encoding="utf-8").count("# type: ignore[typeddict-item]") == 2
