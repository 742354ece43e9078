"""One attempt's plumbing, shared by both clients: httpx errors mapped, the body collected under its limits.

* ``Failure``: a failed attempt — the talon_dyn error to raise, whether the server may
  have seen the request, and whether repeating could help.
* ``map_httpx_errors``: the one boundary where httpx's errors become talon_dyn's.
* ``Body``: a response body under the size cap, arriving within the read timeout.
* ``attempt_limit``: the longest one attempt may take.
"""

from __future__ import annotations

import time

import httpx

from ._exceptions import ConnectionFailed, ResponseTooLarge, TalonTimeout, TransportError
from ._spec import Operation

__all__ = ["Body", "Failure", "attempt_limit", "failure_reason", "map_httpx_errors"]


class Failure(Exception):
    """One failed attempt: the error to raise, whether the server may have seen the request, and
    whether trying again could help (a body over the size cap or one httpx cannot decode would
    come back the same)."""

    def __init__(self, error: TransportError, *, reached_server: bool, retryable: bool = True) -> None:
        super().__init__(str(error))
        self.error = error
        self.reached_server = reached_server
        self.retryable = retryable


def failure_reason(error: Exception) -> str:
    """One line on why an attempt failed: the error's type and message, without the operation name."""
    text = str(error)
    operation = getattr(error, "operation", None)
    if operation and text.startswith(f"{operation}: "):
        text = text[len(operation) + 2 :]
    return f"{type(error).__name__}: {text}"


class map_httpx_errors:  # a class, not @contextmanager: it is on every call's path
    """Translate httpx's errors into talon_dyn's, at this one boundary."""

    __slots__ = ("_name",)

    def __init__(self, operation: Operation) -> None:
        self._name = operation.operation_id

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc is None or not isinstance(exc, httpx.HTTPError):
            return
        name = self._name
        if isinstance(exc, httpx.ConnectTimeout):
            raise Failure(TalonTimeout(f"connect timeout: {exc}", operation=name), reached_server=False) from exc
        if isinstance(exc, httpx.PoolTimeout):
            raise Failure(TalonTimeout(f"pool timeout: {exc}", operation=name), reached_server=False) from exc
        if isinstance(exc, httpx.TimeoutException):
            phase = "read" if isinstance(exc, httpx.ReadTimeout) else "write"
            raise Failure(TalonTimeout(f"{phase} timeout: {exc}", operation=name), reached_server=True) from exc
        if isinstance(exc, httpx.ConnectError):
            error = ConnectionFailed(f"connection failed: {exc}", operation=name)
            raise Failure(error, reached_server=False) from exc
        if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError)):
            error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {exc}", operation=name)
            raise Failure(error, reached_server=True) from exc
        if isinstance(exc, httpx.DecodingError):
            failure = TransportError(f"response body could not be decoded: {exc}", operation=name)
            raise Failure(failure, reached_server=True, retryable=False) from exc
        if isinstance(exc, httpx.RequestError):  # UnsupportedProtocol, LocalProtocolError, ProxyError...
            failure = TransportError(f"{type(exc).__name__}: {exc}", operation=name)
            raise Failure(failure, reached_server=True, retryable=False) from exc


class Body:
    """A response body collected under the size cap, arriving in full within the read timeout after the headers
    (so a slow drip fails); shared by both clients, which differ only in how they iterate."""

    __slots__ = ("_cap", "_chunks", "_deadline", "_operation", "_read", "_size")

    def __init__(self, operation: str, response: httpx.Response, cap: int, read_timeout: float) -> None:
        self._operation = operation
        self._cap = cap
        self._read = read_timeout
        self._deadline = time.monotonic() + read_timeout
        self._chunks: list[bytes] = []
        self._size = 0
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise self._too_large(int(declared))

    def _too_large(self, size: int) -> Failure:
        message = f"response body of at least {size} bytes is over the cap of {self._cap} bytes"
        return Failure(ResponseTooLarge(message, operation=self._operation), reached_server=True, retryable=False)

    def add(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._cap:
            raise self._too_large(self._size)
        if time.monotonic() > self._deadline:
            message = f"read timeout: the body was still arriving {self._read:g} s after the headers"
            raise Failure(TalonTimeout(message, operation=self._operation), reached_server=True)
        self._chunks.append(chunk)

    def content(self) -> bytes:
        return b"".join(self._chunks)


def attempt_limit(timeout: httpx.Timeout) -> float:
    """The longest one attempt may take: its connect, write and read timeouts together."""
    return (timeout.connect or 0.0) + (timeout.write or 0.0) + (timeout.read or 0.0)
