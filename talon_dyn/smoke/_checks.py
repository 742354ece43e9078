"""The named checks: small functions that read one exchange and return failure records.

Each takes the spec, the operation and the exchange (plus, for scenario expectations,
what was expected) and returns a list of ``Failure`` - empty when the check passes. The
function's name is the check's stable title in every report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from .._model.spec import Operation, Spec, is_json_media
from ._jsonpath import find
from ._records import Exchange, Failure

__all__ = [
    "CONFORMANCE",
    "Check",
    "content_type_conformance",
    "credentials_accepted",
    "credentials_proven",
    "effect_types",
    "error_response_conformance",
    "expected_effects",
    "expected_status",
    "expected_values",
    "identifiers_echoed",
    "not_a_server_error",
    "refused_with_4xx",
    "request_completes",
    "response_conformance",
    "response_schema_conformance",
    "response_time",
    "status_code_conformance",
    "summary_of",
    "unauthorized_with_401",
    "undocumented_refusal",
]

Check = Callable[[Spec, Operation, Exchange], list[Failure]]
MAX_ISSUES = 3


def _fail(
    check: Callable[..., Any], operation: Operation, exchange: Exchange, message: str, expect: str | None = None
) -> list[Failure]:
    return [Failure(check.__name__, operation.operation_id, message, exchange, expect)]


def _media(exchange: Exchange) -> str:
    assert exchange.response is not None
    return str(exchange.response.headers.get("content-type", "")).split(";", 1)[0].strip().lower()


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


def _decoded(exchange: Exchange) -> tuple[bool, Any]:
    """Strict JSON (RFC 8259): ``NaN`` and ``Infinity``, which Python would accept, are refused."""
    assert exchange.response is not None
    try:
        return True, json.loads(exchange.response.content, parse_constant=_not_json)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested past what Python reads: not usable JSON
        return False, None


def body_of(exchange: Exchange) -> Any:
    """The decoded JSON body, or None."""
    if exchange.response is None or not exchange.response.content:
        return None
    return _decoded(exchange)[1]


# -- conformance: every response -------------------------------------------------------------------


def summary_of(exchange: Exchange) -> str:
    """``": <message>"`` of an ErrorResponse body, clipped, or ``""``."""
    body = body_of(exchange)
    message = body.get("message") if isinstance(body, Mapping) else None
    return f": {message[:200]}" if isinstance(message, str) and message else ""


def credentials_accepted(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """A 401 or 403 where a success (or a 4xx about the request itself) was expected is never "ok": the
    deployment refused the run's credentials, so nothing else about the answer was checked."""
    if exchange.response is None or exchange.response.status_code not in (401, 403):
        return []
    status = exchange.response.status_code
    message = f"the credentials were refused (HTTP {status}){summary_of(exchange)}"
    return _fail(credentials_accepted, operation, exchange, message, "response.status_code not in (401, 403)")


