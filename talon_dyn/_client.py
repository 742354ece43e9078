"""``Client`` and ``AsyncClient``: thin shells over the pure core whose calls differ only in ``await``.

Every operation of the spec is a real function on the client, under its snake_case
name and its operationId (the same object), built on first access and kept.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar
from urllib.parse import urlsplit

import httpx

from ._attempt import ACCEPT_ENCODING, Reply, acollect, collect
from ._auth import Credentials
from ._binding import bind_function
from ._codec import MODES, ApiResponse, Mode, Prepared, interpret, prepare
from ._codec import UNSENDABLE_HEADER_TEXT as _UNSENDABLE
from ._drift import Drift
from ._exceptions import ConfigurationError, OperationNotFound, RequestValidationError, TalonDynError, exhausted
from ._naming import closest
from ._redact import Redactor
from ._retry import Attempts, Retry, describe
from ._spec import CALL_OPTIONS, Operation, Spec, load
from ._telemetry import span
from ._transports import AsyncEngine, Outgoing, SyncEngine, WireError, async_engine, sync_engine
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "RESERVED_HEADERS",
    "AsyncClient",
    "Client",
    "client_attribute_names",
]

logger = logging.getLogger("talon_dyn")

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
USER_AGENT = f"talon_dyn/{__version__}"
# Headers talon_dyn alone sets: credentials, and what frames the request on the wire.
# Accept-Encoding too: talon_dyn decodes exactly the encodings it asks for.
RESERVED_HEADERS = frozenset(
    {"authorization", "content-signature", "content-length", "transfer-encoding", "host", "accept-encoding"}
)
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_REQUEST_ID_HEADERS = (b"x-request-id", b"request-id", b"x-correlation-id", b"x-amzn-requestid")
EngineT = TypeVar("EngineT", SyncEngine, AsyncEngine)
_NO_OPTIONS = frozenset(CALL_OPTIONS)
MAX_TARGET_LENGTH = 65_536


def _check_mode(name: str, value: Any) -> Mode:
    if value not in MODES:
        raise ConfigurationError(f"{name} must be one of {', '.join(MODES)}, not {value!r}")
    mode: Mode = value
    return mode


def _check_timeout(value: Any) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        timeout = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        timeout = httpx.Timeout(float(value))
    else:
        raise ConfigurationError(f"timeout must be a number of seconds or an httpx.Timeout, not {value!r}")
    if None in (timeout.connect, timeout.read, timeout.write, timeout.pool):
        raise ConfigurationError("timeouts are never infinite here: give every phase a number of seconds")
    return timeout


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
        if not _TOKEN.fullmatch(name) or _UNSENDABLE.search(value):
            raise ConfigurationError(
                f"{where}: {name!r} cannot be sent: header names are tokens and values carry only printable ASCII "
                "and tab (CR, LF or NUL could split the request)"
            )
        if lowered in checked:
            raise ConfigurationError(f"{where}: {name!r} is given twice (header names ignore case)")
        checked[lowered] = value
    return checked


def _with_user_agent(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with a User-Agent naming talon_dyn after the product token the user gave, if any."""
    given = headers.get("user-agent")
    headers["user-agent"] = f"{given} {USER_AGENT}" if given else USER_AGENT
    return headers


def _base_url(value: str) -> str:
    """The base URL without a trailing slash; anything but an absolute http(s) URL is refused."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(f"base_url must be an absolute http:// or https:// URL, not {value!r}")
    if "@" in parts.netloc or _UNSENDABLE.search(value) or " " in value:
        raise ConfigurationError("base_url must not carry credentials, spaces or control characters")
    return value.rstrip("/")


@dataclass(slots=True, eq=False)
class _Call:
    """One call in flight: the request for the wire, its options and the attempt loop's owner."""

    operation: Operation
    outgoing: Outgoing
    attempts: Attempts
    validation: Mode
    full: bool
    status: int | None = None


