"""``Client`` and ``AsyncClient``: thin shells over the pure core whose calls differ only in ``await``.

Every operation of the spec is a real function on the client, under its snake_case
name and its operationId (the same object), built on first access and kept. Each is
``build_request`` (validate, encode, sign: no I/O) + ``send`` (the attempt loop, on the
client's engine) + ``parse`` (``_codec.interpret``); the two first steps are public, the
one seam the tools use too (``_request``).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import httpx

from .._exceptions import (
    ClientClosed,
    ConfigurationError,
    OperationNotFound,
    RequestValidationError,
    TalonDynError,
    TalonTimeout,
    TalonTransportError,
    TooManyRequests,
)
from .._logs import logger, scrub_library_logs
from .._model.naming import closest
from .._model.spec import CALL_OPTIONS, Operation, Spec, load
from .._redact import Redactor
from .._transports import (
    ASYNC_ENGINES,
    SYNC_ENGINES,
    AsyncEngine,
    SyncEngine,
    WireError,
    async_engine,
    sync_engine,
)
from .._transports._network import Network
from .attempt import ACCEPT_ENCODING, Reply, acollect, collect
from .auth import Credentials
from .binding import argument_binder, bind_function
from .codec import ApiResponse, Mode, Prepared, interpret, prepare
from .drift import Drift
from .middleware import Attempt
from .options import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    Settings,
    from_environment,
)
from .pages import Pages
from .request import PreparedRequest, RawResponse
from .retry import Attempts, Retry, describe, repeat_rule, retry_after_seconds
from .telemetry import span

__all__ = ["AsyncClient", "Client", "client_attribute_names"]


_REQUEST_ID_HEADERS = (b"x-request-id", b"request-id", b"x-correlation-id", b"x-amzn-requestid")
EngineT = TypeVar("EngineT", SyncEngine, AsyncEngine)
_NO_OPTIONS = frozenset(CALL_OPTIONS)
MAX_TARGET_LENGTH = 65_536
_NETWORK_OPTIONS = ("proxy", "trust_env", "verify", "cert", "limits")
_DERIVABLE = frozenset(
    {
        "base_url",
        "api_key",
        "application_id",
        "application_key",
        "credentials",
        "timeout",
        "deadline",
        "headers",
        "request_validation",
        "response_validation",
        "retry",
        "max_response_bytes",
        "middleware",
    }
)


@dataclass(slots=True, eq=False)
class _Call:
    """One call in flight, as telemetry and the error path see it."""

    request: PreparedRequest
    attempts: Attempts
    started: float
    status: int | None = None

    @property
    def operation(self) -> Operation:
        return self.request.operation


class _BaseClient(Generic[EngineT]):
    _engine: EngineT
    _settings: Settings
    # Instance attributes, declared so that client_attribute_names() sees them too.
    spec: Spec
    drift: Drift
    with_response: _WithResponse
    paginate: Pages

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
        deadline: float = DEFAULT_DEADLINE,
        headers: Mapping[str, str] | None = None,
        transport: Any = None,
        engine: Any = None,
        proxy: str | None = None,
        trust_env: bool = True,
        verify: Any = True,
        cert: Any = None,
        limits: httpx.Limits | None = None,
        request_validation: Mode = "strict",
        response_validation: Mode = "warn",
        retry: Retry | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        middleware: Sequence[Any] = (),
        overlays: Sequence[Any] = (),
    ) -> None:
        if isinstance(spec, Spec) and overlays:
            raise ConfigurationError("overlays apply when a spec is loaded: pass a path, or load(path, overlays=...)")
        self.spec: Spec = spec if isinstance(spec, Spec) else load(spec, overlays=overlays)
        base_url, api_key, application_id, application_key = from_environment(
            base_url, api_key, application_id, application_key
        )
        if base_url is None:  # never the spec's own server: in the Talon.One specs it is a placeholder
            raise ConfigurationError(
                "base_url is required: pass base_url='https://<your deployment>.talon.one' or set TALON_BASE_URL"
            )
        ready_made = self._check_engine(engine)
        if engine is not None and transport is not None:
            raise ConfigurationError("engine= and transport= cannot be combined: the transport is the engine")
        ready = "transport=" if transport is not None else "engine=" if ready_made else None
        if ready is not None:
            given = [
                name
                for name, value in zip(_NETWORK_OPTIONS, (proxy, trust_env, verify, cert, limits), strict=True)
                if value is not {"trust_env": True, "verify": True}.get(name)
            ]
            if given:
                raise ConfigurationError(
                    f"{', '.join(given)} and {ready} cannot be combined: the {ready[:-1]} makes its own connections "
                    f"(configure it there, or leave {ready} out)"
                )
            self._network = Network()
        else:
            self._network = Network(proxy=proxy, trust_env=trust_env, verify=verify, cert=cert, limits=limits)
        self.drift = Drift()
        """Every mismatch between an answer and the spec seen in ``warn`` mode (``drift.to_json()``,
        ``drift.overlay()``)."""
        self._credentials = Credentials(
            api_key=api_key, application_id=application_id, application_key=application_key, extra=credentials
        )
        self._settings = Settings.make(
            base_url=base_url,
            timeout=timeout,
            deadline=deadline,
            headers=headers,
            request_validation=request_validation,
            response_validation=response_validation,
            retry=retry if retry is not None else Retry(),
            max_response_bytes=max_response_bytes,
            middleware=middleware,
        )
        self._redact()
        self._wire_headers = [("Accept-Encoding", ACCEPT_ENCODING)]
        self._engine = engine if ready_made else self._make_engine(transport, engine)
        self._owns_engine = True
        self._closed = False
        self.with_response = _WithResponse(self)
        self.paginate = Pages(self, is_async=isinstance(self, AsyncClient))
        """``client.paginate.<operation>(...)``: every item of a paginated operation, page after page."""

    def _redact(self) -> None:
        """The redactor of this client's secrets (credentials, the proxy's), for its errors and the libraries' logs."""
        self._redactor = Redactor([*self._credentials.secrets(), *self._network.secrets])
        scrub_library_logs(self._redactor)

    # The options in force (``Settings``), read-only: ``with_options`` makes a client with others.

    @property
    def timeout(self) -> float | httpx.Timeout:
        """Each attempt's time limit, in total, as given."""
        return self._settings.timeout

    @property
    def deadline(self) -> float:
        """Seconds the whole call may take (attempts, waits, Retry-After)."""
        return self._settings.deadline

    @property
    def request_validation(self) -> Mode:
        return self._settings.request_validation

    @property
    def response_validation(self) -> Mode:
        return self._settings.response_validation

    @property
    def retry(self) -> Retry:
        return self._settings.retry

    @property
    def max_response_bytes(self) -> int:
        """The largest answer body (decoded) read; a larger one is ``ResponseTooLarge``."""
        return self._settings.max_response_bytes

    _ENGINES: tuple[str, ...] = ()
    _ENGINE_METHODS: tuple[str, ...] = ()
    _SANDBOX_ENGINE = ""

    def _check_engine(self, engine: object) -> bool:
        """Whether ``engine=`` is an engine object (``Sandbox.engine()``, your own) with this flavour's methods
        (``SyncEngine`` / ``AsyncEngine`` in ``talon_dyn._transports``); else it is None or a name of this flavour."""
        kind = type(self).__name__
        if engine is None:
            return False
        if isinstance(engine, str):
            if engine not in self._ENGINES:
                names = ", ".join(map(repr, self._ENGINES))
                raise ConfigurationError(
                    f"engine must be one of {names} for {kind}, or an engine object, not {engine!r}"
                )
            return False
        missing = [name for name in self._ENGINE_METHODS if not callable(getattr(engine, name, None))]
        if not hasattr(engine, "closed"):
            missing.append("closed")
        if missing:
            raise ConfigurationError(
                f"engine= got a {type(engine).__name__}, which is not an engine for {kind}: it has no "
                f"{', '.join(missing)} (an engine has {', '.join(self._ENGINE_METHODS)} and closed, "
                f"as {self._SANDBOX_ENGINE}() gives)"
            )
        return True

    def _make_engine(self, transport: Any, engine: str | None) -> EngineT:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return self._settings.base + "/"

    @property
    def operations(self) -> Mapping[str, Operation]:
        """The spec's operations by operationId."""
        return self.spec.operations

    @property
    def is_closed(self) -> bool:
        """Whether this client (or the client that owns its connection pool) was closed."""
        return self._closed or self._engine.closed

    @classmethod
    def from_spec(cls, path: str | os.PathLike[str] | None = None, **kwargs: Any) -> Self:
        """A client for the spec at ``path`` (the bundled spec when None)."""
        return cls(spec=load(path), **kwargs)

    def with_options(self, **overrides: Any) -> Self:
        """A client like this one with some options changed, sharing its connection pool (and drift ledger).

        Any of ``base_url``, ``api_key``, ``application_id``, ``application_key``, ``credentials``,
        ``timeout``, ``deadline``, ``headers``, ``request_validation``, ``response_validation``,
        ``retry``, ``max_response_bytes`` and ``middleware`` (replacing the list). Closing the derived client
        never closes the pool: the client that made it owns it."""
        unknown = sorted(set(overrides) - _DERIVABLE)
        if unknown:
            pooled = [name for name in unknown if name in (*_NETWORK_OPTIONS, "transport", "engine", "spec")]
            hint = f" ({', '.join(pooled)} belong to the connection pool or the spec: make a new client)"
            raise ConfigurationError(f"with_options(): cannot change {', '.join(unknown)}{hint if pooled else ''}")
        clone = object.__new__(type(self))
        for name in ("spec", "_network", "_engine", "drift", "_wire_headers"):
            setattr(clone, name, getattr(self, name))
        clone._credentials = self._credentials.replace(
            **{
                name: overrides.pop(name)
                for name in ("api_key", "application_id", "application_key")
                if name in overrides
            },
            **({"extra": overrides.pop("credentials")} if "credentials" in overrides else {}),
        )
        clone._settings = self._settings.replace(**overrides)
        clone._redact()
        clone._owns_engine = False
        clone._closed = False
        clone.with_response = _WithResponse(clone)
        clone.paginate = Pages(clone, is_async=isinstance(clone, AsyncClient))
        return clone

    copy = with_options

    def __repr__(self) -> str:
        try:
            return (
                f"<{type(self).__name__} base_url={self.base_url!r} operations={len(self.spec.operations)} "
                f"{self._credentials!r}{' closed' if self.is_closed else ''}>"
            )
        except AttributeError:  # a constructor that raised: a traceback or a debugger still asks for the repr
            return f"<{type(self).__name__} (not constructed)>"

    def __dir__(self) -> list[str]:
        names = set(super().__dir__())
        for operation in self.spec.operations.values():
            names.update((operation.python_name, operation.operation_id))
        return sorted(names)

    def _operation_attribute(self, name: str) -> Any:
        """``client.<operation>``: the bound method, made on first use and kept in the instance."""
        if name.startswith("__") and name not in _HINTS:
            raise AttributeError(name)
        spec = self.__dict__.get("spec")
        if spec is None:
            raise AttributeError(name)
        return _bind_once(self, self.__dict__, name, full=False)

    if not TYPE_CHECKING:  # type checkers read each operation's typed method from the stub (_typed.pyi)
        __getattr__ = _operation_attribute

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        raise NotImplementedError

    # -- build ---------------------------------------------------------------------------------

    def build_request(self, operation: str, /, *args: Any, **kwargs: Any) -> PreparedRequest:
        """The request ``client.<operation>(*args, **kwargs)`` would send: validated, encoded and signed, with
        the call options given (``timeout``, ``deadline``, ``retry``, validation modes, ``headers``); no I/O."""
        found = _operation_named(self.spec, operation)
        return self._begin(found, argument_binder(found)(args, kwargs))

    def _begin(self, operation: Operation, arguments: dict[str, Any]) -> PreparedRequest:
        """Validate and build the request (before any I/O), with the options it is sent with."""
        if self._closed or self._engine.closed:
            raise ClientClosed(f"{operation.operation_id}: this {type(self).__name__} is closed; make a new one")
        settings = self._settings
        if not _NO_OPTIONS.isdisjoint(arguments):  # per-call options given: checked like the client's own
            given = {name: arguments.pop(name, None) for name in CALL_OPTIONS}
            settings = settings.for_call(given, f"{operation.python_name}(headers=...)")
        keyed = _idempotency_key(operation, arguments)
        prepared: Prepared = prepare(
            self.spec,
            operation,
            arguments,
            self._credentials,
            mode=settings.request_validation,
            extra_headers=settings.headers,
        )
        if len(prepared.target) > MAX_TARGET_LENGTH:
            raise RequestValidationError(
                operation.operation_id,
                f"cannot be sent: URL too long: its path and query would be {len(prepared.target)} characters, "
                f"over the {MAX_TARGET_LENGTH:,} that servers and httpx accept",
                location="URL",
            )
        return PreparedRequest(
            operation,
            prepared.method,
            settings.base + prepared.target,
            [*self._wire_headers, *prepared.headers.items()],
            prepared.content,
            settings.timing.phases,
            settings.timing.total,
            settings.deadline,
            settings.retry,
            settings.response_validation,
            _repeat(operation, arguments.get("body"), settings.retry, keyed),
        )

    # -- finish ---------------------------------------------------------------------------------

    def _raw(self, call: _Call, reply: Reply | WireError) -> RawResponse:
        """``send``'s answer, whatever its status; a request that got none raises its error."""
        if isinstance(reply, WireError):
            raise self._failed(call, reply, reply.error) from reply.__cause__
        call.status = reply.status
        attempts = call.attempts
        return RawResponse(
            call.request,
            reply.status,
            reply.content,
            reply.raw_headers,
            attempts.records(attempts.lines(attempts.history[-1])),
            time.perf_counter() - call.started,
            _request_id(reply),
            reply,
            lambda: self._finish(call, reply, full=False),
        )

    def _finish(self, call: _Call, outcome: Reply | WireError, *, full: bool) -> Any:
        """The call's data, or its error carrying why each attempt ended (secrets scrubbed)."""
        request = call.request
        if isinstance(outcome, Reply):
            call.status = outcome.status
        try:
            if isinstance(outcome, WireError):
                raise outcome.error from outcome.__cause__
            data = interpret(
                self.spec,
                request.operation,
                outcome,
                mode=request.response_validation,
                drift=self.drift,
                redact=self._redactor.text,
            )
        except TalonDynError as error:
            raise self._failed(call, outcome, error) from error.__cause__
        _log(call, outcome.status)
        if full:
            attempts = call.attempts
            return ApiResponse(
                data,
                outcome.status,
                outcome.headers,  # type: ignore[arg-type]
                outcome.response,
                _request_id(outcome),
                attempts.records(attempts.lines("")),
                time.perf_counter() - call.started,
            )
        return data

    def _failed(self, call: _Call, outcome: Reply | WireError, error: TalonDynError) -> TalonDynError:
        """``error``, the last attempt's own, with every attempt's line, the request id and why it ended."""
        attempts = call.attempts
        if isinstance(error, TalonTimeout) and not attempts.cut_by_deadline and error.args:
            # The engine measured its limit when it sent, a moment after the attempt began: name the one set.
            error.args = (_SPENT_LIMIT.sub(f"time limit of {attempts.limit:g} s", str(error.args[0])), *error.args[1:])
        reason = attempts.history[-1] if attempts.history and attempts.history[-1] else describe(error)
        lines = attempts.lines(reason)
        named = lines[:-1] if attempts.cut_by_deadline else lines  # a last attempt cut by the deadline keeps its own
        lines = [_SPENT_LIMIT.sub(f"time limit of {attempts.limit:g} s", line) for line in named] + lines[len(named) :]
        error.attempts = attempts.records(lines)
        told: list[str] = []
        if attempts.repeated:
            told.append(_gave_up(lines))
        elif attempts.stop:
            told.append(attempts.stop)
        if isinstance(error, TalonTimeout) and attempts.cut_by_deadline:
            told.append(f"the call's deadline of {attempts.deadline:g} s was reached")
        if isinstance(outcome, WireError) and isinstance(error, TalonTransportError):
            error.may_have_reached_server = outcome.reached_server
        if isinstance(outcome, Reply):
            request_id = _request_id(outcome)
            if request_id:
                error.request_id = request_id
                told.append(f"request id {request_id}")
            if isinstance(error, TooManyRequests):
                error.retry_after = retry_after_seconds(outcome.header(b"retry-after"), call.request.retry.now)
        if told and error.args and isinstance(error.args[0], str):
            error.args = (f"{error.args[0]} ({'; '.join(told)})", *error.args[1:])
        self._redactor.error(error)
        _log(call, type(error).__name__)
        return error


