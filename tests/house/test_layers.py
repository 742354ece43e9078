"""The folders are the layers: every import points down (or stays in its own folder), and no tool imports another.

Order, lowest first (``ARCHITECTURE.md`` draws it):

    base        talon_dyn/*.py (errors, redaction, logs, extras, version, generated types)
    model       talon_dyn/_model/       the spec model: knows nothing of clients or sockets
    transports  talon_dyn/_transports/  the engine family
    client      talon_dyn/_client/      build -> send -> interpret; ``talon_dyn/__init__.py`` and
                                        ``current.py`` are its public face
    tools       talon_dyn/docs/, sandbox/, smoke/   siblings: none imports another
    cli         talon_dyn/cli/ and ``__main__.py``
    plugin      talon_dyn_pytest.py (and its re-export, talon_dyn/sandbox/pytest_plugin.py)

Every import counts, those under ``if TYPE_CHECKING:`` and inside functions included. Inside the sandbox the
folders are layers too: its base (``_config``, ``_time``) < ``_storage/`` < ``_domain/`` < ``_wire/`` < its facade.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from fresh_imports import modules_after

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "talon_dyn"

LAYERS = ("base", "model", "transports", "client", "tools", "cli", "plugin")
TOOLS = ("docs", "sandbox", "smoke")
SANDBOX_LAYERS = ("base", "_storage", "_domain", "_wire", "facade")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every module ``path`` imports (``from x import y`` counts as both ``x`` and ``x.y``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def layer_of(module: str) -> tuple[str, str]:
    """(layer, room) of a talon_dyn module: the room tells tools apart (and the sandbox's own floors)."""
    parts = module.split(".")
    if parts[0] == "talon_dyn_pytest" or module == "talon_dyn.sandbox.pytest_plugin":
        return "plugin", "plugin"
    if len(parts) == 1 or parts[1] in ("current",):
        return "client", "face"  # talon_dyn/__init__.py and current.py: the client's public face
    top = parts[1]
    if top == "__main__" or top == "cli":
        return "cli", "cli"
    if top in ("_model", "_transports", "_client"):
        return top[1:], top
    if top in TOOLS:
        return "tools", top
    return "base", "base"


def sandbox_floor(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 3:
        return "facade"
    if parts[2] in ("_config", "_time"):
        return "base"
    if parts[2] in ("_storage", "_domain", "_wire"):
        return parts[2]
    return "facade"


def _known(module: str, modules: set[str]) -> str | None:
    """The longest talon_dyn module that ``module`` names (``talon_dyn._model.spec.Spec`` -> ``...spec``)."""
    while module:
        if module in modules:
            return module
        module = module.rpartition(".")[0]
    return None


def violations(root: Path) -> list[str]:
    """Every import in the tree under ``root`` (holding talon_dyn/ and talon_dyn_pytest.py) that breaks the order."""
    files = {_module_name(path, root): path for path in (root / "talon_dyn").rglob("*.py")}
    plugin = root / "talon_dyn_pytest.py"
    if plugin.exists():
        files["talon_dyn_pytest"] = plugin
    modules = set(files)
    found = []
    for module, path in sorted(files.items()):
        layer, room = layer_of(module)
        for target in sorted({_known(name, modules) for name in _imports(path, module)} - {None, module}):
            assert target is not None
            their_layer, their_room = layer_of(target)
            where = f"{path.relative_to(root)} ({layer}) imports {target} ({their_layer})"
            if LAYERS.index(their_layer) > LAYERS.index(layer):
                found.append(f"{where}: upward")
            elif layer == their_layer == "tools" and room != their_room:
                found.append(f"{where}: a tool imports another tool")
            elif room == their_room == "sandbox":
                mine, theirs = sandbox_floor(module), sandbox_floor(target)
                if SANDBOX_LAYERS.index(theirs) > SANDBOX_LAYERS.index(mine):
                    found.append(f"{where}: sandbox {mine} imports sandbox {theirs}")
    return found


def test_every_import_points_down_by_folder() -> None:
    assert violations(ROOT) == []


def test_the_docs_read_the_model_only() -> None:
    """docs/ renders the spec model: it never reaches into the client or the engines (only base and _model)."""
    modules = {_module_name(path, ROOT) for path in PACKAGE.rglob("*.py")}
    reached = set()
    for path in (PACKAGE / "docs").rglob("*.py"):
        module = _module_name(path, ROOT)
        for target in {_known(name, modules) for name in _imports(path, module)} - {None}:
            assert target is not None
            reached.add(layer_of(target)[0])
    assert reached <= {"base", "model", "tools"}


def test_every_module_is_in_a_layer_folder() -> None:
    """The package's top level holds only the base and the public face: a new module goes into a layer's folder."""
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top == [
        "__init__.py",
        "__main__.py",
        "_exceptions.py",
        "_extras.py",
        "_json.py",
        "_logs.py",
        "_redact.py",
        "_version.py",
        "current.py",
        "current_types.py",
        "types.py",
    ]
    folders = sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists())
    assert folders == ["_client", "_model", "_transports", "cli", "docs", "sandbox", "smoke"]


def test_a_planted_upward_import_is_found(tmp_path: Path) -> None:
    """The check can fail: the spec model importing the client, a tool importing another, the sandbox's storage
    importing its wire, each planted in a copy of the tree, is reported by file and layer."""
    copy = tmp_path / "talon_dyn"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("*.yaml", "*.pyi", "*.j2", "__pycache__"))
    plants = {
        "_model/spec.py": "from .._client.client import Client\n",
        "docs/_render.py": "from ..smoke._records import Report\n",
        "sandbox/_storage/store.py": "if False:\n    from .._wire.replies import Reply\n",
        "_exceptions.py": "def late():\n    from ._transports import WireError\n",
    }
    for name, line in plants.items():
        path = copy / name
        path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    assert violations(tmp_path) == [
        "talon_dyn/_exceptions.py (base) imports talon_dyn._transports (transports): upward",
        "talon_dyn/_model/spec.py (model) imports talon_dyn._client.client (client): upward",
        "talon_dyn/docs/_render.py (tools) imports talon_dyn.smoke._records (tools): a tool imports another tool",
        "talon_dyn/sandbox/_storage/store.py (tools) imports talon_dyn.sandbox._wire.replies (tools): "
        "sandbox _storage imports sandbox _wire",
    ]


