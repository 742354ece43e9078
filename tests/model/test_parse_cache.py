"""The parse cache the README documents: where it lives, how to turn it off, and that an unwritable folder never
fails a load."""

from __future__ import annotations

from pathlib import Path

import pytest

import talon_dyn

SPEC = Path(talon_dyn.__file__).parent / "spec" / "talon-integration.yaml"


def _fresh(path: Path) -> Path:
    copy = path.parent / "copy.yaml"
    copy.write_bytes(SPEC.read_bytes() + b"\n# a copy, so the cache has no entry for it yet\n")
    return copy


def test_the_cache_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TALON_DYN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    talon_dyn.load(_fresh(tmp_path / "spec.yaml"))
    assert list((tmp_path / "xdg" / "talon_dyn").glob("*.json"))


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TALON_DYN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    talon_dyn.load(_fresh(tmp_path / "spec.yaml"))
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "home").exists()


def test_a_cache_path_that_cannot_be_a_folder_never_fails_a_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TALON_DYN_CACHE", str(blocker / "cache"))  # mkdir fails even for root
    assert talon_dyn.load(_fresh(tmp_path / "spec.yaml")).operations
