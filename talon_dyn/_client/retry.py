"""When to try a request again, how long to wait first, and the one deadline of a call.

Retries happen on connection errors, timeouts and the statuses of ``Retry.statuses``
(409, 429, 502, 503, 504), with exponential backoff, full jitter and a cap on attempts.
A request is repeated only when that is safe:

* it provably never reached the server (the connection was refused or never made);
* the server *refused* it before doing anything: a 429 (any method), or Talon's 409
  "Avoid parallel requests" on a PUT of an operation that documents 409;
* it is idempotent: GET, PUT, DELETE, HEAD, OPTIONS - except a session update that
  changes the session's state (close, cancel, ...), which is not (SEMANTICS 3.1: a repeated
  close is answered 400 and its effects are lost), and except when an ``Idempotency-Key``
  makes any method safe to repeat;
* or the caller opted in with ``Retry(unsafe=True)`` / ``unsafe_operations=``.

The call's **deadline** bounds everything: every attempt, every wait, every ``Retry-After``.
No attempt starts when its wait would pass the deadline, each attempt's own limit is cut
to what is left of it, and a ``Retry-After`` past the deadline (or past ``retry_after_cap``)
ends the call at once. Clocks, sleep and randomness are injectable, so waits are tested
without sleeping.
"""

from __future__ import annotations

import functools
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .._exceptions import AttemptRecord, ConfigurationError

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRY_STATUSES",
    "Attempts",
    "Repeat",
    "Retry",
    "check_seconds",
    "describe",
    "repeat_rule",
    "retry_after_seconds",
]

IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({409, 429, 502, 503, 504})
REFUSED = frozenset({429})
"""Answers that mean the server refused the request before doing anything, whatever the operation."""


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # imported here: most programs never retry, and asyncio is slow to import

    await asyncio.sleep(seconds)


