"""Schema-valid answers from the spec alone: built for operations without a handler, mended for those with one.

``Instances(spec, seed)`` makes values of any schema of the spec that its validator accepts:

* ``build(schema)``: a value the schema itself declares (``default``, ``const``, the first ``enum`` value),
  otherwise a *neutral* one built from its shape: every required property (and, near the top, the optional
  ones too), arrays at their ``minItems`` (at least one item), numbers at 0 or the nearest bound, strings
  empty when allowed, else satisfying ``format``, ``pattern`` and the length bounds. Never a spec's
  ``example`` or ``examples``: an example illustrates, and an answer that repeats one presents it as state
  (every profile with ``id: 6``, a tentative balance of 100 points nobody earned). Values depend only on the
  schema and the seed, so a sandbox answers the same for the same seed.
* ``mend(schema, value)``: ``value`` unchanged when it validates; otherwise changed only where it is wrong:
  missing required properties added, properties the schema forbids dropped, wrong leaves rebuilt. The
  handlers are written against the bundled spec's shapes; with another spec (Talon's current one
  requires ``id`` and ``updateCount`` on a session) their answers are mended, never invented.

Every value is checked with the spec's own validator, so what is returned validates or is the best try
(which the sandbox's response check then reports as a sandbox fault).
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from typing import Any

from ..._model.schema import declared_values, deref, merged, resolve_pointer
from ..._model.spec import Operation, Spec

__all__ = ["Instances", "pattern_text"]

MAX_DEPTH = 10
"""Deepest schema nesting followed (recursive schemas end there with the smallest valid value)."""
FULL_DEPTH = 2
"""Objects this near the top carry their optional properties too; deeper ones only the required."""

_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00Z",
    "email": "someone@example.com",
    "idn-email": "someone@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uri-reference": "https://example.com/",
    "iri": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "YWJj",
    "binary": "abc",
    "duration": "P1D",
}
_WORDS = ("example", "a", "A1", "x", "abc", "value", "1")


def pattern_text(pattern: str) -> str | None:
    """A short string that Python's ``re`` matches against ``pattern`` (searched, as JSON Schema does), or None
    when the pattern uses what this small generator does not follow (lookarounds, back references)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" for POSIX classes some specs use
            import importlib

            sre_parse: Any = importlib.import_module("re._parser")  # the standard library's own pattern parser
            parsed = sre_parse.parse(pattern)
            compiled = re.compile(pattern)
    except (re.error, ValueError, RecursionError, OverflowError):
        return None
    try:
        text = _emit(parsed)
    except (_Unsupported, RecursionError):
        return None
    return text if compiled.search(text) else None


class _Unsupported(Exception):
    pass


_CATEGORY_CHARACTERS = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
}
_CATEGORY_SOURCE = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
}
"""A parsed class's category as pattern source (any other: ``\\W``)."""
_CANDIDATES = "aA0b1-_. xz"


def _in_class(items: Any) -> str:
    negate = False
    allowed: list[str] = []
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            allowed.append(chr(value))
        elif name == "RANGE":
            allowed.append(chr(value[0]))
        elif name == "CATEGORY":
            allowed.append(_CATEGORY_CHARACTERS.get(str(value), "a"))
        else:
            raise _Unsupported(name)
    if not negate:
        if not allowed:
            raise _Unsupported("empty class")
        # Prefer a letter or digit when the class offers one (nicer values), else its first member.
        for char in allowed:
            if char.isalnum():
                return char
        return allowed[0]
    members = re.compile("[" + "".join(_class_source(items)) + "]")
    for char in _CANDIDATES:
        if not members.match(char):
            return char
    raise _Unsupported("negated class excludes every candidate")


def _class_source(items: Any) -> list[str]:
    """The members of a parsed class as pattern source (its negation left out)."""
    out: list[str] = []
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            out.append(re.escape(chr(value)))
        elif name == "RANGE":
            out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif name == "CATEGORY":
            out.append(_CATEGORY_SOURCE.get(str(value), r"\W"))
    return out


def _emit(parsed: Any, depth: int = 0) -> str:
    if depth > 20:
        raise _Unsupported("too deep")
    out: list[str] = []
    for op, value in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(value))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(value) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_in_class(value))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, item = value
            out.append(_emit(item, depth + 1) * low)
        elif name == "SUBPATTERN":
            out.append(_emit(value[-1], depth + 1))
        elif name == "ATOMIC_GROUP":
            out.append(_emit(value, depth + 1))
        elif name == "BRANCH":
            out.append(min((_emit(branch, depth + 1) for branch in value[1]), key=len))
        elif name == "AT":
            continue
        else:
            raise _Unsupported(name)
    return "".join(out)


