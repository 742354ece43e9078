"""Errors in the user's words: a timeout names the limit the user set, once, in a line a log can hold; each
attempt is a record one reads fields from, whose text is its line (pickled and redacted as such); no engine's own
wording (aiohttp's ``ssl:default``) reaches a message about an ``http://`` URL."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Iterator

import pytest
from rawserver import closed_port_url, raw_server

import talon_dyn

KEY = "a-key-of-sixteen-chars"


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A loopback server that accepts and never answers."""
    with raw_server(lambda request: None) as url:
        yield url


def test_a_timeout_names_the_users_limit_once_in_a_log_line(silent_url: str) -> None:
    retry = talon_dyn.Retry(backoff=0.01)
    client = talon_dyn.Client(base_url=silent_url, api_key=KEY, timeout=0.1, retry=retry)
    with client, pytest.raises(talon_dyn.TalonTimeout) as caught:
        client.get_customer_inventory("ada")
    text = str(caught.value)
    assert "0.1 s" in text
    assert text.count("time limit") == 1
    assert "gave up after 3 attempt(s), each the same" in text
    assert len(text) < 250
    first = caught.value.attempts[0]
    assert (first.number, first.status, first.error) == (1, None, "TalonTimeout")
    assert 0.05 < first.elapsed < 5
    assert first.may_have_reached_server is True  # sent, then no answer


def test_attempt_records_survive_pickling_and_redaction() -> None:
    """An error's attempts keep their fields across a pickle, and a key the line held is masked in the record."""
    secret = "s3cret-key-value-99"
    seen: list[int] = []

    def answer(request: object) -> object:
        import httpx

        seen.append(1)
        return httpx.Response(503, json={"message": f"try again, {secret}", "errors": []})

    import httpx

    transport = httpx.MockTransport(answer)  # type: ignore[arg-type]
    retry = talon_dyn.Retry(backoff=0, attempts=2)
    client = talon_dyn.Client(base_url="http://t", api_key=secret, transport=transport, retry=retry)
    with client, pytest.raises(talon_dyn.ServerError) as caught:
        client.get_customer_inventory("ada")
    again = pickle.loads(pickle.dumps(caught.value))
    assert [type(a).__name__ for a in again.attempts] == ["AttemptRecord", "AttemptRecord"]
    assert [(a.number, a.status) for a in again.attempts] == [(1, 503), (2, 503)]
    assert secret not in repr(again.attempts) + str(again)
    assert len(seen) == 2


def test_a_refused_connection_says_it_in_the_same_words_on_every_engine() -> None:
    url = closed_port_url()
    words = []
    retry = talon_dyn.Retry.never()
    with talon_dyn.Client(base_url=url, api_key=KEY, retry=retry) as client:
        with pytest.raises(talon_dyn.ConnectionFailed) as caught:
            client.get_customer_inventory("ada")
        words.append(str(caught.value))

    async def call() -> None:
        async with talon_dyn.AsyncClient(base_url=url, api_key=KEY, retry=retry) as client:
            await client.get_customer_inventory("ada")

    with pytest.raises(talon_dyn.ConnectionFailed) as caught:
        asyncio.run(call())
    words.append(str(caught.value))
    for text in words:
        assert "Connection refused" in text
        assert "ssl:" not in text
