"""The spec as templates see it: APIs (operations grouped by tag), models, security schemes.

Everything here is plain data read from a ``Spec``. Spec text (summaries,
descriptions, examples) is carried as values; templates print it, never compile it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .._model.face import signature
from .._model.schema import merged, resolve_pointer
from .._model.spec import SIGNATURE_HEADER, Operation, Spec
from ._examples import example_value
from ._links import DEFAULT_LINK_BASE
from ._types import TypeExpr, camelize, describe, model_names, variants

__all__ = ["ApiView", "BodyView", "ModelView", "OperationView", "ParamView", "PropertyView", "TemplateContext", "build"]

_DEFAULT_MEDIA = "application/json"


@dataclass(frozen=True)
class ParamView:
    """A path, query, header or cookie parameter (and, as ``BodyView``, the request body)."""

    name: str
    python_name: str
    location: str
    required: bool
    description: str
    type: TypeExpr
    schema: Mapping[str, Any]
    example: Any
    has_default: bool = False
    default: Any = None
    enum: tuple[Any, ...] = ()
    read_only: bool = False


@dataclass(frozen=True)
class BodyView(ParamView):
    """The request body: a ``ParamView`` at location ``body``, with its media type."""

    content_type: str = _DEFAULT_MEDIA


@dataclass(frozen=True)
class OperationView:
    """One operation with everything a page about it shows."""

    operation_id: str
    python_name: str
    method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    tags: tuple[str, ...]
    path_params: tuple[ParamView, ...]
    query_params: tuple[ParamView, ...]
    header_params: tuple[ParamView, ...]
    body: BodyView | None
    params: tuple[ParamView | BodyView, ...]
    """Path parameters, the body, then the others: required before optional, else in spec order."""
    python_args: tuple[str, ...]
    """The method's positional parameters, in order (path parameters, then the body)."""
    returns: TypeExpr | None
    success_status: int
    success_example: Any
    security: tuple[str, ...]
    client_keywords: str
    """Client keywords (with placeholders) for the first security requirement, "" for an open operation."""
    content_types: tuple[str, ...]
    accept: tuple[str, ...]
    errors: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ApiView:
    """Operations that share their first tag, e.g. ``IntegrationApi``."""

    name: str
    tag: str
    description: str
    operations: tuple[OperationView, ...]


@dataclass(frozen=True)
class PropertyView:
    """One property of a model."""

    name: str
    required: bool
    title: str
    description: str
    type: TypeExpr
    has_default: bool
    default: Any
    enum: tuple[Any, ...]
    read_only: bool


@dataclass(frozen=True)
class ModelView:
    """A component schema."""

    name: str
    raw_name: str
    description: str
    type: TypeExpr
    properties: tuple[PropertyView, ...]
    additional: TypeExpr | None
    example: Any
    used_by: tuple[str, ...] = ()
    variants: tuple[tuple[str, str, str, str], ...] = ()
    """Tagged variants (``_types.variants``): ``(tag property, tag value, property, its model name)``, e.g.
    ``("effectType", "setDiscount", "props", "SetDiscountEffectProps")``."""


@dataclass(frozen=True)
class SchemeView:
    """A security scheme."""

    name: str
    type: str
    location: str
    parameter: str
    scheme: str
    description: str
    client_keywords: str
    """How a ``talon_dyn.Client`` is given this credential (placeholders, never a real value)."""


@dataclass(frozen=True)
class TemplateContext:
    """What every template receives."""

    title: str
    version: str
    description: str
    servers: tuple[str, ...]
    base_url: str
    apis: tuple[ApiView, ...]
    models: tuple[ModelView, ...]
    security: tuple[SchemeView, ...]
    operations: tuple[OperationView, ...] = field(default=())
    link_base: str = DEFAULT_LINK_BASE
    """Where the spec's root-relative links point (``talon-dyn docs --link-base URL``)."""
    overlays: tuple[str, ...] = ()
    """The overlays applied to the spec before rendering, in order (``--overlay``)."""
    client: str = "talon_dyn.Client"
    """The client class the examples use: the one typed for this spec (``talon_dyn.current.Client`` for the
    bundled "current")."""
    client_spec: str = ""
    """A ``spec=`` keyword the examples' client needs (a spec that is not bundled), or empty."""
    types_module: str | None = "talon_dyn.types"
    """The module of this spec's TypedDicts, to annotate the examples' bodies (None: none is shipped)."""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _enum(schema: Mapping[str, Any]) -> tuple[Any, ...]:
    if isinstance(schema.get("enum"), list):
        return tuple(schema["enum"])
    items = schema.get("items")
    if schema.get("type") == "array" and isinstance(items, Mapping) and isinstance(items.get("enum"), list):
        return tuple(items["enum"])
    return ()


