"""The AsyncClient over ``httpx.MockTransport``: results, configuration, auth and path encoding.

This file mirrors test_client_sync.py test for test.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
from payloads import COUPON, PERCENT_ENCODED, RESERVED, SESSION_BODY, STATE
from recording import Recorder, assert_routed

import talon_dyn
from talon_dyn import ApiResponse, AsyncClient, ConfigurationError, MissingCredentials, TalonValidationWarning

APPLICATION_KEY = "fefecafedeadbeef"


class ClosingTransport(httpx.MockTransport):
    """A MockTransport that remembers being closed."""

    closed = False

    async def aclose(self) -> None:
        self.closed = True


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


def make(recorder: Recorder, **kwargs: Any) -> AsyncClient:
    kwargs.setdefault("base_url", "http://talon.test")
    if "application_id" not in kwargs and "credentials" not in kwargs:
        kwargs.setdefault("api_key", "secret-key")
    return AsyncClient(transport=httpx.MockTransport(recorder), **kwargs)


# -- results -------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_returns_decoded_json_of_a_success() -> None:
    """A 2xx JSON response comes back as plain decoded data."""
    recorder = Recorder(200, RESERVED)
    async with make(recorder) as client:
        assert await client.get_reserved_coupons("p1") == RESERVED
    assert recorder.only.method == "GET"
    assert recorder.only.url == "http://talon.test/v1/coupon_reservations/coupons/p1"


@pytest.mark.anyio
async def test_201_body_is_returned() -> None:
    """A documented 201 is a success whose body is returned."""
    recorder = Recorder(201, COUPON)
    async with make(recorder) as client:
        assert await client.create_coupon_reservation("SUMMER-10", {"integrationIDs": ["p1"]}) == COUPON
    assert json.loads(recorder.only.content) == {"integrationIDs": ["p1"]}
    assert recorder.only.headers["content-type"] == "application/json"


@pytest.mark.anyio
async def test_204_returns_none() -> None:
    """An operation documented as 204 No Content returns None."""
    recorder = Recorder(204)
    async with make(recorder) as client:
        assert await client.delete_customer_data("p1") is None
    assert recorder.only.method == "DELETE"


@pytest.mark.anyio
async def test_with_response_gives_status_and_headers() -> None:
    """``client.with_response.<op>`` returns the data with the status code and response headers."""
    recorder = Recorder(200, RESERVED, headers={"X-Request-Id": "r-1"})
    async with make(recorder) as client:
        result = await client.with_response.get_reserved_coupons("p1")
    assert isinstance(result, ApiResponse)
    assert result.data == RESERVED
    assert result.status_code == 200
    assert result.headers["x-request-id"] == "r-1"
    assert result.http_response.request.url.path == "/v1/coupon_reservations/coupons/p1"


@pytest.mark.anyio
async def test_query_parameters_are_sent() -> None:
    """Keyword query parameters go into the query string; booleans as true/false."""
    recorder = Recorder(200, {})
    async with make(recorder) as client:
        await client.get_customer_inventory("p1", profile=True, referrals=False)
    assert recorder.only.url.params == httpx.QueryParams({"profile": "true", "referrals": "false"})


# -- configuration ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_base_url_with_a_path_prefix() -> None:
    """Requests go to the configured base URL, keeping its path prefix."""
    recorder = Recorder(204)
    async with make(recorder, base_url="https://eu.talon.test/api") as client:
        await client.delete_customer_data("p1")
    assert str(recorder.only.url) == "https://eu.talon.test/api/v1/customer_data/p1"


def test_base_url_is_required_and_never_the_spec_placeholder() -> None:
    """Without ``base_url`` or TALON_BASE_URL the client refuses to guess (the spec's server is a placeholder)."""
    with pytest.raises(talon_dyn.ConfigurationError, match="TALON_BASE_URL"):
        AsyncClient(api_key="k")


@pytest.mark.anyio
async def test_configuration_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The async client reads the same TALON_* variables as the sync one."""
    monkeypatch.setenv("TALON_BASE_URL", "https://env.talon.test")
    monkeypatch.setenv("TALON_API_KEY", "env-key")
    recorder = Recorder(204)
    async with AsyncClient(transport=httpx.MockTransport(recorder)) as client:
        await client.delete_customer_data("p1")
    assert str(recorder.only.url) == "https://env.talon.test/v1/customer_data/p1"
    assert recorder.only.headers["authorization"] == "ApiKey-v1 env-key"


@pytest.mark.anyio
async def test_default_timeout_is_finite_and_none_is_refused() -> None:
    """A timeout is always on: the default is finite and ``timeout=None`` is refused."""
    recorder = Recorder(204)
    async with make(recorder) as client:
        await client.delete_customer_data("p1")
    assert all(isinstance(value, float) for value in recorder.only.extensions["timeout"].values())
    with pytest.raises(ConfigurationError, match="timeout"):
        make(recorder, timeout=None)
    with pytest.raises(ConfigurationError, match="never infinite"):
        make(recorder, timeout=httpx.Timeout(5.0, read=None))


@pytest.mark.anyio
async def test_timeout_per_client_and_per_call() -> None:
    """``timeout=`` on the client applies to every call, and a per-call ``timeout=`` overrides it."""
    recorder = Recorder(204)
    async with make(recorder, timeout=3.0) as client:
        await client.delete_customer_data("p1")
        await client.delete_customer_data("p1", timeout=0.5)
    first, second = recorder.requests
    assert set(first.extensions["timeout"].values()) == {3.0}
    assert set(second.extensions["timeout"].values()) == {0.5}


@pytest.mark.anyio
async def test_extra_headers_are_sent() -> None:
    """Headers given to the client go on every request."""
    recorder = Recorder(204)
    async with make(recorder, headers={"X-Trace": "t-1"}) as client:
        await client.delete_customer_data("p1")
    assert recorder.only.headers["x-trace"] == "t-1"
    assert recorder.only.headers["accept"] == "application/json"


@pytest.mark.anyio
async def test_bad_validation_mode_is_refused() -> None:
    """A validation mode other than strict/warn/off is a ConfigurationError, on the client or per call."""
    recorder = Recorder(204)
    with pytest.raises(ConfigurationError, match="request_validation"):
        make(recorder, request_validation="lenient")
    async with make(recorder) as client:
        with pytest.raises(ConfigurationError, match="response_validation"):
            await client.delete_customer_data("p1", response_validation="loud")
    assert recorder.requests == []


@pytest.mark.anyio
async def test_context_manager_and_close_close_the_transport() -> None:
    """Leaving the ``async with`` block, or calling ``aclose()``, closes the transport."""
    transport = ClosingTransport(Recorder(204))
    async with AsyncClient(base_url="http://talon.test", api_key="k", transport=transport) as client:
        await client.delete_customer_data("p1")
        assert not transport.closed
    assert transport.closed
    other = ClosingTransport(Recorder(204))
    await AsyncClient(base_url="http://talon.test", api_key="k", transport=other).aclose()
    assert other.closed


# -- validation modes, per client and per call ------------------------------------------------

BAD_BODY = {"customerSession": {"cartItems": [{"name": "Tea", "sku": "T1", "quantity": 1, "price": "free"}]}}
BAD_STATE = {"effects": "none", "createdCoupons": [], "createdReferrals": []}


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("client_mode", "call_mode"), [("strict", None), ("off", "strict")], ids=["default", "per-call-over-client"]
)
async def test_strict_request_validation_refuses_before_sending(client_mode: str, call_mode: str | None) -> None:
    """An invalid body raises RequestValidationError and nothing is sent: strict is the default, and a per-call
    ``request_validation="strict"`` wins over a client set to off."""
    recorder = Recorder(200, STATE)
    async with make(recorder, request_validation=client_mode) as client:
        with pytest.raises(talon_dyn.RequestValidationError):
            await client.update_customer_session_v2("s1", BAD_BODY, request_validation=call_mode)
    assert recorder.requests == []


@pytest.mark.anyio
async def test_request_validation_warn_sends_and_warns() -> None:
    """In warn mode an invalid body is sent with a TalonValidationWarning."""
    recorder = Recorder(200, STATE)
    async with make(recorder, request_validation="warn") as client:
        with pytest.warns(TalonValidationWarning, match=r"\$\.customerSession\.cartItems\[0\]\.price"):
            assert await client.update_customer_session_v2("s1", BAD_BODY) == STATE
    assert json.loads(recorder.only.content) == BAD_BODY


@pytest.mark.anyio
async def test_request_validation_off_per_client_and_per_call() -> None:
    """``request_validation="off"`` sends an invalid body silently, whether set on the client or the call."""
    recorder = Recorder(200, STATE)
    async with make(recorder, request_validation="off") as client:
        await client.update_customer_session_v2("s1", BAD_BODY)
    async with make(recorder) as client:
        await client.update_customer_session_v2("s1", BAD_BODY, request_validation="off")
    assert [json.loads(request.content) for request in recorder.requests] == [BAD_BODY, BAD_BODY]


@pytest.mark.anyio
async def test_response_validation_modes() -> None:
    """An invalid response raises in strict mode, warns in warn mode and passes in off mode, per client or call."""
    recorder = Recorder(200, BAD_STATE)
    async with make(recorder, response_validation="strict") as client:
        with pytest.raises(talon_dyn.ResponseValidationError):
            await client.update_customer_session_v2("s1", SESSION_BODY)
        with pytest.warns(TalonValidationWarning, match=r"\$\.effects"):
            assert await client.update_customer_session_v2("s1", SESSION_BODY, response_validation="warn") == BAD_STATE
        assert await client.update_customer_session_v2("s1", SESSION_BODY, response_validation="off") == BAD_STATE
    async with make(recorder, response_validation="off") as client:
        assert await client.update_customer_session_v2("s1", SESSION_BODY) == BAD_STATE
    async with make(recorder, response_validation="warn") as client:
        with pytest.warns(TalonValidationWarning):
            assert await client.update_customer_session_v2("s1", SESSION_BODY) == BAD_STATE
    assert len(recorder.requests) == 5


# -- auth ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_api_key_header() -> None:
    """``api_key`` is sent as ``Authorization: ApiKey-v1 <key>``."""
    recorder = Recorder(200, STATE)
    async with make(recorder, api_key="secret-key") as client:
        await client.update_customer_session_v2("s1", SESSION_BODY)
    assert recorder.only.headers["authorization"] == "ApiKey-v1 secret-key"
    assert "content-signature" not in recorder.only.headers


def expected_signature(application_id: int, key: str, content: bytes) -> str:
    """The Content-Signature computed independently of talon_dyn."""
    digest = hmac.new(bytes.fromhex(key), content, hashlib.md5).hexdigest()
    return f"signer={application_id}; signature={digest}"


@pytest.mark.anyio
@pytest.mark.parametrize("call", ["session", "empty"])
async def test_content_signature_is_hmac_md5_of_the_bytes_sent(call: str) -> None:
    """With an application key, ``Content-Signature`` is the HMAC-MD5 of exactly the body bytes sent."""
    recorder = Recorder(200, STATE) if call == "session" else Recorder(204)
    async with make(recorder, application_id=42, application_key=APPLICATION_KEY) as client:
        if call == "session":
            await client.update_customer_session_v2("s1", {"customerSession": {"profileId": "Zoë ✓"}})
        else:
            await client.delete_customer_data("p1")
    request = recorder.only
    assert request.headers["content-signature"] == expected_signature(42, APPLICATION_KEY, request.content)
    assert "authorization" not in request.headers
    if call == "session":
        assert json.loads(request.content) == {"customerSession": {"profileId": "Zoë ✓"}}


@pytest.mark.anyio
async def test_missing_credentials_fail_before_sending() -> None:
    """An operation whose auth the client was not given raises MissingCredentials naming the schemes."""
    recorder = Recorder(204)
    async with AsyncClient(base_url="http://talon.test", transport=httpx.MockTransport(recorder)) as client:
        with pytest.raises(MissingCredentials) as caught:
            await client.delete_customer_data("p1")
    assert recorder.requests == []
    assert caught.value.operation == "deleteCustomerData"
    assert "api_key_v1" in str(caught.value)
    assert "integration_auth" in str(caught.value)
    assert isinstance(caught.value, ConfigurationError)


@pytest.mark.anyio
async def test_application_id_and_key_go_together() -> None:
    """Half of the HMAC credentials is a configuration error."""
    with pytest.raises(ConfigurationError, match="go together"):
        make(Recorder(), application_id=42)
    with pytest.raises(ConfigurationError, match="hex"):
        make(Recorder(), application_id=42, application_key="not-hex")


@pytest.mark.anyio
async def test_secrets_never_appear_in_repr_or_errors() -> None:
    """Neither the API key nor the application key shows in the client's repr or in its errors."""
    recorder = Recorder(401, {"message": "bad key"})
    async with make(recorder, api_key="secret-key") as client:
        with pytest.raises(talon_dyn.Unauthorized) as caught:
            await client.delete_customer_data("p1")
        assert "secret-key" not in repr(client)
    assert "secret-key" not in str(caught.value)
    async with make(recorder, application_id=42, application_key=APPLICATION_KEY) as client:
        assert APPLICATION_KEY not in repr(client)


# -- path encoding -----------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize(("value", "raw"), PERCENT_ENCODED)
async def test_path_values_are_percent_encoded(value: str, raw: str) -> None:
    """Path values are percent-encoded with nothing kept safe, so no value can change the route."""
    recorder = Recorder(200, RESERVED)
    async with make(recorder) as client:
        await client.get_reserved_coupons(value)
    assert_routed(
        recorder.only, "getReservedCoupons", {"integrationId": value}, f"/v1/coupon_reservations/coupons/{raw}"
    )


@pytest.mark.anyio
async def test_empty_path_value_is_refused() -> None:
    """An empty path value is refused before sending: it would change the route."""
    recorder = Recorder(200, RESERVED)
    async with make(recorder) as client:
        with pytest.raises(talon_dyn.RequestValidationError, match="must not be empty"):
            await client.get_reserved_coupons("")
    assert recorder.requests == []