class _BaseClient(Generic[EngineT]):
    _engine: EngineT
    # Instance attributes, declared so that client_attribute_names() sees them too.
    spec: Spec
    timeout: httpx.Timeout
    request_validation: Mode
    response_validation: Mode
    retry: Retry
    max_response_bytes: int
    drift: Drift
    with_response: _WithResponse

    def __init__(
        self,
        *,
        spec: Spec | str | os.PathLike[str] | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        application_id: int | str | None = None,
        application_key: str | None = None,
        credentials: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
        transport: Any = None,
        request_validation: Mode = "strict",
        response_validation: Mode = "strict",
        retry: Retry | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        overlays: Sequence[Any] = (),
    ) -> None:
        if isinstance(spec, Spec) and overlays:
            raise ConfigurationError("overlays apply when a spec is loaded: pass a path, or load(path, overlays=...)")
        self.spec: Spec = spec if isinstance(spec, Spec) else load(spec, overlays=overlays)
        environ = os.environ
        base_url = base_url if base_url is not None else environ.get("TALON_BASE_URL") or None
        if base_url is None:  # never the spec's own server: in the Talon.One specs it is a placeholder
            raise ConfigurationError(
                "base_url is required: pass base_url='https://<your deployment>.talon.one' or set TALON_BASE_URL"
            )
        self._base = _base_url(base_url)
        if api_key is None:
            api_key = environ.get("TALON_API_KEY") or None
        if application_id is None and application_key is None:
            application_id = environ.get("TALON_APPLICATION_ID") or None
            application_key = environ.get("TALON_APPLICATION_KEY") or None
        self._credentials = Credentials(
            api_key=api_key, application_id=application_id, application_key=application_key, extra=credentials
        )
        self._redactor = Redactor(self._credentials.secrets())
        self.timeout = _check_timeout(timeout)
        self._timeout_dict: tuple[httpx.Timeout, dict[str, float]] = (self.timeout, self.timeout.as_dict())  # type: ignore[assignment]
        self.request_validation = _check_mode("request_validation", request_validation)
        self.response_validation = _check_mode("response_validation", response_validation)
        self.retry = retry if retry is not None else Retry()
        if max_response_bytes <= 0:
            raise ConfigurationError("max_response_bytes must be positive")
        self.max_response_bytes = max_response_bytes
        self.drift = Drift()
        """Every mismatch between an answer and the spec seen in ``warn`` mode (``drift.to_json()``,
        ``drift.overlay()``)."""
        self._headers = _with_user_agent(check_headers(headers, "headers"))
        self._wire_headers = [("Accept-Encoding", ACCEPT_ENCODING)]
        self._engine = self._make_engine(transport)
        self.with_response = _WithResponse(self)

    def _make_engine(self, transport: Any) -> EngineT:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return self._base + "/"

    @property
    def operations(self) -> Mapping[str, Operation]:
        """The spec's operations by operationId."""
        return self.spec.operations

    @classmethod
    def from_spec(cls, path: str | os.PathLike[str] | None = None, **kwargs: Any) -> Self:
        """A client for the spec at ``path`` (the bundled spec when None)."""
        return cls(spec=load(path), **kwargs)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} base_url={self.base_url!r} operations={len(self.spec.operations)} "
            f"{self._credentials!r}>"
        )

    def __dir__(self) -> list[str]:
        names = set(super().__dir__())
        for operation in self.spec.operations.values():
            names.update((operation.python_name, operation.operation_id))
        return sorted(names)

    def _operation_attribute(self, name: str) -> Any:
        """``client.<operation>``: the bound method, made on first use and kept in the instance."""
        if name.startswith("__"):
            raise AttributeError(name)
        spec = self.__dict__.get("spec")
        if spec is None:
            raise AttributeError(name)
        return _bind_once(self, self.__dict__, name, full=False)

    if not TYPE_CHECKING:  # type checkers read each operation's typed method from the stub (_typed.pyi)
        __getattr__ = _operation_attribute

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        raise NotImplementedError

    def _begin(self, operation: Operation, arguments: dict[str, Any], full: bool) -> _Call:
        """Validate and build the request (before any I/O) and set up the attempt loop."""
        mode, validation, timeout, retry = self.request_validation, self.response_validation, self.timeout, self.retry
        extra = self._headers
        if not _NO_OPTIONS.isdisjoint(arguments):  # per-call options given: checked like the client's own
            options = {name: arguments.pop(name, None) for name in CALL_OPTIONS}
            mode = _check_mode("request_validation", options["request_validation"] or mode)
            validation = _check_mode("response_validation", options["response_validation"] or validation)
            timeout = _check_timeout(options["timeout"]) if options["timeout"] is not None else timeout
            retry = options["retry"] if options["retry"] is not None else retry
            if options["headers"]:  # the same rules as configured headers; they win over them by name
                given = check_headers(options["headers"], f"{operation.python_name}(headers=...)")
                extra = {**self._headers, **(_with_user_agent(given) if "user-agent" in given else given)}
        prepared = prepare(self.spec, operation, arguments, self._credentials, mode=mode, extra_headers=extra)
        outgoing = self._outgoing(prepared, timeout)
        limit = (timeout.connect or 0.0) + (timeout.write or 0.0) + (timeout.read or 0.0)
        attempts = Attempts(retry, operation.operation_id, prepared.method, limit)
        return _Call(operation, outgoing, attempts, validation, full)

    def _timeouts(self, timeout: httpx.Timeout) -> dict[str, float]:
        known, seconds = self._timeout_dict
        if timeout is not known:
            seconds = timeout.as_dict()  # type: ignore[assignment]
            self._timeout_dict = (timeout, seconds)
        return seconds

    def _outgoing(self, prepared: Prepared, timeout: httpx.Timeout) -> Outgoing:
        if len(prepared.target) > MAX_TARGET_LENGTH:
            raise RequestValidationError(
                prepared.operation.operation_id,
                f"cannot be sent: URL too long: its path and query would be {len(prepared.target)} characters, "
                f"over the {MAX_TARGET_LENGTH:,} that servers and httpx accept",
                location="URL",
            )
        url = self._base + prepared.target
        headers = [*self._wire_headers, *prepared.headers.items()]
        return Outgoing(prepared.method, url, headers, prepared.content, self._timeouts(timeout))

    def _finish(self, call: _Call, outcome: Reply | WireError) -> Any:
        """The call's data, or its error carrying why each attempt ended (secrets scrubbed)."""
        if isinstance(outcome, Reply):
            call.status = outcome.status
        try:
            if isinstance(outcome, WireError):
                raise outcome.error from outcome.__cause__
            data = interpret(self.spec, call.operation, outcome, mode=call.validation, drift=self.drift)
        except TalonDynError as error:
            raise self._failed(call, outcome, error) from error.__cause__
        _log(call, outcome.status)
        if call.full:
            return ApiResponse(data, outcome.status, outcome.headers, outcome.response)  # type: ignore[arg-type]
        return data

    def _failed(self, call: _Call, outcome: Reply | WireError, error: TalonDynError) -> TalonDynError:
        attempts = call.attempts
        reason = attempts.history[-1] if attempts.history else ""
        lines = attempts.lines(reason or describe(error))
        if attempts.failed_every_time:
            final: TalonDynError = exhausted(call.operation.operation_id, lines, error)
        else:
            final = error
            if len(lines) > 1 or attempts.stop:
                text = "; ".join(f"attempt {number}: {why}" for number, why in enumerate(lines, 1))
                final.add_note(f"talon_dyn: {len(lines)} attempt(s): {text}")
        final.attempts = lines
        if isinstance(outcome, Reply):
            request_id = next(filter(None, map(outcome.header, _REQUEST_ID_HEADERS)), None)
            if request_id and final.args and isinstance(final.args[0], str):
                final.args = (f"{final.args[0]} (request id {request_id[:200]})", *final.args[1:])
        self._redactor.error(final)
        _log(call, type(final).__name__)
        return final


