"""The sandbox serves any spec: Talon's whole current document (220 operations), driven with generated valid
requests, never answers 5xx, and every answer (success or error) validates against the documented schema.

The requests come from smoke's generator (hypothesis, seeded), one batch per operation, so an operation added to
the document is driven without touching this file. The answers are read raw (``client.send``) and validated
here, so an undocumented status or a body the schema refuses is named with its operation.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import plant_sentinels
from yaml_files import read_yaml, write_yaml

import talon_dyn
from talon_dyn.sandbox import Sandbox

CURRENT = Path(__file__).parents[1] / "fixtures" / "talon-openapi-2026.yaml"
PER_OPERATION = 3
"""Generated requests per operation (220 operations: 660 requests)."""

pytest.importorskip("hypothesis")  # smoke's generator; the dev install has it (make test never skips this)


def _drive(spec: talon_dyn.Spec, seed: int) -> dict[str, Any]:
    from talon_dyn.smoke._generate import arguments, draw

    seen: dict[str, Any] = {"operations": 0, "requests": 0, "server_errors": [], "invalid": [], "statuses": {}}
    with (
        Sandbox(spec=spec, seed=seed, check_responses=True) as sandbox,
        sandbox.client(request_validation="off") as client,
    ):
        for number, operation in enumerate(spec):
            drawn = draw(
                arguments(spec, operation), count=PER_OPERATION, seed=seed + number, deadline=time.monotonic() + 20
            )
            seen["operations"] += 1
            for args in drawn:
                request = client.build_request(operation.python_name, **args)
                raw = client.send(request)
                seen["requests"] += 1
                seen["statuses"][raw.status_code] = seen["statuses"].get(raw.status_code, 0) + 1
                where = f"{operation.operation_id} {raw.status_code} {request.url}"
                if raw.status_code >= 500:
                    seen["server_errors"].append(f"{where}: {raw.content[:200]!r}")
                    continue
                documented = operation.response_for(raw.status_code)
                if documented is None:
                    if raw.status_code not in (400, 401, 404, 409, 422):  # HTTP's own refusals stay allowed
                        seen["invalid"].append(f"{where}: status not documented")
                    continue
                if documented.schema is not None and documented.is_json and raw.content:
                    schema = documented.schema_pointer or documented.schema
                    issues = spec.validator.issues(schema, json.loads(raw.content))
                    if issues:
                        seen["invalid"].append(f"{where}: {issues[0].json_path}: {issues[0].message[:200]}")
        seen["mended"] = sandbox.app.mended
    return seen


@pytest.mark.slow
@pytest.mark.no_cover  # 1,320 requests through lines the flow tests cover; tracing would triple the time
def test_every_operation_of_the_current_document_answers_without_5xx_and_validates() -> None:
    spec = talon_dyn.load(CURRENT)
    seen = _drive(spec, seed=2026)
    assert seen["operations"] == len(spec.operations) == 220
    assert seen["requests"] >= 200 * PER_OPERATION // 2  # a few operations draw fewer (few distinct values)
    assert seen["server_errors"] == []
    assert seen["invalid"] == []
    assert sum(count for status, count in seen["statuses"].items() if status < 300) > seen["requests"] // 2


def test_the_bundled_spec_needs_no_mending() -> None:
    """The handlers answer the bundled spec's shapes themselves: no answer of a generated run is mended (the
    mending is for other specs; on the bundled one it would hide a handler's fault)."""
    seen = _drive(talon_dyn.load(), seed=7)
    assert seen["server_errors"] == seen["invalid"] == []
    assert seen["mended"] == 0


def _with_store_status(tmp_path: Path) -> Path:
    """The bundled spec plus an operation no handler knows: ``GET /v1/stores/{storeId}/status``, whose answer has
    the path's identifier, a flag and a count with a spec ``example``."""
    bundled = Path(talon_dyn.__file__).parent / "spec" / "talon-integration.yaml"
    document = read_yaml(bundled)
    answer = {
        "type": "object",
        "required": ["storeId", "open", "visitors"],
        "properties": {
            "storeId": {"type": "string"},
            "open": {"type": "boolean"},
            "visitors": {"type": "integer", "minimum": 0, "example": 42},
        },
    }
    document["paths"]["/v1/stores/{storeId}/status"] = {
        "get": {
            "operationId": "getStoreStatus",
            "summary": "A store's status",
            "security": [{"api_key_v1": []}],
            "parameters": [{"name": "storeId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": answer}}},
                "404": {"description": "no such store"},
            },
        }
    }
    path = tmp_path / "with-stores.yaml"
    write_yaml(path, document)
    return path


def test_a_new_operation_echoes_its_identifiers_invents_no_example_and_smoke_is_green(tmp_path: Path) -> None:
    """A new operation in a copy of the spec is a method, a sandbox route and a green smoke run: the sandbox's
    answer says the store asked about (not ``"storeId"``), and its count is neutral (0), never the spec's
    ``example: 42``."""
    import io

    from talon_dyn.cli import main

    path = _with_store_status(tmp_path)
    with Sandbox(spec=path) as sandbox, sandbox.client() as client:
        status = client.get_store_status("s-17")
    assert status == {"storeId": "s-17", "open": True, "visitors": 0}
    out, err = io.StringIO(), io.StringIO()
    code = main(["smoke", "--spec", str(path), "--seed", "3"], out=out, err=err)
    assert code == 0, out.getvalue()[-2000:] + err.getvalue()
    assert "getStoreStatus" in out.getvalue()


