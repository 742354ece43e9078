"""Load an OpenAPI document into a ``Spec``: its operations, parameters, bodies and responses.

A ``Spec`` is immutable once built and is the one object every other part reads:
the clients bind its operations, the validators resolve ``$ref`` through its
registry, the sandbox routes with ``match``, the docs render its document.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from .._exceptions import SpecError
from .checks import check_schemas
from .document import load_document
from .naming import python_identifier
from .openapi30 import convert_document
from .pointer import escape
from .refs import check_refs
from .reserved import CLIENT_ATTRIBUTES
from .routing import TEMPLATE, Router
from .schema import deref, follow, parts
from .validation import SchemaValidator

__all__ = ["BUNDLED_SPEC", "Operation", "Parameter", "RequestBody", "ResponseSpec", "Spec", "is_json_media", "load"]

BUNDLED_SPEC = "talon-integration.yaml"
BUNDLED_SPECS = {"2020": BUNDLED_SPEC, "current": "talon-integration-current.yaml"}
"""The specs shipped with the package, by the name ``load`` (and ``spec=``, ``--spec``) takes: the 11 operations
of the original reference (the default), and the 36 of Talon's current Integration API."""
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")
# Keyword arguments every bound method takes besides the operation's own parameters.
CALL_OPTIONS = ("timeout", "deadline", "retry", "request_validation", "response_validation", "headers")
SIGNATURE_HEADER = "content-signature"
"""The header of Talon's signed security scheme (HMAC of the body); compared lower-case."""
STATE_CHANGES = frozenset({"closed", "cancelled"})
"""Session states whose setting is a transition (counters move, coupons are redeemed or rolled back)."""


class Parameter(NamedTuple):
    """One operation parameter: where it goes, its schema, its Python name."""

    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    description: str
    python_name: str
    pointer: str
    schema_pointer: str | None


class RequestBody(NamedTuple):
    """The request body: media type, schema and where the schema lives."""

    required: bool
    content_type: str
    schema: Mapping[str, Any] | None
    schema_pointer: str | None
    description: str
    name: str = "body"

    @property
    def is_json(self) -> bool:
        return is_json_media(self.content_type)


class ResponseSpec(NamedTuple):
    """One documented response (``status`` is "200", "4XX" or "default")."""

    status: str
    description: str
    content_type: str | None
    schema: Mapping[str, Any] | None
    schema_pointer: str | None

    @property
    def is_json(self) -> bool:
        return self.content_type is not None and is_json_media(self.content_type)


@dataclass(slots=True, kw_only=True, eq=False, repr=False)
class Operation:
    """One API operation, everything the client, sandbox, smoke checks and docs need."""

    operation_id: str
    python_name: str
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: Mapping[str, ResponseSpec]
    security: tuple[tuple[str, ...], ...]
    tags: tuple[str, ...]
    deprecated: bool
    pointer: str
    raw: Mapping[str, Any]
    idempotent: bool = True
    """False when the spec marks the operation ``x-talon-dyn-idempotent: false`` (never repeated blindly)."""
    state_path: tuple[str, ...] | None = None
    """Where in the request body a session's state is set (``("customerSession", "state")``), when the body
    schema has a ``state`` whose values include closed or cancelled: such a change is not repeated blindly."""
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What the layers above work out once per operation (its argument binder, ...)."""
    path_parameters: tuple[Parameter, ...] = field(init=False)
    """Path parameters in the order they appear in the path template."""
    path_pieces: tuple[str, ...] = field(init=False)
    """The path template compiled once: literal text and parameter names, alternating (``("/v2/sessions/",
    "customerSessionId", "")``); a request's path is the literals joined with the encoded values."""
    success_status: int = field(init=False)
    """The first documented 2xx status (200 when none is given exactly)."""
    idempotency_key: Parameter | None = field(init=False)
    """The ``Idempotency-Key`` header parameter, when the spec declares one (the client sends a key per call, the
    sandbox replays the first answer to a repeated key)."""

    def __post_init__(self) -> None:
        by_name = {p.name: p for p in self.parameters if p.location == "path"}
        self.path_parameters = tuple(by_name[name] for name in TEMPLATE.findall(self.path) if name in by_name)
        self.path_pieces = tuple(TEMPLATE.split(self.path))
        self.idempotency_key = next(
            (p for p in self.parameters if p.location == "header" and p.name.lower() == "idempotency-key"), None
        )
        self.success_status = next(
            (int(status) for status in self.responses if status.isdigit() and 200 <= int(status) < 300), 200
        )

    def __repr__(self) -> str:
        return f"<Operation {self.operation_id} {self.method} {self.path}>"

    def response_for(self, status: int) -> ResponseSpec | None:
        """The documented response for ``status``: exact, then ``2XX``-style, then default."""
        exact = self.responses.get(str(status))
        if exact is not None:
            return exact
        ranged = self.responses.get(f"{status // 100}XX") or self.responses.get(f"{status // 100}xx")
        return ranged or self.responses.get("default")


