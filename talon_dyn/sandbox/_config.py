"""``SandboxConfig``: every setting of a sandbox, with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ._time import Clock, system_clock

__all__ = ["DEFAULT_API_KEY", "DEFAULT_APPLICATION_ID", "DEFAULT_APPLICATION_KEY", "SandboxConfig"]

DEFAULT_API_KEY = "sandbox-api-key"
DEFAULT_APPLICATION_ID = 1
DEFAULT_APPLICATION_KEY = "fefecafedeadbeef"
DEFAULT_MAX_BODY = 1_048_576


@dataclass(frozen=True)
class SandboxConfig:
    """How a sandbox is set up. Secrets (API keys, application key) never appear in its repr."""

    api_keys: tuple[str, ...] = field(default=(DEFAULT_API_KEY,), repr=False)
    """Keys accepted in ``Authorization: ApiKey-v1 <key>``."""
    application_id: int = DEFAULT_APPLICATION_ID
    """The application: ``signer=`` of Content-Signature, and ``applicationId`` in responses."""
    application_key: str = field(default=DEFAULT_APPLICATION_KEY, repr=False)
    """Hex key for the Content-Signature HMAC-MD5 (16 hex digits in Talon.One)."""
    account_id: int = 1
    """``accountId`` of customer profiles, ``userId`` of campaigns."""
    db: str | os.PathLike[str] = ":memory:"
    """SQLite database: ``:memory:`` (default) or a file that keeps state across restarts."""
    campaigns: str | os.PathLike[str] | None = None
    """Campaigns YAML file; None for the default one shipped with the package."""
    spec: str | os.PathLike[str] | None = None
    """OpenAPI document to serve; None for the bundled spec."""
    seed: int | None = None
    """Seed for generated codes; None for random codes."""
    clock: Clock = field(default=system_clock, repr=False, compare=False)
    """Returns the current time; inject a fixed clock for reproducible timestamps and expiry."""
    max_body: int = DEFAULT_MAX_BODY
    """Largest request body accepted, in bytes; larger ones get 413."""
    check_responses: bool = False
    """Validate every response against the spec before sending it (a failure is a 500)."""
    faults: Any = None
    """Faults on purpose: a faults YAML file, the same as a mapping, or None (see docs/sandbox.md)."""

    def __post_init__(self) -> None:
        try:
            bytes.fromhex(self.application_key)
        except ValueError:
            raise ValueError("application_key must be hex digits") from None
        if self.max_body < 0:
            raise ValueError("max_body must be 0 or more")