def _log(call: _Call, status: int | str) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        path = call.operation.path  # the route template: never path values, never headers
        logger.debug("%s %s -> %s (%d attempt(s))", call.outgoing.method, path, status, call.attempts.count)


class Client(_BaseClient[SyncEngine]):
    """A synchronous client: ``Client(base_url=..., api_key=...).update_customer_session_v2(...)``."""

    def _make_engine(self, transport: Any) -> SyncEngine:
        return sync_engine(transport)

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        return bind_function(self.spec, operation, lambda op, args: self._call(op, args, full), is_async=False)

    def _call(self, operation: Operation, arguments: dict[str, Any], full: bool = False) -> Any:
        call = self._begin(operation, dict(arguments), full)
        name, attempts = operation.operation_id, call.attempts
        with span(call):
            while True:
                try:
                    outcome: Reply | WireError = collect(
                        self._engine, call.outgoing, name, self.max_response_bytes, attempts.seconds()
                    )
                except WireError as failure:
                    outcome = failure
                if attempts.over(outcome):
                    return self._finish(call, outcome)
                attempts.retry.sleep(attempts.wait)

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClient(_BaseClient[AsyncEngine]):
    """An asyncio client whose operations are coroutine functions (sent through aiohttp by default)."""

    def _make_engine(self, transport: Any) -> AsyncEngine:
        return async_engine(transport)

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        return bind_function(self.spec, operation, lambda op, args: self._call(op, args, full), is_async=True)

    async def _call(self, operation: Operation, arguments: dict[str, Any], full: bool = False) -> Any:
        call = self._begin(operation, dict(arguments), full)
        name, attempts = operation.operation_id, call.attempts
        with span(call):
            while True:
                try:
                    outcome: Reply | WireError = await acollect(
                        self._engine, call.outgoing, name, self.max_response_bytes, attempts.seconds()
                    )
                except WireError as failure:
                    outcome = failure
                if attempts.over(outcome):
                    return self._finish(call, outcome)
                await attempts.retry.asleep(attempts.wait)

    async def aclose(self) -> None:
        await self._engine.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


