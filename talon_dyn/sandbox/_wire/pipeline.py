"""The request pipeline, from the spec: route, auth, parameters, body, handler, the answer held to the spec.

``App`` is built in one go from its steps, each in its own module with one concern:

* ``_admission``: the size limit, faults, overlapping session writes, the journal (``Passage``,
  which every adapter runs: the ASGI app, the in-process engines, ``Sandbox.handle``);
* ``_authn``: the spec's security requirements;
* ``_parts``: path values, query and JSON body, coerced and validated;
* ``_answers``: the handler in one store transaction (``Runner``), the answer mended to the spec
  (``Conformer``).

``App.respond`` is pure request -> response (no I/O besides the store). Routing, path-value
decoding, query coercion and body validation all come from the ``Spec``: there is no route table
here. A bad request never changes state.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping

from ..._model.spec import Operation, Spec
from .._config import SandboxConfig
from .._domain.campaigns import Campaigns
from .._domain.context import ApiProblem
from .._domain.current import IDEMPOTENT_OPERATIONS, MAX_IDEMPOTENCY_KEY
from .._domain.handlers import Call
from .._domain.synth import Instances
from .._storage.store import Store
from .._time import SandboxClock, format_time
from .admission import ADMIN_PREFIX, Gate, Journal, Passage
from .answers import Conformer, Runner
from .authn import Authenticator
from .faults import Faults
from .parts import RequestParts
from .replies import Answer, problem, reply

__all__ = ["ADMIN_PREFIX", "App"]


def _idempotency_key(operation: Operation, headers: Mapping[str, str]) -> str | None:
    """The request's ``Idempotency-Key``: on an operation that declares that header or one Talon honours it on
    (``IDEMPOTENT_OPERATIONS``); elsewhere it means nothing. A key over 255 characters is refused (400)."""
    key = headers.get("idempotency-key")
    if key is None or (operation.idempotency_key is None and operation.operation_id not in IDEMPOTENT_OPERATIONS):
        return None
    if len(key) > MAX_IDEMPOTENCY_KEY:
        raise ApiProblem.invalid(
            "Invalid header",
            f"Idempotency-Key is {len(key)} characters long; keys may have at most {MAX_IDEMPOTENCY_KEY}",
            parameter="Idempotency-Key",
        )
    return key


class App:
    """Answers requests for one sandbox: spec, config, campaigns, store and faults; ``on_reset`` is what
    ``POST /__sandbox/reset`` does to the state (the journal is emptied here)."""

    def __init__(
        self,
        spec: Spec,
        config: SandboxConfig,
        campaigns: Campaigns,
        store: Store,
        faults: Faults,
        on_reset: Callable[[], None],
    ) -> None:
        self.spec, self.config = spec, config
        self._last_match: tuple[tuple[str, str], tuple[Operation, dict[str, str]] | None] = (("", ""), None)
        instances = Instances(spec, config.seed)
        self.gate = Gate(faults, self._match)
        self.journal = Journal(config.clock, self._match)
        self.auth = Authenticator(spec, config)
        self.parts = RequestParts(spec)
        self.runner = Runner(spec, config, campaigns, store, instances)
        self.conformer = Conformer(spec, config, instances)
        self._on_reset = on_reset

    @property
    def faults(self) -> Faults:
        return self.gate.faults

    @property
    def mended(self) -> int:
        """Answers mended to match the loaded spec (``Conformer.mended``)."""
        return self.conformer.mended

    def _match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        """``spec.match``, remembered for the last request: admission, the answer and the journal all route the
        same (method, path), and routing is ~10 us. One tuple, read and replaced whole, so threads can share it."""
        key, found = self._last_match
        if key != (method, raw_path):
            found = self.spec.match(method, raw_path)
            self._last_match = ((method, raw_path), found)
        return found

    def exchange(
        self, method: str, raw_path: str, query: str, headers: Mapping[str, str], body: bytes | None
    ) -> Passage:
        """One request's passage (``_admission``); ``headers`` keys are lower-case. ``body`` is None when it was
        not read past ``max_body`` (the ASGI server stops there); one over it is refused with 413 either way."""
        limit = self.config.max_body
        too_large = limit if body is None or len(body) > limit else None
        respond = functools.partial(self.respond, method, raw_path, query, headers, body or b"")
        return Passage(self.gate, self.journal, respond, method, raw_path, too_large=too_large)

    def _clock(self, method: str, body: bytes) -> Answer:
        """``GET /__sandbox/clock``: the sandbox's time; ``POST`` with ``{"advance": "14D"}`` (a duration, or
        seconds) or ``{"to": "<RFC 3339>"}`` moves it forwards (``Sandbox.clock``)."""
        clock = self.config.clock
        if not isinstance(clock, SandboxClock):
            return reply(404, {"message": "this sandbox's clock cannot be moved", "errors": []})
        if method == "POST":
            try:
                wanted = json.loads(body or b"{}")
                if not isinstance(wanted, dict) or len(wanted.keys() & {"advance", "to"}) != 1 or len(wanted) != 1:
                    raise ValueError('give one of {"advance": "14D"} (or seconds) and {"to": "<RFC 3339 time>"}')
                if "advance" in wanted:
                    clock.advance(wanted["advance"])
                else:
                    clock.move_to(str(wanted["to"]))
            except (ValueError, TypeError) as exc:
                return reply(400, {"message": f"Cannot move the sandbox clock: {exc}", "errors": []})
        elif method != "GET":
            return reply(405, {"message": f"Method {method} not allowed"}, [("allow", "GET, POST")])
        return reply(200, {"now": format_time(clock()), "offsetSeconds": clock.offset.total_seconds()})

    def _admin(self, method: str, raw_path: str, headers: Mapping[str, str], body: bytes = b"") -> Answer:
        if not self.auth.has_api_key(headers):
            return reply(401, {"message": "Unauthorized - Invalid API key", "errors": []})
        name = raw_path[len(ADMIN_PREFIX) :]
        if name == "journal" and method == "GET":
            entries = list(self.journal)
            return reply(200, {"totalResultSize": len(entries), "data": entries})
        if name == "clock":
            return self._clock(method, body)
        if name == "reset" and method == "POST":
            self._on_reset()
            self.journal.clear()
            return reply(204, None)
        return reply(404, {"message": f"no sandbox endpoint {method} {raw_path}", "errors": []})

    def respond(self, method: str, raw_path: str, query: str, headers: Mapping[str, str], body: bytes) -> Answer:
        """Answer one request (after admission); ``headers`` keys are lower-case."""
        if raw_path.startswith(ADMIN_PREFIX):
            return self._admin(method, raw_path, headers, body)
        found = self._match(method, raw_path)
        if found is None:
            allowed = self.spec.allowed_methods(raw_path)
            if allowed:
                return reply(405, {"message": f"Method {method} not allowed"}, [("allow", ", ".join(allowed))])
            missing = problem(404, "Not found", "Not found", "no operation serves this path", {"resource": raw_path})
            return reply(404, missing.body())
        operation, path_values = found
        try:
            self.auth.check(operation, headers, body)
            parts = self.parts
            path = parts.path(operation, path_values)
            body_value = parts.body(operation, body, headers.get("content-type"))
            call = Call(operation, path, parts.query(operation, query), body_value)
            status, payload, encoded = self.runner.run(operation, call, _idempotency_key(operation, headers))
        except ApiProblem as refused:
            status = refused.status
            if status == 404 and operation.response_for(404) is None and operation.response_for(400) is not None:
                status = 400  # "not found" where the spec documents no 404: its answer to a bad request
            return self.conformer.reply(operation, status, refused.body(), None)
        return self.conformer.reply(operation, status, payload, encoded)
