"""Python names for spec names: ``updateCustomerSessionV2`` -> ``update_customer_session_v2``."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

__all__ = ["camelize", "closest", "python_identifier", "snake_case"]

_BOUNDARY_1 = re.compile(r"([A-Z]+)([A-Z][a-z])")
_BOUNDARY_2 = re.compile(r"([a-z\d])([A-Z])")
_NOT_IDENT = re.compile(r"\W+")
_SEPARATORS = re.compile(r"[^0-9A-Za-z]+")


def camelize(name: str) -> str:
    """A schema name as a model name: ``inline_response_200_1`` -> ``InlineResponse2001``; ``APIError`` stays."""
    parts = [part for part in _SEPARATORS.split(name) if part]
    text = "".join(part[:1].upper() + part[1:] for part in parts) or "Model"
    return f"Model{text}" if text[0].isdigit() else text


def snake_case(name: str) -> str:
    """``updateCustomerSessionV2`` -> ``update_customer_session_v2``; ``getHTTPStatus`` -> ``get_http_status``."""
    text = _BOUNDARY_1.sub(r"\1_\2", name)
    text = _BOUNDARY_2.sub(r"\1_\2", text)
    text = _NOT_IDENT.sub("_", text).strip("_").lower()
    return re.sub(r"_+", "_", text)


def python_identifier(name: str, *, reserved: Iterable[str] = ()) -> str:
    """A valid, non-keyword snake_case identifier for ``name``, avoiding ``reserved``."""
    text = snake_case(name) or "value"
    if text[0].isdigit():
        text = f"_{text}"
    taken = set(reserved)
    while keyword.iskeyword(text) or text in taken:
        text += "_"
    return text


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``name`` (compared in snake_case), if any is close."""
    import difflib

    pool = list(candidates)
    by_key = {snake_case(candidate): candidate for candidate in pool}
    matches = difflib.get_close_matches(snake_case(name), list(by_key), n=1, cutoff=0.6)
    return by_key[matches[0]] if matches else None
