"""Loading specs: JSON-safe YAML, JSON files, OpenAPI versions, ``$ref`` handling and errors that point at the fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

import talon_dyn
from talon_dyn import SpecError

FIXTURES = Path(__file__).parents[1] / "fixtures"
BROKEN = FIXTURES / "broken"
SPEC_2026 = FIXTURES / "talon-openapi-2026.yaml"

MINIMAL_31 = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      required: [name]
      properties:
        name: {$ref: "#/components/schemas/Name"}
        children: {type: array, items: {$ref: "#/components/schemas/Thing"}}
    Name: {type: string, minLength: 1}
"""


def write(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def samples(tmp_path: Path, body: str) -> Any:
    """Load a minimal spec whose ``x-samples`` holds ``body`` and return what the loader made of it."""
    text = MINIMAL_31 + "x-samples:\n" + "".join(f"  {line}\n" for line in body.splitlines())
    return talon_dyn.load(write(tmp_path, text)).document["x-samples"]


# -- YAML read as JSON would read it ------------------------------------------------------


def test_dates_and_timestamps_stay_strings(tmp_path: Path) -> None:
    """A YAML date or timestamp is kept as the string written, not turned into a datetime."""
    loaded = samples(tmp_path, "day: 2020-01-01\nstamp: 2020-01-01T10:00:00Z")
    assert loaded == {"day": "2020-01-01", "stamp": "2020-01-01T10:00:00Z"}


def test_only_true_and_false_are_booleans(tmp_path: Path) -> None:
    """YAML 1.1 words like yes/no/on/off stay strings; only true/false are booleans."""
    loaded = samples(tmp_path, "a: yes\nb: no\nc: on\nd: off\ne: y\nf: true\ng: false")
    assert loaded == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": True, "g": False}


def test_numbers_are_json_numbers_only(tmp_path: Path) -> None:
    """Integers and floats load as numbers; octal, hex, sexagesimal and underscored forms stay strings."""
    loaded = samples(tmp_path, "i: 42\nf: 1.5\ne: 1e3\no: 0o17\nh: 0x1F\ns: 1:30\nu: 1_000\nn: null")
    assert loaded == {"i": 42, "f": 1.5, "e": 1000.0, "o": "0o17", "h": "0x1F", "s": "1:30", "u": "1_000", "n": None}


def test_mapping_keys_are_strings(tmp_path: Path) -> None:
    """Keys that YAML would read as numbers, booleans or null are kept as the strings JSON needs."""
    loaded = samples(tmp_path, "200: ok\n404: missing\ntrue: t\nnull: n")
    assert loaded == {"200": "ok", "404": "missing", "true": "t", "null": "n"}
    assert all(isinstance(key, str) for key in loaded)


def test_bare_equals_sign_loads_as_a_string(tmp_path: Path) -> None:
    """A bare ``=`` scalar (YAML's value tag) loads as the string "="."""
    assert samples(tmp_path, "eq: =") == {"eq": "="}


def test_status_keys_of_responses_are_strings(tmp_path: Path) -> None:
    """Unquoted status codes in ``responses`` become string keys, as JSON has them."""
    spec = talon_dyn.load(write(tmp_path, MINIMAL_31.replace('"200":', "200:")))
    assert list(spec.operation("getThing").responses) == ["200"]


def test_json_file_loads_like_its_yaml(tmp_path: Path) -> None:
    """The same document written as JSON loads to the same operations and document."""
    from_yaml = talon_dyn.load(write(tmp_path, MINIMAL_31))
    from_json = talon_dyn.load(write(tmp_path, json.dumps(from_yaml.document), name="spec.json"))
    assert from_json.document == from_yaml.document
    assert list(from_json.operations) == ["getThing"]


# -- the real documents ---------------------------------------------------------------


def test_bundled_spec_loads_by_default() -> None:
    """``talon_dyn.load()`` gives the bundled Integration API spec, loaded once."""
    spec = talon_dyn.load()
    assert spec.openapi_version.startswith("3.1.")
    assert len(spec.operations) == 11
    assert "updateCustomerSessionV2" in spec.operations
    assert talon_dyn.load() is spec


def test_2026_spec_loads_every_operation_and_schema() -> None:
    """Talon.One's whole 2026 document (OpenAPI 3.0.1, with a bare ``=``) loads: 220 operations, 715 schemas."""
    spec = talon_dyn.load(SPEC_2026)
    assert spec.openapi_version == "3.0.1"
    assert len(spec.operations) == 220
    assert len(spec.document["components"]["schemas"]) == 715


def test_reading_a_spec_holds_about_its_own_size(tmp_path: Path) -> None:
    """Reading a spec file allocates about the file's size, not the 64 MiB a spec may have (a read of the
    whole limit used to allocate it all, on every load)."""
    import tracemalloc

    from talon_dyn._model.document import read_spec_bytes

    path = tmp_path / "spec.json"
    path.write_bytes(SPEC_2026.read_bytes())
    tracemalloc.start()
    try:
        data = read_spec_bytes(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == SPEC_2026.read_bytes()
    assert peak < 3 * len(data), peak


def test_client_from_spec_takes_any_document(tmp_path: Path) -> None:
    """``Client.from_spec(path, ...)`` binds that document's operations; no path means the bundled spec."""
    client = talon_dyn.Client.from_spec(write(tmp_path, MINIMAL_31), base_url="http://test")
    assert list(client.operations) == ["getThing"]
    assert callable(client.get_thing)
    bundled = talon_dyn.Client.from_spec(base_url="http://test")
    assert len(bundled.operations) == 11
    client.close()
    bundled.close()


# -- OpenAPI versions -----------------------------------------------------------------------

NULLABLE_30 = """\
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string, nullable: true}
        kind: {type: string, enum: [a, b], nullable: true}
        plain: {type: string}
        parent:
          allOf: [{$ref: "#/components/schemas/Thing"}]
          nullable: true
        count: {type: integer, minimum: 0, exclusiveMinimum: true}
"""


@pytest.mark.parametrize(
    ("instance", "valid"),
    [
        ({"name": None}, True),
        ({"name": "x"}, True),
        ({"kind": None}, True),
        ({"kind": "a"}, True),
        ({"kind": "c"}, False),
        ({"plain": None}, False),
        ({"parent": None}, True),
        ({"parent": {"plain": None}}, False),
        ({"count": 0}, False),
        ({"count": 1}, True),
    ],
)
def test_openapi_30_nullable_and_exclusive_bounds(tmp_path: Path, instance: dict[str, Any], valid: bool) -> None:
    """A 3.0 document is accepted and its ``nullable`` and boolean ``exclusiveMinimum`` mean what 3.0 says."""
    spec = talon_dyn.load(write(tmp_path, NULLABLE_30))
    assert spec.openapi_version == "3.0.3"
    assert spec.validator.is_valid("/components/schemas/Thing", instance) is valid


def test_openapi_30_examples_are_data_not_schemas(tmp_path: Path) -> None:
    """Converting 3.0 rewrites schemas only: an example that happens to hold a ``nullable`` key keeps it."""
    text = (
        NULLABLE_30
        + """      example: {name: x, nullable: true, exclusiveMinimum: true}
"""
    )
    spec = talon_dyn.load(write(tmp_path, text))
    thing = spec.document["components"]["schemas"]["Thing"]
    assert thing["example"] == {"name": "x", "nullable": True, "exclusiveMinimum": True}
    assert thing["properties"]["name"] == {"type": ["string", "null"]}


@pytest.mark.parametrize(
    ("fixture", "pointer", "words"),
    [
        ("swagger-2.yaml", "/swagger", "Swagger 2.0"),
        ("openapi-4.yaml", "/openapi", "'4.0.0'"),
        ("missing-version.yaml", "/openapi", "no 'openapi'"),
    ],
)
def test_other_versions_are_refused(fixture: str, pointer: str, words: str) -> None:
    """Swagger 2.0, OpenAPI 4 and documents without a version are refused with a SpecError saying so."""
    with pytest.raises(SpecError) as caught:
        talon_dyn.load(BROKEN / fixture)
    assert caught.value.source is not None
    assert caught.value.source.endswith(fixture)
    assert caught.value.pointer == pointer
    assert words in str(caught.value)
    assert "3.0" in str(caught.value)
    assert "3.1" in str(caught.value)


def test_spec_error_is_a_value_error() -> None:
    """A SpecError can be caught as a ValueError."""
    with pytest.raises(ValueError, match="Swagger"):
        talon_dyn.load(BROKEN / "swagger-2.yaml")


# -- $ref ---------------------------------------------------------------------------------


def test_validator_follows_refs_through_one_registry(tmp_path: Path) -> None:
    """Schemas reach other schemas through ``$ref``, all resolved by the spec's single registry."""
    spec = talon_dyn.load(write(tmp_path, MINIMAL_31))
    assert spec.validator.is_valid("/components/schemas/Thing", {"name": "a"})
    issues = spec.validator.issues("/components/schemas/Thing", {"name": ""})
    assert issues[0].json_path == "$.name"
    assert issues[0].keyword == "minLength"
    registry = spec.validator._py_registry
    assert spec.validator.issues("/components/schemas/Name", "") != []
    assert spec.validator._py_registry is registry


def test_recursive_schema_validates_nested_instances(tmp_path: Path) -> None:
    """A schema that refers to itself is allowed and checks every level of a nested instance."""
    spec = talon_dyn.load(write(tmp_path, MINIMAL_31))
    deep = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}
    assert spec.validator.is_valid("/components/schemas/Thing", deep)
    deep["children"][0]["children"][0]["name"] = ""
    issues = spec.validator.issues("/components/schemas/Thing", deep)
    assert issues[0].json_path == "$.children[0].children[0].name"


def test_response_schema_through_ref_is_checked(tmp_path: Path) -> None:
    """A client validates a response body through the ``$ref`` of the operation's response schema."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"name": "", "children": []})

    spec = talon_dyn.load(write(tmp_path, MINIMAL_31))
    with (
        talon_dyn.Client(
            spec=spec, base_url="http://test", transport=httpx.MockTransport(handler), response_validation="strict"
        ) as client,
        pytest.raises(talon_dyn.ResponseValidationError) as caught,
    ):
        client.get_thing("t1")
    assert caught.value.json_path == "$.name"


def test_file_refs_load_from_the_spec_folder(tmp_path: Path) -> None:
    """A ``$ref`` to a file beside the spec is loaded locally and validates like a local one."""
    write(tmp_path, "Name: {type: string, minLength: 2}\n", name="common.yaml")
    text = MINIMAL_31.replace('name: {$ref: "#/components/schemas/Name"}', 'name: {$ref: "common.yaml#/Name"}')
    spec = talon_dyn.load(write(tmp_path, text))
    assert spec.validator.is_valid("/components/schemas/Thing", {"name": "ab"})
    assert not spec.validator.is_valid("/components/schemas/Thing", {"name": "a"})


# -- malformed specs: one fixture each, named file and pointer ----------------------------------


@pytest.mark.parametrize(
    ("fixture", "pointer", "words"),
    [
        ("missing-operation-id.yaml", "/paths/~1things/get", "no operationId"),
        ("duplicate-operation-id.yaml", "/paths/~1other-things/get/operationId", "duplicate operationId 'listThings'"),
        ("undeclared-path-parameter.yaml", "/paths/~1things~1{thingId}/get/parameters", "{thingId}"),
        ("path-parameter-not-in-path.yaml", "/paths/~1things/get/parameters", "'thingId' is declared"),
        (
            "unresolvable-ref.yaml",
            "/paths/~1things/get/responses/200/content/application~1json/schema/$ref",
            "#/components/schemas/Missing",
        ),
        ("unknown-parameter-location.yaml", "/paths/~1things/post/parameters/0/in", "unknown location 'body'"),
        (
            "remote-ref.yaml",
            "/paths/~1things/get/responses/200/content/application~1json/schema/$ref",
            "http://example.com/schemas.yaml",
        ),
    ],
)
def test_malformed_spec_names_file_and_pointer(fixture: str, pointer: str, words: str) -> None:
    """A malformed spec raises SpecError naming the file and the JSON pointer of the fault."""
    path = BROKEN / fixture
    with pytest.raises(SpecError) as caught:
        talon_dyn.load(path)
    error = caught.value
    assert error.source is not None
    assert error.source.endswith(fixture)
    assert error.pointer == pointer
    assert words in error.message
    assert str(error).startswith(f"{error.source}#{pointer}: ")


def test_every_broken_fixture_is_refused() -> None:
    """Each file in tests/fixtures/broken/ is a spec the loader refuses."""
    fixtures = sorted(BROKEN.glob("*.yaml"))
    assert len(fixtures) >= 10
    for path in fixtures:
        with pytest.raises(SpecError):
            talon_dyn.load(path)


def test_unreadable_and_unparsable_files_are_spec_errors(tmp_path: Path) -> None:
    """A missing file or text that is not YAML raises SpecError naming the file."""
    with pytest.raises(SpecError) as missing:
        talon_dyn.load(tmp_path / "absent.yaml")
    assert missing.value.source is not None
    assert missing.value.source.endswith("absent.yaml")
    with pytest.raises(SpecError, match="not valid YAML or JSON"):
        talon_dyn.load(write(tmp_path, "openapi: [unclosed\n"))
    with pytest.raises(SpecError, match="mapping at the top level"):
        talon_dyn.load(write(tmp_path, "- a list\n"))
