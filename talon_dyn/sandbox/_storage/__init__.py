"""The sandbox's state: one SQLite store (a transaction per request, one writer per ``--db``) and its
write-through cache of committed documents."""

from typing import Any

Doc = dict[str, Any]
"""A stored document (a profile, a session, a coupon, ...): JSON-like, as the store keeps it. Defined once, here."""

__all__ = ["Doc"]
