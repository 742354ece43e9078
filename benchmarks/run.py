"""``make bench``: every figure is a ratio to a baseline measured in the same run.

* per call: talon_dyn (request and response validation on; the default httpcore engine and
  ``engine="pyreqwest"``) against plain httpx with json.dumps/json.loads, all talking to the same
  canned loopback server, and against the same request prepared once and sent straight to
  ``httpx.HTTPTransport`` (no Client layer) and raw pyreqwest's ``SyncClient``;
* concurrency: the async client under load (``benchmarks/concurrency.py``);
* both against a loopback server pinned to one CPU, the clients to another (``benchmarks/pinning.py``);
* cold start: a fresh process importing talon_dyn and making a ready Client, against
  a fresh ``import httpx; httpx.Client()``; the same for the 2026 spec (220 operations),
  its first load (empty cache) reported too;
* the sandbox (when present): see ``benchmarks/sandbox.py``.

Samples are interleaved (A, B, A, B, ...) so that machine noise hits both sides alike.
Results are printed as a table and written to ``.bench/results.json``.
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

import talon_dyn

from .payloads import ROUTES, arguments
from .pinning import pinned_apart

ROOT = Path(__file__).resolve().parent.parent
SPEC_2026 = ROOT / "tests" / "fixtures" / "talon-openapi-2026.yaml"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
CALLS = int(os.environ.get("BENCH_CALLS", "40"))
STARTS = int(os.environ.get("BENCH_STARTS", "15"))


def start_canned_server() -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "benchmarks.canned_server"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert process.stdout is not None
    line = process.stdout.readline().split()
    return process, f"http://127.0.0.1:{line[1]}"


def interleaved(
    a: Callable[[], None], b: Callable[[], None], rounds: int, calls: int
) -> tuple[list[float], list[float]]:
    """Per-call seconds for a and b, measured in alternating blocks."""
    times_a: list[float] = []
    times_b: list[float] = []
    for _ in range(3):  # warm up connections, validators and caches
        a()
        b()
    for _ in range(rounds):
        for fn, sink in ((a, times_a), (b, times_b)):
            for _ in range(calls):
                started = time.perf_counter()
                fn()
                sink.append(time.perf_counter() - started)
    return times_a, times_b


def per_call(base_url: str) -> list[dict[str, Any]]:
    from pyreqwest.client import SyncClientBuilder

    rows = []
    spec = talon_dyn.load()
    client = talon_dyn.Client(base_url=base_url, api_key="bench-key")
    fast = talon_dyn.Client(base_url=base_url, api_key="bench-key", engine="pyreqwest")
    plain = httpx.Client(base_url=base_url, headers={"Authorization": "ApiKey-v1 bench-key"})
    transport = httpx.HTTPTransport()
    reqwest = SyncClientBuilder().default_headers({"Authorization": "ApiKey-v1 bench-key"}).build()
    for name, (method, path, body, canned) in ROUTES.items():
        operation = spec.operation(name)
        response = operation.responses[str(operation.success_status)]
        if canned is not None:
            assert response.schema_pointer, name
            valid = spec.validator.is_valid(response.schema_pointer, canned)
            assert valid, f"canned {name} response is not schema-valid"
        bound = getattr(client, operation.python_name)
        bound_fast = getattr(fast, operation.python_name)
        args = arguments(name)

        def ours(bound: Callable[..., Any] = bound, args: tuple[Any, ...] = args) -> None:
            bound(*args)

        def ours_fast(bound: Callable[..., Any] = bound_fast, args: tuple[Any, ...] = args) -> None:
            bound(*args)

        def raw_pyreqwest(method: str = method, path: str = path, body: Any = body) -> None:
            request = reqwest.request(method, base_url + path)
            if body is not None:
                request = request.body_bytes(json.dumps(body).encode()).header("Content-Type", "application/json")
            content = bytes(request.build().send().bytes())
            if content:
                json.loads(content)

        def theirs(method: str = method, path: str = path, body: Any = body) -> None:
            content = json.dumps(body).encode() if body is not None else None
            headers = {"Content-Type": "application/json"} if content else None
            reply = plain.request(method, path, content=content, headers=headers)
            if reply.content:
                json.loads(reply.content)

        content = json.dumps(body).encode() if body is not None else None
        prepared = plain.build_request(
            method, path, content=content, headers={"Content-Type": "application/json"} if content else None
        )

        def transport_only(request: httpx.Request = prepared) -> None:
            reply = transport.handle_request(request)
            try:
                content = reply.read()
                if content:
                    json.loads(content)
            finally:
                reply.close()

        times_ours, times_plain = interleaved(ours, theirs, ROUNDS, CALLS)
        median_ours, median_plain = statistics.median(times_ours), statistics.median(times_plain)

        def against_plain(fn: Callable[[], None], median_plain: float = median_plain) -> float:
            """``fn``'s median per call, scaled by its own interleaved httpx run to this row's httpx median."""
            times, times_plain_again = interleaved(fn, theirs, ROUNDS, CALLS)
            return statistics.median(times) / statistics.median(times_plain_again) * median_plain

        median_transport = against_plain(transport_only)
        median_fast = against_plain(ours_fast)
        median_reqwest = against_plain(raw_pyreqwest)
        rows.append(
            {
                "operation": name,
                "talon_dyn_ms": round(median_ours * 1000, 3),
                "talon_dyn_pyreqwest_ms": round(median_fast * 1000, 3),
                "httpx_ms": round(median_plain * 1000, 3),
                "raw_pyreqwest_ms": round(median_reqwest * 1000, 3),
                "transport_ms": round(median_transport * 1000, 3),
                "transport_ratio": round(median_transport / median_plain, 3),
                "raw_pyreqwest_ratio": round(median_reqwest / median_plain, 3),
                "ratio": round(median_ours / median_plain, 3),
                "pyreqwest_ratio": round(median_fast / median_plain, 3),
                "target": 0.5,
            }
        )
    fast.close()
    reqwest.close()
    client.close()
    plain.close()
    transport.close()
    return rows


def _time_process(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)  # noqa: S603 - our own code
    return time.perf_counter() - started


def _peak_rss_mb(code: str, env: dict[str, str]) -> float:
    """Peak resident memory of a fresh process running ``code`` (reported, not a target)."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child would report its parent's peak.
    probe = code + "; print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", probe], check=True, env=env, cwd=ROOT, capture_output=True, text=True
    )
    return round(int(result.stdout.split()[-1]) / 1024, 1)


