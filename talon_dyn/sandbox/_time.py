"""Timestamps as the service writes them (RFC 3339, milliseconds, ``Z``) and the injectable clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "format_time", "parse_time", "system_clock"]

Clock = Callable[[], datetime]
"""A function returning the current time; aware datetimes are converted to UTC, naive ones taken as UTC."""


def system_clock() -> datetime:
    """The real current time in UTC."""
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def format_time(moment: datetime) -> str:
    """``2021-02-23T10:07:04.343Z``: RFC 3339 in UTC with milliseconds."""
    return _utc(moment).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def parse_time(text: str) -> datetime:
    """Read an RFC 3339 timestamp (``Z`` or an offset; ``T`` or a space) as an aware UTC datetime."""
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    return _utc(datetime.fromisoformat(value))
