"""The public surface of ``talon_dyn``: exactly these names, sorted, each importable."""

from __future__ import annotations

import importlib
from pathlib import Path

import talon_dyn

PUBLIC_API = [
    line
    for line in (Path(__file__).parents[1] / "fixtures" / "public_api.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def test_all_is_pinned() -> None:
    """``talon_dyn.__all__`` is exactly the curated list: adding or removing a public name is a deliberate act."""
    assert talon_dyn.__all__ == PUBLIC_API


def test_all_is_sorted() -> None:
    """``__all__`` is kept sorted."""
    assert talon_dyn.__all__ == sorted(talon_dyn.__all__)


def test_every_name_is_importable() -> None:
    """Every name in ``__all__`` can be imported from the package, as ``from talon_dyn import *`` would."""
    namespace: dict[str, object] = {}
    exec("from talon_dyn import *", namespace)
    for name in talon_dyn.__all__:
        assert getattr(importlib.import_module("talon_dyn"), name) is namespace[name]


def test_errors_share_one_root_and_stdlib_bases() -> None:
    """Every exported error derives from TalonDynError, with the stdlib bases callers catch by."""
    errors = [getattr(talon_dyn, name) for name in talon_dyn.__all__ if name.endswith(("Error", "Exhausted"))]
    assert all(issubclass(error, talon_dyn.TalonDynError) for error in errors)
    assert issubclass(talon_dyn.OperationNotFound, AttributeError)
    assert issubclass(talon_dyn.SpecError, ValueError)
    assert issubclass(talon_dyn.ValidationError, ValueError)
    assert issubclass(talon_dyn.MissingCredentials, talon_dyn.ConfigurationError)
    for status_error in ("BadRequest", "Unauthorized", "NotFound", "Conflict", "TooManyRequests", "ServerError"):
        assert issubclass(getattr(talon_dyn, status_error), talon_dyn.ApiError)


def test_version_is_a_string() -> None:
    """``talon_dyn.__version__`` is a dotted version string."""
    assert isinstance(talon_dyn.__version__, str)
    assert talon_dyn.__version__.count(".") >= 1


def test_no_public_name_shadows_an_httpx_name() -> None:
    """No exported name means something else in httpx: the only shared ones are the two clients, shaped like
    httpx's on purpose (``with Client(...) as client``), and ``__version__``."""
    import httpx

    assert sorted(set(talon_dyn.__all__) & set(httpx.__all__)) == ["AsyncClient", "Client", "__version__"]


def test_the_renamed_names_still_work_for_one_release_with_a_warning() -> None:
    import pytest

    for old, new in (("Response", "ResponseSpec"), ("TransportError", "TalonTransportError")):
        with pytest.warns(DeprecationWarning, match=f"talon_dyn.{old} is now talon_dyn.{new}"):
            assert getattr(talon_dyn, old) is getattr(talon_dyn, new)
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        talon_dyn.Nothing  # noqa: B018
