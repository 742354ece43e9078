"""When to try a request again, and how long to wait first.

Retries happen on connection errors, timeouts and the statuses 429, 502, 503 and
504, with exponential backoff, full jitter, a cap on attempts and a total time
budget; ``Retry-After`` (seconds or an HTTP date) is honoured up to a cap. A
request is repeated only when that is safe: idempotent methods (GET, PUT, DELETE,
HEAD, OPTIONS), any request that provably never reached the server (the
connection was refused or never made), or when the caller opted in with
``Retry(unsafe=True)`` for a call or an operation. Clocks, sleep and randomness are
injectable, so waits are tested without sleeping.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["IDEMPOTENT_METHODS", "RETRY_STATUSES", "Attempts", "Retry", "describe"]

IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # imported here: most programs never retry, and asyncio is slow to import

    await asyncio.sleep(seconds)


@dataclass(frozen=True)
class Retry:
    """A retry policy. ``Retry.never()`` sends once; the default tries three times."""

    attempts: int = 3
    backoff: float = 0.25
    max_backoff: float = 8.0
    budget: float = 30.0
    retry_after_cap: float = 30.0
    statuses: frozenset[int] = RETRY_STATUSES
    unsafe: bool = False
    unsafe_operations: frozenset[str] = frozenset()
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    asleep: Callable[[float], Awaitable[None]] = field(default=_asyncio_sleep, repr=False, compare=False)
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    now: Callable[[], float] = field(default=time.time, repr=False, compare=False)
    """Wall-clock seconds since the epoch, to read a Retry-After date against (``clock`` is monotonic)."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("Retry.attempts must be at least 1")
        if self.backoff < 0 or self.max_backoff < 0 or self.budget < 0 or self.retry_after_cap < 0:
            raise ValueError("Retry waits and budget must not be negative")

    @classmethod
    def never(cls) -> Retry:
        """Send every request exactly once."""
        return cls(attempts=1)

    def but(self, **changes: object) -> Retry:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def may_repeat(self, method: str, operation_id: str, *, reached_server: bool) -> bool:
        """Whether repeating is safe for this request."""
        if not reached_server:
            return True
        return method.upper() in IDEMPOTENT_METHODS or self.unsafe or operation_id in self.unsafe_operations

    def wait(self, attempt: int, headers: Mapping[str, str] | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
        ceiling = min(self.max_backoff, self.backoff * 2.0 ** (attempt - 1))
        delay = ceiling * self.random()
        retry_after = _retry_after(headers, self.now) if headers else None
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.retry_after_cap))
        return delay


def _retry_after(headers: Mapping[str, str], now: Callable[[], float]) -> float | None:
    """Seconds a Retry-After header asks for: delay-seconds or an HTTP date; None when absent or unreadable."""
    value = str(headers.get("retry-after") or headers.get("Retry-After") or "")
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() is true, and a latin-1 header may carry it
        return float(value)
    from datetime import UTC
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:  # "-0000" dates parse as naive; RFC 9110 dates are always GMT
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now())


class Attempts:
    """The retry loop of one call, in one owner: attempt count, waits, the budget and why each attempt ended.

    Both clients drive it the same way (the async one with ``await``)::

        attempts = Attempts(retry, operation_id, method, attempt_limit)
        while True:
            outcome = <one attempt, bounded by attempts.seconds()>  # a Reply, or the WireError
            if attempts.over(outcome):
                return <finish outcome>                            # data, or the error with attempts.history
            retry.sleep(attempts.wait)

    The budget bounds the whole call: no attempt starts when its wait would pass the budget,
    and each attempt's own time limit is cut to what is left of it.
    """

    __slots__ = ("_limit", "_method", "_operation", "_started", "count", "history", "retry", "stop", "wait")

    def __init__(self, retry: Retry, operation_id: str, method: str, attempt_limit: float) -> None:
        self.retry = retry
        self._operation = operation_id
        self._method = method
        self._limit = attempt_limit
        self._started = retry.clock()
        self.count = 0
        self.history: list[str] = []
        """Why each attempt ended ("" for one that ended in a definitive answer)."""
        self.stop = ""
        """Why the last failed attempt was not repeated, when it could have been."""
        self.wait = 0.0

    def seconds(self) -> float:
        """How long the next attempt may take: its own limit, or what is left of the budget."""
        left = self.retry.budget - (self.retry.clock() - self._started)
        return max(min(self._limit, left), 0.001)

    def over(self, outcome: Any) -> bool:
        """Record one attempt's outcome (a reply with ``.status`` and ``.header()``, or a failure with
        ``.retryable``, ``.reached_server`` and ``.error``); True when the call is over, else ``wait`` is set."""
        self.count += 1
        retry = self.retry
        status = getattr(outcome, "status", None)
        if status is None:
            if not outcome.retryable:
                self.history.append("")
                return True
            self.history.append(describe(outcome.error))
            reached, retry_after = outcome.reached_server, None
        else:
            if status not in retry.statuses:
                self.history.append("")
                return True
            self.history.append(f"HTTP {status}")
            reached, retry_after = True, outcome.header(b"retry-after")
        if self.count >= retry.attempts:
            return True
        if not retry.may_repeat(self._method, self._operation, reached_server=reached):
            self.stop = f"not repeated: a {self._method} that may have reached the server is repeated only with "
            self.stop += "Retry(unsafe=True) or Retry(unsafe_operations=...)"
            return True
        wait = retry.wait(self.count, {"retry-after": retry_after} if retry_after is not None else None)
        if retry.clock() - self._started + wait > retry.budget:
            self.stop = "time budget spent"
            return True
        self.wait = wait
        return False

    @property
    def failed_every_time(self) -> bool:
        """Whether more than one attempt was made and the last failed in a way a repeat could have mended."""
        return len(self.history) > 1 and bool(self.history[-1])

    def lines(self, last_reason: str) -> list[str]:
        """One line per attempt, the last one's reason given (with why it was not repeated)."""
        last = last_reason if not self.stop else f"{last_reason} ({self.stop})"
        return [*self.history[:-1], last]


def describe(error: BaseException) -> str:
    """One line on why an attempt failed: the error's type and message, without the operation's name."""
    text = str(error)
    operation = getattr(error, "operation", None)
    if operation and text.startswith(f"{operation}: "):
        text = text[len(operation) + 2 :]
    return f"{type(error).__name__}: {text}"
