"""The pytest plugin's fixtures, and the demo flow built on the sandbox."""

# ruff: noqa: F811 - the plugin's fixtures are imported here and then requested by name

from __future__ import annotations

import asyncio
import io
from typing import Any

from talon_dyn.sandbox import Sandbox
from talon_dyn.sandbox.demo import run_demo
from talon_dyn.sandbox.pytest_plugin import (  # noqa: F401 - fixtures used by name
    talon_async_client,
    talon_client,
    talon_sandbox,
    talon_sandbox_config,
)


def test_client_fixture_reaches_the_sandbox(talon_client: Any, talon_sandbox: Sandbox) -> None:
    """talon_client talks to talon_sandbox in-process."""
    talon_client.update_customer_profile("p1", {"attributes": {"a": 1}})
    assert talon_sandbox.profile("p1")["attributes"] == {"a": 1}  # type: ignore[index]


def test_each_test_starts_clean(talon_sandbox: Sandbox) -> None:
    """The profile written by the previous test is gone."""
    assert talon_sandbox.profile("p1") is None
    assert talon_sandbox.coupon("SUMMER10")["usageCounter"] == 0  # type: ignore[index]


def test_async_client_fixture(talon_async_client: Any) -> None:
    """talon_async_client is an AsyncClient on the same sandbox."""

    async def call() -> Any:
        async with talon_async_client as client:
            return await client.update_customer_profile("p1", {"attributes": {"b": 2}})

    assert asyncio.run(call())["profile"]["attributes"] == {"b": 2}


def test_reset_returns_to_the_seeded_state(talon_sandbox: Sandbox, talon_client: Any) -> None:
    """reset() forgets everything and restores the declared coupons."""
    before = talon_sandbox.store.snapshot()
    talon_client.update_customer_session_v2(
        "s1", {"customerSession": {"profileId": "p", "couponCodes": ["SUMMER10"], "state": "closed"}}
    )
    talon_sandbox.reset()
    after = talon_sandbox.store.snapshot()
    assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in before.items()}
    assert talon_sandbox.coupon("SUMMER10")["usageCounter"] == 0  # type: ignore[index]


def test_demo_runs_and_reads_well() -> None:
    """The demo runs the whole flow through the real client and prints each step."""
    out = io.StringIO()
    assert run_demo(out) == 0
    text = out.getvalue()
    for expected in (
        "acceptCoupon(value='SUMMER10')",
        "closedSessions=1",
        "reserved twice, listed once",
        "acceptReferral",
        "inventory now answers 404",
        "Talon's current API (spec 'current')",
        "card balance: 10 active points, linked to ['bo']",
        "transaction: addition 10 in session bo-cart-1",
        "Done",
    ):
        assert expected in text
    again = io.StringIO()
    run_demo(again)
    assert again.getvalue() == text


def test_loading_the_plugin_imports_nothing_of_talon_dyn() -> None:
    """pytest imports the plugin in every project that has talon_dyn installed: it must stay light (and must
    not import talon_dyn before a coverage tool starts). talon_dyn is imported when a fixture is first used."""
    import subprocess
    import sys

    code = "import sys, talon_dyn_pytest; print(sorted(m for m in sys.modules if m.startswith('talon_dyn.')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
    assert "talon_dyn" not in result.stdout.replace("talon_dyn_pytest", "")


def test_the_plugin_is_registered_under_its_name() -> None:
    """The ``pytest11`` entry point names the light module, and the package path re-exports the same fixtures."""
    import importlib.metadata

    import talon_dyn_pytest
    from talon_dyn.sandbox import pytest_plugin

    (entry,) = [e for e in importlib.metadata.entry_points(group="pytest11") if e.name == "talon_dyn"]
    assert entry.value == "talon_dyn_pytest"
    assert pytest_plugin.talon_client is talon_dyn_pytest.talon_client
    assert pytest_plugin.Journal is talon_dyn_pytest.Journal
