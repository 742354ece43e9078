"""Talon's current Integration API, typed: ``from talon_dyn.current import Client, AsyncClient``.

The same clients as ``talon_dyn.Client`` / ``AsyncClient``, with the bundled spec named "current" (36
operations) as their default; type checkers read one typed method per operation from ``current.pyi`` and the
request and answer shapes from ``talon_dyn.current_types`` (both rendered by ``talon-dyn stubs --spec current``).
"""

from __future__ import annotations

from typing import Any

from ._client.client import AsyncClient as _AsyncClient
from ._client.client import Client as _Client

__all__ = ["AsyncClient", "Client"]


class Client(_Client):
    """``talon_dyn.Client`` for Talon's current Integration API (``spec="current"`` unless one is given)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("spec", "current")
        super().__init__(*args, **kwargs)


class AsyncClient(_AsyncClient):
    """``talon_dyn.AsyncClient`` for Talon's current Integration API (``spec="current"`` unless one is given)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("spec", "current")
        super().__init__(*args, **kwargs)
