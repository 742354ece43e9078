"""Pure request building and response interpretation, shared by both clients.

``prepare`` turns call arguments into the bytes to send (validating first, so a bad
argument never reaches the network); ``interpret`` reads a response as an ordered
pipeline: status, empty body, content type, decode, schema. Nothing here does I/O.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple, Protocol
from urllib.parse import quote, urlencode

import httpx

from .. import _json
from .._exceptions import (
    InvalidJSON,
    MissingCredentials,
    RequestValidationError,
    ResponseValidationError,
    UnexpectedContentType,
    UnexpectedStatus,
    api_error_class,
)
from .._logs import logger
from .._model.spec import Operation, Parameter, Spec, is_json_media
from .auth import Credentials
from .drift import Drift, records_from_issues

__all__ = [
    "MODES",
    "UNSENDABLE_HEADER_TEXT",
    "ApiResponse",
    "Mode",
    "Prepared",
    "TalonValidationWarning",
    "interpret",
    "is_utf8",
    "prepare",
]

Mode = Literal["strict", "warn", "off"]
MODES: tuple[Mode, ...] = ("strict", "warn", "off")
# What a header may carry: printable ASCII and tab. CR, LF and NUL could split the request; other
# control characters and non-ASCII text make httpx or h11 fail later with the value in the message.
UNSENDABLE_HEADER_TEXT = re.compile(r"[^\t\x20-\x7e]")


class TalonValidationWarning(UserWarning):
    """A validation problem reported, not raised, because the mode is ``warn``."""


class Prepared(NamedTuple):
    """A request ready to send: method, path and query, headers and exact body bytes."""

    operation: Operation
    method: str
    target: str
    headers: dict[str, str]
    content: bytes | None


class ApiResponse(NamedTuple):
    """What ``client.with_response.<operation>(...)`` returns: the data, the HTTP details and how the call went."""

    data: Any
    status_code: int
    headers: httpx.Headers
    http_response: httpx.Response
    request_id: str | None = None
    """The server's request id (``X-Request-Id`` and kin), when it sent one."""
    attempts: tuple[str, ...] = ("",)
    """Why each attempt ended, one line each ("" for the one that got this answer)."""
    elapsed: float = 0.0
    """Seconds the whole call took, every attempt and wait included."""


class Answer(Protocol):
    """What ``interpret`` reads: status, a header look-up, the decoded body, and the httpx.Response for errors."""

    status: int
    content: bytes

    def header(self, name: bytes) -> str | None: ...

    @property
    def response(self) -> httpx.Response: ...


def _problem(mode: Mode, error: Exception) -> None:
    if mode == "strict":
        raise error
    if mode == "warn":
        warnings.warn(str(error), TalonValidationWarning, stacklevel=4)


