"""What a 2026 API client gives: middleware, derived clients, pagination, idempotency keys, call details, safe
validation defaults and logging. Real sockets (``keepalive_server``) wherever the server's view proves it."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from keepalive_server import KeepAliveServer, coupons_body

import talon_dyn
from talon_dyn import Retry

KEY = "extension-key-0123456789"
FIXTURES = Path(__file__).parents[1] / "fixtures"
SPEC_2026 = FIXTURES / "talon-openapi-2026.yaml"
ENGINES = ["sync", "async"]


def run(engine: str, make: Any, work: Any) -> Any:
    """``work(client)`` on a client ``make(cls)`` builds (awaited when async); its result, the client closed."""
    if engine == "sync":
        with make(talon_dyn.Client) as client:
            return work(client)

    async def main() -> Any:
        async with make(talon_dyn.AsyncClient) as client:
            result = work(client)
            return await result if asyncio.iscoroutine(result) else result

    return asyncio.run(main())


class Recording(talon_dyn.Middleware):
    """Records every attempt it sees, adds a header, and can raise."""

    def __init__(self, raise_on: int | None = None) -> None:
        self.before: list[tuple[int, str, str, str, dict[str, str]]] = []
        self.after: list[tuple[int, int | None, str | None]] = []
        self.raise_on = raise_on

    def on_request(self, attempt: talon_dyn.Attempt) -> None:
        if self.raise_on == attempt.number:
            raise RuntimeError(f"refused by middleware at attempt {attempt.number}")
        self.before.append((attempt.number, attempt.method, attempt.route, attempt.url, attempt.headers))
        attempt.add_header("X-Attempt", str(attempt.number))

    def on_response(self, attempt: talon_dyn.Attempt) -> None:
        error = None if attempt.error is None else type(attempt.error).__name__
        self.after.append((attempt.number, attempt.status, error))


# -- middleware ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_middleware_runs_once_per_attempt_on_the_fast_engines(engine: str) -> None:
    """A 503, then a dropped answer, then a 200: the middleware sees three attempts (numbers, method, route
    template, URL, headers with the key as ***), adds a header to each - the server got it on each - and sees
    each outcome: the 503, the failure, the 200."""
    plays = {1: "status:503", 2: "drop-before"}
    with KeepAliveServer(lambda number, method, target: plays.get(number, "ok")) as server:
        middleware = Recording()

        def make(cls: Any) -> Any:
            return cls(base_url=server.url, api_key=KEY, middleware=[middleware], retry=Retry(backoff=0.0))

        answer = run(engine, make, lambda client: client.get_reserved_coupons("ada-mw"))
        heads = server.heads
    assert answer["data"][0]["value"] == "ada-mw"
    assert [entry[0] for entry in middleware.before] == [1, 2, 3]
    _, method, route, url, headers = middleware.before[0]
    assert (method, route) == ("GET", "/v1/coupon_reservations/coupons/{integrationId}")
    assert url == f"{server.url}/v1/coupon_reservations/coupons/ada-mw"
    assert headers["authorization"] == "***"
    assert KEY not in json.dumps(middleware.before)
    assert middleware.after == [(1, 503, None), (2, None, "ConnectionFailed"), (3, 200, None)]
    assert [head.get("x-attempt") for head in heads] == ["1", "2", "3"]


class Timing(talon_dyn.Middleware):
    """Keeps what each attempt looked like after it ended."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, int | None, float, dict[str, str]]] = []

    def on_response(self, attempt: talon_dyn.Attempt) -> None:
        self.seen.append((attempt.number, attempt.status, attempt.elapsed, attempt.headers))


