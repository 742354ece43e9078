"""One warm call, looked at closely: ``python -m benchmarks.call_trace``.

For ``updateCustomerSessionV2`` (a 20-item cart) and ``getReservedCoupons`` through
``Sandbox.client()``, in process, it prints:

* the median time per call (µs) over ``CALLS`` warm calls, sandbox included;
* for one more warm call, traced with ``sys.setprofile``: Python calls made (talon_dyn's
  and everyone else's; C functions counted apart), distinct functions and modules, and the "returns": how often the
  call enters again a module it had already left (a measure of how tangled one request's
  path is; a straight pipeline returns only to the module that called it).

Figures are for comparing one tree with another on the same machine, not for asserting.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from talon_dyn.sandbox import Sandbox

from .sandbox import COUPON, PROFILE, session_bodies

CALLS = 2000


def _calls(client: Any) -> dict[str, Callable[[int], Any]]:
    bodies = [json.loads(body) for body in session_bodies()]
    client.create_coupon_reservation(COUPON, {"integrationIDs": [PROFILE]})
    return {
        "updateCustomerSessionV2": lambda i: client.update_customer_session_v2("s-trace", bodies[i % 2]),
        "getReservedCoupons": lambda i: client.get_reserved_coupons(PROFILE),
    }


def _median_us(call: Callable[[int], Any]) -> float:
    for i in range(200):
        call(i)
    samples = []
    for _ in range(7):
        gc.collect()
        start = time.perf_counter()
        for i in range(CALLS // 7):
            call(i)
        samples.append((time.perf_counter() - start) / (CALLS // 7) * 1e6)
    return statistics.median(samples)


def _trace(call: Callable[[int], Any]) -> dict[str, int]:
    events: list[tuple[str, str]] = []
    c_calls = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal c_calls
        if event == "call":
            events.append((frame.f_globals.get("__name__", "?"), frame.f_code.co_qualname))
        elif event == "c_call":
            c_calls += 1

    call(1)
    sys.setprofile(profile)
    try:
        call(0)
    finally:
        sys.setprofile(None)
    ours = [event for event in events if event[0].startswith("talon_dyn")]
    path = [module for module, _ in ours]
    runs = [module for index, module in enumerate(path) if index == 0 or path[index - 1] != module]
    seen: set[str] = set()
    returns = 0
    for module in runs:
        returns += module in seen
        seen.add(module)
    return {
        "Python calls": len(events),
        "talon_dyn calls": len(ours),
        "other Python calls": len(events) - len(ours),
        "httpx/httpcore calls": sum(1 for module, _ in events if module.startswith(("httpx", "httpcore"))),
        "C calls": c_calls,
        "talon_dyn functions": len(set(ours)),
        "talon_dyn modules": len(set(path)),
        "returns to a module left": returns,
    }


def main() -> None:
    with Sandbox() as sandbox, sandbox.client() as client:
        for name, call in _calls(client).items():
            figures = {"µs per call": round(_median_us(call), 1), **_trace(call)}
            print(name)
            for key, value in figures.items():
                print(f"  {key:28} {value}")


if __name__ == "__main__":
    main()
