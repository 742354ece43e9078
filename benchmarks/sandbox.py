"""The sandbox's share of ``make bench``: ``run()`` returns the tables that ``benchmarks.run`` prints.

Two operations: updateCustomerSessionV2 (a 20-item cart and one coupon; two carts that
differ in one quantity alternate, so every call really changes the stored session) and
getReservedCoupons (one reserved coupon).

* In-process: the sandbox's own time per call (``Sandbox.handle(request)``: routing,
  auth, body validation, the rules, the SQLite transaction, the JSON answer) against the
  client's own time per call (``talon_dyn.Client`` against a transport that answers the
  same body canned). Target: the sandbox costs no more than the client (ratio <= 1).
  ``engine_us`` is the sandbox's own time on the path ``sandbox.client()`` takes
  (``Sandbox.engine().send``: the prepared request in, the answer's bytes out, no httpx).
* Over TCP: ``talon-dyn sandbox`` in its own process against the same server framework
  answering the same route with a canned body (``benchmarks.canned_asgi``), also in its
  own process; the load comes from this process, ``CLIENTS`` threads with one keep-alive
  ``httpx.Client`` each. Target: the sandbox reaches at least half the canned server's
  throughput, written as ratio = canned req/s / sandbox req/s <= 2. On a small machine the
  load generator shares the cores and can be what limits the canned server, so a second
  row per operation compares the servers' own CPU time per request (Linux ``/proc``),
  with the same target: sandbox CPU / canned CPU <= 2.

Samples are interleaved (sandbox, client, ...; canned, sandbox, ...) and the medians kept.
Knobs: BENCH_SANDBOX_CALLS / _ROUNDS (in-process), BENCH_SANDBOX_SECONDS / _TCP_ROUNDS /
_CLIENTS (TCP). With the defaults the whole run takes about 30 s.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from talon_dyn.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
CALLS = int(os.environ.get("BENCH_SANDBOX_CALLS", "100"))
ROUNDS = int(os.environ.get("BENCH_SANDBOX_ROUNDS", "15"))
SECONDS = float(os.environ.get("BENCH_SANDBOX_SECONDS", "1.0"))
TCP_ROUNDS = int(os.environ.get("BENCH_SANDBOX_TCP_ROUNDS", "5"))
CLIENTS = int(os.environ.get("BENCH_SANDBOX_CLIENTS", "4"))

HEADERS = {"Authorization": "ApiKey-v1 sandbox-api-key", "Content-Type": "application/json"}
PROFILE = "bench"
COUPON = "SUMMER10"
SESSION_PATH = "/v2/customer_sessions/"
RESERVED_PATH = f"/v1/coupon_reservations/coupons/{PROFILE}"
IN_PROCESS = "Sandbox in-process, median per call (Sandbox.handle vs the client's own work, canned transport)"
OVER_TCP = (
    "Sandbox over TCP, medians (servers in own processes; ratio = sandbox cost / canned cost,"
    " target 2: at least half the canned throughput, at most twice its CPU per request)"
)


def session_bodies() -> list[bytes]:
    """Two updateCustomerSessionV2 bodies: 20 items, one coupon, item 0's quantity 1 or 2."""
    bodies = []
    for first_quantity in (1, 2):
        items = [
            {
                "name": f"Item {i}",
                "sku": f"SKU-{i}",
                "quantity": first_quantity if i == 0 else 1 + i % 3,
                "price": 5.0 + i,
                "category": "shoes" if i == 3 else "misc",
            }
            for i in range(20)
        ]
        body = {"customerSession": {"profileId": PROFILE, "couponCodes": [COUPON], "cartItems": items}}
        bodies.append(json.dumps(body).encode())
    return bodies


def _interleaved(functions: list[Callable[[], object]]) -> list[float]:
    """Median seconds per call of each function, measured in alternating blocks of CALLS calls."""
    samples: list[list[float]] = [[] for _ in functions]
    for _ in range(5):  # warm up validators, caches and connections
        for function in functions:
            function()
    clock = time.perf_counter
    for _ in range(ROUNDS):
        for function, sink in zip(functions, samples, strict=True):
            for _ in range(CALLS):
                started = clock()
                function()
                sink.append(clock() - started)
    return [statistics.median(times) for times in samples]


def _canned(body: bytes) -> httpx.MockTransport:
    headers = {"content-type": "application/json"}
    return httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers=headers))


