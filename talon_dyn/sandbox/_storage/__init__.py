"""The sandbox's state: one SQLite store (a transaction per request, one writer per ``--db``) and its
write-through cache of committed documents."""
