"""One redactor for every output: each configured secret becomes ``***`` where it appears, by exact token.

The core's rule (``talon_dyn._redact``): a long secret is masked wherever it stands, a short one only as a
whole token, so no unrelated word is ever rewritten; JSON-escaped forms of each secret are masked too.
``talon-dyn smoke`` refuses a key shorter than ``MIN_SECRET_LENGTH`` rather than print or mangle it.
Header values that carry credentials (``Authorization``, ``Content-Signature``, cookies) are masked by
name as well, so a report never holds a live credential.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from .._redact import MASK
from .._redact import Redactor as _TextRedactor

__all__ = ["MASK", "MIN_SECRET_LENGTH", "SENSITIVE_HEADERS", "Redactor"]

MIN_SECRET_LENGTH = 8
SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "content-signature", "cookie", "set-cookie", "x-api-key", "api-key"}
)
_SIGNATURE = re.compile(r"(signature\s*=\s*)[^;\s]+", re.IGNORECASE)


class Redactor:
    """Masks every given secret (and its JSON-escaped form) in text, headers and JSON-like data."""

    def __init__(self, secrets: Iterable[str]) -> None:
        given = [secret for secret in secrets if secret]
        self.secrets = tuple(given)
        forms = {form for secret in given for form in (secret, json.dumps(secret)[1:-1])}
        self._text = _TextRedactor(forms)
        self._count = len(forms)

    def __repr__(self) -> str:
        return f"<Redactor of {self._count} secret form(s)>"

    def text(self, value: str) -> str:
        """``value`` with every secret masked (nothing else changed)."""
        return self._text.text(value)

    def header(self, name: str, value: str) -> str:
        """A header value safe to show: credentials masked, keeping only their non-secret shape."""
        lowered = name.lower()
        if lowered == "authorization":
            scheme, _, rest = value.partition(" ")
            return f"{scheme} {MASK}" if rest else MASK
        if lowered == "content-signature":
            return _SIGNATURE.sub(lambda found: found.group(1) + MASK, value) if "signature" in value else MASK
        if lowered in SENSITIVE_HEADERS:
            return MASK
        return self.text(value)

    def headers(self, items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(name, self.header(name, value)) for name, value in items]

    def data(self, value: Any) -> Any:
        """A JSON-like structure with every string (keys included) masked."""
        return self._text.data(value)
