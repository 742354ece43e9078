"""talon_dyn's logging: the ``talon_dyn`` logger, and ``TALON_DYN_LOG`` to turn it on without code.

What is logged (never a header, a body, a query string or a path value: the route template only):

* DEBUG: every call, ``PUT /v2/customer_sessions/{customerSessionId} -> 200 (1 attempt(s), 12.3 ms)``;
* INFO: every repeat (``updateCustomerSessionV2: attempt 1 ended (HTTP 503); trying again in 0.50 s``)
  and every call that ends in an error (its type and status);
* WARNING: the first answer of each kind of drift (warn mode), and misconfiguration of ``TALON_DYN_LOG``.

``TALON_DYN_LOG=debug`` (or ``info``, ``warning``) adds one stderr handler to the ``talon_dyn`` logger
when talon_dyn is imported; without it talon_dyn adds no handler (your logging setup decides).
"""

from __future__ import annotations

import logging
import os
import sys
import weakref
from typing import Any

__all__ = ["LEVELS", "configure_from_environment", "logger", "scrub_library_logs"]

logger = logging.getLogger("talon_dyn")
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_HANDLER_NAME = "talon_dyn: TALON_DYN_LOG"


def configure_from_environment() -> logging.Handler | None:
    """Add the stderr handler ``TALON_DYN_LOG`` asks for (once); the handler, or None."""
    wanted = os.environ.get("TALON_DYN_LOG", "").strip().lower()
    if not wanted:
        return None
    present = next((h for h in logger.handlers if h.get_name() == _HANDLER_NAME), None)
    if present is not None:
        return present
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    level = LEVELS.get(wanted)
    if level is None:
        logger.setLevel(logging.WARNING)
        logger.warning("TALON_DYN_LOG=%r is not one of %s: logging warnings only", wanted[:20], ", ".join(LEVELS))
    else:
        logger.setLevel(level)
    return handler


FOREIGN_LOGGERS = ("httpcore.http11", "httpcore.connection", "httpcore.proxy", "httpx")
"""The HTTP libraries' own loggers under the engines: httpcore logs every answer's headers at DEBUG."""
_SECRETS: weakref.WeakSet[Any] = weakref.WeakSet()
"""The redactors of live clients (each holds one client's secrets, and goes when the client goes)."""


class _Scrub(logging.Filter):
    """Takes every live client's secrets out of a library's log line (only lines that are emitted pay for it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redactors = list(_SECRETS)
        if redactors:
            text = record.getMessage()
            for redactor in redactors:
                text = redactor.text(text)
            record.msg, record.args = text, ()
        return True


_SCRUB = _Scrub()


def scrub_library_logs(redactor: Any) -> None:
    """Keep the secrets of ``redactor`` (a client's) out of the HTTP libraries' own log lines as long as it lives:
    a credential a server echoes back in a header would otherwise be printed by httpcore's DEBUG log."""
    if not redactor:
        return
    _SECRETS.add(redactor)
    for name in FOREIGN_LOGGERS:
        library = logging.getLogger(name)
        if _SCRUB not in library.filters:
            library.addFilter(_SCRUB)
