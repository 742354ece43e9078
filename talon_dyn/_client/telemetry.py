"""One OpenTelemetry span per operation call, when ``opentelemetry-api`` is installed (``talon_dyn[otel]``).

Without it nothing is imported and each call pays one attribute check; with the API installed
but no tracer provider configured (OpenTelemetry's default proxy), no span is made either: a
no-op span cost ~17 us a call. Each attempt carries the span's W3C trace context (``traceparent``,
through the built-in ``TraceContext`` middleware). The span is named for
the operation and carries the operationId, the method, the route *template* (never path
values, never headers), the final status and the number of attempts; a failed call records
its error type (messages are already free of credentials) and an error status.
"""

from __future__ import annotations

import logging
import threading
from importlib.util import find_spec
from typing import Any

from .._logs import logger

__all__ = ["AVAILABLE", "span"]

AVAILABLE = find_spec("opentelemetry") is not None
_tracer: Any = None


class _NoSpan:
    __slots__ = ()

    def __enter__(self) -> tuple[Any, ...]:
        return ()

    def __exit__(self, *exc_info: object) -> None:
        return None


_NO_SPAN = _NoSpan()
_PROPAGATE: tuple[Any, ...] = ()


class _Span:
    __slots__ = ("_call", "_scope", "_span")

    def __init__(self, call: Any) -> None:
        self._call = call

    def __enter__(self) -> tuple[Any, ...]:
        """The span started; the middleware that puts its trace context on each attempt."""
        global _PROPAGATE
        if not _PROPAGATE:
            from .middleware import TraceContext

            _PROPAGATE = (TraceContext(),)
        operation = self._call.operation
        attributes = {
            "talon_dyn.operation": operation.operation_id,
            "http.request.method": operation.method,
            "url.template": operation.path,
        }
        self._scope = _tracer.start_as_current_span(operation.operation_id, kind=_kind(), attributes=attributes)
        self._span = self._scope.__enter__()
        return _PROPAGATE

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        span, call = self._span, self._call
        span.set_attribute("talon_dyn.attempts", call.attempts.count)
        if call.status is not None:
            span.set_attribute("http.response.status_code", call.status)
        if error is not None:
            from opentelemetry.trace import Status, StatusCode

            span.set_attribute("error.type", type(error).__name__)
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        self._scope.__exit__(None, None, None)  # the error is recorded above, without its traceback


def _kind() -> Any:
    from opentelemetry.trace import SpanKind

    return SpanKind.CLIENT


_trace: Any = None
_proxy: Any = None


def span(call: Any) -> _Span | _NoSpan:
    """A context manager around one call: a client span when OpenTelemetry is installed and a tracer provider
    is configured, else nothing."""
    global _tracer, _trace, _proxy
    if not AVAILABLE:
        return _NO_SPAN
    if _trace is None:
        from opentelemetry import trace

        from .._version import __version__

        _trace, _proxy = trace, trace.ProxyTracerProvider
        # The first ask loads a provider named by OTEL_PYTHON_TRACER_PROVIDER (trace.get_tracer's own way).
        _tracer = _provider().get_tracer("talon_dyn", __version__)
    if not _configured():  # nothing would receive the span
        return _NO_SPAN
    return _Span(call)


def _provider() -> Any:
    """OpenTelemetry's tracer provider, or its no-op proxy when the one ``OTEL_PYTHON_TRACER_PROVIDER`` names cannot
    be loaded (it raised ``StopIteration`` out of the call for a name no package provides): tracing set up wrong
    leaves calls untraced, said once in the log, and never fails them."""
    global _broken
    quiet = logging.getLogger("opentelemetry.util._providers")  # it logs the failure with a traceback: ours says it
    with _QUIETING:  # one thread at a time, so the logger is always given back as it was
        was, quiet.disabled = quiet.disabled, True
        try:
            return _trace.get_tracer_provider()
        except Exception as exc:
            if not _broken:
                _broken = True
                logger.warning(
                    "OpenTelemetry: the tracer provider OTEL_PYTHON_TRACER_PROVIDER names could not be loaded (%s); "
                    "calls are not traced",
                    type(exc).__name__,
                )
            return _proxy()
        finally:
            quiet.disabled = was


_broken = False
_QUIETING = threading.Lock()


_UNKNOWN = object()


def _configured() -> bool:
    """Whether a tracer provider is configured. OpenTelemetry's ``get_tracer_provider()`` looks the environment up
    on every call while none is (a ``KeyError`` raised and caught: ~4 us of an async call at 64 concurrent calls in
    ``make bench``), so the provider it keeps, set once and for good, is read directly; a release that keeps it
    under another name is asked the public way."""
    provider = getattr(_trace, "_TRACER_PROVIDER", _UNKNOWN)
    if provider is _UNKNOWN:
        return not isinstance(_provider(), _proxy)
    return provider is not None and not isinstance(provider, _proxy)
