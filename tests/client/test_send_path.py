"""What a hostile server can do to the send path, over real loopback sockets, sync and async.

Each answer comes from a small scripted server (``raw_server``); the clients use their default
engines (httpcore's pool for ``Client``, aiohttp for ``AsyncClient``).
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import pickle
import time
import traceback
import tracemalloc
import zlib
from typing import Any

import pytest
from faults import dripping_server
from rawserver import closed_port_url, raw_server, response
from timing import slack, slowest

import talon_dyn
from talon_dyn import Retry

KEY = "sk-live-Zq9x7tR2apiKEYsecret4242"
APP_KEY = "5ec7e7ab1ec0ffee"
ENGINES = ["sync", "async", "pyreqwest-sync", "pyreqwest-async"]


SPENT: list[float] = []
"""The seconds each ``call`` spent in the operation itself (not making or closing the client, nor the loop)."""


def call(engine: str, base_url: str, operation: str = "get_reserved_coupons", *args: Any, **options: Any) -> Any:
    """One call through the default engine of the sync or async client; the result or the error raised."""
    settings = {"api_key": KEY, "retry": Retry.never(), **options}
    if engine.startswith("pyreqwest"):
        settings["engine"] = "pyreqwest"
    if engine in ("sync", "pyreqwest-sync"):
        with talon_dyn.Client(base_url=base_url, **settings) as client:
            started = time.monotonic()
            try:
                return getattr(client, operation)(*(args or ("ada",)))
            except talon_dyn.TalonDynError as error:
                return error
            finally:
                SPENT.append(time.monotonic() - started)

    async def run() -> Any:
        async with talon_dyn.AsyncClient(base_url=base_url, **settings) as client:
            started = time.monotonic()
            try:
                return await getattr(client, operation)(*(args or ("ada",)))
            except talon_dyn.TalonDynError as error:
                return error
            finally:
                SPENT.append(time.monotonic() - started)

    return asyncio.run(run())


@functools.cache
def _double_gzip_bomb(inflated: int) -> bytes:
    """``Content-Encoding: gzip, gzip``: zeros gzipped twice (``inflated`` bytes in all). Made when a test
    first asks, not at import (which every pytest worker pays while collecting)."""
    inner = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    parts = [inner.compress(chunk) for _ in range(inflated >> 20)]
    once = b"".join(parts) + inner.flush()
    return gzip.compress(once, 9)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_double_gzip_bomb_stops_at_the_cap_with_bounded_memory(engine: str) -> None:
    """A small body that inflates to 256 MiB (64 caps) through two gzip layers is refused once decoding passes
    the cap, and the process never holds more than a few caps' worth of it (traced by tracemalloc)."""
    bomb = _double_gzip_bomb(1 << 28)
    assert len(bomb) < 1 << 20  # small on the wire: the cap on wire bytes alone would let it through
    cap = 4 << 20
    with raw_server(lambda _: response(200, bomb, **{"content-encoding": "gzip, gzip"})) as url:
        tracemalloc.start()
        try:
            error = call(engine, url, max_response_bytes=cap)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert isinstance(error, talon_dyn.ResponseTooLarge), repr(error)
    assert f"cap of {cap} bytes" in str(error)
    assert peak < 4 * cap, f"peak {peak} bytes"


@pytest.mark.parametrize("engine", ENGINES)
def test_gzip_and_deflate_bodies_decode(engine: str) -> None:
    """A compressed answer (gzip, or zlib deflate) decodes to the same data as a plain one."""
    payload = json.dumps({"totalResultSize": 0, "data": []}).encode()
    for encoding, body in (("gzip", gzip.compress(payload)), ("deflate", zlib.compress(payload))):
        with raw_server(lambda _, body=body, enc=encoding: response(200, body, **{"content-encoding": enc})) as url:
            assert call(engine, url) == {"totalResultSize": 0, "data": []}


