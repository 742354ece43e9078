"""Validation of requests before any I/O and of responses by status, with both validator engines."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from payloads import COUPON, STATE
from recording import Recorder

import talon_dyn
from talon_dyn import Client, Retry, Spec
from talon_dyn._model.spec import bundled_path
from talon_dyn._model.validation import ENGINES, SchemaValidator

ITEM = {"name": "Tea", "sku": "T1", "quantity": 1, "price": 3.5}
BAD_PRICE = {"customerSession": {"cartItems": [ITEM, ITEM, ITEM, {**ITEM, "price": "x"}]}}
REQUEST_SCHEMA = "/components/schemas/IntegrationRequest"


@pytest.fixture(params=ENGINES)
def spec(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Spec:
    """The bundled spec, freshly loaded with the validator engine chosen through TALON_DYN_VALIDATOR."""
    monkeypatch.setenv("TALON_DYN_VALIDATOR", request.param)
    loaded = talon_dyn.load(bundled_path())
    assert loaded.validator.engine == request.param
    return loaded


def make(spec: Spec, recorder: Recorder, **kwargs: Any) -> Client:
    """A client on ``recorder``; answers are validated strictly here (the client's default is ``warn``)."""
    return Client(
        spec=spec,
        base_url="http://talon.test",
        api_key="k",
        retry=Retry.never(),
        transport=httpx.MockTransport(recorder),
        **{"response_validation": "strict", **kwargs},
    )


CALLS: dict[str, Callable[[Client], Any]] = {
    "delete": lambda client: client.delete_customer_data("p1"),
    "coupons": lambda client: client.get_reserved_coupons("p1"),
    "event": lambda client: client.track_event({"type": "click", "sessionId": "s1", "attributes": {}}),
}
"""Calls by name, for tests parametrized over operations with different documented statuses."""


# -- requests: refused before any I/O -------------------------------------------------------


def test_bad_body_names_operation_json_path_expected_and_given(spec: Spec) -> None:
    """A bad body raises RequestValidationError naming operation, JSON path, expectation and value; nothing is sent."""
    recorder = Recorder(200, json=STATE)
    with make(spec, recorder) as client, pytest.raises(talon_dyn.RequestValidationError) as caught:
        client.update_customer_session_v2("s1", BAD_PRICE)
    error = caught.value
    assert recorder.requests == []
    assert error.operation == "updateCustomerSessionV2"
    assert error.location == "body"
    assert error.json_path == "$.customerSession.cartItems[3].price"
    assert error.expected == "type: 'number'"
    assert "'x'" in error.message
    assert str(error).startswith("updateCustomerSessionV2: body $.customerSession.cartItems[3].price: ")


def test_every_problem_is_listed(spec: Spec) -> None:
    """All problems of a body are kept in ``errors``, the most relevant first."""
    body = {"customerSession": {"cartItems": [{"name": "", "sku": "T1", "quantity": 0, "price": 1}]}}
    with make(spec, Recorder()) as client, pytest.raises(talon_dyn.RequestValidationError) as caught:
        client.update_customer_session_v2("s1", body)
    paths = sorted(line.split(":", 1)[0] for line in caught.value.errors)
    assert paths == ["$.customerSession.cartItems[0].name", "$.customerSession.cartItems[0].quantity"]
    assert "(and 1 more error)" in str(caught.value)


def test_missing_required_property(spec: Spec) -> None:
    """A body missing a required property points at the object that lacks it and names the property."""
    with make(spec, Recorder()) as client, pytest.raises(talon_dyn.RequestValidationError) as caught:
        client.track_event({"type": "click", "attributes": {}})
    assert caught.value.json_path == "$"
    assert "'sessionId' is a required property" in caught.value.message
    assert caught.value.operation == "trackEvent"


def test_bad_query_parameter_is_named(spec: Spec) -> None:
    """A query value of the wrong type names the parameter and what it should be."""
    recorder = Recorder(200, json={})
    with make(spec, recorder) as client, pytest.raises(talon_dyn.RequestValidationError) as caught:
        client.get_customer_inventory("p1", profile="yes")
    assert recorder.requests == []
    assert caught.value.location == "query parameter 'profile'"
    assert caught.value.expected == "type: 'boolean'"
    assert "'yes'" in caught.value.message


def test_bad_path_parameter_is_named(spec: Spec) -> None:
    """A path value that is not what the schema says names the path parameter."""
    recorder = Recorder(204)
    with make(spec, recorder) as client, pytest.raises(talon_dyn.RequestValidationError) as caught:
        client.delete_customer_data(["p1"])
    assert recorder.requests == []
    assert caught.value.location == "path parameter 'integration_id'"
    assert caught.value.expected == "type: 'string'"


def test_missing_required_body(spec: Spec) -> None:
    """A required body given as None is refused before sending."""
    recorder = Recorder(201, json=COUPON)
    with make(spec, recorder) as client, pytest.raises(talon_dyn.RequestValidationError, match=r"body.*is required"):
        client.create_coupon_reservation("C1", None)
    assert recorder.requests == []


def test_body_that_is_not_json_is_refused(spec: Spec) -> None:
    """A body JSON cannot encode (NaN here) is refused even with validation off."""
    recorder = Recorder(200, json=STATE)
    body = {"customerSession": {"cartItems": [{**ITEM, "price": float("nan")}]}}
    with (
        make(spec, recorder, request_validation="off") as client,
        pytest.raises(talon_dyn.RequestValidationError, match="cannot be encoded as JSON"),
    ):
        client.update_customer_session_v2("s1", body)
    assert recorder.requests == []


def test_request_warn_mode_warns_with_the_json_path(spec: Spec) -> None:
    """In warn mode the problem is a TalonValidationWarning carrying the JSON path, and the request goes out."""
    recorder = Recorder(200, json=STATE)
    with (
        make(spec, recorder, request_validation="warn") as client,
        pytest.warns(talon_dyn.TalonValidationWarning, match=r"cartItems\[3\]\.price"),
    ):
        client.update_customer_session_v2("s1", BAD_PRICE)
    assert len(recorder.requests) == 1


# -- responses: picked by status, validated ------------------------------------------------


def test_bad_response_names_operation_status_and_path(spec: Spec) -> None:
    """A response that breaks its schema raises ResponseValidationError with status, JSON path and the response."""
    body = {"totalResultSize": 1, "data": [{**COUPON, "usageLimit": -1}]}
    with make(spec, Recorder(200, json=body)) as client, pytest.raises(talon_dyn.ResponseValidationError) as caught:
        client.get_reserved_coupons("p1")
    error = caught.value
    assert error.operation == "getReservedCoupons"
    assert error.status == 200
    assert error.json_path == "$.data[0].usageLimit"
    assert error.expected == "minimum: 0"
    assert isinstance(error.response, httpx.Response)
    assert error.response.json() == body


@pytest.mark.parametrize("created", ["2020-13-45", "2020-01-01", "2020-01-01T25:00:00Z", "yesterday"])
def test_bad_date_time_in_a_response_fails(spec: Spec, created: str) -> None:
    """A declared ``date-time`` format is checked: a malformed timestamp fails, whatever the engine."""
    with (
        make(spec, Recorder(201, json={**COUPON, "created": created})) as client,
        pytest.raises(talon_dyn.ResponseValidationError) as caught,
    ):
        client.create_coupon_reservation("C1", {"integrationIDs": ["p1"]})
    assert caught.value.json_path == "$.created"
    assert caught.value.expected == "format: 'date-time'"


@pytest.mark.parametrize("created", ["2020-12-31T23:59:59Z", "2020-01-01T10:00:00.123+02:00", "2020-06-01t00:00:00z"])
def test_good_date_time_in_a_response_passes(spec: Spec, created: str) -> None:
    """A well-formed RFC 3339 timestamp passes the format check."""
    with make(spec, Recorder(201, json={**COUPON, "created": created})) as client:
        assert client.create_coupon_reservation("C1", {"integrationIDs": ["p1"]})["created"] == created


def test_response_warn_and_off_modes(spec: Spec) -> None:
    """In warn mode a bad response warns and is returned; in off mode it is returned silently."""
    body = {**COUPON, "created": "2020-13-45"}
    with (
        make(spec, Recorder(201, json=body), response_validation="warn") as client,
        pytest.warns(talon_dyn.TalonValidationWarning, match=r"\$\.created"),
    ):
        assert client.create_coupon_reservation("C1", {"integrationIDs": ["p1"]}) == body
    with make(spec, Recorder(201, json=body), response_validation="off") as client, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.create_coupon_reservation("C1", {"integrationIDs": ["p1"]}) == body


@pytest.mark.parametrize(
    ("status", "error_class", "call"),
    [
        (400, talon_dyn.BadRequest, "delete"),
        (401, talon_dyn.Unauthorized, "delete"),
        (404, talon_dyn.NotFound, "delete"),
        (409, talon_dyn.Conflict, "event"),
        (429, talon_dyn.TooManyRequests, "delete"),
        (500, talon_dyn.ServerError, "delete"),
        (503, talon_dyn.ServerError, "event"),
    ],
)
def test_error_statuses_raise_api_errors(spec: Spec, status: int, error_class: type[Exception], call: str) -> None:
    """Error statuses raise the ApiError subclass for the status, carrying the parsed ErrorResponse."""
    problem = {"title": "Unknown", "details": "not defined", "source": {"pointer": "/attributes/x"}}
    error_body = {"message": f"failed with {status}", "errors": [problem]}
    with make(spec, Recorder(status, json=error_body)) as client, pytest.raises(error_class) as caught:
        CALLS[call](client)
    error = caught.value
    assert isinstance(error, talon_dyn.ApiError)
    assert error.status == status
    assert error.error["message"] == f"failed with {status}"
    assert error.message == f"failed with {status}"
    assert error.operation in ("deleteCustomerData", "trackEvent")
    assert str(error).endswith(f"HTTP {status}: failed with {status} [Unknown /attributes/x: not defined]")


@pytest.mark.parametrize(
    ("status", "call"),
    [(418, "delete"), (202, "coupons"), (200, "delete"), (404, "event"), (302, "coupons")],
)
def test_undocumented_status_is_unexpected(spec: Spec, status: int, call: str) -> None:
    """A status the operation does not document raises UnexpectedStatus with the response attached."""
    with (
        make(spec, Recorder(status, json={"message": "?"})) as client,
        pytest.raises(talon_dyn.UnexpectedStatus) as caught,
    ):
        CALLS[call](client)
    assert caught.value.status == status
    assert caught.value.response.status_code == status


def test_html_where_json_is_documented(spec: Spec) -> None:
    """A success with a non-JSON content type raises UnexpectedContentType."""
    recorder = Recorder(200, text="<html>maintenance</html>", headers={"Content-Type": "text/html"})
    with make(spec, recorder) as client, pytest.raises(talon_dyn.UnexpectedContentType, match="text/html"):
        client.get_reserved_coupons("p1")


@pytest.mark.parametrize("content", [b'{"data": [', b"", b"not json"])
def test_body_that_is_not_json(spec: Spec, content: bytes) -> None:
    """A JSON-typed success whose body is truncated, empty or not JSON raises InvalidJSON."""
    recorder = Recorder(200, content=content, headers={"Content-Type": "application/json"})
    with make(spec, recorder) as client, pytest.raises(talon_dyn.InvalidJSON) as caught:
        client.get_reserved_coupons("p1")
    assert caught.value.response.content == content
    assert isinstance(caught.value, talon_dyn.ResponseError)


def test_error_status_with_html_body_keeps_its_class(spec: Spec) -> None:
    """A documented error status with a non-JSON body still raises its ApiError subclass, with an empty error."""
    recorder = Recorder(404, text="<html>nope</html>", headers={"Content-Type": "text/html"})
    with make(spec, recorder) as client, pytest.raises(talon_dyn.NotFound) as caught:
        client.delete_customer_data("p1")
    assert caught.value.error == {}


# -- validators: both engines agree on where; built once -----------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_report_the_same_json_path(engine: str) -> None:
    """Either engine, chosen explicitly, reports the problem at the same JSON path."""
    bundled = talon_dyn.load()
    validator = SchemaValidator(bundled.document, bundled.base_uri, engine=engine)
    assert validator.engine == engine
    issues = validator.issues(REQUEST_SCHEMA, BAD_PRICE)
    assert issues[0].json_path == "$.customerSession.cartItems[3].price"
    assert issues[0].pointer == "/customerSession/cartItems/3/price"
    assert validator.is_valid(REQUEST_SCHEMA, {"customerSession": {"cartItems": [ITEM]}})


def test_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown engine name, by argument or environment, is a ValueError naming the choices."""
    bundled = talon_dyn.load()
    with pytest.raises(ValueError, match="jsonschema-rs"):
        SchemaValidator(bundled.document, bundled.base_uri, engine="fastest")
    monkeypatch.setenv("TALON_DYN_VALIDATOR", "fastest")
    with pytest.raises(ValueError, match="TALON_DYN_VALIDATOR"):
        SchemaValidator(bundled.document, bundled.base_uri)


def test_validators_are_built_once_and_reused(spec: Spec) -> None:
    """Calling an operation twice reuses the validators built by the first call."""
    with make(spec, Recorder(200, json=STATE)) as client:
        client.update_customer_session_v2("s1", {"customerSession": {"cartItems": [ITEM]}})
        built = dict(spec.validator._fast)
        assert built
        client.update_customer_session_v2("s1", {"customerSession": {"cartItems": [ITEM, ITEM]}})
        assert spec.validator._fast == built
        for _ in range(2):
            with pytest.raises(talon_dyn.RequestValidationError):
                client.update_customer_session_v2("s1", BAD_PRICE)
        explained = dict(spec.validator._slow)
        with pytest.raises(talon_dyn.RequestValidationError):
            client.update_customer_session_v2("s1", BAD_PRICE)
        assert spec.validator._slow == explained
        assert spec.validator._fast == built


def test_inline_schema_with_local_refs_resolves_against_the_spec(spec: Spec) -> None:
    """An inline schema may say $ref: '#/components/...' and still resolve into the spec, with either engine."""
    inline = {"type": "array", "items": {"$ref": "#/components/schemas/CouponReservations"}}
    assert spec.validator.is_valid(inline, [{"integrationIDs": ["ada"]}])
    issues = spec.validator.issues(inline, [{"integrationIDs": [7]}])
    assert [(issue.json_path, issue.keyword) for issue in issues] == [("$[0].integrationIDs[0]", "type")]


def test_a_missing_required_property_points_at_its_object() -> None:
    """Client and sandbox point at the object that lacks the property and name it (not at a sibling)."""
    from talon_dyn.sandbox import Sandbox

    body = {"customerSession": {"cartItems": [{"name": "x", "sku": "y", "price": 1.0}]}}
    client = talon_dyn.Client(base_url="http://talon.test", api_key="k")
    with client, pytest.raises(talon_dyn.RequestValidationError) as caught:
        client.update_customer_session_v2("s1", body)
    assert "body $.customerSession.cartItems[0]: 'quantity' is a required property" in str(caught.value)
    with (
        Sandbox() as sandbox,
        sandbox.client(request_validation="off") as unchecked,
        pytest.raises(talon_dyn.BadRequest) as refused,
    ):
        unchecked.update_customer_session_v2("s1", body)
    (error,) = refused.value.error["errors"]
    assert error["source"] == {"pointer": "/customerSession/cartItems/0"}
    assert "'quantity' is a required property" in error["details"]


def test_every_cookie_parameter_is_sent() -> None:
    """Two cookie parameters travel in one Cookie header, joined by "; " (the last one alone used to win)."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "cookies", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "getThings",
                    "parameters": [
                        {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                        {"name": "theme", "in": "cookie", "schema": {"type": "string"}},
                    ],
                    "responses": {"204": {"description": "none"}},
                }
            }
        },
    }
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("cookie", ""))
        return httpx.Response(204)

    spec = talon_dyn.Spec(document)
    with talon_dyn.Client(spec=spec, base_url="http://talon.test", transport=httpx.MockTransport(answer)) as client:
        client.get_things(session="a b", theme="dark")
    assert seen == ["session=a%20b; theme=dark"]