class _Sink(list[bytes]):
    add = list.append


def _measure(
    sandbox: Sandbox,
    client: Any,
    requests: list[httpx.Request],
    prepared: list[Any],
    canned: bytes,
    call: Callable[[Any], Any],
) -> list[float]:
    """Seconds per call of the handler alone, the sandbox's engine alone (the path ``sandbox.client()`` takes:
    no httpx object), the client alone (canned answers), and the client with the sandbox."""
    cycle = itertools.cycle(requests)
    outgoing = itertools.cycle(prepared)
    engine = sandbox.engine()

    def engine_send() -> None:
        request = next(outgoing)
        engine.send(request, request.operation.operation_id, time.monotonic() + 60.0).read_into(_Sink())

    with sandbox.client(transport=_canned(canned)) as bare:
        return _interleaved(
            [lambda: sandbox.handle(next(cycle)), engine_send, lambda: call(bare), lambda: call(client)]
        )


def in_process() -> list[dict[str, Any]]:
    """The sandbox handler's time per call next to the client's own, for both operations."""
    bodies = session_bodies()
    decoded = [json.loads(body) for body in bodies]
    rows = []
    with Sandbox(seed=1) as sandbox, sandbox.client() as client:
        client.create_coupon_reservation(COUPON, {"integrationIDs": [PROFILE]})
        canned_v2 = json.dumps(client.update_customer_session_v2("bench-s", decoded[0])).encode()
        canned_reserved = json.dumps(client.get_reserved_coupons(PROFILE)).encode()
        alternate = itertools.cycle(decoded)

        def sessions(c: Any) -> Any:
            return c.update_customer_session_v2("bench-s", next(alternate))

        url = f"http://sandbox{SESSION_PATH}bench-s"
        cases: list[tuple[str, list[httpx.Request], list[Any], bytes, Callable[[Any], Any]]] = [
            (
                "updateCustomerSessionV2",
                [httpx.Request("PUT", url, content=body, headers=HEADERS) for body in bodies],
                [client.build_request("updateCustomerSessionV2", "bench-s", body) for body in decoded],
                canned_v2,
                sessions,
            ),
            (
                "getReservedCoupons",
                [httpx.Request("GET", f"http://sandbox{RESERVED_PATH}", headers=HEADERS)],
                [client.build_request("getReservedCoupons", PROFILE)],
                canned_reserved,
                lambda c: c.get_reserved_coupons(PROFILE),
            ),
        ]
        for name, requests, prepared, canned, call in cases:
            handler, engine, alone, both = _measure(sandbox, client, requests, prepared, canned, call)
            rows.append(
                {
                    "operation": name,
                    "sandbox_us": round(handler * 1e6, 1),
                    "sandbox_calls_per_s": round(1 / handler),
                    "engine_us": round(engine * 1e6, 1),
                    "client_us": round(alone * 1e6, 1),
                    "client_with_sandbox_us": round(both * 1e6, 1),
                    "ratio": round(handler / alone, 3),
                    "target": 1.0,
                }
            )
    return rows


# -- over TCP -----------------------------------------------------------------------------


def _start(command: list[str]) -> tuple[subprocess.Popen[str], str]:
    """Start a server process that prints its URL on its first line of output."""
    with tempfile.TemporaryFile("w+") as errors:  # a file, not a pipe: a chatty server never blocks on it
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True)  # noqa: S603
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://"):
            _stop(process)
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} did not start: {errors.read()[-2000:]}")
    return process, url


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Send = Callable[[httpx.Client, int, int], httpx.Response]