_SPENT_LIMIT = re.compile(r"time limit of [0-9][0-9.e+-]* s")
"""How the engines name an attempt's limit in a timeout (what was left of it when they sent)."""


def _before(hooks: tuple[Any, ...], request: PreparedRequest, number: int) -> Attempt:
    """Middleware before one attempt: each ``on_request`` in order."""
    attempt = Attempt(request, number)
    for hook in hooks:
        on_request = getattr(hook, "on_request", None)
        if on_request is not None:
            on_request(attempt)
    return attempt


def _after(hooks: tuple[Any, ...], attempt: Attempt, outcome: Reply | WireError, elapsed: float) -> None:
    """Middleware after one attempt (``elapsed``: as the attempt loop measured it, the figure its record keeps):
    each ``on_response`` in order, with the answer or the failure."""
    if isinstance(outcome, WireError):
        attempt.failed(outcome.error, elapsed)
    else:
        attempt.answered(outcome.status, outcome.raw_headers, elapsed)
    for hook in hooks:
        on_response = getattr(hook, "on_response", None)
        if on_response is not None:
            on_response(attempt)


def _start(request: PreparedRequest) -> _Call:
    return _Call(
        request, Attempts(request.retry, request.repeat, request.attempt_limit, request.deadline), time.perf_counter()
    )


