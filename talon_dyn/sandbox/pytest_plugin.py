"""pytest fixtures for code that talks to Talon.One: a sandbox, a client and an async client.

Installed as the ``talon_dyn`` pytest plugin. Each test starts from a clean sandbox
(``reset()``); override ``talon_sandbox_config`` to change its settings::

    @pytest.fixture
    def talon_sandbox_config():
        return SandboxConfig(seed=1, campaigns="tests/campaigns.yaml")
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._config import SandboxConfig
from ._sandbox import Sandbox

__all__ = ["talon_async_client", "talon_client", "talon_sandbox", "talon_sandbox_config"]


@pytest.fixture
def talon_sandbox_config() -> SandboxConfig:
    """The sandbox settings: seeded (reproducible codes), otherwise the defaults."""
    return SandboxConfig(seed=0)


@pytest.fixture
def talon_sandbox(talon_sandbox_config: SandboxConfig) -> Iterator[Sandbox]:
    """A fresh in-memory sandbox for one test."""
    sandbox = Sandbox(talon_sandbox_config)
    try:
        yield sandbox
    finally:
        sandbox.close()


@pytest.fixture
def talon_client(talon_sandbox: Sandbox) -> Iterator[Any]:
    """A ``talon_dyn.Client`` talking to ``talon_sandbox`` in-process."""
    client = talon_sandbox.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def talon_async_client(talon_sandbox: Sandbox) -> Any:
    """A ``talon_dyn.AsyncClient`` talking to ``talon_sandbox`` in-process (no socket, nothing to close)."""
    return talon_sandbox.async_client()
