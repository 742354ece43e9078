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

import pytest

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
