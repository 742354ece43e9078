"""What happens to a request before its answer, written once for every way in (ASGI, in-process, httpx).

``Passage`` is one request's passage: the size limit, the fault drawn for it (a status,
a delay, a dropped connection), a write overlapping another to the same session, and the
journal line once it is over. ``run`` (sleeping) and ``arun`` (awaiting) go through it whole; every way in
differs only in how it hangs up and what it makes of the answer::

    passed = app.exchange(method, path, query, headers, body).run(limit)
    if passed is None:
        ...  # dropped: close the connection without an answer
    (status, headers, body), late = passed  # late: ``limit`` ran out during a delay fault
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .._time import format_time
from .faults import Fault, Faults, SessionWrites
from .replies import Answer, problem, reply

if TYPE_CHECKING:
    from ..._model.spec import Operation

__all__ = ["ADMIN_PREFIX", "Gate", "Journal", "Passage"]

ADMIN_PREFIX = "/__sandbox/"
"""Reserved for the sandbox's own endpoints (journal, reset, clock): outside every path of the spec."""
JOURNAL_SIZE = 1000

Match = Callable[[str, str], "tuple[Operation, dict[str, str]] | None"]


class Journal:
    """The recent requests (at most ``JOURNAL_SIZE``), oldest first; never a header, a body or a query string."""

    def __init__(self, clock: Callable[[], Any], match: Match) -> None:
        self._clock = clock
        self._match = match
        self._entries: deque[dict[str, Any]] = deque(maxlen=JOURNAL_SIZE)

    def note(self, method: str, raw_path: str, status: int | None, fault: str | None) -> None:
        """Add one request (the sandbox's own endpoints are not noted)."""
        if raw_path.startswith(ADMIN_PREFIX):
            return
        found = self._match(method, raw_path)
        self._entries.append(
            {
                "time": format_time(self._clock()),
                "operation": found[0].operation_id if found else None,
                "method": method,
                "path": raw_path,
                "status": status,
                "fault": fault,
            }
        )

    def clear(self) -> None:
        self._entries.clear()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)


class Gate:
    """The faults drawn per request and the session writes in flight (``parallel_session_writes: conflict``)."""

    def __init__(self, faults: Faults, match: Match) -> None:
        self.faults = faults
        self.session_writes = SessionWrites()
        self._match = match

    def admit(self, method: str, raw_path: str) -> tuple[Fault | None, str | None]:
        """The fault drawn for a request and the session whose write it is (each None when there is none)."""
        if not self.faults or raw_path.startswith(ADMIN_PREFIX):
            return None, None
        found = self._match(method, raw_path)
        if found is None:
            return None, None
        operation, path_values = found
        session = None
        if self.faults.parallel_session_writes == "conflict" and method != "GET":
            session = path_values.get("customerSessionId")
        return self.faults.pick(operation.operation_id), session


def _status_fault(fault: Fault, path: str) -> Answer:
    """The answer of a status fault: a Talon-shaped ErrorResponse, with Retry-After when asked for."""
    extra = [("retry-after", str(fault.retry_after))] if fault.retry_after is not None else []
    return reply(fault.status, fault.error_body(path), extra)


def _conflict() -> Answer:
    """Talon's answer to a write overlapping another write to the same session."""
    details = "another request is updating this customer session"
    conflict = problem(409, "Avoid parallel requests", "Conflict", details, {"parameter": "customerSessionId"})
    return reply(409, conflict.body())


class Passage:
    """One request through the sandbox, from admission to the journal (see the module's docstring)."""

    __slots__ = (
        "_early",
        "_gate",
        "_journal",
        "_respond",
        "_session",
        "delay",
        "drop",
        "label",
        "method",
        "path",
        "status",
    )

    def __init__(
        self,
        gate: Gate,
        journal: Journal,
        respond: Callable[[], Answer],
        method: str,
        path: str,
        *,
        too_large: int | None = None,
    ) -> None:
        self._gate, self._journal, self._respond = gate, journal, respond
        self.method, self.path = method, path
        self.status: int | None = None
        self.drop = False
        self.delay = 0.0
        self.label: str | None = None
        self._session: str | None = None
        self._early: Answer | None = None
        if too_large is not None:  # refused before anything is drawn for it
            message = f"Request body too large: the limit is {too_large} bytes"
            self._early = reply(413, {"message": message})
            return
        fault, session = gate.admit(method, path)
        if fault is not None:
            self.label = fault.label
            if fault.kind == "drop":  # noted now: the caller hangs up next, and the client may look at once
                self.drop = True
                journal.note(method, path, None, self.label)
                return
            if fault.kind == "status":
                self._early = _status_fault(fault, path.split("?", 1)[0])
                return
            self.delay = fault.delay
        if session is not None:
            if gate.session_writes.enter(session):
                self._session = session
            else:
                self._early, self.label, self.delay = _conflict(), "parallel session write", 0.0  # answered at once

    def answer(self) -> Answer:
        """The answer: an early one (size, status fault, conflict), else the pipeline's."""
        answered = self._early if self._early is not None else self._respond()
        self.status = answered[0]
        return answered

    def run(self, limit: float = math.inf) -> tuple[Answer, bool] | None:
        """The whole passage for a caller that waits by sleeping: None when the request is dropped (the caller
        hangs up), else the answer and whether a delay fault outlasted ``limit`` (the seconds the caller waits).
        A delay is slept, never past ``limit``; the request is applied all the same (the caller stopped waiting,
        not the server), and a caller that was late times out."""
        with self:
            if self.drop:
                return None
            wait, late = self._wait(limit)
            if wait:
                time.sleep(wait)
            return self.answer(), late

    async def arun(self, limit: float = math.inf) -> tuple[Answer, bool] | None:
        """``run`` for a caller on an event loop: a delay is awaited, so the loop goes on (another write to the same
        session overlaps it)."""
        with self:
            if self.drop:
                return None
            wait, late = self._wait(limit)
            if wait:
                await asyncio.sleep(wait)
            return self.answer(), late

    def _wait(self, limit: float) -> tuple[float, bool]:
        return (max(limit, 0.0), True) if self.delay > limit else (self.delay, False)

    def __enter__(self) -> Passage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Release the session's write and note the answered request (not one cut short: dropped ones are noted
        on admission)."""
        if self._session is not None:
            self._gate.session_writes.leave(self._session)
        if self.status is not None:
            self._journal.note(self.method, self.path, self.status, self.label)
