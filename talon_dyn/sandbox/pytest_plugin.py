"""The ``talon_dyn`` pytest plugin's fixtures and ``Journal``, importable from the package.

pytest loads the plugin from the top-level ``talon_dyn_pytest`` module, which imports talon_dyn only
when a fixture is used; this module re-exports it for ``pytest_plugins = ["talon_dyn.sandbox.pytest_plugin"]``
and ``from talon_dyn.sandbox.pytest_plugin import Journal``.
"""

from talon_dyn_pytest import (
    Journal,
    talon_async_client,
    talon_client,
    talon_clock,
    talon_journal,
    talon_sandbox,
    talon_sandbox_config,
)

__all__ = [
    "Journal",
    "talon_async_client",
    "talon_client",
    "talon_clock",
    "talon_journal",
    "talon_sandbox",
    "talon_sandbox_config",
]
