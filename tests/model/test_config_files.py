"""Every config file (sandbox campaigns and faults, smoke scenarios, overlays) is read one way: a missing file,
malformed YAML and a schema violation are each an error of one base naming the file and the JSON pointer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import talon_dyn
from talon_dyn._model.overlay import read_overlay
from talon_dyn.sandbox._domain.campaigns import load as load_campaigns
from talon_dyn.sandbox._wire.faults import load_faults
from talon_dyn.smoke._scenarios import load_scenarios

SPEC = talon_dyn.load()

LOADERS: dict[str, tuple[Callable[[Path], Any], str, str]] = {
    # name: (loader, a document breaking the schema, the pointer it breaks at)
    "campaigns": (load_campaigns, "campaigns:\n  - {id: one}\n", "/campaigns/0"),
    "faults": (lambda path: load_faults(path, SPEC, 1), "faults:\n  - {probability: 2}\n", "/faults/0"),
    "scenarios": (lambda path: load_scenarios(SPEC, path), "scenarios:\n  - {name: 7}\n", "/scenarios/0"),
    "overlay": (read_overlay, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: 3\n", "/actions"),
}


@pytest.mark.parametrize("kind", list(LOADERS))
def test_a_missing_file_names_the_file(kind: str, tmp_path: Path) -> None:
    loader = LOADERS[kind][0]
    missing = tmp_path / f"{kind}.yaml"
    with pytest.raises(talon_dyn.SpecError) as caught:
        loader(missing)
    assert str(caught.value).startswith(f"{missing}: cannot read ")
    assert "No such file" in str(caught.value)
    assert caught.value.source == str(missing)


@pytest.mark.parametrize("kind", list(LOADERS))
def test_malformed_yaml_names_the_file_and_line(kind: str, tmp_path: Path) -> None:
    loader = LOADERS[kind][0]
    broken = tmp_path / f"{kind}.yaml"
    broken.write_text("a: 1\nb: [unclosed\n", encoding="utf-8")
    with pytest.raises(talon_dyn.SpecError) as caught:
        loader(broken)
    assert str(caught.value).startswith(str(broken))
    assert "line" in str(caught.value)


@pytest.mark.parametrize("kind", list(LOADERS))
def test_a_schema_violation_names_the_file_and_pointer(kind: str, tmp_path: Path) -> None:
    loader, document, pointer = LOADERS[kind]
    wrong = tmp_path / f"{kind}.yaml"
    wrong.write_text(document, encoding="utf-8")
    with pytest.raises(talon_dyn.SpecError) as caught:
        loader(wrong)
    assert caught.value.source == str(wrong)
    assert caught.value.pointer is not None
    assert caught.value.pointer.startswith(pointer), caught.value.pointer
    assert str(caught.value).startswith(f"{wrong}#{pointer}")
    if kind != "overlay":  # an overlay is part of the spec: a plain SpecError
        assert isinstance(caught.value, talon_dyn.ConfigFileError)
