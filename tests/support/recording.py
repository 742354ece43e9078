"""The one recording test double: an ``httpx.MockTransport`` handler that keeps every request it gets.

``Recorder(status, body)`` answers a canned response (``body`` as JSON; other ``httpx.Response``
keywords such as ``content=`` pass through); ``Recorder(answer=function)`` answers whatever the
function makes of the request; ``Recorder.succeeding(spec)`` answers each operation's documented
success status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

import talon_dyn

__all__ = ["Recorder", "assert_routed"]


class Recorder:
    """Records requests; answers a canned response, or what ``answer`` returns."""

    def __init__(
        self,
        status: int = 200,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        answer: Callable[[httpx.Request], httpx.Response] | None = None,
        **response: Any,
    ) -> None:
        self.requests: list[httpx.Request] = []
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.answer = answer
        self.response = response

    @classmethod
    def succeeding(cls, spec: talon_dyn.Spec) -> Recorder:
        """Answers every operation with its documented success status (an empty JSON object for a body)."""

        def answer(request: httpx.Request) -> httpx.Response:
            matched = spec.match(request.method, request.url.raw_path.decode())
            status = matched[0].success_status if matched else 500
            return httpx.Response(status) if status == 204 else httpx.Response(status, json={})

        return cls(answer=answer)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.answer is not None:
            return self.answer(request)
        if self.body is not None:
            return httpx.Response(self.status, json=self.body, headers=self.headers)
        return httpx.Response(self.status, headers=self.headers, **self.response)

    @property
    def only(self) -> httpx.Request:
        """The one request received (fails the test when there were more or none)."""
        assert len(self.requests) == 1, self.requests
        return self.requests[0]


def assert_routed(request: httpx.Request, operation_id: str, path_values: dict[str, str], raw_path: str) -> None:
    """``request`` went to ``raw_path`` exactly, and the spec's router reads it back as ``operation_id`` with
    exactly ``path_values``."""
    assert request.url.raw_path.decode() == raw_path
    matched = talon_dyn.load().match(request.method, request.url.raw_path.decode())
    assert matched is not None
    assert matched[0].operation_id == operation_id
    assert matched[1] == path_values
