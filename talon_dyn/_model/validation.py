"""Schema validation: validators built once per schema, one registry, readable errors.

Two engines share one job. ``jsonschema-rs`` (compiled) answers "is it valid?" on
the hot path; when the answer is no, the pure-Python ``jsonschema`` explains, with
``iter_errors`` and ``best_match`` so the first error is the most useful one and
every error keeps its JSON path. ``TALON_DYN_VALIDATOR=jsonschema`` (or
``engine="jsonschema"``) uses the pure-Python engine for both. Formats are checked,
``date-time`` included, with standard-library checkers.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import quote

from .._exceptions import SpecError, TalonDynError
from .pointer import escape
from .pointer import pointer as pointer_of

__all__ = ["ENGINES", "Issue", "SchemaValidator", "json_path", "json_pointer"]

ENGINES = ("jsonschema-rs", "jsonschema")
_INDEX = re.compile(r"\[\d+\]")
_TOO_DEEP = "is nested too deeply to validate (over Python's recursion limit)"
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


class Issue(NamedTuple):
    """One validation problem: what, where in the instance, which keyword."""

    message: str
    json_path: str
    pointer: str
    keyword: str
    expected: str
    schema_pointer: str = ""
    """Where in the spec document the failed keyword is (a JSON pointer; empty when unknown)."""
    missing: str = ""
    """For ``required``: the property that is missing (``json_path`` is the object that lacks it)."""

    @property
    def place(self) -> str:
        """The JSON path of the value at fault: the missing property itself for ``required``."""
        return f"{self.json_path}.{self.missing}" if self.missing else self.json_path


def json_path(parts: Any) -> str:
    """``["cartItems", 3, "price"]`` -> ``$.cartItems[3].price``."""
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def json_pointer(parts: Any) -> str:
    """``["cartItems", 3, "price"]`` -> ``/cartItems/3/price``."""
    return pointer_of(parts)


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str) or not _DATE_TIME.match(value):
        return not isinstance(value, str)
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _refuse_retrieval(uri: str) -> Any:
    raise ValueError(f"talon_dyn does not fetch {uri!r}: only the spec's own documents are available")


def default_engine() -> str:
    wanted = os.environ.get("TALON_DYN_VALIDATOR")
    if wanted:
        if wanted not in ENGINES:
            raise ValueError(f"TALON_DYN_VALIDATOR must be one of {', '.join(ENGINES)}, not {wanted!r}")
        return wanted
    from importlib.util import find_spec

    return "jsonschema-rs" if find_spec("jsonschema_rs") is not None else "jsonschema"


class SchemaValidator:
    """Validators for the schemas of one spec, built on first use and kept."""

    def __init__(
        self,
        document: Mapping[str, Any],
        base_uri: str,
        external: Mapping[str, Any] | None = None,
        engine: str | None = None,
    ) -> None:
        self.document = document
        self.base_uri = base_uri
        self.external = dict(external or {})
        self.engine = engine or default_engine()
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        self._fast: dict[Any, Callable[[Any], bool]] = {}
        self._compiled: dict[Any, Any] = {}
        self._slow: dict[Any, Any] = {}
        self._keep: dict[int, Mapping[str, Any]] = {}
        self._rs_registry: Any = None
        self._py_registry: Any = None

    # -- building -----------------------------------------------------------

    def _root(self, schema: str | Mapping[str, Any]) -> dict[str, Any]:
        if isinstance(schema, str):
            return {"$ref": f"{self.base_uri}#{quote(schema, safe='/~')}"}
        absolute: dict[str, Any] = _absolute_refs(schema, self.base_uri)
        return absolute

    def _key(self, schema: str | Mapping[str, Any]) -> Any:
        if isinstance(schema, str):
            return schema
        self._keep[id(schema)] = schema  # keep it alive so its id is never reused
        return id(schema)

    def _build_fast(self, schema: str | Mapping[str, Any]) -> Callable[[Any], bool]:
        if self.engine == "jsonschema":
            slow = self._build_slow(schema)
            return lambda instance: bool(slow.is_valid(instance))
        import jsonschema_rs

        if self._rs_registry is None:
            resources = [(self.base_uri, self.document), *self.external.items()]
            self._rs_registry = jsonschema_rs.Registry(resources, retriever=_refuse_retrieval)
        try:
            compiled = jsonschema_rs.validator_for(
                self._root(schema), registry=self._rs_registry, validate_formats=True, retriever=_refuse_retrieval
            )
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError):
            # A schema the Rust engine cannot compile (an ECMA-only regex, say): the
            # pure-Python engine, which tolerates it, answers for this schema.
            slow = self._build_slow(schema)
            return lambda instance: bool(slow.is_valid(instance))
        self._compiled[self._key(schema)] = compiled
        return compiled.is_valid

    def _build_slow(self, schema: str | Mapping[str, Any]) -> Any:
        key = self._key(schema)
        found = self._slow.get(key)
        if found is not None:
            return found
        import jsonschema
        import referencing
        import referencing.jsonschema

        if self._py_registry is None:
            resources = [(self.base_uri, self.document), *self.external.items()]
            self._py_registry = referencing.Registry(retrieve=_refuse_retrieval).with_resources(  # type: ignore[call-arg]
                (
                    uri,
                    referencing.Resource.from_contents(
                        contents, default_specification=referencing.jsonschema.DRAFT202012
                    ),
                )
                for uri, contents in resources
            )
        checker = jsonschema.FormatChecker()
        checker.checks("date-time")(_is_date_time)
        checker.checks("date")(_is_date)
        cls = _tolerant_validator_class()
        found = cls(self._root(schema), registry=self._py_registry, format_checker=checker)
        self._slow[key] = found
        return found

    # -- using -----------------------------------------------------------------

    def is_valid(self, schema: str | Mapping[str, Any], instance: Any) -> bool:
        """Whether ``instance`` matches ``schema`` (a JSON pointer into the spec, or a schema)."""
        key = self._key(schema)
        check = self._fast.get(key)
        try:
            if check is None:
                check = self._fast[key] = self._build_fast(schema)
            return check(instance)
        except (RecursionError, TalonDynError):
            raise
        except Exception as exc:  # a schema neither engine can use: the spec's fault, said as such
            raise self._unusable(schema, exc) from None

    def _unusable(self, schema: str | Mapping[str, Any], exc: Exception) -> SpecError:
        """The SpecError for a schema an engine refused at run time (``load`` checks every schema it can find;
        this guards the rest, such as schemas built by callers)."""
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return SpecError(
            f"schema cannot be used for validation: {text}",
            source=self.base_uri,
            pointer=schema if isinstance(schema, str) else None,
        )

    def signature(self, schema: str | Mapping[str, Any], instance: Any) -> frozenset[tuple[str, str]] | None:
        """A quick reading of how ``instance`` fails ``schema``: the compiled engine's (JSON path with array
        indices as ``[*]``, keyword) pairs; None when only the pure-Python engine can say."""
        compiled = self._compiled.get(self._key(schema)) if self.engine == "jsonschema-rs" else None
        if compiled is None:
            return None
        try:
            return frozenset(
                (_INDEX.sub("[*]", json_path(list(error.instance_path))), "/".join(map(str, error.schema_path[-2:])))
                for error in compiled.iter_errors(instance)
            )
        except (RecursionError, ValueError):
            return None

    def issues(self, schema: str | Mapping[str, Any], instance: Any) -> list[Issue]:
        """Every problem with ``instance``, the most relevant first; empty when valid."""
        try:
            return self._issues(schema, instance)
        except RecursionError:  # JSON nested past what the engines can walk: an issue, never a crash
            return [Issue(_TOO_DEEP, "$", "", "depth", "JSON nested less deeply")]
        except TalonDynError:
            raise
        except Exception as exc:
            raise self._unusable(schema, exc) from None

    def _issues(self, schema: str | Mapping[str, Any], instance: Any) -> list[Issue]:
        if self.is_valid(schema, instance):
            return []
        import jsonschema.exceptions

        validator = self._build_slow(schema)
        errors = list(validator.iter_errors(instance))
        if errors:
            best = jsonschema.exceptions.best_match(errors)
            ordered = [best, *(error for error in errors if error is not best)]
            root = schema if isinstance(schema, str) else None
            return [
                _from_jsonschema(error)._replace(schema_pointer=self._location(root, error.absolute_schema_path))
                for error in ordered
            ]
        return self._rs_issues(schema, instance)

    def _location(self, root: str | None, path: Any) -> str:
        """The document pointer of a failed keyword: its schema path walked from ``root``. jsonschema leaves
        ``$ref`` out of the path, so a node's local ``$ref`` is followed whenever the next step is not its own."""
        if root is None:
            return ""
        from .._exceptions import SpecError
        from .schema import MAX_REF_HOPS, resolve_pointer, target_pointer

        def follow(node: Any, pointer: str) -> tuple[Any, str] | None:
            reference = node.get("$ref") if isinstance(node, Mapping) else None
            if not isinstance(reference, str):
                return None
            target = target_pointer(reference.removeprefix(self.base_uri))
            if target is None:
                return None  # into another file: no place in this document
            try:
                return resolve_pointer(self.document, target, source="<spec>"), target
            except (SpecError, KeyError, IndexError, TypeError):
                return None

        pointer = root
        node: Any = self.document
        try:
            node = resolve_pointer(self.document, root, source="<spec>")
        except (SpecError, KeyError, IndexError, TypeError):
            return ""
        for part in path:
            for _ in range(MAX_REF_HOPS):  # a chain of $refs, bounded
                own = (isinstance(node, Mapping) and part in node) or isinstance(node, list)
                followed = None if own else follow(node, pointer)
                if followed is None:
                    break
                node, pointer = followed
            pointer += "/" + escape(part)
            try:
                node = node[int(part)] if isinstance(node, list) else node[part]
            except (KeyError, IndexError, ValueError, TypeError):
                return pointer
        return pointer

    def _rs_issues(self, schema: str | Mapping[str, Any], instance: Any) -> list[Issue]:
        import jsonschema_rs

        try:
            compiled = jsonschema_rs.validator_for(
                self._root(schema), registry=self._rs_registry, validate_formats=True, retriever=_refuse_retrieval
            )
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError):
            return [Issue("does not match the schema", "$", "", "", "")]
        found = []
        for error in compiled.iter_errors(instance):
            path = list(error.instance_path)
            keyword = str(error.schema_path[-1]) if error.schema_path else ""
            missing = ""
            if keyword == "required":
                named = re.match(r"^(['\"])(.*)\1 is a required property$", str(error.message))
                missing = named.group(2) if named else ""
            found.append(Issue(error.message, json_path(path), json_pointer(path), keyword, keyword, missing=missing))
        return found or [Issue("does not match the schema", "$", "", "", "")]


