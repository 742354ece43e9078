"""Typing stubs for ``Client`` and ``AsyncClient`` rendered from the spec.

Every component schema becomes a TypedDict (required keys plain, optional keys
``NotRequired``, enums ``Literal``, nested models by name); every operation a method
with its real signature (the one ``_model.face.signature`` gives the runtime function)
and its success response's type. The shipped stub, ``talon_dyn/_typed.pyi``, is what
``talon_dyn.Client`` means to a type checker.
"""

from __future__ import annotations

import inspect
import json
import keyword
import re
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .._model.face import CALL_OPTIONS, page_shape, signature
from .._model.spec import Operation, Spec
from ._filters import one_line, python_docstring, python_type
from ._render import environment, render_one
from ._types import TypeExpr, camelize, describe, model_names, variants

__all__ = ["STUB_PATH", "render_stubs", "render_types", "stub_path"]

STUB_PATH = "_typed.pyi"
LINE = 120
# Names the stub module and talon_dyn/types.py define or import, which a model must not take (a test keeps
# this equal to what the rendered files import and define), and Python's own constants.
RESERVED = frozenset(
    {
        "Any",
        "ApiResponse",
        "AsyncClient",
        "AsyncIterator",
        "Iterator",
        "CallOptions",
        "Client",
        "Generic",
        "Literal",
        "Mapping",
        "NotRequired",
        "Sequence",
        "TypeAlias",
        "TypeVar",
        "TypedApiResponse",
        "TypedDict",
        "Unpack",
        "None",
        "True",
        "False",
    }
)


def stub_path() -> Path:
    """Where the package's stub lives (``talon_dyn/_typed.pyi``)."""
    return Path(__file__).resolve().parent.parent / STUB_PATH


@dataclass(frozen=True)
class Field:
    key: str
    annotation: str


@dataclass(frozen=True)
class Definition:
    """One TypedDict (``fields``) or type alias (``alias``) of the stub, already laid out as lines."""

    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Method:
    python_name: str
    operation_id: str
    params: tuple[tuple[str, str, str], ...]
    """``(name, annotation, default)`` after ``self``; the per-call options are ``**options``."""
    returns: str
    doc: tuple[str, ...]
    pages: tuple[tuple[tuple[str, str, str], ...], str] | None = None
    """For a paginated operation: the iterator's parameters (page size and skip replaced by ``page_size`` and
    ``max_items``) and the type of one item."""

    def lines(self, is_async: bool, full: bool) -> tuple[str, ...]:
        """The ``def`` of this method in one client class, split as ruff format splits it."""
        returns = f"TypedApiResponse[{self.returns}]" if full else self.returns
        return self._def(f"{'async def' if is_async else 'def'} {self.python_name}(", self.params, returns)

    def page_lines(self, is_async: bool) -> tuple[str, ...]:
        """The ``def`` of this operation's iterator in ``client.paginate``."""
        assert self.pages is not None
        params, item = self.pages
        returns = f"{'AsyncIterator' if is_async else 'Iterator'}[{item}]"
        return self._def(f"def {self.python_name}(", params, returns)

    def _def(self, opening: str, own: tuple[tuple[str, str, str], ...], returns: str) -> tuple[str, ...]:
        head = f"    {opening}"
        tail = f") -> {returns}:"
        params = [("self", "", ""), *own, ("**options", "Unpack[CallOptions]", "")]
        joined = ", ".join(
            f"{name}: {annotation}{default}" if annotation else name for name, annotation, default in params
        )
        if len(head) + len(joined) + len(tail) <= LINE:
            return (head + joined + tail,)
        if 8 + len(joined) <= LINE:
            return (head, " " * 8 + joined, "    " + tail)
        body = [
            line
            for name, annotation, default in params
            for line in (layout(f"{name}: ", annotation, f"{default},", 8) if annotation else [f"        {name},"])
        ]
        return (head, *body, "    " + tail)


def _docstring(text: str, indent: int) -> tuple[str, ...]:
    """Docstring lines (with quotes) for one paragraph of spec text, wrapped to the line length."""
    pad = " " * indent
    body = python_docstring(text)
    if len(pad) + len(body) + 6 <= LINE:
        return (f'{pad}"""{body}"""',)
    wrapped = textwrap.wrap(body, width=LINE - indent - 3, break_long_words=False, break_on_hyphens=False)
    return (f'{pad}"""{wrapped[0]}', *(f"{pad}{line}" for line in wrapped[1:]), f'{pad}"""')


