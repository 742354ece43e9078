"""Every operation of Talon.One's whole 2026 document (220, OpenAPI 3.0.1) is bound and callable.

Arguments come from the spec itself: path values, required query values and JSON bodies generated from their
schemas (the smoke tool's generator), a small CSV file for multipart uploads. No call needs validation turned off.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import talon_dyn
from talon_dyn import AsyncClient, Client, Operation, Spec
from talon_dyn.smoke._generate import THOROUGH, from_schema

SPEC_2026 = Path(__file__).parents[1] / "fixtures" / "talon-openapi-2026.yaml"
EXAMPLES = 3
"""Generated argument sets per operation."""
CSV = b"id,points\nc1,10\n"
MANAGEMENT_KEY = "ManagementKey-v1 mk"
INTEGRATION_KEY = "ik"


@pytest.fixture(scope="module")
def spec() -> Spec:
    return talon_dyn.load(SPEC_2026)


class Server:
    """A MockTransport handler answering each operation with its documented success status and media type."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        matched = self.spec.match(request.method, request.url.raw_path.decode())
        if matched is None:
            return httpx.Response(404, json={"message": "no route"})
        operation = matched[0]
        status = operation.success_status
        documented = operation.responses[str(status)]
        if documented.content_type is None:
            return httpx.Response(status)
        if documented.is_json:
            return httpx.Response(status, json={})
        return httpx.Response(status, content=CSV, headers={"Content-Type": documented.content_type})


def uses_management_key(operation: Operation) -> bool:
    return ("management_key",) in operation.security


def call_arguments(spec: Spec, operation: Operation, data: st.DataObject) -> tuple[list[Any], dict[str, Any]]:
    """Path values, the body and required query values for one call."""

    positional: list[Any] = [
        data.draw(from_schema(spec, parameter.schema, THOROUGH).filter(lambda value: value != ""), label=parameter.name)
        for parameter in operation.path_parameters
    ]
    if operation.body is not None:
        if operation.body.is_json and operation.body.schema is not None:
            positional.append(
                data.draw(from_schema(spec, operation.body.schema, THOROUGH), label=operation.operation_id)
            )
        else:
            positional.append({"upFile": CSV})
    keywords = {
        parameter.python_name: data.draw(from_schema(spec, parameter.schema, THOROUGH), label=parameter.name)
        for parameter in operation.parameters
        if parameter.location == "query" and parameter.required
    }
    return positional, keywords


def check_request(spec: Spec, operation: Operation, request: httpx.Request, positional: list[Any]) -> None:
    """The request went to the operation's route, with its auth and body."""
    assert request.method == operation.method
    matched = spec.match(request.method, request.url.raw_path.decode())
    assert matched is not None
    assert matched[0] is operation
    sent = [str(value).lower() if isinstance(value, bool) else str(value) for value in positional]
    assert list(matched[1].values()) == sent[: len(operation.path_parameters)]
    expected_auth = MANAGEMENT_KEY if uses_management_key(operation) else f"ApiKey-v1 {INTEGRATION_KEY}"
    assert request.headers["authorization"] == expected_auth
    if operation.body is not None and operation.body.is_json:
        assert json.loads(request.content) == positional[-1]
    elif operation.body is not None:
        assert request.headers["content-type"].startswith("multipart/form-data")
        assert CSV in request.content


def check_result(operation: Operation, result: Any) -> None:
    documented = operation.responses[str(operation.success_status)]
    if documented.content_type is None:
        assert result is None
    elif documented.is_json:
        assert result == {}
    else:
        assert result == CSV.decode()


def clients(spec: Spec, server: Server) -> dict[str, dict[str, Any]]:
    """Keyword arguments for a client with the integration key and one with the 2026 management key."""
    common: dict[str, Any] = {
        "spec": spec,
        "base_url": "https://yourbaseurl.talon.one",
        "transport": httpx.MockTransport(server),
        "response_validation": "off",
    }
    return {
        "integration": {**common, "api_key": INTEGRATION_KEY},
        "management": {**common, "credentials": {"management_key": MANAGEMENT_KEY}},
    }


