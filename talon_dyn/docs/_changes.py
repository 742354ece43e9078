"""What changed between two versions of an API: ``changes(old, new)`` and its Markdown and JSON forms.

Each ``Change`` names the operation (operationId), where (a parameter, the request body or a
response, with a JSON pointer into the schema), what happened, and whether it breaks existing
clients. Breaking: an operation removed; a parameter removed, added as required, made required or
moved; a request body required or removed; in a request schema, a property made required or an
allowed value (enum, type) narrowed; in a success response, a property or required property removed,
a type changed, a success status changed; a new security requirement that existing credentials
may not meet. The rest (additions, loosenings) is listed as non-breaking.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .._model.spec import Operation, Spec

__all__ = ["Change", "changes", "to_json", "to_markdown"]

_MAX_COMPARE_DEPTH = 24


@dataclass(frozen=True)
class Change:
    operation: str
    where: str
    what: str
    breaking: bool
    kind: str


def _types(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {str(item) for item in kind}
    return set()


class _Walker:
    def __init__(self, old: Spec, new: Spec, operation: str) -> None:
        self.old, self.new, self.operation = old, new, operation

    def schema(self, old: Any, new: Any, where: str, direction: str, depth: int = 0) -> Iterator[Change]:
        """Changes between two schemas; ``direction`` is ``request`` (what clients send) or ``response``."""
        if depth > _MAX_COMPARE_DEPTH or not isinstance(old, Mapping) or not isinstance(new, Mapping):
            return
        old, new = self.old.resolve(old), self.new.resolve(new)
        request = direction == "request"
        old_types, new_types = _types(old), _types(new)
        if old_types and new_types and old_types != new_types:
            widened = old_types < new_types
            yield self._change(
                where,
                f"type {sorted(old_types)} became {sorted(new_types)}",
                breaking=not (request and widened),
                kind="type",
            )
            return
        old_enum, new_enum = old.get("enum"), new.get("enum")
        if isinstance(old_enum, list) and isinstance(new_enum, list):
            removed = [value for value in old_enum if value not in new_enum]
            added = [value for value in new_enum if value not in old_enum]
            if removed:
                yield self._change(
                    where, f"values no longer allowed: {json.dumps(removed)}", breaking=request, kind="enum"
                )
            if added:
                yield self._change(where, f"new values: {json.dumps(added)}", breaking=not request, kind="enum")
        old_props = old.get("properties") if isinstance(old.get("properties"), Mapping) else {}
        new_props = new.get("properties") if isinstance(new.get("properties"), Mapping) else {}
        old_required = set(old.get("required") or ())
        new_required = set(new.get("required") or ())
        for name in sorted(set(old_props) | set(new_props)):
            at = f"{where}/{name}"
            if name not in new_props:
                yield self._change(
                    at, "property removed", breaking=not request or name in old_required, kind="property"
                )
            elif name not in old_props:
                needed = name in new_required
                yield self._change(
                    at,
                    "property added" + (" (required)" if needed else ""),
                    breaking=request and needed,
                    kind="property",
                )
            else:
                if request and name in new_required and name not in old_required:
                    yield self._change(at, "property now required", breaking=True, kind="required")
                if not request and name in old_required and name not in new_required:
                    yield self._change(at, "property no longer always present", breaking=True, kind="required")
                yield from self.schema(old_props[name], new_props[name], at, direction, depth + 1)
        old_items, new_items = old.get("items"), new.get("items")
        if isinstance(old_items, Mapping) and isinstance(new_items, Mapping):
            yield from self.schema(old_items, new_items, f"{where}/items", direction, depth + 1)

    def _change(self, where: str, what: str, *, breaking: bool, kind: str) -> Change:
        return Change(self.operation, where, what, breaking, kind)


def _parameters(operation: Operation) -> dict[tuple[str, str], Any]:
    return {(p.location, p.name): p for p in operation.parameters}


def _operation_changes(old_spec: Spec, new_spec: Spec, old: Operation, new: Operation) -> Iterator[Change]:
    name = old.operation_id
    walker = _Walker(old_spec, new_spec, name)
    if (old.method, old.path) != (new.method, new.path):
        yield Change(name, "route", f"{old.method} {old.path} became {new.method} {new.path}", True, "route")
    old_params, new_params = _parameters(old), _parameters(new)
    by_name_new = {p.name: p for p in new.parameters}
    for key in sorted(set(old_params) | set(new_params)):
        location, pname = key
        where = f"{location} parameter {pname}"
        if key not in new_params:
            moved = by_name_new.get(pname)
            what = f"moved to {moved.location}" if moved is not None else "removed"
            yield Change(name, where, what, True, "parameter")
        elif key not in old_params:
            if old_params.get(key) is None and any(p.name == pname for p in old.parameters):
                continue  # reported as moved
            needed = new_params[key].required
            yield Change(name, where, "added" + (" (required)" if needed else ""), needed, "parameter")
        else:
            if new_params[key].required and not old_params[key].required:
                yield Change(name, where, "now required", True, "parameter")
            yield from walker.schema(old_params[key].schema, new_params[key].schema, where, "request")
    if old.body is not None and new.body is None:
        yield Change(name, "request body", "removed", True, "body")
    elif old.body is None and new.body is not None:
        yield Change(
            name, "request body", "added" + (" (required)" if new.body.required else ""), new.body.required, "body"
        )
    elif old.body is not None and new.body is not None:
        if new.body.required and not old.body.required:
            yield Change(name, "request body", "now required", True, "body")
        yield from walker.schema(old.body.schema, new.body.schema, "request body", "request")
    if old.success_status != new.success_status:
        yield Change(
            name, "responses", f"success status {old.success_status} became {new.success_status}", True, "status"
        )
    old_ok, new_ok = old.responses.get(str(old.success_status)), new.responses.get(str(new.success_status))
    if old_ok is not None and new_ok is not None:
        yield from walker.schema(old_ok.schema, new_ok.schema, f"response {new.success_status}", "response")
    old_security = {tuple(sorted(requirement)) for requirement in old.security}
    new_security = {tuple(sorted(requirement)) for requirement in new.security}
    if old_security != new_security:
        lost = old_security - new_security
        what = f"security {sorted(old_security)} became {sorted(new_security)}"
        yield Change(name, "security", what, bool(lost) and bool(new_security), "security")


def changes(old: Spec, new: Spec) -> list[Change]:
    """Every change from ``old`` to ``new``, operation by operation (removed ones first)."""
    found: list[Change] = []
    for operation_id, operation in old.operations.items():
        if operation_id not in new.operations:
            found.append(
                Change(operation_id, "operation", f"removed ({operation.method} {operation.path})", True, "operation")
            )
    for operation_id, operation in new.operations.items():
        if operation_id not in old.operations:
            found.append(
                Change(operation_id, "operation", f"added ({operation.method} {operation.path})", False, "operation")
            )
    for operation_id, operation in old.operations.items():
        if operation_id in new.operations:
            found.extend(_operation_changes(old, new, operation, new.operations[operation_id]))
    return found


def to_markdown(found: list[Change], old: str, new: str) -> str:
    breaking = [change for change in found if change.breaking]
    lines = [f"# API changes: {old} → {new}", ""]
    if not found:
        return "\n".join([*lines, "No changes.", ""])
    lines += [f"{len(found)} change(s), **{len(breaking)} breaking**.", ""]
    removed = [c for c in found if c.kind == "operation" and c.what.startswith("removed")]
    added = [c for c in found if c.kind == "operation" and c.what.startswith("added")]
    if removed:
        lines += [
            "## Operations removed",
            "",
            *(f"- **BREAKING** `{c.operation}` {c.what.removeprefix('removed ')}" for c in removed),
            "",
        ]
    if added:
        lines += ["## Operations added", "", *(f"- `{c.operation}` {c.what.removeprefix('added ')}" for c in added), ""]
    changed: dict[str, list[Change]] = {}
    for change in found:
        if change.kind != "operation":
            changed.setdefault(change.operation, []).append(change)
    if changed:
        lines += ["## Operations changed", ""]
        for operation, items in changed.items():
            lines += [f"### `{operation}`", ""]
            for change in sorted(items, key=lambda c: not c.breaking):
                mark = "**BREAKING** " if change.breaking else ""
                lines.append(f"- {mark}{change.where}: {change.what}")
            lines.append("")
    return "\n".join(lines)


def to_json(found: list[Change]) -> str:
    document = {"breaking": sum(c.breaking for c in found), "changes": [asdict(change) for change in found]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
