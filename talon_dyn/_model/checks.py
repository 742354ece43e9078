"""What ``load`` checks before anything uses a document: every schema is a schema.

Each schema the document holds (components, parameters, headers, request bodies, responses) is checked against
the JSON Schema 2020-12 meta-schema (the dialect of OpenAPI 3.1; a 3.0 document is converted to it first) by the
compiled engine: one pass over the document, ~10 ms for Talon's whole current spec here, and only when the
document is parsed (a cached document was checked when it was cached). The first problem is one ``SpecError``
naming the JSON pointer; ``document.load_document`` adds the file's line. A misspelled ``type`` names the type
meant (``'bool' is not a JSON Schema type; did you mean 'boolean'?``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from .._exceptions import SpecError
from .pointer import escape

__all__ = ["check_schemas", "schemas_of"]

TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SYNONYMS = {
    "bool": "boolean",
    "int": "integer",
    "str": "string",
    "float": "number",
    "double": "number",
    "dict": "object",
    "list": "array",
    "map": "object",
    "none": "null",
    "long": "integer",
}


def _content(content: Any, base: str) -> Iterator[tuple[str, Any]]:
    if isinstance(content, Mapping):
        for media, entry in content.items():
            if isinstance(entry, Mapping) and "schema" in entry:
                yield f"{base}/content/{escape(media)}/schema", entry["schema"]


def _parameters(parameters: Any, base: str) -> Iterator[tuple[str, Any]]:
    if isinstance(parameters, list):
        for index, parameter in enumerate(parameters):
            if isinstance(parameter, Mapping):
                if "schema" in parameter:
                    yield f"{base}/{index}/schema", parameter["schema"]
                yield from _content(parameter.get("content"), f"{base}/{index}")


def _responses(responses: Any, base: str) -> Iterator[tuple[str, Any]]:
    if isinstance(responses, Mapping):
        for status, response in responses.items():
            if isinstance(response, Mapping):
                where = f"{base}/{escape(str(status))}"
                yield from _content(response.get("content"), where)
                headers = response.get("headers")
                if isinstance(headers, Mapping):
                    for name, header in headers.items():
                        if isinstance(header, Mapping) and "schema" in header:
                            yield f"{where}/headers/{escape(name)}/schema", header["schema"]


def schemas_of(document: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(JSON pointer, schema) for every schema the document declares where OpenAPI puts one."""
    components = document.get("components")
    if isinstance(components, Mapping):
        for name, schema in (components.get("schemas") or {}).items():
            yield f"/components/schemas/{escape(name)}", schema
        yield from _parameters(list((components.get("parameters") or {}).values()), "/components/parameters")
        for name, body in (components.get("requestBodies") or {}).items():
            if isinstance(body, Mapping):
                yield from _content(body.get("content"), f"/components/requestBodies/{escape(name)}")
        yield from _responses(components.get("responses"), "/components/responses")
    paths = document.get("paths")
    if not isinstance(paths, Mapping):
        return
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            continue
        base = f"/paths/{escape(path)}"
        yield from _parameters(item.get("parameters"), f"{base}/parameters")
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            where = f"{base}/{method}"
            yield from _parameters(operation.get("parameters"), f"{where}/parameters")
            body = operation.get("requestBody")
            if isinstance(body, Mapping):
                yield from _content(body.get("content"), f"{where}/requestBody")
            yield from _responses(operation.get("responses"), f"{where}/responses")


def _type_problem(value: Any) -> str | None:
    names = value if isinstance(value, list) else [value]
    for name in names:
        if isinstance(name, str) and name not in TYPES:
            meant = _SYNONYMS.get(name.lower()) or next(iter(difflib.get_close_matches(name.lower(), TYPES, 1)), None)
            hint = f"; did you mean {meant!r}?" if meant else f" (one of {', '.join(TYPES)})"
            return f"{name!r} is not a JSON Schema type{hint}"
    return None


def _problem(schema: Any) -> tuple[list[Any], str] | None:
    """(path inside the schema, message) of the first way ``schema`` breaks the 2020-12 meta-schema, else None."""
    import jsonschema_rs

    if jsonschema_rs.meta.is_valid(schema):
        return None
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as error:
        path = list(error.instance_path)
        message = error.message
    else:  # pragma: no cover - is_valid and validate disagree
        return None
    # The meta-schema's own words are about anyOf branches; say what is wrong with the value instead.
    node: Any = schema
    for step in path:
        node = node[step]
    if path and path[-1] == "type":
        message = _type_problem(node) or message
    return path, message


def check_schemas(document: Mapping[str, Any], source: str | None = None) -> None:
    """Raise one ``SpecError`` (file, JSON pointer, what is wrong) for the first schema that is not a schema."""
    for pointer, schema in schemas_of(document):
        if not isinstance(schema, (Mapping, bool)):
            raise SpecError(f"{schema!r} is not a schema (a mapping or true/false)", source=source, pointer=pointer)
        found = _problem(schema)
        if found is not None:
            path, message = found
            where = pointer + "".join(f"/{escape(str(step))}" for step in path)
            raise SpecError(message, source=source, pointer=where)