@pytest.mark.parametrize("engine", ENGINES)
def test_middleware_and_the_error_tell_one_story_of_each_attempt(engine: str) -> None:
    """Three 503s: what middleware saw of each attempt (number, status, seconds) is what the error's
    ``attempts`` records say, measured once by the attempt loop; every credential-carrying header the caller
    configured (a gateway's ``X-Api-Key``, a ``Cookie``) is ``***`` in middleware's view too."""
    with KeepAliveServer(lambda number, method, target: "status:503") as server:
        middleware = Timing()
        gateway = {"X-Api-Key": "gateway-secret-0123456789", "Cookie": "session=cookie-secret-0123456789"}

        def make(cls: Any) -> Any:
            retry = Retry(backoff=0.0)
            return cls(base_url=server.url, api_key=KEY, middleware=[middleware], retry=retry, headers=gateway)

        with pytest.raises(talon_dyn.ServerError) as raised:
            run(engine, make, lambda client: client.get_reserved_coupons("ada-mw"))
    records = raised.value.attempts
    assert [(n, status, elapsed) for n, status, elapsed, _ in middleware.seen] == [
        (record.number, record.status, record.elapsed) for record in records
    ]
    assert [record.status for record in records] == [503, 503, 503]
    for *_, headers in middleware.seen:
        assert (headers["x-api-key"], headers["cookie"], headers["authorization"]) == ("***", "***", "***")
    assert "secret" not in json.dumps([seen[3] for seen in middleware.seen])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_middleware_that_raises_ends_the_call_before_anything_is_sent(engine: str) -> None:
    """on_request raising: the call raises that very exception and the server received nothing."""
    with KeepAliveServer(lambda number, method, target: "ok") as server:
        middleware = Recording(raise_on=1)

        def make(cls: Any) -> Any:
            return cls(base_url=server.url, api_key=KEY, middleware=[middleware])

        with pytest.raises(RuntimeError, match="refused by middleware at attempt 1"):
            run(engine, make, lambda client: client.get_reserved_coupons("ada-mw"))
        received = server.received
    assert received == 0


@pytest.mark.parametrize("given", [[object()], "not a list", [lambda attempt: None]])
def test_a_middleware_without_hooks_is_refused_when_the_client_is_made(given: Any) -> None:
    """An object with neither hook (or not a list at all) is a ConfigurationError naming it."""
    with pytest.raises(talon_dyn.ConfigurationError, match="middleware"):
        talon_dyn.Client(base_url="http://x.test", api_key=KEY, middleware=given)


def test_middleware_may_not_set_credentials() -> None:
    """add_header follows the configured-header rules: no Authorization, no CR/LF."""

    class Sneaky(talon_dyn.Middleware):
        def on_request(self, attempt: talon_dyn.Attempt) -> None:
            attempt.add_header("Authorization", "ApiKey-v1 other")

    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"totalResultSize": 0, "data": []}))
    with (
        talon_dyn.Client(base_url="http://x.test", api_key=KEY, transport=transport, middleware=[Sneaky()]) as client,
        pytest.raises(talon_dyn.ConfigurationError, match="'Authorization' is set by talon_dyn alone"),
    ):
        client.get_reserved_coupons("ada-mw")


# -- derived clients -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_with_options_shares_the_pool_and_changes_only_what_it_is_given(engine: str) -> None:
    """A derived client (another application's key, its own timeout and middleware) uses the same connection
    as its parent; closing it leaves the pool open for the parent; closing the parent closes it for both."""
    with KeepAliveServer(lambda number, method, target: "ok") as server:
        middleware = Recording()

        def make(cls: Any) -> Any:
            return cls(base_url=server.url, api_key=KEY)

        async def maybe(value: Any) -> Any:
            return await value if asyncio.iscoroutine(value) else value

        async def work(client: Any) -> Any:
            other = client.with_options(api_key="second-application-key", timeout=2.0, middleware=[middleware])
            assert other.timeout == 2.0
            assert client.timeout != 2.0
            await maybe(client.get_reserved_coupons("p-1111"))
            await maybe(other.get_reserved_coupons("p-2222"))
            await maybe(other.aclose() if engine == "async" else other.close())
            await maybe(client.get_reserved_coupons("p-3333"))  # the pool outlived the derived client
            assert other.is_closed
            assert not client.is_closed
            return other

        other = run(engine, make, work if engine == "async" else lambda client: asyncio.run(work(client)))
        heads, connections = server.heads, server.connections
    keys = [head["authorization"] for head in heads]
    assert keys == [f"ApiKey-v1 {KEY}", "ApiKey-v1 second-application-key", f"ApiKey-v1 {KEY}"]
    assert [entry[0] for entry in middleware.before] == [1]  # only the derived client's call
    assert connections == 1
    with pytest.raises(talon_dyn.ClientClosed):
        other.build_request("get_reserved_coupons", "p-4444")


