"""Read a spec file into plain JSON data, the way JSON would read it.

YAML is read with YAML 1.1's surprises taken out: no timestamps, only ``true``
and ``false`` as booleans, no ``=`` value tag, and every mapping key kept as a
string. Aliases are allowed but their expansion is bounded, so an alias bomb is
refused quickly instead of eating memory. Parsed documents are cached as JSON,
keyed by the file's SHA-256, so a second start skips the YAML parser.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .._exceptions import SpecError
from .pointer import escape
from .pointer import pointer as pointer_of

__all__ = [
    "MAX_DOCUMENT_NESTING",
    "MAX_NODES",
    "FileRefused",
    "check_config",
    "load_document",
    "nested_deeper_than",
    "parse_config",
    "parse_document",
    "read_config",
    "read_regular_file",
    "schema_problem",
]

MAX_DOCUMENT_NESTING = 128
"""Deepest nesting a spec may have."""

MAX_NODES = 3_000_000
"""Most values a spec may expand to (aliases counted each time they are used)."""

MAX_BYTES = 64 * 1024 * 1024
"""Largest spec file read (the whole 2026 Talon.One spec is 1.7 MB)."""
MAX_CONFIG_BYTES = 16 * 1024 * 1024
"""The most a config file (overlay, campaigns, faults, scenarios) may hold: read by the same bounded reader."""


def nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether parsed JSON ``value`` nests objects and arrays more than ``limit`` levels deep (no recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


class FileRefused(Exception):
    """Why ``read_regular_file`` refused a file: ``not_regular`` (a pipe, device or folder), or else too large
    (``size``: the bytes seen, more than the limit)."""

    def __init__(self, *, not_regular: bool = False, size: int = 0) -> None:
        super().__init__("not a regular file" if not_regular else f"{size} bytes")
        self.not_regular = not_regular
        self.size = size


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (never a pipe, device or /dev/zero, which would hang
    or never end: opened without blocking and checked before reading); ``FileRefused`` otherwise, ``OSError``
    when it cannot be read. It reads what ``fstat`` saw (a read of ``limit`` would allocate all of it first),
    more only if the file grew."""
    import stat

    handle = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(not_regular=True)
        if info.st_size > limit:
            raise FileRefused(size=info.st_size)
        with os.fdopen(handle, "rb", closefd=True) as stream:
            handle = -1
            data = stream.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += stream.read(limit + 1 - len(data))
    finally:
        if handle >= 0:
            os.close(handle)
    if len(data) > limit:  # grew while read
        raise FileRefused(size=len(data))
    return data


def read_spec_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a spec file: only a regular file, at most ``MAX_BYTES`` (``read_regular_file``); anything
    else is a SpecError naming the file."""
    name = os.fspath(path)
    try:
        return read_regular_file(name, MAX_BYTES)
    except OSError as exc:
        raise SpecError(f"cannot read spec file: {exc.strerror or exc}", source=name) from None
    except FileRefused as refused:
        if refused.not_regular:
            raise SpecError("not a regular file (a pipe, device or folder cannot be a spec)", source=name) from None
        raise SpecError(f"{refused.size:,} bytes: over the {MAX_BYTES:,} a spec may have", source=name) from None


@functools.cache
def _loader() -> type[Any]:
    """A SafeLoader whose implicit types are JSON's: str, int, float, bool, null (built on first use)."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dropped = {
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:value",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
    }

    class JSONSafeLoader(base):  # type: ignore[valid-type, misc]
        yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag not in dropped]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
        }

    # YAML 1.2 core schema, which is JSON's: these and nothing else are not strings.
    JSONSafeLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    JSONSafeLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
    JSONSafeLoader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+.0123456789"),
    )
    JSONSafeLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    JSONSafeLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
    JSONSafeLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    for tag in ("binary", "set", "timestamp", "omap", "pairs", "value", "merge"):
        JSONSafeLoader.add_constructor(f"tag:yaml.org,2002:{tag}", _refuse_tag)
    return JSONSafeLoader


