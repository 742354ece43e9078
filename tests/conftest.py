"""Shared test set-up: a clean ``TALON_*`` environment and a spec cache that never touches ~/.cache."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_SAVED_CACHE = os.environ.get("TALON_DYN_CACHE")


def pytest_configure(config: pytest.Config) -> None:
    """Point the parsed-spec cache at a directory of this session, before collection loads any spec."""
    os.environ["TALON_DYN_CACHE"] = tempfile.mkdtemp(prefix="talon-dyn-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's cache directory and restore the caller's setting."""
    shutil.rmtree(os.environ.pop("TALON_DYN_CACHE", ""), ignore_errors=True)
    if _SAVED_CACHE is not None:
        os.environ["TALON_DYN_CACHE"] = _SAVED_CACHE


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every ``TALON_*`` variable but the cache location, so no test depends on the caller's shell."""
    for name in os.environ:
        if name.startswith("TALON_") and name != "TALON_DYN_CACHE":
            monkeypatch.delenv(name)
