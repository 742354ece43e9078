"""One OpenTelemetry span per call, with the route template and never a path value or a credential."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import httpx
import pytest
from fresh_imports import modules_after
from opentelemetry import trace  # opentelemetry-api and -sdk are dev dependencies
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import talon_dyn
from talon_dyn import Retry

EXPORTER = InMemorySpanExporter()
_PROVIDER = TracerProvider()
_PROVIDER.add_span_processor(SimpleSpanProcessor(EXPORTER))
trace.set_tracer_provider(_PROVIDER)
KEY = "sk-live-Zq9x7tR2apiKEYsecret4242"


def _answers(statuses: list[int]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        status = statuses.pop(0) if statuses else 200
        if status != 200:
            return httpx.Response(status, json={"message": "busy", "errors": []})
        return httpx.Response(200, json={"totalResultSize": 0, "data": []})

    return httpx.MockTransport(handler)


def test_each_call_is_one_client_span_with_the_route_template() -> None:
    """A call retried once after a 503 is one span: operationId, method, template, final status, 2 attempts."""
    EXPORTER.clear()
    client = talon_dyn.Client(
        base_url="http://x.test", api_key=KEY, transport=_answers([503]), retry=Retry(backoff=0.0)
    )
    client.get_reserved_coupons("secret-profile-id")
    (span,) = EXPORTER.get_finished_spans()
    assert span.name == "getReservedCoupons"
    assert span.kind is trace.SpanKind.CLIENT
    assert span.attributes["url.template"] == "/v1/coupon_reservations/coupons/{integrationId}"
    assert span.attributes["http.request.method"] == "GET"
    assert span.attributes["http.response.status_code"] == 200
    assert span.attributes["talon_dyn.attempts"] == 2
    assert "secret-profile-id" not in repr(dict(span.attributes))
    assert KEY not in repr(dict(span.attributes))


def test_a_failed_async_call_is_an_error_span() -> None:
    """A call ending in a 404 is an error span naming the error's type."""
    EXPORTER.clear()

    async def run() -> None:
        async with talon_dyn.AsyncClient(
            base_url="http://x.test", api_key=KEY, transport=_answers([404]), retry=Retry.never()
        ) as client:
            with pytest.raises(talon_dyn.NotFound):
                await client.get_reserved_coupons("p")

    asyncio.run(run())
    (span,) = EXPORTER.get_finished_spans()
    assert span.status.status_code is trace.StatusCode.ERROR
    assert span.attributes["error.type"] == "NotFound"
    assert span.attributes["http.response.status_code"] == 404


def test_without_opentelemetry_nothing_is_imported() -> None:
    """When opentelemetry cannot be found, a call imports none of it (checked in a fresh process)."""
    code = (
        "import sys, importlib.util as u; real = u.find_spec;"
        "u.find_spec = lambda n, *a: None if n.startswith('opentelemetry') else real(n, *a);"
        "import httpx, talon_dyn;"
        "t = httpx.MockTransport(lambda r: httpx.Response(200, json={'totalResultSize': 0, 'data': []}));"
        "talon_dyn.Client(base_url='http://x.test', api_key='k', transport=t).get_reserved_coupons('p')"
    )
    assert modules_after(code, "opentelemetry") == []


@pytest.mark.parametrize("engine", ["sync", "async"])
def test_each_attempt_carries_the_spans_trace_context_on_the_wire(engine: str) -> None:
    """With a tracer provider, every attempt of a call (a 503 and its repeat) sends the W3C traceparent of the
    call's span to the server, on the default engines."""
    from keepalive_server import KeepAliveServer

    EXPORTER.clear()
    plays = {1: "status:503"}
    with KeepAliveServer(lambda number, method, target: plays.get(number, "ok")) as server:
        options = {"base_url": server.url, "api_key": KEY, "retry": Retry(backoff=0.0)}
        if engine == "sync":
            with talon_dyn.Client(**options) as client:
                client.get_reserved_coupons("ada-trace")
        else:

            async def call() -> None:
                async with talon_dyn.AsyncClient(**options) as client:
                    await client.get_reserved_coupons("ada-trace")

            asyncio.run(call())
        heads = server.heads
    (span,) = EXPORTER.get_finished_spans()
    trace_id = format(span.context.trace_id, "032x")
    parents = [head.get("traceparent", "") for head in heads]
    assert len(parents) == 2
    assert all(parent.split("-")[1] == trace_id for parent in parents)


def test_a_tracer_provider_configured_after_the_first_calls_gets_the_calls_after_it() -> None:
    """Tracing set up after the client has made calls (in a fresh process: a provider is set once per process):
    the calls before it make no span, every call after it makes one, sync and async."""
    code = """
import asyncio
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from talon_dyn.sandbox import Sandbox

exporter = InMemorySpanExporter()
with Sandbox(seed=1) as sandbox, sandbox.client() as client:
    async def twice():
        async with sandbox.async_client() as aclient:
            for _ in range(2):
                await aclient.get_customer_inventory("ada")
    client.update_customer_profile("ada", {"attributes": {}})
    client.get_customer_inventory("ada")
    asyncio.run(twice())
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    client.get_customer_inventory("ada")
    async def once():
        async with sandbox.async_client() as aclient:
            await aclient.get_customer_inventory("ada")
    asyncio.run(once())
print(sorted(span.name for span in exporter.get_finished_spans()))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "['getCustomerInventory', 'getCustomerInventory']"


def test_a_tracer_provider_the_environment_names_but_cannot_load_leaves_calls_untraced_not_failed() -> None:
    """``OTEL_PYTHON_TRACER_PROVIDER`` naming a provider no package provides: OpenTelemetry raises StopIteration out of
    its lookup. Every call still succeeds, sync and async, and the log says once, in one line, why nothing is traced
    (in a fresh process: the provider is looked up once per process)."""
    code = """
import asyncio, logging
logging.basicConfig(level=logging.WARNING)
from talon_dyn.sandbox import Sandbox
with Sandbox(seed=1) as sandbox, sandbox.client() as client:
    client.update_customer_profile("ada", {"attributes": {}})
    client.get_customer_inventory("ada")
    async def once():
        async with sandbox.async_client() as aclient:
            return await aclient.get_customer_inventory("ada")
    asyncio.run(once())
print("answered")
"""
    env = {**os.environ, "OTEL_PYTHON_TRACER_PROVIDER": "no_such_provider"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["answered"]
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if "OTEL_PYTHON_TRACER_PROVIDER" in line]
    assert len(said) == 1, result.stderr
    assert "could not be loaded (StopIteration); calls are not traced" in said[0]
