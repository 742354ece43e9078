"""The README's examples are a promise kept: each one parses, and the offline ones run."""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"


def _blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [
        "\n".join(line[indent:] for line in body.splitlines())
        for indent, body in (
            (len(m.group(1)), m.group(2)) for m in re.finditer(r"(?m)^( *)```python\n(.*?)^\1```", text, re.S)
        )
    ]


def test_every_python_block_parses() -> None:
    """Every Python block in the README is valid Python."""
    blocks = _blocks()
    assert len(blocks) >= 3
    for block in blocks:
        ast.parse(block)


def test_the_offline_example_runs_and_prints_what_it_promises() -> None:
    """The sandbox example runs with no network and shows the coupon's effects and a named validation error."""
    [block] = [block for block in _blocks() if "Sandbox(seed=1)" in block]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})
    output = printed.getvalue()
    assert "acceptCoupon" in output
    assert "setDiscount" in output
    assert "updateCustomerSessionV2: body $.customerSession.cartItems[0]" in output


def test_the_pytest_plugin_example_passes(talon_client: Any) -> None:
    """The README's example test passes with the plugin's talon_client fixture."""
    [block] = [block for block in _blocks() if "def test_checkout_applies_the_summer_coupon" in block]
    namespace: dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    namespace["test_checkout_applies_the_summer_coupon"](talon_client)


def test_the_deployment_example_runs_as_written(monkeypatch: Any) -> None:
    """The "against a deployment" block runs unchanged, configured from the environment (a TCP sandbox here)."""
    from talon_dyn.sandbox import Sandbox, Server

    [block] = [block for block in _blocks() if "with talon_dyn.Client(timeout=5.0, deadline=15.0)" in block]
    [async_block] = [block for block in _blocks() if "async with talon_dyn.AsyncClient(" in block]
    with Sandbox(seed=1) as sandbox:
        server = Server(sandbox)
        monkeypatch.setenv("TALON_BASE_URL", server.start())
        monkeypatch.setenv("TALON_API_KEY", "sandbox-api-key")
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(block, "README.md", "exec"), {})
                exec(compile(async_block, "README.md", "exec"), {})
        finally:
            server.stop()
    assert printed.getvalue().split("\n")[:2] == ["200 open", "0 effects"]
