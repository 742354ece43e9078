"""The spec's own Markdown links made to work in rendered docs.

Spec descriptions use reference-style links whose definitions are root-relative paths of the
vendor's documentation site::

    You will need [Authentication][] to make requests to the API.

    [Authentication]: /integration-api/authentication

CommonMark renders ``[Authentication][]`` as a link only when the definition is in the same
document, and a root-relative target points at a page the rendered docs do not have. ``resolve``
turns every reference into an inline link, makes root-relative targets absolute against
``link_base`` (inline links too), drops the definitions, and leaves the label as plain text
where a reference has no definition (never a broken link).
"""

from __future__ import annotations

import re

__all__ = ["DEFAULT_LINK_BASE", "resolve"]

DEFAULT_LINK_BASE = "https://docs.talon.one"
_DEFINITION = re.compile(
    r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$", re.M
)
_REFERENCE = re.compile(r"\[([^\]\n]+)\]\[([^\]\n]*)\]")
_SHORTCUT = re.compile(r"(?<![\]\\])\[([^\]\n]+)\](?![\[(:])")
_INLINE = re.compile(r"\]\((/[^)\s]*)\)")


def _label(text: str) -> str:
    """CommonMark's label matching: case-insensitive, inner whitespace collapsed."""
    return " ".join(text.split()).casefold()


def resolve(text: str, link_base: str = DEFAULT_LINK_BASE) -> str:
    """``text`` with reference links inlined and root-relative targets made absolute."""
    if "[" not in text:
        return text
    base = link_base.rstrip("/")
    definitions: dict[str, str] = {}
    for found in _DEFINITION.finditer(text):
        definitions.setdefault(_label(found.group(1)), found.group(2))
    text = _DEFINITION.sub("", text)

    def target(url: str) -> str:
        return base + url if url.startswith("/") and not url.startswith("//") else url

    def full(found: re.Match[str]) -> str:
        shown, label = found.group(1), found.group(2) or found.group(1)
        url = definitions.get(_label(label))
        return f"[{shown}]({target(url)})" if url is not None else shown

    def shortcut(found: re.Match[str]) -> str:
        url = definitions.get(_label(found.group(1)))
        return f"[{found.group(1)}]({target(url)})" if url is not None else found.group(0)

    text = _REFERENCE.sub(full, text)
    if definitions:
        text = _SHORTCUT.sub(shortcut, text)
    text = _INLINE.sub(lambda found: f"]({target(found.group(1))})", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + ("\n" if text.endswith("\n") else "")
