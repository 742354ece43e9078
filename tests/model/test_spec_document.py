"""Contract tests for spec/talon-integration.yaml against the IntegrationApi.md contract and JSON Schema 2020-12."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import referencing.jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from talon_dyn._model.document import load_document

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "spec" / "talon-integration.yaml"
MD_PATH = ROOT / "tests" / "fixtures" / "IntegrationApi.md"
SPEC_URI = "urn:talon-dyn:spec"
SCHEMA_PREFIX = "#/components/schemas/"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# The one deliberate difference from IntegrationApi.md: the md renders these untyped query flags as Object.
BOOLEAN_FLAGS = {("getCustomerInventory", "profile"), ("getCustomerInventory", "referrals")}

ERROR_CODES = {
    "400": "Bad request",
    "401": "Unauthorized",
    "404": "Not found",
    "409": "Too many requests - Avoid parallel requests",
}
NOT_FOUND_OPERATIONS = {
    "createCouponReservation",
    "deleteCouponReservation",
    "deleteCustomerData",
    "getCustomerInventory",
    "getReservedCoupons",
    "getReservedCustomers",
}
CONFLICT_OPERATIONS = {"trackEvent", "updateCustomerSessionV2"}


# ---------------------------------------------------------------------------------------------------------------
# IntegrationApi.md parsing


@dataclass
class MdParam:
    """One row of an operation's Parameters table."""

    name: str
    type: str
    description: str
    optional: bool


@dataclass
class MdOperation:
    """What IntegrationApi.md says about one operation."""

    op_id: str
    method: str
    path: str
    table_summary: str
    return_prefix: str = ""
    call_args: list[str] = field(default_factory=list)
    summary: str = ""
    description: str = ""
    params: list[MdParam] = field(default_factory=list)
    return_type: str = ""
    auth: list[str] = field(default_factory=list)


TABLE_ROW = re.compile(r"^\[\*\*(\w+)\*\*\]\(IntegrationApi\.md#(\w+)\) \| \*\*([A-Z]+)\*\* (\S+) \| (.+)$")
SECTION_START = re.compile(r'^<a name="(\w+)"></a>\n# \*\*(\w+)\*\*\n', re.MULTILINE)
CALL_LINE = re.compile(r"^> (?:(\w+) )?(\w+)\(([^)]*)\)$")
PARAM_ROW = re.compile(r"^ \*\*(\w+)\*\* \| (.+?)\| (.*?) \| (.*)$")
LINK = re.compile(r"^\[\*\*(\w+)\*\*\]\((\w*)\.md\)$")
AUTH_LINK = re.compile(r"\[(\w+)\]\(\.\./README\.md#(\w+)\)")


def _subsection(body: str, title: str) -> str:
    """Return the text under '### title' up to the next '###' heading, stripped."""
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |\Z)", body, re.MULTILINE | re.DOTALL)
    assert match, f"no '### {title}' section"
    return match.group(1).strip("\n")


def parse_integration_md(text: str) -> list[MdOperation]:
    """Parse the operation table and every operation section of IntegrationApi.md, in file order."""
    operations: list[MdOperation] = []
    for line in text.splitlines():
        if match := TABLE_ROW.match(line):
            op_id, anchor, method, path, summary = match.groups()
            assert op_id == anchor
            operations.append(MdOperation(op_id, method.lower(), path, summary))
    by_id = {op.op_id: op for op in operations}
    starts = list(SECTION_START.finditer(text))
    assert [m.group(1) for m in starts] == [op.op_id for op in operations], "sections differ from the table"
    for index, start in enumerate(starts):
        assert start.group(1) == start.group(2)
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        op = by_id[start.group(1)]
        lines = text[start.end() : end].split("\n")
        call = CALL_LINE.match(lines[0])
        assert call, lines[0]
        op.return_prefix, call_id, args = call.group(1) or "", call.group(2), call.group(3)
        assert call_id == op.op_id
        op.call_args = [arg.strip() for arg in args.split(",") if arg.strip()]
        # Line 0 is the call, then a blank line, the summary, a blank line and the one-line description.
        assert [lines[1], lines[3], lines[5]] == ["", "", ""], f"unexpected layout for {op.op_id}"
        op.summary, op.description = lines[2], lines[4]
        body = "\n".join(lines)
        for row in _subsection(body, "Parameters").splitlines()[2:]:
            param = PARAM_ROW.match(row)
            assert param, row
            name, type_text, description, notes = param.groups()
            op.params.append(MdParam(name, type_text.strip(), description, "[optional]" in notes))
        op.return_type = _subsection(body, "Return type")
        op.auth = []
        for name, anchor in AUTH_LINK.findall(_subsection(body, "Authorization")):
            assert name == anchor
            op.auth.append(name)
    return operations


