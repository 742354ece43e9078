"""The drift a smoke run found: every answer that did not match its schema, as the client's drift ledger."""

from __future__ import annotations

import json

from .._client.drift import Drift, records_from_issues
from .._model.spec import Spec
from ._records import Report

__all__ = ["drift_of"]


def drift_of(spec: Spec, report: Report) -> Drift:
    """The drift records of the answers the ``response_schema_conformance`` check refused."""
    drift = Drift()
    for case in report.cases:
        for failure in case.failures:
            exchange = failure.exchange
            if failure.check != "response_schema_conformance" or exchange is None or exchange.response is None:
                continue
            operation = spec.operations.get(case.operation)
            documented = operation.response_for(exchange.response.status_code) if operation else None
            if operation is None or documented is None or documented.schema_pointer is None:
                continue
            try:
                body = json.loads(exchange.response.content)
            except (ValueError, RecursionError):
                continue
            issues = spec.validator.issues(documented.schema_pointer, body)
            for record in records_from_issues(operation.operation_id, exchange.response.status_code, body, issues):
                drift.add(record)
    return drift
