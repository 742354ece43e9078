"""Secrets taken out of text by exact token, so nothing else in the text changes.

A secret of 16 characters or more is replaced wherever it stands; a shorter one only where
it stands as a whole token (not inside a longer word), so a short test key such as ``k``
never turns "attempt" into "attem***". ``***`` marks every cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["MASK", "Redactor"]

MASK = "***"
_WORD = r"A-Za-z0-9._~+/=-"  # characters a key-like token is made of


class Redactor:
    """Replaces each of ``secrets`` in text, and in the strings of JSON-like data."""

    __slots__ = ("__weakref__", "_pattern")

    def __init__(self, secrets: Iterable[str]) -> None:
        parts = []
        for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
            escaped = re.escape(secret)
            parts.append(escaped if len(secret) >= 16 else f"(?<![{_WORD}]){escaped}(?![{_WORD}])")
        self._pattern = re.compile("|".join(parts)) if parts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def text(self, value: str) -> str:
        return value if self._pattern is None else self._pattern.sub(MASK, value)

    def data(self, value: Any) -> Any:
        """A copy of JSON-like ``value`` with every string redacted."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            scrubbed = self.text(value)
            remade = getattr(value, "with_text", None)  # a record that is also its text (AttemptRecord)
            return remade(scrubbed) if remade is not None and type(value) is not str else scrubbed
        if isinstance(value, Mapping):
            return {self.text(str(key)): self.data(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.data(item) for item in value]
        return value

    def error(self, error: BaseException) -> None:
        """Scrub an exception in place: its message, notes, attempt lines and parsed error body."""
        if self._pattern is None:
            return
        error.args = tuple(self.text(arg) if isinstance(arg, str) else arg for arg in error.args)
        notes = getattr(error, "__notes__", None)
        if notes:
            error.__notes__ = [self.text(note) for note in notes]
        state = error.__dict__
        for key in ("attempts", "message", "error", "errors", "expected"):
            if key in state:
                value = self.data(state[key])
                state[key] = tuple(value) if isinstance(state[key], tuple) else value
        response = state.get("response")
        headers = getattr(response, "headers", None)
        if response is not None and headers is not None and hasattr(headers, "multi_items"):
            original = headers.multi_items()  # a credential the server echoed in a header
            pairs = [(name, self.text(value)) for name, value in original]
            if pairs != original:
                import httpx

                response.headers = httpx.Headers(pairs)
        last = state.get("last")
        if isinstance(last, BaseException) and last is not error:
            self.error(last)
