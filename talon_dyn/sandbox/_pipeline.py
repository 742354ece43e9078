"""The request pipeline, from the spec: size, route, auth, parameters, body, handler, response.

``App.respond`` is pure request -> response (no I/O besides the store); the httpx
handler and the ASGI app are thin adapters over it. Routing, path-value decoding,
query coercion and body validation all come from the ``Spec``: there is no route
table here. Each call runs in one store transaction, rolled back on any error (and
for ``?dry=true`` when the spec declares ``dry``), so a bad request never changes state.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import re
import sqlite3
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .._auth import sign
from .._codec import is_utf8
from .._document import nested_deeper_than
from .._pointer import escape
from .._spec import Operation, Parameter, Spec, bundled_name, is_json_media
from ._campaigns import Campaigns
from ._config import SandboxConfig
from ._context import ApiProblem, RequestContext
from ._current import handlers_for
from ._faults import Fault, Faults, SessionWrites
from ._handlers import Call
from ._store import Rollback, Store
from ._synth import Instances
from ._time import format_time

__all__ = ["ADMIN_PREFIX", "MAX_BODY_NESTING", "Admission", "App", "Reply"]

logger = logging.getLogger("talon_dyn.sandbox")

MAX_BODY_NESTING = 64
"""Deepest JSON nesting accepted in a request body."""

Reply = tuple[int, list[tuple[str, str]], bytes]
JSON_HEADERS = [("content-type", "application/json")]


# allow_nan=False: JSON has no Infinity or NaN, and standard parsers (JS, Go, jq) refuse them.
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False, allow_nan=False).encode


def _reply(status: int, body: Any, headers: list[tuple[str, str]] | None = None, encoded: bytes | None = None) -> Reply:
    extra = headers or []
    if body is None:
        return status, extra, b""
    return status, JSON_HEADERS + extra, encoded if encoded is not None else _encode(body).encode()


def _error(status: int, message: str, title: str, details: str, source: dict[str, str]) -> ApiProblem:
    return ApiProblem(status, message, [{"title": title, "details": details, "source": source}])


def _encoded_or_problem(payload: Any) -> bytes:
    try:
        return _encode(payload).encode()
    except ValueError:
        raise _error(
            400,
            "The submitted data was invalid",
            "Out of range",
            "a number in the request makes a computed amount too large to represent",
            {"pointer": ""},
        ) from None


def _too_deep_problem() -> ApiProblem:
    return _error(
        400,
        "The submitted data was invalid",
        "Too deep",
        f"JSON nested more than {MAX_BODY_NESTING} levels deep",
        {"pointer": ""},
    )


INT64 = 2**63
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_NUMBER_SHAPES = bytes.maketrans(b"123456789E-", b"000000000e+")
"""Digits to 0, exponent marks and signs to one spelling, so a few substring tests find what a regex found."""


def _may_hold_a_huge_number(body: bytes) -> bool:
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
                escaped = escape(key)
                if not is_utf8(str(key)):
                    return "Invalid string", "a key contains a lone surrogate, which has no UTF-8 form", pointer
                stack.append((item, f"{pointer}/{escaped}"))
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
        raise _error(
            400,
            "The submitted data was invalid",
            "Invalid type",
            f"{text!r} is not a valid {kind}",
            {"parameter": name},
        ) from None
    return text


def _idempotency_key(operation: Operation, headers: Mapping[str, str]) -> str | None:
    """The request's ``Idempotency-Key``, when its operation declares that header (else it means nothing)."""
    return headers.get("idempotency-key") if operation.idempotency_key is not None else None


ADMIN_PREFIX = "/__sandbox/"
"""Reserved for the sandbox's own endpoints (journal, reset): outside every path of the spec."""
JOURNAL_SIZE = 1000


@dataclass(frozen=True)
class Admission:
    """What happens to one request before the handlers: its operation, the fault drawn for it, and the
    session whose write it is (for ``parallel_session_writes``)."""

    operation: Operation | None
    fault: Fault | None
    session: str | None


