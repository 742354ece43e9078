"""pytest fixtures for code that talks to Talon.One: a sandbox, a client and an async client.

Installed as the ``talon_dyn`` pytest plugin. This module is what pytest imports at start-up in
every project that has talon_dyn installed, so it imports nothing of talon_dyn until a fixture is
used (that import cost ~120 ms on every pytest run, and hid talon_dyn's module-level lines from
coverage tools that start after plugins load). ``talon_dyn.sandbox.pytest_plugin`` re-exports it.

Each test starts from a clean sandbox (``reset()``), which validates its own answers against the
spec (``check_responses``: a mismatch is a 500, so drift between spec and sandbox fails the test
rather than passing silently); override ``talon_sandbox_config`` to change its settings::

    @pytest.fixture
    def talon_sandbox_config():
        return SandboxConfig(seed=1, campaigns="tests/campaigns.yaml", check_responses=True,
                             faults="tests/faults.yaml")

``talon_journal`` is what the sandbox received, to assert on what your code sent::

    def test_checkout_tracks_one_event(talon_client, talon_journal):
        checkout(talon_client)
        assert talon_journal.count("trackEvent") == 1
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from talon_dyn.sandbox import Sandbox, SandboxConfig

__all__ = ["Journal", "talon_async_client", "talon_client", "talon_journal", "talon_sandbox", "talon_sandbox_config"]


class Journal:
    """A live view of a sandbox's journal: the requests it received, oldest first (no credentials)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._sandbox.journal)

    def __len__(self) -> int:
        return len(self._sandbox.journal)

    def operations(self) -> list[str | None]:
        """The operationIds received, in order."""
        return [entry["operation"] for entry in self._sandbox.journal]

    def count(self, operation: str) -> int:
        """How many requests of ``operation`` (an operationId) were received."""
        return self.operations().count(operation)


@pytest.fixture
def talon_sandbox_config() -> SandboxConfig:
    """The sandbox settings: seeded (reproducible codes), every answer checked against the spec, else the defaults."""
    from talon_dyn.sandbox import SandboxConfig

    return SandboxConfig(seed=0, check_responses=True)


@pytest.fixture
def talon_sandbox(talon_sandbox_config: SandboxConfig) -> Iterator[Sandbox]:
    """A fresh in-memory sandbox for one test."""
    from talon_dyn.sandbox import Sandbox

    sandbox = Sandbox(talon_sandbox_config)
    try:
        yield sandbox
    finally:
        sandbox.close()


@pytest.fixture
def talon_client(talon_sandbox: Sandbox) -> Iterator[Any]:
    """A ``talon_dyn.Client`` talking to ``talon_sandbox`` in-process; an answer that breaks the spec raises
    (``response_validation="strict"``, not the client's production default, ``warn``)."""
    client = talon_sandbox.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def talon_async_client(talon_sandbox: Sandbox) -> Any:
    """A ``talon_dyn.AsyncClient`` talking to ``talon_sandbox`` in-process (no socket, nothing to close)."""
    return talon_sandbox.async_client()


@pytest.fixture
def talon_journal(talon_sandbox: Sandbox) -> Journal:
    """What ``talon_sandbox`` received during the test: ``talon_journal.count("trackEvent") == 1``."""
    return Journal(talon_sandbox)
