"""pytest fixtures for code that talks to Talon.One: a sandbox, a client and an async client.

Installed as the ``talon_dyn`` pytest plugin. This module is what pytest imports at start-up in
every project that has talon_dyn installed, so it imports nothing of talon_dyn until a fixture is
used (that import cost ~120 ms on every pytest run, and hid talon_dyn's module-level lines from
coverage tools that start after plugins load). ``talon_dyn.sandbox.pytest_plugin`` re-exports it.

Each test starts from a clean sandbox (``reset()``), which validates its own answers against the
spec (``check_responses``: a mismatch is a 500, so drift between spec and sandbox fails the test
rather than passing silently). Override ``talon_sandbox_settings`` to add settings to those
defaults (the seed and ``check_responses`` stay unless you name them)::

    @pytest.fixture
    def talon_sandbox_settings():
        return {"campaigns": "tests/campaigns.yaml", "faults": "tests/faults.yaml", "spec": "current"}

(overriding ``talon_sandbox_config`` replaces the whole ``SandboxConfig``, defaults included).

``talon_clock`` moves the sandbox's time forwards (``talon_clock.advance(days=14)``).

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
    from talon_dyn import AsyncClient, Client
    from talon_dyn.sandbox import Sandbox, SandboxClock, SandboxConfig

__all__ = [
    "DEFAULT_SETTINGS",
    "Journal",
    "talon_async_client",
    "talon_client",
    "talon_clock",
    "talon_journal",
    "talon_sandbox",
    "talon_sandbox_config",
    "talon_sandbox_settings",
]

DEFAULT_SETTINGS: dict[str, Any] = {"seed": 0, "check_responses": True}
"""The plugin's sandbox settings; ``talon_sandbox_settings`` adds to them."""


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
        """How many requests of ``operation`` were received: its operationId or snake_case name. A name the
        spec does not have raises ``OperationNotFound`` (with the closest name), so a typo cannot pass as 0."""
        from talon_dyn import OperationNotFound
        from talon_dyn._model.naming import closest

        spec = self._sandbox.spec
        try:
            operation_id = spec.operation(operation).operation_id
        except KeyError:
            names = [*spec.operations, *(op.python_name for op in spec.operations.values())]
            raise OperationNotFound(operation, closest(operation, names)) from None
        return self.operations().count(operation_id)


@pytest.fixture
def talon_sandbox_settings() -> dict[str, Any]:
    """Settings added to the plugin's defaults (``DEFAULT_SETTINGS``): keywords of ``SandboxConfig``, and
    ``spec`` (a name such as ``"current"``, a path or a ``Spec``). Override it to extend; empty here."""
    return {}


@pytest.fixture
def talon_sandbox_config(talon_sandbox_settings: dict[str, Any]) -> SandboxConfig:
    """The sandbox settings: seeded (reproducible codes), every answer checked against the spec, and what
    ``talon_sandbox_settings`` adds."""
    from talon_dyn.sandbox import SandboxConfig

    settings = {key: value for key, value in talon_sandbox_settings.items() if key != "spec"}
    return SandboxConfig(**{**DEFAULT_SETTINGS, **settings})


@pytest.fixture
def talon_sandbox(talon_sandbox_config: SandboxConfig, talon_sandbox_settings: dict[str, Any]) -> Iterator[Sandbox]:
    """A fresh in-memory sandbox for one test."""
    from talon_dyn.sandbox import Sandbox

    sandbox = Sandbox(talon_sandbox_config, spec=talon_sandbox_settings.get("spec"))
    try:
        yield sandbox
    finally:
        sandbox.close()


@pytest.fixture
def talon_client(talon_sandbox: Sandbox) -> Iterator[Client]:
    """A ``talon_dyn.Client`` talking to ``talon_sandbox`` in-process (a ``talon_dyn.current.Client`` when the
    sandbox serves the bundled spec "current"); an answer that breaks the spec raises
    (``response_validation="strict"``, not the client's production default, ``warn``)."""
    client = talon_sandbox.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def talon_async_client(talon_sandbox: Sandbox) -> AsyncClient:
    """A ``talon_dyn.AsyncClient`` talking to ``talon_sandbox`` in-process (no socket, nothing to close; its
    delays are awaited, so a deadline fires and overlapping session writes meet)."""
    return talon_sandbox.async_client()


@pytest.fixture
def talon_journal(talon_sandbox: Sandbox) -> Journal:
    """What ``talon_sandbox`` received during the test: ``talon_journal.count("trackEvent") == 1``."""
    return Journal(talon_sandbox)


@pytest.fixture
def talon_clock(talon_sandbox: Sandbox) -> SandboxClock:
    """``talon_sandbox``'s clock, to move its time forwards: ``talon_clock.advance(days=14)`` and pending points
    are active, points and coupons past their expiry have expired, campaigns have started or ended."""
    return talon_sandbox.clock
