"""Secrets taken out of everything talon_dyn shows: one redactor for errors, logs, reports and reproducers.

A secret is masked by exact token, so nothing else in the text changes: one of 16 characters or more wherever
it stands, a shorter one only where it stands as a whole token (not inside a longer word), so a short test key
such as ``k`` never turns "attempt" into "attem***". The JSON-escaped form of each secret is masked too (a
report holds bodies as JSON text). ``***`` marks every cut. Header values that carry credentials
(``CREDENTIAL_HEADERS``) are masked by name as well, whatever their value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["CREDENTIAL_HEADERS", "MASK", "Redactor"]

MASK = "***"
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "content-signature", "cookie", "set-cookie", "x-api-key", "api-key"}
)
"""Headers (lower case) whose values are credentials: never shown, whatever they hold."""
_WORD = r"A-Za-z0-9._~+/=-"  # characters a key-like token is made of
_SIGNATURE = re.compile(r"(signature\s*=\s*)[^;\s]+", re.IGNORECASE)


class Redactor:
    """Replaces each of ``secrets`` (and its JSON-escaped form) in text, headers, JSON-like data and errors."""

    __slots__ = ("__weakref__", "_count", "_pattern", "secrets")

    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = tuple(secret for secret in secrets if secret)
        forms = {form for secret in self.secrets for form in (secret, json.dumps(secret)[1:-1])}
        self._count = len(forms)
        parts = []
        for secret in sorted(forms, key=len, reverse=True):
            escaped = re.escape(secret)
            parts.append(escaped if len(secret) >= 16 else f"(?<![{_WORD}]){escaped}(?![{_WORD}])")
        self._pattern = re.compile("|".join(parts)) if parts else None

    def __repr__(self) -> str:
        return f"<Redactor of {self._count} secret form(s)>"

    def __bool__(self) -> bool:
        return self._pattern is not None

    def text(self, value: str) -> str:
        """``value`` with every secret masked (nothing else changed)."""
        return value if self._pattern is None else self._pattern.sub(MASK, value)

    def header(self, name: str, value: str) -> str:
        """A header value safe to show: credentials masked, keeping only their non-secret shape (the scheme of an
        ``Authorization``, the fields of a ``Content-Signature``)."""
        lowered = name.lower()
        if lowered == "authorization":
            scheme, _, rest = value.partition(" ")
            return f"{scheme} {MASK}" if rest else MASK
        if lowered == "content-signature":
            return _SIGNATURE.sub(lambda found: found.group(1) + MASK, value) if "signature" in value else MASK
        if lowered in CREDENTIAL_HEADERS:
            return MASK
        return self.text(value)

    def headers(self, items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(name, self.header(name, value)) for name, value in items]

    def data(self, value: Any) -> Any:
        """A copy of JSON-like ``value`` with every string (keys included) redacted."""
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
