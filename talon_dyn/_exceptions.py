"""The whole talon_dyn error tree, in one place.

* TalonDynError
    * SpecError (also ValueError): the spec document is malformed or unsupported.
        * ConfigFileError: a campaigns, faults or scenarios file that cannot be used (file#/pointer).
    * OperationNotFound (also AttributeError): no operation of that name.
    * ConfigurationError (also ValueError): the client was configured wrongly,
      including MissingCredentials for an operation whose auth was not given.
    * ValidationError (also ValueError)
        * RequestValidationError: arguments refused before any I/O.
        * ResponseValidationError: a response does not match the spec.
    * ClientClosed (also RuntimeError): a call on a client that was closed.
    * TalonTransportError: the request could not be completed.
        * TalonTimeout: an attempt or the call's deadline ran out.
        * ConnectionFailed: refused, reset or unreachable.
        * ResponseTooLarge: the response body exceeded the size cap.
    * ResponseError: the response could not be understood.
        * UnexpectedStatus: a status the operation does not document.
        * UnexpectedContentType: not the JSON the operation documents.
        * InvalidJSON: the body is not valid JSON.
    * ApiError: a documented error status; carries the parsed ErrorResponse.
        * BadRequest (400), Unauthorized (401), NotFound (404), Conflict (409),
          TooManyRequests (429), ServerError (5xx).

Every error that concerns one operation carries ``operation`` (its operationId),
and response errors carry ``response`` (an ``httpx.Response``) and ``status``.
An error raised by a call is always the *last attempt's own kind* (a ``Conflict`` after
three 409s, a ``TalonTimeout`` after three timeouts) and carries ``attempts``: why each
attempt ended, one line each; ``request_id`` is the server's request id when it sent one,
and ``TooManyRequests.retry_after`` the seconds its ``Retry-After`` asked for.
No message, note or pickle ever contains a credential: the client scrubs the secrets it
holds from server text, the ``response`` it keeps has no credential header, and a
pickled error leaves its ``response`` out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

__all__ = [
    "ApiError",
    "AttemptRecord",
    "BadRequest",
    "ClientClosed",
    "ConfigFileError",
    "ConfigurationError",
    "Conflict",
    "ConnectionFailed",
    "InvalidJSON",
    "MissingCredentials",
    "NotFound",
    "OperationNotFound",
    "RequestValidationError",
    "ResponseError",
    "ResponseTooLarge",
    "ResponseValidationError",
    "ServerError",
    "SpecError",
    "TalonDynError",
    "TalonTimeout",
    "TalonTransportError",
    "TooManyRequests",
    "Unauthorized",
    "UnexpectedContentType",
    "UnexpectedStatus",
    "ValidationError",
]


class AttemptRecord(str):
    """One attempt of a call: its text is the line saying why it ended (``HTTP 503``, ``TalonTimeout: ...``, or
    ``""`` for the one that got the answer), and its fields say the same as data."""

    number: int
    """1 for the first attempt."""
    elapsed: float
    """Seconds it took, from sending to its end."""
    status: int | None
    """The status it was answered with (None when it got no answer)."""
    error: str | None
    """The kind of failure that ended it without an answer (``TalonTimeout``, ``ConnectionFailed``...), or None."""
    may_have_reached_server: bool
    """Whether the server may have received it (an answer came, or the failure came after sending began)."""

    def __new__(
        cls,
        text: str,
        *,
        number: int = 1,
        elapsed: float = 0.0,
        status: int | None = None,
        error: str | None = None,
        may_have_reached_server: bool = False,
    ) -> AttemptRecord:
        attempt = super().__new__(cls, text)
        attempt.number, attempt.elapsed, attempt.status = number, elapsed, status
        attempt.error, attempt.may_have_reached_server = error, may_have_reached_server
        return attempt

    def with_text(self, text: str) -> AttemptRecord:
        """The same attempt with another text (its secrets masked, say)."""
        return AttemptRecord(
            text,
            number=self.number,
            elapsed=self.elapsed,
            status=self.status,
            error=self.error,
            may_have_reached_server=self.may_have_reached_server,
        )

    def __repr__(self) -> str:
        what = f"status={self.status}" if self.status is not None else f"error={self.error!r}"
        return f"<AttemptRecord {self.number} {what} {self.elapsed:.3f} s {str(self)!r}>"

    def __reduce__(self) -> tuple[Any, ...]:
        fields = (self.number, self.elapsed, self.status, self.error, self.may_have_reached_server)
        return (_attempt, (str(self), *fields))


def _attempt(
    text: str, number: int, elapsed: float, status: int | None, error: str | None, reached: bool
) -> AttemptRecord:
    return AttemptRecord(
        text, number=number, elapsed=elapsed, status=status, error=error, may_have_reached_server=reached
    )


def _rebuild(cls: type[TalonDynError], args: tuple[Any, ...], state: dict[str, Any]) -> TalonDynError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class TalonDynError(Exception):
    """Base class of every error talon_dyn raises."""

    attempts: Sequence[str] = ()
    """Each attempt of the call (empty for errors raised before sending): ``AttemptRecord`` records, whose text is
    the line saying why it ended and whose fields (``number``, ``elapsed``, ``status``, ``error``,
    ``may_have_reached_server``) say it as data."""
    request_id: str | None = None
    """The request id the server sent with its answer (``X-Request-Id`` and kin), when it sent one."""
    response: httpx.Response | None = None
    """The answer, for the errors that have one; None after a pickle (the exchange is not pickled)."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt without calling __init__ (whose signatures differ); the httpx.Response stays behind:
        # it holds the whole exchange, and pickles travel further than the process that made them.
        state = {key: value for key, value in self.__dict__.items() if key != "response"}
        return (_rebuild, (type(self), self.args, state))