def _load(url: str, pid: int, send: Send) -> tuple[float, float | None]:
    """Requests per second from CLIENTS threads for SECONDS, and the server's CPU seconds per request."""
    counts = [0] * CLIENTS
    failures: list[BaseException] = []
    ready = threading.Barrier(CLIENTS + 1)
    window: dict[str, float] = {}

    def worker(index: int) -> None:
        try:
            with httpx.Client(base_url=url, headers=HEADERS) as http:
                for number in range(3):  # open the connection, warm the route
                    send(http, index, number).raise_for_status()
                ready.wait()
                number = 0
                while time.perf_counter() < window["stop"]:
                    send(http, index, number).raise_for_status()
                    number += 1
                counts[index] = number
        except BaseException as exc:
            failures.append(exc)
            ready.abort()

    window["stop"] = float("inf")  # until every client is connected and warm
    threads = [threading.Thread(target=worker, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait()
    cpu_before, started = _cpu_seconds(pid), time.perf_counter()
    window["stop"] = started + SECONDS
    for thread in threads:
        thread.join()
    elapsed, cpu_after = time.perf_counter() - started, _cpu_seconds(pid)
    if failures:
        raise RuntimeError(f"a benchmark client failed: {failures[0]!r}") from failures[0]
    total = sum(counts)
    cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) / total
    return total / elapsed, cpu


def _prepare_sandbox(url: str, bodies: list[bytes]) -> dict[str, str]:
    """Reserve the coupon, then take the sandbox's own answers as the canned bodies."""
    with httpx.Client(base_url=url, headers=HEADERS) as http:
        http.post(f"/v1/coupon_reservations/{COUPON}", json={"integrationIDs": [PROFILE]}).raise_for_status()
        session = http.put(f"{SESSION_PATH}bench-canned", content=bodies[0])
        reserved = http.get(RESERVED_PATH)
    session.raise_for_status()
    reserved.raise_for_status()
    return {f"PUT {SESSION_PATH}": session.text, f"GET {RESERVED_PATH}": reserved.text}


def over_tcp() -> list[dict[str, Any]]:
    """Throughput of the sandbox and of the canned server, each in its own process."""
    bodies = session_bodies()
    sends: dict[str, Send] = {
        "updateCustomerSessionV2": lambda http, index, n: http.put(f"{SESSION_PATH}tcp-{index}", content=bodies[n % 2]),
        "getReservedCoupons": lambda http, index, n: http.get(RESERVED_PATH),
    }
    sandbox, sandbox_url = _start([sys.executable, "-m", "talon_dyn.cli.sandbox", "--port", "0", "--seed", "1"])
    servers: list[tuple[str, subprocess.Popen[str], str]] = [("sandbox", sandbox, sandbox_url)]
    try:
        canned_bodies = _prepare_sandbox(sandbox_url, bodies)
        with tempfile.TemporaryDirectory(prefix="talon-bench-") as folder:
            path = Path(folder) / "bodies.json"
            path.write_text(json.dumps(canned_bodies))
            canned, canned_url = _start([sys.executable, "-m", "benchmarks.canned_asgi", str(path)])
        servers.insert(0, ("canned", canned, canned_url))
        rates: dict[tuple[str, str], list[float]] = {}
        cpus: dict[tuple[str, str], list[float]] = {}
        for _ in range(TCP_ROUNDS):
            for name, send in sends.items():
                for server, process, url in servers:
                    rate, cpu = _load(url, process.pid, send)
                    rates.setdefault((name, server), []).append(rate)
                    if cpu is not None:
                        cpus.setdefault((name, server), []).append(cpu)
    finally:
        for _, process, _ in servers:
            _stop(process)

    rows: list[dict[str, Any]] = []
    for name in sends:
        canned_rate = statistics.median(rates[(name, "canned")])
        sandbox_rate = statistics.median(rates[(name, "sandbox")])
        rows.append(_row(name, "requests/s", canned_rate, sandbox_rate, canned_rate / sandbox_rate))
        if cpus.get((name, "canned")) and cpus.get((name, "sandbox")):
            canned_cpu = statistics.median(cpus[(name, "canned")]) * 1e6
            sandbox_cpu = statistics.median(cpus[(name, "sandbox")]) * 1e6
            rows.append(_row(name, "server CPU us/request", canned_cpu, sandbox_cpu, sandbox_cpu / canned_cpu))
    return rows


def _row(name: str, measure: str, canned: float, sandbox: float, ratio: float) -> dict[str, Any]:
    return {
        "operation": name,
        "clients": CLIENTS,
        "measure": measure,
        "canned": round(canned),
        "sandbox": round(sandbox),
        "ratio": round(ratio, 3),
        "target": 2.0,
    }


def run() -> dict[str, list[dict[str, Any]]]:
    """Both tables, keyed by title (``benchmarks.run`` prints them and adds them to results.json)."""
    return {IN_PROCESS: in_process(), OVER_TCP: over_tcp()}


if __name__ == "__main__":  # python -m benchmarks.sandbox: only this part of make bench
    from .run import _table

    for title, rows in run().items():
        print(_table(title, rows))
