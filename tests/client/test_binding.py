"""Binding: each operation is one real function on the client, with a name, docstring and signature from the spec."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import talon_dyn
from talon_dyn import AsyncClient, Client, OperationNotFound
from talon_dyn._model.naming import camelize

KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY
POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD
CALL_OPTIONS = ["timeout", "deadline", "retry", "request_validation", "response_validation", "headers"]

REVERSED_PARAMETERS = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /shops/{shopId}/items/{itemId}:
    get:
      operationId: getShopItem
      parameters:
        - {name: itemId, in: path, required: true, schema: {type: string}}
        - {name: pageSize, in: query, required: true, schema: {type: integer}}
        - {name: shopId, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: done}
"""


@pytest.fixture
def client() -> Iterator[Client]:
    """A sync client over a transport that must not be reached."""
    with Client(base_url="http://test", api_key="k", transport=httpx.MockTransport(_unreachable)) as client:
        yield client


@pytest.fixture
def async_client() -> AsyncClient:
    """An async client over a transport that must not be reached."""
    return AsyncClient(base_url="http://test", api_key="k", transport=httpx.MockTransport(_unreachable))


def _unreachable(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request expected, got {request.method} {request.url}")


def test_snake_case_and_operation_id_are_the_same_function(client: Client) -> None:
    """``client.update_customer_session_v2`` is the very object ``client.updateCustomerSessionV2``."""
    assert client.update_customer_session_v2 is client.updateCustomerSessionV2
    assert client.getReservedCoupons is client.get_reserved_coupons


def test_every_operation_is_bound_once_under_both_names(client: Client, async_client: AsyncClient) -> None:
    """Every operation of the spec is a function on both clients, built once and kept."""
    for operation in client.spec:
        for bound in (client, async_client):
            function = getattr(bound, operation.python_name)
            assert getattr(bound, operation.operation_id) is function
            assert getattr(bound, operation.python_name) is function
            assert inspect.isfunction(function)
            assert function.__name__ == operation.python_name


def test_functions_carry_spec_docstrings(client: Client) -> None:
    """The docstring gives the summary, description, method and path, parameters, body and return type."""
    for operation in client.spec:
        doc = getattr(client, operation.python_name).__doc__
        assert doc.startswith(operation.summary)
        assert operation.description.strip() in doc
        assert f"{operation.method} {operation.path}" in doc
        for parameter in operation.parameters:
            assert f"{parameter.python_name} ({parameter.location}" in doc
        if operation.body is not None:  # model names as the docs and stubs spell them
            assert f"body ({camelize(operation.body.schema['$ref'].rsplit('/', 1)[-1])}, required)" in doc
        success = operation.responses[str(operation.success_status)]
        returned = camelize(success.schema["$ref"].rsplit("/", 1)[-1]) if success.schema else "None"
        assert doc.rstrip().split("Returns:\n", 1)[1].lstrip().startswith(returned)


def test_docstring_of_update_customer_session_v2(client: Client) -> None:
    """The flagship operation documents its path parameter, its IntegrationRequest body and its return type."""
    doc = client.update_customer_session_v2.__doc__
    assert doc.splitlines()[0] == "Update a Customer Session"
    assert "customer_session_id (path, str)" in doc
    assert "body (IntegrationRequest, required)" in doc
    assert "Returns:\n    IntegrationStateV2" in doc


def test_signature_path_positional_body_then_keyword_only(client: Client) -> None:
    """Path parameters are positional with snake_case names, then ``body``; query parameters are keyword-only."""
    update = inspect.signature(client.update_customer_session_v2)
    assert list(update.parameters) == ["customer_session_id", "body", *CALL_OPTIONS]
    assert [p.kind for p in update.parameters.values()][:2] == [POSITIONAL, POSITIONAL]
    assert update.parameters["body"].default is inspect.Parameter.empty
    inventory = inspect.signature(client.get_customer_inventory)
    assert list(inventory.parameters) == ["integration_id", "profile", "referrals", *CALL_OPTIONS]
    assert inventory.parameters["integration_id"].kind is POSITIONAL
    for name in ("profile", "referrals", *CALL_OPTIONS):
        assert inventory.parameters[name].kind is KEYWORD_ONLY
        assert inventory.parameters[name].default is None


def test_path_parameters_follow_the_path_not_the_declaration(tmp_path: Path) -> None:
    """Path parameters come in the order of the path template, whatever order the spec declares them in."""
    source = tmp_path / "spec.yaml"
    source.write_text(REVERSED_PARAMETERS, encoding="utf-8")
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(204)

    with Client.from_spec(source, base_url="http://test", transport=httpx.MockTransport(handler)) as client:
        signature = inspect.signature(client.get_shop_item)
        assert list(signature.parameters)[:3] == ["shop_id", "item_id", "page_size"]
        assert signature.parameters["page_size"].kind is KEYWORD_ONLY
        assert signature.parameters["page_size"].default is inspect.Parameter.empty
        assert client.get_shop_item("s1", "i2", page_size=5) is None
    assert seen == ["/shops/s1/items/i2?pageSize=5"]


def test_query_parameters_cannot_be_passed_positionally(client: Client) -> None:
    """Passing a query parameter by position is a TypeError, as the signature says."""
    with pytest.raises(TypeError):
        client.get_customer_inventory("p1", True)


def test_missing_required_argument_is_a_type_error(client: Client) -> None:
    """Calling without a required path parameter fails like any Python function would."""
    with pytest.raises(TypeError, match="customer_session_id"):
        client.update_customer_session_v2()


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("s1", {}, "extra"), {}, "takes 2 positional arguments but 3 were given"),
        (("s1",), {"customer_session_id": "s2", "body": {}}, "got multiple values for argument 'customer_session_id'"),
        (("s1", {}), {"bodyy": {}}, "got an unexpected keyword argument 'bodyy'"),
        ((), {"body": {}}, "missing required argument(s): 'customer_session_id'"),
    ],
)
def test_wrong_calls_are_type_errors_like_any_function(
    client: Client, args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    """A wrong call fails before anything else with the TypeError a Python function would give, naming the method."""
    with pytest.raises(TypeError) as caught:
        client.update_customer_session_v2(*args, **kwargs)
    assert str(caught.value) == f"update_customer_session_v2() {message}"


def test_async_methods_are_coroutine_functions(async_client: AsyncClient, client: Client) -> None:
    """Operations of the async client are coroutine functions; those of the sync client are not."""
    for operation in async_client.spec:
        assert inspect.iscoroutinefunction(getattr(async_client, operation.python_name))
        assert inspect.iscoroutinefunction(getattr(async_client.with_response, operation.python_name))
        assert not inspect.iscoroutinefunction(getattr(client, operation.python_name))
    assert inspect.signature(async_client.update_customer_session_v2) == inspect.signature(
        client.update_customer_session_v2
    )


def test_dir_lists_every_operation(client: Client, async_client: AsyncClient) -> None:
    """``dir(client)`` lists every operation under both names, so completion finds them."""
    for bound in (client, async_client):
        names = dir(bound)
        for operation in bound.spec:
            assert operation.python_name in names
            assert operation.operation_id in names
    assert "close" in dir(client)
    assert "aclose" in dir(async_client)
    assert set(dir(client.with_response)) == {operation.python_name for operation in client.spec}


def test_unknown_name_suggests_the_closest_operation(client: Client) -> None:
    """An unknown name raises OperationNotFound, an AttributeError, suggesting the closest operation."""
    with pytest.raises(OperationNotFound) as caught:
        client.update_customer_sesion_v2  # noqa: B018 - the attribute access is the test
    assert isinstance(caught.value, AttributeError)
    assert caught.value.suggestion == "update_customer_session_v2"
    assert "Did you mean 'update_customer_session_v2'?" in str(caught.value)
    with pytest.raises(OperationNotFound, match="get_reserved_coupons"):
        client.with_response.getReservedCoupon  # noqa: B018


def test_hasattr_is_false_for_unknown_names(client: Client, async_client: AsyncClient) -> None:
    """``hasattr`` answers False for a name that is no operation, instead of raising."""
    assert not hasattr(client, "no_such_operation")
    assert not hasattr(async_client, "noSuchOperation")
    assert not hasattr(client.with_response, "no_such_operation")
    assert hasattr(client, "track_event")


def test_with_response_functions_are_bound_too(client: Client) -> None:
    """``client.with_response`` has the same operations, with the same signatures, each built once."""
    function = client.with_response.get_reserved_coupons
    assert function is client.with_response.getReservedCoupons
    assert function.__name__ == "get_reserved_coupons"
    assert inspect.signature(function) == inspect.signature(client.get_reserved_coupons)


def test_2026_spec_binds_multi_parameter_paths(tmp_path: Path) -> None:
    """A larger document binds too: path parameters of multi-parameter paths in path order, snake_case."""
    spec = talon_dyn.load(Path(__file__).parents[1] / "fixtures" / "talon-openapi-2026.yaml")
    with Client(spec=spec, base_url="http://test") as client:
        function = client.link_loyalty_card_to_profile
        assert function is client.linkLoyaltyCardToProfile
        assert list(inspect.signature(function).parameters)[:3] == ["loyalty_program_id", "loyalty_card_id", "body"]


def test_parameters_named_like_call_options_keep_their_values() -> None:
    """A spec parameter called timeout, retry or body gets its own name and never feeds the per-call option."""
    seen: list[str] = []
    transport = httpx.MockTransport(lambda request: seen.append(str(request.url)) or httpx.Response(204))
    spec = talon_dyn.load(Path(__file__).parents[1] / "fixtures" / "option_names.yaml")
    with Client(spec=spec, base_url="http://example.test", transport=transport) as client:
        params = list(inspect.signature(client.get_wait).parameters)
        assert params[:3] == ["retry_", "timeout_", "body_"]
        assert {"timeout", "retry"} <= set(params)
        assert client.get_wait("r1", timeout_=30, body_="b", timeout=5.0) is None
    assert seen == ["http://example.test/waits/r1?timeout=30&body=b"]
