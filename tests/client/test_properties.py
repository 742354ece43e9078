"""Properties over generated data: valid bodies pass unchanged, broken bodies never leave, any path value round-trips.

Each property runs a bounded, derandomized number of examples (see the ``*_EXAMPLES`` constants); the number
actually generated per operation is printed (``pytest -s`` shows it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from recording import Recorder

import talon_dyn
from talon_dyn import Client, Operation, Spec
from talon_dyn.smoke._generate import THOROUGH, from_schema

VALID_EXAMPLES = 100
"""Generated valid bodies per operation with a JSON body."""
INVALID_EXAMPLES = 50
"""Generated broken bodies per operation with a JSON body."""
PATH_EXAMPLES = 500
"""Generated path values (over all operations with path parameters)."""
NASTY_PATH_VALUES = (
    "/",
    "a/b",
    "..",
    ".",
    "../../v1/referrals",
    "?",
    "a?b=c",
    "#",
    "#frag",
    "%",
    "%2F",
    "%252F",
    " ",
    "a b",
    "+",
    "é",
    "日本",
    "\U0001f600",
    "\\",
    ";",
    "&x=1",
    "a\tb",
)
"""Path values that would change the route if they were not percent-encoded."""

BOUNDED = settings(derandomize=True, deadline=None, database=None)
JSON_TYPES = {
    "string": "text",
    "integer": 12345,
    "number": 1.5,
    "boolean": True,
    "array": ["x"],
    "object": {"x": 1},
    "null": None,
}


@pytest.fixture(scope="module")
def spec() -> Spec:
    """The bundled spec."""
    return talon_dyn.load()


@pytest.fixture
def recorder(spec: Spec) -> Recorder:
    return Recorder.succeeding(spec)


@pytest.fixture
def client(spec: Spec, recorder: Recorder) -> Iterator[Client]:
    """A client whose responses are not validated: these properties are about requests."""
    transport = httpx.MockTransport(recorder)
    with Client(spec=spec, base_url="http://test", api_key="k", response_validation="off", transport=transport) as made:
        yield made


def json_body_operations(spec: Spec) -> list[Operation]:
    return [op for op in spec if op.body is not None and op.body.is_json and op.body.schema is not None]


def body_strategy(spec: Spec, operation: Operation) -> st.SearchStrategy[Any]:
    assert operation.body is not None
    assert operation.body.schema is not None
    return from_schema(spec, operation.body.schema, THOROUGH)


def arguments(operation: Operation, body: Any, path_value: str = "x") -> tuple[list[Any], dict[str, Any]]:
    """Positional path values (all ``path_value``) and the body, for calling the bound method."""
    positional: list[Any] = [path_value for _ in operation.path_parameters]
    if operation.body is not None:
        positional.append(body)
    return positional, {}


def valid_bodies_arrive_unchanged(spec: Spec, operation: Operation, client: Client, recorder: Recorder) -> int:
    """Run the property for one operation; return the number of examples generated."""
    method = getattr(client, operation.python_name)
    count = 0

    @settings(BOUNDED, max_examples=VALID_EXAMPLES)
    @given(body_strategy(spec, operation))
    def check(body: Any) -> None:
        nonlocal count
        recorder.requests.clear()
        positional, keywords = arguments(operation, body)
        method(*positional, **keywords)
        (request,) = recorder.requests
        assert request.method == operation.method
        assert json.loads(request.content) == body
        count += 1

    check()
    return count


@pytest.mark.slow
@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_generated_valid_bodies_pass_and_arrive_unchanged(spec: Spec, client: Client, recorder: Recorder) -> None:
    """For every operation with a JSON body, generated valid bodies pass validation and arrive JSON-equal."""
    operations = json_body_operations(spec)
    assert len(operations) == 7
    counts = {op.operation_id: valid_bodies_arrive_unchanged(spec, op, client, recorder) for op in operations}
    print(f"\nvalid bodies generated per operation: {counts}")
    assert all(count >= VALID_EXAMPLES // 2 for count in counts.values())


def _schema_types(spec: Spec, schema: Mapping[str, Any]) -> set[str] | None:
    resolved = spec.resolve(schema)
    kinds = resolved.get("type")
    if kinds is None or "enum" in resolved or "const" in resolved:
        return None
    found = {kinds} if isinstance(kinds, str) else set(kinds)
    return found | {"integer"} if "number" in found else found


def _breakages(spec: Spec, operation: Operation, body: dict[str, Any]) -> list[tuple[str, dict[str, Any] | list[Any]]]:
    """Ways to break ``body``: (JSON path the error should name, broken body)."""
    assert operation.body is not None
    assert operation.body.schema is not None
    schema = spec.resolve(operation.body.schema)
    broken: list[tuple[str, dict[str, Any] | list[Any]]] = [("$", [body])]
    for name in schema.get("required", []):  # a missing property: the object's path, and the message names it
        broken.append(
            (f"$ {name!r} is a required property", {key: value for key, value in body.items() if key != name})
        )
    for name, sub in (schema.get("properties") or {}).items():
        kinds = _schema_types(spec, sub)
        if kinds is None:
            continue
        wrong = next(value for kind, value in JSON_TYPES.items() if kind not in kinds)
        broken.append((f"$.{name}", {**body, name: wrong}))
    return broken


def broken_bodies_never_leave(spec: Spec, operation: Operation, client: Client, recorder: Recorder) -> int:
    """Run the property for one operation; return the number of examples generated."""
    method = getattr(client, operation.python_name)
    count = 0

    @settings(BOUNDED, max_examples=INVALID_EXAMPLES)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        nonlocal count
        body = data.draw(body_strategy(spec, operation), label="valid body")
        where, broken = data.draw(st.sampled_from(_breakages(spec, operation, body)), label="breakage")
        positional, keywords = arguments(operation, broken)
        with pytest.raises(talon_dyn.RequestValidationError) as caught:
            method(*positional, **keywords)
        assert caught.value.operation == operation.operation_id
        path, _, says = where.partition(" ")
        assert caught.value.json_path == path
        assert says in caught.value.message
        assert recorder.requests == []
        count += 1

    check()
    return count


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_broken_bodies_are_refused_before_sending(spec: Spec, client: Client, recorder: Recorder) -> None:
    """A generated body with a required property removed or a property of the wrong type never reaches the transport."""
    operations = json_body_operations(spec)
    counts = {op.operation_id: broken_bodies_never_leave(spec, op, client, recorder) for op in operations}
    print(f"\nbroken bodies generated per operation: {counts}")
    assert all(count >= INVALID_EXAMPLES // 2 for count in counts.values())


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
def test_any_path_value_round_trips_without_changing_the_route(spec: Spec, client: Client, recorder: Recorder) -> None:
    """Any text as a path value is decoded by the server to exactly the input, on the same route."""
    operations = [op for op in spec if op.path_parameters]
    values = st.text(min_size=1) | st.sampled_from(NASTY_PATH_VALUES)
    count = 0

    @settings(BOUNDED, max_examples=PATH_EXAMPLES)
    @given(st.sampled_from(operations), values, st.data())
    def check(operation: Operation, value: str, data: st.DataObject) -> None:
        nonlocal count
        recorder.requests.clear()
        body = data.draw(body_strategy(spec, operation)) if operation.body is not None else None
        positional, keywords = arguments(operation, body, path_value=value)
        getattr(client, operation.python_name)(*positional, **keywords)
        (request,) = recorder.requests
        raw_path = request.url.raw_path.decode("ascii")
        matched = spec.match(request.method, raw_path)
        assert matched is not None
        assert matched[0] is operation
        assert matched[1] == {parameter.name: value for parameter in operation.path_parameters}
        template = operation.path.split("/")
        sent = raw_path.split("?", 1)[0].split("/")
        assert len(sent) == len(template)
        assert [s for s, t in zip(sent, template, strict=True) if not t.startswith("{")] == [
            t for t in template if not t.startswith("{")
        ]
        count += 1

    check()
    print(f"\npath values generated: {count}")
    assert count >= PATH_EXAMPLES // 2