def test_spec_has_the_schemes_the_clients_use(spec: Spec) -> None:
    """The 2026 document's security schemes are the ones the test clients are given credentials for."""
    assert {"api_key_v1", "management_key", "manager_auth"} <= set(spec.security_schemes)
    every = {name for op in spec for requirement in op.security for name in requirement}
    assert every <= set(spec.security_schemes)
    assert all(uses_management_key(op) or ("api_key_v1",) in op.security for op in spec)


def test_every_operation_is_bound(spec: Spec) -> None:
    """All 220 operations are functions under both names, path parameters first in path order."""
    with Client(spec=spec, base_url="https://yourbaseurl.talon.one") as client:
        assert len(spec.operations) == 220
        for operation in spec:
            function = getattr(client, operation.python_name)
            assert getattr(client, operation.operation_id) is function
            names = list(inspect.signature(function).parameters)
            assert names[: len(operation.path_parameters)] == [p.python_name for p in operation.path_parameters]


@pytest.mark.slow
@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_every_operation_is_callable_sync_and_async(spec: Spec) -> None:
    """Every operation, called with spec-derived arguments, sends the right method and route and reads the answer."""
    server = Server(spec)
    options = clients(spec, server)
    rounds = 0

    # No shrinking: one example is 440 calls, and a failure is readable as drawn.
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, phases=[Phase.generate])
    @given(st.data())
    def check(data: st.DataObject) -> None:
        nonlocal rounds
        calls = [(operation, *call_arguments(spec, operation, data)) for operation in spec]
        with Client(**options["integration"]) as integration, Client(**options["management"]) as management:
            for operation, positional, keywords in calls:
                server.requests.clear()
                client = management if uses_management_key(operation) else integration
                check_result(operation, getattr(client, operation.python_name)(*positional, **keywords))
                (request,) = server.requests
                check_request(spec, operation, request, positional)

        async def run_async() -> None:
            async with (
                AsyncClient(**options["integration"]) as integration,
                AsyncClient(**options["management"]) as management,
            ):
                for operation, positional, keywords in calls:
                    server.requests.clear()
                    client = management if uses_management_key(operation) else integration
                    check_result(operation, await getattr(client, operation.python_name)(*positional, **keywords))
                    (request,) = server.requests
                    check_request(spec, operation, request, positional)

        asyncio.run(run_async())
        rounds += 1

    check()
    print(f"\n2026 spec: {rounds} rounds x {len(spec.operations)} operations, sync and async")
    assert rounds == EXAMPLES


def test_management_key_cannot_call_integration_only_operations(spec: Spec) -> None:
    """An operation whose scheme the client lacks fails before sending, naming the scheme it needs."""
    server = Server(spec)
    integration_only = [op for op in spec if op.security == (("api_key_v1",),)]
    assert len(integration_only) == 35
    with Client(**clients(spec, server)["management"]) as client:
        for operation in integration_only:
            positional: list[Any] = ["1" for _ in operation.path_parameters]
            if operation.body is not None:
                positional.append({})
            with pytest.raises(talon_dyn.MissingCredentials, match="api_key_v1"):
                getattr(client, operation.python_name)(*positional, request_validation="off")
    assert server.requests == []


def test_manager_auth_credentials_are_sent_as_given(spec: Spec) -> None:
    """A client given only ``credentials={"manager_auth": ...}`` sends that header value for a management operation."""
    server = Server(spec)
    options = {**clients(spec, server)["management"], "credentials": {"manager_auth": "Bearer t0ken"}}
    operation = spec.operation("getApplications")
    assert ("manager_auth",) in operation.security
    with Client(**options) as client:
        client.get_applications()
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer t0ken"
    assert "t0ken" not in repr(client)
