"""The sandbox's HTTP surface: auth, routing, parameters, error shapes, limits, spec-driven serving."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
from sandbox_helpers import assert_matches_spec, item, raw, v2

import talon_dyn
from talon_dyn.sandbox import Sandbox, SandboxConfig


def signature(body: bytes, key: str = "fefecafedeadbeef") -> str:
    return hmac.new(bytes.fromhex(key), body, hashlib.md5).hexdigest()


# -- authentication ------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [None, "ApiKey-v1 wrong", "Bearer sandbox-api-key", "ApiKey-v1"])
def test_missing_or_bad_api_key_is_401(sandbox: Sandbox, header: str | None) -> None:
    """No credentials, or a wrong key, is a 401 ErrorResponse."""
    headers = {} if header is None else {"Authorization": header}
    response = raw(sandbox, "GET", "/v1/coupon_reservations/customerprofiles/SUMMER10", headers=headers, auth=False)
    assert response.status_code == 401
    assert_matches_spec(sandbox, "getReservedCustomers", response)


@pytest.mark.parametrize("separator", ["; ", ";", " ; "])
def test_content_signature_accepted(sandbox: Sandbox, separator: str) -> None:
    """A correct HMAC-MD5 Content-Signature is accepted, with or without a space after ';'."""
    body = json.dumps({"attributes": {"a": 1}}).encode()
    header = f"signer=1{separator}signature={signature(body)}"
    response = raw(
        sandbox, "PUT", "/v1/customer_profiles/p1", content=body, headers={"Content-Signature": header}, auth=False
    )
    assert response.status_code == 200


def test_content_signature_over_empty_body(sandbox: Sandbox) -> None:
    """A GET is signed over the empty body."""
    raw(sandbox, "PUT", "/v1/customer_profiles/p1", json_body={})
    response = raw(
        sandbox,
        "GET",
        "/v1/customer_profiles/p1/inventory?profile=true",
        headers={"Content-Signature": f"signer=1; signature={signature(b'')}"},
        auth=False,
    )
    assert response.status_code == 200
    assert response.json()["profile"]["integrationId"] == "p1"


@pytest.mark.parametrize("header", ["signer=1; signature=00", "signer=2; signature={sig}", "garbage"])
def test_signature_mismatch_is_400(sandbox: Sandbox, header: str) -> None:
    """A wrong signature (or signer) is the service's 400 "HMAC signature mismatch." and changes nothing."""
    body = b'{"attributes":{}}'
    before = sandbox.store.snapshot()
    response = raw(
        sandbox,
        "PUT",
        "/v1/customer_profiles/p1",
        content=body,
        headers={"Content-Signature": header.format(sig=signature(body))},
        auth=False,
    )
    assert (response.status_code, response.json()) == (400, {"message": "HMAC signature mismatch."})
    assert sandbox.store.snapshot() == before


def test_either_credential_is_enough(sandbox: Sandbox) -> None:
    """A bad API key next to a valid signature is accepted (either scheme may authenticate)."""
    body = b"{}"
    response = raw(
        sandbox,
        "PUT",
        "/v1/customer_profiles/p1",
        content=body,
        auth=False,
        headers={"Authorization": "ApiKey-v1 nope", "Content-Signature": f"signer=1;signature={signature(body)}"},
    )
    assert response.status_code == 200


def test_client_signing_with_application_key(sandbox: Sandbox) -> None:
    """The real client's Content-Signature signing is accepted by the sandbox."""
    with sandbox.client(api_key=None, application_id=1, application_key="fefecafedeadbeef") as client:
        assert client.update_customer_profile("p1", {"attributes": {"x": 1}})["profile"]["attributes"] == {"x": 1}


def test_client_sees_unauthorized(sandbox: Sandbox) -> None:
    """The client raises Unauthorized for a wrong key, and no message contains the key."""
    with sandbox.client(api_key="not-the-key") as client, pytest.raises(talon_dyn.Unauthorized) as caught:
        client.get_reserved_coupons("p1")
    assert "not-the-key" not in str(caught.value)


