"""Every content type a spec declares is handled by the client, the sandbox and smoke: JSON and its ``+json`` and
``charset`` variants, ``multipart/form-data`` (files and fields), ``application/x-www-form-urlencoded``,
``text/csv``, ``application/octet-stream``, and answers that are not JSON (fixture: content_types.yaml)."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest

import talon_dyn
from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox

SPEC = Path(__file__).resolve().parents[1] / "fixtures" / "content_types.yaml"


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox(spec=SPEC)


def test_the_client_sends_and_the_sandbox_reads_every_content_type(sandbox: Sandbox) -> None:
    seen: list[tuple[str, bytes]] = []

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append((request.headers.get("content-type", ""), request.read()))
        return sandbox.handle(request)

    with talon_dyn.Client(
        spec=SPEC, base_url="http://s", api_key="sandbox-api-key", transport=httpx.MockTransport(recording)
    ) as client:
        assert client.import_points({"upFile": b"id,value\n1,10\n", "note": "march"}) == {"ok": True, "count": 0}
        assert client.post_form({"a": "x", "b": 3}) == {"ok": True, "count": 0}
        assert client.post_csv("id,value\n1,10\n") is None
        assert client.post_blob(b"\x00\x01\xff") == {"ok": True, "count": 0}
        assert client.get_report() == ""
    kinds = [kind.split(";")[0] for kind, _ in seen]
    assert kinds == [
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "text/csv",
        "application/octet-stream",
        "",
    ]
    assert b'name="upFile"' in seen[0][1]
    assert b"id,value\n1,10\n" in seen[0][1]
    assert seen[1][1] == b"a=x&b=3"


def test_the_sandbox_refuses_a_form_field_of_the_wrong_type_with_its_pointer(sandbox: Sandbox) -> None:
    with httpx.Client(transport=sandbox.transport(), base_url="http://s") as http:
        headers = {"Authorization": "ApiKey-v1 sandbox-api-key", "Content-Type": "application/x-www-form-urlencoded"}
        wrong = http.post("/v1/form", content=b"a=x&b=many", headers=headers)
        missing = http.post("/v1/form", content=b"b=3", headers=headers)
    assert wrong.status_code == 400
    assert "'many' is not a valid integer" in wrong.text
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["source"] == {"pointer": ""}
    assert "'a' is a required property" in missing.text


def test_smoke_exercises_every_content_type_and_says_what_it_does_not_probe() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["smoke", "--spec", str(SPEC), "--seed", "7"], out=out, err=err)
    report = out.getvalue()
    assert code == 0, report[-3000:] + err.getvalue()
    for operation in ("importPoints", "postForm", "postCsv", "postBlob", "getReport", "putSession"):
        assert operation in report
    assert "skipped: bodies that are not JSON are sent as generated" in report
    assert "Traceback" not in report + err.getvalue()


def test_a_multipart_body_of_text_fields_alone_is_still_multipart(sandbox: Sandbox) -> None:
    """A multipart operation called with text only (a CSV as a string, no bytes) is sent as multipart/form-data,
    one part per field, and the sandbox reads it: sent URL-encoded, it was a 400 "a multipart body needs a
    boundary" (smoke found it on Talon's 2026 document's importLoyaltyPoints)."""
    seen: list[tuple[str, bytes]] = []

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append((request.headers.get("content-type", ""), request.read()))
        return sandbox.handle(request)

    transport = httpx.MockTransport(recording)
    with talon_dyn.Client(spec=SPEC, base_url="http://s", api_key="sandbox-api-key", transport=transport) as client:
        assert client.import_points({"upFile": "id,value\n1,10\n", "note": True}) == {"ok": True, "count": 0}
    kind, content = seen[0]
    assert kind.startswith("multipart/form-data; boundary=")
    assert b'name="upFile"\r\n\r\nid,value\n1,10\n' in content
    assert b'name="note"\r\n\r\ntrue\r\n' in content
