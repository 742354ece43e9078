"""``Client`` and ``AsyncClient``: thin shells over the pure core that differ only in how they send.

Every operation of the spec is a real function on the client, under its snake_case
name and its operationId (the same object), built on first access and kept.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import httpx

from ._attempt import Body, Failure, attempt_limit, failure_reason, map_httpx_errors
from ._auth import Credentials
from ._binding import bind_function
from ._deadline import async_transport, attempt_deadline, sync_transport
from ._exceptions import (
    ConfigurationError,
    OperationNotFound,
    RequestValidationError,
    RetriesExhausted,
    TalonDynError,
)
from ._naming import closest
from ._operation import MODES, UNSENDABLE_HEADER_TEXT, ApiResponse, Mode, Prepared, interpret, prepare
from ._retry import Retry
from ._spec import CALL_OPTIONS, Operation, Spec, load

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT", "AsyncClient", "Client"]

logger = logging.getLogger("talon_dyn")

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


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


class _BaseClient(Generic[HttpT]):
    _http: HttpT

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
    ) -> None:
        self.spec: Spec = spec if isinstance(spec, Spec) else load(spec)
        servers = [url for url in self.spec.servers if "://" in url]
        if base_url is None:
            if not servers:
                raise ConfigurationError("base_url is required: the spec names no absolute server URL")
            base_url = servers[0]
        self._credentials = Credentials(
            api_key=api_key, application_id=application_id, application_key=application_key, extra=credentials
        )
        self.timeout = _check_timeout(timeout)
        self.request_validation = _check_mode("request_validation", request_validation)
        self.response_validation = _check_mode("response_validation", response_validation)
        self.retry = retry if retry is not None else Retry()
        if max_response_bytes <= 0:
            raise ConfigurationError("max_response_bytes must be positive")
        self.max_response_bytes = max_response_bytes
        self._headers = dict(headers or {})
        for name, value in self._headers.items():
            if UNSENDABLE_HEADER_TEXT.search(name) or UNSENDABLE_HEADER_TEXT.search(value):
                raise ConfigurationError(
                    f"headers: {name!r} cannot be sent: header names and values carry only printable ASCII "
                    "and tab (CR, LF or NUL could split the request)"
                )
        self._http = self._make_http(base_url, transport)
        self.with_response = _WithResponse(self)

    def _make_http(self, base_url: str, transport: Any) -> HttpT:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return str(self._http.base_url)

    @property
    def operations(self) -> Mapping[str, Operation]:
        """The spec's operations by operationId."""
        return self.spec.operations

    @classmethod
    def from_spec(cls, path: str | os.PathLike[str] | None = None, **kwargs: Any) -> Any:
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

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        spec = self.__dict__.get("spec")
        if spec is None:
            raise AttributeError(name)
        try:
            operation = spec.operation(name)
        except KeyError:
            names = [op.python_name for op in spec.operations.values()]
            raise OperationNotFound(name, closest(name, names)) from None
        function = self._bind(operation, full=False)
        self.__dict__[operation.python_name] = function
        self.__dict__[operation.operation_id] = function
        return function

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        raise NotImplementedError

    def _prepare(self, operation: Operation, arguments: dict[str, Any]) -> tuple[Prepared, dict[str, Any]]:
        options = {name: arguments.pop(name, None) for name in CALL_OPTIONS}
        mode = _check_mode("request_validation", options["request_validation"] or self.request_validation)
        options["response_validation"] = _check_mode(
            "response_validation", options["response_validation"] or self.response_validation
        )
        options["timeout"] = _check_timeout(options["timeout"]) if options["timeout"] is not None else self.timeout
        options["retry"] = options["retry"] if options["retry"] is not None else self.retry
        prepared = prepare(self.spec, operation, arguments, self._credentials, mode=mode, extra_headers=self._headers)
        return prepared, options

    def _request(self, prepared: Prepared, timeout: httpx.Timeout) -> httpx.Request:
        try:
            return self._http.build_request(
                prepared.method,
                prepared.target,
                headers=prepared.headers,
                content=prepared.content,
                files=prepared.files,
                data=prepared.data,
                timeout=timeout,
            )
        except httpx.InvalidURL as exc:  # e.g. longer than the 65,536 characters httpx accepts
            raise RequestValidationError(
                prepared.operation.operation_id, f"cannot be sent: {exc}", location="URL"
            ) from None

    def _body(self, operation: Operation, response: httpx.Response, timeout: httpx.Timeout) -> Body:
        return Body(operation.operation_id, response, self.max_response_bytes, timeout.read or 0.0)

    def _finish(
        self, operation: Operation, response: httpx.Response, content: bytes, options: dict[str, Any], full: bool
    ) -> Any:
        data = interpret(self.spec, operation, response, content, mode=options["response_validation"])
        if full:
            return ApiResponse(data, response.status_code, response.headers, response)
        return data

    def _outcome(
        self, operation: Operation, prepared: Prepared, retry: Retry, attempt: int, started: float, result: Any
    ) -> tuple[float | None, str, str]:
        """After an attempt: seconds to wait before the next one (None to stop), why it failed ("" when
        it did not fail in a way a repeat could mend), and why it is not repeated when it could be."""
        if isinstance(result, Failure):
            if not result.retryable:
                return None, "", ""
            reason = failure_reason(result.error)
            reached, headers = result.reached_server, None
        else:
            response: httpx.Response = result
            if response.status_code not in retry.statuses:
                return None, "", ""
            reason = f"HTTP {response.status_code}"
            reached, headers = True, response.headers
        if attempt >= retry.attempts:
            return None, reason, ""
        if not retry.may_repeat(prepared.method, operation.operation_id, reached_server=reached):
            why = f"not repeated: a {prepared.method} that may have reached the server is repeated only with "
            return None, reason, why + "Retry(unsafe=True) or Retry(unsafe_operations=...)"
        wait = retry.wait(attempt, headers)
        if retry.clock() - started + wait > retry.budget:
            return None, reason, "time budget spent"
        return wait, reason, ""

    def _give_up(
        self,
        operation: Operation,
        earlier: list[str],
        reason: str,
        stop: str,
        last: Any,
        options: dict[str, Any],
        full: bool,
    ) -> Any:
        """The last attempt's data or error; RetriesExhausted when it and earlier attempts all failed.

        ``earlier`` says why each earlier attempt failed, ``reason`` why the last one did ("" when
        it ended in a definitive answer) and ``stop`` why it was not repeated.
        """
        if reason and stop:
            reason = f"{reason} ({stop})"
        try:
            if isinstance(last, Failure):
                raise last.error from last.__cause__
            return self._finish(operation, last[0], last[1], options, full)
        except TalonDynError as error:
            if reason and earlier:
                raise RetriesExhausted(operation.operation_id, [*earlier, reason], error) from error
            attempts = [*earlier, reason or failure_reason(error)]
            if len(attempts) > 1 or stop:
                lines = "; ".join(f"attempt {number}: {why}" for number, why in enumerate(attempts, 1))
                error.add_note(f"talon_dyn: {len(attempts)} attempt(s): {lines}")
            raise