def test_configured_credentials(sandbox: Sandbox) -> None:
    """API keys and application credentials are configurable and never shown in reprs."""
    config = SandboxConfig(api_keys=("k-one", "k-two"), application_id=9, application_key="0123456789abcdef")
    with Sandbox(config) as box:
        assert (
            raw(
                box, "PUT", "/v1/customer_profiles/p", json_body={}, headers={"Authorization": "ApiKey-v1 k-two"}
            ).status_code
            == 200
        )
        assert raw(box, "PUT", "/v1/customer_profiles/p", json_body={}).status_code == 401
        for text in (repr(box), repr(config)):
            assert "k-one" not in text
            assert "0123456789abcdef" not in text


# -- routing -------------------------------------------------------------------------------------------


def test_unknown_route_is_404(sandbox: Sandbox) -> None:
    """A path no operation serves is a 404 ErrorResponse."""
    response = raw(sandbox, "GET", "/v1/nothing/here")
    assert response.status_code == 404
    assert sandbox.spec.validator.is_valid("/components/schemas/ErrorResponse", response.json())


def test_wrong_method_is_405(sandbox: Sandbox) -> None:
    """A known path with another method is a 405 naming the allowed methods."""
    response = raw(sandbox, "GET", "/v1/coupon_reservations/SUMMER10")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, POST"
    assert "message" in response.json()


def test_path_values_are_percent_decoded(sandbox: Sandbox) -> None:
    """Path values are decoded from the spec's templates: 'a/b c' arrives whole."""
    with sandbox.client() as client:
        client.update_customer_session_v2("a/b c%", v2())
    assert sandbox.session("a/b c%") is not None


def test_query_booleans_are_coerced_and_checked(sandbox: Sandbox) -> None:
    """Query values are read by the spec's types; a non-boolean flag is a 400 naming the parameter."""
    raw(sandbox, "PUT", "/v1/customer_profiles/p1", json_body={})
    assert raw(sandbox, "GET", "/v1/customer_profiles/p1/inventory?profile=false").json() == {}
    response = raw(sandbox, "GET", "/v1/customer_profiles/p1/inventory?profile=maybe")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "profile"}
    assert_matches_spec(sandbox, "getCustomerInventory", response)


# -- bodies ----------------------------------------------------------------------------------------------


