"""The sandbox: an offline, stateful Talon.One Integration API built from the spec.

An httpx handler first (``Sandbox.handle``, ``transport()``, ``async_transport()``),
an ASGI app and a TCP server second (``serve``, ``talon-dyn sandbox``). State lives in
SQLite; campaigns and rules come from a YAML file. Behaviour and every decision the
reference left open are described in docs/sandbox.md.
"""

from ._campaigns import CampaignsError
from ._config import SandboxConfig
from ._sandbox import Sandbox
from ._server import Server, serve

__all__ = ["CampaignsError", "Sandbox", "SandboxConfig", "Server", "serve"]
