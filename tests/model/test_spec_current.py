"""Talon's current Integration API, bundled as the spec named "current": loaded by name, derived from the vendor's
document by scripts/current_spec.py (and kept so by this test), usable by every tool."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import talon_dyn
from talon_dyn._model.spec import BUNDLED_SPECS, bundled_name, bundled_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_current_spec_is_selected_by_name() -> None:
    spec = talon_dyn.load("current")
    assert spec.openapi_version == "3.1.0"
    assert len(spec.operations) == 36
    assert {"updateCustomerSessionV2", "returnCartItems", "getLoyaltyBalances", "syncCatalog"} <= set(spec.operations)
    assert talon_dyn.load("current") is spec  # loaded once per process
    assert talon_dyn.load("2020") is talon_dyn.load()
    assert len(talon_dyn.load().operations) == 11  # the default stays the original reference
    assert bundled_name(spec.source) == "current"
    assert bundled_name("./current") is None


def test_a_client_takes_the_name() -> None:
    with talon_dyn.Client(spec="current", base_url="http://talon.test") as client:
        assert client.spec is talon_dyn.load("current")
        assert callable(client.get_loyalty_card_transactions)
        assert hasattr(client.paginate, "get_loyalty_card_transactions")


def test_a_file_is_still_a_file(tmp_path: Path) -> None:
    """A path is read as a file even when a bundled spec has the same stem; an unknown name is a missing file."""
    copy = tmp_path / "current"
    copy.write_bytes(bundled_path("2020").read_bytes())
    assert len(talon_dyn.load(copy).operations) == 11
    with pytest.raises(talon_dyn.SpecError, match="cannot read spec file"):
        talon_dyn.load("curent")


def test_the_bundled_file_is_what_the_script_writes() -> None:
    """spec/talon-integration-current.yaml is derived from tests/fixtures/talon-openapi-2026.yaml; an edit by hand
    or a change of the script without re-running it fails here."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "current_spec.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_every_example_the_current_spec_keeps_validates() -> None:
    """The vendor's examples that do not validate were dropped (the docs print the rest)."""
    spec = talon_dyn.load("current")
    checked = 0

    def visit(node: object, pointer: str) -> None:
        nonlocal checked
        if isinstance(node, dict):
            for example in (
                node.get("examples") or [] if "type" in node or "$ref" in node or "properties" in node else []
            ):
                assert spec.validator.is_valid(pointer, example), pointer
                checked += 1
            for key, value in node.items():
                if key not in ("examples", "example", "enum", "default", "const"):
                    visit(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, f"{pointer}/{index}")

    visit(spec.document["components"], "/components")
    assert checked > 100
    assert set(BUNDLED_SPECS) == {"2020", "current"}