@pytest.mark.parametrize("engine", ENGINES)
def test_json_nested_past_the_limit_is_a_talon_dyn_error(engine: str) -> None:
    """An answer nested 1,100 levels deep is InvalidJSON, never a bare RecursionError."""
    deep = b"[" * 1100 + b"]" * 1100
    with raw_server(lambda _: response(200, deep)) as url:
        error = call(engine, url)
    assert isinstance(error, talon_dyn.InvalidJSON), repr(error)
    assert "nested too deeply" in str(error)


def test_a_request_nested_past_the_limit_is_refused_before_sending() -> None:
    """A body nested 1,100 levels deep is a RequestValidationError, and nothing is sent."""
    deep: dict[str, Any] = {}
    for _ in range(1100):
        deep = {"a": deep}
    sent: list[bytes] = []
    with raw_server(lambda request: sent.append(request) or response(200, b"{}")) as url:
        error = call("sync", url, "update_customer_profile", "ada", {"attributes": deep})
    assert isinstance(error, talon_dyn.RequestValidationError), repr(error)
    assert "nested too deeply" in str(error)
    assert sent == []


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_a_header_drip_ends_within_the_deadline(engine: str) -> None:
    """A server dripping its headers cannot hold a call past its deadline: the last attempt's own time limit is
    cut to what is left of it (deadline 1 s, attempts of up to 0.4 s each, 10 allowed)."""
    with raw_server(lambda request: response(404, b"")) as healthy:  # what one answered call costs right now
        base = slowest(lambda: call(engine, healthy))
    with dripping_server(drip_head=True) as url:
        error = call(engine, url, timeout=0.4, deadline=1.0, retry=Retry(attempts=10, backoff=0.0))
    elapsed = SPENT[-1]  # the call the deadline bounds, not the client's set-up and close around it
    assert isinstance(error, talon_dyn.TalonTimeout), repr(error)
    assert elapsed < 1.0 + slack(base, 0.2), (elapsed, base)  # the deadline, plus what the machine needs now
    assert "the call's deadline of 1 s was reached" in str(error)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("retry", [None, Retry.never()], ids=["default-retries", "no-retries"])
def test_except_connection_failed_catches_a_refused_connection_whatever_the_retries(
    engine: str, retry: Retry | None
) -> None:
    """A refused connection is a ConnectionFailed with or without retries, carrying every attempt."""
    fast = Retry(backoff=0.0) if retry is None else retry
    error = call(engine, closed_port_url(), retry=fast)
    assert type(error) is talon_dyn.ConnectionFailed, repr(error)
    assert len(error.attempts) == fast.attempts
    assert error.may_have_reached_server is False


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("retry", [Retry(backoff=0.0, attempts=2), Retry.never()], ids=["retries", "no-retries"])
def test_except_talon_timeout_catches_a_timeout_whatever_the_retries(engine: str, retry: Retry) -> None:
    """A server that never answers is a TalonTimeout with or without retries."""
    with raw_server(lambda _: None) as url:
        error = call(engine, url, timeout=0.1, retry=retry)
    assert isinstance(error, talon_dyn.TalonTimeout), repr(error)
    assert len(error.attempts) == retry.attempts


@pytest.mark.parametrize("engine", ENGINES)
def test_a_401_echoing_the_key_leaks_it_nowhere(engine: str) -> None:
    """A 401 whose body echoes the Authorization header: the key is in no string form of the error, its notes,
    its traceback, its parsed body or its pickle; the request id the server sent is in the message."""

    def echo(request: bytes) -> bytes:
        header = next(line for line in request.split(b"\r\n") if line.lower().startswith(b"authorization"))
        echoed = header.decode()
        errors = [{"title": echoed, "source": {"parameter": "Authorization"}}]
        body = json.dumps({"message": f"refused {echoed}", "errors": errors})
        return response(401, body.encode(), **{"x-request-id": "req-7f3a"})

    with raw_server(echo) as url:
        error = call(engine, url, retry=Retry(backoff=0.0))
    assert isinstance(error, talon_dyn.Unauthorized), repr(error)
    assert "req-7f3a" in str(error)
    assert "refused Authorization: ApiKey-v1 ***" in str(error)  # redacted by token: the rest reads as sent
    surfaces = [
        str(error),
        repr(error),
        "".join(traceback.format_exception(error)),
        repr(error.error),
        repr(error.attempts),
        repr(error.response.request.headers),
    ]
    for surface in surfaces:
        assert KEY not in surface
    assert KEY.encode() not in pickle.dumps(error)
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is type(error)
    assert str(clone) == str(error)
    assert clone.response is None  # the exchange stays behind; reading it says so instead of raising
    assert clone.status == 401


