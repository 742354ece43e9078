"""Answers for operations the sandbox has no handler for: built from the spec alone.

The body is the response schema's first example when it validates, else the example
instance the schema toolkit builds (the same one the docs print). This keeps an
operation newly added to spec/ reachable in the sandbox without any code change.
"""

from __future__ import annotations

from typing import Any

from .._schema import deref, example_value
from .._spec import Operation, Spec

__all__ = ["synthesized"]


def synthesized(spec: Spec, operation: Operation) -> tuple[int, Any]:
    """The operation's success status and a body that validates against its response schema."""
    status = operation.success_status
    response = operation.responses.get(str(status))
    if response is None or response.schema is None or not response.is_json:
        return status, None
    target = response.schema_pointer or response.schema
    schema = deref(spec.document, response.schema, source=spec.source)
    examples = list(schema.get("examples") or []) + ([schema["example"]] if "example" in schema else [])
    for example in examples:
        if spec.validator.is_valid(target, example):
            return status, example
    return status, example_value(spec, response.schema)
