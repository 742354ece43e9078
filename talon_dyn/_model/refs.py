"""Check every ``$ref`` of a spec once, at load time.

Local references (``#/components/...``) must resolve. References to other files
are allowed only inside the spec's own folder and are loaded as extra resources;
remote ones (``http:``, ``https:`` and any other scheme) are refused, so loading
a spec never touches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .._exceptions import SpecError
from .document import load_document
from .pointer import escape
from .schema import resolve_pointer

__all__ = ["check_refs"]


def _walk_refs(document: Any) -> list[tuple[str, str]]:
    """Every (ref, pointer-of-the-ref) pair in the document."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                found.append((ref, f"{pointer}/$ref"))
            for key, value in node.items():
                if isinstance(value, (dict, list)):
                    stack.append((value, f"{pointer}/{escape(key)}"))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    stack.append((value, f"{pointer}/{index}"))
    return found


def check_refs(document: Any, *, source: str, folder: Path | None) -> dict[str, Any]:
    """Check all references; return the external documents they need, by file URI."""
    external: dict[str, Any] = {}
    pending: list[tuple[Any, str, Path | None]] = [(document, source, folder)]
    while pending:
        current, current_source, current_folder = pending.pop()
        for ref, where in _walk_refs(current):
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                raise SpecError(
                    f"remote $ref {ref!r} refused: talon_dyn never fetches specs over the network",
                    source=current_source,
                    pointer=where,
                )
            fragment = unquote(parts.fragment)
            if not parts.path:
                target = current
            else:
                if current_folder is None:
                    raise SpecError(
                        f"file $ref {ref!r} in a spec loaded from memory", source=current_source, pointer=where
                    )
                root = folder if folder is not None else current_folder
                target_path = (current_folder / unquote(parts.path)).resolve()
                if not target_path.is_relative_to(root):
                    raise SpecError(
                        f"$ref {ref!r} points outside the spec's folder {root}",
                        source=current_source,
                        pointer=where,
                    )
                if target_path.exists() and not target_path.is_file():  # a pipe or device would block or never end
                    raise SpecError(f"$ref {ref!r} is not a regular file", source=current_source, pointer=where)
                uri = target_path.as_uri()
                if uri not in external:
                    external[uri] = load_document(target_path)
                    pending.append((external[uri], str(target_path), target_path.parent))
                target = external[uri]
            try:
                resolve_pointer(target, fragment, source=current_source)
            except SpecError:
                raise SpecError(f"unresolvable $ref {ref!r}", source=current_source, pointer=where) from None
    return external