def _gave_up(lines: list[str]) -> str:
    """``gave up after 3 attempt(s), each the same`` / ``... attempts 1-2: HTTP 503; attempt 3: ...``: one line
    a log can hold (the same reason three times over was ~600 characters)."""
    groups: list[list[Any]] = []
    for number, why in enumerate(lines, 1):
        if groups and groups[-1][2] == why:
            groups[-1][1] = number
        else:
            groups.append([number, number, why])
    if len(groups) == 1:
        return f"gave up after {len(lines)} attempt(s), each the same"
    text = "; ".join(
        f"attempt {first}: {why}" if first == last else f"attempts {first}-{last}: {why}" for first, last, why in groups
    )
    return f"gave up after {len(lines)} attempt(s): {text}"


def _idempotency_key(operation: Operation, arguments: dict[str, Any]) -> bool:
    """Whether the request carries an ``Idempotency-Key``: an operation whose spec documents that header gets a
    new key per call (a UUID), the same on every attempt, unless the caller gave one."""
    parameter = operation.idempotency_key
    if parameter is None:
        return False
    if arguments.get(parameter.python_name) is None:
        import uuid

        arguments[parameter.python_name] = str(uuid.uuid4())
    return True


def _repeat(operation: Operation, body: Any, retry: Retry, keyed: bool) -> Any:
    """The repeat rule of one request (``_retry.repeat_rule``), from its operation and what its body sets."""
    change = None
    path = operation.state_path
    if path is not None:
        node = body
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if isinstance(node, str) and node != "open":
            change = node
    return repeat_rule(
        operation.method,
        conflict_documented="409" in operation.responses,
        idempotent=operation.idempotent,
        state_change=change,
        unsafe=retry.unsafe or operation.operation_id in retry.unsafe_operations,
        keyed=keyed,
    )