@functools.cache
def client_attribute_names() -> frozenset[str]:
    """The public names of ``Client`` and ``AsyncClient`` (methods, properties, instance attributes)."""
    names: set[str] = set()
    for cls in (Client, AsyncClient, _WithResponse):
        for klass in cls.__mro__:
            if klass is object:
                continue
            names.update(vars(klass))
            names.update(getattr(klass, "__annotations__", {}))
    return frozenset(name for name in names if not name.startswith("_"))


def _bind_once(client: _BaseClient[Any], cache: dict[str, Any], name: str, *, full: bool) -> Callable[..., Any]:
    """The function of operation ``name`` (python name or operationId), bound and kept in ``cache`` under both
    names; an unknown name is ``OperationNotFound`` with the closest match."""
    spec = client.spec
    try:
        operation = spec.operation(name)
    except KeyError:
        raise OperationNotFound(name, closest(name, [op.python_name for op in spec.operations.values()])) from None
    function = client._bind(operation, full=full)
    cache[operation.python_name] = function
    if operation.operation_id not in client_attribute_names():  # never hide the client's own attributes
        cache[operation.operation_id] = function
    return function


class _WithResponse:
    """``client.with_response.<operation>(...)`` returns an ``ApiResponse`` (data, status, headers)."""

    def __init__(self, client: _BaseClient[Any]) -> None:
        self._client = client

    def __dir__(self) -> list[str]:
        return [op.python_name for op in self._client.spec.operations.values()]

    def _operation_attribute(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _bind_once(self._client, self.__dict__, name, full=True)

    if not TYPE_CHECKING:  # type checkers read each operation's typed method from the stub (_typed.pyi)
        __getattr__ = _operation_attribute