def encode_path_value(value: Any) -> str:
    """Percent-encode one path value so that nothing in it can change the route."""
    text = _scalar_text(value)
    encoded = quote(text, safe="")
    if encoded in (".", ".."):  # dot segments would be removed by URL normalisation
        encoded = encoded.replace(".", "%2E")
    return encoded


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def is_utf8(text: str) -> bool:
    """Whether ``text`` can be sent as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_parameter(spec: Spec, operation: Operation, parameter: Parameter, value: Any, mode: Mode) -> None:
    if parameter.location == "path" and value == "":
        raise RequestValidationError(
            operation.operation_id,
            "must not be empty: an empty path value would change the route",
            location=f"{parameter.location} parameter {parameter.python_name!r}",
        )
    for item in value if isinstance(value, (list, tuple)) else (value,):
        if isinstance(item, str) and not is_utf8(item):
            raise RequestValidationError(
                operation.operation_id,
                "contains a lone surrogate, which cannot be sent as UTF-8",
                location=f"{parameter.location} parameter {parameter.python_name!r}",
            )
    location = f"{parameter.location} parameter {parameter.python_name!r}"
    _validate_request(spec, operation, parameter.schema_pointer, value, location, mode)


def _validate_request(
    spec: Spec, operation: Operation, schema_pointer: str | None, value: Any, location: str, mode: Mode
) -> None:
    """Raise (or warn about) the first schema problem of one request part, listing all of them."""
    if mode == "off" or schema_pointer is None:
        return
    issues = spec.validator.issues(schema_pointer, value)
    if issues:
        message, details = _described(issues)
        _problem(mode, RequestValidationError(operation.operation_id, message, location=location, **details))


def _encode_body(operation: Operation, body: Any) -> bytes:
    try:
        return _json.dumps(body)
    except RecursionError:
        raise RequestValidationError(
            operation.operation_id, "cannot be encoded as JSON: nested too deeply", location="body"
        ) from None
    except (TypeError, ValueError) as exc:
        raise RequestValidationError(
            operation.operation_id, f"cannot be encoded as JSON: {exc}", location="body"
        ) from None


def prepare(
    spec: Spec,
    operation: Operation,
    arguments: Mapping[str, Any],
    credentials: Credentials,
    *,
    mode: Mode = "strict",
    extra_headers: Mapping[str, str] | None = None,
) -> Prepared:
    """Validate ``arguments`` (by Python name) and build the request; raises before any I/O.

    In stages, as ``interpret`` reads an answer: parameters (path, query, header, cookie), the body, the
    configured headers, then the credentials (which may sign the body's exact bytes)."""
    headers: dict[str, str] = {"Accept": "application/json"}
    path_values, query = _parameters(spec, operation, arguments, headers, mode)
    content = _body(spec, operation, arguments.get("body"), headers, mode)
    if extra_headers:
        _configured(headers, extra_headers)
    _authorize(spec, operation, credentials, headers, content)
    target = _fill_path(operation, path_values) + ("?" + urlencode(query, quote_via=quote) if query else "")
    return Prepared(operation, operation.method, target, headers, content)


def _parameters(
    spec: Spec, operation: Operation, arguments: Mapping[str, Any], headers: dict[str, str], mode: Mode
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each parameter checked and placed: path values (encoded), query pairs, header and cookie values."""
    path_values: dict[str, str] = {}
    query: list[tuple[str, str]] = []
    for parameter in operation.parameters:
        value = arguments.get(parameter.python_name)
        if value is None:
            if parameter.required:
                raise RequestValidationError(
                    operation.operation_id,
                    "is required",
                    location=f"{parameter.location} parameter {parameter.python_name!r}",
                )
            continue
        _check_parameter(spec, operation, parameter, value, mode)
        if parameter.location == "path":
            path_values[parameter.name] = encode_path_value(value)
        elif parameter.location == "query":
            values = value if isinstance(value, (list, tuple)) else [value]
            query.extend((parameter.name, _scalar_text(item)) for item in values)
        elif parameter.location == "header":
            headers[parameter.name] = _header_value(operation, parameter.name, value)
        else:  # every cookie parameter in one Cookie header (RFC 6265: pairs joined by "; ")
            pair = f"{parameter.name}={quote(_scalar_text(value), safe='')}"
            headers["Cookie"] = f"{headers['Cookie']}; {pair}" if "Cookie" in headers else pair
    return path_values, query


def _fill_path(operation: Operation, values: Mapping[str, str]) -> str:
    """The path template's literals joined with the encoded values (``Operation.path_pieces``, compiled once);
    a placeholder with no parameter behind it stays as written."""
    pieces = operation.path_pieces
    if len(pieces) == 1:
        return pieces[0]
    parts = [pieces[0]]
    for index in range(1, len(pieces), 2):
        name = pieces[index]
        found = values.get(name)
        parts.append(("{" + name + "}") if found is None else found)
        parts.append(pieces[index + 1])
    return "".join(parts)


def _header_value(operation: Operation, name: str, value: Any) -> str:
    """A header parameter's value as text. Credentials and configured headers are checked when the client is
    made; a header parameter's value arrives here, so it is checked here."""
    text = _scalar_text(value)
    if UNSENDABLE_HEADER_TEXT.search(text) or UNSENDABLE_HEADER_TEXT.search(name):
        raise RequestValidationError(
            operation.operation_id,
            "contains CR, LF or NUL, which could split the request, or another character a header cannot "
            "carry (only printable ASCII and tab)",
            location=f"header {name!r}",
        )
    return text


def _body(spec: Spec, operation: Operation, body: Any, headers: dict[str, str], mode: Mode) -> bytes | None:
    """The body checked and encoded as its media type says; its Content-Type set."""
    body_spec = operation.body
    if body_spec is None:
        return None
    if body is None:
        if body_spec.required:
            raise RequestValidationError(operation.operation_id, "is required", location="body")
        return None
    if body_spec.is_json:
        _validate_request(spec, operation, body_spec.schema_pointer, body, "body", mode)
        headers["Content-Type"] = body_spec.content_type
        return _encode_body(operation, body)
    media = body_spec.content_type.lower()
    if media.startswith("multipart/") and isinstance(body, Mapping):
        content, headers["Content-Type"] = _multipart(body)
        return content
    headers["Content-Type"] = body_spec.content_type
    if media == "application/x-www-form-urlencoded" and isinstance(body, Mapping):
        return urlencode(body, doseq=True).encode()
    return body if isinstance(body, bytes) else str(body).encode("utf-8")


def _configured(headers: dict[str, str], extra: Mapping[str, str]) -> None:
    """The client's configured headers, by name ignoring case: a configured Accept replaces ours rather than
    joining it."""
    for name, value in extra.items():
        for existing in [key for key in headers if key.lower() == name.lower()]:
            del headers[existing]
        headers[name] = value


def _authorize(
    spec: Spec, operation: Operation, credentials: Credentials, headers: dict[str, str], content: bytes | None
) -> None:
    """The credentials of the first security requirement they meet, applied (last: a signature covers the body)."""
    schemes = spec.security_schemes
    requirement = credentials.choose(operation.security, schemes)
    if requirement is None:
        names = [" + ".join(requirement) for requirement in operation.security]
        raise MissingCredentials(operation.operation_id, names)
    for scheme_name in requirement:
        credentials.apply(scheme_name, schemes.get(scheme_name) or {}, headers, content or b"")


def _multipart(body: Mapping[str, Any]) -> tuple[bytes, str]:
    """A multipart/form-data body as the exact bytes to sign and send, and its Content-Type (with boundary).

    Every field is a part: bytes and ``(filename, content[, type])`` tuples as files, anything else as a part with
    no filename. (Given as httpx's ``data=``, fields alone would be sent URL-encoded, which an operation that
    declares multipart/form-data does not read.)"""
    parts: list[tuple[str, Any]] = []
    for key, value in body.items():
        for item in value if isinstance(value, list) else [value]:  # a list: one part per value, as a form sends it
            parts.append((key, item if isinstance(item, (bytes, tuple)) else (None, _form_text(item))))
    request = httpx.Request("POST", "http://multipart.invalid/", files=parts)
    return request.read(), request.headers["Content-Type"]


def _form_text(value: Any) -> str:
    """A form field's text as a form would send it (JSON's spelling of booleans and null)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _decode(operation: Operation, answer: Answer, content: bytes) -> Any:
    try:
        return _json.loads(content)
    except RecursionError:
        raise InvalidJSON(
            operation.operation_id,
            "body is JSON nested too deeply to read (over Python's recursion limit)",
            response=answer.response,
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        snippet = content[:60].decode("utf-8", "replace")
        raise InvalidJSON(
            operation.operation_id, f"body is not valid JSON ({exc}); it starts {snippet!r}", response=answer.response
        ) from None


def _media(answer: Answer) -> str:
    return (answer.header(b"content-type") or "").split(";", 1)[0].strip().lower()


def interpret(
    spec: Spec,
    operation: Operation,
    answer: Answer,
    *,
    mode: Mode = "strict",
    drift: Drift | None = None,
    redact: Callable[[str], str] = str,
) -> Any:
    """The decoded body of a success answer, or the right error for anything else. In ``warn`` mode every
    schema mismatch is also counted on ``drift``, and the first of each kind warned about (text through
    ``redact``)."""
    status = answer.status
    content = answer.content
    documented = operation.response_for(status)
    if status >= 400:
        error_body = None
        if content and is_json_media(_media(answer)):
            try:
                error_body = _json.loads(content)
            except (ValueError, RecursionError):
                error_body = None
        if documented is None and status == 407:  # not Talon's answer: the proxy in between said no
            raise UnexpectedStatus(
                operation.operation_id,
                "HTTP 407 from the proxy: it refused the proxy credentials (check proxy= or HTTP(S)_PROXY's "
                "user and password); the request did not reach Talon",
                response=answer.response,
            )
        if documented is None and status != 429 and status < 500:
            raise UnexpectedStatus(
                operation.operation_id,
                f"status not documented for this operation{_summary(error_body)}",
                response=answer.response,
            )
        if documented is not None and documented.schema_pointer and error_body is not None and mode != "off":
            _check_answer(spec, documented.schema_pointer, operation, answer, error_body, mode, drift, redact)
        raise api_error_class(status)(
            operation.operation_id, answer.response, error_body if isinstance(error_body, Mapping) else None
        )
    if 300 <= status < 400:
        location = (answer.header(b"location") or "")[:300]
        where = f"to {location!r}" if location else "without a Location"
        raise UnexpectedStatus(
            operation.operation_id,
            f"a redirect {where}, not followed: talon_dyn follows no redirect (the credentials would go along); "
            "check base_url",
            response=answer.response,
        )
    if documented is None or not (200 <= status < 300):
        raise UnexpectedStatus(
            operation.operation_id, "status not documented for this operation", response=answer.response
        )
    if documented.schema_pointer is None:
        if content and is_json_media(_media(answer)):
            return _decode(operation, answer, content)
        return None
    if not documented.is_json:
        # A documented non-JSON body (the 2026 spec's CSV exports): text, or bytes when declared binary.
        if (documented.schema or {}).get("format") == "binary":
            return content
        return content.decode(answer.response.encoding or "utf-8", errors="replace")
    if not content:
        raise InvalidJSON(operation.operation_id, "empty body where JSON was expected", response=answer.response)
    media = _media(answer)
    if not is_json_media(media):
        raise UnexpectedContentType(
            operation.operation_id,
            f"content type {media or 'missing'!r} where {documented.content_type!r} was expected",
            response=answer.response,
        )
    data = _decode(operation, answer, content)
    if mode != "off":
        _check_answer(spec, documented.schema_pointer, operation, answer, data, mode, drift, redact)
    return data


def _check_answer(
    spec: Spec,
    schema: str,
    operation: Operation,
    answer: Answer,
    data: Any,
    mode: Mode,
    drift: Drift | None,
    redact: Callable[[str], str],
) -> None:
    """An answer checked against its schema: a mismatch raised (``strict``), or counted on the ledger with a
    warning (a ``TalonValidationWarning``, and one WARNING log line per new kind) the first time it is seen.

    An answer whose mismatches the ledger knows already (by the compiled engine's quick reading of them) is only
    counted: explaining them again, with the pure-Python engine, costs milliseconds a call."""
    validator = spec.validator
    if validator.is_valid(schema, data):
        return
    signature = None
    if mode == "warn" and drift is not None:
        found = validator.signature(schema, data)
        signature = None if found is None else (operation.operation_id, answer.status, found)
        if signature is not None and drift.count_known(signature):
            return
    issues = validator.issues(schema, data)
    if not issues:
        return
    error = _response_error(operation, answer, issues)
    if mode == "strict":
        raise error
    records = records_from_issues(operation.operation_id, answer.status, data, issues)
    new = records if drift is None else drift.add_answer(signature, records)
    for record in new:
        logger.warning(
            "drift: %s",
            redact(f"{record.operation} answered {record.status} with {record.json_path}: {record.message}"),
        )
    if new:
        warnings.warn(redact(str(error)), TalonValidationWarning, stacklevel=5)


def _summary(body: Any) -> str:
    if isinstance(body, Mapping) and isinstance(body.get("message"), str):
        return f": {body['message']}"
    return ""


def _response_error(operation: Operation, answer: Answer, issues: list[Any]) -> ResponseValidationError:
    message, details = _described(issues)
    return ResponseValidationError(operation.operation_id, message, response=answer.response, **details)


def _described(issues: list[Any]) -> tuple[str, dict[str, Any]]:
    """A validation error's message and fields from schema issues, the most relevant first."""
    first = issues[0]
    errors = tuple(f"{issue.json_path}: {issue.message}" for issue in issues)
    details = {"json_path": first.json_path, "expected": first.expected, "errors": errors}
    return f"{first.message} (expected {first.expected})", details