def _request_id(reply: Reply) -> str | None:
    found = next(filter(None, map(reply.header, _REQUEST_ID_HEADERS)), None)
    return None if found is None else found[:200]


def _log(call: _Call, status: int | str) -> None:
    """One line per call: DEBUG for an answer, INFO for an error (its type): never a value, header or body."""
    level = logging.DEBUG if isinstance(status, int) else logging.INFO
    if logger.isEnabledFor(level):
        path = call.operation.path  # the route template: never path values, never headers
        milliseconds = (time.perf_counter() - call.started) * 1000
        logger.log(
            level,
            "%s %s -> %s (%d attempt(s), %.1f ms)",
            call.request.method,
            path,
            status,
            call.attempts.count,
            milliseconds,
        )


def _log_repeat(request: PreparedRequest, attempts: Attempts) -> None:
    if logger.isEnabledFor(logging.INFO):
        logger.info(
            "%s: attempt %d ended (%s); trying again in %.2f s",
            request.operation.operation_id,
            attempts.count,
            attempts.history[-1].split(":", 1)[0],  # the error's type, or "HTTP 503": never its message
            attempts.wait,
        )


_HINTS = {
    "close": "an AsyncClient is closed with `await client.aclose()`, or used as `async with AsyncClient(...)`",
    "__enter__": "an AsyncClient is used as `async with AsyncClient(...) as client:`",
    "aclose": "a Client is closed with `client.close()`, or used as `with Client(...) as client:`",
    "__aenter__": "a Client is used as `with Client(...) as client:`",
}