def _split_top(text: str) -> list[str]:
    """``a, b[c, d]`` -> ``["a", "b[c, d]"]``: split on commas outside brackets and strings."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def layout(prefix: str, annotation: str, suffix: str, indent: int) -> list[str]:
    """``prefix + annotation + suffix`` as lines of at most ``LINE`` characters, split as ruff format splits them."""
    pad = " " * indent
    if len(pad) + len(prefix) + len(annotation) + len(suffix) <= LINE or not annotation.endswith("]"):
        return [f"{pad}{prefix}{annotation}{suffix}"]
    head, inner = annotation[: annotation.index("[") + 1], annotation[annotation.index("[") + 1 : -1]
    items = _split_top(inner)
    inner_pad = " " * (indent + 4)
    if len(items) == 1:
        body = layout("", items[0], "", indent + 4)
    elif len(inner_pad) + len(inner) <= LINE:
        body = [f"{inner_pad}{inner}"]
    else:
        body = [line for item in items for line in layout("", item, ",", indent + 4)]
    return [f"{pad}{prefix}{head}", *body, f"{pad}]{suffix}"]


class _Namer:
    """Names the TypedDicts of inline objects (``{Owner}{Property}``), keyed by the schema object."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.names: dict[int, str] = {}
        self.pending: list[tuple[str, Mapping[str, Any]]] = []

    def visit(self, spec: Spec, kind: TypeExpr | None, owner: str, models: Mapping[str, str]) -> None:
        if kind is None:
            return
        if kind.kind == "object" and kind.inline is not None and id(kind.inline) not in self.names:
            name = camelize(owner)
            while name in self.taken:
                name += "_"
            self.taken.add(name)
            self.names[id(kind.inline)] = name
            self.pending.append((name, kind.inline))
        for inner in (kind.item, *kind.options):
            self.visit(spec, inner, owner, models)


def _fields(spec: Spec, schema: Mapping[str, Any], owner: str, models: Mapping[str, str], namer: _Namer) -> list[Field]:
    required = set(schema.get("required") or ())
    fields = []
    for key, sub in (schema.get("properties") or {}).items():
        kind = describe(spec, sub, models)
        namer.visit(spec, kind, f"{owner}_{key}", models)
        annotation = python_type(kind, namer.names, readonly=True)
        fields.append(Field(str(key), annotation if key in required else f"NotRequired[{annotation}]"))
    return fields


def _definition(
    name: str,
    schema: Mapping[str, Any],
    fields: list[Field],
    kind: TypeExpr,
    inline: Mapping[int, str],
    runtime: bool = False,
) -> Definition:
    """A TypedDict for an object with properties (functional syntax when a key is no identifier), else an alias.

    With ``runtime`` (the importable ``talon_dyn.types``), what Python evaluates at import (aliases, the
    functional syntax's values) is quoted, so a name defined further down is a forward reference."""
    quote = json.dumps if runtime else str
    if not schema.get("properties"):
        return Definition(name, (f"{name}: TypeAlias = {quote(python_type(kind, inline, readonly=True))}",))
    doc = one_line(schema.get("description"))
    if all(field.key.isidentifier() and not keyword.iskeyword(field.key) for field in fields):
        lines = [f"class {name}(TypedDict):"]
        if doc:
            lines += [*_docstring(doc, 4), ""]
        lines += [line for field in fields for line in layout(f"{field.key}: ", field.annotation, "", 4)]
        return Definition(name, tuple(lines))
    lines = [f"{name} = TypedDict(", f'    "{name}",', "    {"]
    for field in fields:
        lines += layout(f"{json.dumps(field.key, ensure_ascii=False)}: ", quote(field.annotation), ",", 8)
    lines += ["    },", ")"]
    return Definition(name, tuple(lines))


def _variant_definitions(
    spec: Spec, name: str, schema: Mapping[str, Any], models: Mapping[str, str], namer: _Namer, runtime: bool
) -> list[Definition] | None:
    """A tagged schema (``variants``) as one TypedDict per variant, its tag a ``Literal``, and ``name`` as their
    union, so a type checker narrows ``effect["props"]`` by ``effect["effectType"]``."""
    found = variants(schema)
    if not found or not schema.get("properties"):
        return None
    base = _fields(spec, schema, name, models, namer)
    members: list[str] = []
    definitions: list[Definition] = []
    for tag, value, prop, ref in found:
        member = camelize(value) + name
        while member in namer.taken:
            member += "_"
        namer.taken.add(member)
        target = models.get(unquote(ref.rsplit("/", 1)[-1]), "Any")
        fields = [
            Field(
                field.key,
                f"Literal[{json.dumps(value)}]"
                if field.key == tag
                else target
                if field.key == prop
                else field.annotation,
            )
            for field in base
        ]
        described = {**schema, "description": f"An {name} whose {tag} is {value!r}: {prop} is {target}."}
        definitions.append(_definition(member, described, fields, TypeExpr("object"), namer.names, runtime))
        members.append(member)
    # The members are defined above the alias, so even at run time it needs no quotes.
    lines = [f"{name}: TypeAlias = (", f"    {members[0]}", *(f"    | {member}" for member in members[1:]), ")"]
    definitions.append(Definition(name, tuple(lines)))
    return definitions


