"""Where a smoke run sends its requests, and how: ``Target`` and the async ``Sender``.

The sender is an ``AsyncClient`` used through its public seam: ``build_request`` makes the
same bytes and signatures the client sends (request validation off, so the checks can send
deliberately invalid requests) and ``send`` sends each one exactly once
(``Retry.never()``) through the client's own attempt loop: the same engines, the same
whole-attempt time limit, the run's budget as the call's deadline, the same size cap on the
wire and after decoding, the same proxies and trust store. Every answer is read whole,
whatever its status.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from .._client.auth import Credentials
from .._client.client import AsyncClient, network_secrets
from .._client.request import PreparedRequest
from .._client.retry import Retry
from .._exceptions import ConnectionFailed, TalonDynError, TalonTimeout
from .._model.spec import Operation, Spec
from .._redact import Redactor
from ._records import Exchange

__all__ = ["SANDBOX_URL", "Sender", "Target"]

SANDBOX_URL = "http://sandbox.talon.invalid"
MAX_BODY = 4 * 1024 * 1024


@dataclass
class Target:
    """A deployment (or an in-process sandbox) and the credentials to call it with.

    ``network`` holds the client's network options (``proxy``, ``trust_env``, ``verify``, ``cert``). ``engine``
    is an engine object for ``AsyncClient(engine=...)`` (the embedded sandbox's is ``Sandbox.async_engine()``:
    no socket and no httpx object on the way); ``transport`` an httpx transport, for those who have one."""

    spec: Spec
    base_url: str
    credentials: Credentials
    transport: httpx.AsyncBaseTransport | None = None
    timeout: float = 10.0
    description: str = ""
    extra_secrets: tuple[str, ...] = field(default=(), repr=False)
    network: Mapping[str, Any] = field(default_factory=dict, repr=False)
    engine: Any = field(default=None, repr=False)
    campaigns_known: bool = False
    """Whether smoke knows this target's campaigns (the embedded sandbox's default ones): then the scenarios'
    campaign variables and expectations apply without a profile."""

    def __post_init__(self) -> None:
        if not self.description:
            self.description = self.base_url

    def redactor(self) -> Redactor:
        proxy = {name: self.network[name] for name in ("proxy", "trust_env") if name in self.network}
        return Redactor([*self.credentials.secrets(), *self.extra_secrets, *network_secrets(**proxy)])


def recorded(request: PreparedRequest) -> httpx.Request:
    """The request as sent, as an ``httpx.Request`` (for the checks and the reproducers, which redact it)."""
    return request.http_request()


class Sender:
    """Builds and sends each request once through the client's seam, and records each exchange."""

    def __init__(self, target: Target, deadline: float | None = None) -> None:
        self.target = target
        self.deadline = deadline
        self.client = AsyncClient(
            spec=target.spec,
            base_url=target.base_url,
            transport=target.transport,
            **({"engine": target.engine} if target.engine is not None else {}),
            timeout=target.timeout,
            retry=Retry.never(),
            request_validation="off",
            response_validation="off",
            max_response_bytes=MAX_BODY,
            **target.credentials.as_options(),
            **target.network,
        )
        self._clients: dict[Credentials, AsyncClient] = {}
        self.cut = 0
        """Requests the run's budget cut short while in flight."""

    async def aclose(self) -> None:
        await self.client.aclose()

    def _client_for(self, credentials: Credentials | None) -> AsyncClient:
        if credentials is None:
            return self.client
        found = self._clients.get(credentials)
        if found is None:  # the same pool, other credentials
            found = self._clients[credentials] = self.client.with_options(**credentials.as_options())
        return found

    def build(
        self, operation: Operation, arguments: Mapping[str, Any], credentials: Credentials | None = None
    ) -> PreparedRequest:
        """The request ``arguments`` make (python names; ``body`` is the JSON body), nothing validated."""
        options: dict[str, Any] = {}
        left = self.seconds_left()
        if left is not None:
            options["deadline"] = max(left, 0.001)
        return self._client_for(credentials).build_request(operation.python_name, **arguments, **options)

    def seconds_left(self) -> float | None:
        """Seconds left of the run's budget (None without one)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    async def send(self, request: PreparedRequest) -> Exchange:
        """Send ``request`` once; a refused connection raises ``ConnectionFailed``, other failures are recorded."""
        started = time.perf_counter()
        sent = recorded(request)
        try:
            raw = await self.client.send(request)
        except TalonDynError as error:
            elapsed = time.perf_counter() - started
            text = str(error).removeprefix(f"{request.operation.operation_id}: ")
            if isinstance(error, ConnectionFailed) and not error.may_have_reached_server:
                raise ConnectionFailed(f"cannot reach {self.target.description}: {text}") from None
            if isinstance(error, TalonTimeout):
                left = self.seconds_left()
                if left is not None and left <= 0.001 and elapsed < self.target.timeout:
                    # the run's budget ended it, not the target: the request did not get its time
                    self.cut += 1
                    return Exchange(sent, None, "the time budget ran out while it was in flight", elapsed, cut=True)
                text += f" (after {elapsed:.2f} s; --timeout {self.target.timeout:g})"
            return Exchange(sent, None, f"{type(error).__name__}: {text}", elapsed)
        response = raw.http_response
        response.request = sent
        return Exchange(sent, response, None, time.perf_counter() - started)