def _operation_named(spec: Spec, name: str) -> Operation:
    try:
        return spec.operation(name)
    except KeyError:
        hint = _HINTS.get(name)
        suggestion = None if hint else closest(name, [op.python_name for op in spec.operations.values()])
        raise OperationNotFound(name, suggestion, hint=hint) from None


class Client(_BaseClient[SyncEngine]):
    """A synchronous client: ``Client(base_url=..., api_key=...).update_customer_session_v2(...)``."""

    _ENGINES = SYNC_ENGINES
    _ENGINE_METHODS = ("send", "close")
    _SANDBOX_ENGINE = "Sandbox.engine"

    def _make_engine(self, transport: Any, engine: str | None) -> SyncEngine:
        return sync_engine(transport, self._network, engine)

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        return bind_function(self.spec, operation, lambda op, args: self._call(op, args, full), is_async=False)

    def _call(self, operation: Operation, arguments: dict[str, Any], full: bool = False) -> Any:
        call = _start(self._begin(operation, dict(arguments)))
        with span(call) as traced:
            return self._finish(call, self._send(call, self._settings.middleware + traced), full=full)

    def _send(self, call: _Call, hooks: tuple[Any, ...]) -> Reply | WireError:
        request, attempts = call.request, call.attempts
        engine, name, cap = self._engine, request.operation.operation_id, self._settings.max_response_bytes
        while True:
            attempt = _before(hooks, request, attempts.count + 1) if hooks else None
            try:
                sent = request if attempt is None else attempt.outgoing()
                outcome: Reply | WireError = collect(engine, sent, name, cap, attempts.seconds())
            except WireError as failure:
                outcome = failure
            over = attempts.over(outcome)
            if attempt is not None:
                _after(hooks, attempt, outcome, attempts.done[-1][0])
            if over:
                return outcome
            _log_repeat(request, attempts)
            request.retry.sleep(attempts.wait)

    def send(self, request: PreparedRequest) -> RawResponse:
        """Send a ``build_request`` result through this client's attempt loop; the answer whatever its status
        (``.parse()`` reads it as the method would). A request that got no answer raises its error."""
        if self.is_closed:
            raise ClientClosed(f"{request.operation.operation_id}: this Client is closed; make a new one")
        call = _start(request)
        with span(call) as traced:
            return self._raw(call, self._send(call, self._settings.middleware + traced))

    def close(self) -> None:
        """Close the client; the connection pool too, unless it belongs to the client this one was derived from."""
        self._closed = True
        if self._owns_engine:
            self._engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClient(_BaseClient[AsyncEngine]):
    """An asyncio client whose operations are coroutine functions (sent through aiohttp by default).

    Close it with ``await client.aclose()`` or use it as ``async with AsyncClient(...) as client:``."""

    _ENGINES = ASYNC_ENGINES
    _ENGINE_METHODS = ("send", "aclose", "warm")
    _SANDBOX_ENGINE = "Sandbox.async_engine"

    def _make_engine(self, transport: Any, engine: str | None) -> AsyncEngine:
        return async_engine(transport, self._network, engine)

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        return bind_function(self.spec, operation, lambda op, args: self._call(op, args, full), is_async=True)

    async def _call(self, operation: Operation, arguments: dict[str, Any], full: bool = False) -> Any:
        call = _start(self._begin(operation, dict(arguments)))
        with span(call) as traced:
            return self._finish(call, await self._send(call, self._settings.middleware + traced), full=full)

    async def _send(self, call: _Call, hooks: tuple[Any, ...]) -> Reply | WireError:
        request, attempts = call.request, call.attempts
        engine, name, cap = self._engine, request.operation.operation_id, self._settings.max_response_bytes
        while True:
            attempt = _before(hooks, request, attempts.count + 1) if hooks else None
            try:
                sent = request if attempt is None else attempt.outgoing()
                outcome: Reply | WireError = await acollect(engine, sent, name, cap, attempts.seconds())
            except WireError as failure:
                outcome = failure
            over = attempts.over(outcome)
            if attempt is not None:
                _after(hooks, attempt, outcome, attempts.done[-1][0])
            if over:
                return outcome
            _log_repeat(request, attempts)
            await request.retry.asleep(attempts.wait)

    async def send(self, request: PreparedRequest) -> RawResponse:
        """Send a ``build_request`` result through this client's attempt loop; the answer whatever its status
        (``.parse()`` reads it as the method would). A request that got no answer raises its error."""
        if self.is_closed:
            raise ClientClosed(f"{request.operation.operation_id}: this AsyncClient is closed; make a new one")
        call = _start(request)
        with span(call) as traced:
            return self._raw(call, await self._send(call, self._settings.middleware + traced))

    async def aclose(self) -> None:
        """Close the client; the connection pool too, unless it belongs to the client this one was derived from."""
        self._closed = True
        if self._owns_engine:
            await self._engine.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def network_secrets(proxy: Any = None, trust_env: bool = True) -> tuple[str, ...]:
    """The credentials a client with these network options holds besides its own (a proxy's user and password,
    from ``proxy=`` or, with ``trust_env``, the environment): what a report about its calls must redact."""
    return tuple(Network(proxy=proxy, trust_env=trust_env).secrets)


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
    operation = _operation_named(client.spec, name)
    function = client._bind(operation, full=full)
    cache[operation.python_name] = function
    if operation.operation_id not in client_attribute_names():  # never hide the client's own attributes
        cache[operation.operation_id] = function
    return function


class _WithResponse:
    """``client.with_response.<operation>(...)`` returns an ``ApiResponse`` (data, status, headers, request id,
    attempts, elapsed)."""

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
