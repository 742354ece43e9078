"""Loyalty ledgers over time: entries in, balances out, at any moment of the sandbox clock.

A ledger is the list of its entries (the store's ``ledgerEntry`` entities, one owner per profile and program or
per card). An *addition* has a start (``immediate``, or the time its ``pendingDuration`` ends) and an expiry
(``unlimited``, or its start plus ``expiryDuration``); a *subtraction* is a deduction (a rule's
``deductLoyaltyPoints``: it spends active points, the soonest to expire first) or the rollback of one addition
(``_of``: a cancelled, reopened or returned session). Balances are never stored: :func:`balances` replays the
entries up to a moment, so moving the clock is all it takes for pending points to activate and points to expire.

The rules (SEMANTICS.md and the current spec's own words): only active points can be deducted; a program's
``returnPolicy`` says what a rollback may take (``only_pending``, the default: pending points only;
``within_balance``: active points too, never below zero); ``expiredBalance`` and ``spentBalance`` of the
current API's ``LedgerInfo`` are "**DEPRECATED** Value is shown as 0", while ``LoyaltyBalance`` (balances
operations) counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .._storage import Doc
from .._time import format_time, parse_duration, parse_time

__all__ = [
    "Balance",
    "ProgramDef",
    "addition_window",
    "balances",
    "card_owner",
    "entry_left",
    "ledger_info",
    "loyalty_balance",
    "points_status",
    "profile_owner",
]

_FOREVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class ProgramDef:
    """A loyalty program of the campaigns file (``loyaltyPrograms``); a program only named by a rule gets the
    defaults: its name and title derived from its id, points active at once and never expiring."""

    id: int
    name: str
    title: str
    pending_duration: str | None = None
    expiry_duration: str | None = None
    return_policy: str = "only_pending"

    @classmethod
    def default(cls, program_id: int) -> ProgramDef:
        return cls(program_id, f"program-{program_id}", f"Loyalty program {program_id}")


@dataclass
class Balance:
    """One sub-ledger's points at a moment."""

    active: float = 0.0
    pending: float = 0.0
    spent: float = 0.0
    expired: float = 0.0

    def as_loyalty_balance(self) -> Doc:
        """The current API's ``LoyaltyBalance``."""
        return {
            "activePoints": _points(self.active),
            "pendingPoints": _points(self.pending),
            "spentPoints": _points(self.spent),
            "expiredPoints": _points(self.expired),
            "negativePoints": 0.0,
        }


def _points(value: float) -> float:
    return round(value + 0.0, 6)


def profile_owner(program: Any, integration_id: str) -> str:
    """The owner of a profile's ledger entries in one loyalty program."""
    return f"profile:{program}:{integration_id}"


def card_owner(program: Any, identifier: str) -> str:
    """The owner of a loyalty card's ledger entries."""
    return f"card:{program}:{identifier}"


def addition_window(created: datetime, pending: str | None, expiry: str | None) -> tuple[str, str]:
    """An addition's ``startDate`` and ``expiryDate`` as the ledger writes them: ``immediate`` / ``unlimited``, or
    RFC 3339 times from the durations."""
    start = created + parse_duration(pending) if pending else None
    end = (start or created) + parse_duration(expiry) if expiry else None
    return (
        "immediate" if start is None else format_time(start),
        "unlimited" if end is None else format_time(end),
    )


def _start(entry: Mapping[str, Any]) -> datetime:
    value = entry.get("startDate")
    return parse_time(entry["created"] if value in (None, "", "immediate") else str(value))


def _expiry(entry: Mapping[str, Any]) -> datetime | None:
    value = entry.get("expiryDate")
    return None if value in (None, "", "unlimited") else parse_time(str(value))


