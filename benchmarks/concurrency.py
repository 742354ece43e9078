"""The async table of ``make bench``: calls/s and p50/p99 latency under concurrency.

talon_dyn's ``AsyncClient`` (validation on; the default aiohttp engine and ``engine="pyreqwest"``) against
raw ``httpx.AsyncClient``, raw aiohttp and raw pyreqwest (no validation, json.dumps/json.loads only), all
against the same lean loopback server (``benchmarks.canned_asyncio``, its own process) in the same run, at
concurrency 1, 16 and 64. Each figure is the median of ``BENCH_ASYNC_ROUNDS`` interleaved rounds of
``BENCH_ASYNC_CALLS`` calls; ratios are to raw aiohttp's figure of the same round set.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import httpx

import talon_dyn

from .payloads import ROUTES, arguments
from .pinning import pinned_apart

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ASYNC_ROUNDS", "3"))
CALLS = int(os.environ.get("BENCH_ASYNC_CALLS", "1500"))
LEVELS = (1, 16, 64)
OPERATIONS = tuple(ROUTES)
"""Every route: GET, PUT, POST and DELETE (a POST on a pooled connection once paid a wait the others did not)."""


def start_server() -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "benchmarks.canned_asyncio"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert process.stdout is not None
    return process, f"http://127.0.0.1:{process.stdout.readline().split()[1]}"


async def drive(call: Callable[[], Awaitable[None]], concurrency: int, total: int) -> tuple[float, float, float]:
    """(calls/s, p50 ms, p99 ms) of ``total`` calls made by ``concurrency`` workers."""
    latencies: list[float] = []
    left = total

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            started = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return total / elapsed, latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000


def _callers(base_url: str, name: str) -> tuple[dict[str, Callable[[], Awaitable[None]]], list[Any]]:
    method, path, body, _ = ROUTES[name]
    ours = talon_dyn.AsyncClient(base_url=base_url, api_key="bench-key")
    bound = getattr(ours, ours.spec.operation(name).python_name)
    args = arguments(name)
    plain = httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": "ApiKey-v1 bench-key"}, limits=httpx.Limits(max_connections=100)
    )
    session = aiohttp.ClientSession(base_url=base_url, headers={"Authorization": "ApiKey-v1 bench-key"})
    json_headers = {"Content-Type": "application/json"} if body is not None else None
    from pyreqwest.client import ClientBuilder

    fast = talon_dyn.AsyncClient(base_url=base_url, api_key="bench-key", engine="pyreqwest")
    bound_fast = getattr(fast, fast.spec.operation(name).python_name)
    reqwest = ClientBuilder().default_headers({"Authorization": "ApiKey-v1 bench-key"}).build()

    async def talon() -> None:
        await bound(*args)

    async def talon_fast() -> None:
        await bound_fast(*args)

    async def raw_pyreqwest() -> None:
        request = reqwest.request(method, base_url + path)
        if body is not None:
            request = request.body_bytes(json.dumps(body).encode()).header("Content-Type", "application/json")
        reply = await request.build().send()
        content = bytes(await reply.bytes())
        if content:
            json.loads(content)

    async def raw_httpx() -> None:
        content = json.dumps(body).encode() if body is not None else None
        reply = await plain.request(method, path, content=content, headers=json_headers)
        if reply.content:
            json.loads(reply.content)

    async def raw_aiohttp() -> None:
        content = json.dumps(body).encode() if body is not None else None
        async with session.request(method, path, data=content, headers=json_headers) as reply:
            read = await reply.read()
            if read:
                json.loads(read)

    closers = [ours.aclose, fast.aclose, plain.aclose, session.close, reqwest.close]
    callers = {
        "talon_dyn": talon,
        "talon_dyn[pyreqwest]": talon_fast,
        "httpx": raw_httpx,
        "aiohttp": raw_aiohttp,
        "pyreqwest": raw_pyreqwest,
    }
    return callers, closers


async def _measure(base_url: str) -> list[dict[str, Any]]:
    rows = []
    for name in OPERATIONS:
        callers, closers = _callers(base_url, name)
        for concurrency in LEVELS:
            samples: dict[str, list[tuple[float, float, float]]] = {key: [] for key in callers}
            calls = CALLS if concurrency > 1 else CALLS // 3
            for call in callers.values():  # warm up connections, validators and caches
                await drive(call, concurrency, 2 * concurrency)
            for _ in range(ROUNDS):
                for key, call in callers.items():
                    samples[key].append(await drive(call, concurrency, calls))
            medians = {
                key: tuple(statistics.median(sample[i] for sample in runs) for i in range(3))
                for key, runs in samples.items()
            }
            base_rate, _, base_p99 = medians["aiohttp"]
            for key in callers:
                rate, p50, p99 = medians[key]
                rows.append(
                    {
                        "operation": name,
                        "concurrency": concurrency,
                        "client": key,
                        "calls_per_s": round(rate),
                        "p50_ms": round(p50, 2),
                        "p99_ms": round(p99, 2),
                        "rate_vs_aiohttp": round(rate / base_rate, 3),
                        "p99_vs_aiohttp": round(p99 / base_p99, 3),
                    }
                )
        for close in closers:
            await close()
    return rows


def run() -> tuple[list[dict[str, Any]], str]:
    """The rows, and how server and clients were pinned."""
    server, base_url = start_server()
    try:
        with pinned_apart(server.pid) as pinning:
            return asyncio.run(_measure(base_url)), pinning
    finally:
        server.terminate()
        server.wait()