def _log(prepared: Prepared, status: int | str, started: float) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        path = prepared.target.split("?", 1)[0]
        logger.debug("%s %s -> %s in %.1f ms", prepared.method, path, status, (time.perf_counter() - started) * 1000)


class Client(_BaseClient[httpx.Client]):
    """A synchronous client: ``Client(base_url=..., api_key=...).update_customer_session_v2(...)``."""

    def _make_http(self, base_url: str, transport: Any) -> httpx.Client:
        transport = transport if transport is not None else sync_transport()
        return httpx.Client(base_url=base_url, transport=transport, timeout=self.timeout, follow_redirects=False)

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        return bind_function(self.spec, operation, lambda op, args: self._call(op, args, full), is_async=False)

    def _send_once(
        self, operation: Operation, prepared: Prepared, timeout: httpx.Timeout
    ) -> tuple[httpx.Response, bytes]:
        started = time.perf_counter()
        with map_httpx_errors(operation), attempt_deadline(attempt_limit(timeout)):
            response = self._http.send(self._request(prepared, timeout), stream=True)
            try:
                body = self._body(operation, response, timeout)
                for chunk in [response.content] if response.is_stream_consumed else response.iter_bytes():
                    body.add(chunk)
            finally:
                response.close()
        _log(prepared, response.status_code, started)
        return response, body.content()

    def _call(self, operation: Operation, arguments: dict[str, Any], full: bool = False) -> Any:
        prepared, options = self._prepare(operation, dict(arguments))
        retry: Retry = options["retry"]
        started = retry.clock()
        earlier: list[str] = []
        attempt = 0
        while True:
            attempt += 1
            try:
                last: Any = self._send_once(operation, prepared, options["timeout"])
                wait, reason, stop = self._outcome(operation, prepared, retry, attempt, started, last[0])
            except Failure as failure:
                last = failure
                wait, reason, stop = self._outcome(operation, prepared, retry, attempt, started, failure)
            if wait is None:
                return self._give_up(operation, earlier, reason, stop, last, options, full)
            earlier.append(reason)
            retry.sleep(wait)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClient(_BaseClient[httpx.AsyncClient]):
    """An asyncio client whose operations are coroutine functions."""

    def _make_http(self, base_url: str, transport: Any) -> httpx.AsyncClient:
        transport = transport if transport is not None else async_transport()
        return httpx.AsyncClient(base_url=base_url, transport=transport, timeout=self.timeout, follow_redirects=False)

    def _bind(self, operation: Operation, *, full: bool) -> Callable[..., Any]:
        return bind_function(self.spec, operation, lambda op, args: self._call(op, args, full), is_async=True)

    async def _send_once(
        self, operation: Operation, prepared: Prepared, timeout: httpx.Timeout
    ) -> tuple[httpx.Response, bytes]:
        started = time.perf_counter()
        with map_httpx_errors(operation), attempt_deadline(attempt_limit(timeout)):
            response = await self._http.send(self._request(prepared, timeout), stream=True)
            try:
                body = self._body(operation, response, timeout)
                if response.is_stream_consumed:
                    body.add(response.content)
                else:
                    async for chunk in response.aiter_bytes():
                        body.add(chunk)
            finally:
                await response.aclose()
        _log(prepared, response.status_code, started)
        return response, body.content()

    async def _call(self, operation: Operation, arguments: dict[str, Any], full: bool = False) -> Any:
        prepared, options = self._prepare(operation, dict(arguments))
        retry: Retry = options["retry"]
        started = retry.clock()
        earlier: list[str] = []
        attempt = 0
        while True:
            attempt += 1
            try:
                last: Any = await self._send_once(operation, prepared, options["timeout"])
                wait, reason, stop = self._outcome(operation, prepared, retry, attempt, started, last[0])
            except Failure as failure:
                last = failure
                wait, reason, stop = self._outcome(operation, prepared, retry, attempt, started, failure)
            if wait is None:
                return self._give_up(operation, earlier, reason, stop, last, options, full)
            earlier.append(reason)
            await retry.asleep(wait)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class _WithResponse:
    """``client.with_response.<operation>(...)`` returns an ``ApiResponse`` (data, status, headers)."""

    def __init__(self, client: _BaseClient[Any]) -> None:
        self._client = client

    def __dir__(self) -> list[str]:
        return [op.python_name for op in self._client.spec.operations.values()]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            operation = self._client.spec.operation(name)
        except KeyError:
            names = [op.python_name for op in self._client.spec.operations.values()]
            raise OperationNotFound(name, closest(name, names)) from None
        function = self._client._bind(operation, full=True)
        self.__dict__[operation.python_name] = function
        self.__dict__[operation.operation_id] = function
        return function
