"""Faults on purpose: what production does to a client, declared in YAML, deterministic under a seed.

::

    faults:
      - operation: getReservedCoupons      # operationId or snake_case name; omit for every operation
        status: 429                        # answer this status with a Talon-shaped ErrorResponse
        retry_after: 1                     # seconds, sent as Retry-After
        probability: 0.5                   # default 1.0
      - operation: updateCustomerSessionV2
        delay_ms: 800                      # answer late (the real answer, after the delay)
      - operation: trackEvent
        drop: true                         # close the connection without an answer
    parallel_session_writes: conflict      # overlapping writes to one session -> 409, as Talon does

The first rule that matches a request and wins its draw applies. A fault never changes state:
a status or a drop stores nothing; a delayed request is applied once, after its delay. The file
is checked against a JSON Schema (errors name the file and the JSON pointer), like the campaigns.
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..._exceptions import ConfigFileError
from ..._model.document import check_config, read_config
from ..._model.spec import Spec

__all__ = ["FAULTS_SCHEMA", "Fault", "Faults", "FaultsError", "SessionWrites", "load_faults"]


def _ANY_OF(*names: str) -> dict[str, Any]:
    return {"anyOf": [{"required": [name]} for name in names]}


FAULTS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "talon-dyn sandbox faults file",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "faults": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "operation": {"type": "string", "minLength": 1},
                    "status": {"type": "integer", "minimum": 400, "maximum": 599},
                    "retry_after": {"type": "integer", "minimum": 0, "maximum": 86400},
                    "message": {"type": "string"},
                    "delay_ms": {"type": "integer", "minimum": 1, "maximum": 600000},
                    "drop": {"const": True},
                    "probability": {"type": "number", "minimum": 0, "maximum": 1},
                },
                "oneOf": [  # exactly one of: a status, a delay, a drop
                    {"required": ["status"], "not": _ANY_OF("delay_ms", "drop")},
                    {"required": ["delay_ms"], "not": _ANY_OF("status", "drop", "retry_after", "message")},
                    {"required": ["drop"], "not": _ANY_OF("status", "delay_ms", "retry_after", "message")},
                ],
            },
        },
        "parallel_session_writes": {"enum": ["conflict", "serialize"]},
    },
}

_MESSAGES = {
    409: "Avoid parallel requests",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


class FaultsError(ConfigFileError):
    """A faults file that cannot be used, naming the file and the JSON pointer."""


@dataclass(frozen=True)
class Fault:
    """One rule: which operation (None: every one), what happens, how often."""

    operation: str | None
    kind: str  # "status", "delay" or "drop"
    status: int = 0
    retry_after: int | None = None
    message: str = ""
    delay: float = 0.0
    probability: float = 1.0

    @property
    def label(self) -> str:
        """How the journal names it: ``status 429``, ``delay 800 ms``, ``drop``."""
        if self.kind == "status":
            return f"status {self.status}"
        if self.kind == "delay":
            return f"delay {round(self.delay * 1000)} ms"
        return "drop"

    def error_body(self, resource: str = "") -> dict[str, Any]:
        """A Talon-shaped ErrorResponse for a status fault: each error names its ``source`` (the spec's
        ``APIError`` requires one), the resource the request named."""
        message = self.message or _MESSAGES.get(self.status, "Injected fault")
        error = {"title": message, "details": "injected by the sandbox's faults", "source": {"resource": resource}}
        return {"message": message, "errors": [error]}


class Faults:
    """The rules of a faults file, drawn from a seeded generator (one lock: draws are in arrival order)."""

    def __init__(
        self, rules: tuple[Fault, ...] = (), parallel_session_writes: str = "serialize", seed: int | None = None
    ):
        self.rules = rules
        self.parallel_session_writes = parallel_session_writes
        self.source = ""
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self.rules) or self.parallel_session_writes == "conflict"

    def pick(self, operation_id: str) -> Fault | None:
        """The fault for one request of ``operation_id``, if any."""
        with self._lock:
            for rule in self.rules:
                if rule.operation is not None and rule.operation != operation_id:
                    continue
                if rule.probability >= 1.0 or self._random.random() < rule.probability:
                    return rule
        return None


class SessionWrites:
    """Which sessions have a write in flight: with ``conflict``, an overlapping write gets 409."""

    def __init__(self) -> None:
        self._busy: set[str] = set()
        self._lock = threading.Lock()

    def enter(self, session: str) -> bool:
        """Mark a write to ``session`` in flight; False when one already is."""
        with self._lock:
            if session in self._busy:
                return False
            self._busy.add(session)
            return True

    def leave(self, session: str) -> None:
        with self._lock:
            self._busy.discard(session)


def load_faults(
    source: str | os.PathLike[str] | Mapping[str, Any] | Faults | None, spec: Spec, seed: int | None
) -> Faults:
    """Faults from a YAML file, an already-parsed mapping, or None (no faults)."""
    if source is None:
        return Faults(seed=seed)
    if isinstance(source, Faults):
        return source
    if isinstance(source, Mapping):
        name, document = "<faults>", dict(source)
    else:
        name = os.fspath(source)
        document = read_config(name, "faults file", FaultsError)
    check_config(document, FAULTS_SCHEMA, name, FaultsError)
    rules = []
    for index, raw in enumerate(document.get("faults") or []):
        operation = raw.get("operation")
        if operation is not None:
            try:
                operation = spec.operation(operation).operation_id
            except KeyError:
                raise FaultsError(
                    f"the spec has no operation {operation!r}", source=name, pointer=f"/faults/{index}/operation"
                ) from None
        kind = "status" if "status" in raw else "delay" if "delay_ms" in raw else "drop"
        rules.append(
            Fault(
                operation,
                kind,
                status=int(raw.get("status", 0)),
                retry_after=raw.get("retry_after"),
                message=str(raw.get("message") or ""),
                delay=float(raw.get("delay_ms", 0)) / 1000,
                probability=float(raw.get("probability", 1.0)),
            )
        )
    faults = Faults(tuple(rules), str(document.get("parallel_session_writes") or "serialize"), seed)
    faults.source = name
    return faults