def _replay(entries: Iterable[Mapping[str, Any]], at: datetime) -> tuple[dict[int, float], dict[str, Balance]]:
    """What is left of each addition at ``at`` and every sub-ledger's balance then."""
    additions: dict[int, Mapping[str, Any]] = {}
    left: dict[int, float] = {}
    spent: dict[str, float] = {}
    ordered = sorted(
        (entry for entry in entries if parse_time(entry["created"]) <= at),
        key=lambda entry: (parse_time(entry["created"]), int(entry["id"])),
    )
    for entry in ordered:
        number, amount, subledger = int(entry["id"]), float(entry["amount"]), str(entry.get("subledgerId") or "")
        if entry["type"] == "addition":
            additions[number] = entry
            left[number] = amount
            continue
        moment = parse_time(entry["created"])
        rolled = entry.get("_of")
        if rolled is not None and int(rolled) in left:  # a rollback: that addition first
            taken = min(amount, left[int(rolled)])
            left[int(rolled)] -= taken
            amount -= taken
        active = [
            number
            for number, addition in additions.items()
            if str(addition.get("subledgerId") or "") == subledger
            and left[number] > 0
            and _start(addition) <= moment
            and (_expiry(addition) or _FOREVER) > moment
        ]
        active.sort(key=lambda n: (_expiry(additions[n]) or _FOREVER, n))
        for number in active:
            if amount <= 0:
                break
            taken = min(amount, left[number])
            left[number] -= taken
            amount -= taken
            if rolled is None:
                spent[subledger] = spent.get(subledger, 0.0) + taken
    result: dict[str, Balance] = {key: Balance(spent=value) for key, value in spent.items()}
    for number, addition in additions.items():
        balance = result.setdefault(str(addition.get("subledgerId") or ""), Balance())
        expiry = _expiry(addition)
        if _start(addition) > at:
            balance.pending += left[number]
        elif expiry is not None and expiry <= at:
            balance.expired += left[number]
        else:
            balance.active += left[number]
    return left, result


def balances(entries: Iterable[Mapping[str, Any]], at: datetime) -> dict[str, Balance]:
    """Every sub-ledger's balance at ``at`` (``""`` is the program's main ledger)."""
    return _replay(entries, at)[1]


def entry_left(entries: Sequence[Mapping[str, Any]], at: datetime) -> dict[int, float]:
    """What is left of each addition (by entry id) at ``at``: not yet spent, rolled back or expired."""
    return _replay(entries, at)[0]


def points_status(entry: Mapping[str, Any], at: datetime) -> str:
    """An addition's status at ``at``: ``pending`` (not started), ``expired`` or ``active``."""
    expiry = _expiry(entry)
    if _start(entry) > at:
        return "pending"
    return "expired" if expiry is not None and expiry <= at else "active"


def loyalty_balance(entries: Iterable[Mapping[str, Any]], at: datetime, subledger: str | list[str] | None) -> Doc:
    """The current API's ``LoyaltyBalances`` of one ledger: the main ledger (or ``subledger``) and the other
    sub-ledgers (only those named, when ``subledger`` is a list: the card operation's "one or more" IDs)."""
    found = balances(entries, at)
    named = subledger if isinstance(subledger, list) else None
    chosen = found.get(subledger if isinstance(subledger, str) else "", Balance())
    others = {
        key: value.as_loyalty_balance() for key, value in found.items() if key and (named is None or key in named)
    }
    return {"balance": chosen.as_loyalty_balance(), "subledgerBalances": others}


def ledger_info(balance: Balance, *, current: bool, tentative: float = 0.0, tentative_pending: float = 0.0) -> Doc:
    """One ledger in a profile's ``Loyalty``: the 2020 API's ``currentBalance`` (active points); the current API's
    ``LedgerInfo`` adds the pending balance and the tentative balances, which add what the open session would
    credit or take (``tentative``, ``tentative_pending``). Spent and expired are 0 there: the spec calls them
    "DEPRECATED Value is shown as 0"."""
    if not current:
        return {"currentBalance": _points(balance.active)}
    return {
        "currentBalance": _points(balance.active),
        "pendingBalance": _points(balance.pending),
        "expiredBalance": 0.0,
        "spentBalance": 0.0,
        "tentativeCurrentBalance": _points(max(0.0, balance.active + tentative)),
        "tentativePendingBalance": _points(balance.pending + tentative_pending),
    }
