"""The drift ledger: where answers differ from the spec, kept rather than raised.

With ``response_validation="warn"`` a client returns the data and records each mismatch on
``client.drift``: operation, status, JSON path, what the spec expected and what came. The ledger
is **bounded**: mismatches are grouped by kind (operation, status, JSON path with array indices
as ``[*]``, keyword), each kept once - the first example - with a count, and at most
``MAX_KINDS`` kinds are kept (``dropped`` counts the rest), so a long-running service in warn
mode holds the same memory after 50,000 drifting answers as after 50. The ledger exports as
JSON, and as an **overlay draft** (OpenAPI Overlay 1.0) that loosens the spec
where the service disagreed, for a person to review and apply with ``overlays=[...]`` or
``--overlay``: a property the service omits leaves its schema's ``required``; a value of another
type or outside an enum is added to it; anything else becomes an action to review.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from .._model.pointer import tokens, unescape

__all__ = ["MAX_KINDS", "Drift", "DriftRecord", "json_type", "pointer_to_jsonpath"]

MAX_KINDS = 1000
"""The most kinds of mismatch one ledger keeps."""
_INDEX = re.compile(r"\[\d+\]")

_JSON_TYPES = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def json_type(value: Any) -> str:
    """The JSON Schema type of a decoded JSON value."""
    if value is None:
        return "null"
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "object")


def pointer_to_jsonpath(pointer: str) -> str:
    """``/components/schemas/A~1B/required`` -> ``$['components']['schemas']['A/B']['required']`` (RFC 9535)."""
    parts = tokens(pointer)
    return "$" + "".join("['" + part.replace("\\", "\\\\").replace("'", "\\'") + "']" for part in parts)


@dataclass(frozen=True)
class DriftRecord:
    """One mismatch between an answer and the spec."""

    operation: str
    status: int
    json_path: str
    message: str
    keyword: str
    expected: str
    found: Any
    schema_pointer: str
    """Where in the spec document the failed keyword is (a JSON pointer; empty when unknown)."""
    count: int = 1
    """How many times this kind of mismatch was seen; the other fields are the first time's."""

    @property
    def kind(self) -> tuple[str, int, str, str]:
        """What groups records: operation, status, JSON path (array indices as ``[*]``) and keyword."""
        return (self.operation, self.status, _INDEX.sub("[*]", self.json_path), self.keyword)


