"""A spec is checked when it loads: every schema against the 2020-12 meta-schema, duplicate keys refused, the
problem named by file, line and JSON pointer; every command says it in one line and exits 2, never a traceback;
and no jsonschema exception escapes a call at run time."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import talon_dyn
from talon_dyn import SpecError
from talon_dyn.cli import main

BUNDLED = Path(talon_dyn.__file__).parent / "spec" / "talon-integration.yaml"
TEXT = BUNDLED.read_text(encoding="utf-8")
RESERVATION = "          type: boolean\n        batchId:"
"""The type of ``Coupon.reservation`` (the first schema the checks meet that has ``type: boolean``)."""


def _with(tmp_path: Path, old: str, new: str, name: str = "spec.yaml") -> Path:
    """A copy of the bundled spec with the first ``old`` line replaced (the number of that line, 1-based)."""
    assert old in TEXT, old
    path = tmp_path / name
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == text)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TALON_DYN_CACHE", "off")


def test_a_misspelled_type_is_named_with_file_line_pointer_and_the_type_meant(tmp_path: Path) -> None:
    path = _with(tmp_path, RESERVATION, RESERVATION.replace("boolean", "bool"))
    with pytest.raises(SpecError) as caught:
        talon_dyn.load(path)
    error = caught.value
    assert error.line == _line(path, "          type: bool")
    assert error.pointer == "/components/schemas/Coupon/properties/reservation/type"
    assert str(error) == (
        f"{path}:{error.line} #/components/schemas/Coupon/properties/reservation/type: "
        "'bool' is not a JSON Schema type; did you mean 'boolean'?"
    )


@pytest.mark.parametrize(
    ("old", "new", "says", "pointer_end"),
    [
        (RESERVATION, "          type: [string, nul]\n        batchId:", "'nul' is not a JSON Schema type", "/type"),
        (RESERVATION, "          type: Integer\n        batchId:", "did you mean 'integer'", "/type"),
        (RESERVATION, "          minLength: -1\n        batchId:", "-1", "/minLength"),
        (RESERVATION, "          required: yes-please\n        batchId:", "is not of type", "/required"),
    ],
)
def test_schemas_that_break_the_meta_schema_are_refused(
    tmp_path: Path, old: str, new: str, says: str, pointer_end: str
) -> None:
    path = _with(tmp_path, old, new)
    with pytest.raises(SpecError) as caught:
        talon_dyn.load(path)
    assert says in str(caught.value)
    assert caught.value.pointer is not None
    assert caught.value.pointer.endswith(pointer_end)
    assert caught.value.line is not None


def test_a_yaml_key_given_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    old = "        batchId:\n"
    path = _with(tmp_path, old, "        reservation: {}\n" + old)
    with pytest.raises(SpecError, match=r"duplicate key 'reservation'") as caught:
        talon_dyn.load(path)
    assert re.search(r"line \d+", str(caught.value))


def test_a_json_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{"openapi": "3.1.0", "info": {"title": "a", "title": "b", "version": "1"}, "paths": {}}')
    with pytest.raises(SpecError, match=r"duplicate key 'title'"):
        talon_dyn.load(path)


def test_a_schema_made_by_an_overlay_is_checked_too(tmp_path: Path) -> None:
    overlay = {
        "overlay": "1.0.0",
        "info": {"title": "typo", "version": "1"},
        "actions": [{"target": "$.components.schemas.Coupon.properties.reservation", "update": {"type": "bool"}}],
    }
    with pytest.raises(SpecError, match=r"did you mean 'boolean'\? \(after the overlays\)"):
        talon_dyn.load(BUNDLED, overlays=[overlay])


def test_the_bundled_and_vendor_specs_pass_the_checks() -> None:
    for name in ("2020", "current"):
        assert talon_dyn.load(name).operations
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "talon-openapi-2026.yaml"
    assert len(talon_dyn.load(fixture).operations) == 220


@pytest.mark.parametrize(
    "command",
    [
        ["ops"],
        ["docs", "--out", "{out}"],
        ["stubs", "--out", "{out}/x.pyi"],
        ["smoke"],
        ["sandbox", "--port", "0", "--check"],
        ["call", "get_reserved_coupons", "ada"],
    ],
    ids=lambda command: command[0],
)
def test_every_command_says_a_bad_spec_in_one_line_and_exits_2(tmp_path: Path, command: list[str]) -> None:
    path = _with(tmp_path, RESERVATION, RESERVATION.replace("boolean", "bool"))
    argv = [part.replace("{out}", str(tmp_path / "out")) for part in command]
    if argv[0] == "sandbox" and "--check" in argv:
        argv.remove("--check")
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--spec", str(path)], out=out, err=err)
    assert code == 2, (out.getvalue(), err.getvalue())
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1, err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert "'bool' is not a JSON Schema type; did you mean 'boolean'?" in lines[0]
    assert f"{path}:" in lines[0]


def test_a_schema_no_engine_can_use_is_a_spec_error_at_call_time_not_a_jsonschema_exception() -> None:
    """Schemas the loader cannot see (made by a caller) still never raise jsonschema's own exceptions."""
    spec = talon_dyn.load()
    with pytest.raises(SpecError, match="schema cannot be used for validation"):
        spec.validator.is_valid({"type": "bool"}, True)
    with pytest.raises(SpecError, match="schema cannot be used for validation"):
        spec.validator.issues({"type": "bool"}, True)
    assert json.loads("1") == 1


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml")) + [
    FIXTURES / "hostile" / name for name in ("recursive-alias.yaml", "python-tag.yaml", "ref-remote-http.yaml")
]
"""Every broken fixture and a few hostile ones (the alias bomb is refused through every way in by the same loader
call; tests/model/test_hostile_specs.py times it)."""


def _entry_points(path: Path) -> dict[str, object]:
    """Every public way in that reads a spec, each called with ``path``."""
    from talon_dyn import docs
    from talon_dyn.sandbox import Sandbox

    return {
        "load": lambda: talon_dyn.load(path),
        "Client": lambda: talon_dyn.Client(spec=path, base_url="http://x.test", api_key="k" * 20),
        "AsyncClient": lambda: talon_dyn.AsyncClient(spec=path, base_url="http://x.test", api_key="k" * 20),
        "Client.from_spec": lambda: talon_dyn.Client.from_spec(path, base_url="http://x.test", api_key="k" * 20),
        "Sandbox": lambda: Sandbox(spec=path),
        "docs.render": lambda: docs.render(talon_dyn.load(path)),
    }


@pytest.mark.parametrize("fixture", [*BROKEN, "typo"], ids=lambda item: getattr(item, "name", item))
def test_every_public_entry_point_refuses_a_broken_spec_with_a_spec_error(fixture: object, tmp_path: Path) -> None:
    """No jsonschema, referencing, yaml or other foreign exception escapes: each way in raises SpecError."""
    path = (
        fixture if isinstance(fixture, Path) else _with(tmp_path, RESERVATION, RESERVATION.replace("boolean", "bool"))
    )
    for name, call in _entry_points(path).items():
        with pytest.raises(SpecError) as caught:
            call()  # type: ignore[operator]
        assert type(caught.value).__module__.startswith("talon_dyn"), name
        assert str(path) in str(caught.value), (name, str(caught.value))
