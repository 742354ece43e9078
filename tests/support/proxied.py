"""A real sandbox behind a small loopback proxy that breaks one promise: ``proxied(key)`` is a fixture factory,
``start(fault, spec=None)`` serves a fresh sandbox behind ``fault(sandbox, operationId, request) -> response``
on a free port and returns its URL; every server and sandbox is stopped after the test. The smoke tests that
show a check finding a regression use it (``test_smoke_finds``, ``test_smoke_invariants``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
from rawserver import http_server, httpx_handler

from talon_dyn.sandbox import Sandbox

__all__ = ["Fault", "operation_of", "serving"]

Fault = Callable[[Sandbox, str, httpx.Request], httpx.Response]


def operation_of(sandbox: Sandbox, request: httpx.Request) -> str:
    """The operationId a request is for ("" when none serves it)."""
    found = sandbox.spec.match(request.method, request.url.raw_path.decode("ascii").split("?", 1)[0])
    return found[0].operation_id if found else ""


def serving(key: str) -> Iterator[Callable[..., str]]:
    """The body of a ``serve`` fixture: yields ``start(fault, spec=None)``, then stops what it started."""
    stack: list[Any] = []

    def start(fault: Fault, spec: str | None = None) -> str:
        sandbox = Sandbox(seed=3, api_keys=(key,), spec=spec)
        handler = httpx_handler(lambda request: fault(sandbox, operation_of(sandbox, request), request))
        server = http_server(handler)
        url = server.__enter__()
        stack.append((server, sandbox))
        return url

    yield start
    for server, sandbox in stack:
        server.__exit__(None, None, None)
        sandbox.close()