@functools.lru_cache(maxsize=64)
def is_json_media(content_type: str) -> bool:
    """Whether a media type or Content-Type value (parameters allowed) is JSON: application/json or ``+json``."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _pick_content(content: Mapping[str, Any]) -> tuple[str, Any] | None:
    if not content:
        return None
    for media, value in content.items():
        if is_json_media(media):
            return media, value
    media = next(iter(content))
    return media, content[media]


class Spec:
    """A loaded OpenAPI document and the operations it describes."""

    def __init__(self, document: dict[str, Any], *, source: str = "<memory>", base_uri: str | None = None) -> None:
        self.overlays: tuple[str, ...] = ()
        """The overlays applied to the document at load, in order (``load(..., overlays=...)``)."""
        self.source = source
        self.document = document
        self.base_uri = base_uri or "urn:talon-dyn:spec"
        version = document.get("openapi")
        if "openapi" not in document:
            swagger = "swagger" in document
            raise SpecError(
                f"a Swagger {document['swagger']} document: talon_dyn reads OpenAPI 3.0.x and 3.1.x only"
                if swagger
                else "no 'openapi' version field: talon_dyn reads OpenAPI 3.0.x and 3.1.x documents",
                source=source,
                pointer="/swagger" if swagger else "/openapi",
            )
        if not isinstance(version, str) or not re.fullmatch(r"3\.[01]\.\d+(-.+)?", version):
            raise SpecError(
                f"unsupported OpenAPI version {version!r}: talon_dyn reads 3.0.x and 3.1.x documents",
                source=source,
                pointer="/openapi",
            )
        self.openapi_version = version
        folder = Path(source).resolve().parent if source != "<memory>" else None
        self._external = check_refs(document, source=source, folder=folder)
        self.validator = SchemaValidator(document, self.base_uri, self._external)
        self.operations: dict[str, Operation] = {}
        self._by_python: dict[str, Operation] = {}
        self._build()

    # -- construction -------------------------------------------------------

    def _resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``$ref`` chains on an object; returns the object and its pointer."""
        return follow(self.document, node, source=self.source, pointer=pointer)

    def _build(self) -> None:
        paths = self.document.get("paths") or {}
        if not isinstance(paths, Mapping):
            raise SpecError("paths must be a mapping", source=self.source, pointer="/paths")
        first_seen: dict[str, str] = {}
        order = self.document.get("x-operation-order")
        for path, item in paths.items():
            item_pointer = f"/paths/{escape(path)}"
            item, _ = self._resolve(item, item_pointer)
            if not isinstance(item, Mapping):
                raise SpecError("path item must be a mapping", source=self.source, pointer=item_pointer)
            shared = item.get("parameters") or []
            for method in HTTP_METHODS:
                raw = item.get(method)
                if raw is None:
                    continue
                pointer = f"{item_pointer}/{method}"
                operation = self._operation(path, method, raw, shared, pointer)
                if operation.operation_id in first_seen:
                    raise SpecError(
                        f"duplicate operationId {operation.operation_id!r}"
                        f" (first at {first_seen[operation.operation_id]})",
                        source=self.source,
                        pointer=f"{pointer}/operationId",
                    )
                first_seen[operation.operation_id] = pointer
                self.operations[operation.operation_id] = operation
        if isinstance(order, list) and set(order) == set(self.operations):
            self.operations = {name: self.operations[name] for name in order}
        taken: set[str] = set(CLIENT_ATTRIBUTES)
        for operation in self.operations.values():
            name = python_identifier(operation.operation_id, reserved=taken)
            taken.add(name)
            operation.python_name = name
            self._by_python[name] = operation
        self._router = Router(self.operations.values())

    def _operation(self, path: str, method: str, raw: Any, shared: list[Any], pointer: str) -> Operation:
        if not isinstance(raw, Mapping):
            raise SpecError("operation must be a mapping", source=self.source, pointer=pointer)
        operation_id = raw.get("operationId")
        if not isinstance(operation_id, str) or not operation_id:
            raise SpecError(f"{method.upper()} {path} has no operationId", source=self.source, pointer=pointer)
        parameters = self._parameters(shared, raw.get("parameters") or [], pointer, operation_id)
        declared = {p.name for p in parameters if p.location == "path"}
        in_template = TEMPLATE.findall(path)
        for name in in_template:
            if name not in declared:
                raise SpecError(
                    f"{operation_id}: path parameter {{{name}}} in {path} is not declared",
                    source=self.source,
                    pointer=f"{pointer}/parameters",
                )
        for name in declared - set(in_template):
            raise SpecError(
                f"{operation_id}: path parameter {name!r} is declared but not in the path {path}",
                source=self.source,
                pointer=f"{pointer}/parameters",
            )
        security_raw = raw.get("security", self.document.get("security", []))
        security = tuple(tuple(requirement) for requirement in security_raw or [] if isinstance(requirement, Mapping))
        body = self._body(raw.get("requestBody"), f"{pointer}/requestBody", raw)
        return Operation(
            operation_id=operation_id,
            python_name=operation_id,
            method=method.upper(),
            path=path,
            summary=str(raw.get("summary") or ""),
            description=str(raw.get("description") or ""),
            parameters=parameters,
            body=body,
            responses=self._responses(raw.get("responses") or {}, f"{pointer}/responses"),
            security=security,
            tags=tuple(raw.get("tags") or ()),
            deprecated=bool(raw.get("deprecated", False)),
            pointer=pointer,
            raw=raw,
            idempotent=raw.get("x-talon-dyn-idempotent", True) is not False,
            state_path=self._state_path(body.schema) if body is not None and body.is_json else None,
        )

    def _properties(self, schema: Any) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for part in parts(self.document, schema, source=self.source, external=True):
            if isinstance(part, Mapping) and isinstance(part.get("properties"), Mapping):
                found.update(part["properties"])
        return found

    def _is_state(self, schema: Any) -> bool:
        values: set[Any] = set()
        for part in parts(self.document, schema, source=self.source, external=True):
            if isinstance(part, Mapping) and isinstance(part.get("enum"), list):
                values.update(value for value in part["enum"] if isinstance(value, str))
        return bool(values & STATE_CHANGES)

    def _state_path(self, schema: Any) -> tuple[str, ...] | None:
        """Where a body sets a session's state, one or two levels deep: v1's ``/state``, v2's
        ``/customerSession/state`` (a ``state`` property whose enum holds closed or cancelled)."""
        if not isinstance(schema, Mapping):
            return None
        top = self._properties(schema)
        if "state" in top and self._is_state(top["state"]):
            return ("state",)
        for name, child in top.items():
            inner = self._properties(child)
            if "state" in inner and self._is_state(inner["state"]):
                return (name, "state")
        return None

    def _parameters(self, shared: list[Any], own: list[Any], pointer: str, operation_id: str) -> tuple[Parameter, ...]:
        found: dict[tuple[str, str], Parameter] = {}
        base = pointer.rsplit("/", 1)[0]
        for where, items in ((f"{base}/parameters", shared), (f"{pointer}/parameters", own)):
            for index, item in enumerate(items):
                item, item_pointer = self._resolve(item, f"{where}/{index}")
                if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
                    raise SpecError(
                        f"{operation_id}: parameter without a name", source=self.source, pointer=item_pointer
                    )
                location = item.get("in")
                if location not in PARAMETER_LOCATIONS:
                    raise SpecError(
                        f"{operation_id}: parameter {item['name']!r} has unknown location {location!r} "
                        f"(expected one of {', '.join(PARAMETER_LOCATIONS)})",
                        source=self.source,
                        pointer=f"{item_pointer}/in",
                    )
                schema = item.get("schema")
                schema_pointer = f"{item_pointer}/schema" if isinstance(schema, Mapping) else None
                if schema is None:
                    picked = _pick_content(item.get("content") or {})
                    if picked and isinstance(picked[1], Mapping) and isinstance(picked[1].get("schema"), Mapping):
                        schema = picked[1]["schema"]
                        schema_pointer = f"{item_pointer}/content/{escape(picked[0])}/schema"
                found[(item["name"], location)] = Parameter(
                    name=item["name"],
                    location=location,
                    required=bool(item.get("required", location == "path")),
                    schema=schema if isinstance(schema, Mapping) else {},
                    description=str(item.get("description") or ""),
                    python_name=item["name"],
                    pointer=item_pointer,
                    schema_pointer=schema_pointer,
                )
        # Path and query values get the plain names first; header and cookie values yield to them.
        # No parameter may take the name of the body or of a per-call option.
        taken = {"body", "self", *CALL_OPTIONS}
        by_priority = sorted(found, key=lambda key: key[1] not in ("path", "query"))
        names: dict[tuple[str, str], str] = {}
        for key in by_priority:
            names[key] = python_identifier(key[0], reserved=taken)
            taken.add(names[key])
        named = [parameter._replace(python_name=names[key]) for key, parameter in found.items()]
        return tuple(named)

    def _body(self, raw: Any, pointer: str, operation: Mapping[str, Any]) -> RequestBody | None:
        if raw is None:
            return None
        raw, pointer = self._resolve(raw, pointer)
        picked = _pick_content(raw.get("content") or {}) if isinstance(raw, Mapping) else None
        if picked is None:
            return None
        media, value = picked
        schema = value.get("schema") if isinstance(value, Mapping) else None
        return RequestBody(
            required=bool(raw.get("required", False)),
            content_type=media,
            schema=schema if isinstance(schema, Mapping) else None,
            schema_pointer=f"{pointer}/content/{escape(media)}/schema" if isinstance(schema, Mapping) else None,
            description=str(raw.get("description") or ""),
            name=str(operation.get("x-codegen-request-body-name") or "body"),
        )

    def _responses(self, raw: Mapping[str, Any], pointer: str) -> dict[str, ResponseSpec]:
        responses = {}
        for status, item in raw.items():
            item, item_pointer = self._resolve(item, f"{pointer}/{escape(str(status))}")
            picked = _pick_content(item.get("content") or {}) if isinstance(item, Mapping) else None
            schema = schema_pointer = media = None
            if picked is not None:
                media, value = picked
                if isinstance(value, Mapping) and isinstance(value.get("schema"), Mapping):
                    schema = value["schema"]
                    schema_pointer = f"{item_pointer}/content/{escape(media)}/schema"
            responses[str(status)] = ResponseSpec(
                status=str(status),
                description=str(item.get("description") or "") if isinstance(item, Mapping) else "",
                content_type=media,
                schema=schema,
                schema_pointer=schema_pointer,
            )
        return responses

    # -- queries -----------------------------------------------------------------

    def operation(self, name: str) -> Operation:
        """The operation with this operationId or snake_case name (KeyError otherwise)."""
        found = self.operations.get(name) or self._by_python.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.operations.values())

    def __len__(self) -> int:
        return len(self.operations)

    def __repr__(self) -> str:
        return f"<Spec {self.source!r} OpenAPI {self.openapi_version}, {len(self.operations)} operations>"

    def match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        """The operation for a request and its percent-decoded path values, or None."""
        return self._router.match(method, raw_path)

    def allowed_methods(self, raw_path: str) -> list[str]:
        """Methods some operation serves at this path (empty when the path is unknown)."""
        return self._router.allowed_methods(raw_path)

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        """A schema with its top-level local ``$ref`` chain followed."""
        return deref(self.document, schema, source=self.source)

    @cached_property
    def security_schemes(self) -> Mapping[str, Any]:
        """The document's ``components.securitySchemes`` (empty when it has none)."""
        components = self.document.get("components") or {}
        schemes: Mapping[str, Any] = components.get("securitySchemes") or {}
        return schemes

    @property
    def servers(self) -> list[str]:
        return [server["url"] for server in self.document.get("servers") or [] if isinstance(server, Mapping)]


