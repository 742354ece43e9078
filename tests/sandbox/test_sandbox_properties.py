"""Property tests: valid requests never break the sandbox; invalid bodies are refused without effect."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sandbox_helpers import FakeClock, assert_matches_spec, raw
from sandbox_strategies import JSON, requests

from talon_dyn.sandbox import Sandbox

SETTINGS = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _target(operation: Any, path: dict[str, Any], query: dict[str, Any]) -> str:
    url: str = operation.path
    for name, value in path.items():
        url = url.replace("{" + name + "}", quote(str(value), safe=""))
    if query:
        url += "?" + urlencode({k: json.dumps(v) if isinstance(v, bool) else v for k, v in query.items()})
    return url


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_valid_requests_get_documented_answers() -> None:
    """Any valid request to any operation gets a 2xx or a documented 4xx whose body validates; never a 5xx."""
    with Sandbox(seed=2, clock=FakeClock()) as sandbox:
        operations = list(sandbox.spec.operations.values())
        statuses: dict[str, set[int]] = {}

        @SETTINGS
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            operation = data.draw(st.sampled_from(operations))
            request = data.draw(requests(sandbox.spec, operation))
            response = raw(
                sandbox,
                operation.method,
                _target(operation, request["path"], request["query"]),
                json_body=request["body"],
            )
            assert response.status_code < 500, response.text
            assert_matches_spec(sandbox, operation.operation_id, response)
            statuses.setdefault(operation.operation_id, set()).add(response.status_code)

        check()
        assert all(any(status < 300 for status in seen) for seen in statuses.values()), sorted(statuses.items())


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_invalid_bodies_are_refused_and_change_nothing() -> None:
    """Any body that does not match the operation's schema is a 400 and leaves the state unchanged."""
    with Sandbox(seed=2, clock=FakeClock()) as sandbox:
        with_body = [op for op in sandbox.spec.operations.values() if op.body is not None]
        for operation in with_body:  # some state to protect
            path = {p.name: "s1" for p in operation.path_parameters}
            raw(sandbox, operation.method, _target(operation, path, {}), json_body={})

        @SETTINGS
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            operation = data.draw(st.sampled_from(with_body))
            request = data.draw(requests(sandbox.spec, operation))
            body = request["body"]
            if isinstance(body, dict) and body and data.draw(st.booleans()):
                key = data.draw(st.sampled_from(sorted(body)))
                body = {**body, key: data.draw(JSON)}
            else:
                body = data.draw(JSON)
            schema = operation.body.schema_pointer if operation.body else None
            assert schema is not None
            assume(not sandbox.spec.validator.is_valid(schema, body))
            before = sandbox.store.snapshot()
            response = raw(sandbox, operation.method, _target(operation, request["path"], {}), json_body=body)
            assert response.status_code == 400, response.text
            assert_matches_spec(sandbox, operation.operation_id, response)
            assert response.json()["errors"][0]["source"]["pointer"] is not None
            assert sandbox.store.snapshot() == before

        check()