def md_text(text: str) -> str:
    """Undo the md generator's escaping: HTML entities, and the backslash it puts before double quotes."""
    return html.unescape(text).replace('\\"', '"')


def normalise(text: str) -> str:
    """Collapse all whitespace runs to one space and strip the ends."""
    return " ".join(text.split())


def camelize(name: str) -> str:
    """Render a schema name the way the SDK generator does: inline_response_200_1 -> InlineResponse2001."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


# ---------------------------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """The spec document as JSON data."""
    return load_document(SPEC_PATH)


@pytest.fixture(scope="module")
def md_operations() -> list[MdOperation]:
    """The operations of IntegrationApi.md, in its order."""
    return parse_integration_md(MD_PATH.read_text(encoding="utf-8"))


def spec_operations(doc: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Map operationId to (path, method, operation), in document order."""
    result: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in doc["paths"].items():
        for method in item:
            if method in HTTP_METHODS:
                op = item[method]
                assert op["operationId"] not in result, f"duplicate operationId {op['operationId']}"
                result[op["operationId"]] = (path, method, op)
    return result


def ref_name(ref: str) -> str:
    """Return the component schema name of a '#/components/schemas/X' reference."""
    assert ref.startswith(SCHEMA_PREFIX), ref
    return ref[len(SCHEMA_PREFIX) :]


