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
