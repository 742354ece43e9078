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

__all__ = ["LEVELS", "configure_from_environment", "logger"]

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
