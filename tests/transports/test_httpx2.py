"""httpx2 (the fork of httpx that openai 3 and anthropic 1.0 moved to) as well as httpx: a test double written as
either library's ``MockTransport`` serves both clients, with the same outcomes, the same error mapping and the
same deadline. One suite, run for each library, sync and async."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import talon_dyn

httpx2 = pytest.importorskip("httpx2")  # a dev dependency: installed by make

LIBRARIES = {"httpx": httpx, "httpx2": httpx2}
KEY = "a-key-of-sixteen-chars"
INVENTORY = {"referrals": []}


def _answer(library: Any, case: str, count: list[int]) -> Callable[[Any], Any]:
    """The handler of one case, written with ``library``'s own types."""

    def handle(request: Any) -> Any:
        count.append(1)
        assert isinstance(request, library.Request)
        if case == "ok":
            return library.Response(200, json=INVENTORY)
        if case == "503-then-ok":
            return (
                library.Response(503, json={"message": "busy", "errors": []})
                if len(count) == 1
                else (library.Response(200, json=INVENTORY))
            )
        if case == "refused":
            raise library.ConnectError("[Errno 111] Connection refused", request=request)
        if case == "read-timeout":
            raise library.ReadTimeout("timed out", request=request)
        if case == "404":
            return library.Response(404, json={"message": "Not found", "errors": []})
        raise AssertionError(case)

    return handle


CASES = [
    ("ok", None, 1),
    ("503-then-ok", None, 2),
    ("refused", talon_dyn.ConnectionFailed, 3),
    ("read-timeout", talon_dyn.TalonTimeout, 1),  # a read timeout may have reached the server: a GET is repeated
    ("404", talon_dyn.NotFound, 1),
]


def _retry() -> talon_dyn.Retry:
    return talon_dyn.Retry(backoff=0, attempts=3)


@pytest.mark.parametrize("name", sorted(LIBRARIES))
@pytest.mark.parametrize(("case", "error", "sent"), CASES, ids=[case for case, _, _ in CASES])
def test_a_mock_transport_of_either_library_serves_the_sync_client(
    name: str, case: str, error: type[Exception] | None, sent: int
) -> None:
    library = LIBRARIES[name]
    count: list[int] = []
    transport = library.MockTransport(_answer(library, case, count))
    client = talon_dyn.Client(base_url="http://t", api_key=KEY, transport=transport, retry=_retry())
    with client:
        if error is None:
            assert client.get_customer_inventory("ada", profile=True) == INVENTORY
        else:
            with pytest.raises(error):
                client.get_customer_inventory("ada", profile=True)
    expected = 3 if case == "read-timeout" else sent
    assert len(count) == expected


@pytest.mark.parametrize("name", sorted(LIBRARIES))
@pytest.mark.parametrize(("case", "error", "sent"), CASES, ids=[case for case, _, _ in CASES])
def test_a_mock_transport_of_either_library_serves_the_async_client(
    name: str, case: str, error: type[Exception] | None, sent: int
) -> None:
    library = LIBRARIES[name]
    count: list[int] = []
    transport = library.MockTransport(_answer(library, case, count))

    async def call() -> Any:
        async with talon_dyn.AsyncClient(base_url="http://t", api_key=KEY, transport=transport, retry=_retry()) as c:
            return await c.get_customer_inventory("ada", profile=True)

    if error is None:
        assert asyncio.run(call()) == INVENTORY
    else:
        with pytest.raises(error):
            asyncio.run(call())
    expected = 3 if case == "read-timeout" else sent
    assert len(count) == expected


@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_the_deadline_holds_on_either_librarys_async_transport(name: str) -> None:
    """A handler that never answers in time: the call's deadline ends it, whichever library the double is of."""
    library = LIBRARIES[name]

    async def slow(request: Any) -> Any:
        await asyncio.sleep(5)
        return library.Response(200, json=INVENTORY)

    transport = library.MockTransport(slow)

    async def call() -> None:
        client = talon_dyn.AsyncClient(base_url="http://t", api_key=KEY, transport=transport, deadline=0.3)
        async with client:
            await client.get_customer_inventory("ada")

    started = time.monotonic()
    with pytest.raises(talon_dyn.TalonTimeout):
        asyncio.run(call())
    assert time.monotonic() - started < 4  # ended by the 0.3 s deadline, not the handler's 5 s


def test_a_transport_of_neither_library_is_refused_with_both_named() -> None:
    with pytest.raises(talon_dyn.ConfigurationError, match=r"httpx\.BaseTransport \(or httpx2\.BaseTransport\)"):
        talon_dyn.Client(base_url="http://t", api_key=KEY, transport=object())