def test_no_answer_the_sandbox_builds_or_mends_repeats_a_spec_example() -> None:
    """Every schema of Talon's current spec given a sentinel ``example`` (numbers 987654, strings
    "EXAMPLE-SENTINEL"): no answer built for any operation, and no answer mended from an empty object, holds
    one. (The bundled specs' own examples were used before: every profile had ``id: 6``.)"""
    import copy
    import json

    from talon_dyn._model.spec import Spec
    from talon_dyn.sandbox._domain.synth import Instances

    base = talon_dyn.load("current")
    document = copy.deepcopy(base.document)

    plant_sentinels(document)
    spec = Spec(document, source=base.source, base_uri=base.base_uri)
    instances = Instances(spec, seed=1)
    seen = []
    for operation in spec.operations.values():
        _, body = instances.answer(operation)
        seen.append(json.dumps(body))
        response = operation.response_for(operation.success_status)
        if response is not None and response.schema_pointer:
            seen.append(json.dumps(instances.mend(response.schema_pointer, {})))
    text = "\n".join(seen)
    assert len(seen) > 30
    assert "987654" not in text
    assert "EXAMPLE-SENTINEL" not in text


def test_a_loose_schema_never_reaches_a_handler_as_the_wrong_shape(tmp_path: Path) -> None:
    """A vendor-generated document writes objects as an ``allOf`` of ``$ref``s with no ``type: object``, so JSON
    Schema admits ``customerSession: ""``; the handler reads an object. The sandbox checks a handled body against
    the shape its handler was written for: a 400 in Talon's error shape naming the pointer, never a 500."""
    from talon_dyn._model.spec import bundled_path

    document = read_yaml(bundled_path("current"))
    schemas = document["components"]["schemas"]
    session = schemas["NewCustomerSessionV2"]
    session.pop("type", None)
    schemas["IntegrationRequest"]["properties"]["customerSession"] = {
        "allOf": [{"$ref": "#/components/schemas/NewCustomerSessionV2"}]
    }
    path = tmp_path / "vendor.yaml"
    write_yaml(path, document)
    spec = talon_dyn.load(path)
    assert spec.validator.is_valid(
        spec.operation("updateCustomerSessionV2").body.schema_pointer, {"customerSession": ""}
    )  # the loose document admits it
    with Sandbox(spec=spec) as sandbox, httpx.Client(transport=sandbox.transport(), base_url="http://s") as http:
        headers = {"Authorization": f"ApiKey-v1 {sandbox.config.api_keys[0]}"}
        loose = http.put("/v2/customer_sessions/s1", json={"customerSession": ""}, headers=headers)
        fine = http.put("/v2/customer_sessions/s1", json={"customerSession": {"profileId": "ada"}}, headers=headers)
    assert loose.status_code == 400, loose.text
    assert loose.json()["errors"][0]["source"] == {"pointer": "/customerSession"}
    assert fine.status_code == 200, fine.text


def _with_stores(tmp_path: Path) -> Path:
    """The store-status spec plus a store resource: PUT, GET and DELETE ``/v1/stores/{storeId}``."""
    document = read_yaml(_with_store_status(tmp_path))
    store = {
        "type": "object",
        "required": ["storeId", "name"],
        "properties": {"storeId": {"type": "string"}, "name": {"type": "string"}, "city": {"type": "string"}},
    }
    answer = {"description": "the store", "content": {"application/json": {"schema": store}}}
    common = {
        "security": [{"api_key_v1": []}],
        "parameters": [{"name": "storeId", "in": "path", "required": True, "schema": {"type": "string"}}],
    }
    document["paths"]["/v1/stores/{storeId}"] = {
        "put": {
            "operationId": "putStore",
            **common,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {"name": {"type": "string"}, "city": {"type": "string"}},
                        }
                    }
                },
            },
            "responses": {"200": answer},
        },
        "get": {"operationId": "getStore", **common, "responses": {"200": answer, "404": {"description": "none"}}},
        "delete": {
            "operationId": "deleteStore",
            **common,
            "responses": {"204": {"description": "gone"}, "404": {"description": "none"}},
        },
    }
    path = tmp_path / "with-store-resource.yaml"
    write_yaml(path, document)
    return path


def test_a_new_resource_reads_back_what_was_written_and_is_404_before_and_after(tmp_path: Path) -> None:
    """Operations no handler knows keep state by path: a read of a store never written is the documented 404, a
    write answers with the request's own values, a read returns that same object (twice), a delete removes it."""
    import io

    from talon_dyn.cli import main

    path = _with_stores(tmp_path)
    with Sandbox(spec=path) as sandbox, sandbox.client() as client:
        with pytest.raises(talon_dyn.NotFound):
            client.get_store("s-17")
        written = client.put_store("s-17", {"name": "Harbour", "city": "Kiel"})
        assert written == {"storeId": "s-17", "name": "Harbour", "city": "Kiel"}
        assert client.get_store("s-17") == written
        assert client.get_store("s-17") == written
        assert client.get_store_status("s-17")["storeId"] == "s-17"  # no write for that path: built, not 404
        client.delete_store("s-17")
        with pytest.raises(talon_dyn.NotFound):
            client.get_store("s-17")
        with pytest.raises(talon_dyn.NotFound):
            client.delete_store("never")
    out, err = io.StringIO(), io.StringIO()
    code = main(["smoke", "--spec", str(path), "--seed", "5"], out=out, err=err)
    assert code == 0, out.getvalue()[-2000:] + err.getvalue()
