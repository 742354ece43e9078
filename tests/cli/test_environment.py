"""One rule reads the ``TALON_*`` environment, for the client and every command (``_client.options.from_environment``):
what was given wins, an empty variable is unset, and the application pair comes from the environment only whole."""

from __future__ import annotations

import io

import pytest
from rawserver import closed_port_url

import talon_dyn
from talon_dyn._client.options import from_environment
from talon_dyn.cli import main

ENV = {
    "TALON_BASE_URL": "https://env.talon.one",
    "TALON_API_KEY": "env-key-0123456789",
    "TALON_APPLICATION_ID": "7",
    "TALON_APPLICATION_KEY": "0123456789abcdef",
}


def test_what_was_given_wins_and_the_environment_fills_the_rest() -> None:
    assert from_environment(environ=ENV) == tuple(ENV.values())
    given = from_environment("https://given.talon.one", "given-key", environ=ENV)
    assert given.base_url == "https://given.talon.one"
    assert given.api_key == "given-key"
    assert from_environment(environ={"TALON_BASE_URL": "", "TALON_API_KEY": ""}) == (None, None, None, None)


def test_the_application_pair_never_comes_half_from_the_environment() -> None:
    half = from_environment(application_key="fedcba9876543210", environ=ENV)
    assert (half.application_id, half.application_key) == (None, "fedcba9876543210")


@pytest.mark.parametrize("reader", ["client", "smoke"])
def test_the_client_and_smoke_read_the_same_variables(reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = closed_port_url()
    monkeypatch.setenv("TALON_BASE_URL", url)
    monkeypatch.setenv("TALON_API_KEY", "env-key-0123456789")
    if reader == "client":
        with talon_dyn.Client() as client:
            assert client.base_url.rstrip("/") == url
        return
    out, err = io.StringIO(), io.StringIO()
    assert main(["smoke"], out=out, err=err) == 2
    assert "cannot reach" in err.getvalue()
    assert url.split("//")[1] in err.getvalue()


def test_a_command_builds_only_its_own_parser() -> None:
    """``talon-dyn ops`` imports no other command's module (smoke's, the sandbox's, the docs')."""
    from fresh_imports import modules_after

    code = "import io; from talon_dyn.cli import main; main(['ops'], out=io.StringIO(), err=io.StringIO())"
    others = ("talon_dyn.cli.smoke", "talon_dyn.cli.sandbox", "talon_dyn.cli.docs", "talon_dyn.cli.call")
    assert modules_after(code, *others, "talon_dyn.smoke", "talon_dyn.sandbox") == []


def test_smoke_reads_no_scenario_file_when_the_scenario_phase_does_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from talon_dyn.smoke import _runner

    loaded: list[object] = []
    real = _runner.load_scenarios
    monkeypatch.setattr(_runner, "load_scenarios", lambda *args: loaded.append(args) or real(*args))
    out, err = io.StringIO(), io.StringIO()
    assert main(["smoke", "--phases", "negative", "--seed", "1"], out=out, err=err) == 0, err.getvalue()
    assert loaded == []
    assert main(["smoke", "--phases", "scenario", "--seed", "1"], out=out, err=err) == 0, err.getvalue()
    assert len(loaded) == 1
