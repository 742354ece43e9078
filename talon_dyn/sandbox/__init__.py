"""The sandbox: an offline, stateful Talon.One Integration API built from the spec.

An httpx handler first (``Sandbox.handle``, ``transport()``, ``async_transport()``),
an ASGI app and a TCP server second (``serve``, ``talon-dyn sandbox``). State lives in
SQLite; campaigns and rules come from a YAML file. Behaviour and every decision the
reference left open are described in docs/sandbox.md.
"""

from typing import Any

from ._config import SandboxConfig
from ._domain.campaigns import CampaignsError
from ._sandbox import Sandbox
from ._time import SandboxClock

__all__ = ["CampaignsError", "Sandbox", "SandboxClock", "SandboxConfig", "Server", "serve"]


def __getattr__(name: str) -> Any:
    """``Server`` and ``serve`` need uvicorn (the ``sandbox`` extra): imported when first asked for."""
    if name in ("Server", "serve"):
        from .._extras import require

        require("sandbox", f"talon_dyn.sandbox.{name}")
        from . import _server

        return getattr(_server, name)
    raise AttributeError(f"module 'talon_dyn.sandbox' has no attribute {name!r}")