def _definitions(spec: Spec, models: Mapping[str, str], namer: _Namer, runtime: bool = False) -> Iterator[Definition]:
    schemas = (spec.document.get("components") or {}).get("schemas") or {}
    for raw_name, schema in schemas.items():
        schema = spec.resolve(schema) if isinstance(schema, Mapping) else {}
        name = models[str(raw_name)]
        tagged = _variant_definitions(spec, name, schema, models, namer, runtime)
        if tagged is not None:
            yield from tagged
            continue
        fields = _fields(spec, schema, name, models, namer)
        kind = TypeExpr("object")
        if not schema.get("properties"):
            kind = describe(spec, schema, models)
            namer.visit(spec, kind, name, models)
        yield _definition(name, schema, fields, kind, namer.names, runtime)
    while namer.pending:
        name, schema = namer.pending.pop(0)
        fields = _fields(spec, schema, name, models, namer)
        yield _definition(name, schema, fields, TypeExpr("object"), namer.names, runtime)


def _method(spec: Spec, operation: Operation, models: Mapping[str, str], namer: _Namer) -> Method:
    by_name = {parameter.python_name: parameter for parameter in operation.parameters}
    params: list[tuple[str, str, str]] = []
    keyword_only = False
    for name, parameter in signature(operation).parameters.items():
        if name in CALL_OPTIONS:  # all of them, as ``**options: Unpack[CallOptions]``
            continue
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not keyword_only:
            params.append(("*", "", ""))
            keyword_only = True
        if name == "body" and operation.body is not None and name not in by_name:
            kind = describe(spec, operation.body.schema or {}, models)
            namer.visit(spec, kind, f"{operation.operation_id}_body", models)
        else:
            kind = describe(spec, by_name[name].schema, models)
            namer.visit(spec, kind, f"{operation.operation_id}_{name}", models)
        annotation = python_type(kind, namer.names, readonly=True)
        if parameter.default is inspect.Parameter.empty:
            params.append((name, annotation, ""))
        else:
            params.append((name, f"{annotation} | None", " = None"))
    success = operation.responses.get(str(operation.success_status))
    returns = "None"
    if success is not None and success.schema:
        kind = describe(spec, success.schema, models)
        namer.visit(spec, kind, f"{operation.operation_id}_response", models)
        returns = python_type(kind, namer.names, readonly=True)
    summary = one_line(operation.summary) or operation.operation_id
    return Method(
        python_name=operation.python_name,
        operation_id=operation.operation_id,
        params=tuple(params),
        returns=returns,
        doc=_docstring(f"{summary.rstrip('.')}: {operation.method} {operation.path}.", 8),
        pages=_pages(spec, operation, tuple(params), models, namer),
    )


def _pages(
    spec: Spec, operation: Operation, params: tuple[tuple[str, str, str], ...], models: Mapping[str, str], namer: Any
) -> tuple[tuple[tuple[str, str, str], ...], str] | None:
    shape = page_shape(spec, operation)
    if shape is None:
        return None
    skipped = {shape.size.python_name, shape.skip.python_name}
    own = [param for param in params if param[0] not in skipped]
    if not any(name == "*" for name, _, _ in own):
        own.append(("*", "", ""))
    own += [("page_size", "int | None", " = None"), ("max_items", "int | None", " = None")]
    kind = describe(spec, shape.item_schema, models)
    namer.visit(spec, kind, f"{operation.operation_id}_item", models)
    return tuple(own), python_type(kind, namer.names, readonly=True)


