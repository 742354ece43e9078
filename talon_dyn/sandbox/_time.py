"""Timestamps as the service writes them (RFC 3339, milliseconds, ``Z``) and the injectable clock."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

__all__ = ["DURATION_PATTERN", "Clock", "SandboxClock", "format_time", "parse_duration", "parse_time", "system_clock"]

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


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
MAX_DURATION = timedelta(days=200 * 365)
"""The longest duration taken (points pending or valid, a clock step): longer ones are a mistake."""
DURATION_PATTERN = r"^\s*(\d+(?:\.\d+)?)\s*([smhHdDwW])\s*$"
"""A duration's text: a count and a unit (the campaigns file's schema checks it with the same pattern)."""
_DURATION = re.compile(DURATION_PATTERN)


def parse_duration(text: str) -> timedelta:
    """``"14D"``, ``"36h"``, ``"90m"``, ``"30s"``, ``"2w"``: a count and a unit: ``s``, ``m`` (minutes), ``h``,
    ``d``/``D``, ``w``/``W`` (Talon writes durations such as ``30D``; its ``M`` and ``Y``, months and years, have
    no fixed length and are refused). ValueError otherwise."""
    found = _DURATION.match(text) if isinstance(text, str) else None
    if found is None:
        raise ValueError(f"{text!r} is not a duration such as 14D, 36h, 90m or 30s")
    seconds = float(found.group(1)) * _UNITS[found.group(2).lower()]
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"{text!r} is longer than the {MAX_DURATION.days // 365} years a duration may be")
    return timedelta(seconds=seconds)


LATEST = datetime(9000, 1, 1, tzinfo=UTC)
"""How far the sandbox clock goes: far enough for any test, and leaving room for the durations added to it."""


class SandboxClock:
    """The sandbox's clock: the configured clock plus an offset that tests move forwards, as payment providers'
    test clocks do. ``clock()`` is the current sandbox time; ``advance`` and ``move_to`` only go forwards (what
    the sandbox derives from time, such as points becoming active or expiring, never runs backwards)."""

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        return _utc(self._base()) + self._offset

    @property
    def base(self) -> Clock:
        """The configured clock this one runs ahead of."""
        return self._base

    def now(self) -> datetime:
        """The sandbox's current time (UTC)."""
        return self()

    @property
    def offset(self) -> timedelta:
        """How far the sandbox's time is ahead of the configured clock."""
        return self._offset

    def advance(self, by: timedelta | str | float | None = None, **parts: float) -> datetime:
        """Move the clock forwards by ``by`` (a timedelta, a duration such as ``"14D"``, or seconds) or by
        ``timedelta`` keywords (``advance(days=14)``); the new time. A negative step is a ValueError."""
        if by is None:
            step = timedelta(**parts)
        elif parts:
            raise TypeError("advance() takes a step or timedelta keywords, not both")
        elif isinstance(by, timedelta):
            step = by
        elif isinstance(by, str):
            step = parse_duration(by)
        elif isinstance(by, (int, float)) and not isinstance(by, bool):
            try:
                step = timedelta(seconds=by)
            except (OverflowError, ValueError):
                raise ValueError(f"{by!r} seconds is longer than the sandbox clock can move") from None
        else:
            raise TypeError(f"advance() takes a timedelta, a duration string or seconds, not {type(by).__name__}")
        if step < timedelta(0):
            raise ValueError("the sandbox clock only moves forwards")
        with self._lock:
            self._offset = self._bounded(self._offset + step)
        return self()

    def _bounded(self, offset: timedelta) -> timedelta:
        """``offset``, when the time it gives is not past ``LATEST``; else a ValueError."""
        try:
            if _utc(self._base()) + offset <= LATEST:
                return offset
        except OverflowError:
            pass
        raise ValueError(f"the sandbox clock stops at {format_time(LATEST)}")

    def move_to(self, moment: datetime | str) -> datetime:
        """Move the clock forwards to ``moment`` (a datetime or an RFC 3339 string); the new time."""
        target = parse_time(moment) if isinstance(moment, str) else _utc(moment)
        with self._lock:
            now = _utc(self._base()) + self._offset
            if target < now:
                raise ValueError(f"the sandbox clock only moves forwards: {format_time(target)} is before now")
            self._offset = self._bounded(self._offset + (target - now))
        return self()

    def rewind(self) -> None:
        """Back to the configured clock (what a reset does)."""
        with self._lock:
            self._offset = timedelta(0)
