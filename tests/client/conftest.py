"""The client suites' one sync/async driver as a fixture: ``flavour`` is ``Client``, then ``AsyncClient``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flavours import Flavour


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Iterator[Flavour]:
    """``Client``, then ``AsyncClient`` (its coroutines run on one event loop for the test)."""
    made = Flavour(request.param)
    yield made
    made.close()
