"""Who may call: the spec's security requirements checked against the sandbox's keys and signing secret."""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from ..._client.auth import sign
from ..._model.spec import Operation, Spec
from .._config import SandboxConfig
from .._domain.context import ApiProblem
from .replies import problem

__all__ = ["Authenticator"]


class Authenticator:
    """``ApiKey-v1`` keys and ``Content-Signature`` (HMAC-MD5 of the exact body) as the loaded spec asks for them."""

    def __init__(self, spec: Spec, config: SandboxConfig) -> None:
        self._schemes = spec.security_schemes
        self._api_keys = frozenset(config.api_keys)
        self._application_id = str(config.application_id)
        self._application_key = config.application_key

    def has_api_key(self, headers: Mapping[str, str]) -> bool:
        """Whether ``Authorization: ApiKey-v1 <key>`` names one of the sandbox's keys (its own endpoints ask this)."""
        prefix, _, key = (headers.get("authorization") or "").partition(" ")
        return prefix == "ApiKey-v1" and key.strip() in self._api_keys

    def _scheme_result(self, name: str, headers: Mapping[str, str], body: bytes) -> str:
        """ "ok", "absent", "bad" (wrong key) or "mismatch" (wrong signature) for one scheme."""
        scheme = self._schemes.get(name) or {}
        header = str(scheme.get("name") or "Authorization").lower()
        value = headers.get(header)
        if value is None:
            return "absent"
        if header == "content-signature":
            parts = dict(part.strip().partition("=")[::2] for part in value.split(";") if part.strip())
            if parts.get("signer", "").strip() != self._application_id:
                return "mismatch"
            expected = sign(self._application_key, body)
            given = parts.get("signature", "").strip().lower()
            return "ok" if hmac.compare_digest(given, expected) else "mismatch"
        prefix, _, key = value.partition(" ")
        return "ok" if prefix == "ApiKey-v1" and key.strip() in self._api_keys else "bad"

    def check(self, operation: Operation, headers: Mapping[str, str], body: bytes) -> None:
        """Raise the 401 (no valid credential) or 400 (a signature that does not match) Talon answers."""
        if not operation.security:
            return
        results: dict[str, str] = {}
        for requirement in operation.security:
            for name in requirement:
                if name not in results:
                    results[name] = self._scheme_result(name, headers, body)
            if all(results[name] == "ok" for name in requirement):
                return
        if "mismatch" in results.values():
            raise ApiProblem(400, "HMAC signature mismatch.")
        raise problem(
            401,
            "Unauthorized - Invalid API key",
            "Unauthorized",
            "A valid API key (Authorization: ApiKey-v1 <key>) or Content-Signature is required.",
            {"parameter": "Authorization"},
        )