def _refuse_tag(loader: Any, node: Any) -> Any:
    """An explicit tag outside JSON's types (``!!binary``, ``!!set``, ``!!timestamp``...): a spec is JSON."""
    import yaml

    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {node.tag!r} makes a value JSON has no type for", node.start_mark
    )


def _construct_int(loader: Any, node: Any) -> int:
    return int(loader.construct_scalar(node))


def _construct_float(loader: Any, node: Any) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith("inf") or text.endswith("nan"):
        return float(text.replace(".", ""))
    return float(text)


def _construct_mapping(loader: Any, node: Any) -> dict[str, Any]:
    import yaml

    loader.flatten_mapping(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = json.dumps(key) if not isinstance(key, (int, float)) or isinstance(key, bool) else str(key)
        if key in result:  # YAML says keys are unique; a parser that keeps the last one hides a mistake
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (the mapping starts {node.start_mark})", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``' object hook: a key given twice in one object is an error, not "the last one wins"."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r} in one JSON object")
        result[key] = value
    return result


def line_of(data: bytes, pointer: str) -> int | None:
    """The 1-based line where the node at ``pointer`` starts in YAML or JSON ``data``, when it can be found (only
    asked on an error's path: the document is composed again, with marks)."""
    import yaml

    from .pointer import tokens

    try:
        node = yaml.compose(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for step in tokens(pointer):
            if isinstance(node, yaml.MappingNode):
                node = next(value for key, value in node.value if key.value == step)
            elif isinstance(node, yaml.SequenceNode):
                node = node.value[int(step)]
            else:
                return None
    except (yaml.YAMLError, StopIteration, ValueError, IndexError, RecursionError):
        return None
    return None if node is None else int(node.start_mark.line) + 1


def _check_shape(document: Any, source: str) -> None:
    """Refuse documents nested too deep or expanding (through aliases) too far."""
    budget = MAX_NODES
    stack: list[tuple[Any, int, str]] = [(document, 0, "")]
    while stack:
        node, depth, pointer = stack.pop()
        budget -= 1
        if budget < 0:
            raise SpecError(
                f"document expands to more than {MAX_NODES:,} values (a YAML alias bomb?)",
                source=source,
            )
        if depth > MAX_DOCUMENT_NESTING:
            raise SpecError(
                f"document is nested more than {MAX_DOCUMENT_NESTING} levels deep", source=source, pointer=pointer
            )
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, (dict, list)):
                    stack.append((value, depth + 1, f"{pointer}/{escape(key)}"))
                else:
                    budget -= 1
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    stack.append((value, depth + 1, f"{pointer}/{index}"))
                else:
                    budget -= 1