def credentials_proven(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """The credentials probe proves the key only with a documented answer in the documented media type: a
    200 ``text/html`` login page or a 307 to somewhere else proves nothing, and the report says what came."""
    assert exchange.response is not None
    response = exchange.response
    status = response.status_code
    documented = operation.response_for(status)
    media = _media(exchange) or "no content type"
    if status >= 500:
        return []  # a server error proves nothing either way: the report says so, the run goes on
    if 300 <= status < 400:
        where = response.headers.get("location", "")[:200]
        what = f"a redirect {status} to {where or 'nowhere'}"
    elif documented is None:
        what = f"{status} {response.reason_phrase}, which {operation.operation_id} does not document"
    elif documented.is_json and response.content and media != "application/json" and not media.endswith("+json"):
        what = f"{status} {media}, not the JSON {operation.operation_id} documents"
    else:
        return []
    return _fail(credentials_proven, operation, exchange, f"the credentials were not proven: the probe got {what}")


def request_completes(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """An answer came back: no timeout, reset or unreadable body."""
    if exchange.response is None:
        return _fail(request_completes, operation, exchange, f"no response: {exchange.error}")
    return []


def not_a_server_error(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """The status is not 5xx."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if status >= 500:
        message = f"server error {status}{_message(exchange)}"
        return _fail(not_a_server_error, operation, exchange, message, "response.status_code < 500")
    return []


def status_code_conformance(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """The status is one the operation documents."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if operation.response_for(status) is None:
        documented = ", ".join(operation.responses)
        return _fail(
            status_code_conformance,
            operation,
            exchange,
            f"status {status} is not documented (documented: {documented})",
            f"response.status_code in {tuple(_documented(operation))!r}"
            + (f" or response.status_code // 100 in {tuple(_ranges(operation))!r}" if _ranges(operation) else ""),
        )
    return []


def content_type_conformance(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """A documented JSON body comes labelled and parseable as JSON; a documented empty answer has no body."""
    assert exchange.response is not None
    documented = operation.response_for(exchange.response.status_code)
    if documented is None:
        return []
    media = _media(exchange)
    content = exchange.response.content
    if documented.content_type is None:
        if content:
            return _fail(
                content_type_conformance,
                operation,
                exchange,
                f"a {len(content)}-byte {media or 'unlabelled'} body where no content is documented",
            )
        return []
    if not documented.is_json:
        return []
    if not is_json_media(media):
        return _fail(
            content_type_conformance,
            operation,
            exchange,
            f"content type {media or 'missing'!r} where {documented.content_type!r} is documented",
        )
    if not _decoded(exchange)[0]:
        start = content[:60].decode("utf-8", "replace")
        problem = next((word for word in ("NaN", "Infinity") if word.encode() in content), None)
        detail = f"it contains {problem}" if problem else f"it starts {start!r}"
        return _fail(content_type_conformance, operation, exchange, f"body is not valid JSON; {detail}")
    return []


def response_schema_conformance(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """The body validates against the documented schema for its status."""
    assert exchange.response is not None
    documented = operation.response_for(exchange.response.status_code)
    if documented is None or documented.schema_pointer is None or not documented.is_json:
        return []
    decoded, body = _decoded(exchange)
    if not decoded:
        return []  # content_type_conformance reports it
    issues = spec.validator.issues(documented.schema_pointer, body)
    if not issues:
        return []
    shown = "; ".join(f"{issue.json_path}: {issue.message}" for issue in issues[:MAX_ISSUES])
    more = f" (+{len(issues) - MAX_ISSUES} more)" if len(issues) > MAX_ISSUES else ""
    reference = (documented.schema or {}).get("$ref")
    schema = str(reference).rsplit("/", 1)[-1] if reference else "the documented schema"
    return _fail(
        response_schema_conformance,
        operation,
        exchange,
        f"{exchange.response.status_code} body does not match {schema}: {_clip(shown)}{more}",
    )


def _named_values(body: Any, name: str, entities: frozenset[str]) -> Iterator[tuple[str, Any]]:
    """(JSON path, value) of every key ``name`` in ``body`` (but ``integrationId``, which every entity has), and of
    ``integrationId`` in an object held under one of ``entities`` (``customerSession`` for a path value
    ``customerSessionId``), at any depth (bounded)."""
    stack: list[tuple[Any, str, int, bool]] = [(body, "$", 0, False)]
    while stack:
        node, path, depth, entity = stack.pop()
        if depth > 12:
            continue
        if isinstance(node, dict):
            for key, value in node.items():
                where = f"{path}.{key}"
                if key == name and name != "integrationId" and isinstance(value, str):
                    yield where, value  # (every entity has an integrationId: only the entity's own counts)
                elif entity and key == "integrationId" and isinstance(value, str):
                    yield where, value
                stack.append((value, where, depth + 1, key in entities))
        elif isinstance(node, list):
            stack.extend((item, f"{path}[{index}]", depth + 1, entity) for index, item in enumerate(node))


_ENTITY_OF_INTEGRATION_ID = frozenset({"customerProfile", "profile"})


def identifiers_echoed(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """Where a success answer names the identifier the request's path named (a key of the same name, or the
    ``integrationId`` of the entity it names: ``customerSession`` for ``customerSessionId``, the profile for
    ``integrationId``), it is the same value, in every nested object."""
    response = exchange.response
    if response is None or not 200 <= response.status_code < 300 or not exchange.arguments:
        return []
    body = body_of(exchange)
    if not isinstance(body, (dict, list)):
        return []
    failures: list[Failure] = []
    for parameter in operation.path_parameters:
        sent = exchange.arguments.get(parameter.python_name)
        if not isinstance(sent, str):
            continue
        name = parameter.name
        entities = (
            _ENTITY_OF_INTEGRATION_ID
            if name == "integrationId"
            else frozenset({name[:-2]} if name.endswith("Id") else ())
        )
        for where, value in _named_values(body, name, entities):
            if value != sent:
                message = f"{where} is {value!r}, but the request named {name} {sent!r}"
                failures += _fail(identifiers_echoed, operation, exchange, message)
                break
    return failures


def response_time(operation: Operation, exchange: Exchange, limit: float) -> list[Failure]:
    """The answer came within ``limit`` seconds (``--max-response-time``)."""
    if exchange.response is None or exchange.elapsed <= limit:
        return []
    message = f"answered in {exchange.elapsed:.2f} s, over the limit of {limit:g} s"
    return [Failure("response_time", operation.operation_id, message, exchange, f"elapsed <= {limit!r}")]


CONFORMANCE: tuple[Check, ...] = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    identifiers_echoed,
)


def response_conformance(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """Every conformance check, after ``request_completes`` (nothing else runs without a response)."""
    failures = request_completes(spec, operation, exchange)
    if failures:
        return failures
    return [failure for check in CONFORMANCE for failure in check(spec, operation, exchange)]


# -- negative probes -----------------------------------------------------------------------------------


def refused_with_4xx(spec: Spec, operation: Operation, exchange: Exchange, violation: str = "") -> list[Failure]:
    """An invalid request is refused with a 4xx status (a 5xx is ``not_a_server_error``'s to report)."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if status < 400:
        what = f" ({violation})" if violation else ""
        message = f"an invalid request{what} was answered {status}, not 4xx"
        return _fail(refused_with_4xx, operation, exchange, message, "400 <= response.status_code < 500")
    return []


def undocumented_refusal(operation: Operation, exchange: Exchange, *, credentials: bool = False) -> bool:
    """Whether a probe was refused the way HTTP refuses it (400/422 for invalid data; 401 for a bad key, with
    ``credentials``) by an operation that documents no such answer (nor ``4XX`` or ``default``): a gap of the
    spec, not a regression of the server. Talon's current spec documents neither for many operations that
    answer both."""
    assert exchange.response is not None
    statuses = ("401",) if credentials else ("400", "422")
    if str(exchange.response.status_code) not in statuses:
        return False
    return not any(key in operation.responses for key in (*statuses, "4XX", "4xx", "default"))


def error_response_conformance(spec: Spec, operation: Operation, exchange: Exchange) -> list[Failure]:
    """A 4xx answer carries an ErrorResponse-shaped body (the documented error schema, else ErrorResponse)."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if not 400 <= status < 500:
        return []
    documented = operation.response_for(status)
    pointer = documented.schema_pointer if documented is not None else None
    if pointer is None and "ErrorResponse" in ((spec.document.get("components") or {}).get("schemas") or {}):
        pointer = "/components/schemas/ErrorResponse"
    if pointer is None:
        return []
    decoded, body = _decoded(exchange)
    if not decoded:
        return _fail(error_response_conformance, operation, exchange, f"{status} answer has no JSON error body")
    issues = spec.validator.issues(pointer, body)
    if issues:
        shown = "; ".join(f"{issue.json_path}: {issue.message}" for issue in issues[:MAX_ISSUES])
        return _fail(error_response_conformance, operation, exchange, f"{status} error body: {_clip(shown)}")
    return []


def unauthorized_with_401(
    spec: Spec, operation: Operation, exchange: Exchange, what: str = "an invalid API key"
) -> list[Failure]:
    """A request with bad credentials (``what``) is answered 401 (a 5xx is ``not_a_server_error``'s to report)."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if status != 401 and status < 500:
        message = f"{what} was answered {status}, not 401"
        return _fail(unauthorized_with_401, operation, exchange, message, "response.status_code == 401")
    return []


# -- scenario expectations -------------------------------------------------------------------------------


def expected_status(spec: Spec, operation: Operation, exchange: Exchange, wanted: Sequence[int]) -> list[Failure]:
    """The status is the one the scenario step expects."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if status not in wanted:
        expected = " or ".join(map(str, wanted))
        message = f"status {status}, expected {expected}{_message(exchange)}"
        return _fail(expected_status, operation, exchange, message, f"response.status_code in {tuple(wanted)!r}")
    return []


def expected_values(spec: Spec, operation: Operation, exchange: Exchange, wanted: Mapping[str, Any]) -> list[Failure]:
    """Each JSON path holds the value (or meets the condition) the scenario step expects."""
    body = body_of(exchange)
    failures = []
    for path, condition in wanted.items():
        found, value = find(body, path)
        problem = _compare(found, value, condition)
        if problem:
            failures += _fail(expected_values, operation, exchange, f"{path}: {problem}")
    return failures


def _compare(found: bool, value: Any, condition: Any) -> str:
    shown = json.dumps(value)[:120] if found else "missing"
    if not isinstance(condition, Mapping):
        if not found or value != condition or isinstance(value, bool) != isinstance(condition, bool):
            return f"{shown}, expected {json.dumps(condition)}"
        return ""
    problems = []
    for test, operand in condition.items():
        if test == "exists":
            if found != bool(operand):
                problems.append(f"{shown}, expected it {'present' if operand else 'absent'}")
            continue
        if not found:
            problems.append(f"missing, expected {test} {json.dumps(operand)}")
            continue
        ok = _OPERATORS[test](value, operand)
        if not ok:
            problems.append(f"{shown}, expected {test} {json.dumps(operand)}")
    return "; ".join(problems)


def _numeric(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "equals": lambda value, operand: bool(value == operand),
    "not": lambda value, operand: bool(value != operand),
    "contains": lambda value, operand: isinstance(value, (list, str, dict)) and operand in value,
    "excludes": lambda value, operand: isinstance(value, (list, str, dict)) and operand not in value,
    "length": lambda value, operand: isinstance(value, (list, str, dict)) and len(value) == operand,
    "gte": lambda value, operand: _numeric(value) and value >= operand,
    "lte": lambda value, operand: _numeric(value) and value <= operand,
    "matches": lambda value, operand: isinstance(value, str) and re.search(str(operand), value) is not None,
}
OPERATORS = frozenset(_OPERATORS) | {"exists"}


def effect_types(body: Any) -> list[str]:
    """Effect names in a response: v2 ``effects[].effectType`` and v1 ``event.effects[][3][0]``."""
    names: list[str] = []
    if not isinstance(body, Mapping):
        return names
    for effect in body.get("effects") or []:
        if isinstance(effect, Mapping) and isinstance(effect.get("effectType"), str):
            names.append(effect["effectType"])
    event = body.get("event")
    for effect in (event.get("effects") or []) if isinstance(event, Mapping) else []:
        if isinstance(effect, list) and len(effect) > 3 and isinstance(effect[3], list) and effect[3]:
            names.append(str(effect[3][0]))
    return names


def expected_effects(
    spec: Spec, operation: Operation, exchange: Exchange, present: Sequence[str], absent: Sequence[str]
) -> list[Failure]:
    """The effects the scenario step expects are present, and those it rules out are absent."""
    names = effect_types(body_of(exchange))
    failures = []
    missing = [name for name in present if name not in names]
    unwanted = [name for name in absent if name in names]
    if missing:
        failures += _fail(expected_effects, operation, exchange, f"effects {missing} missing (got {names or 'none'})")
    if unwanted:
        failures += _fail(expected_effects, operation, exchange, f"effects {unwanted} present (got {names})")
    return failures


def _documented(operation: Operation) -> list[int]:
    return sorted(int(status) for status in operation.responses if status.isdigit())


def _ranges(operation: Operation) -> list[int]:
    """``2XX``-style ranges (as their first digit), and every one with a ``default``."""
    if "default" in operation.responses:
        return [1, 2, 3, 4, 5]
    return sorted(int(status[0]) for status in operation.responses if len(status) == 3 and status[1:].upper() == "XX")


def _message(exchange: Exchange) -> str:
    body = body_of(exchange)
    if isinstance(body, Mapping) and isinstance(body.get("message"), str):
        return f": {_clip(body['message'], 160)}"
    return ""


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
