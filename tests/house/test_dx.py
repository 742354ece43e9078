"""What a new user meets: reserved names that cannot drift, per-call headers, ``talon-dyn call``, the CLI's
entry points and its errors on unusable input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import talon_dyn
from talon_dyn._client.client import client_attribute_names
from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox, Server

FIXTURES = Path(__file__).parents[1] / "fixtures" / "colliding"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_every_public_attribute_of_a_client_is_reserved() -> None:
    """Whatever a client instance or class exposes is in the reserved set, so no operation can hide it."""
    for client in (
        talon_dyn.Client(base_url="http://x.test", api_key="k"),
        talon_dyn.AsyncClient(base_url="http://x.test", api_key="k"),
    ):
        exposed = {name for name in [*vars(client), *dir(type(client))] if not name.startswith("_")}
        assert exposed <= client_attribute_names(), exposed - client_attribute_names()


def test_operations_named_like_client_attributes_stay_reachable() -> None:
    """operationIds timeout, baseUrl, close and withResponse bind under suffixed names; the attributes keep
    their meaning."""
    seen: list[str] = []
    transport = httpx.MockTransport(lambda request: seen.append(request.url.path) or httpx.Response(204))
    spec = talon_dyn.load(FIXTURES / "colliding_names.yaml")
    client = talon_dyn.Client(spec=spec, base_url="http://x.test", transport=transport)
    assert [op.python_name for op in spec] == ["timeout_", "base_url_", "close_", "with_response_"]
    assert isinstance(client.timeout, httpx.Timeout)
    assert client.base_url == "http://x.test/"
    client.timeout_()
    client.base_url_()
    client.close_()
    client.with_response_()
    assert client.with_response.timeout_().status_code == 204
    assert seen == ["/timeout", "/base-url", "/close", "/with-response", "/timeout"]
    client.close()


def test_per_call_headers_are_sent_and_follow_the_same_rules() -> None:
    """``headers=`` on one call adds (or replaces by name) headers for that call only; reserved ones are refused."""
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(204))
    client = talon_dyn.Client(base_url="http://x.test", api_key="k", transport=transport, headers={"X-Shop": "a"})
    client.delete_customer_data("p1", headers={"x-shop": "b", "X-Trace": "t-1", "User-Agent": "ops/1"})
    client.delete_customer_data("p1")
    first, second = seen
    assert first.headers.get_list("x-shop") == ["b"]
    assert first.headers["x-trace"] == "t-1"
    assert first.headers["user-agent"] == f"ops/1 talon_dyn/{talon_dyn.__version__}"
    assert second.headers["x-shop"] == "a"
    assert "x-trace" not in second.headers
    with pytest.raises(talon_dyn.ConfigurationError, match=r"delete_customer_data\(headers=...\).*'Authorization'"):
        client.delete_customer_data("p1", headers={"Authorization": "ApiKey-v1 other"})
    assert len(seen) == 2


def test_help_names_models_as_the_docs_do() -> None:
    """help() of a method says InlineResponse2001, the name the reference docs and the stubs use."""
    client = talon_dyn.Client(base_url="http://x.test", api_key="k")
    assert "InlineResponse2001" in (client.get_reserved_coupons.__doc__ or "")
    assert "inline_response_200_1" not in (client.get_reserved_coupons.__doc__ or "")


def test_version() -> None:
    """``talon-dyn --version`` prints the package version."""
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"talon-dyn (talon_dyn) {talon_dyn.__version__}"


@pytest.mark.parametrize("module", ["talon_dyn", "talon_dyn.cli"])
def test_python_dash_m_runs_the_cli(module: str) -> None:
    """``python -m talon_dyn --help`` and ``python -m talon_dyn.cli --help`` print the CLI's help."""
    result = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "call" in result.stdout
    assert "smoke" in result.stdout


def test_ops_on_a_spec_without_operations_is_an_error() -> None:
    """An empty operation list is exit 2 with a message, not silence."""
    code, out, err = run("ops", "--spec", str(FIXTURES / "empty.yaml"))
    assert (code, out) == (2, "")
    assert "has no operations" in err


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with Sandbox(seed=3) as sandbox:
        server = Server(sandbox)
        url = server.start()
        try:
            yield url
        finally:
            server.stop()


def test_call_prints_the_json_answer(sandbox_url: str) -> None:
    """``talon-dyn call`` validates, signs and sends one operation, printing its JSON answer."""
    body = json.dumps({"attributes": {"tier": "gold"}})
    code, out, err = run(
        "call",
        "update_customer_profile",
        "ada",
        "--body",
        body,
        "--base-url",
        sandbox_url,
        "--api-key",
        "sandbox-api-key",
    )
    assert code == 0, err
    assert json.loads(out)["profile"]["attributes"] == {"tier": "gold"}
    code, out, err = run("call", "getReservedCoupons", "ada", "--base-url", sandbox_url, "--api-key", "sandbox-api-key")
    assert code == 0, err
    assert json.loads(out)["totalResultSize"] == 0


def test_call_reads_the_environment_and_body_files(
    sandbox_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TALON_BASE_URL and TALON_API_KEY configure ``call`` as they do the client; ``--body @file`` reads a file."""
    monkeypatch.setenv("TALON_BASE_URL", sandbox_url)
    monkeypatch.setenv("TALON_API_KEY", "sandbox-api-key")
    body = tmp_path / "event.json"
    body.write_text(json.dumps({"profileId": "ada", "type": "viewed", "sessionId": "s1", "attributes": {}}))
    code, out, err = run("call", "track_event", "--body", f"@{body}")
    assert code == 0, err
    assert json.loads(out)["event"]["type"] == "viewed"


def test_call_exit_codes_by_outcome(sandbox_url: str) -> None:
    """1 when the API answers an error (a refused key included); 2 for input refused before anything is sent."""
    target = ["--base-url", sandbox_url, "--api-key", "sandbox-api-key"]
    code, _, err = run("call", "get_reserved_coupons", "nobody", "--base-url", sandbox_url, "--api-key", "wrong")
    assert code == 1
    assert "HTTP 401" in err
    code, _, err = run("call", "update_customer_profile", "ada", "--body", '{"attributes": 3}', *target)
    assert code == 2
    assert "$.attributes" in err  # refused before sending, naming the JSON path
    code, _, err = run("call", "update_customer_profile", "ada", "--body", '{"attributes": ', *target)
    assert code == 2
    assert "not valid JSON" in err
    assert "line 1" in err
    code, _, err = run("call", "get_reserved_coupon", "ada", *target)
    assert code == 2
    assert "did you mean get_reserved_coupons" in err
    code, _, err = run("call", "get_reserved_coupons", *target)
    assert code == 2
    assert "takes 1 path value(s) (integrationId); 0 given" in err
    code, _, err = run("call", "get_reserved_coupons", "ada", "--query", "cupon=1", *target)
    assert code == 2
    assert "no such query parameter" in err


def test_call_help_of_one_operation_comes_from_the_spec() -> None:
    """``talon-dyn call OPERATION --help`` prints that operation's usage, description and arguments."""
    code, out, _ = run("call", "update_customer_session_v2", "--help")
    assert code == 0
    assert out.startswith("usage: talon-dyn call update_customer_session_v2 CUSTOMERSESSIONID")
    assert "PUT /v2/customer_sessions/{customerSessionId}" in out
    assert "body (IntegrationRequest, required)" in out
