"""``Sandbox``: an offline, stateful Talon.One built from the same spec object as the client."""

from __future__ import annotations

import copy
import dataclasses
import os
import time
from datetime import datetime
from typing import Any

import httpx

from .._spec import Spec, load
from . import _campaigns
from ._asgi import ASGIApp, asgi_app
from ._config import SandboxConfig
from ._context import RequestContext, public
from ._faults import load_faults
from ._pipeline import App
from ._store import Store
from ._time import format_time

__all__ = ["Sandbox"]

Doc = dict[str, Any]


class Sandbox:
    """An offline Talon.One Integration API: ``handle(request) -> response``, state in SQLite.

    ``Sandbox(seed=7, db="state.db")`` takes :class:`SandboxConfig` fields as keywords
    (or a ready ``config=``). Use it through ``transport()`` / ``async_transport()``
    with the real client, ``asgi`` with an ASGI server, or ``serve()`` over TCP.
    """

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
        self.config = dataclasses.replace(config, **settings) if settings else config
        spec_path = None if self.config.spec is None else os.fspath(self.config.spec)
        self.spec: Spec = spec if spec is not None else load(spec_path)
        self.campaigns = _campaigns.load(self.config.campaigns)
        self.store = Store(str(self.config.db))
        self.app = App(self.spec, self.config, self.campaigns, self.store, self.config.clock)
        self.app.faults = load_faults(self.config.faults, self.spec, self.config.seed)
        self.app.on_reset = self.reset
        self.asgi: ASGIApp = asgi_app(self.app)
        self._seed(fresh=False)

    def __repr__(self) -> str:
        return f"<Sandbox db={str(self.config.db)!r} campaigns={self.campaigns.source!r} seed={self.config.seed!r}>"

    # -- lifecycle ------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every profile, session, event, reservation and code: back to the seeded start state
        (``POST /__sandbox/reset`` over TCP). The journal is emptied too."""
        self._seed(fresh=True)
        self.app.journal.clear()

    def close(self) -> None:
        """Close the database; the sandbox cannot answer afterwards."""
        self.store.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _context(self, store: Store) -> RequestContext:
        return RequestContext(
            store,
            self.campaigns,
            self.config.clock(),
            self.config.seed,
            self.config.application_id,
            self.config.account_id,
            self.app.reasons,
        )

    def _seed(self, *, fresh: bool) -> None:
        """Load campaign definitions and their declared coupons; keep counters unless ``fresh``."""
        with self.store.transaction() as store:
            if fresh:
                store.wipe()
            ctx = self._context(store)
            for campaign in self.campaigns.campaigns:
                existing = store.campaign(campaign.id)
                store.put_campaign(ctx.campaign_doc(campaign, existing))
                for declared in campaign.coupons:
                    coupon = store.coupon(declared.code)
                    if coupon is None:
                        coupon = {"id": store.next_id("coupon"), "created": ctx.timestamp, "usageCounter": 0}
                    elif coupon["campaignId"] != campaign.id:
                        coupon = {**coupon, "usageCounter": 0}
                    coupon.update(
                        {
                            "campaignId": campaign.id,
                            "value": declared.code,
                            "usageLimit": declared.usage_limit,
                            "attributes": declared.attributes,
                            "reservation": not declared.reservation_required,
                        }
                    )
                    for key, when in (("startDate", declared.start_date), ("expiryDate", declared.expiry_date)):
                        if when is not None:
                            coupon[key] = format_time(when)
                        else:
                            coupon.pop(key, None)
                    if declared.recipient:
                        coupon["recipientIntegrationId"] = declared.recipient
                    else:
                        coupon.pop("recipientIntegrationId", None)
                    store.put_coupon(coupon)
            store.delete_campaigns_except([c.id for c in self.campaigns.campaigns])

    # -- serving ----------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer an ``httpx.Request`` (the handler of ``httpx.MockTransport``), faults included: a dropped
        request raises httpx's own "disconnected without a response" error, a delay sleeps."""
        body = request.content if hasattr(request, "_content") else request.read()
        raw = request.url.raw_path.decode("ascii")
        path, _, query = raw.partition("?")
        headers = {key.lower(): value for key, value in request.headers.items()}
        app, method = self.app, request.method
        admission = app.admit(method, path)
        if admission.fault is not None and admission.fault.kind == "drop":
            app.note(method, path, None, "drop")
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        reply, label = app.early(admission)
        if reply is None:
            try:
                if admission.fault is not None and admission.fault.kind == "delay":
                    time.sleep(admission.fault.delay)
                reply = app.respond(method, path, query, headers, body)
            finally:
                if admission.session is not None:
                    app.session_writes.leave(admission.session)
        status, extra, payload = reply
        app.note(method, path, status, label)
        return httpx.Response(status, headers=extra, content=payload)

    @property
    def journal(self) -> list[dict[str, Any]]:
        """The recent requests (at most 1,000), oldest first: time, operation, method, path, status and the
        fault applied (None for a normal answer). No header, body or query string: never a credential."""
        return list(self.app.journal)

    def transport(self) -> httpx.MockTransport:
        """A transport for ``Client(transport=...)`` or ``httpx.Client``: no socket involved."""
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        """The same, for ``AsyncClient`` and ``httpx.AsyncClient``."""
        return httpx.MockTransport(self.handle)

    def client(self, **options: Any) -> Any:
        """A ``talon_dyn.Client`` wired to this sandbox with its default credentials, answers validated strictly."""
        from .._client import Client

        return Client(**self._client_options(options))

    def async_client(self, **options: Any) -> Any:
        """A ``talon_dyn.AsyncClient`` wired to this sandbox with its default credentials, answers validated
        strictly."""
        from .._client import AsyncClient

        return AsyncClient(**self._client_options(options))

    def _client_options(self, options: dict[str, Any]) -> dict[str, Any]:
        # Strict answers by default here: a test against the sandbox should fail on drift, not warn.
        defaults: dict[str, Any] = {
            "spec": self.spec,
            "base_url": "http://sandbox.talon.invalid",
            "transport": self.transport(),
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
