"""The pytest plugin's fixtures, and the demo flow built on the sandbox."""

# ruff: noqa: F811 - the plugin's fixtures are imported here and then requested by name

from __future__ import annotations

import asyncio
import io
import time
from typing import Any

import pytest
from timing import slack, slowest

import talon_dyn
import talon_dyn.sandbox
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
        "card balance: 10 active, 5 pending points, linked to ['bo']",
        "transaction: addition 10 in session bo-cart-1",
        "transaction: addition 5 in session bo-cart-1 (active from 2021-06-15T12:00:00.000Z)",
        "9. Two weeks pass",
        "card balance: 15 active, 0 pending points",
        "Done",
    ):
        assert expected in text
    again = io.StringIO()
    run_demo(again)
    assert again.getvalue() == text


def test_loading_the_plugin_imports_nothing_of_talon_dyn() -> None:
    """pytest imports the plugin in every project that has talon_dyn installed: it must stay light (and must
    not import talon_dyn before a coverage tool starts). talon_dyn is imported when a fixture is first used."""
    from fresh_imports import modules_after

    assert modules_after("import talon_dyn_pytest", "talon_dyn") == ["talon_dyn_pytest"]


def test_the_plugin_is_registered_under_its_name() -> None:
    """The ``pytest11`` entry point names the light module, and the package path re-exports the same fixtures."""
    import importlib.metadata

    import talon_dyn_pytest
    from talon_dyn.sandbox import pytest_plugin

    (entry,) = [e for e in importlib.metadata.entry_points(group="pytest11") if e.name == "talon_dyn"]
    assert entry.value == "talon_dyn_pytest"
    assert pytest_plugin.talon_client is talon_dyn_pytest.talon_client
    assert pytest_plugin.Journal is talon_dyn_pytest.Journal


def test_the_journal_takes_both_spellings_and_refuses_a_typo(talon_client: Any, talon_journal: Any) -> None:
    """count() takes an operationId or its snake_case name; a name the spec lacks raises, naming the closest,
    so ``assert talon_journal.count("trackEvnt") == 0`` cannot pass by accident."""
    talon_client.update_customer_profile("p1", {"attributes": {}})
    assert talon_journal.count("updateCustomerProfile") == 1
    assert talon_journal.count("update_customer_profile") == 1
    assert talon_journal.count("trackEvent") == 0
    with pytest.raises(talon_dyn.OperationNotFound, match=r"Did you mean 'track_?[eE]vent'"):
        talon_journal.count("trackEvnt")


class TestSettingsExtendTheDefaults:
    @pytest.fixture
    def talon_sandbox_settings(self) -> dict[str, Any]:
        return {"spec": "current", "max_body": 2048}

    def test_the_defaults_stay_and_the_settings_apply(self, talon_sandbox: Sandbox, talon_client: Any) -> None:
        """Overriding ``talon_sandbox_settings`` adds to the plugin's defaults (seed 0, answers checked)."""
        assert talon_sandbox.config.seed == 0
        assert talon_sandbox.config.check_responses is True
        assert talon_sandbox.config.max_body == 2048
        assert len(talon_sandbox.spec.operations) == 36
        assert callable(talon_client.get_loyalty_balances)


class TestInProcessDelaysAreAwaited:
    @pytest.fixture
    def talon_sandbox_settings(self) -> dict[str, Any]:
        faults = {
            "faults": [{"operation": "updateCustomerSessionV2", "delay_ms": 400}],
            "parallel_session_writes": "conflict",
        }
        return {"faults": faults}

    def test_an_async_deadline_fires_during_a_delay(self, talon_async_client: Any) -> None:
        """The in-process delay is awaited: a 0.1 s deadline ends the call at ~0.1 s, not after 0.4 s."""

        async def call() -> float:
            started = time.monotonic()
            with pytest.raises(talon_dyn.TalonTimeout):
                await talon_async_client.update_customer_session_v2(
                    "s1", {"customerSession": {"profileId": "ada"}}, deadline=0.1, retry=talon_dyn.Retry.never()
                )
            return time.monotonic() - started

        async def healthy() -> None:  # the same call on a sandbox without the delay: the baseline
            async with talon_dyn.sandbox.Sandbox().async_client() as client:
                await client.update_customer_session_v2("s1", {"customerSession": {"profileId": "ada"}})

        base = slowest(lambda: asyncio.run(healthy()))
        elapsed = asyncio.run(call())
        assert elapsed < 0.1 + slack(base, 0.2), (elapsed, base)

    def test_overlapping_async_writes_to_one_session_get_409(self, talon_async_client: Any) -> None:
        """Two writes to one session at once, in process: the second gets Talon's 409, the first is applied."""
        body = {"customerSession": {"profileId": "ada"}}
        never = talon_dyn.Retry.never()

        async def both() -> list[object]:
            call = talon_async_client.update_customer_session_v2
            first = asyncio.create_task(call("s1", body, retry=never))
            await asyncio.sleep(0.1)
            second = await asyncio.gather(call("s1", body, retry=never), return_exceptions=True)
            return [await first, *second]

        first, second = asyncio.run(both())
        assert isinstance(first, dict)
        assert isinstance(second, talon_dyn.Conflict), repr(second)