@dataclass(eq=False)
class App:
    """Answers requests for one sandbox: spec, config, campaigns and store."""

    spec: Spec
    config: SandboxConfig
    campaigns: Campaigns
    store: Store
    clock: Callable[[], Any]

    def __post_init__(self) -> None:
        schemas = (self.spec.document.get("components") or {}).get("schemas") or {}
        reason = ((schemas.get("CouponRejectionReason") or {}).get("properties") or {}).get("reason") or {}
        self.reasons = frozenset(reason.get("enum") or ())
        self._api_keys = frozenset(self.config.api_keys)
        self.faults: Faults = Faults(seed=self.config.seed)
        self.session_writes = SessionWrites()
        self.journal: deque[dict[str, Any]] = deque(maxlen=JOURNAL_SIZE)
        self.on_reset: Callable[[], None] = lambda: None
        self.instances = Instances(self.spec, self.config.seed)
        session_schema = ((schemas.get("CustomerSessionV2") or {}).get("properties")) or {}
        self.handlers = handlers_for(current="updateCount" in session_schema)
        self.mended = 0
        """Answers that did not match the loaded spec and were mended (0 on the bundled spec: a test keeps it so)."""
        # The handlers answer the bundled spec's own shapes (a test keeps ``mended`` at 0 there): its answers
        # are validated only when asked (``check_responses``); any other spec's are, to mend them.
        self._validate_answers = self.config.check_responses or bundled_name(self.spec.source) != "2020"
        self._last_match: tuple[tuple[str, str], tuple[Operation, dict[str, str]] | None] = (("", ""), None)

    def _match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        """``spec.match``, remembered for the last request: admission, the answer and the journal all route the
        same (method, path), and routing is ~10 us. One tuple, read and replaced whole, so threads can share it."""
        key, found = self._last_match
        if key != (method, raw_path):
            found = self.spec.match(method, raw_path)
            self._last_match = ((method, raw_path), found)
        return found

    # -- faults and the journal ---------------------------------------------------------

    def admit(self, method: str, raw_path: str) -> Admission:
        """The operation a request is for, the fault drawn for it, and the session it writes (if any)."""
        if not self.faults or raw_path.startswith(ADMIN_PREFIX):
            return Admission(None, None, None)
        found = self._match(method, raw_path)
        if found is None:
            return Admission(None, None, None)
        operation, path_values = found
        session = None
        if self.faults.parallel_session_writes == "conflict" and method != "GET":
            session = path_values.get("customerSessionId")
        return Admission(operation, self.faults.pick(operation.operation_id), session)

    def fault_reply(self, fault: Fault) -> Reply:
        """The answer of a status fault: a Talon-shaped ErrorResponse, with Retry-After when asked for."""
        extra = [("retry-after", str(fault.retry_after))] if fault.retry_after is not None else []
        return _reply(fault.status, fault.error_body(), extra)

    def conflict_reply(self) -> Reply:
        """Talon's answer to a write overlapping another write to the same session."""
        problem = _error(
            409,
            "Avoid parallel requests",
            "Conflict",
            "another request is updating this customer session",
            {"parameter": "customerSessionId"},
        )
        return _reply(409, problem.body())

    def early(self, admission: Admission) -> tuple[Reply | None, str | None]:
        """The answer a request gets before the handlers (a status fault, a conflicting write), and the
        journal's label for what was done to it; ``(None, label)`` lets it through (after any delay)."""
        fault = admission.fault
        if fault is not None and fault.kind == "status":
            return self.fault_reply(fault), fault.label
        if admission.session is not None and not self.session_writes.enter(admission.session):
            return self.conflict_reply(), "parallel session write"
        return None, (fault.label if fault is not None else None)

    def note(self, method: str, raw_path: str, status: int | None, fault: str | None) -> None:
        """Add one request to the journal (never a header, a body or a query string: no credential)."""
        if raw_path.startswith(ADMIN_PREFIX):
            return
        found = self._match(method, raw_path)
        self.journal.append(
            {
                "time": format_time(self.clock()),
                "operation": found[0].operation_id if found else None,
                "method": method,
                "path": raw_path,
                "status": status,
                "fault": fault,
            }
        )

    def _admin(self, method: str, raw_path: str, headers: Mapping[str, str]) -> Reply:
        prefix, _, key = (headers.get("authorization") or "").partition(" ")
        if prefix != "ApiKey-v1" or key.strip() not in self._api_keys:
            return _reply(401, {"message": "Unauthorized - Invalid API key", "errors": []})
        name = raw_path[len(ADMIN_PREFIX) :]
        if name == "journal" and method == "GET":
            entries = list(self.journal)
            return _reply(200, {"totalResultSize": len(entries), "data": entries})
        if name == "reset" and method == "POST":
            self.on_reset()
            self.journal.clear()
            return _reply(204, None)
        return _reply(404, {"message": f"no sandbox endpoint {method} {raw_path}", "errors": []})

    # -- auth ---------------------------------------------------------------------

    def _scheme_result(self, name: str, headers: Mapping[str, str], body: bytes) -> str:
        """ "ok", "absent", "bad" (wrong key) or "mismatch" (wrong signature) for one scheme."""
        scheme = self.spec.security_schemes.get(name) or {}
        header = str(scheme.get("name") or "Authorization").lower()
        value = headers.get(header)
        if value is None:
            return "absent"
        if header == "content-signature":
            parts = dict(part.strip().partition("=")[::2] for part in value.split(";") if part.strip())
            if parts.get("signer", "").strip() != str(self.config.application_id):
                return "mismatch"
            expected = sign(self.config.application_key, body)
            given = parts.get("signature", "").strip().lower()
            return "ok" if hmac.compare_digest(given, expected) else "mismatch"
        prefix, _, key = value.partition(" ")
        return "ok" if prefix == "ApiKey-v1" and key.strip() in self._api_keys else "bad"

    def _authenticate(self, operation: Operation, headers: Mapping[str, str], body: bytes) -> None:
        if not operation.security:
            return
        results: dict[str, str] = {}
        for requirement in operation.security:
            for name in requirement:
                if name not in results:
                    results[name] = self._scheme_result(name, headers, body)
            if all(results[name] == "ok" for name in requirement):
                return
        if "mismatch" in results.values():
            raise ApiProblem(400, "HMAC signature mismatch.")
        raise _error(
            401,
            "Unauthorized - Invalid API key",
            "Unauthorized",
            "A valid API key (Authorization: ApiKey-v1 <key>) or Content-Signature is required.",
            {"parameter": "Authorization"},
        )

    # -- request parts --------------------------------------------------------------

    def _query(self, operation: Operation, query: str) -> dict[str, Any]:
        raw: dict[str, list[str]] = {}
        for key, value in parse_qsl(query, keep_blank_values=True):
            raw.setdefault(key, []).append(value)
        values: dict[str, Any] = {}
        for parameter in operation.parameters:
            if parameter.location != "query":
                continue
            if parameter.name not in raw:
                if parameter.required:
                    raise _error(
                        400,
                        "The submitted data was invalid",
                        "Required",
                        f"query parameter {parameter.name!r} is required",
                        {"parameter": parameter.name},
                    )
                continue
            values[parameter.name] = value = _coerce(parameter, raw[parameter.name])
            self._check_parameter(parameter, value)
        return values

    def _check_parameter(self, parameter: Parameter, value: Any) -> None:
        schema = parameter.schema_pointer or parameter.schema
        if parameter.schema and not self.spec.validator.is_valid(schema, value):
            issue = self.spec.validator.issues(schema, value)[0]
            raise _error(
                400,
                "The submitted data was invalid",
                issue.keyword or "Invalid",
                issue.message[:300],
                {"parameter": parameter.name},
            )

    def _body(self, operation: Operation, body: bytes, content_type: str | None) -> Any:
        spec_body = operation.body
        if spec_body is None:
            return None
        if body.strip() and content_type and spec_body.is_json and not is_json_media(content_type):
            # A missing Content-Type is accepted, as the service accepted it (SEMANTICS.md 8);
            # one that names another format is refused.
            raise _error(
                400,
                "The submitted data was invalid",
                "Unsupported content type",
                f"the request body must be JSON (Content-Type: application/json), not {content_type[:100]!r}",
                {"parameter": "Content-Type"},
            )
        if not body.strip():
            if spec_body.required:
                raise _error(
                    400, "The submitted data was invalid", "Required", "a request body is required", {"pointer": ""}
                )
            return None
        try:
            value = json.loads(body)
        except RecursionError:
            raise _too_deep_problem() from None
        except ValueError as exc:
            raise _error(
                400,
                "The submitted data was invalid",
                "Malformed JSON",
                f"the request body is not valid JSON: {exc}",
                {"pointer": ""},
            ) from None
        if body.count(b"[") + body.count(b"{") > MAX_BODY_NESTING and nested_deeper_than(value, MAX_BODY_NESTING):
            raise _too_deep_problem()
        if _SURROGATE_ESCAPE.search(body) or _may_hold_a_huge_number(body):
            found = _unstorable(value)
            if found is not None:
                raise _error(400, "The submitted data was invalid", found[0], found[1], {"pointer": found[2]})
        schema = spec_body.schema_pointer or spec_body.schema
        if schema is not None:
            issues = self.spec.validator.issues(schema, value)
            if issues:
                raise ApiProblem(
                    400,
                    "The submitted data was invalid",
                    [
                        {
                            "title": issue.keyword or "Invalid",
                            "details": issue.message[:300],
                            "source": {"pointer": issue.pointer},
                        }
                        for issue in issues[:20]
                    ],
                )
        return value

    # -- the pipeline ---------------------------------------------------------------------

    def respond(self, method: str, raw_path: str, query: str, headers: Mapping[str, str], body: bytes) -> Reply:
        """Answer one request; ``headers`` keys are lower-case."""
        if raw_path.startswith(ADMIN_PREFIX):
            return self._admin(method, raw_path, headers)
        if len(body) > self.config.max_body:
            return _reply(413, {"message": f"Request body too large: the limit is {self.config.max_body} bytes"})
        found = self._match(method, raw_path)
        if found is None:
            allowed = self.spec.allowed_methods(raw_path)
            if allowed:
                return _reply(405, {"message": f"Method {method} not allowed"}, [("allow", ", ".join(allowed))])
            problem = _error(404, "Not found", "Not found", "no operation serves this path", {"resource": raw_path})
            return _reply(404, problem.body())
        operation, path_values = found
        try:
            self._authenticate(operation, headers, body)
            path: dict[str, Any] = {}
            for parameter in operation.path_parameters:
                path[parameter.name] = _coerce(parameter, [path_values[parameter.name]])
                self._check_parameter(parameter, path[parameter.name])
            body_value = self._body(operation, body, headers.get("content-type"))
            call = Call(operation, path, self._query(operation, query), body_value)
            status, payload, encoded = self._run(operation, call, _idempotency_key(operation, headers))
        except ApiProblem as problem:
            status = problem.status
            if status == 404 and operation.response_for(404) is None and operation.response_for(400) is not None:
                status = 400  # "not found" where the spec documents no 404: its answer to a bad request
            return self._check(operation, status, problem.body(), None)
        return self._check(operation, status, payload, encoded)

    def _run(self, operation: Operation, call: Call, key: str | None = None) -> tuple[int, Any, bytes | None]:
        """The handler's answer, in one transaction. With an ``Idempotency-Key`` (on an operation that declares
        it), the first success is stored with the state it made and a repeat with the same key gets it back
        without running again (Talon keeps them 24 hours; the sandbox keeps them until a reset)."""
        handler = self.handlers.get(operation.operation_id)
        if handler is None:
            status, payload = self.instances.answer(operation)
            return status, payload, None
        answer: tuple[int, Any] = (500, None)
        encoded: bytes | None = None
        try:
            with self.store.transaction() as store:
                ctx = RequestContext(
                    store,
                    self.campaigns,
                    self.clock(),
                    self.config.seed,
                    self.config.application_id,
                    self.config.account_id,
                    self.reasons,
                )
                remembered = f"{operation.operation_id}:{key}" if key is not None else None
                replay = store.entity("idempotent", remembered) if remembered is not None else None
                if replay is not None:
                    answer = (int(replay["status"]), replay["body"])
                else:
                    answer = handler(ctx, call)
                    if remembered is not None:
                        store.put_entity("idempotent", remembered, {"status": answer[0], "body": answer[1]})
                # Encoded inside the transaction: an answer that cannot be JSON (a total that
                # overflowed to infinity) is refused and changes nothing.
                encoded = None if answer[1] is None else _encoded_or_problem(answer[1])
                if call.query.get("dry") is True:
                    raise Rollback
        except Rollback:
            pass
        except ApiProblem:
            raise
        except Exception as exc:
            if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):  # "database or disk is full"
                # Rolled back whole: nothing half-written; the next write works once there is room.
                logger.warning("sandbox storage is full: %s refused (503) until there is room", operation.operation_id)
                raise ApiProblem(
                    503,
                    "Insufficient storage: the sandbox's database is full; nothing was written, retry once there is "
                    "room",
                ) from None
            logger.exception("sandbox handler %s failed", operation.operation_id)
            raise ApiProblem(500, "Internal sandbox error") from None
        return answer[0], answer[1], encoded

    def _check(self, operation: Operation, status: int, payload: Any, encoded: bytes | None) -> Reply:
        """The answer as the loaded spec documents it: a body its response schema refuses (a handler written for
        the bundled spec's shapes, serving another spec) is mended where it is wrong; with ``check_responses``
        one that still does not match is a 500 naming the place, a sandbox fault."""
        response = operation.response_for(status)
        schema = None if response is None or not response.is_json else (response.schema_pointer or response.schema)
        if schema is None or payload is None:
            return _reply(status, payload, encoded=encoded)
        validator = self.spec.validator
        if self._validate_answers and not validator.is_valid(schema, payload):
            payload = self.instances.mend(schema, payload)
            encoded = None
            self.mended += 1
            logger.debug("sandbox answer of %s mended to match the spec", operation.operation_id)
            if self.config.check_responses:
                issues = validator.issues(schema, payload)
                if issues:
                    first = issues[0]
                    message = f"sandbox response does not match the spec: {first.json_path}: {first.message}"
                    return _reply(500, {"message": message[:500]})
        return _reply(status, payload, encoded=encoded)
