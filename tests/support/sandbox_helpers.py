"""Shared helpers for the sandbox tests: a settable clock, carts, and spec checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from talon_dyn.sandbox import Sandbox

START = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    """A clock that stands still until told to move."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def item(sku: str = "SKU-1", price: float = 10.0, quantity: int = 1, **extra: Any) -> dict[str, Any]:
    """A cart item."""
    return {"name": f"Item {sku}", "sku": sku, "quantity": quantity, "price": price, **extra}


def v2(profile: str | None = "p1", *, content: list[str] | None = None, **session: Any) -> dict[str, Any]:
    """An IntegrationRequest body for updateCustomerSessionV2."""
    body: dict[str, Any] = {"customerSession": {**({"profileId": profile} if profile is not None else {}), **session}}
    if content is not None:
        body["responseContent"] = content
    return body


def effect_types(effects: list[dict[str, Any]]) -> list[str]:
    """The effectType of each v2 effect."""
    return [effect["effectType"] for effect in effects]


def raw(
    sandbox: Sandbox,
    method: str,
    path: str,
    *,
    json_body: Any = None,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    auth: bool = True,
) -> httpx.Response:
    """Send a request straight to the sandbox handler, bypassing the client's own validation."""
    sent = dict(headers or {})
    if auth:
        sent.setdefault("Authorization", "ApiKey-v1 sandbox-api-key")
    with httpx.Client(transport=sandbox.transport(), base_url="http://sandbox") as http:
        return http.request(method, path, json=json_body, content=content, headers=sent)


def assert_matches_spec(sandbox: Sandbox, operation_id: str, response: httpx.Response) -> None:
    """The response's status is documented for the operation and its body validates against the spec."""
    operation = sandbox.spec.operations[operation_id]
    documented = operation.response_for(response.status_code)
    assert documented is not None, f"{operation_id}: status {response.status_code} is not documented"
    if documented.schema is not None:
        schema = documented.schema_pointer or documented.schema
        issues = sandbox.spec.validator.issues(schema, response.json())
        assert not issues, f"{operation_id} {response.status_code}: {issues[0]}"
    else:
        assert response.content == b""


class Calls:
    """A client (sync or async) as plain functions: an async one's coroutine runs to its end in its own loop."""

    def __init__(self, client: Any, is_async: bool) -> None:
        self.client = client
        self.is_async = is_async

    def __getattr__(self, name: str) -> Any:
        import asyncio

        method = getattr(self.client, name)
        if not self.is_async:
            return method

        async def once(*args: Any, **kwargs: Any) -> Any:
            return await method(*args, **kwargs)

        return lambda *args, **kwargs: asyncio.run(once(*args, **kwargs))


def plant_sentinels(document: dict[str, Any]) -> None:
    """A sentinel example on every number (987654) and free string ("EXAMPLE-SENTINEL") schema of a spec
    document's components, in place: an answer that holds one repeats a spec example."""

    def plant(node: Any) -> None:
        if isinstance(node, dict):
            kind = node.get("type")
            if kind in ("integer", "number"):
                node["examples"] = [987654]
            elif kind == "string" and not ({"enum", "const", "format", "pattern"} & set(node)):
                node["examples"] = ["EXAMPLE-SENTINEL"]
            for value in node.values():
                plant(value)
        elif isinstance(node, list):
            for value in node:
                plant(value)

    plant(document["components"])