def _absolute_refs(node: Any, base_uri: str) -> Any:
    """A copy of an inline schema whose local ``$ref``s (``#/components/...``) point into the spec."""
    if isinstance(node, Mapping):
        copy = {key: _absolute_refs(value, base_uri) for key, value in node.items()}
        ref = copy.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            copy["$ref"] = base_uri + ref
        return copy
    if isinstance(node, list):
        return [_absolute_refs(item, base_uri) for item in node]
    return node


_TOLERANT: Any = None


def _compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """Python's reading of an ECMA-262 regex; ``[^]`` (any character) translated; None if hopeless."""
    for candidate in (pattern, pattern.replace("[^]", "[\\s\\S]")):
        try:
            return re.compile(candidate)
        except re.error:
            continue
    return None


@functools.lru_cache(maxsize=512)
def _rust_pattern(pattern: str) -> Callable[[str], bool] | None:
    """``pattern`` checked by jsonschema-rs (a regex engine without exponential backtracking), or None."""
    try:
        import jsonschema_rs

        compiled = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    except (ImportError, ValueError, jsonschema_rs.ValidationError):
        return None
    return compiled.is_valid


def _matches(pattern: str, instance: str) -> bool:
    """Whether ``instance`` matches ``pattern``: by jsonschema-rs when it can read the pattern, so that
    ``^(a+)+$`` against thirty ``a``s and a ``b`` is answered at once rather than after exponential backtracking;
    else by Python's ``re``, on at most 10,000 characters (None: a pattern neither engine reads constrains
    nothing)."""
    fast = _rust_pattern(pattern)
    if fast is not None:
        return fast(instance)
    compiled = _compile_pattern(pattern)
    return compiled is None or compiled.search(instance[:10_000]) is not None