def _prepare(document: dict[str, Any]) -> dict[str, Any]:
    """A parsed document as every part reads it: 3.0 converted to 3.1, then every schema checked (``checks``)."""
    version = document.get("openapi")
    if isinstance(version, str) and version.startswith("3.0."):
        document = convert_document(document)
    check_schemas(document)
    return document


_BUNDLED: dict[str, Spec] = {}


def bundled_path(name: str = "2020") -> Path:
    """Where a spec shipped with the package lives (``name`` is a key of ``BUNDLED_SPECS``)."""
    return Path(__file__).resolve().parent.parent / "spec" / BUNDLED_SPECS[name]


def bundled_name(path: str | os.PathLike[str] | None) -> str | None:
    """The ``BUNDLED_SPECS`` name ``path`` is (None, a name, or a bundled file's path), else None."""
    if path is None:
        return "2020"
    if isinstance(path, str) and path in BUNDLED_SPECS:
        return path
    text = os.fspath(path)
    for name in BUNDLED_SPECS:
        if os.path.abspath(text) == str(bundled_path(name)):
            return name
    return None


def load(path: str | os.PathLike[str] | None = None, *, overlays: Sequence[Any] = ()) -> Spec:
    """Load an OpenAPI 3.0/3.1 document (YAML or JSON): a file, or a bundled spec by its name: ``"2020"`` (the
    default: the 11 operations of the original reference) or ``"current"`` (Talon's current Integration API,
    36 operations). A name wins over a file of the same name in the working directory (write ``./current``).

    ``overlays`` (files or parsed mappings of OpenAPI Overlay 1.0 documents) are applied in order
    before anything else reads the document; ``Spec.overlays`` lists them. A bundled spec without overlays
    is loaded once per process."""
    if isinstance(path, str) and path in BUNDLED_SPECS:
        if not overlays:
            found = _BUNDLED.get(path)
            if found is None:
                found = _BUNDLED[path] = load(bundled_path(path))
            return found
        path = bundled_path(path)
    if path is None:
        return load("2020", overlays=overlays)
    source = os.fspath(path)
    document = load_document(source, prepare=_prepare, cache_tag="openapi30-v2+checked")
    applied: list[str] = []
    if overlays:
        from .overlay import apply_overlays

        document, applied = apply_overlays(document, overlays)
        try:
            check_schemas(document)
        except SpecError as error:  # an overlay's change: said so, since the file's lines do not show it
            raise SpecError(f"{error.message} (after the overlays)", source=source, pointer=error.pointer) from None
    spec = Spec(document, source=source, base_uri=Path(source).resolve().as_uri())
    spec.overlays = tuple(applied)
    return spec
