"""Which operation serves a request: path templates matched against the raw, percent-encoded path.

Templates with fewer parameters, then more literal text, are tried first, so
``/v1/coupon_reservations/coupons/{integrationId}`` wins over a template that
could also match it. Path values are percent-decoded only after matching, so an
encoded ``/`` in a value can never change the route.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from .spec import Operation

__all__ = ["TEMPLATE", "Router"]

TEMPLATE = re.compile(r"\{([^{}/]+)\}")


class Router:
    """Matches (method, raw path) to an operation and its decoded path values."""

    def __init__(self, operations: Iterable[Operation]) -> None:
        routes: list[tuple[int, int, re.Pattern[str], Operation]] = []
        for operation in operations:
            pattern, position = "", 0
            for found in TEMPLATE.finditer(operation.path):
                pattern += re.escape(operation.path[position : found.start()]) + "([^/]+)"
                position = found.end()
            pattern += re.escape(operation.path[position:])
            parameters = len(TEMPLATE.findall(operation.path))
            literal = len(TEMPLATE.sub("", operation.path))
            routes.append((parameters, -literal, re.compile(f"^{pattern}/?$"), operation))
        routes.sort(key=lambda route: (route[0], route[1]))
        self._routes = [(pattern, operation) for _, _, pattern, operation in routes]

    def _candidates(self, raw_path: str) -> Iterator[tuple[Operation, dict[str, str]]]:
        path = raw_path.split("?", 1)[0]
        for pattern, operation in self._routes:
            found = pattern.match(path)
            if found is None:
                continue
            try:
                values = [unquote(value, errors="strict") for value in found.groups()]
            except UnicodeDecodeError:
                continue
            names = [parameter.name for parameter in operation.path_parameters]
            yield operation, dict(zip(names, values, strict=False))

    def match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        """The operation for a request and its percent-decoded path values, or None."""
        method = method.upper()
        for operation, values in self._candidates(raw_path):
            if operation.method == method:
                return operation, values
        return None

    def allowed_methods(self, raw_path: str) -> list[str]:
        """Methods some operation serves at this path (empty when the path is unknown)."""
        return sorted({operation.method for operation, _ in self._candidates(raw_path)})