def test_importing_the_client_loads_no_tool() -> None:
    """A program that only uses the client never loads the sandbox, smoke, docs or Jinja2."""
    code = "import talon_dyn; talon_dyn.Client(base_url='http://x.test', api_key='k')"
    tools = ("talon_dyn.sandbox", "talon_dyn.smoke", "talon_dyn.docs", "talon_dyn.cli")
    assert modules_after(code, *tools, "jinja2", "uvicorn", "hypothesis") == []


CLIENT_ORDER = ("codec", "binding", "client")
"""Inside the client folder: the codec is pure, binding builds on it, the shells on both."""


def test_the_client_folder_has_no_upward_edge() -> None:
    for index, name in enumerate(CLIENT_ORDER):
        path = PACKAGE / "_client" / f"{name}.py"
        imported = _imports(path, f"talon_dyn._client.{name}")
        above = {f"talon_dyn._client.{later}" for later in CLIENT_ORDER[index + 1 :]}
        assert not {module for module in imported if module in above or module.rsplit(".", 1)[0] in above}, name


def test_the_reserved_names_are_the_clients_own() -> None:
    """_model.reserved.CLIENT_ATTRIBUTES (what an operation's name never takes) is exactly the client's public
    names: the model keeps them without importing the client."""
    from talon_dyn._client.client import client_attribute_names
    from talon_dyn._model.reserved import CLIENT_ATTRIBUTES

    assert client_attribute_names() == CLIENT_ATTRIBUTES