def test_invalid_body_names_the_bad_field(sandbox: Sandbox) -> None:
    """An invalid body is a 400 whose error points at the bad field, and nothing changes."""
    before = sandbox.store.snapshot()
    body = v2(cartItems=[item(), {**item(), "quantity": 0}])
    response = raw(sandbox, "PUT", "/v2/customer_sessions/s1", json_body=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"]["pointer"] == "/customerSession/cartItems/1/quantity"
    assert_matches_spec(sandbox, "updateCustomerSessionV2", response)
    assert sandbox.store.snapshot() == before


@pytest.mark.parametrize("content", [b"{", b"not json", b'{"customerSession": }', b"\xff\xfe"])
def test_malformed_json_is_400(sandbox: Sandbox, content: bytes) -> None:
    """Malformed JSON is a 400 ErrorResponse."""
    response = raw(sandbox, "PUT", "/v2/customer_sessions/s1", content=content)
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == "Malformed JSON"


@pytest.mark.parametrize("depth", [100, 100_000])
def test_absurdly_deep_json_is_400(sandbox: Sandbox, depth: int) -> None:
    """JSON nested absurdly deep is a 400, not a crash."""
    content = b'{"customerSession": {"attributes": {"x": ' + b"[" * depth + b"]" * depth + b"}}}"
    response = raw(sandbox, "PUT", "/v2/customer_sessions/s1", content=content)
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == "Too deep"


def test_missing_required_body_is_400(sandbox: Sandbox) -> None:
    """An operation whose body is required answers 400 to an empty body."""
    assert raw(sandbox, "POST", "/v1/referrals", content=b"").status_code == 400


def test_body_over_the_limit_is_413() -> None:
    """A body larger than max_body is a 413 and is not processed."""
    with Sandbox(max_body=100) as box:
        response = raw(box, "PUT", "/v2/customer_sessions/s1", json_body=v2(attributes={"x": "y" * 200}))
        assert response.status_code == 413
        assert box.session("s1") is None


def test_content_type_is_not_required(sandbox: Sandbox) -> None:
    """Like the service, the sandbox reads a body sent without any Content-Type as JSON."""
    response = raw(sandbox, "PUT", "/v1/customer_profiles/p1", content=b"{}")
    assert "content-type" not in response.request.headers
    assert response.status_code == 200


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"])
def test_a_body_declared_as_another_format_is_refused(sandbox: Sandbox, content_type: str) -> None:
    """A body whose Content-Type names a non-JSON format gets a 400 naming the header, and changes nothing."""
    response = raw(sandbox, "PUT", "/v1/customer_profiles/p1", content=b"{}", headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "Content-Type"}
    assert_matches_spec(sandbox, "updateCustomerProfile", response)
    assert sandbox.profile("p1") is None


def test_an_amount_too_large_to_represent_is_refused_and_changes_nothing(sandbox: Sandbox) -> None:
    """A cart whose total overflows to infinity gets a 400, never Infinity in the JSON, and nothing is stored."""
    cart = [{"name": "Yacht", "sku": "Y", "quantity": 2, "price": 1e308}]
    body = {"customerSession": {"profileId": "rich", "cartItems": cart}}
    response = raw(sandbox, "PUT", "/v2/customer_sessions/big", json_body=body)
    assert response.status_code == 400
    assert b"Infinity" not in response.content
    assert_matches_spec(sandbox, "updateCustomerSessionV2", response)
    assert sandbox.session("big") is None
    assert sandbox.profile("rich") is None


def test_empty_integration_id_is_400(sandbox: Sandbox) -> None:
    """An empty integration ID in a reservation is a 400 pointing at it."""
    response = raw(sandbox, "POST", "/v1/coupon_reservations/SUMMER10", json_body={"integrationIDs": ["a", ""]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"pointer": "/integrationIDs/1"}
    assert sandbox.reservations("SUMMER10") == []


# -- serving what the spec says ------------------------------------------------------------------------------


def _spec_with(change: Any) -> talon_dyn.Spec:
    document = copy.deepcopy(talon_dyn.load().document)
    change(document)
    return talon_dyn.Spec(document)


def test_operation_without_handler_is_synthesized() -> None:
    """An operation added to the spec is served with a body built from its response schema."""

    def add(document: dict[str, Any]) -> None:
        document["paths"]["/v1/loyalty_programs/{programId}"] = {
            "get": {
                "operationId": "getLoyaltyProgramSketch",
                "parameters": [{"name": "programId", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Campaign"}}},
                    }
                },
                "security": [{"api_key_v1": []}],
            }
        }

    spec = _spec_with(add)
    with Sandbox(spec=spec) as box:
        response = raw(box, "GET", "/v1/loyalty_programs/3")
        assert response.status_code == 200
        assert_matches_spec(box, "getLoyaltyProgramSketch", response)
        assert raw(box, "GET", "/v1/loyalty_programs/three").status_code == 400
        with box.client() as client:
            assert "id" in client.get_loyalty_program_sketch(3)


def test_dry_runs_when_the_spec_declares_dry() -> None:
    """With a spec that declares ?dry (v2.1.0), a dry request returns the full answer and stores nothing."""

    def add(document: dict[str, Any]) -> None:
        operation = document["paths"]["/v2/customer_sessions/{customerSessionId}"]["put"]
        operation["parameters"].append({"name": "dry", "in": "query", "schema": {"type": "boolean"}})

    with Sandbox(spec=_spec_with(add)) as box:
        before = box.store.snapshot()
        response = raw(
            box,
            "PUT",
            "/v2/customer_sessions/s1?dry=true",
            json_body=v2(couponCodes=["SUMMER10"], cartItems=[item(price=50)], state="closed"),
        )
        assert response.status_code == 200
        assert [e["effectType"] for e in response.json()["effects"]][:2] == ["acceptCoupon", "setDiscount"]
        assert box.store.snapshot() == before


def test_httpx_mock_transport_directly(sandbox: Sandbox) -> None:
    """Sandbox.handle is a plain httpx handler."""
    with httpx.Client(transport=httpx.MockTransport(sandbox.handle), base_url="http://x") as http:
        response = http.put("/v1/customer_profiles/p1", json={}, headers={"Authorization": "ApiKey-v1 sandbox-api-key"})
    assert response.status_code == 200
    assert_matches_spec(sandbox, "updateCustomerProfile", response)
