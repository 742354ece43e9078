"""The typing stub rendered from the spec: golden for the fixture spec, and faithful to the runtime client."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import talon_dyn
from talon_dyn._client.binding import CALL_OPTIONS, CallOptions
from talon_dyn.docs import render_stubs, stub_path

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = ROOT / "tests" / "fixtures" / "docs" / "widgets.yaml"
WIDGETS_STUB = ROOT / "tests" / "fixtures" / "docs" / "widgets.pyi"


def classes(text: str) -> dict[str, ast.ClassDef]:
    """The top-level classes of a stub, by name."""
    return {node.name: node for node in ast.parse(text).body if isinstance(node, ast.ClassDef)}


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, str]]:
    """A stub method's parameters as (name, kind) like ``inspect`` names the kinds, without ``self``;
    ``**options: Unpack[CallOptions]`` stands for the keyword-only options ``CallOptions`` declares."""
    args = function.args
    found = [(arg.arg, "POSITIONAL_OR_KEYWORD") for arg in args.args[1:]]
    found += [(arg.arg, "KEYWORD_ONLY") for arg in args.kwonlyargs]
    if args.kwarg is not None:
        assert ast.unparse(args.kwarg.annotation or ast.Constant(None)) == "Unpack[CallOptions]"
        found += [(name, "KEYWORD_ONLY") for name in CallOptions.__annotations__]
    return found


def test_stub_of_the_fixture_spec_matches_its_golden_file() -> None:
    """TypedDicts (functional syntax for keyword and non-identifier keys, inline objects) and methods, as reviewed."""
    assert render_stubs(talon_dyn.load(WIDGETS)) == WIDGETS_STUB.read_text(encoding="utf-8")


def test_stub_methods_have_the_runtime_signatures() -> None:
    """Every operation is a method of both stub clients with the bound function's parameter names and kinds."""
    spec = talon_dyn.load()
    found = classes(stub_path().read_text(encoding="utf-8"))
    client = talon_dyn._client.client.Client(spec=spec, base_url="http://x", api_key="k")
    for class_name, is_async in (("Client", False), ("AsyncClient", True), ("_ClientWithResponse", False)):
        methods = {
            node.name: node
            for node in found[class_name].body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        aliases = {
            node.targets[0].id: node.value.id
            for node in found[class_name].body
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Name)
        }
        for operation in spec.operations.values():
            method = methods[operation.python_name]
            assert isinstance(method, ast.AsyncFunctionDef) == is_async
            runtime = inspect.signature(getattr(client, operation.python_name))
            assert parameters(method) == [(name, p.kind.name) for name, p in runtime.parameters.items()]
            assert aliases[operation.operation_id] == operation.python_name


def test_stub_clients_are_the_runtime_classes_plus_the_operations() -> None:
    """The stub's clients subclass the real ones (constructor, properties, ``drift``, context managers come from
    the code, so they cannot drift) and add only the operations and the typed ``with_response`` and
    ``paginate``."""
    found = classes(stub_path().read_text(encoding="utf-8"))
    spec = talon_dyn.load()
    operations = {name for op in spec.operations.values() for name in (op.python_name, op.operation_id)}
    for class_name, base in (
        ("Client", "_Client"),
        ("AsyncClient", "_AsyncClient"),
        ("_ClientWithResponse", "_WithResponse"),
        ("_AsyncClientWithResponse", "_WithResponse"),
    ):
        node = found[class_name]
        assert [ast.unparse(b) for b in node.bases] == [base]
        defined = {
            target.id
            for statement in node.body
            for target in (
                [statement.target]
                if isinstance(statement, ast.AnnAssign)
                else statement.targets
                if isinstance(statement, ast.Assign)
                else [ast.Name(statement.name)]
                if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
                else []
            )
            if isinstance(target, ast.Name)
        }
        assert defined - {"with_response", "paginate"} == operations, class_name
    assert tuple(CallOptions.__annotations__) == CALL_OPTIONS  # the options the stub types are the ones bound


def test_stub_types_follow_the_schemas() -> None:
    """Required keys are plain, optional ones NotRequired, enums Literal, 204 operations return None."""
    text = render_stubs(talon_dyn.load())  # the TypedDicts written out (the shipped stub imports them)
    assert "class NewEvent(TypedDict):\n" in text
    assert "    profileId: NotRequired[str]\n    type: str\n" in text
    assert 'state: NotRequired[Literal["open", "closed", "cancelled"]]' in text
    assert "class InlineResponse2001(TypedDict):\n    totalResultSize: int\n    data: Sequence[Coupon]\n" in text
    assert ") -> IntegrationStateV2:\n" in text
    assert ") -> TypedApiResponse[IntegrationStateV2]:\n" in text
    delete = text.split("    def delete_customer_data(", 2)[2].split("\n    def ", 1)[0]
    assert ") -> None:" in delete


def test_reserved_names_are_exactly_what_the_rendered_files_import_and_define() -> None:
    """A model never takes a name the stub or talon_dyn/types.py imports or defines (a model called ``Sequence``
    would shadow the import), and the list names nothing those files no longer use."""
    from talon_dyn.docs import _stubs

    spec = talon_dyn.load()
    paged = talon_dyn.load(Path(__file__).parents[1] / "fixtures" / "extension" / "paginated.yaml")
    used: set[str] = set()
    texts = (render_stubs(spec), render_stubs(spec, types_module=".types"), _stubs.render_types(spec))
    for text in (*texts, render_stubs(paged)):
        for node in ast.parse(text).body:
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
                used.update(alias.asname or alias.name for alias in node.names)
            elif isinstance(node, ast.ClassDef) and "TypedDict" not in {ast.unparse(base) for base in node.bases}:
                used.add(node.name)  # the stub's own classes; TypedDicts are the models themselves
    assert {name for name in used if not name.startswith("_")} == _stubs.RESERVED - {"None", "True", "False"}


def test_a_paginated_operation_gets_a_typed_iterator() -> None:
    """``client.paginate.<operation>`` is typed: the operation's arguments without pageSize and skip, then
    ``page_size`` and ``max_items``, returning an iterator of the item type (an async iterator on AsyncClient)."""
    text = render_stubs(talon_dyn.load(Path(__file__).parents[1] / "fixtures" / "extension" / "paginated.yaml"))
    sync = text.split("class _ClientPages(_Pages):\n", 1)[1].split("\nclass ", 1)[0]
    assert "def get_ledger_transactions(" in sync
    assert "subledger_id: str | None = None" in sync
    assert "page_size: int | None = None" in sync
    assert "max_items: int | None = None" in sync
    assert "skip" not in sync
    assert ") -> Iterator[Transaction]:" in sync
    asynchronous = text.split("class _AsyncClientPages(_Pages):\n", 1)[1].split("\nclass ", 1)[0]
    assert ") -> AsyncIterator[Transaction]:" in asynchronous
    assert "    paginate: _ClientPages\n" in text
    ast.parse(text)
