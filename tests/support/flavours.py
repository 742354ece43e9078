"""One test body for both clients: ``flavour`` makes a ``Client`` or an ``AsyncClient`` and drives either the
same way, so a behaviour test states once what both flavours must do.

``flavour.make(...)`` returns a ``Driven`` client: calling one of its methods calls the client's, and runs the
coroutine an ``AsyncClient`` returns on the flavour's own event loop (one loop per test, as an application
has), so ``client.get_reserved_coupons("p1")`` reads the same in both. ``with`` closes it (``close()`` or
``aclose()``). For the fault matrix, ``faulty(transport, waits)`` makes one with the injected clock, and
``outcomes(client, *steps)`` makes calls by operationId with the spec's own arguments, each call's data or the
``TalonDynError`` it raised, and closes the client. The one sync/async driver of the suite."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

import httpx

import talon_dyn

__all__ = ["Driven", "Flavour", "Step"]

SPEC = talon_dyn.load()
Step = tuple[str, dict[str, Any]] | Callable[[], object]
"""A call (operationId, keyword arguments) or something to do between two calls."""


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

    def faulty(self, transport: Any = None, waits: Any = None, **options: Any) -> Driven:
        """A client for the fault matrix: http://talon.test, a key, ``transport``, and with ``waits`` (the injected
        clock of ``faults.Waits``) its retry policy and the response cap."""
        from faults import CAP

        settings: dict[str, Any] = {"base_url": "http://talon.test", "api_key": "fault-key", "transport": transport}
        if waits is not None:
            settings.update(retry=waits.retry(), max_response_bytes=CAP)
        return self.client(**{**settings, **options})

    def outcomes(self, client: Driven, *steps: Step) -> list[Any]:
        """Each call's data or the TalonDynError it raised, in order (a callable step runs between calls); the
        client is closed after the last."""
        from faults import arguments

        found: list[Any] = []
        try:
            for step in steps:
                if callable(step):
                    step()
                    continue
                operation = SPEC.operation(step[0])
                try:
                    found.append(getattr(client, operation.python_name)(**{**arguments(SPEC, operation), **step[1]}))
                except talon_dyn.TalonDynError as error:
                    found.append(error)
        finally:
            client.close()
        return found

    def outcome(self, client: Driven, operation: str, **kwargs: Any) -> Any:
        """One call's data, or the error it raised."""
        return self.outcomes(client, (operation, kwargs))[0]

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()