class Drift:
    """The kinds of mismatch one client (or one smoke run) saw, first seen first; safe to share between threads."""

    def __init__(self, limit: int = MAX_KINDS) -> None:
        self._first: dict[tuple[str, int, str, str], DriftRecord] = {}
        self._counts: dict[tuple[str, int, str, str], int] = {}
        self._limit = limit
        self._answers: dict[Any, tuple[tuple[str, int, str, str], ...]] = {}
        self._lock = threading.Lock()
        self.dropped = 0
        """Mismatches of kinds beyond the first ``limit``: counted here, not kept."""

    def add(self, record: DriftRecord) -> bool:
        """Count ``record``; True when it is a kind not seen before (it is then kept as that kind's example)."""
        kind = record.kind
        with self._lock:
            if kind in self._counts:
                self._counts[kind] += 1
                return False
            if len(self._first) >= self._limit:
                self.dropped += 1
                return False
            self._first[kind] = record
            self._counts[kind] = 1
            return True

    def count_known(self, signature: Any) -> bool:
        """Count one more answer of a kind seen before (``signature``: how the compiled engine read its
        mismatches); False when the signature is new, and the answer must be explained and ``add_answer``-ed."""
        with self._lock:
            kinds = self._answers.get(signature)
            if kinds is None:
                return False
            for kind in kinds:
                if kind in self._counts:
                    self._counts[kind] += 1
                else:
                    self.dropped += 1
            return True

    def add_answer(self, signature: Any, records: Sequence[DriftRecord]) -> list[DriftRecord]:
        """Count one answer's records, remembering its signature (when given) so that the same mismatches are
        only counted next time; the records of kinds not seen before."""
        new = [record for record in records if self.add(record)]
        if signature is not None:
            with self._lock:
                if len(self._answers) < self._limit:
                    self._answers[signature] = tuple(record.kind for record in records)
        return new

    def __iter__(self) -> Iterator[DriftRecord]:
        with self._lock:
            found = [replace(record, count=self._counts[kind]) for kind, record in self._first.items()]
        return iter(found)

    def __len__(self) -> int:
        return len(self._first)

    @property
    def total(self) -> int:
        """Every mismatch counted, of every kind (the dropped ones included)."""
        with self._lock:
            return sum(self._counts.values()) + self.dropped

    def __repr__(self) -> str:
        return f"<Drift: {len(self)} kind(s), {self.total} mismatch(es)>"

    def clear(self) -> None:
        with self._lock:
            self._first.clear()
            self._counts.clear()
            self._answers.clear()
            self.dropped = 0

    def to_json(self) -> str:
        """Every kind's record (with its count) as a JSON array."""
        return json.dumps([asdict(record) for record in self], indent=2, ensure_ascii=False, default=str) + "\n"

    def overlay(self, title: str = "talon_dyn drift: loosen the spec where the service disagreed") -> dict[str, Any]:
        """An OpenAPI Overlay 1.0 draft with one action per distinct place the service disagreed."""
        actions: list[dict[str, Any]] = []
        seen: set[str] = set()
        for record in self:
            action = _action(record)
            key = json.dumps(action, sort_keys=True, default=str)
            if action is not None and key not in seen:
                seen.add(key)
                actions.append(action)
        return {"overlay": "1.0.0", "info": {"title": title, "version": "draft"}, "actions": actions}


def _action(record: DriftRecord) -> dict[str, Any] | None:
    if not record.schema_pointer:
        return None
    parent = record.schema_pointer.rsplit("/", 1)[0]
    why = f"{record.operation} answered {record.status} with {record.json_path}: {record.message}"
    if record.keyword == "required":
        name = record.json_path.rsplit(".", 1)[-1]
        target = pointer_to_jsonpath(record.schema_pointer) + f"[?@ == {json.dumps(name)}]"
        return {"target": target, "description": f"optional in practice: {why}", "remove": True}
    if record.keyword == "type":
        expected = [part.strip(" '\"[]") for part in record.expected.removeprefix("type:").split(",") if part.strip()]
        update = {"type": sorted({*expected, json_type(record.found)})}
        return {
            "target": pointer_to_jsonpath(parent),
            "description": f"another type in practice: {why}",
            "update": update,
        }
    if record.keyword == "enum":
        return {
            "target": pointer_to_jsonpath(record.schema_pointer),
            "description": f"a value in practice: {why}",
            "update": record.found,
        }
    return {
        "target": pointer_to_jsonpath(parent),
        "description": f"review by hand ({record.keyword}): {why}",
        "update": {},
    }


def records_from_issues(operation: str, status: int, data: Any, issues: Sequence[Any]) -> list[DriftRecord]:
    """Drift records for the validation issues of one answer (``data`` is the decoded body)."""
    found = []
    for issue in issues:
        value: Any = data
        for part in issue.pointer.split("/")[1:] if issue.pointer else []:
            key = unescape(part)
            try:
                value = value[int(key)] if isinstance(value, list) else value[key]
            except (KeyError, IndexError, ValueError, TypeError):
                value = None
                break
        missing = getattr(issue, "missing", "")
        if missing:  # a missing property: its own place (the object holds others that may be missing too)
            value = None
        found.append(
            DriftRecord(
                operation,
                status,
                getattr(issue, "place", issue.json_path),
                issue.message,
                issue.keyword,
                issue.expected,
                value,
                getattr(issue, "schema_pointer", ""),
            )
        )
    return found