def test_with_options_refuses_what_belongs_to_the_pool() -> None:
    """Pool options (proxy, verify, transport...) cannot change on a derived client: a ConfigurationError says
    to make a new client."""
    with talon_dyn.Client(base_url="http://x.test", api_key=KEY) as client:
        with pytest.raises(talon_dyn.ConfigurationError, match="belong to the connection pool"):
            client.with_options(proxy="http://proxy:3128")
        with pytest.raises(talon_dyn.ConfigurationError, match="deadline"):
            client.with_options(deadline=-1)
        assert client.copy(deadline=5.0).deadline == 5.0


BAD_OPTIONS = [
    {"timeout": 0},
    {"timeout": float("nan")},
    {"deadline": -1},
    {"retry": 3},
    {"request_validation": "loose"},
    {"response_validation": "maybe"},
    {"headers": {"Authorization": "x"}},
    {"headers": {"X-Split": "a\r\nb"}},
]


@pytest.mark.parametrize("bad", BAD_OPTIONS, ids=lambda bad: f"{next(iter(bad))}={next(iter(bad.values()))!r}")
def test_an_option_is_refused_in_the_same_words_wherever_it_is_given(bad: dict[str, Any]) -> None:
    """One rule per option (``Settings``): the constructor, ``with_options`` and a call's own options refuse the
    same bad value with the same ConfigurationError, and the failed derivation leaves the client as it was."""
    said = []
    with pytest.raises(talon_dyn.ConfigurationError) as raised:
        talon_dyn.Client(base_url="http://x.test", api_key=KEY, **bad)
    said.append(str(raised.value))
    with talon_dyn.Client(base_url="http://x.test", api_key=KEY) as client:
        before = (client.timeout, client.deadline, client.retry, client.request_validation)
        with pytest.raises(talon_dyn.ConfigurationError) as raised:
            client.with_options(**bad)
        said.append(str(raised.value))
        with pytest.raises(talon_dyn.ConfigurationError) as raised:
            client.build_request("get_reserved_coupons", "p-1", **bad)
        said.append(str(raised.value).replace("get_reserved_coupons(headers=...)", "headers"))
        assert (client.timeout, client.deadline, client.retry, client.request_validation) == before
    assert said[0] == said[1] == said[2], said


def test_a_clients_options_are_read_only() -> None:
    """The options in force are read, never assigned: ``with_options`` (or a call's own options) changes them,
    checked; an assignment that would skip the checks is an AttributeError."""
    with talon_dyn.Client(base_url="http://x.test", api_key=KEY, deadline=7.0) as client:
        for name in ("timeout", "deadline", "retry", "request_validation", "response_validation", "max_response_bytes"):
            with pytest.raises(AttributeError):
                setattr(client, name, getattr(client, name))
        assert client.deadline == 7.0
        assert client.build_request("get_reserved_coupons", "p-1", deadline=2.0).deadline == 2.0


# -- pagination -------------------------------------------------------------------------------------------------


def _ledger(total: int, style: str) -> httpx.MockTransport:
    """An answer for getLoyaltyCardTransactions (hasMore) and getCustomerAchievements (totalResultSize) that pages
    ``total`` items by ``skip`` / ``pageSize``, and the requests it got."""

    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        size = int(request.url.params["pageSize"])
        items = [{"id": number} for number in range(skip, min(skip + size, total))]
        handler.asked.append((skip, size))  # type: ignore[attr-defined]
        if style == "hasMore":
            return httpx.Response(200, json={"data": items, "hasMore": skip + size < total})
        return httpx.Response(200, json={"data": items, "totalResultSize": total})

    handler.asked = []  # type: ignore[attr-defined]
    transport = httpx.MockTransport(handler)
    transport.asked = handler.asked  # type: ignore[attr-defined]
    return transport


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("operation", "style", "args"),
    [
        ("get_loyalty_card_transactions", "hasMore", (3, "card-1")),
        ("get_customer_achievements", "totalResultSize", ("ada",)),
    ],
)
def test_paginate_walks_every_page(engine: str, operation: str, style: str, args: tuple[Any, ...]) -> None:
    """client.paginate.<operation> gives every item of a 23-item ledger, 10 a page (3 calls), moving skip on;
    max_items stops early and asks for no more than it needs."""
    spec = talon_dyn.load(SPEC_2026)
    transport = _ledger(23, style)

    def make(cls: Any) -> Any:
        options = {"response_validation": "off", "retry": Retry.never()}
        if engine == "async":
            return cls(spec=spec, base_url="http://x.test", api_key=KEY, transport=_async(transport), **options)
        return cls(spec=spec, base_url="http://x.test", api_key=KEY, transport=transport, **options)

    async def collect(client: Any) -> tuple[list[Any], list[Any]]:
        walk = getattr(client.paginate, operation)
        if engine == "async":
            every = [item async for item in walk(*args, page_size=10)]
            some = [item async for item in walk(*args, page_size=10, max_items=12)]
        else:
            every, some = list(walk(*args, page_size=10)), list(walk(*args, page_size=10, max_items=12))
        return every, some

    every, some = run(engine, make, collect if engine == "async" else lambda client: asyncio.run(collect(client)))
    assert [item["id"] for item in every] == list(range(23))
    assert [item["id"] for item in some] == list(range(12))
    assert transport.asked == [(0, 10), (10, 10), (20, 10), (0, 10), (10, 2)]  # type: ignore[attr-defined]


