"""The options of a client and of one call, each checked one way when it is given.

Bad values are a ``ConfigurationError`` naming the option, when the client is made (or the
call is), never a failure later on the wire: a timeout or deadline of 0, a negative, NaN or
infinite number of seconds, an unknown validation mode, a header that could split a request.

**Time has one meaning everywhere.** ``timeout`` bounds *each attempt in total* (connecting,
sending, the headers and the whole body), the same on every engine; a number sets every
phase to it, an ``httpx.Timeout`` sets the phases one by one and the attempt's total is the
longest of them. ``deadline`` bounds *the whole call*: every attempt, every wait between
attempts and every ``Retry-After``.

**One frozen configuration.** ``Settings`` holds a client's checked options. The constructor makes
one, ``with_options`` and each call's own options (``timeout=``, ``retry=``... on a method) derive
another with ``replace``, so every option is checked by one rule wherever it is given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import replace as _replace
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import httpx

from .._exceptions import ConfigurationError
from .._version import __version__
from .codec import MODES, UNSENDABLE_HEADER_TEXT, Mode
from .retry import Retry, check_seconds

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "ENVIRONMENT",
    "RESERVED_HEADERS",
    "USER_AGENT",
    "Connection",
    "Settings",
    "Timing",
    "check_base_url",
    "check_headers",
    "check_middleware",
    "check_mode",
    "check_timeout",
    "from_environment",
    "with_user_agent",
]

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
"""Each attempt: 10 s in all, of which at most 5 s to connect."""
DEFAULT_DEADLINE = 30.0
"""The whole call (attempts, waits, Retry-After): 30 s."""
DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
USER_AGENT = f"talon_dyn/{__version__}"
# Headers talon_dyn alone sets: credentials, and what frames the request on the wire.
# Accept-Encoding too: talon_dyn decodes exactly the encodings it asks for.
RESERVED_HEADERS = frozenset(
    {
        "authorization",
        "content-signature",
        "content-length",
        "transfer-encoding",
        "host",
        "accept-encoding",
        "proxy-authorization",
    }
)
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def check_mode(name: str, value: Any) -> Mode:
    if value not in MODES:
        raise ConfigurationError(f"{name} must be one of {', '.join(MODES)}, not {value!r}")
    mode: Mode = value
    return mode


class Timing(NamedTuple):
    """A checked ``timeout``: the attempt's total limit and each phase's (httpx's "timeout" extension)."""

    total: float
    phases: dict[str, float]


def check_timeout(value: Any, name: str = "timeout") -> Timing:
    """``timeout=`` as seconds (every phase, and the attempt in total) or an ``httpx.Timeout`` (phase by phase;
    the attempt's total is the longest phase); anything else, or a phase of 0, NaN, inf or None, is refused."""
    if isinstance(value, httpx.Timeout):
        phases = value.as_dict()
        if None in phases.values():
            raise ConfigurationError(f"{name}: timeouts are never infinite here: give every phase a number of seconds")
        checked = {phase: check_seconds(f"{name}.{phase}", seconds) for phase, seconds in phases.items()}
        return Timing(max(checked["connect"], checked["read"], checked["write"]), checked)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be a number of seconds or an httpx.Timeout, not {value!r}")
    seconds = check_seconds(name, value)
    return Timing(seconds, {"connect": seconds, "read": seconds, "write": seconds, "pool": seconds})


def check_headers(headers: Mapping[str, str] | None, where: str) -> dict[str, str]:
    """Extra headers as ``{lowercase name: value}``; a reserved name, a duplicate or text that could split the
    request is a ConfigurationError naming the header."""
    checked: dict[str, str] = {}
    for name, value in (headers or {}).items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise ConfigurationError(f"{where}: header names and values must be strings, not {name!r}: {value!r}")
        lowered = name.lower()
        if lowered in RESERVED_HEADERS:
            raise ConfigurationError(
                f"{where}: {name!r} is set by talon_dyn alone (credentials and framing: "
                f"{', '.join(sorted(RESERVED_HEADERS))}); pass credentials to the client instead"
            )
        if not _TOKEN.fullmatch(name) or UNSENDABLE_HEADER_TEXT.search(value):
            raise ConfigurationError(
                f"{where}: {name!r} cannot be sent: header names are tokens and values carry only printable ASCII "
                "and tab (CR, LF or NUL could split the request)"
            )
        if lowered in checked:
            raise ConfigurationError(f"{where}: {name!r} is given twice (header names ignore case)")
        checked[lowered] = value
    return checked


def with_user_agent(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with a User-Agent naming talon_dyn after the product token the user gave, if any."""
    given = headers.get("user-agent")
    headers["user-agent"] = f"{given} {USER_AGENT}" if given else USER_AGENT
    return headers


def check_base_url(value: Any) -> str:
    """The base URL without a trailing slash; anything but an absolute http(s) URL is refused."""
    if not isinstance(value, str):
        raise ConfigurationError(f"base_url must be a URL string, not {type(value).__name__}")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(f"base_url must be an absolute http:// or https:// URL, not {value!r}")
    if "@" in parts.netloc or UNSENDABLE_HEADER_TEXT.search(value) or " " in value:
        raise ConfigurationError("base_url must not carry credentials, spaces or control characters")
    return value.rstrip("/")


ENVIRONMENT = ("TALON_BASE_URL", "TALON_API_KEY", "TALON_APPLICATION_ID", "TALON_APPLICATION_KEY")
"""The variables a client (and every command that reaches a deployment) reads what it was not given from."""


class Connection(NamedTuple):
    """Where to reach Talon and the credentials to call it with, each None when neither given nor set."""

    base_url: str | None
    api_key: str | None
    application_id: int | str | None
    application_key: str | None


def from_environment(
    base_url: str | None = None,
    api_key: str | None = None,
    application_id: int | str | None = None,
    application_key: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Connection:
    """The settings given, the ``TALON_*`` environment filling each one that was not (an empty variable counts as
    unset). The application pair comes from the environment only when neither half was given: half from the
    caller and half from the environment would sign with a key that belongs to another application. The one rule
    the client and every ``talon-dyn`` command read the environment by."""
    env = os.environ if environ is None else environ
    if application_id is None and application_key is None:
        application_id = env.get("TALON_APPLICATION_ID") or None
        application_key = env.get("TALON_APPLICATION_KEY") or None
    return Connection(
        base_url if base_url is not None else env.get("TALON_BASE_URL") or None,
        api_key if api_key is not None else env.get("TALON_API_KEY") or None,
        application_id,
        application_key,
    )


def check_middleware(given: Any) -> tuple[Any, ...]:
    """``middleware=`` as a tuple of objects with ``on_request`` and/or ``on_response``; else a
    ConfigurationError naming what is wrong."""
    if given is None:
        return ()
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence):
        raise ConfigurationError(f"middleware must be a list of middleware objects, not {type(given).__name__}")
    for index, item in enumerate(given):
        hooks = [callable(getattr(item, name, None)) for name in ("on_request", "on_response")]
        if not any(hooks):
            raise ConfigurationError(
                f"middleware[{index}] ({type(item).__name__}) has neither on_request(attempt) nor "
                "on_response(attempt): subclass talon_dyn.Middleware and override one"
            )
    return tuple(given)


def _check_retry(value: Any) -> Retry:
    if not isinstance(value, Retry):
        raise ConfigurationError(f"retry must be a talon_dyn.Retry, not {type(value).__name__}")
    return value


def _check_cap(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError(f"max_response_bytes must be a positive whole number, not {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    """A client's options, each checked: made once with the client (``Settings.make``), derived with ``replace``
    by ``with_options`` and by each call's own options (``for_call``). Never changed in place."""

    base: str
    """The base URL without its trailing slash."""
    timeout: float | httpx.Timeout
    """``timeout`` as given."""
    timing: Timing
    deadline: float
    headers: dict[str, str]
    """Configured headers, lower-case names, the User-Agent included."""
    request_validation: Mode
    response_validation: Mode
    retry: Retry
    max_response_bytes: int
    middleware: tuple[Any, ...]

    @classmethod
    def make(
        cls,
        *,
        base_url: Any,
        timeout: Any,
        deadline: Any,
        headers: Any,
        request_validation: Any,
        response_validation: Any,
        retry: Any,
        max_response_bytes: Any,
        middleware: Any,
    ) -> Settings:
        """Every option checked, or a ConfigurationError naming the first one that is wrong."""
        return cls(
            check_base_url(base_url),
            timeout,
            check_timeout(timeout),
            check_seconds("deadline", deadline),
            with_user_agent(check_headers(headers, "headers")),
            check_mode("request_validation", request_validation),
            check_mode("response_validation", response_validation),
            _check_retry(retry),
            _check_cap(max_response_bytes),
            check_middleware(middleware),
        )

    def replace(self, **options: Any) -> Settings:
        """These settings with ``options`` (by their constructor names: ``base_url``, ``timeout``...) checked and
        set; ``headers`` replaces the configured headers."""
        changes: dict[str, Any] = {}
        if "base_url" in options:
            changes["base"] = check_base_url(options["base_url"])
        if "timeout" in options:
            changes["timing"], changes["timeout"] = check_timeout(options["timeout"]), options["timeout"]
        if "deadline" in options:
            changes["deadline"] = check_seconds("deadline", options["deadline"])
        if "headers" in options:
            changes["headers"] = with_user_agent(check_headers(options["headers"], "headers"))
        for name in ("request_validation", "response_validation"):
            if name in options:
                changes[name] = check_mode(name, options[name])
        if "retry" in options:
            changes["retry"] = _check_retry(options["retry"])
        if "max_response_bytes" in options:
            changes["max_response_bytes"] = _check_cap(options["max_response_bytes"])
        if "middleware" in options:
            changes["middleware"] = check_middleware(options["middleware"])
        return _replace(self, **changes) if changes else self

    def for_call(self, options: Mapping[str, Any], where: str) -> Settings:
        """The settings of one call given its own options (``None`` or empty: the client's); its ``headers`` win
        over the configured ones by name, under the same rules (``where`` names the call in errors)."""
        given = {name: value for name, value in options.items() if value is not None and name != "headers"}
        for name in ("request_validation", "response_validation"):
            if name in given and not given[name]:
                del given[name]
        derived = self.replace(**given)
        if options.get("headers"):
            extra = check_headers(options["headers"], where)
            merged = {**self.headers, **(with_user_agent(extra) if "user-agent" in extra else extra)}
            derived = _replace(derived, headers=merged)
        return derived
