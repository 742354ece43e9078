"""talon_dyn: a declarative, spec-driven client for the Talon.One Integration API.

One OpenAPI document, loaded at run time, gives every operation as a real method
of ``Client`` and ``AsyncClient`` with requests and responses validated against
the spec's JSON Schemas::

    import talon_dyn

    with talon_dyn.Client(base_url="https://mycompany.talon.one", api_key="...") as client:
        state = client.update_customer_session_v2("session-1", {"customerSession": {"profileId": "p1"}})
"""

from typing import TYPE_CHECKING

from . import _logs

if TYPE_CHECKING:  # the stub rendered from the spec: every operation as a typed method
    from ._typed import AsyncClient, Client
else:
    from ._client.client import AsyncClient, Client
from ._client.binding import CallOptions
from ._client.codec import ApiResponse, TalonValidationWarning
from ._client.middleware import Attempt, Middleware
from ._client.request import PreparedRequest, RawResponse
from ._client.retry import Retry
from ._exceptions import (
    ApiError,
    AttemptRecord,
    BadRequest,
    ClientClosed,
    ConfigFileError,
    ConfigurationError,
    Conflict,
    ConnectionFailed,
    InvalidJSON,
    MissingCredentials,
    NotFound,
    OperationNotFound,
    RequestValidationError,
    ResponseError,
    ResponseTooLarge,
    ResponseValidationError,
    ServerError,
    SpecError,
    TalonDynError,
    TalonTimeout,
    TalonTransportError,
    TooManyRequests,
    Unauthorized,
    UnexpectedContentType,
    UnexpectedStatus,
    ValidationError,
)
from ._model.spec import Operation, Parameter, RequestBody, ResponseSpec, Spec, load
from ._version import __version__

_logs.configure_from_environment()

__all__ = [
    "ApiError",
    "ApiResponse",
    "AsyncClient",
    "Attempt",
    "AttemptRecord",
    "BadRequest",
    "CallOptions",
    "Client",
    "ClientClosed",
    "ConfigFileError",
    "ConfigurationError",
    "Conflict",
    "ConnectionFailed",
    "InvalidJSON",
    "Middleware",
    "MissingCredentials",
    "NotFound",
    "Operation",
    "OperationNotFound",
    "Parameter",
    "PreparedRequest",
    "RawResponse",
    "RequestBody",
    "RequestValidationError",
    "ResponseError",
    "ResponseSpec",
    "ResponseTooLarge",
    "ResponseValidationError",
    "Retry",
    "ServerError",
    "Spec",
    "SpecError",
    "TalonDynError",
    "TalonTimeout",
    "TalonTransportError",
    "TalonValidationWarning",
    "TooManyRequests",
    "Unauthorized",
    "UnexpectedContentType",
    "UnexpectedStatus",
    "ValidationError",
    "__version__",
    "load",
]

_RENAMED = {"Response": "ResponseSpec", "TransportError": "TalonTransportError"}
"""Names that shadowed httpx's (``httpx.Response``, ``httpx.TransportError``), kept one release as aliases."""


def __getattr__(name: str) -> object:
    new = _RENAMED.get(name)
    if new is None:
        raise AttributeError(f"module 'talon_dyn' has no attribute {name!r}")
    import warnings

    warnings.warn(
        f"talon_dyn.{name} is now talon_dyn.{new} (the old name shadowed httpx.{name}); it goes in the next release",
        DeprecationWarning,
        stacklevel=2,
    )
    return globals()[new]