def _async(transport: httpx.MockTransport) -> httpx.MockTransport:
    return transport  # MockTransport serves both clients


def test_paginate_lists_the_paginated_operations_and_refuses_others() -> None:
    """dir(client.paginate) is the operations with a page shape (50 of the current spec's 52 with pageSize and skip:
    two answer one report, not pages); another one is an OperationNotFound saying why."""
    spec = talon_dyn.load(SPEC_2026)
    with talon_dyn.Client(spec=spec, base_url="http://x.test", api_key=KEY) as client:
        names = dir(client.paginate)
        assert {"get_loyalty_card_transactions", "get_customer_achievements", "integration_get_all_campaigns"} <= set(
            names
        )
        assert len(names) == 50
        assert "get_customer_analytics" not in names
        with pytest.raises(talon_dyn.OperationNotFound, match="is not paginated"):
            _ = client.paginate.update_customer_session_v2
        with pytest.raises(talon_dyn.ConfigurationError, match="page_size"):
            client.paginate.get_customer_achievements("ada", page_size=0)


# -- idempotency keys ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_an_idempotency_key_is_made_per_call_and_kept_on_every_attempt(engine: str) -> None:
    """An operation that documents Idempotency-Key: each call gets its own key (a UUID), the same on both attempts
    of a POST answered 503 - which the key makes safe to send again; a key the caller gives is used as is."""
    spec = talon_dyn.load(FIXTURES / "extension" / "idempotent.yaml")
    plays = {1: "status:503"}

    def body_for(method: str, target: str) -> tuple[int, bytes]:
        return 200, b'{"ok": true}'

    with KeepAliveServer(lambda number, method, target: plays.get(number, "ok"), body_for) as server:

        def make(cls: Any) -> Any:
            return cls(spec=spec, base_url=server.url, api_key=KEY, retry=Retry(backoff=0.0))

        async def maybe(value: Any) -> Any:
            return await value if asyncio.iscoroutine(value) else value

        async def work(client: Any) -> None:
            body = {"returnedCartItems": [{"position": 0}]}
            await maybe(client.return_cart_items("s-1", body))
            await maybe(client.return_cart_items("s-1", body))
            await maybe(client.return_cart_items("s-1", body, idempotency_key="mine-0001"))

        run(engine, make, work if engine == "async" else lambda client: asyncio.run(work(client)))
        keys = [head.get("idempotency-key") for head in server.heads]
    assert len(keys) == 4  # the first call was sent twice (503, then 200)
    assert keys[0] == keys[1]
    assert keys[2] not in (keys[0], None)
    assert keys[3] == "mine-0001"
    assert all(len(key or "") == 36 for key in keys[:3])


# -- what a call reports ----------------------------------------------------------------------------------------


def test_with_response_carries_request_id_attempts_and_elapsed() -> None:
    """ApiResponse has the server's request id, one line per attempt and the call's elapsed time."""
    plays = {1: "status:503"}

    def body_for(method: str, target: str) -> tuple[int, bytes]:
        return coupons_body(method, target)

    with (
        KeepAliveServer(lambda number, method, target: plays.get(number, "ok"), body_for) as server,
        talon_dyn.Client(base_url=server.url, api_key=KEY, retry=Retry(backoff=0.0)) as client,
    ):
        reply = client.with_response.get_reserved_coupons("ada-rid", headers={"X-Trace": "t1"})
    assert reply.status_code == 200
    assert reply.attempts == ("HTTP 503", "")
    assert 0 < reply.elapsed < 5
    assert reply.request_id is None  # this server sends none; the next test's does
    assert reply.headers["content-type"] == "application/json"