def _param_example(spec: Spec, raw: Mapping[str, Any], schema: Mapping[str, Any], name: str) -> Any:
    if "example" in raw:
        return raw["example"]
    examples = raw.get("examples")
    if isinstance(examples, Mapping):
        for item in examples.values():
            if isinstance(item, Mapping) and "value" in item:
                return item["value"]
    declared = any(key in schema for key in ("examples", "example", "default", "enum", "const"))
    if schema.get("type") in (None, "string") and not schema.get("format") and not declared:
        return f"{name}_example"
    return example_value(spec, schema, name)


def declared_only(spec: Spec, schema: Any, value: Any, depth: int = 0) -> Any:
    """An example with only the keys its schema declares, at every depth: a vendor's example may carry more
    (open objects allow it), and the typed client's TypedDicts, which list the declared keys, would refuse it."""
    if depth > 12:
        return value
    shape = merged(spec.document, schema, source=spec.source)
    if isinstance(value, dict):
        properties = shape.get("properties") or {}
        extra = shape.get("additionalProperties")
        if not properties and isinstance(extra, Mapping):  # a map: every value of the map's schema
            return {key: declared_only(spec, extra, item, depth + 1) for key, item in value.items()}
        if not properties:
            return value
        return {
            key: declared_only(spec, properties[key], item, depth + 1)
            for key, item in value.items()
            if key in properties
        }
    if isinstance(value, list) and isinstance(shape.get("items"), (Mapping, bool)):
        return [declared_only(spec, shape["items"], item, depth + 1) for item in value]
    return value


def client_keywords(name: str, scheme: Mapping[str, Any]) -> str:
    """The ``Client(...)`` keywords that satisfy one security scheme, with placeholder values."""
    header = str(scheme.get("name") or "").lower()
    if header == SIGNATURE_HEADER:
        return 'application_id=1, application_key="0123456789abcdef"'
    if name == "api_key_v1" or (scheme.get("type") == "apiKey" and header == "authorization"):
        return 'api_key="YOUR_API_KEY"'
    return f'credentials={{"{name}": "YOUR_CREDENTIAL"}}'


def _operation(spec: Spec, operation: Operation, names: Mapping[str, str]) -> OperationView:
    params: list[ParamView] = []
    for parameter in operation.parameters:
        raw = resolve_pointer(spec.document, parameter.pointer, source=spec.source)
        params.append(
            ParamView(
                name=parameter.name,
                python_name=parameter.python_name,
                location=parameter.location,
                required=parameter.required,
                description=parameter.description,
                type=describe(spec, parameter.schema, names),
                schema=parameter.schema,
                has_default="default" in parameter.schema,
                default=parameter.schema.get("default"),
                example=_param_example(spec, raw, parameter.schema, parameter.name),
                enum=_enum(spec.resolve(parameter.schema)),
            )
        )
    body = None
    if operation.body is not None:
        schema = operation.body.schema or {}
        body = BodyView(
            name=operation.body.name,
            python_name="body",
            location="body",
            schema=schema,
            required=operation.body.required,
            description=operation.body.description,
            content_type=operation.body.content_type,
            type=describe(spec, schema, names),
            example=declared_only(spec, schema, example_value(spec, schema, operation.body.name)),
        )
    path_params = tuple(p for p in params if p.location == "path")
    ordered_path = tuple(
        next(p for p in path_params if p.name == parameter.name) for parameter in operation.path_parameters
    )
    others = [p for p in params if p.location != "path"]
    others.sort(key=lambda p: not p.required)
    success = operation.responses.get(str(operation.success_status))
    returns = describe(spec, success.schema, names) if success is not None and success.schema else None
    accept: list[str] = []
    for response in operation.responses.values():
        if response.content_type and response.content_type not in accept:
            accept.append(response.content_type)
    schemes: list[str] = []
    for requirement in operation.security:
        schemes.extend(name for name in requirement if name not in schemes)
    return OperationView(
        operation_id=operation.operation_id,
        python_name=operation.python_name,
        method=operation.method,
        path=operation.path,
        summary=operation.summary,
        description=operation.description,
        deprecated=operation.deprecated,
        tags=operation.tags,
        path_params=ordered_path,
        query_params=tuple(p for p in params if p.location == "query"),
        header_params=tuple(p for p in params if p.location == "header"),
        body=body,
        params=(*ordered_path, *([body] if body else []), *others),
        python_args=tuple(
            name
            for name, parameter in signature(operation).parameters.items()
            if parameter.kind is parameter.POSITIONAL_OR_KEYWORD
        ),
        returns=returns,
        success_status=operation.success_status,
        success_example=example_value(spec, success.schema) if success is not None and success.schema else None,
        security=tuple(schemes),
        client_keywords=", ".join(
            client_keywords(name, spec.security_schemes.get(name) or {})
            for name in (operation.security[0] if operation.security else ())
        ),
        content_types=(operation.body.content_type,) if operation.body else (),
        accept=tuple(accept) or (_DEFAULT_MEDIA,),
        errors=tuple(
            (status, response.description)
            for status, response in operation.responses.items()
            if not (status.isdigit() and int(status) == operation.success_status)
        ),
    )


