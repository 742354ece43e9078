"""Credentials and request signing for Talon.One's two schemes.

* ``api_key_v1``: ``Authorization: ApiKey-v1 <key>``.
* ``integration_auth``: ``Content-Signature: signer=<applicationId>; signature=<hex>``
  where the signature is the lowercase hex HMAC-MD5 of the exact body bytes sent,
  keyed with the hex-decoded application key (SEMANTICS.md 1.2).

Other apiKey/http schemes (the 2026 spec's ``management_key``, ``manager_auth``)
take a ready header value through ``credentials={"scheme": "value"}``. Secrets are
never shown: ``Credentials`` has a redacting ``repr`` and no ``__str__`` of its own.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from .._exceptions import ConfigurationError
from .._model.spec import SIGNATURE_HEADER

__all__ = ["Credentials", "sign"]

API_KEY_PREFIX = "ApiKey-v1"


def sign(application_key: str, body: bytes) -> str:
    """Lowercase hex HMAC-MD5 of ``body`` keyed with the hex-decoded application key."""
    return hmac.new(bytes.fromhex(application_key), body, hashlib.md5).hexdigest()


class Credentials:
    """What the client may authenticate with; knows which schemes it can satisfy."""

    __slots__ = ("_api_key", "_application_id", "_application_key", "_chosen", "_extra")

    def __init__(
        self,
        *,
        api_key: str | None = None,
        application_id: int | str | None = None,
        application_key: str | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        if (application_id is None) != (application_key is None):
            raise ConfigurationError("application_id and application_key go together: give both or neither")
        if application_key is not None:
            try:
                bytes.fromhex(application_key)
            except (ValueError, TypeError):
                raise ConfigurationError("application_key must be hex digits (16 in Talon.One)") from None
        if application_id is not None and not (
            (isinstance(application_id, int) and not isinstance(application_id, bool) and application_id >= 0)
            or (isinstance(application_id, str) and application_id.isascii() and application_id.isdigit())
        ):
            raise ConfigurationError(
                "application_id must be the application's number (digits only): it is sent in Content-Signature"
            )
        for name, value in (("api_key", api_key), ("application_key", application_key)):
            if value is not None and not isinstance(value, str):
                raise ConfigurationError(f"{name} must be a string")
        self._api_key = api_key
        self._application_id = None if application_id is None else str(application_id)
        self._application_key = application_key
        self._extra = dict(extra or {})
        self._chosen: dict[tuple[Any, int], tuple[str, ...] | None] = {}
        for value in [api_key or "", self._application_id or "", *self._extra.values()]:
            if not value.isascii() or not value.isprintable():  # a header carries printable ASCII only
                raise ConfigurationError(
                    "credentials must not contain CR, LF or NUL characters, other control characters or non-ASCII text"
                )

    def __repr__(self) -> str:
        given = [
            name
            for name, value in (
                ("api_key", self._api_key),
                ("application_id", self._application_id),
                ("application_key", self._application_key),
            )
            if value is not None
        ]
        given += [f"credentials[{name!r}]" for name in self._extra]
        return f"Credentials({', '.join(f'{name}=***' for name in given)})"

    def replace(self, **changes: Any) -> Credentials:
        """These credentials with some changed (``api_key``, ``application_id``, ``application_key``, ``extra``);
        giving one of the application pair without the other keeps neither of the old pair."""
        pair = ("application_id" in changes) == ("application_key" in changes)
        return Credentials(
            api_key=changes.get("api_key", self._api_key),
            application_id=changes.get("application_id", self._application_id if pair else None),
            application_key=changes.get("application_key", self._application_key if pair else None),
            extra=changes.get("extra", self._extra),
        )

    def as_options(self) -> dict[str, Any]:
        """These credentials as a client's keyword arguments (``api_key=...``, ...), for the tools that make one."""
        return {
            "api_key": self._api_key,
            "application_id": self._application_id,
            "application_key": self._application_key,
            "credentials": self._extra or None,
        }

    def secrets(self) -> list[str]:
        """The secret values, for redaction (never for display)."""
        return [value for value in (self._api_key, self._application_key, *self._extra.values()) if value]

    def can_satisfy(self, scheme_name: str, scheme: Mapping[str, Any]) -> bool:
        if scheme_name in self._extra:
            return True
        header = str(scheme.get("name", "")).lower()
        if header == SIGNATURE_HEADER:
            return self._application_key is not None
        if scheme_name == "api_key_v1" or (scheme.get("type") == "apiKey" and header == "authorization"):
            return self._api_key is not None
        return False

    def apply(self, scheme_name: str, scheme: Mapping[str, Any], headers: dict[str, str], body: bytes) -> None:
        """Add the header(s) that satisfy ``scheme`` to ``headers``."""
        header = str(scheme.get("name") or "Authorization")
        if scheme.get("type") == "http":
            header = "Authorization"
        if scheme_name in self._extra:
            headers[header] = self._extra[scheme_name]
        elif header.lower() == SIGNATURE_HEADER:
            assert self._application_key is not None
            headers[header] = f"signer={self._application_id}; signature={sign(self._application_key, body)}"
        else:
            headers[header] = f"{API_KEY_PREFIX} {self._api_key}"

    def choose(self, security: tuple[tuple[str, ...], ...], schemes: Mapping[str, Any]) -> tuple[str, ...] | None:
        """The first security requirement these credentials satisfy; () for an open operation."""
        key = (security, id(schemes))
        if key in self._chosen:
            return self._chosen[key]
        chosen: tuple[str, ...] | None = None if security else ()
        for requirement in security:
            if all(self.can_satisfy(name, schemes.get(name) or {}) for name in requirement):
                chosen = requirement
                break
        self._chosen[key] = chosen
        return chosen