def test_the_request_id_is_an_attribute_of_answers_and_errors() -> None:
    """A server's X-Request-Id is ApiResponse.request_id on success and error.request_id on an error."""

    def handler(request: httpx.Request) -> httpx.Response:
        status = 404 if "missing" in request.url.path else 200
        body = {"totalResultSize": 0, "data": []} if status == 200 else {"message": "no such profile"}
        return httpx.Response(status, json=body, headers={"x-request-id": f"req-{status}"})

    transport = httpx.MockTransport(handler)
    with talon_dyn.Client(base_url="http://x.test", api_key=KEY, transport=transport) as client:
        assert client.with_response.get_reserved_coupons("ada-rid").request_id == "req-200"
        with pytest.raises(talon_dyn.NotFound) as caught:
            client.get_customer_inventory("missing")
    assert caught.value.request_id == "req-404"


# -- safe validation defaults -------------------------------------------------------------------------------------


def test_a_drifting_answer_is_returned_by_default_and_warned_about_once(caplog: pytest.LogCaptureFixture) -> None:
    """The default is response_validation="warn": an answer with a session state the spec does not know (Talon's
    newer partially_returned) comes back as data, after a write the service applied; one WARNING line and
    one ledger record say so. The sandbox's clients stay strict."""
    from talon_dyn.sandbox import Sandbox

    state = talon_dyn.load().resolve({"$ref": "#/components/schemas/IntegrationStateV2"})["examples"][0]
    answer = json.loads(json.dumps(state))
    answer["customerSession"]["state"] = "partially_returned"
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
    caplog.set_level(logging.WARNING, logger="talon_dyn")
    with talon_dyn.Client(base_url="http://x.test", api_key=KEY, transport=transport) as client:
        assert client.response_validation == "warn"
        with pytest.warns(talon_dyn.TalonValidationWarning):
            data = client.update_customer_session_v2("s1", {"customerSession": {"profileId": "ada"}})
    assert data == answer
    assert [record.json_path for record in client.drift] == ["$.customerSession.state"]
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1
    assert "customerSession.state" in lines[0]
    with Sandbox() as sandbox, sandbox.client() as strict:
        assert strict.response_validation == "strict"


# -- logging -----------------------------------------------------------------------------------------------------


def test_talon_dyn_log_turns_logging_on_without_code() -> None:
    """TALON_DYN_LOG=debug: a line per call (route template, status, attempts, time) and a line per repeat on
    stderr; no key, no body, no path value in any of them."""
    code = (
        "import httpx, talon_dyn\n"
        "calls = []\n"
        "def handler(request):\n"
        "    calls.append(1)\n"
        "    if len(calls) == 1: return httpx.Response(503, json={'message': 'busy'})\n"
        "    return httpx.Response(200, json={'totalResultSize': 0, 'data': []})\n"
        "client = talon_dyn.Client(base_url='http://x.test', api_key='log-secret-key-0123456789',\n"
        "    transport=httpx.MockTransport(handler), retry=talon_dyn.Retry(backoff=0.0))\n"
        "client.get_reserved_coupons('secret-profile-id')\n"
    )
    logged: dict[str, list[str]] = {}
    for level in ("debug", "info", ""):
        env = {"PATH": "/usr/bin:/bin", "TALON_DYN_LOG": level, "TALON_DYN_CACHE": "off"}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        logged[level] = [line for line in result.stderr.splitlines() if " talon_dyn " in line]
        assert "log-secret-key" not in result.stderr
        assert "secret-profile-id" not in result.stderr
    repeat = "talon_dyn INFO getReservedCoupons: attempt 1 ended (HTTP 503); trying again in 0.00 s"
    call = "talon_dyn DEBUG GET /v1/coupon_reservations/coupons/{integrationId} -> 200 (2 attempt(s), "
    assert [repeat in line for line in logged["debug"]] == [True, False]
    assert call in logged["debug"][1]
    assert len(logged["info"]) == 1
    assert repeat in logged["info"][0]
    assert logged[""] == []
