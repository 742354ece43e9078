"""The base install is the client: a wheel installed without extras in a fresh venv works, and each tool
whose extra is missing says exactly what to install (exit 2)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = {("sandbox",): "sandbox", ("smoke",): "smoke", ("docs", "--out", "reference"): "docs", ("stubs",): "docs"}
"""Each tool and the extra it needs."""


def _run(bin_dir: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TALON_", "PYTHON"))}
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.mark.slow
def test_the_base_install_has_no_tool_dependency(slim: Path, tmp_path: Path) -> None:
    """Neither uvicorn, hypothesis, Jinja2 nor OpenTelemetry comes with the client."""
    code = "import importlib.metadata as m\nfor d in m.distributions(): print(d.metadata['Name'].lower())"
    listed = {name.replace("_", "-") for name in _run(slim, "python", "-c", code, cwd=tmp_path).stdout.split()}
    for tool in ("uvicorn", "hypothesis", "jinja2", "opentelemetry-api"):
        assert tool not in listed, tool
    assert {"talon-dyn", "aiohttp", "httpx", "jsonschema-rs", "orjson"} <= listed


def test_the_client_works_from_a_slim_install(slim: Path, tmp_path: Path) -> None:
    """Sync and async clients, validated, against the in-process sandbox (which needs no extra), loading no tool."""
    code = (
        "import asyncio, sys, talon_dyn\n"
        "from talon_dyn.sandbox import Sandbox\n"
        "body = {'attributes': {'tier': 'gold'}}\n"
        "with Sandbox(seed=1) as sandbox, sandbox.client() as client:\n"
        "    state = client.update_customer_profile('ada', body)\n"
        "    assert state['profile']['attributes'] == {'tier': 'gold'}, state\n"
        "    async def main():\n"
        "        async with sandbox.async_client() as aclient:\n"
        "            return await aclient.get_customer_inventory('ada')\n"
        "    print(sorted(asyncio.run(main())))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'uvicorn', 'hypothesis')))\n"
    )
    result = _run(slim, "python", "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("command", list(TOOLS), ids=[command[0] for command in TOOLS])
def test_a_tool_without_its_extra_names_the_pip_line(slim: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    """``talon-dyn <tool>`` exits 2 with the pip line that adds its extra to this installation (made from a
    wheel file: the wheel's path with the extra, since ``talon_dyn[extra]`` by name would look on PyPI), and
    no traceback."""
    result = _run(slim, "talon-dyn", *command, cwd=tmp_path)
    assert result.returncode == 2
    (wheel,) = (slim.parent.parent / "dist").glob("talon_dyn-*.whl")
    assert f"pip install '{wheel}[{TOOLS[command]}]'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_version_and_module_entry_points_work_slim(slim: Path, tmp_path: Path) -> None:
    """``talon-dyn --version`` and ``python -m talon_dyn ops`` work in the base install."""
    from talon_dyn import __version__

    assert _run(slim, "talon-dyn", "--version", cwd=tmp_path).stdout.strip().endswith(__version__)
    listed = _run(slim, "python", "-m", "talon_dyn", "ops", cwd=tmp_path)
    assert listed.returncode == 0
    assert "update_customer_session_v2" in listed.stdout


def test_the_wheel_ships_the_pytest_plugin_module(slim: Path, tmp_path: Path) -> None:
    """The wheel carries the top-level plugin module its ``pytest11`` entry point names (pytest itself is a
    dependency of the user's tests, not of talon_dyn)."""
    code = (
        "import importlib.metadata as m, importlib.util\n"
        "(entry,) = [e for e in m.entry_points(group='pytest11') if e.name == 'talon_dyn']\n"
        "spec = importlib.util.find_spec(entry.value)\n"
        "print(entry.value, spec is not None and spec.origin.endswith('site-packages/talon_dyn_pytest.py'))\n"
    )
    result = _run(slim, "python", "-c", code, cwd=tmp_path)
    assert result.stdout.split() == ["talon_dyn_pytest", "True"], result.stderr