@pytest.mark.parametrize(
    "name", ["Authorization", "authorization", "Content-Signature", "Content-Length", "Transfer-Encoding", "HOST"]
)
def test_reserved_headers_cannot_be_configured(name: str) -> None:
    """Credentials and framing are talon_dyn's alone: a configured header of those names is refused, naming it."""
    with pytest.raises(talon_dyn.ConfigurationError, match=name):
        talon_dyn.Client(base_url="http://x.test", api_key="k", headers={name: "v"})


def test_a_header_given_twice_in_other_case_is_refused() -> None:
    """Two spellings of one header would send it twice: refused, naming it."""
    with pytest.raises(talon_dyn.ConfigurationError, match="given twice"):
        talon_dyn.Client(base_url="http://x.test", api_key="k", headers={"X-Trace": "1", "x-trace": "2"})


@pytest.mark.parametrize("value", ["1; signature=00", "12a", "", " 7", "-1", True, 1.5])
def test_application_id_must_be_digits(value: Any) -> None:
    """An application id that is not a number cannot be spliced into Content-Signature."""
    with pytest.raises(talon_dyn.ConfigurationError, match="application_id"):
        talon_dyn.Client(base_url="http://x.test", application_id=value, application_key=APP_KEY)


def test_application_id_as_number_or_digits_is_accepted() -> None:
    """The usual forms of an application id are accepted."""
    for value in (7, "7", "0042"):
        talon_dyn.Client(base_url="http://x.test", application_id=value, application_key=APP_KEY).close()


def test_configured_headers_are_sent_once_with_a_user_agent() -> None:
    """A configured header replaces talon_dyn's own of the same name (any case) and is sent once; the
    User-Agent names talon_dyn after the product token the user gave."""
    seen: list[bytes] = []
    with raw_server(lambda request: seen.append(request) or response(200, b'{"totalResultSize":0,"data":[]}')) as url:
        headers = {"accept": "application/json; q=1", "User-Agent": "shop/2.1"}
        assert call("sync", url, headers=headers) == {"totalResultSize": 0, "data": []}
    lines = [line.lower() for line in seen[0].split(b"\r\n")]
    assert sum(line.startswith(b"accept:") for line in lines) == 1
    assert sum(line.startswith(b"authorization:") for line in lines) == 1
    assert f"user-agent: shop/2.1 talon_dyn/{talon_dyn.__version__}".encode() in lines


def test_a_timeout_names_the_limit_the_caller_set_not_what_was_left_when_the_engine_sent() -> None:
    """An engine measures its limit when it sends, a moment after the attempt began (0.29 s of a 0.3 s timeout on
    a busy machine): the error names the 0.3 s the caller set."""
    from talon_dyn._transports import timeout_error

    class Late:
        closed = False

        def send(self, request: Any, operation: str, deadline: float) -> Any:
            raise timeout_error(operation, 0.2937)

        def close(self) -> None:
            self.closed = True

    with talon_dyn.Client(base_url="http://x.test", api_key="k" * 20, engine=Late(), retry=Retry.never()) as client:
        try:
            client.get_reserved_coupons("ada-1", timeout=0.3)
        except talon_dyn.TalonTimeout as error:
            said = str(error)
    assert "time limit of 0.3 s" in said
    assert "0.29" not in said
