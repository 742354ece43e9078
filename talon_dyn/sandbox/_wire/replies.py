"""What the sandbox answers with: ``Answer`` (status, header pairs, body bytes) and the Talon-shaped problems."""

from __future__ import annotations

from typing import Any

from ..._json import dumps
from .._domain.context import ApiProblem

__all__ = ["INVALID", "JSON_HEADERS", "Answer", "encoded_or_problem", "problem", "reply"]

Answer = tuple[int, list[tuple[str, str]], bytes]
JSON_HEADERS = [("content-type", "application/json")]
INVALID = "The submitted data was invalid"
"""Talon's message for a 400 whose ``errors`` say what was wrong."""


def reply(status: int, body: Any, headers: list[tuple[str, str]] | None = None, encoded: bytes | None = None) -> Answer:
    """A JSON answer (``body`` None: an empty one); ``encoded`` when the body's bytes are already made."""
    extra = headers or []
    if body is None:
        return status, extra, b""
    return status, JSON_HEADERS + extra, encoded if encoded is not None else dumps(body)


def problem(status: int, message: str, title: str, details: str, source: dict[str, str]) -> ApiProblem:
    """Talon's ErrorResponse with one entry in ``errors``: what (``title``, ``details``) and where (``source``)."""
    return ApiProblem(status, message, [{"title": title, "details": details, "source": source}])


def encoded_or_problem(payload: Any) -> bytes:
    """``payload`` as JSON bytes; a 400 when a computed number cannot be JSON (it overflowed to infinity)."""
    try:
        return dumps(payload)  # NaN and the infinities refused: JSON has none
    except ValueError:
        raise problem(
            400,
            INVALID,
            "Out of range",
            "a number in the request makes a computed amount too large to represent",
            {"pointer": ""},
        ) from None