def cold_start() -> list[dict[str, Any]]:
    # pip compiles an installed package's modules to bytecode, as it did httpx's; an editable
    # checkout under PYTHONDONTWRITEBYTECODE=1 never would, and every start would pay for
    # compiling talon_dyn. Compile it once, so both sides start the way an installed program does.
    compileall.compile_dir(ROOT / "talon_dyn", quiet=1)
    cache = tempfile.mkdtemp(prefix="talon-bench-cache-")
    env = {**os.environ, "TALON_DYN_CACHE": cache}
    baseline = "import httpx; httpx.Client()"
    bundled = "import talon_dyn; talon_dyn.Client(base_url='http://x.test', api_key='k')"
    bundled_async = "import talon_dyn; talon_dyn.AsyncClient(base_url='http://x.test', api_key='k')"
    big = f"import talon_dyn; talon_dyn.Client.from_spec({str(SPEC_2026)!r}, base_url='http://x', api_key='k')"
    first_load = _time_process(big, env)  # empty cache: the YAML parse happens here
    _time_process(bundled, env)
    samples: dict[str, list[float]] = {"httpx": [], "bundled": [], "async": [], "2026": []}
    for _ in range(STARTS):
        samples["httpx"].append(_time_process(baseline, env))
        samples["bundled"].append(_time_process(bundled, env))
        samples["async"].append(_time_process(bundled_async, env))
        samples["2026"].append(_time_process(big, env))
    base = statistics.median(samples["httpx"])
    codes = (("httpx", baseline), ("bundled", bundled), ("async", bundled_async), ("2026", big))
    rss = {name: _peak_rss_mb(code, env) for name, code in codes}

    def row(start: str, seconds: float, peak_rss_mb: float | None, target: float | None) -> dict[str, Any]:
        return {
            "start": start,
            "ms": round(seconds * 1000, 1),
            "peak_rss_mb": peak_rss_mb,
            "ratio": round(seconds / base, 3),
            "target": target,
        }

    def median(name: str) -> float:
        return statistics.median(samples[name])

    return [
        row(baseline, base, rss["httpx"], None),
        row("talon_dyn Client, bundled spec", median("bundled"), rss["bundled"], 1.2),
        row("talon_dyn AsyncClient, bundled spec", median("async"), rss["async"], None),
        row("talon_dyn Client, 2026 spec (cached)", median("2026"), rss["2026"], 2.0),
        row("talon_dyn Client, 2026 spec (first load)", first_load, None, None),
    ]


