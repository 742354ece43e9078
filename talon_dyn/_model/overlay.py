"""OpenAPI Overlay 1.0 documents applied to a spec when it is loaded: fix the spec without forking it.

An overlay is a YAML or JSON document::

    overlay: 1.0.0
    info: {title: Our fixes to the Talon.One spec, version: "1"}
    actions:
      - target: $.components.schemas.CustomerSessionV2.required   # an RFC 9535 JSONPath
        description: the service omits sessionId when ... (why, for the next reader)
        update: [...]           # merged into each object selected; appended to each array selected
      - target: "$.components.schemas.Event.required[?@ == 'sessionId']"
        remove: true            # each node selected is removed from its parent

Actions run in order, each against the document the previous ones left. An action whose target
selects nothing is an error (a fix that no longer applies must not pass silently), as is a
malformed overlay; every error names the overlay file and the action index. JSONPath is
``jsonpath-rfc9535`` (a maintained implementation of the RFC, tested against its compliance suite).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, Sequence
from typing import Any

from .._exceptions import SpecError
from .document import read_config, schema_problem

__all__ = ["OVERLAY_SCHEMA", "Overlay", "apply_overlays", "read_overlay"]

OVERLAY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["overlay", "info", "actions"],
    "properties": {
        "overlay": {"type": "string", "pattern": r"^1\.0\.\d+$"},
        "info": {
            "type": "object",
            "required": ["title", "version"],
            "properties": {"title": {"type": "string"}, "version": {"type": "string"}},
        },
        "extends": {"type": "string"},
        "actions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["target"],
                "properties": {
                    "target": {"type": "string", "pattern": r"^\$"},
                    "description": {"type": "string"},
                    "update": True,
                    "remove": {"type": "boolean"},
                },
                "patternProperties": {"^x-": True},
                "additionalProperties": False,
                "oneOf": [{"required": ["update"]}, {"required": ["remove"]}],
            },
        },
    },
    "patternProperties": {"^x-": True},
    "additionalProperties": False,
}

OverlaySource = str | os.PathLike[str] | Mapping[str, Any]


class Overlay:
    """A checked overlay document and where it came from."""

    __slots__ = ("actions", "source", "title")

    def __init__(self, document: Mapping[str, Any], source: str) -> None:
        problem = schema_problem(document, OVERLAY_SCHEMA)
        if problem is not None:
            raise SpecError(f"not an Overlay 1.0 document: {problem[1]}", source=source, pointer=problem[0])
        self.source = source
        self.title = str(document["info"]["title"])
        self.actions: list[Mapping[str, Any]] = list(document["actions"])

    def __repr__(self) -> str:
        return f"<Overlay {self.title!r} from {self.source}: {len(self.actions)} action(s)>"


def read_overlay(source: OverlaySource) -> Overlay:
    """An overlay from a file, or from an already-parsed mapping."""
    if isinstance(source, Mapping):
        return Overlay(source, "<overlay>")
    name = os.fspath(source)
    return Overlay(read_config(name, "overlay"), name)


def _merge(target: Any, update: Any) -> Any:
    if isinstance(target, dict) and isinstance(update, Mapping):
        for key, value in update.items():
            target[key] = _merge(target[key], value) if key in target else copy.deepcopy(value)
        return target
    return copy.deepcopy(update)


def _apply(document: dict[str, Any], overlay: Overlay) -> None:
    import jsonpath_rfc9535 as jsonpath

    for index, action in enumerate(overlay.actions):
        where = f"/actions/{index}"
        try:
            nodes = list(jsonpath.find(action["target"], document))
        except jsonpath.JSONPathError as exc:
            raise SpecError(
                f"target {action['target']!r} is not RFC 9535 JSONPath: {exc}",
                source=overlay.source,
                pointer=f"{where}/target",
            ) from None
        if not nodes:
            raise SpecError(
                f"target {action['target']!r} selects nothing in the spec",
                source=overlay.source,
                pointer=f"{where}/target",
            )
        if action.get("remove"):
            for node in sorted(nodes, key=lambda item: [str(part) for part in item.location], reverse=True):
                if not node.location:
                    raise SpecError("cannot remove the whole document", source=overlay.source, pointer=where)
                parent: Any = node.parent.value if node.parent is not None else document
                key = node.location[-1]
                if isinstance(parent, list):
                    del parent[int(key)]
                else:
                    parent.pop(key, None)
            continue
        if "update" not in action:
            continue
        update = action["update"]
        for node in nodes:
            if isinstance(node.value, list):
                node.value.append(copy.deepcopy(update))
            elif isinstance(node.value, dict) and isinstance(update, Mapping):
                _merge(node.value, update)
            else:
                raise SpecError(
                    f"target {action['target']!r} selects a {type(node.value).__name__}: update merges into an "
                    "object or appends to an array",
                    source=overlay.source,
                    pointer=f"{where}/update",
                )


def apply_overlays(document: dict[str, Any], overlays: Sequence[OverlaySource]) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``document`` with each overlay applied in order, and the overlays' sources."""
    if not overlays:
        return document, []
    result = copy.deepcopy(document)
    applied = []
    for source in overlays:
        overlay = source if isinstance(source, Overlay) else read_overlay(source)
        _apply(result, overlay)
        applied.append(overlay.source)
    return result, applied