def success_response(op: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Return the (code, response) of the only 2xx response of an operation."""
    successes = [(code, resp) for code, resp in op["responses"].items() if code.startswith("2")]
    assert len(successes) == 1, successes
    return successes[0]


def make_format_checker() -> FormatChecker:
    """Build a 2020-12 format checker that really checks date-time, even without rfc3339-validator installed."""
    checker = FormatChecker(formats=())
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)

    @checker.checks("date-time", raises=ValueError)
    def _is_datetime(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if "T" not in value.upper():
            raise ValueError(f"{value!r} has no 'T' between date and time")
        if not re.search(r"(?:[Zz]|[+-]\d\d:\d\d)$", value):
            raise ValueError(f"{value!r} has no time zone offset")
        datetime.fromisoformat(value[:-1] + "+00:00" if value[-1] in "Zz" else value)
        return True

    return checker


@pytest.fixture(scope="module")
def validator_for(doc: dict[str, Any]) -> Any:
    """Return a function building a format-checking 2020-12 validator for a JSON pointer into the spec."""
    resource = Resource.from_contents(doc, default_specification=referencing.jsonschema.DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    checker = make_format_checker()

    def build(pointer: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry, format_checker=checker)

    return build


def escape_pointer(token: str) -> str:
    """Escape one JSON pointer token."""
    return token.replace("~", "~0").replace("/", "~1")


def walk_schemas(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (pointer, schema) for a schema and every subschema under it (property names are not keywords)."""
    if not isinstance(schema, dict):
        return
    yield pointer, schema
    for keyword in ("properties", "patternProperties", "$defs"):
        for name, sub in schema.get(keyword, {}).items():
            yield from walk_schemas(sub, f"{pointer}/{keyword}/{escape_pointer(name)}")
    for keyword in ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"):
        yield from walk_schemas(schema.get(keyword), f"{pointer}/{keyword}")
    for keyword in ("prefixItems", "allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(schema.get(keyword, [])):
            yield from walk_schemas(sub, f"{pointer}/{keyword}/{index}")


def all_examples(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    """Return (schema pointer, example) for every example and examples entry under components.schemas."""
    found: list[tuple[str, Any]] = []
    for name, schema in doc["components"]["schemas"].items():
        for pointer, sub in walk_schemas(schema, f"/components/schemas/{escape_pointer(name)}"):
            if "example" in sub:
                found.append((pointer, sub["example"]))
            examples = sub.get("examples", [])
            assert isinstance(examples, list), f"{pointer}/examples must be a list"
            found.extend((pointer, example) for example in examples)
    return found


def iter_refs(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """Yield (pointer, target) for every $ref in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield pointer, value
            else:
                yield from iter_refs(value, f"{pointer}/{escape_pointer(key)}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_refs(value, f"{pointer}/{index}")


def resolve_pointer(doc: dict[str, Any], ref: str) -> Any:
    """Follow a local '#/...' reference, raising KeyError or IndexError if it does not resolve."""
    assert ref.startswith("#/"), f"non-local reference {ref}"
    node: Any = doc
    for token in ref[2:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


# ---------------------------------------------------------------------------------------------------------------
# The md parser itself


def test_md_parser_finds_all_eleven_operations(md_operations: list[MdOperation]) -> None:
    """The IntegrationApi.md parser finds the 11 operations with a summary, a description and auth each."""
    assert len(md_operations) == 11
    for op in md_operations:
        assert all([op.summary, op.description, op.return_type, op.auth]), op.op_id
        assert op.summary == op.table_summary, op.op_id


# ---------------------------------------------------------------------------------------------------------------
# Document basics


def test_document_is_openapi_310_with_localhost_server(doc: dict[str, Any]) -> None:
    """The document declares OpenAPI 3.1.0, an info block and the md's https://localhost server."""
    assert doc["openapi"] == "3.1.0"
    assert all(doc["info"].get(key) for key in ("title", "version", "description"))
    assert doc["servers"] == [{"url": "https://localhost"}]


def test_no_nullable_keyword_remains(doc: dict[str, Any]) -> None:
    """No OpenAPI 3.0 `nullable` keyword is left anywhere in the document."""

    def keys(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "properties":
                    yield key
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    assert "nullable" not in set(keys(doc))


def test_every_ref_resolves(doc: dict[str, Any]) -> None:
    """Every $ref in the document points at something that exists in the document."""
    refs = list(iter_refs(doc))
    assert refs
    for pointer, ref in refs:
        try:
            resolve_pointer(doc, ref)
        except (KeyError, IndexError, ValueError) as exc:
            pytest.fail(f"{pointer}: $ref {ref} does not resolve ({exc!r})")


def test_security_schemes_match_the_reference(doc: dict[str, Any]) -> None:
    """The two security schemes are the reference's header API keys, with their descriptions."""
    assert doc["components"]["securitySchemes"] == {
        "api_key_v1": {
            "description": "Ephemeral apikey authorization.",
            "in": "header",
            "name": "Authorization",
            "type": "apiKey",
        },
        "integration_auth": {
            "description": "Requests are signed using the secret key of an Application.",
            "in": "header",
            "name": "Content-Signature",
            "type": "apiKey",
        },
    }


def test_effect_props_and_error_schemas_are_present(doc: dict[str, Any]) -> None:
    """All per-effect props schemas and the error schemas are kept in components.schemas."""
    schemas = doc["components"]["schemas"]
    effect_types = [
        *("AcceptCoupon", "RejectCoupon", "AcceptReferral", "RejectReferral", "RedeemReferral", "CouponCreated"),
        *("ReferralCreated", "SetDiscount", "SetDiscountPerItem", "TriggerWebhook", "AddLoyaltyPoints"),
        *("DeductLoyaltyPoints", "AddFreeItem", "ShowNotification", "UpdateAttribute", "RollbackCoupon"),
        *("RollbackDiscount", "ShowBundleMetadata", "Error"),
    ]
    props = {name for name in schemas if name.endswith("EffectProps") and name != "EffectProps"}
    assert props == {f"{kind}EffectProps" for kind in effect_types}
    assert {"EffectProps", "EffectEntity", "ErrorResponse", "APIError", "ErrorSource"} <= set(schemas)
    assert schemas["ErrorResponse"]["required"] == ["message"]
    assert schemas["APIError"]["properties"]["source"] == {"$ref": "#/components/schemas/ErrorSource"}


# ---------------------------------------------------------------------------------------------------------------
# Operations against IntegrationApi.md


def test_operation_order_matches_md(doc: dict[str, Any], md_operations: list[MdOperation]) -> None:
    """x-operation-order lists the 11 operationIds in the md table order, and names exactly the spec's operations."""
    md_order = [op.op_id for op in md_operations]
    assert doc["x-operation-order"] == md_order
    assert sorted(spec_operations(doc)) == sorted(md_order)


def test_paths_iterate_in_md_order_where_possible(doc: dict[str, Any], md_operations: list[MdOperation]) -> None:
    """Iterating paths then methods gives the md order, except that operations sharing a path stay together."""
    md_order = [op.op_id for op in md_operations]
    by_path: dict[str, list[str]] = {}
    for op_id in md_order:
        path = next(op.path for op in md_operations if op.op_id == op_id)
        by_path.setdefault(path, []).append(op_id)
    expected = [op_id for ids in by_path.values() for op_id in ids]
    assert list(spec_operations(doc)) == expected


@pytest.mark.parametrize("index", range(11))
def test_operation_matches_md(doc: dict[str, Any], md_operations: list[MdOperation], index: int) -> None:
    """Method, path, summary, description, parameters, body, return type and auth all match IntegrationApi.md."""
    md = md_operations[index]
    path, method, op = spec_operations(doc)[md.op_id]
    assert (method, path) == (md.method, md.path)
    assert op["operationId"] == md.op_id
    assert op["summary"] == md.summary == md.table_summary
    assert normalise(op["description"]) == normalise(md_text(md.description))
    # The md generator joins the YAML lines with spaces: check that too, so the docs can be regenerated exactly.
    assert op["description"].replace("\n", " ") == md_text(md.description)
    assert op["tags"] == ["integration"]

    # Parameters (the md lists them in call order, the body last).
    md_params = {p.name: p for p in md.params}
    spec_params = op.get("parameters", [])
    assert [p["name"] for p in spec_params] + (["body"] if "requestBody" in op else []) == [p.name for p in md.params]
    for param in spec_params:
        row = md_params[param["name"]]
        assert param["description"] == md_text(row.description)
        assert param.get("required", False) is not row.optional
        assert param["in"] == ("path" if "{" + param["name"] + "}" in path else "query")
        if (md.op_id, param["name"]) in BOOLEAN_FLAGS:
            assert row.type == "[**Object**](.md)"
            assert param["schema"] == {"type": "boolean"}
        else:
            assert row.type == "**String**"
            assert param["schema"]["type"] == "string"
            assert set(param["schema"]) <= {"type", "examples"}
    required_args = [p.name for p in md.params if not p.optional]
    assert md.call_args == required_args + (["opts"] if len(required_args) < len(md.params) else [])

    # Request body.
    if "body" in md_params:
        body = op["requestBody"]
        link = LINK.match(md_params["body"].type)
        assert link, md_params["body"].type
        assert link.group(1) == link.group(2)
        assert body["required"] is not md_params["body"].optional
        assert list(body["content"]) == ["application/json"]
        assert ref_name(body["content"]["application/json"]["schema"]["$ref"]) == link.group(1)
        assert op["x-codegen-request-body-name"] == "body"
    else:
        assert "requestBody" not in op
        assert "x-codegen-request-body-name" not in op

    # Return type.
    code, response = success_response(op)
    if md.return_type == "null (empty response body)":
        assert (code, response["description"]) == ("204", "No Content")
        assert "content" not in response
        assert md.return_prefix == ""
    else:
        link = LINK.match(md.return_type)
        assert link, md.return_type
        assert link.group(1) == link.group(2) == md.return_prefix
        assert list(response["content"]) == ["application/json"]
        name = ref_name(response["content"]["application/json"]["schema"]["$ref"])
        assert camelize(name) == link.group(1)
        assert name in doc["components"]["schemas"]
        assert (code, response["description"]) in {("200", "OK"), ("201", "Created")}

    # Authorization: each scheme is an alternative on its own.
    assert op["security"] == [{scheme: []} for scheme in md.auth]
    assert md.auth == ["api_key_v1", "integration_auth"]


def test_success_codes_match_the_reference(doc: dict[str, Any]) -> None:
    """Creating operations answer 201, deleting ones 204 and the rest 200, as in the 2020 reference."""
    codes = {op_id: success_response(op)[0] for op_id, (_, _, op) in spec_operations(doc).items()}
    assert codes == {
        "createCouponReservation": "201",
        "deleteCouponReservation": "204",
        "createReferral": "201",
        "deleteCustomerData": "204",
        "getCustomerInventory": "200",
        "getReservedCoupons": "200",
        "getReservedCustomers": "200",
        "trackEvent": "201",
        "updateCustomerProfile": "200",
        "updateCustomerSession": "200",
        "updateCustomerSessionV2": "200",
    }


def test_error_responses_are_declared(doc: dict[str, Any]) -> None:
    """400 and 401 on all, 404 on the six lookups and 409 on the two session writers, each an ErrorResponse."""
    for op_id, (_, _, op) in spec_operations(doc).items():
        expected = {"400", "401"}
        expected |= {"404"} if op_id in NOT_FOUND_OPERATIONS else set()
        expected |= {"409"} if op_id in CONFLICT_OPERATIONS else set()
        errors = {code: resp for code, resp in op["responses"].items() if not code.startswith("2")}
        assert set(errors) == expected, op_id
        for code, response in errors.items():
            assert response["description"] == ERROR_CODES[code], (op_id, code)
            assert response["content"] == {
                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}
            }, (op_id, code)


# ---------------------------------------------------------------------------------------------------------------
# Schemas and examples


def test_date_time_checker_rejects_reference_style_dates() -> None:
    """The test's date-time check accepts RFC 3339 and rejects the reference's space-separated dates."""
    schema = {"type": "string", "format": "date-time"}
    validator = Draft202012Validator(schema, format_checker=make_format_checker())
    assert validator.is_valid("2000-01-23T04:56:07Z")
    assert validator.is_valid("2021-02-23T10:07:04.343+01:00")
    assert not validator.is_valid("2000-01-23 04:56:07+00:00")
    assert not validator.is_valid("2000-01-23T04:56:07")
    assert not validator.is_valid("2000-13-23T04:56:07Z")


def test_examples_are_lists_of_values(doc: dict[str, Any]) -> None:
    """Schema examples use the 2020-12 `examples` list, and there are plenty of them."""
    examples = all_examples(doc)
    assert len(examples) >= 34
    for pointer, schema in walk_schemas(doc["components"]["schemas"]["Event"], "/components/schemas/Event"):
        assert "example" not in schema, pointer


def test_every_example_validates_against_its_schema(doc: dict[str, Any], validator_for: Any) -> None:
    """Every example under components.schemas validates, formats included, against the schema that holds it."""
    problems = []
    for pointer, example in all_examples(doc):
        for error in validator_for(pointer).iter_errors(example):
            problems.append(f"{pointer} at {error.json_path}: {error.message}")
    assert not problems, "\n".join(problems)


def test_example_validation_catches_a_broken_example(validator_for: Any) -> None:
    """The example check would catch the reference's faults: a '{}' string and a space-separated date."""
    validator = validator_for("/components/schemas/Coupon")
    good = {
        "id": 6,
        "created": "2000-01-23T04:56:07Z",
        "campaignId": 6,
        "value": "value",
        "usageLimit": 1,
        "usageCounter": 0,
        "attributes": {},
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "attributes": "{}"})
    assert not validator.is_valid({**good, "created": "2000-01-23 04:56:07+00:00"})
    assert not validator.is_valid({key: value for key, value in good.items() if key != "value"})


def test_v1_event_effects_are_arrays(validator_for: Any) -> None:
    """v1 Event.effects items are [campaignId, rulesetId, ruleIndex, [effectName, args...]] arrays, not objects."""
    validator = validator_for("/components/schemas/Event/properties/effects")
    validator.validate([[59, 124, 0, ["acceptCoupon", "FREESTUFF"]]])
    validator.validate([[-1, 0, 0, ["rejectCoupon", "X"]]])
    validator.validate([[59, 124, 0, ["setDiscount", "My Cool Discount", 34.56]]])
    validator.validate([])
    item = validator_for("/components/schemas/Event/properties/effects/items")
    assert item.is_valid([59, 124, 0, ["acceptCoupon", "FREESTUFF"]])
    assert item.is_valid([-1, 0, 0, ["rejectCoupon", "X"]])
    assert not item.is_valid({})


@pytest.mark.parametrize(
    "bad",
    [
        {},
        [59, 124, 0],
        [59, 124, 0, []],
        [59, 124, 0, [1]],
        ["59", 124, 0, ["x"]],
        [59, 124, 0, ["x"], 5],
        {"campaignId": 59, "rulesetId": 124, "ruleIndex": 0, "effectType": "acceptCoupon", "props": {}},
    ],
)
def test_v1_event_effects_reject_other_shapes(validator_for: Any, bad: Any) -> None:
    """A v1 effect that is an object, has the wrong length or types, or lacks an effect name is rejected."""
    with pytest.raises(ValidationError):
        validator_for("/components/schemas/Event/properties/effects").validate([bad])


def test_inventory_flags_are_boolean(doc: dict[str, Any]) -> None:
    """getCustomerInventory's profile and referrals query flags are optional booleans."""
    _, _, op = spec_operations(doc)["getCustomerInventory"]
    flags = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
    assert set(flags) == {"profile", "referrals"}
    for param in flags.values():
        assert param["schema"] == {"type": "boolean"}
        assert not param.get("required", False)


def test_no_additional_properties_false(doc: dict[str, Any]) -> None:
    """No schema forbids unknown fields: the service tolerates them and so must the spec."""
    for name, schema in doc["components"]["schemas"].items():
        for pointer, sub in walk_schemas(schema, f"/components/schemas/{name}"):
            assert sub.get("additionalProperties", True) is not False, pointer
            assert sub.get("unevaluatedProperties", True) is not False, pointer