def _yaml_load(data: bytes) -> Any:
    import yaml

    try:
        return yaml.load(data, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from exc


def parse_document(data: bytes, source: str) -> dict[str, Any]:
    """Parse spec bytes (JSON or YAML) into a JSON-safe dict, or raise SpecError."""
    stripped = data.lstrip()
    try:
        is_json = stripped[:1] in (b"{", b"[")
        document = json.loads(data, object_pairs_hook=_unique_pairs) if is_json else _yaml_load(data)
    except RecursionError:
        raise SpecError(f"document is nested more than {MAX_DOCUMENT_NESTING} levels deep", source=source) from None
    except ValueError as exc:
        raise SpecError(f"not valid YAML or JSON: {exc}", source=source) from exc
    if not isinstance(document, dict):
        raise SpecError(f"expected a mapping at the top level, got {type(document).__name__}", source=source)
    _check_shape(document, source)
    return document


def cache_dir() -> Path | None:
    """Where talon_dyn caches (``$TALON_DYN_CACHE``, ``off`` for nowhere; else the user's cache folder)."""
    configured = os.environ.get("TALON_DYN_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "talon_dyn"


def load_document(
    path: str | os.PathLike[str],
    *,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    cache_tag: str = "",
) -> dict[str, Any]:
    """Read and parse a spec file, using a JSON cache of earlier parses when present.

    ``prepare`` runs on a freshly parsed document (for example to convert an OpenAPI
    3.0 dialect) and its result is what gets cached; ``cache_tag`` names that step, so
    a changed ``prepare`` never reads an old cache entry.

    The cache lives in ``$TALON_DYN_CACHE`` (``off`` disables it), else
    ``$XDG_CACHE_HOME/talon_dyn`` or ``~/.cache/talon_dyn``. A cache that cannot be
    written is silently skipped: caching is an optimisation, never a requirement.
    """
    source = os.fspath(path)
    try:
        data = read_spec_bytes(source)
    except OSError as exc:
        raise SpecError(f"cannot read spec file: {exc.strerror or exc}", source=source) from exc
    cache = cache_dir()
    if cache is None:
        document = parse_document(data, source)
        return _prepared(prepare, document, data, source) if prepare else document
    digest = hashlib.sha256(data + b"\0" + cache_tag.encode()).hexdigest()
    entry = cache / f"{digest}.json"
    try:
        cached = json.loads(entry.read_bytes())
    except (OSError, ValueError):
        cached = None
    if isinstance(cached, dict):
        return cached
    document = parse_document(data, source)
    if prepare:
        document = _prepared(prepare, document, data, source)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        pass
    return document


def _prepared(
    prepare: Callable[[dict[str, Any]], dict[str, Any]], document: dict[str, Any], data: bytes, source: str
) -> dict[str, Any]:
    """``prepare(document)``; a SpecError it raises at a JSON pointer gets the file and the line."""
    try:
        return prepare(document)
    except SpecError as error:
        if error.pointer is None or error.line is not None:
            raise
        line = line_of(data, error.pointer)
        raise SpecError(error.message, source=source, pointer=error.pointer, line=line) from None


def read_config(source: str | os.PathLike[str], what: str, error: type[SpecError] = SpecError) -> dict[str, Any]:
    """A config file (YAML or JSON) parsed like a spec; an unreadable or malformed one is ``error`` naming
    the file (and the place, for a malformed one). ``what`` says which file it is: ``"faults file"``."""
    name = os.fspath(source)
    try:
        data = read_regular_file(name, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror or exc}", source=name) from None
    except FileRefused as refused:
        if refused.not_regular:
            raise error(f"cannot read {what}: not a regular file (a pipe, device or folder)", source=name) from None
        raise error(
            f"{what} of {refused.size:,} bytes: over the {MAX_CONFIG_BYTES:,} one may have", source=name
        ) from None
    return parse_config(data, name, error)


def parse_config(data: bytes, source: str, error: type[SpecError] = SpecError) -> dict[str, Any]:
    """Config-file bytes parsed like a spec; malformed ones are ``error`` naming ``source`` and the place."""
    try:
        return parse_document(data, source)
    except SpecError as exc:
        raise error(exc.message, source=source, pointer=exc.pointer or "/") from None


def check_config(document: Any, schema: Mapping[str, Any], source: str, error: type[SpecError] = SpecError) -> None:
    """Raise ``error`` naming ``source`` and the JSON pointer where ``document`` breaks ``schema``."""
    problem = schema_problem(document, schema)
    if problem is not None:
        raise error(problem[1], source=source, pointer=problem[0])


def schema_problem(document: Any, schema: Mapping[str, Any]) -> tuple[str, str] | None:
    """The most relevant way ``document`` breaks a config-file ``schema``: ``(JSON pointer, message)``, or None.

    One rule for every config file talon_dyn reads (the sandbox's campaigns, smoke scenarios, sandbox
    faults): JSON Schema 2020-12, the best match of jsonschema's errors, the place as a JSON pointer."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    pointer = pointer_of(error.absolute_path)
    return pointer or "/", error.message
