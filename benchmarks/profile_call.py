"""Where one validated call's time goes, per engine: ``python -m benchmarks.profile_call``.

For each route of ``payloads.ROUTES`` and each sync engine (the default httpcore, ``engine="pyreqwest"``), 1,500
warm calls against the canned loopback server run under ``cProfile``; the time spent inside each stage of the call
(its cumulative time, stages nested in others subtracted) is printed as a share of the call, beside what the same
route costs through a plain ``httpx.Client`` (one json.dumps, one json.loads) measured in the same run. Profiling
slows Python code more than C code, so the shares are for seeing where the time goes, not for quoting speed.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from typing import Any

import httpx

import talon_dyn

from .payloads import ROUTES, arguments
from .run import start_canned_server

CALLS = 1500
STAGES = {
    "request: build, validate, encode, sign": ("talon_dyn/_client/codec.py", "prepare"),
    "answer: decode, validate": ("talon_dyn/_client/codec.py", "interpret"),
    "engine: the wire (send, read)": ("talon_dyn/_client/attempt.py", "collect"),
    "call: bind the arguments": ("talon_dyn/_client/binding.py", "bind"),
}
"""Stage name -> (file, function) whose cumulative time is the stage's."""


def _cumulative(stats: pstats.Stats, where: tuple[str, str]) -> float:
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    return sum(
        cumulative
        for (file, _, name), (_, _, _, cumulative, _) in raw.items()
        if file.endswith(where[0]) and name == where[1]
    )


def profile(engine: str | None, base_url: str, name: str) -> dict[str, float]:
    options: dict[str, Any] = {"engine": engine} if engine else {}
    with talon_dyn.Client(base_url=base_url, api_key="bench-key", **options) as client:
        method = getattr(client, client.spec.operation(name).python_name)
        args = arguments(name)
        for _ in range(50):
            method(*args)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(CALLS):
            method(*args)
        profiler.disable()
        total = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    shares = {stage: _cumulative(stats, where) / total for stage, where in STAGES.items()}
    shares["other (the attempt loop, options, headers, the answer object)"] = 1 - sum(shares.values())
    return shares


def plain(base_url: str, name: str) -> float:
    import json

    method, path, body, _ = ROUTES[name]
    with httpx.Client(base_url=base_url, headers={"Authorization": "ApiKey-v1 bench-key"}) as http:

        def once() -> None:
            content = json.dumps(body).encode() if body is not None else None
            reply = http.request(method, path, content=content, headers={"Content-Type": "application/json"})
            if reply.content:
                json.loads(reply.content)

        for _ in range(50):
            once()
        started = time.perf_counter()
        for _ in range(CALLS):
            once()
        return (time.perf_counter() - started) / CALLS


def main() -> None:
    server, base_url = start_canned_server()
    try:
        for name in ("trackEvent", "updateCustomerSessionV2", "getReservedCoupons"):
            print(f"{name} (plain httpx: {plain(base_url, name) * 1e6:.0f} us per call, unprofiled)")
            for engine in (None, "pyreqwest"):
                shares = profile(engine, base_url, name)
                label = engine or "default (httpcore)"
                print(f"  {label}")
                for stage, share in shares.items():
                    print(f"    {share:6.1%}  {stage}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
