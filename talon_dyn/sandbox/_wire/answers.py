"""The answer to an admitted request: the handler run in one transaction, then held to the loaded spec.

* ``Runner``: the operation's handler (or, for an operation no handler knows, an instance
  made from its schemas), in one store transaction rolled back on any error and for
  ``?dry=true``; an ``Idempotency-Key`` replays the first success.
* ``Conformer``: an answer its response schema refuses is mended where it is wrong, so a
  spec the handlers were not written for still gets answers it documents.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..._model.spec import Operation, Spec, bundled_name, load
from .._config import SandboxConfig
from .._domain.campaigns import Campaigns
from .._domain.context import ApiProblem, RequestContext
from .._domain.current import IDEMPOTENCY_WINDOW, handlers_for
from .._domain.handlers import Call
from .._domain.synth import Instances
from .._storage.store import Rollback, Store
from .._time import parse_time
from .replies import Answer, encoded_or_problem, reply

__all__ = ["Conformer", "Runner"]

logger = logging.getLogger("talon_dyn.sandbox")


def coupon_reasons(spec: Spec) -> frozenset[str]:
    """The coupon rejection reasons the spec names (``CouponRejectionReason.reason``'s enum)."""
    schemas = (spec.document.get("components") or {}).get("schemas") or {}
    reason = ((schemas.get("CouponRejectionReason") or {}).get("properties") or {}).get("reason") or {}
    return frozenset(reason.get("enum") or ())


def _resource(operation: Operation, call: Call) -> str:
    """The concrete path a request names (its template with the decoded path values): the resource's key."""
    pieces = []
    for index, piece in enumerate(operation.path_pieces):
        pieces.append(str(call.path.get(piece, piece)) if index % 2 else piece)
    return "".join(pieces)


def _parents(operation: Operation, call: Call) -> list[tuple[str, str]]:
    """The resources a path lies under: each template that ends at one of its parameters, before the whole path
    (``/v1/stores/{storeId}`` of ``/v1/stores/{storeId}/status``), with its concrete key."""
    found = []
    pieces = operation.path_pieces
    for end in range(1, len(pieces) - 1, 2):
        if end == len(pieces) - 2 and not pieces[-1]:
            break  # the path itself
        template = "".join(piece if index % 2 == 0 else f"{{{piece}}}" for index, piece in enumerate(pieces[: end + 1]))
        concrete = "".join(
            str(call.path.get(piece, piece)) if index % 2 else piece for index, piece in enumerate(pieces[: end + 1])
        )
        found.append((template, concrete))
    return found


def _handler_homes(current: bool) -> Callable[[str], str]:
    """The bundled spec each handler was written for, by operationId (``handlers_for``'s order decides)."""
    from .._domain.current import CURRENT_HANDLERS
    from .._domain.handlers import HANDLERS

    first, second = (CURRENT_HANDLERS, "current"), (HANDLERS, "2020")
    order = (first, second) if current else (second, first)
    return lambda key: next((name for registry, name in order if key in registry), "2020")


def _shape_of(spec: Spec, home: str, key: str) -> tuple[Spec, str] | None:
    """(bundled spec, its body schema pointer) of operation ``key``, when ``spec`` is another document."""
    if bundled_name(spec.source) == home:
        return None
    bundled = load(home)
    operation = bundled.operations.get(key)
    if operation is None or operation.body is None or operation.body.schema_pointer is None:
        return None
    return bundled, operation.body.schema_pointer


class Runner:
    """Runs handlers against the store, one transaction per request."""

    def __init__(
        self,
        spec: Spec,
        config: SandboxConfig,
        campaigns: Campaigns,
        store: Store,
        instances: Instances,
    ) -> None:
        self._config, self._campaigns, self._store, self._instances = config, campaigns, store, instances
        self.reasons = coupon_reasons(spec)
        schemas = (spec.document.get("components") or {}).get("schemas") or {}
        session_schema = ((schemas.get("CustomerSessionV2") or {}).get("properties")) or {}
        current = "updateCount" in session_schema
        self._handlers = handlers_for(current=current)
        self._spec = spec
        self._home = _handler_homes(current)
        self._shapes: dict[str, tuple[Spec, str] | None] = {}
        self._writable = frozenset(
            op.path for op in spec.operations.values() if op.method in ("PUT", "POST", "PATCH") and op.path_parameters
        )
        """Path templates the spec can write to (only those can hold a resource that was never written)."""

    def _without_handler(self, operation: Operation, call: Call) -> tuple[int, Any, bytes | None]:
        """An operation no handler knows answers from the request and the state (docs/sandbox.md, "Operations
        without a handler"): the request's identifiers echoed; what a write to a path returned is what a read of
        that path returns; a read or delete of a path the spec can write but never was is the documented 404."""
        given = {**(call.body if isinstance(call.body, dict) else {}), **call.path}
        status, payload = self._instances.answer(operation, given=given)
        if not call.path:  # nothing names the resource: no state to keep
            return status, payload, None
        key = _resource(operation, call)
        writable = operation.path in self._writable
        with self._store.transaction() as store:
            self._check_named(operation, call, store)
            for parent, named in _parents(operation, call):
                # /v1/stores/{storeId}/status of a store the spec can write (/v1/stores/{storeId}) but never was
                documented = operation.response_for(404) is not None
                if documented and parent in self._writable and store.entity("resource", named) is None:
                    raise ApiProblem.not_found("Resource", next(iter(call.path)))
            kept = store.entity("resource", key)
            if operation.method in ("PUT", "POST", "PATCH"):
                if isinstance(payload, dict):
                    store.put_entity("resource", key, {"answer": payload})
                return status, payload, None
            if kept is None and writable and operation.response_for(404) is not None:
                raise ApiProblem.not_found("Resource", next(iter(call.path)))
            if operation.method == "DELETE":
                store.delete_entity("resource", key)
                return status, payload, None
        if kept is not None and isinstance(kept.get("answer"), dict):
            response = operation.response_for(status)
            schema = None if response is None else response.schema_pointer or response.schema
            if schema is not None and self._instances.valid(schema, kept["answer"]):
                return status, kept["answer"], None
        return status, payload, None

    def _check_named(
        self, operation: Operation, call: Call, store: Store, context: RequestContext | None = None
    ) -> None:
        """What the path names must exist (a profile, session, coupon, audience, loyalty program, catalog the
        sandbox keeps) where the operation documents a 404: otherwise that 404."""
        parameters = operation.path_parameters
        if not parameters or operation.response_for(404) is None:
            return  # a spec that documents no 404 here gets what a handler (or the schema) answers
        context = context or self.context(store)  # in the request's own transaction: no second one
        for parameter in parameters:
            if context.exists(parameter.name, call.path.get(parameter.name)) is False:
                raise ApiProblem.not_found(context.NAMED.get(parameter.name, "Resource"), parameter.name)

    def _check_shape(self, operation: Operation, call: Call) -> None:
        """A handler reads a body through the shape of the spec it was written for (the bundled one its registry
        belongs to). Serving another spec, whose schema may be looser (an ``allOf`` of ``$ref``s with no
        ``type: object`` admits a string where the handler reads an object), a body of the wrong shape is a 400
        naming the pointer, never a handler's crash."""
        if call.body is None:
            return
        key = operation.operation_id
        if key not in self._shapes:
            self._shapes[key] = _shape_of(self._spec, self._home(key), key)
        found = self._shapes[key]
        if found is None:
            return
        home, pointer = found
        issues = home.validator.issues(pointer, call.body)
        if issues:
            errors = [
                {
                    "title": "Invalid shape",
                    "details": f"{issue.message[:250]} (the shape this sandbox reads {key}'s body in)",
                    "source": {"pointer": issue.pointer},
                }
                for issue in issues[:20]
            ]
            raise ApiProblem(400, "Invalid request", errors)

    def context(self, store: Store) -> RequestContext:
        """What a handler (or the seeding) sees: the store in its transaction, campaigns, the time, the ids."""
        config = self._config
        return RequestContext(
            store,
            self._campaigns,
            config.clock(),
            config.seed,
            config.application_id,
            config.account_id,
            self.reasons,
        )

    def run(self, operation: Operation, call: Call, key: str | None = None) -> tuple[int, Any, bytes | None]:
        """The handler's answer: status, payload and (when made in the transaction) its JSON bytes. With an
        ``Idempotency-Key`` (``pipeline._idempotency_key``), the first success is stored with the state it made
        and a repeat of the same request with the same key gets it back without running again, for 24
        sandbox-hours; the key with another request is refused (422, ``_replay``)."""
        handler = self._handlers.get(operation.operation_id)
        if handler is None:
            return self._without_handler(operation, call)
        self._check_shape(operation, call)
        answer: tuple[int, Any] = (500, None)
        encoded: bytes | None = None
        try:
            with self._store.transaction() as store:
                context = self.context(store)
                self._check_named(operation, call, store, context)
                remembered = f"{operation.operation_id}:{key}" if key is not None else None
                replay = _replay(store, remembered, call, context.now)
                if replay is not None:
                    answer = replay
                else:
                    answer = handler(context, call)
                    if remembered is not None and 200 <= answer[0] < 300:
                        kept = {"status": answer[0], "body": answer[1], "request": _fingerprint(call)}
                        store.put_entity("idempotent", remembered, {**kept, "created": context.timestamp})
                # Encoded inside the transaction: an answer that cannot be JSON (a total that
                # overflowed to infinity) is refused and changes nothing.
                encoded = None if answer[1] is None else encoded_or_problem(answer[1])
                if call.query.get("dry") is True:
                    raise Rollback
        except Rollback:
            pass
        except ApiProblem:
            raise
        except Exception as exc:
            if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):  # "database or disk is full"
                # Rolled back whole: nothing half-written; the next write works once there is room, and folding
                # the write-ahead log into the database (truncated) is the room the sandbox can make itself.
                self._store.make_room()
                logger.warning("sandbox storage is full: %s refused (503) until there is room", operation.operation_id)
                raise ApiProblem(
                    503,
                    "Insufficient storage: the sandbox's database is full; nothing was written, retry once there is "
                    "room",
                ) from None
            logger.exception("sandbox handler %s failed", operation.operation_id)
            raise ApiProblem(500, "Internal sandbox error") from None
        return answer[0], answer[1], encoded