def _model(spec: Spec, raw_name: str, schema: Any, names: Mapping[str, str]) -> ModelView:
    schema = schema if isinstance(schema, Mapping) else {}
    required = set(schema.get("required") or ())
    properties = []
    for key, sub in (schema.get("properties") or {}).items():
        sub = sub if isinstance(sub, Mapping) else {}
        target = spec.resolve(sub)
        properties.append(
            PropertyView(
                name=str(key),
                required=key in required,
                title=_text(sub.get("title")),
                description=_text(sub.get("description")),
                type=describe(spec, sub, names),
                has_default="default" in target,
                default=target.get("default"),
                enum=_enum(target) if "$ref" not in sub else (),
                read_only=bool(target.get("readOnly")),
            )
        )
    extra = schema.get("additionalProperties")
    return ModelView(
        name=names[raw_name],
        raw_name=raw_name,
        description=_text(schema.get("description")),
        type=describe(spec, schema, {}),
        properties=tuple(properties),
        additional=describe(spec, extra, names) if isinstance(extra, Mapping) and extra else None,
        example=example_value(spec, schema, all_properties=True),
        variants=tuple(
            (tag, value, prop, names.get(unquote(ref.rsplit("/", 1)[-1]), ref))
            for tag, value, prop, ref in variants(schema)
        ),
    )


def build(spec: Spec, link_base: str = DEFAULT_LINK_BASE) -> TemplateContext:
    """Read ``spec`` into the data every template receives."""
    names = model_names(spec)
    operations = [_operation(spec, operation, names) for operation in spec.operations.values()]
    tags: dict[str, list[OperationView]] = {}
    for view in operations:
        tags.setdefault(view.tags[0] if view.tags else "default", []).append(view)
    tag_text = {
        str(tag.get("name")): _text(tag.get("description"))
        for tag in spec.document.get("tags") or []
        if isinstance(tag, Mapping)
    }
    apis = tuple(
        ApiView(name=f"{camelize(tag)}Api", tag=tag, description=tag_text.get(tag, ""), operations=tuple(views))
        for tag, views in tags.items()
    )
    schemas = (spec.document.get("components") or {}).get("schemas") or {}
    used: dict[str, list[str]] = {}
    for view in operations:
        for kind in (view.body.type if view.body else None, view.returns):
            if kind is not None and kind.model is not None and view.operation_id not in used.get(kind.model, []):
                used.setdefault(kind.model, []).append(view.operation_id)
    models = []
    for raw_name, schema in schemas.items():
        model = _model(spec, str(raw_name), schema, names)
        models.append(ModelView(**{**model.__dict__, "used_by": tuple(used.get(model.name, ()))}))
    info = spec.document.get("info") or {}
    security = tuple(
        SchemeView(
            name=str(name),
            type=_text(scheme.get("type")),
            location=_text(scheme.get("in")),
            parameter=_text(scheme.get("name")),
            scheme=_text(scheme.get("scheme")),
            description=_text(scheme.get("description")),
            client_keywords=client_keywords(str(name), scheme),
        )
        for name, scheme in spec.security_schemes.items()
        if isinstance(scheme, Mapping)
    )
    servers = tuple(spec.servers)
    return TemplateContext(
        title=_text(info.get("title")),
        version=_text(info.get("version")),
        description=_text(info.get("description")),
        servers=servers,
        base_url=servers[0] if servers else "",
        apis=apis,
        models=tuple(models),
        security=security,
        operations=tuple(operations),
        link_base=link_base,
        overlays=spec.overlays,
        **_typed_face(spec),
    )


def _typed_face(spec: Spec) -> dict[str, Any]:
    """The client class and types module the examples use for ``spec``: the typed ones of a bundled spec."""
    from .._model.spec import bundled_name

    name = bundled_name(spec.source)
    if name == "current" and not spec.overlays:
        return {"client": "talon_dyn.current.Client", "types_module": "talon_dyn.current_types"}
    if name == "2020" and not spec.overlays:
        return {}
    return {"client_spec": f', spec="{os.path.basename(spec.source)}"', "types_module": None}
