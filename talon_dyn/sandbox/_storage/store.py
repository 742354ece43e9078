"""The sandbox's state, kept in SQLite through the standard library.

Every entity is one row whose ``data`` column holds its JSON document (the shape the
spec gives it, plus a few private ``_`` keys); the columns beside it exist only to be
looked up by. ``:memory:`` is the default; a file path keeps state across restarts
(WAL journal). One connection, guarded by a lock, serves every thread: each request
runs inside :meth:`Store.transaction` (``BEGIN IMMEDIATE`` ... ``COMMIT``), and any
exception rolls the whole request back, so a bad request never changes state.

Documents looked up by key (campaigns, profiles, sessions, coupons, referrals) are
also kept decoded in a write-through :class:`DocCache`, rolled back with the
transaction: a request reads them without a query or a ``json.loads``. Reads return
a shallow copy; change nested values by replacing them, never in place. A document's
key (a coupon's value, a referral's code) never changes, and one process owns a
database file (sequences and documents are kept in memory between requests): a second
process on the same file refuses to start (``DatabaseInUse``), naming the holder.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from ..._exceptions import ConfigurationError
from ..._json import dumps, loads
from . import Doc
from .cache import UNKNOWN, DocCache

__all__ = ["DatabaseInUse", "DatabaseUnusable", "Rollback", "Store"]


WAL_PAGES = 64
"""Pages (4 KiB each) the write-ahead log may hold before it is folded into the database (SQLite: 1,000)."""
WAL_LIMIT = 256 * 1024
"""Bytes the write-ahead log is cut back to after each fold (SQLite keeps it at its largest)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS campaigns (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS profiles (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, profile_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_by_profile ON sessions (profile_id);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, session_id TEXT, profile_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_profile ON events (profile_id);
CREATE TABLE IF NOT EXISTS coupons (
    id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE, campaign_id INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS referrals (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, advocate TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS referrals_by_advocate ON referrals (advocate);
CREATE TABLE IF NOT EXISTS reservations (
    coupon_id INTEGER NOT NULL, profile_id TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (coupon_id, profile_id));
CREATE INDEX IF NOT EXISTS reservations_by_profile ON reservations (profile_id);
CREATE TABLE IF NOT EXISTS entities (
    kind TEXT NOT NULL, key TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', seq INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (kind, key));
CREATE INDEX IF NOT EXISTS entities_by_owner ON entities (kind, owner, seq);
CREATE TABLE IF NOT EXISTS redemptions (
    campaign_id INTEGER NOT NULL, kind TEXT NOT NULL, profile_id TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, kind, profile_id));
"""

_TABLES = (
    "meta",
    "campaigns",
    "profiles",
    "sessions",
    "events",
    "coupons",
    "referrals",
    "reservations",
    "redemptions",
    "entities",
)


class Rollback(Exception):
    """Raised inside a transaction to end it without keeping its changes (dry runs)."""


def _dump(doc: Any) -> str:
    """A stored document's JSON text (a computed amount that overflowed is kept as ``Infinity``, as before)."""
    return dumps(doc, allow_nan=True).decode("utf-8")


class DatabaseInUse(ConfigurationError):
    """Another process serves this database file: one writer per file, or acknowledged writes get lost."""


class DatabaseUnusable(ConfigurationError):
    """A ``--db`` file that cannot hold the sandbox's state: not a database, damaged, read-only, or in a folder
    that does not exist. The message is one line naming the file and what is wrong."""


def _unusable(path: str, exc: BaseException) -> DatabaseUnusable:
    import os

    text = str(exc)
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        reason = "a folder, not a database file"
    elif not os.path.isdir(folder):
        reason = f"its folder {folder} does not exist"
    elif "not a database" in text or "malformed" in text or "file is encrypted" in text:
        reason = f"not a usable SQLite database ({text}); move it away or give another --db"
    elif "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        reason = "it (or its folder) is read-only: the sandbox writes every request's changes there"
    else:
        reason = text
    return DatabaseUnusable(f"--db {path}: {reason}")


def _lock_file(path: str) -> IO[str]:
    """Hold ``<path>.lock`` for this process (released when it closes or dies); name the holder otherwise."""
    import fcntl
    import os

    handle = open(f"{path}.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held for the store's life
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise DatabaseInUse(
            f"{path} is in use by another sandbox (process {holder}): one process per --db file, "
            "or acknowledged writes would be lost"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


class Store:
    """SQLite-backed state; every read and write happens inside :meth:`transaction`.

    A database file is held by one process at a time (``<file>.lock``): the documents cached in
    memory would go stale under a second writer, so a second process refuses to start."""

    def __init__(self, path: str = ":memory:", *, readonly: bool = False) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._sequences: dict[str, int] = {}
        self._cache = DocCache()
        if readonly:  # to look at a file another store holds (tests, tools): no lock, no writes
            self._held = None
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None)
            return
        try:
            self._held = _lock_file(path) if path != ":memory:" else None
        except OSError as exc:
            raise _unusable(path, exc) from None
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            if path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                # The write-ahead log is folded into the database every WAL_PAGES pages and cut back to
                # WAL_LIMIT bytes after each fold: on a small volume the log alone would otherwise fill it (it
                # only grows up to SQLite's default of 1,000 pages, and never shrinks).
                self._db.execute(f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
                self._db.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
                # A file damaged in the middle opens fine and fails on some requests later: check it whole now.
                found = self._db.execute("PRAGMA quick_check").fetchone()
                if found is None or found[0] != "ok":
                    first = " ".join(str(found[0] if found else "?").split())[:160]
                    raise sqlite3.DatabaseError(f"database disk image is malformed: {first}")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            self.close_quietly()
            raise _unusable(path, exc) from None

    def close_quietly(self) -> None:
        """Give up the file after a failed start (nothing was written)."""
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
        if self._held is not None:
            self._held.close()
            self._held = None

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    def make_room(self) -> bool:
        """After a write was refused for want of space: fold the write-ahead log into the database and truncate
        it (the log holds every version of the pages it changed; the database keeps one). Whether it ran."""
        if self.path == ":memory:":
            return False
        with self._lock:
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                return False
        return True

    def close(self) -> None:
        """Close the connection (and give up the file); the store cannot be used afterwards. The write-ahead log
        is folded in and truncated first, so a clean exit leaves no log behind."""
        with self._lock:
            self.make_room()
            self._db.close()
            if self._held is not None:
                self._held.close()
                self._held = None

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Run the block as one transaction: committed if it ends normally, rolled back otherwise."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                self._sequences.clear()
                self._cache.rollback()
                raise
            self._cache.commit()

    def wipe(self) -> None:
        """Delete every row of every table (inside the current transaction)."""
        self._sequences.clear()
        self._cache.forget_all()
        for table in _TABLES:
            self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, in a stable order (to compare states in tests)."""
        with self.transaction():
            return {
                table: sorted(self._db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)  # noqa: S608
                for table in _TABLES
            }

    # -- meta: sequences and settings ------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def next_id(self, sequence: str) -> int:
        """The next number of a named sequence (1, 2, 3...), kept in the database (and cached while it commits)."""
        key = f"seq:{sequence}"
        current = self._sequences.get(key)
        if current is None:
            current = int(self.get_meta(key) or 0)
        current += 1
        self.set_meta(key, str(current))
        self._sequences[key] = current
        return current

    # -- documents ------------------------------------------------------------------

    def _one(self, sql: str, args: tuple[Any, ...]) -> Doc | None:
        row = self._db.execute(sql, args).fetchone()
        return None if row is None else dict(loads(row[0]))

    def _cached(self, table: str, key: Any, sql: str) -> Doc | None:
        """The document of ``table`` with this key (a shallow copy), from the cache or else SQLite."""
        doc = self._cache.get(table, key)
        if doc is UNKNOWN:
            doc = self._one(sql, (key,))
            self._cache.load(table, key, doc)
        return None if doc is None else dict(doc)

    def _write(self, table: str, key: Any, sql: str, args: tuple[Any, ...], doc: Doc) -> None:
        self._db.execute(sql, args)
        self._cache.put(table, key, dict(doc))

    def _many(self, sql: str, args: tuple[Any, ...]) -> list[Doc]:
        return [loads(row[0]) for row in self._db.execute(sql, args)]

    def campaign(self, campaign_id: int) -> Doc | None:
        return self._cached("campaigns", campaign_id, "SELECT data FROM campaigns WHERE id = ?")

    def campaigns(self) -> list[Doc]:
        return self._many("SELECT data FROM campaigns ORDER BY id", ())

    def put_campaign(self, doc: Doc) -> None:
        sql = "INSERT OR REPLACE INTO campaigns (id, data) VALUES (?, ?)"
        self._write("campaigns", doc["id"], sql, (doc["id"], _dump(doc)), doc)

    def delete_campaigns_except(self, ids: list[int]) -> None:
        marks = ",".join("?" * len(ids)) or "NULL"
        self._cache.forget_all()
        self._db.execute(f"DELETE FROM campaigns WHERE id NOT IN ({marks})", tuple(ids))  # noqa: S608

    def profile(self, integration_id: str) -> Doc | None:
        return self._cached("profiles", integration_id, "SELECT data FROM profiles WHERE id = ?")

    def profiles(self, integration_ids: list[str]) -> list[Doc]:
        found = [self.profile(pid) for pid in integration_ids]
        return [doc for doc in found if doc is not None]

    def put_profile(self, doc: Doc) -> None:
        key = doc["integrationId"]
        self._write("profiles", key, "INSERT OR REPLACE INTO profiles (id, data) VALUES (?, ?)", (key, _dump(doc)), doc)

    def delete_profile(self, integration_id: str) -> None:
        self._db.execute("DELETE FROM profiles WHERE id = ?", (integration_id,))
        self._cache.put("profiles", integration_id, None)

    def session(self, session_id: str) -> Doc | None:
        return self._cached("sessions", session_id, "SELECT data FROM sessions WHERE id = ?")

    def sessions_of(self, profile_id: str) -> list[Doc]:
        return self._many("SELECT data FROM sessions WHERE profile_id = ? ORDER BY rowid", (profile_id,))

    def count_sessions_of(self, profile_id: str) -> int:
        row = self._db.execute("SELECT count(*) FROM sessions WHERE profile_id = ?", (profile_id,)).fetchone()
        return int(row[0])

    def put_session(self, doc: Doc) -> None:
        key = doc["integrationId"]
        sql = "INSERT OR REPLACE INTO sessions (id, profile_id, data) VALUES (?, ?, ?)"
        self._write("sessions", key, sql, (key, doc["profileId"], _dump(doc)), doc)

    def event(self, event_id: int) -> Doc | None:
        return self._one("SELECT data FROM events WHERE id = ?", (event_id,))

    def events_of(self, profile_id: str) -> list[Doc]:
        return self._many("SELECT data FROM events WHERE profile_id = ? ORDER BY id", (profile_id,))

    def put_event(self, doc: Doc) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO events (id, session_id, profile_id, data) VALUES (?, ?, ?, ?)",
            (doc["id"], doc.get("sessionId"), doc.get("profileId", ""), _dump(doc)),
        )

    def coupon(self, value: str) -> Doc | None:
        return self._cached("coupons", value, "SELECT data FROM coupons WHERE value = ?")

    def coupon_by_id(self, coupon_id: int) -> Doc | None:
        return self._one("SELECT data FROM coupons WHERE id = ?", (coupon_id,))

    def put_coupon(self, doc: Doc) -> None:
        sql = "INSERT OR REPLACE INTO coupons (id, value, campaign_id, data) VALUES (?, ?, ?, ?)"
        self._write("coupons", doc["value"], sql, (doc["id"], doc["value"], doc["campaignId"], _dump(doc)), doc)

    def referral(self, code: str) -> Doc | None:
        return self._cached("referrals", code, "SELECT data FROM referrals WHERE code = ?")

    def referrals_of(self, advocate: str) -> list[Doc]:
        return self._many("SELECT data FROM referrals WHERE advocate = ? ORDER BY id", (advocate,))

    def put_referral(self, doc: Doc) -> None:
        sql = "INSERT OR REPLACE INTO referrals (id, code, advocate, data) VALUES (?, ?, ?, ?)"
        args = (doc["id"], doc["code"], doc["advocateProfileIntegrationId"], _dump(doc))
        self._write("referrals", doc["code"], sql, args, doc)

    def code_taken(self, code: str) -> bool:
        """Whether a coupon or referral already uses this code."""
        sql = "SELECT 1 FROM coupons WHERE value = ? UNION ALL SELECT 1 FROM referrals WHERE code = ?"
        return self._db.execute(sql, (code, code)).fetchone() is not None

    # -- reservations: sets of (coupon, profile) --------------------------------------

    def reserve(self, coupon_id: int, profile_id: str) -> None:
        seq = self.next_id("reservation")
        self._db.execute(
            "INSERT OR IGNORE INTO reservations (coupon_id, profile_id, seq) VALUES (?, ?, ?)",
            (coupon_id, profile_id, seq),
        )

    def unreserve(self, coupon_id: int, profile_id: str) -> None:
        self._db.execute("DELETE FROM reservations WHERE coupon_id = ? AND profile_id = ?", (coupon_id, profile_id))

    def unreserve_profile(self, profile_id: str) -> None:
        self._db.execute("DELETE FROM reservations WHERE profile_id = ?", (profile_id,))

    def reserved_profiles(self, coupon_id: int) -> list[str]:
        rows = self._db.execute("SELECT profile_id FROM reservations WHERE coupon_id = ? ORDER BY seq", (coupon_id,))
        return [str(row[0]) for row in rows]

    def reserved_coupons(self, profile_id: str) -> list[Doc]:
        sql = (
            "SELECT c.data FROM reservations r JOIN coupons c ON c.id = r.coupon_id"
            " WHERE r.profile_id = ? ORDER BY r.seq"
        )
        return self._many(sql, (profile_id,))

    def is_reserved(self, coupon_id: int, profile_id: str) -> bool:
        sql = "SELECT 1 FROM reservations WHERE coupon_id = ? AND profile_id = ?"
        return self._db.execute(sql, (coupon_id, profile_id)).fetchone() is not None

    # -- per-profile redemption counts (for Profile limits) ---------------------------

    def redemptions(self, campaign_id: int, kind: str, profile_id: str) -> int:
        sql = "SELECT count FROM redemptions WHERE campaign_id = ? AND kind = ? AND profile_id = ?"
        row = self._db.execute(sql, (campaign_id, kind, profile_id)).fetchone()
        return 0 if row is None else int(row[0])

    def add_redemptions(self, campaign_id: int, kind: str, profile_id: str, delta: int) -> None:
        self._db.execute(
            "INSERT INTO redemptions (campaign_id, kind, profile_id, count) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (campaign_id, kind, profile_id) DO UPDATE SET count = max(0, count + excluded.count)",
            (campaign_id, kind, profile_id, delta),
        )

    # -- entities of the current API: one table, by kind ------------------------------
    # Loyalty cards and ledger entries, audiences, catalog items, idempotent answers: looked up by (kind, key),
    # listed by (kind, owner) in the order they were written.

    def entity(self, kind: str, key: str) -> Doc | None:
        return self._one("SELECT data FROM entities WHERE kind = ? AND key = ?", (kind, key))

    def entities(self, kind: str, owner: str | None = None) -> list[Doc]:
        if owner is None:
            return self._many("SELECT data FROM entities WHERE kind = ? ORDER BY seq", (kind,))
        return self._many("SELECT data FROM entities WHERE kind = ? AND owner = ? ORDER BY seq", (kind, owner))

    def put_entity(self, kind: str, key: str, doc: Doc, owner: str = "") -> None:
        """Insert or replace; a replaced entity keeps its place in the listing order."""
        row = self._db.execute("SELECT seq FROM entities WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        seq = self.next_id("entity") if row is None else int(row[0])
        self._db.execute(
            "INSERT OR REPLACE INTO entities (kind, key, owner, seq, data) VALUES (?, ?, ?, ?, ?)",
            (kind, key, owner, seq, _dump(doc)),
        )

    def delete_entity(self, kind: str, key: str) -> None:
        self._db.execute("DELETE FROM entities WHERE kind = ? AND key = ?", (kind, key))

    def delete_entities(self, kind: str, owner: str) -> None:
        self._db.execute("DELETE FROM entities WHERE kind = ? AND owner = ?", (kind, owner))