def render_types(spec: Spec, template_set: str = "stubs") -> str:
    """The text of ``talon_dyn/types.py``: the stub's TypedDicts and aliases as a module importable at run time."""
    models = model_names(spec, reserved=RESERVED)
    namer = _Namer(set(models.values()) | set(RESERVED))
    for operation in spec.operations.values():  # names the inline objects of bodies and answers, as the stub does
        _method(spec, operation, models, namer)
    definitions = list(_definitions(spec, models, namer, runtime=True))
    info = spec.document.get("info") or {}
    values = {
        "title": one_line(info.get("title")),
        "version": one_line(info.get("version")),
        "definitions": definitions,
        "names": sorted(definition.name for definition in definitions),
    }
    return render_one(environment(template_set), "types.py.j2", values)


def _annotations(method: Method) -> list[str]:
    """Every annotation a method's stub writes: its parameters, its answer, its pages' parameters and item."""
    found = [annotation for _, annotation, _ in method.params] + [method.returns]
    if method.pages:
        params, item = method.pages
        found += [annotation for _, annotation, _ in params] + [item]
    return found


def _named(name: str, texts: list[str]) -> bool:
    return any(re.search(rf"\b{name}\b", text) for text in texts)


def render_stubs(spec: Spec, template_set: str = "stubs", *, types_module: str | None = None) -> str:
    """The text of the typing stub for ``spec``: TypedDicts and typed ``Client``/``AsyncClient``.

    With ``types_module`` (the package's own stub: ``.types``) the TypedDicts are imported from that module,
    rendered from the same spec by ``render_types``, instead of being written out a second time."""
    models = model_names(spec, reserved=RESERVED)
    namer = _Namer(set(models.values()) | set(RESERVED))
    methods = [_method(spec, operation, models, namer) for operation in spec.operations.values()]
    definitions = list(_definitions(spec, models, namer))
    info = spec.document.get("info") or {}
    env = environment(template_set)
    texts = [text for method in methods for text in _annotations(method)]
    values = {
        "title": one_line(info.get("title")),
        "version": one_line(info.get("version")),
        "definitions": definitions,
        "methods": methods,
        "types_module": types_module,
        # The TypedDicts the methods name (the stub imports them from ``types_module``; users import them there).
        "type_names": sorted({definition.name for definition in definitions if _named(definition.name, texts)}),
        # What the methods' annotations need from collections.abc and typing, when the TypedDicts are imported.
        "abc_names": sorted(
            ({"AsyncIterator", "Iterator"} if any(m.pages for m in methods) else set())
            | {name for name in ("Mapping", "Sequence") if _named(name, texts)}
        ),
        "typing_names": sorted({"Generic", "TypeVar", "Unpack"} | {n for n in ("Any", "Literal") if _named(n, texts)}),
    }
    return render_one(env, "typed.pyi.j2", values)


_MODULE = '''"""{title}, typed: ``from {name} import Client, AsyncClient``.

Rendered by ``talon-dyn stubs --spec {source} --module {name}``; commit this package and render it again when the
spec changes (``--check`` says whether it is fresh). The clients are ``talon_dyn.Client`` / ``AsyncClient`` with
this package's copy of the spec (``spec.json``) as their default; type checkers read one typed method per
operation from ``__init__.pyi`` and the request and answer shapes from ``{name}.types``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from talon_dyn import AsyncClient as _AsyncClient
from talon_dyn import Client as _Client

__all__ = ["SPEC", "AsyncClient", "Client"]

SPEC = Path(__file__).with_name("spec.json")
"""This package's copy of the spec it was rendered from (as talon_dyn loaded it)."""


class Client(_Client):
    """``talon_dyn.Client`` for {title} (``spec=SPEC`` unless one is given)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("spec", SPEC)
        super().__init__(*args, **kwargs)


class AsyncClient(_AsyncClient):
    """``talon_dyn.AsyncClient`` for {title} (``spec=SPEC`` unless one is given)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("spec", SPEC)
        super().__init__(*args, **kwargs)
'''


def render_module(spec: Spec, name: str, source: str) -> dict[str, str]:
    """A typed package for ``spec`` (``talon-dyn stubs --module NAME``), file name -> text: the clients bound to
    a copy of the spec, their stub, the TypedDicts as a module, ``py.typed`` and the spec itself."""
    import json

    info = spec.document.get("info") or {}
    title = one_line(info.get("title")) or name
    stub = render_stubs(spec, types_module=".types")
    return {
        "__init__.py": _MODULE.format(title=title, name=name, source=source),
        "__init__.pyi": stub + "\n\nimport pathlib\n\nSPEC: pathlib.Path\n",
        "types.py": render_types(spec),
        "py.typed": "",
        "spec.json": json.dumps(spec.document, indent=1, ensure_ascii=False) + "\n",
    }