class Instances:
    """Valid values of the schemas of one spec (see the module docstring); answers are cached per operation."""

    def __init__(self, spec: Spec, seed: int | None = None) -> None:
        self.spec = spec
        self.seed = seed or 0
        self._answers: dict[tuple[str, int], tuple[Any, Any]] = {}
        """(operationId, status) -> (the answer's schema, the answer built for it)."""

    # -- checks --------------------------------------------------------------------

    def valid(self, schema: Any, value: Any) -> bool:
        if schema is True or schema == {}:
            return True
        if not isinstance(schema, (Mapping, str)):
            return schema is not False
        try:
            return self.spec.validator.is_valid(schema, value)
        except (ValueError, RecursionError):  # pragma: no cover - a schema the engines cannot compile
            return False

    def _node(self, schema: Any) -> Mapping[str, Any]:
        """The schema object ``schema`` is (a JSON pointer into the spec is resolved; ``$ref`` chains followed)."""
        if isinstance(schema, str):
            schema = resolve_pointer(self.spec.document, schema, source=self.spec.source)
        return deref(self.spec.document, schema, source=self.spec.source)

    def _shape(self, schema: Any) -> tuple[dict[str, Any], set[str], Any, Any]:
        """Properties, required names, additionalProperties and type, merged over the schema's allOf parts."""
        shape = merged(self.spec.document, self._node(schema), source=self.spec.source)
        return shape["properties"], shape["required"], shape.get("additionalProperties"), shape.get("type")

    # -- answers ---------------------------------------------------------------------

    def answer(
        self, operation: Operation, status: int | None = None, given: Mapping[str, Any] | None = None
    ) -> tuple[int, Any]:
        """The status and a body for ``operation`` (its success status by default) that validates. ``given``
        (the request's path values and top-level body fields) is echoed where the answer has a top-level
        property of the same name and the echo still validates: an answer about store ``s-1`` says ``s-1``."""
        code = operation.success_status if status is None else status
        key = (operation.operation_id, code)
        if key not in self._answers:
            response = operation.response_for(code)
            if response is None or response.schema is None or not response.is_json:
                self._answers[key] = (None, None)
            else:
                schema = response.schema_pointer or response.schema
                self._answers[key] = (schema, self.build(schema))
        schema, body = self._answers[key]
        if given and isinstance(body, dict):
            echoed = {**body, **{name: value for name, value in given.items() if name in body}}
            if echoed != body and self.valid(schema, echoed):
                body = echoed
        return code, body

    def build(self, schema: Any, name: str = "", depth: int = 0) -> Any:
        """A value ``schema`` accepts (see the module docstring)."""
        if schema is True or schema is None:
            return {}
        if depth > MAX_DEPTH:
            return self._smallest(schema)
        node = self._node(schema)
        for candidate in declared_values(node, examples=False):
            if self.valid(schema, candidate):
                return candidate
        for combinator in ("oneOf", "anyOf"):
            options = node.get(combinator)
            if isinstance(options, list):
                for option in options:
                    value = self.build(option, name, depth + 1)
                    if self.valid(schema, value):
                        return value
        value = self._by_type(schema, node, name, depth)
        if not self.valid(schema, value) and self.valid(schema, None):
            return None
        return value

    def _smallest(self, schema: Any) -> Any:
        candidates: tuple[Any, ...] = (None, {}, [], "a", 0, True)
        for value in candidates:
            if self.valid(schema, value):
                return value
        return None

    def _by_type(self, schema: Any, node: Mapping[str, Any], name: str, depth: int) -> Any:
        properties, required, additional, kind = self._shape(schema)
        if isinstance(kind, list):
            kind = next((one for one in kind if one != "null"), "null")
        if kind == "object" or (kind is None and (properties or additional is not None or required)):
            return self._object(node, properties, required, additional, depth)
        if kind == "array" or (kind is None and "items" in node):
            return self._array(node, name, depth)
        if kind == "string":
            return self._string(schema, node, name)
        if kind in ("integer", "number"):
            return self._number(node, kind == "integer")
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return self._smallest(schema) if node else {}

    def _object(
        self,
        node: Mapping[str, Any],
        properties: dict[str, Any],
        required: set[str],
        additional: Any,
        depth: int,
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, sub in properties.items():
            if key in required or depth < FULL_DEPTH:
                result[key] = self.build(sub, key, depth + 1)
        for key in sorted(required - set(properties)):
            result[key] = self.build(additional if isinstance(additional, Mapping) else True, key, depth + 1)
        low = node.get("minProperties")
        if isinstance(low, int):
            extra = additional if isinstance(additional, Mapping) else True
            index = 1
            while len(result) < low and index < 100:
                result.setdefault(f"key{index}", self.build(extra, "key", depth + 1))
                index += 1
        return result

    def _array(self, node: Mapping[str, Any], name: str, depth: int) -> list[Any]:
        low = node.get("minItems")
        high = node.get("maxItems")
        count = max(1, low if isinstance(low, int) else 0)
        if isinstance(high, int):
            count = min(count, high)
        item = self.build(node.get("items", True), name, depth + 1)
        if count <= 1 or not node.get("uniqueItems"):
            return [item] * count
        return [self._variant(item, index) for index in range(count)]

    @staticmethod
    def _variant(item: Any, index: int) -> Any:
        if isinstance(item, str):
            return f"{item}{index}" if index else item
        if isinstance(item, bool):
            return item if index == 0 else not item
        if isinstance(item, (int, float)):
            return item + index
        return {"_": index} if isinstance(item, dict) and index else item

    def _string(self, schema: Any, node: Mapping[str, Any], name: str) -> str:
        low: int = node["minLength"] if isinstance(node.get("minLength"), int) else 0
        high: int | None = node["maxLength"] if isinstance(node.get("maxLength"), int) else None
        candidates: list[str] = []
        fmt = node.get("format")
        if fmt == "uuid" or name.lower().endswith("uuid"):
            candidates.append(str(uuid.uuid5(uuid.NAMESPACE_URL, f"talon-dyn:{self.seed}:{name}")))
        elif isinstance(fmt, str) and fmt in _FORMATS:
            candidates.append(_FORMATS[fmt])
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            generated = pattern_text(pattern)
            if generated is not None:
                candidates.append(generated)
        candidates.append("")  # neutral, where the schema allows it
        if name and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name):
            candidates.append(name)
        candidates.extend(_WORDS)
        fitted = [self._fit(text, low, high) for text in candidates]
        for text in fitted:
            if self.valid(schema, text):
                return text
        return fitted[0]

    @staticmethod
    def _fit(text: str, low: int, high: int | None) -> str:
        if len(text) < low:
            text = text + (text[-1:] or "x") * (low - len(text))
        if high is not None and len(text) > high:
            text = text[:high]
        return text

    @staticmethod
    def _number(node: Mapping[str, Any], integer: bool) -> int | float:
        low, high = node.get("minimum"), node.get("maximum")
        above, below = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
        step = node.get("multipleOf")
        value: float = 0.0  # neutral: nothing counted, nothing owed
        if isinstance(low, (int, float)) and not isinstance(low, bool):
            value = max(value, float(low)) if not isinstance(high, (int, float)) else float(low)
        if isinstance(above, (int, float)) and not isinstance(above, bool) and value <= above:
            value = above + (1 if integer else 0.5)
        if isinstance(high, (int, float)) and not isinstance(high, bool) and value > high:
            value = float(high)
        if isinstance(below, (int, float)) and not isinstance(below, bool) and value >= below:
            value = below - (1 if integer else 0.5)
        if isinstance(step, (int, float)) and step > 0:
            value = math.ceil(value / step) * step
        if integer:
            return math.ceil(value)
        return value

    # -- mending ---------------------------------------------------------------------

    def mend(self, schema: Any, value: Any, name: str = "", depth: int = 0) -> Any:
        """``value`` changed only where ``schema`` refuses it (see the module docstring)."""
        if self.valid(schema, value) or depth > MAX_DEPTH:
            return value
        node = self._node(schema)
        if isinstance(value, dict):  # conditional parts (``Effect.props`` typed by ``effectType``) that apply
            for part in node.get("allOf") or ():
                if isinstance(part, Mapping) and "if" in part and "then" in part and self.valid(part["if"], value):
                    value = self.mend(part["then"], value, name, depth + 1)
            if self.valid(schema, value):
                return value
        for combinator in ("oneOf", "anyOf"):
            options = node.get(combinator)
            if isinstance(options, list):
                for option in options:
                    mended = self.mend(option, value, name, depth + 1)
                    if self.valid(schema, mended):
                        return mended
        properties, required, additional, kind = self._shape(schema)
        if isinstance(value, dict) and (properties or required or kind in ("object", ["object", "null"])):
            mended_object: dict[str, Any] = {}
            for key, item in value.items():
                if key in properties:
                    mended_object[key] = self.mend(properties[key], item, key, depth + 1)
                elif additional is False:
                    continue
                elif isinstance(additional, Mapping):
                    mended_object[key] = self.mend(additional, item, key, depth + 1)
                else:
                    mended_object[key] = item
            for key in sorted(required - set(mended_object)):
                mended_object[key] = self.build(properties.get(key, True), key, depth + 1)
            if self.valid(schema, mended_object):
                return mended_object
        if isinstance(value, list) and (kind == "array" or "items" in node):
            items = node.get("items", True)
            mended_list = [self.mend(items, item, name, depth + 1) for item in value]
            high = node.get("maxItems")
            if isinstance(high, int):
                mended_list = mended_list[:high]
            low = node.get("minItems")
            while isinstance(low, int) and len(mended_list) < low:
                mended_list.append(self.build(items, name, depth + 1))
            if self.valid(schema, mended_list):
                return mended_list
        return self.build(schema, name, depth)
