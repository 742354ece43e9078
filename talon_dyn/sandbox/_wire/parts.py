"""A request's parts read as the spec declares them: path values, the query, the JSON body.

``RequestParts`` coerces and validates each part against the operation's schemas; a part that
is wrong raises ``ApiProblem`` (400) naming the parameter or JSON pointer, before any handler runs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from ..._client.codec import is_utf8
from ..._json import loads
from ..._model.document import nested_deeper_than
from ..._model.pointer import escape
from ..._model.spec import Operation, Parameter, Spec, is_json_media
from .._domain.context import ApiProblem
from .replies import INVALID, problem

__all__ = ["MAX_BODY_NESTING", "RequestParts", "may_hold_a_huge_number"]

MAX_BODY_NESTING = 64
"""Deepest JSON nesting accepted in a request body."""

INT64 = 2**63
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_NUMBER_SHAPES = bytes.maketrans(b"123456789E-", b"000000000e+")
"""Digits to 0, exponent marks and signs to one spelling, so a few substring tests find what a regex found."""


def may_hold_a_huge_number(body: bytes) -> bool:
    """Whether ``body`` could hold an integer beyond 64 bits (19+ digits), an exponent of 3+ digits, Infinity
    or NaN: a cheap superset test; ``_unstorable`` then checks the parsed value exactly. (The regex this replaces,
    ``\\d{19}|[eE][+-]?\\d{3}|Infinity|NaN``, cost ~40 us on a 20-item session body; this costs ~6 us.)"""
    shapes = body.translate(_NUMBER_SHAPES)
    return (
        b"0000000000000000000" in shapes
        or b"e000" in shapes
        or b"e+000" in shapes
        or b"Infinity" in body
        or b"NaN" in body
    )


def _unstorable(value: Any) -> tuple[str, str, str] | None:
    """``(title, details, pointer)`` for the first value JSON allows but no Talon type holds: a lone
    surrogate in a string (no UTF-8 form), an integer beyond 64 bits, a number beyond a double."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, str):
            if not is_utf8(node):
                return "Invalid string", "a string contains a lone surrogate, which has no UTF-8 form", pointer
        elif isinstance(node, bool):
            continue
        elif isinstance(node, int):
            if not -INT64 <= node < INT64:
                return "Out of range", "an integer is beyond the 64 bits any Talon.One number holds", pointer
        elif isinstance(node, float):
            if not math.isfinite(node):
                return "Out of range", "a number is beyond what a double holds", pointer
        elif isinstance(node, dict):
            for key, item in node.items():
                if not is_utf8(str(key)):
                    return "Invalid string", "a key contains a lone surrogate, which has no UTF-8 form", pointer
                stack.append((item, f"{pointer}/{escape(key)}"))
        elif isinstance(node, list):
            stack.extend((item, f"{pointer}/{index}") for index, item in enumerate(node))
    return None


def _coerce(parameter: Parameter, values: list[str]) -> Any:
    schema = parameter.schema
    kind = schema.get("type")
    if kind == "array":
        item = (schema.get("items") or {}).get("type")
        return [_scalar(item, value, parameter.name) for value in values]
    return _scalar(kind, values[-1], parameter.name)


def _scalar(kind: Any, text: str, name: str) -> Any:
    try:
        if kind == "boolean":
            if text.lower() not in ("true", "false"):
                raise ValueError
            return text.lower() == "true"
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        raise problem(400, INVALID, "Invalid type", f"{text!r} is not a valid {kind}", {"parameter": name}) from None
    return text


def _form_fields(body: bytes, content_type: str, media: str) -> dict[str, Any]:
    """The fields of a form body: ``multipart/form-data`` through the standard library's MIME parser (a file
    part's content as text when it is UTF-8, else its bytes), ``application/x-www-form-urlencoded`` by
    ``parse_qsl`` (a name given twice keeps its values as a list)."""
    if media == "application/x-www-form-urlencoded":
        fields: dict[str, Any] = {}
        for name, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True):
            fields[name] = (
                [*fields[name], value]
                if isinstance(fields.get(name), list)
                else ([fields[name], value] if name in fields else value)
            )
        return fields
    from email.parser import BytesParser
    from email.policy import HTTP

    if "boundary=" not in content_type:
        raise problem(400, INVALID, "Malformed body", "a multipart body needs a boundary", {"pointer": ""})
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise problem(400, INVALID, "Malformed body", "the multipart body has no parts", {"pointer": ""})
    parts: dict[str, Any] = {}
    for part in message.iter_parts():
        field = part.get_param("name", header="content-disposition")
        if not isinstance(field, str):
            continue
        raw = part.get_payload(decode=True)
        content = raw if isinstance(raw, bytes) else b""
        try:
            parts[field] = content.decode("utf-8")  # a text field
        except UnicodeDecodeError:
            parts[field] = content  # a file's bytes
    return parts


def is_utf8_bytes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _too_deep() -> ApiProblem:
    return problem(400, INVALID, "Too deep", f"JSON nested more than {MAX_BODY_NESTING} levels deep", {"pointer": ""})