def _tolerant_validator_class() -> Any:
    """Draft 2020-12, except that a ``pattern`` Python cannot compile constrains nothing."""
    global _TOLERANT
    if _TOLERANT is None:
        import jsonschema
        import jsonschema.validators

        def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
            if isinstance(instance, str) and not _matches(patrn, instance):
                yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

        _TOLERANT = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
            jsonschema.Draft202012Validator, {"pattern": pattern}
        )
    return _TOLERANT


def _from_jsonschema(error: Any) -> Issue:
    path = list(error.absolute_path)
    keyword = str(error.validator)
    value = error.validator_value
    if keyword == "required":
        # The path is the object that lacks the property; the message names the property (one error each):
        # $.customerSession.cartItems[0]: 'quantity' is a required property
        expected = "required properties " + ", ".join(map(repr, value))
        message = str(error.message)
        missing = next((str(name) for name in value if message.startswith(f"{name!r} ")), "")
        return Issue(message, json_path(path), json_pointer(path), keyword, expected, missing=missing)
    elif keyword in ("$ref", "allOf", "anyOf", "oneOf", "properties"):
        expected = keyword
    else:
        shown = repr(value)
        expected = f"{keyword}: {shown if len(shown) < 80 else shown[:77] + '...'}"
    return Issue(str(error.message), json_path(path), json_pointer(path), keyword, expected)