def check_seconds(name: str, value: Any, *, zero: bool = False) -> float:
    """``value`` as a finite number of seconds, positive (or zero when ``zero``); else a ConfigurationError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be a number of seconds, not {value!r}")
    seconds = float(value)
    if math.isnan(seconds) or math.isinf(seconds) or seconds < 0 or (seconds == 0 and not zero):
        wanted = "zero or more" if zero else "more than zero"
        raise ConfigurationError(f"{name} must be a finite number of seconds, {wanted}, not {value!r}")
    return seconds


@dataclass(frozen=True)
class Retry:
    """A retry policy. ``Retry.never()`` sends once; the default tries three times.

    ``budget`` (seconds, optional) stops retrying once that much of the call has passed; the
    client's ``deadline`` bounds the whole call in any case, and the smaller of the two wins.
    """

    attempts: int = 3
    backoff: float = 0.25
    max_backoff: float = 8.0
    conflict_backoff: float = 1.0
    """The backoff of a 409 (Talon's "Avoid parallel requests": another request holds the session, for as long
    as that request takes): 0.5 to 1 times this before the second attempt, twice that before the third, so the
    retry outlasts a typical conflict instead of spending every attempt inside it."""
    budget: float | None = None
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
        if isinstance(self.attempts, bool) or not isinstance(self.attempts, int) or self.attempts < 1:
            raise ConfigurationError(f"Retry.attempts must be a whole number, at least 1, not {self.attempts!r}")
        for name in ("backoff", "max_backoff", "retry_after_cap", "conflict_backoff"):
            check_seconds(f"Retry.{name}", getattr(self, name), zero=True)
        if self.budget is not None:
            check_seconds("Retry.budget", self.budget)
        if not all(isinstance(code, int) and 100 <= code <= 599 for code in self.statuses):
            raise ConfigurationError(f"Retry.statuses must be HTTP status codes, not {sorted(self.statuses)!r}")
        object.__setattr__(self, "statuses", frozenset(self.statuses))
        object.__setattr__(self, "unsafe_operations", frozenset(self.unsafe_operations))

    @classmethod
    def never(cls) -> Retry:
        """Send every request exactly once."""
        return cls(attempts=1)

    def but(self, **changes: object) -> Retry:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def backoff_for(self, attempt: int, status: int | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1), without Retry-After: full
        jitter up to the exponential backoff; after a 409, at least half of ``conflict_backoff``'s."""
        if status == 409:
            ceiling = min(self.max_backoff, self.conflict_backoff * 2.0 ** (attempt - 1))
            return ceiling * (0.5 + self.random() / 2)
        ceiling = min(self.max_backoff, self.backoff * 2.0 ** (attempt - 1))
        return ceiling * self.random()


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds a Retry-After value asks for: delay-seconds or an HTTP date; None when absent or unreadable."""
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


@dataclass(frozen=True, slots=True)
class Repeat:
    """What is safe to repeat for one request (worked out by the client from the operation and the body).

    ``after_reaching``: whether the request may be sent again once it may have reached the server
    (an idempotent method that changes no session state, an ``Idempotency-Key``, or an opt-in);
    ``refusals``: the statuses that mean the server refused it without doing anything.
    ``why_not``: what makes it unsafe to repeat, for the error message.
    """

    after_reaching: bool
    refusals: frozenset[int] = REFUSED
    why_not: str = ""


@functools.lru_cache(maxsize=512)
def repeat_rule(
    method: str, *, conflict_documented: bool, idempotent: bool, state_change: str | None, unsafe: bool, keyed: bool
) -> Repeat:
    """What may be repeated for a request of ``method``: ``idempotent`` is the operation's own word (False for
    one its spec marks ``x-talon-dyn-idempotent: false``), ``state_change`` the session state its body sets
    (None when it sets none, or sets "open"), ``keyed`` whether it carries an ``Idempotency-Key``."""
    refusals = REFUSED | ({409} if method == "PUT" and conflict_documented else set())
    if unsafe or keyed:
        return Repeat(True, frozenset(refusals))
    if method not in IDEMPOTENT_METHODS or not idempotent:
        why = f"a {method} that may have reached the server is repeated only with Retry(unsafe=True) or "
        why += "Retry(unsafe_operations=...)"
        return Repeat(False, frozenset(refusals), why)
    if state_change is not None:
        why = f"it moves the session to {state_change!r}, and a state change that may have been applied is not "
        why += "repeated (a second one is refused, and the first one's effects would be lost); read the session back"
        return Repeat(False, frozenset(refusals), why)
    return Repeat(True, frozenset(refusals))


class Attempts:
    """The retry loop of one call, in one owner: attempt count, waits, the deadline and why each attempt ended.

    Both clients drive it the same way (the async one with ``await``)::

        attempts = Attempts(retry, repeat, attempt_limit, deadline)
        while True:
            outcome = <one attempt, bounded by attempts.seconds()>  # a Reply, or the WireError
            if attempts.over(outcome):
                return <finish outcome>                            # data, or the error with attempts.history
            retry.sleep(attempts.wait)
    """

    __slots__ = (
        "_deadline",
        "_limit",
        "_repeat",
        "_sent",
        "_started",
        "count",
        "cut_by_deadline",
        "deadline",
        "done",
        "history",
        "retry",
        "retry_after",
        "stop",
        "wait",
    )

    def __init__(self, retry: Retry, repeat: Repeat, attempt_limit: float, deadline: float) -> None:
        self.retry = retry
        self._repeat = repeat
        self._limit = attempt_limit
        self.deadline = deadline if retry.budget is None else min(deadline, retry.budget)
        """Seconds the whole call may take (the client's deadline, or the retry budget when smaller)."""
        self._started = retry.clock()
        self.count = 0
        self.history: list[str] = []
        """Why each attempt ended ("" for one that ended in a definitive answer)."""
        self.stop = ""
        """Why the last failed attempt was not repeated, when it could have been."""
        self.wait = 0.0
        self.retry_after: float | None = None
        """The last answer's Retry-After, in seconds (None when it had none)."""
        self.cut_by_deadline = False
        """Whether the last attempt's time limit was cut to what was left of the deadline."""
        self._sent = self._started
        self.done: list[tuple[float, int | None, str | None, bool]] = []
        """What each attempt did, measured once here: (elapsed, status, error kind, may have reached the server).
        Middleware's ``Attempt`` reads its elapsed; ``records`` makes the ``AttemptRecord`` s when the call ends
        and someone reads them (an error, an ``ApiResponse``), not on every call."""

    @property
    def limit(self) -> float:
        """Each attempt's own time limit: the ``timeout`` the caller set, in total."""
        return self._limit

    def seconds(self) -> float:
        """How long the next attempt may take: its own limit, or what is left of the deadline."""
        now = self.retry.clock()
        self._sent = now
        left = self.deadline - (now - self._started)
        self.cut_by_deadline = left < self._limit
        return max(min(self._limit, left), 0.001)

    def over(self, outcome: Any) -> bool:
        """Record one attempt's outcome (a reply with ``.status`` and ``.header()``, or a failure with
        ``.retryable``, ``.reached_server`` and ``.error``); True when the call is over, else ``wait`` is set."""
        self.count += 1
        retry, repeat = self.retry, self._repeat
        status = getattr(outcome, "status", None)
        self.retry_after = None
        failure = None if status is not None else type(outcome.error).__name__
        reached_any = status is not None or bool(getattr(outcome, "reached_server", False))
        self.done.append((max(retry.clock() - self._sent, 0.0), status, failure, reached_any))
        if status is None:
            if not outcome.retryable:
                self.history.append("")
                return True
            self.history.append(describe(outcome.error))
            reached = outcome.reached_server
        else:
            if status not in retry.statuses:
                self.history.append("")
                return True
            self.history.append(f"HTTP {status}")
            reached = status not in repeat.refusals
            self.retry_after = retry_after_seconds(outcome.header(b"retry-after"), retry.now)
        if self.count >= retry.attempts:
            return True
        if reached and not repeat.after_reaching:
            self.stop = f"not repeated: {repeat.why_not}"
            return True
        wait = retry.backoff_for(self.count, status)
        left = self.deadline - (retry.clock() - self._started)
        if self.retry_after is not None:
            if self.retry_after > retry.retry_after_cap:
                self.stop = f"not repeated: Retry-After asks for {self.retry_after:g} s, over retry_after_cap"
                self.stop += f" ({retry.retry_after_cap:g} s)"
                return True
            if self.retry_after >= left:
                self.stop = f"not repeated: Retry-After asks for {self.retry_after:g} s, past the call's deadline"
                self.stop += f" ({max(left, 0.0):.3g} s left of {self.deadline:g} s)"
                return True
            wait = max(wait, self.retry_after)
        if wait >= left:
            self.stop = f"not repeated: the call's deadline of {self.deadline:g} s leaves no time for another attempt"
            return True
        self.wait = wait
        return False

    @property
    def repeated(self) -> bool:
        """Whether more than one attempt was made."""
        return len(self.history) > 1

    def lines(self, last_reason: str) -> list[str]:
        """One line per attempt, the last one's reason given (with why it was not repeated)."""
        last = last_reason if not self.stop else f"{last_reason} ({self.stop})"
        return [*self.history[:-1], last]

    def records(self, lines: list[str]) -> tuple[AttemptRecord, ...]:
        """The attempts as ``AttemptRecord`` records: ``lines`` as their text, what each attempt did as their fields."""
        records = []
        for number, text in enumerate(lines, 1):
            if number > len(self.done):  # an attempt that never ran to its end (the call stopped before it)
                records.append(AttemptRecord(text, number=number))
                continue
            elapsed, status, error, reached = self.done[number - 1]
            records.append(
                AttemptRecord(
                    text, number=number, elapsed=elapsed, status=status, error=error, may_have_reached_server=reached
                )
            )
        return tuple(records)


def describe(error: BaseException) -> str:
    """One line on why an attempt failed: the error's type and message, without the operation's name."""
    text = str(error)
    operation = getattr(error, "operation", None)
    if operation and text.startswith(f"{operation}: "):
        text = text[len(operation) + 2 :]
    return f"{type(error).__name__}: {text}"