class RequestParts:
    """Reads path values, query and body of a request for one of ``spec``'s operations."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def path(self, operation: Operation, raw: Mapping[str, str]) -> dict[str, Any]:
        """The decoded path values, coerced to their schemas' types and validated."""
        values: dict[str, Any] = {}
        for parameter in operation.path_parameters:
            values[parameter.name] = _coerce(parameter, [raw[parameter.name]])
            self._check_parameter(parameter, values[parameter.name])
        return values

    def query(self, operation: Operation, query: str) -> dict[str, Any]:
        """The query parameters the operation declares, coerced and validated (others are ignored, as Talon does)."""
        raw: dict[str, list[str]] = {}
        for key, value in parse_qsl(query, keep_blank_values=True):
            raw.setdefault(key, []).append(value)
        values: dict[str, Any] = {}
        for parameter in operation.parameters:
            if parameter.location != "query":
                continue
            if parameter.name not in raw:
                if parameter.required:
                    details = f"query parameter {parameter.name!r} is required"
                    raise problem(400, INVALID, "Required", details, {"parameter": parameter.name})
                continue
            values[parameter.name] = value = _coerce(parameter, raw[parameter.name])
            self._check_parameter(parameter, value)
        return values

    def _check_parameter(self, parameter: Parameter, value: Any) -> None:
        schema = parameter.schema_pointer or parameter.schema
        if parameter.schema and not self.spec.validator.is_valid(schema, value):
            issue = self.spec.validator.issues(schema, value)[0]
            title = issue.keyword or "Invalid"
            raise problem(400, INVALID, title, issue.message[:300], {"parameter": parameter.name})

    def body(self, operation: Operation, body: bytes, content_type: str | None) -> Any:
        """The body, parsed as the operation's media type says and validated; None when the operation takes none
        or none was sent. JSON (and ``+json``) is parsed as JSON; forms (``multipart/form-data``,
        ``application/x-www-form-urlencoded``) as a mapping of their fields; ``text/*`` as text; anything else
        (``application/octet-stream``) is kept as bytes, unchecked."""
        spec_body = operation.body
        if spec_body is None:
            return None
        if not spec_body.is_json:
            return self._other_body(operation, body, content_type)
        if body.strip() and content_type and spec_body.is_json and not is_json_media(content_type):
            # A missing Content-Type is accepted, as the service accepted it (SEMANTICS.md 8);
            # one that names another format is refused.
            details = f"the request body must be JSON (Content-Type: application/json), not {content_type[:100]!r}"
            raise problem(400, INVALID, "Unsupported content type", details, {"parameter": "Content-Type"})
        if not body.strip():
            if spec_body.required:
                raise problem(400, INVALID, "Required", "a request body is required", {"pointer": ""})
            return None
        try:
            value = loads(body)
        except RecursionError:
            raise _too_deep() from None
        except ValueError as exc:
            details = f"the request body is not valid JSON: {exc}"
            raise problem(400, INVALID, "Malformed JSON", details, {"pointer": ""}) from None
        if body.count(b"[") + body.count(b"{") > MAX_BODY_NESTING and nested_deeper_than(value, MAX_BODY_NESTING):
            raise _too_deep()
        if _SURROGATE_ESCAPE.search(body) or may_hold_a_huge_number(body):
            found = _unstorable(value)
            if found is not None:
                raise problem(400, INVALID, found[0], found[1], {"pointer": found[2]})
        self._check(spec_body.schema_pointer or spec_body.schema, value)
        return value

    def _check(self, schema: Any, value: Any) -> None:
        """A 400 naming every JSON pointer where ``value`` breaks ``schema`` (none when there is no schema)."""
        if schema is None:
            return
        issues = self.spec.validator.issues(schema, value)
        if issues:
            errors = [
                {
                    "title": issue.keyword or "Invalid",
                    "details": issue.message[:300],
                    "source": {"pointer": issue.pointer},
                }
                for issue in issues[:20]
            ]
            raise ApiProblem(400, INVALID, errors)

    def _other_body(self, operation: Operation, body: bytes, content_type: str | None) -> Any:
        """A body that is not JSON, read as its declared media type (see ``body``)."""
        spec_body = operation.body
        assert spec_body is not None
        if not body:
            if spec_body.required:
                raise problem(400, INVALID, "Required", "a request body is required", {"pointer": ""})
            return None
        media = spec_body.content_type.split(";", 1)[0].strip().lower()
        if media.startswith("multipart/") or media == "application/x-www-form-urlencoded":
            value: Any = _form_fields(body, content_type or spec_body.content_type, media)
        elif media.startswith("text/"):
            if not is_utf8_bytes(body):
                raise problem(400, INVALID, "Malformed body", f"a {media} body must be UTF-8 text", {"pointer": ""})
            value = body.decode("utf-8")
        else:
            return body  # octet-stream and kin: bytes, which no JSON Schema describes
        if isinstance(value, dict) and spec_body.schema is not None:
            value = _typed_fields(self.spec.resolve(spec_body.schema), value)
        self._check(spec_body.schema_pointer or spec_body.schema, _jsonable(value))
        return value


def _typed_fields(schema: Mapping[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Form fields arrive as text: each is read as the type its property declares (a wrong one is a 400)."""
    found = schema.get("properties")
    properties: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    typed: dict[str, Any] = {}
    for name, value in fields.items():
        declared = properties.get(name)
        kind = declared.get("type") if isinstance(declared, Mapping) else None
        if isinstance(value, str) and kind in ("integer", "number", "boolean"):
            typed[name] = _scalar(kind, value, name)
        else:
            typed[name] = value
    return typed


def _jsonable(value: Any) -> Any:
    """What the validator sees of a form: a file part that is not UTF-8 text stands as a string (its bytes
    latin-1 decoded), so ``type: string, format: binary`` holds for it."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value
