"""Specs nobody here wrote: hypothesis mutates the bundled document (new operations with parameters in every
location and every content type, schemas loosened and tightened, operations renamed, ``type: object`` removed,
typos injected) and runs each through every public entry point: load, bind, docs, stubs, the sandbox and one smoke
round. Nothing raises a foreign exception, prints a traceback, answers 5xx or renders an empty section; a spec
that cannot be used is one line and exit 2."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml_files import read_yaml, write_yaml

import talon_dyn
from talon_dyn._model.spec import bundled_path
from talon_dyn.cli import main

BASE: dict[str, Any] = read_yaml(bundled_path("2020"))
MEDIA = (
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.talon+json",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "text/csv",
    "application/octet-stream",
)
TYPOS = ("bool", "int", "str", "Integer", "dict")


def _new_operation(number: int, method: str, media: str, answer: str) -> tuple[str, dict[str, Any]]:
    """A path with one parameter in every location and a body of ``media``."""
    path = f"/v1/things{number}/{{thingId}}"
    body_schema: dict[str, Any] = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
    if media == "multipart/form-data":
        body_schema["properties"]["file"] = {"type": "string", "format": "binary"}
    elif media in ("text/csv", "application/octet-stream"):
        body_schema = {"type": "string"}
    operation: dict[str, Any] = {
        "operationId": f"thing{number}{method.title()}",
        "summary": f"Thing {number}",
        "security": [{"api_key_v1": []}],
        "parameters": [
            {"name": "thingId", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
            {"name": "session", "in": "cookie", "schema": {"type": "string"}},
        ],
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    answer: {
                        "schema": {
                            "type": "object",
                            "required": ["thingId"],
                            "properties": {"thingId": {"type": "string"}, "count": {"type": "integer"}},
                        }
                    }
                },
            },
            "404": {"description": "no such thing"},
        },
    }
    if method != "get":
        operation["requestBody"] = {"required": True, "content": {media: {"schema": body_schema}}}
    return path, {method: operation}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """(a mutated copy of the bundled document, whether it carries a typo that load must refuse)."""
    document = copy.deepcopy(BASE)
    schemas = document["components"]["schemas"]
    names = sorted(schemas)
    typo = False
    for number, kind in enumerate(
        draw(
            st.lists(st.sampled_from(["add", "loosen", "tighten", "rename", "untype", "typo"]), min_size=1, max_size=3)
        )
    ):
        if kind == "add":
            method = draw(st.sampled_from(["get", "post", "put", "delete"]))
            path, item = _new_operation(number, method, draw(st.sampled_from(MEDIA)), draw(st.sampled_from(MEDIA[:3])))
            document["paths"][path] = item
        elif kind == "loosen":
            schema = schemas[draw(st.sampled_from(names))]
            schema.pop("required", None)
            schema.pop("additionalProperties", None)
        elif kind == "tighten":
            schema = schemas[draw(st.sampled_from(names))]
            properties = sorted(schema.get("properties") or {})
            if properties:
                schema["required"] = sorted(set(schema.get("required") or []) | {draw(st.sampled_from(properties))})
        elif kind == "rename":
            path = draw(st.sampled_from(sorted(document["paths"])))
            for operation in document["paths"][path].values():
                if isinstance(operation, dict) and "operationId" in operation:
                    operation["operationId"] += "Renamed"
        elif kind == "untype":
            for schema in schemas.values():
                if schema.get("type") == "object" and draw(st.booleans()):
                    del schema["type"]
        else:
            schema = schemas[draw(st.sampled_from(names))]
            properties = schema.get("properties") or {}
            typed = sorted(name for name, sub in properties.items() if isinstance(sub, dict) and "type" in sub)
            if typed:
                properties[draw(st.sampled_from(typed))]["type"] = draw(st.sampled_from(TYPOS))
                typo = True
    return document, typo


def _cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    said = out.getvalue() + err.getvalue()
    assert "Traceback" not in said, said[-3000:]
    return code, said


@pytest.mark.slow
@pytest.mark.no_cover  # every tool once per example: the lines are the other tests'; tracing made it ~3x slower
@settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(case=mutated())
def test_a_mutated_spec_goes_through_every_tool_without_a_crash(
    case: tuple[dict[str, Any], bool], tmp_path_factory: Any
) -> None:
    document, typo = case
    folder = tmp_path_factory.mktemp("spec")
    path = folder / "spec.yaml"
    write_yaml(path, document)
    if typo:
        with pytest.raises(talon_dyn.SpecError, match="is not a JSON Schema type"):
            talon_dyn.load(path)
        for command in (["ops"], ["docs", "--out", str(folder / "docs")], ["smoke"]):
            code, said = _cli(*command, "--spec", str(path))
            assert code == 2
            assert len(said.strip().splitlines()) == 1, said
        return
    spec = talon_dyn.load(path)
    client = talon_dyn.Client(spec=spec, base_url="http://x.test", api_key="k" * 20)
    for operation in spec.operations.values():
        assert callable(getattr(client, operation.python_name))
    code, said = _cli("docs", "--spec", str(path), "--out", str(folder / "docs"))
    assert code == 0, said
    for operation in spec.operations.values():
        rendered = "".join(page.read_text(encoding="utf-8") for page in (folder / "docs").rglob("*.md"))
        assert operation.python_name in rendered, operation.operation_id  # no operation left without its section
    code, said = _cli("stubs", "--spec", str(path), "--out", str(folder / "typed.pyi"))
    assert code == 0, said
    report = folder / "smoke.json"
    code, said = _cli("smoke", "--spec", str(path), "--max-examples", "1", "--seed", "1", f"--json={report}")
    assert code in (0, 1), said
    cases = json.loads(report.read_text(encoding="utf-8"))["cases"]
    assert cases
    assert [case for case in cases if case.get("status", 0) >= 500] == []
