"""``DocCache``: the store's documents kept decoded in memory, rolled back with the transaction.

Reading a session back from SQLite means a query and a ``json.loads`` of a 20-item
cart on every request; the cache answers from memory instead. It is write-through:
SQLite always holds every committed document, so the cache may forget any entry at
any time (it keeps at most ``capacity`` per table, oldest first out) and a miss simply
reads SQLite again. ``None`` is cached too ("no such row").

Entries are never changed in place. ``Store`` hands out a shallow copy of an entry and
stores a shallow copy of what it is given, and the sandbox replaces nested values
rather than editing them (copy on write), so an entry always equals its SQLite row.
A key written in a transaction is noted; a rollback forgets those keys (the next read
takes the restored row from SQLite), and after a bulk delete (``forget_all``) a
rollback forgets everything.
"""

from __future__ import annotations

from typing import Any, Final

from . import Doc

__all__ = ["UNKNOWN", "DocCache"]


UNKNOWN: Final[Any] = object()
"""What :meth:`DocCache.get` returns for a key it does not hold (``None`` means "no such row")."""


class DocCache:
    """Decoded documents per table and key; callers hold the store's lock."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._tables: dict[str, dict[Any, Doc | None]] = {}
        self._written: set[tuple[str, Any]] = set()
        self._cleared = False

    def __repr__(self) -> str:
        sizes = ", ".join(f"{table}={len(entries)}" for table, entries in self._tables.items())
        return f"DocCache({sizes})"

    def get(self, table: str, key: Any) -> Any:
        """The cached document (the entry itself: copy before changing it), ``None``, or :data:`UNKNOWN`."""
        entries = self._tables.get(table)
        return UNKNOWN if entries is None else entries.get(key, UNKNOWN)

    def load(self, table: str, key: Any, doc: Doc | None) -> None:
        """Remember what SQLite holds for a key that this transaction has not written."""
        entries = self._tables.setdefault(table, {})
        entries[key] = doc
        if len(entries) > self.capacity:
            del entries[next(iter(entries))]

    def put(self, table: str, key: Any, doc: Doc | None) -> None:
        """Remember a document written (or deleted, ``None``) in the current transaction."""
        self._written.add((table, key))
        entries = self._tables.setdefault(table, {})
        entries.pop(key, None)  # re-inserted last, so the most recently written is evicted last
        entries[key] = doc
        if len(entries) > self.capacity:
            del entries[next(iter(entries))]

    def forget_all(self) -> None:
        """Drop every entry (after a bulk change that bypassed :meth:`put`)."""
        self._tables.clear()
        self._cleared = True

    def commit(self) -> None:
        """The transaction's writes are committed: keep them."""
        self._written.clear()
        self._cleared = False

    def rollback(self) -> None:
        """The transaction was rolled back: forget what it wrote (or everything, after a bulk change)."""
        if self._cleared:
            self._tables.clear()
        else:
            for table, key in self._written:
                self._tables.get(table, {}).pop(key, None)
        self._written.clear()
        self._cleared = False
