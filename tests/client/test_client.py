"""Both clients over ``httpx.MockTransport``: results, configuration, auth and path encoding.

Each test runs once per flavour (``Client`` and ``AsyncClient``) from one body (``flavours.py``): what the sync
client does, the async one does too.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest
from flavours import Flavour
from payloads import COUPON, PERCENT_ENCODED, RESERVED, SESSION_BODY, STATE
from recording import Recorder, assert_routed

import talon_dyn
from talon_dyn import ApiResponse, ConfigurationError, MissingCredentials, TalonValidationWarning

APPLICATION_KEY = "fefecafedeadbeef"


class ClosingTransport(httpx.MockTransport):
    """A MockTransport that remembers being closed, by either flavour."""

    closed = False

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


# -- results -------------------------------------------------------------------------------


def test_returns_decoded_json_of_a_success(flavour: Flavour) -> None:
    """A 2xx JSON response comes back as plain decoded data."""
    recorder = Recorder(200, RESERVED)
    with flavour.make(recorder) as client:
        assert client.get_reserved_coupons("p1") == RESERVED
    assert recorder.only.method == "GET"
    assert recorder.only.url == "http://talon.test/v1/coupon_reservations/coupons/p1"


def test_201_body_is_returned(flavour: Flavour) -> None:
    """A documented 201 is a success whose body is returned."""
    recorder = Recorder(201, COUPON)
    with flavour.make(recorder) as client:
        assert client.create_coupon_reservation("SUMMER-10", {"integrationIDs": ["p1"]}) == COUPON
    assert json.loads(recorder.only.content) == {"integrationIDs": ["p1"]}
    assert recorder.only.headers["content-type"] == "application/json"


def test_204_returns_none(flavour: Flavour) -> None:
    """An operation documented as 204 No Content returns None."""
    recorder = Recorder(204)
    with flavour.make(recorder) as client:
        assert client.delete_customer_data("p1") is None
    assert recorder.only.method == "DELETE"


def test_with_response_gives_status_and_headers(flavour: Flavour) -> None:
    """``client.with_response.<op>`` returns the data with the status code and response headers."""
    recorder = Recorder(200, RESERVED, headers={"X-Request-Id": "r-1"})
    with flavour.make(recorder) as client:
        result = client.with_response.get_reserved_coupons("p1")
    assert isinstance(result, ApiResponse)
    assert result.data == RESERVED
    assert result.status_code == 200
    assert result.headers["x-request-id"] == "r-1"
    assert result.http_response.request.url.path == "/v1/coupon_reservations/coupons/p1"


def test_query_parameters_are_sent(flavour: Flavour) -> None:
    """Keyword query parameters go into the query string; booleans as true/false."""
    recorder = Recorder(200, {})
    with flavour.make(recorder) as client:
        client.get_customer_inventory("p1", profile=True, referrals=False)
    assert recorder.only.url.params == httpx.QueryParams({"profile": "true", "referrals": "false"})


# -- configuration ------------------------------------------------------------------------


def test_base_url_with_a_path_prefix(flavour: Flavour) -> None:
    """Requests go to the configured base URL, keeping its path prefix."""
    recorder = Recorder(204)
    with flavour.make(recorder, base_url="https://eu.talon.test/api") as client:
        client.delete_customer_data("p1")
    assert str(recorder.only.url) == "https://eu.talon.test/api/v1/customer_data/p1"


def test_base_url_is_required_and_never_the_spec_placeholder(flavour: Flavour) -> None:
    """Without ``base_url`` or TALON_BASE_URL the client refuses to guess (the spec's server is a placeholder)."""
    with pytest.raises(talon_dyn.ConfigurationError, match="TALON_BASE_URL"):
        flavour.cls(api_key="k")


def test_configuration_comes_from_the_environment_and_arguments_win(
    flavour: Flavour, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TALON_BASE_URL, TALON_API_KEY, TALON_APPLICATION_ID and TALON_APPLICATION_KEY fill what is not given."""
    monkeypatch.setenv("TALON_BASE_URL", "https://env.talon.test")
    monkeypatch.setenv("TALON_API_KEY", "env-key")
    monkeypatch.setenv("TALON_APPLICATION_ID", "7")
    monkeypatch.setenv("TALON_APPLICATION_KEY", "5ec7e7ab1ec0ffee")
    recorder = Recorder(204)
    with flavour.client(transport=httpx.MockTransport(recorder), retry=talon_dyn.Retry.never()) as client:
        assert client.base_url == "https://env.talon.test/"
        client.delete_customer_data("p1")
    assert recorder.only.headers["authorization"] == "ApiKey-v1 env-key"
    with flavour.client(
        base_url="https://arg.talon.test", api_key="arg-key", transport=httpx.MockTransport(recorder)
    ) as c:
        assert c.base_url == "https://arg.talon.test/"
        c.delete_customer_data("p1")
    assert recorder.requests[-1].headers["authorization"] == "ApiKey-v1 arg-key"


def test_default_timeout_is_finite_and_none_is_refused(flavour: Flavour) -> None:
    """A timeout is always on: the default is finite and ``timeout=None`` is refused."""
    recorder = Recorder(204)
    with flavour.make(recorder) as client:
        client.delete_customer_data("p1")
    assert all(isinstance(value, float) for value in recorder.only.extensions["timeout"].values())
    with pytest.raises(ConfigurationError, match="timeout"):
        flavour.make(recorder, timeout=None)
    with pytest.raises(ConfigurationError, match="never infinite"):
        flavour.make(recorder, timeout=httpx.Timeout(5.0, read=None))


def test_timeout_per_client_and_per_call(flavour: Flavour) -> None:
    """``timeout=`` on the client applies to every call, and a per-call ``timeout=`` overrides it."""
    recorder = Recorder(204)
    with flavour.make(recorder, timeout=3.0) as client:
        client.delete_customer_data("p1")
        client.delete_customer_data("p1", timeout=0.5)
    first, second = recorder.requests
    assert set(first.extensions["timeout"].values()) == {3.0}
    assert set(second.extensions["timeout"].values()) == {0.5}


def test_extra_headers_are_sent(flavour: Flavour) -> None:
    """Headers given to the client go on every request."""
    recorder = Recorder(204)
    with flavour.make(recorder, headers={"X-Trace": "t-1"}) as client:
        client.delete_customer_data("p1")
    assert recorder.only.headers["x-trace"] == "t-1"
    assert recorder.only.headers["accept"] == "application/json"


def test_bad_validation_mode_is_refused(flavour: Flavour) -> None:
    """A validation mode other than strict/warn/off is a ConfigurationError, on the client or per call."""
    recorder = Recorder(204)
    with pytest.raises(ConfigurationError, match="request_validation"):
        flavour.make(recorder, request_validation="lenient")
    with flavour.make(recorder) as client, pytest.raises(ConfigurationError, match="response_validation"):
        client.delete_customer_data("p1", response_validation="loud")
    assert recorder.requests == []


def test_context_manager_and_close_close_the_transport(flavour: Flavour) -> None:
    """Leaving the ``with`` block, or calling ``close()``, closes the transport."""
    transport = ClosingTransport(Recorder(204))
    with flavour.client(base_url="http://talon.test", api_key="k", transport=transport) as client:
        client.delete_customer_data("p1")
        assert not transport.closed
    assert transport.closed
    other = ClosingTransport(Recorder(204))
    flavour.client(base_url="http://talon.test", api_key="k", transport=other).close()
    assert other.closed


# -- validation modes, per client and per call ------------------------------------------------

BAD_BODY = {"customerSession": {"cartItems": [{"name": "Tea", "sku": "T1", "quantity": 1, "price": "free"}]}}
BAD_STATE = {"effects": "none", "createdCoupons": [], "createdReferrals": []}


@pytest.mark.parametrize(
    ("client_mode", "call_mode"), [("strict", None), ("off", "strict")], ids=["default", "per-call-over-client"]
)
def test_strict_request_validation_refuses_before_sending(
    flavour: Flavour, client_mode: str, call_mode: str | None
) -> None:
    """An invalid body raises RequestValidationError and nothing is sent: strict is the default, and a per-call
    ``request_validation="strict"`` wins over a client set to off."""
    recorder = Recorder(200, STATE)
    with (
        flavour.make(recorder, request_validation=client_mode) as client,
        pytest.raises(talon_dyn.RequestValidationError),
    ):
        client.update_customer_session_v2("s1", BAD_BODY, request_validation=call_mode)
    assert recorder.requests == []


def test_request_validation_warn_sends_and_warns(flavour: Flavour) -> None:
    """In warn mode an invalid body is sent with a TalonValidationWarning."""
    recorder = Recorder(200, STATE)
    with (
        flavour.make(recorder, request_validation="warn") as client,
        pytest.warns(TalonValidationWarning, match=r"\$\.customerSession\.cartItems\[0\]\.price"),
    ):
        assert client.update_customer_session_v2("s1", BAD_BODY) == STATE
    assert json.loads(recorder.only.content) == BAD_BODY


def test_request_validation_off_per_client_and_per_call(flavour: Flavour) -> None:
    """``request_validation="off"`` sends an invalid body silently, whether set on the client or the call."""
    recorder = Recorder(200, STATE)
    with flavour.make(recorder, request_validation="off") as client:
        client.update_customer_session_v2("s1", BAD_BODY)
    with flavour.make(recorder) as client:
        client.update_customer_session_v2("s1", BAD_BODY, request_validation="off")
    assert [json.loads(request.content) for request in recorder.requests] == [BAD_BODY, BAD_BODY]


def test_response_validation_modes(flavour: Flavour) -> None:
    """An invalid response raises in strict mode, warns in warn mode and passes in off mode, per client or call."""
    recorder = Recorder(200, BAD_STATE)
    with flavour.make(recorder, response_validation="strict") as client:
        with pytest.raises(talon_dyn.ResponseValidationError):
            client.update_customer_session_v2("s1", SESSION_BODY)
        with pytest.warns(TalonValidationWarning, match=r"\$\.effects"):
            assert client.update_customer_session_v2("s1", SESSION_BODY, response_validation="warn") == BAD_STATE
        assert client.update_customer_session_v2("s1", SESSION_BODY, response_validation="off") == BAD_STATE
    with flavour.make(recorder, response_validation="off") as client:
        assert client.update_customer_session_v2("s1", SESSION_BODY) == BAD_STATE
    with flavour.make(recorder, response_validation="warn") as client, pytest.warns(TalonValidationWarning):
        assert client.update_customer_session_v2("s1", SESSION_BODY) == BAD_STATE
    assert len(recorder.requests) == 5


# -- auth ----------------------------------------------------------------------------------


def test_api_key_header(flavour: Flavour) -> None:
    """``api_key`` is sent as ``Authorization: ApiKey-v1 <key>``."""
    recorder = Recorder(200, STATE)
    with flavour.make(recorder, api_key="secret-key") as client:
        client.update_customer_session_v2("s1", SESSION_BODY)
    assert recorder.only.headers["authorization"] == "ApiKey-v1 secret-key"
    assert "content-signature" not in recorder.only.headers


def expected_signature(application_id: int, key: str, content: bytes) -> str:
    """The Content-Signature computed independently of talon_dyn."""
    digest = hmac.new(bytes.fromhex(key), content, hashlib.md5).hexdigest()
    return f"signer={application_id}; signature={digest}"


@pytest.mark.parametrize("call", ["session", "empty"])
def test_content_signature_is_hmac_md5_of_the_bytes_sent(flavour: Flavour, call: str) -> None:
    """With an application key, ``Content-Signature`` is the HMAC-MD5 of exactly the body bytes sent."""
    recorder = Recorder(200, STATE) if call == "session" else Recorder(204)
    with flavour.make(recorder, application_id=42, application_key=APPLICATION_KEY) as client:
        if call == "session":
            client.update_customer_session_v2("s1", {"customerSession": {"profileId": "Zoë ✓"}})
        else:
            client.delete_customer_data("p1")
    request = recorder.only
    assert request.headers["content-signature"] == expected_signature(42, APPLICATION_KEY, request.content)
    assert "authorization" not in request.headers
    if call == "session":
        assert json.loads(request.content) == {"customerSession": {"profileId": "Zoë ✓"}}


def test_missing_credentials_fail_before_sending(flavour: Flavour) -> None:
    """An operation whose auth the client was not given raises MissingCredentials naming the schemes."""
    recorder = Recorder(204)
    with (
        flavour.client(base_url="http://talon.test", transport=httpx.MockTransport(recorder)) as client,
        pytest.raises(MissingCredentials) as caught,
    ):
        client.delete_customer_data("p1")
    assert recorder.requests == []
    assert caught.value.operation == "deleteCustomerData"
    assert "api_key_v1" in str(caught.value)
    assert "integration_auth" in str(caught.value)
    assert isinstance(caught.value, ConfigurationError)


def test_application_id_and_key_go_together(flavour: Flavour) -> None:
    """Half of the HMAC credentials is a configuration error."""
    with pytest.raises(ConfigurationError, match="go together"):
        flavour.make(Recorder(), application_id=42)
    with pytest.raises(ConfigurationError, match="hex"):
        flavour.make(Recorder(), application_id=42, application_key="not-hex")


def test_secrets_never_appear_in_repr_or_errors(flavour: Flavour) -> None:
    """Neither the API key nor the application key shows in the client's repr or in its errors."""
    recorder = Recorder(401, {"message": "bad key"})
    with flavour.make(recorder, api_key="secret-key") as client:
        with pytest.raises(talon_dyn.Unauthorized) as caught:
            client.delete_customer_data("p1")
        assert "secret-key" not in repr(client)
    assert "secret-key" not in str(caught.value)
    with flavour.make(recorder, application_id=42, application_key=APPLICATION_KEY) as client:
        assert APPLICATION_KEY not in repr(client)


# -- path encoding -----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "raw"), PERCENT_ENCODED)
def test_path_values_are_percent_encoded(flavour: Flavour, value: str, raw: str) -> None:
    """Path values are percent-encoded with nothing kept safe, so no value can change the route."""
    recorder = Recorder(200, RESERVED)
    with flavour.make(recorder) as client:
        client.get_reserved_coupons(value)
    assert_routed(
        recorder.only, "getReservedCoupons", {"integrationId": value}, f"/v1/coupon_reservations/coupons/{raw}"
    )


def test_empty_path_value_is_refused(flavour: Flavour) -> None:
    """An empty path value is refused before sending: it would change the route."""
    recorder = Recorder(200, RESERVED)
    with flavour.make(recorder) as client, pytest.raises(talon_dyn.RequestValidationError, match="must not be empty"):
        client.get_reserved_coupons("")
    assert recorder.requests == []


def test_each_flavour_drives_its_own_client(flavour: Flavour) -> None:
    """The async flavour really runs coroutines (an AsyncClient's operations), the sync one plain calls."""
    import inspect

    with flavour.make(Recorder(204)) as client:
        operation = client._target.delete_customer_data
        assert inspect.iscoroutinefunction(operation) is (flavour.name == "async")
        assert client.delete_customer_data("p1") is None
