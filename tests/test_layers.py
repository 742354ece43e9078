"""The core never imports the tools built on it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "talon_dyn"
TOOLS = ("talon_dyn.sandbox", "talon_dyn.smoke", "talon_dyn.docs", "talon_dyn.cli")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = "talon_dyn" if node.level == 1 else ""
                module = f"{base}.{node.module}" if node.module else base
                found.update(f"{module}.{alias.name}" for alias in node.names)
                found.add(module)
            elif node.module:
                found.add(node.module)
    return found


def test_core_modules_import_no_tool() -> None:
    """No core module (talon_dyn/_*.py, _transports/ and __init__) imports docs, sandbox, smoke or the CLI.

    ``__main__.py`` is the CLI's own entry point (``python -m talon_dyn``), not core."""
    core = [path for path in PACKAGE.glob("_*.py") if path.name != "__main__.py"]
    core += [*PACKAGE.glob("_transports/*.py")]
    assert len(core) >= 10
    offenders = {path.name: sorted(name for name in _imports(path) if name.startswith(TOOLS)) for path in core}
    assert {name: bad for name, bad in offenders.items() if bad} == {}


def test_importing_the_client_loads_no_tool() -> None:
    """A program that only uses the client never loads the sandbox, smoke, docs or Jinja2."""
    code = (
        "import sys, talon_dyn; talon_dyn.Client(base_url='http://x.test', api_key='k');"
        "print(sorted(m for m in sys.modules if m.startswith(('talon_dyn.sandbox', 'talon_dyn.smoke',"
        " 'talon_dyn.docs', 'talon_dyn.cli', 'jinja2', 'uvicorn', 'hypothesis'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


CORE_ORDER = ("_spec", "_codec", "_binding", "_client")
"""Core modules that must not import one above them (the spec is below everything built on it)."""


def test_the_core_has_no_upward_edge() -> None:
    """``_spec`` imports none of ``_codec``, ``_binding``, ``_client`` (it used to import the client to learn
    its attribute names, closing the cycle _spec -> _client -> _binding -> _codec -> _spec); each module
    imports none that comes after it in ``CORE_ORDER``."""
    for index, name in enumerate(CORE_ORDER):
        imported = _imports(PACKAGE / f"{name}.py")
        above = {f"talon_dyn.{later}" for later in CORE_ORDER[index + 1 :]}
        assert not {module for module in imported if module in above or module.rsplit(".", 1)[0] in above}, name


def test_the_reserved_names_are_the_clients_own() -> None:
    """_reserved.CLIENT_ATTRIBUTES (what an operation's name never takes) is exactly the client's public names."""
    from talon_dyn._client import client_attribute_names
    from talon_dyn._reserved import CLIENT_ATTRIBUTES

    assert client_attribute_names() == CLIENT_ATTRIBUTES
