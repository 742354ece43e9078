"""``Sandbox``: an offline, stateful Talon.One built from the same spec object as the client."""

from __future__ import annotations

import copy
import dataclasses
import os
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

import httpx

from .._model.spec import Spec, bundled_name, load
from ._config import SandboxConfig
from ._domain import campaigns as _campaigns
from ._domain.context import public
from ._domain.seed import seed
from ._storage import Doc
from ._storage.store import Store
from ._time import SandboxClock
from ._wire.admission import Passage
from ._wire.asgi import ASGIApp, asgi_app
from ._wire.engine import AsyncSandboxEngine, SandboxEngine
from ._wire.faults import load_faults
from ._wire.pipeline import App
from ._wire.replies import Answer

if TYPE_CHECKING:
    from .. import AsyncClient, Client, current  # the typed stubs: one typed method per operation
    from .._client.client import AsyncClient as _PlainAsync
    from .._client.client import Client as _Plain

_C = TypeVar("_C", bound="_Plain")
_A = TypeVar("_A", bound="_PlainAsync")
if TYPE_CHECKING:  # defaults (PEP 696): a bare ``Sandbox`` is the 2020 spec's, as it always was
    from typing_extensions import TypeVar as _Defaulted

    _SyncClient = _Defaulted("_SyncClient", bound="_Plain", default="Client")
    _AsyncClient = _Defaulted("_AsyncClient", bound="_PlainAsync", default="AsyncClient")
else:
    _SyncClient = TypeVar("_SyncClient")
    _AsyncClient = TypeVar("_AsyncClient")

__all__ = ["Sandbox"]


def _response(request: httpx.Request, passed: tuple[Answer, bool] | None) -> httpx.Response:
    """What ``handle`` answers: httpx's own "disconnected" error for a dropped request, else the answer."""
    if passed is None:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    (status, extra, payload), _ = passed
    return httpx.Response(status, headers=extra, content=payload)


