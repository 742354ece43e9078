"""The sandbox over real TCP: the embedded uvicorn server and the ``talon-dyn sandbox`` command."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import effect_types, item, v2

import talon_dyn
from talon_dyn.cli.sandbox import main
from talon_dyn.sandbox import Sandbox, Server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server() -> Iterator[Server]:
    with Sandbox(seed=5, max_body=4096, check_responses=True) as sandbox, Server(sandbox) as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[Any]:
    with talon_dyn.Client(base_url=server.url, api_key="sandbox-api-key") as c:
        yield c


def test_server_binds_a_free_port(server: Server) -> None:
    """Port 0 picks a free port; the URL names it."""
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}"


def test_coupon_flow_over_tcp(client: Any, server: Server) -> None:
    """A session with a coupon, closed, over a real socket."""
    state = client.update_customer_session_v2("s1", v2(couponCodes=["SUMMER10"], cartItems=[item(price=50)]))
    assert effect_types(state["effects"]) == ["acceptCoupon", "setDiscount"]
    client.update_customer_session_v2("s1", v2(None, state="closed"))
    assert server.sandbox.coupon("SUMMER10")["usageCounter"] == 1  # type: ignore[index]


def test_reservations_and_inventory_over_tcp(client: Any) -> None:
    """Reservations, a referral and the inventory, over a real socket."""
    client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["ada"]})
    assert [c["value"] for c in client.get_reserved_coupons("ada")["data"]] == ["SUMMER10"]
    code = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})["code"]
    assert [r["code"] for r in client.get_customer_inventory("ada", referrals=True)["referrals"]] == [code]


def test_errors_over_tcp(client: Any, server: Server) -> None:
    """401, 404, 405 and 413 come back over TCP with their ErrorResponse bodies."""
    with pytest.raises(talon_dyn.NotFound):
        client.get_customer_inventory("nobody")
    with httpx.Client(base_url=server.url) as http:
        assert http.get("/v1/coupon_reservations/coupons/x").status_code == 401
        assert http.get("/nowhere").status_code == 404
        assert http.get("/v1/referrals").status_code == 405
        big = http.put(
            "/v1/customer_profiles/p", content=b"x" * 10_000, headers={"Authorization": "ApiKey-v1 sandbox-api-key"}
        )
        assert big.status_code == 413
        assert "limit" in big.json()["message"]


def _client(url: str) -> Any:
    """A client typed as Any: the tests pass plain dicts for the spec's TypedDicts."""
    return talon_dyn.Client(base_url=url, api_key="sandbox-api-key")


def _start_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "talon_dyn.cli.sandbox", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        process.kill()
        _, errors = process.communicate(timeout=20)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        pytest.fail(f"the sandbox command did not start: {errors}")
    return process, url


def _stop_cli(process: subprocess.Popen[str]) -> int:
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=20)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return code


def test_cli_state_survives_a_restart_with_db(tmp_path: Path) -> None:
    """`talon-dyn sandbox --db PATH` (run as a module) prints its URL, and state is still there after a restart."""
    db = str(tmp_path / "state.db")
    process, url = _start_cli("--db", db, "--seed", "1")
    try:
        with _client(url) as client:
            client.update_customer_profile("ada", {"attributes": {"name": "Ada"}})
            client.update_customer_session_v2("s1", v2("ada", couponCodes=["SUMMER10"], cartItems=[item(price=50)]))
            client.update_customer_session_v2("s1", v2(None, state="closed"))
            client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["ada"]})
            first = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})["code"]
    finally:
        assert _stop_cli(process) == 0
    process, url = _start_cli("--db", db, "--seed", "1")
    try:
        with _client(url) as client:
            inventory = client.get_customer_inventory("ada", profile=True, referrals=True)
            assert inventory["profile"]["attributes"] == {"name": "Ada"}
            assert inventory["profile"]["closedSessions"] == 1
            assert [c["value"] for c in client.get_reserved_coupons("ada")["data"]] == ["SUMMER10"]
            assert client.get_reserved_coupons("ada")["data"][0]["usageCounter"] == 1
            second = client.create_referral({"campaignId": 3, "advocateProfileIntegrationId": "ada"})["code"]
            assert second != first
            with pytest.raises(talon_dyn.BadRequest):
                client.update_customer_session_v2("s1", v2(None, state="open"))
    finally:
        assert _stop_cli(process) == 0


def test_cli_refuses_a_bad_campaigns_file(tmp_path: Path) -> None:
    """A broken campaigns file is exit code 2 with a message naming the file and the JSON pointer."""
    bad = tmp_path / "campaigns.yaml"
    bad.write_text("campaigns:\n  - id: 1\n    name: x\n    rules: [{title: t, effects: [{explode: {}}]}]\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--campaigns", str(bad)], out=out, err=err) == 2
    assert str(bad) in err.getvalue()
    assert "/campaigns/0/rules/0/effects/0" in err.getvalue()
    assert out.getvalue() == ""
