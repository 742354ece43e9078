"""One redactor for every output: each configured secret becomes ``***`` wherever it appears.

Header values that carry credentials (``Authorization``, ``Content-Signature``, cookies)
are masked by name as well, so a reproducer never holds a live credential even when it
was, say, a deliberately invalid key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["MASK", "SENSITIVE_HEADERS", "Redactor"]

MASK = "***"
SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "content-signature", "cookie", "set-cookie", "x-api-key", "api-key"}
)
_SIGNATURE = re.compile(r"(signature\s*=\s*)[^;\s]+", re.IGNORECASE)


class Redactor:
    """Replaces every occurrence of the given secrets (and their JSON-escaped forms) with ``***``."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            forms.add(secret)
            forms.add(json.dumps(secret)[1:-1])  # as it appears inside a JSON string
        # Longest first, so a secret containing another is masked whole.
        self._forms = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(form) for form in self._forms)) if self._forms else None

    def __repr__(self) -> str:
        return f"<Redactor of {len(self._forms)} secret form(s)>"

    def text(self, value: str) -> str:
        """``value`` with every secret masked."""
        if self._pattern is None:
            return value
        return self._pattern.sub(MASK, value)

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
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.text(str(key)): self.data(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.data(item) for item in value]
        return value
