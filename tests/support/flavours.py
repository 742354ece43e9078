"""One test body for both clients: ``flavour`` makes a ``Client`` or an ``AsyncClient`` and drives either the
same way, so a behaviour test states once what both flavours must do.

``flavour.make(...)`` returns a ``Driven`` client: calling one of its methods calls the client's, and runs the
coroutine an ``AsyncClient`` returns on the flavour's own event loop (one loop per test, as an application
has), so ``client.get_reserved_coupons("p1")`` reads the same in both. ``with`` closes it (``close()`` or
``aclose()``)."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import httpx

import talon_dyn

__all__ = ["Driven", "Flavour"]


class Driven:
    """A client (or one of its namespaces, ``with_response``, ``paginate``) whose coroutines are run to the end."""

    def __init__(self, target: Any, runner: asyncio.Runner | None) -> None:
        self._target = target
        self._runner = runner

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name in ("with_response", "paginate"):
            return Driven(value, self._runner)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if inspect.isawaitable(result):
                assert self._runner is not None, f"{name}() gave a coroutine on a sync client"
                return self._runner.run(result)  # type: ignore[arg-type]
            return result

        return call

    def __repr__(self) -> str:
        return repr(self._target)

    def close(self) -> None:
        if self._runner is None:
            self._target.close()
        else:
            self._runner.run(self._target.aclose())

    def __enter__(self) -> Driven:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Flavour:
    """``sync`` or ``async``: which client class, and the loop an async one runs on."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cls: type[talon_dyn.Client] | type[talon_dyn.AsyncClient] = (
            talon_dyn.Client if name == "sync" else talon_dyn.AsyncClient
        )
        self._runner = asyncio.Runner() if name == "async" else None

    def client(self, **options: Any) -> Driven:
        """The flavour's client class, made with ``options`` (in the loop, for async: as an application makes it)."""
        return Driven(self.cls(**options), self._runner)

    def make(self, handler: Any, **options: Any) -> Driven:
        """A client for http://talon.test over ``httpx.MockTransport(handler)``, with an API key unless HMAC
        credentials are given."""
        options.setdefault("base_url", "http://talon.test")
        if "application_id" not in options and "credentials" not in options:
            options.setdefault("api_key", "secret-key")
        return self.client(transport=httpx.MockTransport(handler), **options)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()