class SpecError(TalonDynError, ValueError):
    """A spec document that cannot be used, with the file and the JSON pointer."""

    def __init__(
        self, message: str, *, source: str | None = None, pointer: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.source = source
        self.pointer = pointer
        self.line = line
        where = ""
        if source is not None:
            where = f"{source}:{line} " if line is not None else source
        if pointer is not None:
            where = f"{where}#{pointer}" if where else f"#{pointer}"
        super().__init__(f"{where.rstrip()}: {message}" if where else message)


class ConfigFileError(SpecError):
    """A config file (sandbox campaigns or faults, smoke scenarios) that cannot be used: the file, the JSON
    pointer and what is wrong. Every config file is read and checked one way (``_model.document.read_config``)."""


class OperationNotFound(TalonDynError, AttributeError):
    """No operation of that name; suggests the closest one."""

    def __init__(self, name: str, suggestion: str | None = None, *, hint: str | None = None) -> None:
        self.name = name
        self.suggestion = suggestion
        said = f" Did you mean {suggestion!r}?" if suggestion else ""
        said += f" ({hint})" if hint else ""
        super().__init__(f"No operation named {name!r} in this spec.{said}")


class ConfigurationError(TalonDynError, ValueError):
    """The client or a call was configured wrongly."""


class ClientClosed(TalonDynError, RuntimeError):
    """A call on a client after ``close()`` / ``aclose()`` (or after the client that owns its pool closed)."""


class MissingCredentials(ConfigurationError):
    """The operation needs an auth scheme the client was not given."""

    def __init__(self, operation: str, schemes: list[str]) -> None:
        self.operation = operation
        self.schemes = schemes
        wanted = " or ".join(schemes)
        super().__init__(
            f"{operation}: needs credentials for {wanted}; "
            "pass api_key=... (api_key_v1) or application_id=... and application_key=... "
            "(integration_auth) to the client"
        )


class ValidationError(TalonDynError, ValueError):
    """Data that does not match the spec's schema."""

    def __init__(
        self,
        operation: str,
        message: str,
        *,
        location: str = "body",
        json_path: str = "$",
        expected: str | None = None,
        errors: tuple[str, ...] = (),
    ) -> None:
        self.operation = operation
        self.location = location
        self.json_path = json_path
        self.expected = expected
        self.errors = errors or (message,)
        self.message = message
        super().__init__(self._render())

    def _render(self) -> str:
        text = f"{self.operation}: {self.location} {self.json_path}: {self.message}"
        extra = len(self.errors) - 1
        if extra > 0:
            text += f" (and {extra} more error{'s' if extra > 1 else ''})"
        return text


class RequestValidationError(ValidationError):
    """Arguments that do not match the operation; nothing was sent."""


class ResponseValidationError(ValidationError):
    """A response body that does not match the operation's response schema."""

    def __init__(self, operation: str, message: str, *, response: httpx.Response, **kwargs: Any) -> None:
        self.response = response
        self.status = response.status_code
        super().__init__(operation, message, location=f"response {response.status_code}", **kwargs)


class TalonTransportError(TalonDynError):
    """The request could not be completed.

    ``may_have_reached_server`` is False when the request provably never reached the server (the connection
    was refused or never made): nothing was done there. True means it may have been acted on."""

    may_have_reached_server: bool = True

    def __init__(self, message: str, *, operation: str | None = None) -> None:
        self.operation = operation
        super().__init__(f"{operation}: {message}" if operation else message)


class TalonTimeout(TalonTransportError):
    """Connecting, sending or reading timed out."""


class ConnectionFailed(TalonTransportError):
    """The connection was refused, reset or could not be made."""


class ResponseTooLarge(TalonTransportError):
    """The response body was larger than the client's size cap."""


class ResponseError(TalonDynError):
    """A response that could not be interpreted as the operation documents."""

    def __init__(self, operation: str, message: str, *, response: httpx.Response) -> None:
        self.operation = operation
        self.response = response
        self.status = response.status_code
        super().__init__(f"{operation}: HTTP {response.status_code}: {message}")


class UnexpectedStatus(ResponseError):
    """The status code is not among the operation's documented responses."""


class UnexpectedContentType(ResponseError):
    """The response's content type is not the documented JSON."""


class InvalidJSON(ResponseError):
    """The response body is not valid JSON (truncated, HTML, empty...)."""


class ApiError(TalonDynError):
    """A documented error response; ``error`` is the parsed ErrorResponse body."""

    def __init__(self, operation: str, response: httpx.Response, error: Mapping[str, Any] | None) -> None:
        self.operation = operation
        self.response = response
        self.status = response.status_code
        self.error: Mapping[str, Any] = error or {}
        message = self.error.get("message") if isinstance(self.error, Mapping) else None
        details = []
        for item in self.error.get("errors") or []:
            if isinstance(item, Mapping):
                source = item.get("source") or {}
                where = (source.get("pointer") or source.get("parameter") or "") if isinstance(source, Mapping) else ""
                details.append(f"{item.get('title', '')} {where}: {item.get('details', '')}".strip())
        text = f"{operation}: HTTP {self.status}"
        if message:
            text += f": {message}"
        if details:
            text += " [" + "; ".join(details) + "]"
        super().__init__(text)

    @property
    def message(self) -> str | None:
        value = self.error.get("message")
        return value if isinstance(value, str) else None


class BadRequest(ApiError):
    """HTTP 400."""


class Unauthorized(ApiError):
    """HTTP 401."""


class NotFound(ApiError):
    """HTTP 404."""


class Conflict(ApiError):
    """HTTP 409."""


class TooManyRequests(ApiError):
    """HTTP 429; ``retry_after`` is the seconds the answer's ``Retry-After`` asked for (None without one)."""

    retry_after: float | None = None


class ServerError(ApiError):
    """HTTP 5xx."""


API_ERRORS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    409: Conflict,
    429: TooManyRequests,
}


def api_error_class(status: int) -> type[ApiError]:
    """The most specific ApiError subclass for a status code."""
    if status >= 500:
        return ServerError
    return API_ERRORS.get(status, ApiError)