def _table(title: str, rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    keys = list(rows[0])
    widths = {key: max(len(key), *(len(str(row[key])) for row in rows)) for key in keys}
    lines = [title, "  ".join(key.ljust(widths[key]) for key in keys)]
    lines.append("  ".join("-" * widths[key] for key in keys))
    for row in rows:
        cells = []
        for key in keys:
            value = row[key]
            text = "-" if value is None else str(value)
            cells.append(text.ljust(widths[key]))
        verdict = ""
        if row.get("target") and isinstance(row.get("ratio"), float):
            verdict = "  ok" if row["ratio"] <= row["target"] else "  OVER TARGET"
        lines.append("  ".join(cells) + verdict)
    return "\n".join(lines) + "\n"


def worst_per_call(rows: list[dict[str, Any]]) -> str:
    """The worst ratio of each engine over every operation (sync, vs a plain httpx.Client call; lower is better)."""
    lines = ["Worst per-call ratio per engine (every operation; lower is better)"]
    for key, name, target in (("ratio", "default (httpcore)", 0.75), ("pyreqwest_ratio", "pyreqwest", 0.5)):
        worst = max(rows, key=lambda row: row[key])
        verdict = "ok" if worst[key] <= target else "OVER TARGET"
        lines.append(f"  {name:20} {worst[key]:.3f}x ({worst['operation']}; target <= {target}x) {verdict}")
    return "\n".join(lines) + "\n"


def worst_async(rows: list[dict[str, Any]]) -> str:
    """The worst calls/s and p99 ratios to raw aiohttp of each client at each concurrency (every operation)."""
    lines = ["Worst async ratios to raw aiohttp per client and concurrency (every operation)"]
    for client in ("talon_dyn", "talon_dyn[pyreqwest]"):
        for level in sorted({row["concurrency"] for row in rows}):
            mine = [row for row in rows if row["client"] == client and row["concurrency"] == level]
            if not mine:
                continue
            slowest = min(mine, key=lambda row: row["rate_vs_aiohttp"])
            tail = max(mine, key=lambda row: row["p99_vs_aiohttp"])
            lines.append(
                f"  {client:22} x{level:<3} calls/s {slowest['rate_vs_aiohttp']:.3f}x ({slowest['operation']}), "
                f"p99 {tail['p99_vs_aiohttp']:.3f}x ({tail['operation']})"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    results: dict[str, Any] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    server, base_url = start_canned_server()
    try:
        with pinned_apart(server.pid) as pinning:
            results["per_call"] = per_call(base_url)
    finally:
        server.terminate()
        server.wait()
    title = f"Per call, median (validation on vs plain httpx, same loopback server; {pinning})"
    print(_table(title, results["per_call"]))
    print(worst_per_call(results["per_call"]))
    from . import concurrency

    results["concurrency"], pinning = concurrency.run()
    title = f"Async under concurrency (validation on vs raw clients, same loopback server; {pinning})"
    print(_table(title, results["concurrency"]))
    print(worst_async(results["concurrency"]))
    results["cold_start"] = cold_start()
    print(_table("Cold start, median of fresh processes", results["cold_start"]))
    try:
        from . import sandbox as sandbox_bench
    except ImportError:
        sandbox_bench = None  # type: ignore[assignment]
    if sandbox_bench is not None:
        for title, rows in sandbox_bench.run().items():
            results[title] = rows
            print(_table(title, rows))
    out = ROOT / ".bench"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