def _fingerprint(call: Call) -> str:
    """What makes two requests with one key the same request: path values, query and body."""
    text = json.dumps([call.path, call.query, call.body], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _replay(store: Store, remembered: str | None, call: Call, now: datetime) -> tuple[int, Any] | None:
    """The answer kept for a key, when it is younger than 24 sandbox-hours; a key reused with another request is
    refused with 422 (Talon's documents say answers are kept, not what a different body gets: the sandbox
    follows the IETF Idempotency-Key draft, section 2.7, and docs/sandbox.md marks it inferred)."""
    if remembered is None:
        return None
    kept = store.entity("idempotent", remembered)
    if kept is None or parse_time(str(kept.get("created") or "1970-01-01T00:00:00Z")) + IDEMPOTENCY_WINDOW <= now:
        return None
    if kept.get("request") != _fingerprint(call):
        raise ApiProblem(
            422,
            "Idempotency-Key reused with a different request",
            [
                {
                    "title": "Idempotency key reused",
                    "details": "this key was sent with another request in the last 24 hours; send a new key",
                    "source": {"parameter": "Idempotency-Key"},
                }
            ],
        )
    return int(kept["status"]), kept["body"]


class Conformer:
    """Holds answers to the loaded spec's response schemas."""

    def __init__(self, spec: Spec, config: SandboxConfig, instances: Instances) -> None:
        self._validator = spec.validator
        self._instances = instances
        self._strict = config.check_responses
        # The handlers answer the bundled spec's own shapes (a test keeps ``mended`` at 0 there): its answers
        # are validated only when asked (``check_responses``); any other spec's are, to mend them.
        self._validate = config.check_responses or bundled_name(spec.source) != "2020"
        self.mended = 0
        """Answers that did not match the loaded spec and were mended (0 on the bundled spec: a test keeps it so)."""

    def reply(self, operation: Operation, status: int, payload: Any, encoded: bytes | None) -> Answer:
        """The answer as the loaded spec documents it: a body its response schema refuses (a handler written for
        the bundled spec's shapes, serving another spec) is mended where it is wrong; with ``check_responses``
        one that still does not match is a 500 naming the place, a sandbox fault."""
        response = operation.response_for(status)
        if response is not None and response.content_type is None and status >= 400:
            return reply(status, None)  # the spec documents this refusal with no content: none is sent
        schema = None if response is None or not response.is_json else (response.schema_pointer or response.schema)
        if schema is None or payload is None or not self._validate:
            return reply(status, payload, encoded=encoded)
        if not self._validator.is_valid(schema, payload):
            payload = self._instances.mend(schema, payload)
            encoded = None
            self.mended += 1
            logger.debug("sandbox answer of %s mended to match the spec", operation.operation_id)
            if self._strict:
                issues = self._validator.issues(schema, payload)
                if issues:
                    first = issues[0]
                    message = f"sandbox response does not match the spec: {first.json_path}: {first.message}"
                    return reply(500, {"message": message[:500]})
        return reply(status, payload, encoded=encoded)
