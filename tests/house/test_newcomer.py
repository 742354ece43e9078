"""The newcomer's trip, outside the repository: a checkout service typed on ``talon_dyn.current`` with tests on the
pytest plugin, and a team's own spec made into a typed package with one command (``talon-dyn stubs --module``);
``mypy --strict`` is clean on both and reports the mistakes, and the plugin tests pass, each in its own process
started in a folder of its own (as a user's project is).

mypy and pyright read talon_dyn from a wheel of this checkout installed in a fresh venv (the house tests' slim
install), not from the repository; the plugin tests run in the development environment, which has pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVICE = '''\
"""A checkout service on Talon's current API."""

import talon_dyn.current
from talon_dyn.current_types import CartItem


def checkout(client: talon_dyn.current.Client, session: str, profile: str, cart: list[CartItem]) -> float:
    client.update_customer_session_v2(session, {"customerSession": {"profileId": profile, "cartItems": cart}})
    state = client.update_customer_session_v2(session, {"customerSession": {"state": "closed"}})
    points = 0.0
    for effect in state["effects"]:
        if effect["effectType"] == "addLoyaltyPoints":
            points += effect["props"]["value"]
    return points
'''

TESTS = """\
from typing import Any

import pytest

import talon_dyn.current
from service import checkout
from talon_dyn.current_types import CartItem


@pytest.fixture
def talon_sandbox_settings() -> dict[str, Any]:
    return {"spec": "current"}


def test_a_purchase_earns_points(talon_client: talon_dyn.current.Client) -> None:
    cart: list[CartItem] = [{"name": "Hat", "sku": "HAT", "quantity": 1, "price": 20.0}]
    assert checkout(talon_client, "s1", "ada", cart) == 10
    assert isinstance(talon_client, talon_dyn.current.Client)
    balance = talon_client.get_loyalty_balances(1, "ada")
    assert balance["balance"]["activePoints"] == 10
"""

OWN = """\
from widgets_api import Client
from widgets_api.types import Widget


def fetch(client: Client, widget_id: str) -> Widget:
    return client.get_widget(widget_id)


def name_of(client: Client) -> str:
    return client.create_widget({"name": "gear"})["name"]
"""

MISTAKES = """\
import talon_dyn.current
from widgets_api import Client


def wrong(client: Client, current: talon_dyn.current.Client) -> None:
    client.get_widgets("w1")
    current.update_customer_session_v2("s1", {"customerSession": {"state": "shut"}})
"""


def _run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "MYPYPATH")}
    return subprocess.run(
        [sys.executable, *command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_a_newcomers_service_and_own_spec_are_typed_and_tested_outside_the_repository(
    tmp_path: Path, slim: Path
) -> None:
    project = tmp_path / "shop"
    project.mkdir()
    (project / "service.py").write_text(SERVICE)
    (project / "test_service.py").write_text(TESTS)
    (project / "widgets.yaml").write_text((ROOT / "tests" / "fixtures" / "docs" / "widgets.yaml").read_text())
    made = _run("-m", "talon_dyn", "stubs", "--spec", "widgets.yaml", "--module", "widgets_api", cwd=project)
    assert made.returncode == 0, made.stdout + made.stderr
    assert sorted(path.name for path in (project / "widgets_api").iterdir()) == [
        "__init__.py",
        "__init__.pyi",
        "py.typed",
        "spec.json",
        "types.py",
    ]
    (project / "own.py").write_text(OWN)
    (project / "mistakes.py").write_text(MISTAKES)
    files = ("service.py", "own.py", "mistakes.py")
    wheel = ("--python-executable", str(slim / "python"))  # talon_dyn as installed from its wheel
    checked = _run("-m", "mypy", "--strict", "--no-incremental", *wheel, *files, cwd=project)
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert {line.split(":", 1)[0] for line in errors} == {"mistakes.py"}, checked.stdout  # the rest is clean
    assert any('"Client" has no attribute "get_widgets"' in line for line in errors)
    assert any("'shut'" in line for line in errors)  # a state the spec's enum does not have
    typed_tests = _run("-m", "mypy", "--strict", "--no-incremental", "test_service.py", cwd=project)
    assert typed_tests.returncode == 0, typed_tests.stdout
    pyright = Path(sys.executable).with_name("pyright")
    seen = subprocess.run(
        [str(pyright), "--pythonpath", str(slim / "python"), *files],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    found = [line for line in seen.stdout.splitlines() if " - error: " in line]
    assert {Path(line.strip().split(":", 1)[0]).name for line in found} == {"mistakes.py"}, seen.stdout
    assert any('"get_widgets"' in line for line in found), seen.stdout
    assert len(found) == 2  # and the state the enum does not have:
    assert "\"Literal['shut']\" is not assignable" in seen.stdout
    tests = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", "test_service.py", cwd=project)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "1 passed" in tests.stdout
    fresh = _run(
        "-m", "talon_dyn", "stubs", "--spec", "widgets.yaml", "--module", "widgets_api", "--check", cwd=project
    )
    assert fresh.returncode == 0, fresh.stdout