class Sandbox(Generic[_SyncClient, _AsyncClient]):
    """An offline Talon.One Integration API: ``handle(request) -> response``, state in SQLite.

    ``Sandbox(seed=7, db="state.db")`` takes :class:`SandboxConfig` fields as keywords
    (or a ready ``config=``). Use it through ``transport()`` / ``async_transport()``
    with the real client, ``asgi`` with an ASGI server, or ``serve()`` over TCP.
    """

    @overload
    def __init__(
        self: Sandbox[current.Client, current.AsyncClient],
        config: SandboxConfig | None = None,
        *,
        spec: Literal["current"],
        **settings: Any,
    ) -> None: ...
    @overload
    def __init__(
        self: Sandbox[Client, AsyncClient],
        config: SandboxConfig | None = None,
        *,
        spec: Spec | str | os.PathLike[str] | None = None,
        **settings: Any,
    ) -> None: ...
    def __init__(
        self,
        config: SandboxConfig | None = None,
        *,
        spec: Spec | str | os.PathLike[str] | None = None,
        **settings: Any,
    ) -> None:
        if spec is not None and not isinstance(spec, Spec):  # a path: the same as SandboxConfig(spec=...)
            settings["spec"], spec = spec, None
        config = config or SandboxConfig()
        config = dataclasses.replace(config, **settings) if settings else config
        base = config.clock.base if isinstance(config.clock, SandboxClock) else config.clock
        self.clock = SandboxClock(base)
        """The sandbox's clock: ``clock.advance(days=14)`` moves its time forwards (``POST /__sandbox/clock``
        over TCP); pending points activate, points, coupons and codes expire, campaigns start and end."""
        self.config = dataclasses.replace(config, clock=self.clock)
        spec_path = None if self.config.spec is None else os.fspath(self.config.spec)
        self.spec: Spec = spec if spec is not None else load(spec_path)
        self.campaigns = _campaigns.load(self.config.campaigns)
        self.store = Store(str(self.config.db))
        faults = load_faults(self.config.faults, self.spec, self.config.seed)
        self.app = App(self.spec, self.config, self.campaigns, self.store, faults, self.reset)
        self.asgi: ASGIApp = asgi_app(self.app)
        self._seed(fresh=False)

    def __repr__(self) -> str:
        return f"<Sandbox db={str(self.config.db)!r} campaigns={self.campaigns.source!r} seed={self.config.seed!r}>"

    # -- lifecycle ------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every profile, session, event, reservation and code: back to the seeded start state
        (``POST /__sandbox/reset`` over TCP). The journal is emptied and the clock is back to the configured
        one too."""
        self.clock.rewind()
        self._seed(fresh=True)
        self.app.journal.clear()

    def close(self) -> None:
        """Close the database; the sandbox cannot answer afterwards."""
        self.store.close()

    def __enter__(self) -> Sandbox[_SyncClient, _AsyncClient]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _seed(self, *, fresh: bool) -> None:
        """Load campaign definitions and their declared coupons; keep counters unless ``fresh``."""
        with self.store.transaction() as store:
            seed(store, self.app.runner.context(store), self.campaigns, fresh=fresh)

    # -- serving ----------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer an ``httpx.Request`` (the handler of ``httpx.MockTransport``), faults included: a dropped
        request raises httpx's own "disconnected without a response" error, a delay sleeps."""
        return _response(request, self._exchange(request).run())

    async def ahandle(self, request: httpx.Request) -> httpx.Response:
        """``handle`` for async callers: a delay is awaited, so the event loop goes on (an async client's
        deadline fires during it, and another write to the same session overlaps it: 409 with
        ``parallel_session_writes: conflict``)."""
        return _response(request, await self._exchange(request).arun())

    def _exchange(self, request: httpx.Request) -> Passage:
        path, _, query = request.url.raw_path.decode("ascii").partition("?")
        headers = {key.lower(): value for key, value in request.headers.items()}
        return self.app.exchange(request.method, path, query, headers, request.read())

    @property
    def journal(self) -> list[dict[str, Any]]:
        """The recent requests (at most 1,000), oldest first: time, operation, method, path, status and the
        fault applied (None for a normal answer). No header, body or query string: never a credential."""
        return list(self.app.journal)

    def engine(self) -> SandboxEngine:
        """An engine for ``Client(engine=...)``: the client's request goes straight into the sandbox and its
        answer's bytes come straight back, with no httpx object and no socket (what ``client()`` uses)."""
        return SandboxEngine(self.app)

    def async_engine(self) -> AsyncSandboxEngine:
        """The same for ``AsyncClient(engine=...)``: delays are awaited, never slept."""
        return AsyncSandboxEngine(self.app)

    def transport(self) -> httpx.MockTransport:
        """A transport for ``Client(transport=...)`` or ``httpx.Client``: no socket involved."""
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        """The same, for ``AsyncClient`` and ``httpx.AsyncClient``: delays are awaited, never slept."""
        return httpx.MockTransport(self.ahandle)

    @overload
    def client(self, **options: Any) -> _SyncClient: ...
    @overload
    def client(self, cls: type[_C], **options: Any) -> _C: ...
    def client(self, cls: Any = None, **options: Any) -> Any:
        """A ``talon_dyn.Client`` wired to this sandbox with its default credentials, answers validated strictly.

        Serving the bundled spec named "current", it is a ``talon_dyn.current.Client``, for mypy too when the spec
        is named so (``Sandbox(spec="current")``); ``cls`` picks another subclass of ``talon_dyn.Client``."""
        return (cls or self._client_class(sync=True))(**self._client_options(options, self.engine()))

    @overload
    def async_client(self, **options: Any) -> _AsyncClient: ...
    @overload
    def async_client(self, cls: type[_A], **options: Any) -> _A: ...
    def async_client(self, cls: Any = None, **options: Any) -> Any:
        """A ``talon_dyn.AsyncClient`` wired to this sandbox (delays awaited, never slept), answers validated
        strictly; ``cls`` as for ``client`` (a ``talon_dyn.current.AsyncClient`` serving "current")."""
        return (cls or self._client_class(sync=False))(**self._client_options(options, self.async_engine()))

    def _client_class(self, *, sync: bool) -> Any:
        """The client class of the spec this sandbox serves: the current API's for the bundled "current"."""
        if bundled_name(self.spec.source) == "current":
            from .. import current

            return current.Client if sync else current.AsyncClient
        from .._client.client import AsyncClient, Client

        return Client if sync else AsyncClient

    def _client_options(self, options: dict[str, Any], engine: object) -> dict[str, Any]:
        # Strict answers by default here: a test against the sandbox should fail on drift, not warn.
        defaults: dict[str, Any] = {
            "spec": self.spec,
            "base_url": "http://sandbox.talon.invalid",
            **({} if "transport" in options else {"engine": engine}),
            "api_key": self.config.api_keys[0] if self.config.api_keys else None,
            "response_validation": "strict",
        }
        return {**defaults, **options}

    # -- looking at the state (tests, demos) ---------------------------------------------

    def _read(self, kind: str, key: Any) -> Doc | None:
        with self.store.transaction() as store:
            found: Doc | None = getattr(store, kind)(key)
        return None if found is None else copy.deepcopy(public(found))  # the caller may change it freely

    def profile(self, integration_id: str) -> Doc | None:
        """A stored customer profile, or None."""
        return self._read("profile", integration_id)

    def session(self, session_id: str) -> Doc | None:
        """A stored session (both views' fields), or None."""
        return self._read("session", session_id)

    def coupon(self, code: str) -> Doc | None:
        """A stored coupon, or None."""
        return self._read("coupon", code)

    def referral(self, code: str) -> Doc | None:
        """A stored referral, or None."""
        return self._read("referral", code)

    def campaign(self, campaign_id: int) -> Doc | None:
        """A campaign with its counters, or None."""
        return self._read("campaign", campaign_id)

    def event(self, event_id: int) -> Doc | None:
        """A stored event, or None."""
        return self._read("event", event_id)

    def reservations(self, code: str) -> list[str]:
        """The integration IDs that reserved this coupon, in reservation order."""
        with self.store.transaction() as store:
            coupon = store.coupon(code)
            return [] if coupon is None else store.reserved_profiles(coupon["id"])

    def now(self) -> datetime:
        """The sandbox clock's current time."""
        return self.config.clock()
