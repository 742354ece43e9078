"""Reproducers a person can run as printed: a curl line and a few lines of Python with talon_dyn.

Credentials are never printed: the curl line names them by environment variable
(``"Authorization: ApiKey-v1 $TALON_API_KEY"``; a Content-Signature is computed by ``openssl``
from ``$TALON_APPLICATION_KEY``), and so does the Python, whose client reads the same variables.
The base URL is the real one; for the embedded sandbox, which has no URL, it is
``$TALON_BASE_URL`` with a line saying how to start a sandbox that answers the same.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from typing import Any, Literal

import httpx

from .._redact import Redactor
from ._records import Exchange
from ._target import SANDBOX_URL

__all__ = ["curl", "marked_headers", "python_call", "reproducers"]

_SKIPPED_HEADERS = frozenset({"host", "content-length", "accept-encoding", "connection", "user-agent"})
"""Headers a reproducer leaves to the tool that sends it again (curl, httpx)."""
_SIGN = '$(printf %s "$BODY" | openssl dgst -md5 -mac HMAC -macopt "hexkey:$TALON_APPLICATION_KEY" | sed \'s/^.* //\')'


def marked_headers(
    request: httpx.Request, redactor: Redactor
) -> Iterator[tuple[str, str, Literal["run key", "signature", ""]]]:
    """The headers a reproducer sends again, each marked: ``"run key"`` for an Authorization carrying one of the run's
    secrets, ``"signature"`` for a Content-Signature (both re-made from the environment), else ``""``. Transport
    headers are left to the tool that sends it again."""
    for name, value in request.headers.multi_items():
        lowered = name.lower()
        if lowered in _SKIPPED_HEADERS:
            continue
        if lowered == "authorization" and value.partition(" ")[2] in redactor.secrets:
            yield name, value, "run key"
        elif lowered == "content-signature":
            yield name, value, "signature"
        else:
            yield name, value, ""


def _url(request: httpx.Request, redactor: Redactor) -> str:
    url = str(request.url)
    if url.startswith(SANDBOX_URL):
        return '"$TALON_BASE_URL"' + shlex.quote(url[len(SANDBOX_URL) :])
    return shlex.quote(redactor.text(url))


def curl(request: httpx.Request, redactor: Redactor, *, seed: int | None = None) -> str:
    """A shell command that repeats ``request``; live credentials come from the environment."""
    lines: list[str] = []
    if str(request.url).startswith(SANDBOX_URL):
        seeded = f" --seed {seed}" if seed is not None else ""
        lines.append(
            f"# embedded sandbox: run `talon-dyn sandbox{seeded}` and export TALON_BASE_URL=<the URL it prints>"
        )
    content = request.content.decode("utf-8", "replace") if request.content else ""
    signed = any(name.lower() == "content-signature" for name in request.headers)
    parts = ["curl", "-X", request.method, _url(request, redactor)]
    for name, value, mark in marked_headers(request, redactor):
        if mark == "run key":
            parts += ["-H", f'"Authorization: {value.partition(" ")[0]} $TALON_API_KEY"']
        elif mark == "signature":
            parts += ["-H", f'"Content-Signature: signer=$TALON_APPLICATION_ID; signature={_SIGN}"']
        elif name.lower() == "authorization":  # not one of the run's secrets (a negative check's invalid key): as sent
            parts += ["-H", shlex.quote(f"{name}: {redactor.text(value)}")]
        else:
            parts += ["-H", shlex.quote(f"{name}: {redactor.header(name, value)}")]
    if content:
        body = redactor.text(content)
        if signed:
            lines.append(f"BODY={shlex.quote(body)}")
            parts += ["--data-raw", '"$BODY"']
        else:
            parts += ["--data-raw", shlex.quote(body)]
    lines.append(" ".join(parts))
    return "\n".join(lines)


def python_call(exchange: Exchange, redactor: Redactor) -> str:
    """The same call with talon_dyn (validation off, so a deliberately invalid request goes out as it did)."""
    if not exchange.operation:
        return ""
    arguments = ", ".join(f"{name}={_literal(value)}" for name, value in exchange.arguments.items())
    options = 'request_validation="off", response_validation="warn", retry=talon_dyn.Retry.never()'
    lines = [
        "import talon_dyn  # TALON_BASE_URL and TALON_API_KEY (or TALON_APPLICATION_*) from the environment",
        "",
        "with talon_dyn.Client() as client:",
        f"    print(client.with_response.{exchange.operation}({arguments}{', ' if arguments else ''}{options}))",
    ]
    return redactor.text("\n".join(lines))


def _literal(value: Any) -> str:
    """A Python literal for JSON-like ``value`` (``true`` -> ``True``...)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
    return repr(json.loads(text))


def reproducers(exchange: Exchange, redactor: Redactor, *, seed: int | None = None) -> tuple[str, str]:
    """(curl, python) for one exchange."""
    return curl(exchange.request, redactor, seed=seed), python_call(exchange, redactor)
