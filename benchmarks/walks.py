"""Three walks through the house, counted: ``python -m benchmarks.walks``.

* **client call**: one warm ``update_customer_session_v2`` (20 items) through ``Sandbox.client()``, in process;
* **sandbox over TCP**: the server's side of one warm ``updateCustomerProfile`` sent over a real loopback socket
  to ``talon_dyn.sandbox.Server`` (uvicorn): what the server's threads run while it answers;
* **smoke check**: one whole ``talon-dyn smoke --phases negative --operations getReservedCoupons`` run against
  the embedded sandbox, parser and start-up included (the spec comes from the parse cache).

For each: Python calls (talon_dyn's and everyone else's), talon_dyn functions and modules, and "returns": how often
the walk enters again a talon_dyn module it had already left. It uses only public names, so the same script
measures an older tree (``PYTHONPATH=<old checkout> python benchmarks/walks.py``). Figures compare trees on one
machine; nothing asserts them.
"""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Callable
from typing import Any

import httpx

import talon_dyn
from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox, Server

CART = [{"name": f"Item {i}", "sku": f"SKU-{i:03d}", "quantity": 1, "price": 9.99 + i} for i in range(20)]


class Walk:
    """Counts what a traced stretch of code calls, only while ``active`` and only on the chosen threads."""

    def __init__(self) -> None:
        self.active = False
        self.threads: set[int] | None = None
        self.calls = self.ours = 0
        self.functions: set[tuple[str, str]] = set()
        self.modules: list[str] = []
        self._stacks: dict[int, list[str]] = {}

    def __call__(self, frame: Any, event: str, arg: Any) -> None:
        if not self.active or event != "call":
            return
        ident = threading.get_ident()
        if self.threads is not None and ident not in self.threads:
            return
        self.calls += 1
        module = frame.f_globals.get("__name__", "?")
        if module.startswith("talon_dyn"):
            self.ours += 1
            self.functions.add((module, frame.f_code.co_name))
            if not self.modules or self.modules[-1] != module:
                self.modules.append(module)

    def figures(self) -> dict[str, int]:
        seen: set[str] = set()
        returns = 0
        for index, module in enumerate(self.modules):
            if module in seen and index and self.modules[index - 1] != module:
                returns += 1
            seen.add(module)
        return {
            "python calls": self.calls,
            "talon_dyn calls": self.ours,
            "talon_dyn functions": len(self.functions),
            "talon_dyn modules": len(set(self.modules)),
            "returns to a module left": returns,
        }


_CURRENT: list[Walk] = []
"""The walk being counted: threads started earlier (the server's) profile through ``_forward`` into it."""


def _forward(frame: Any, event: str, arg: Any) -> None:
    if _CURRENT:
        _CURRENT[0](frame, event, arg)


def traced(work: Callable[[], Any], threads: Callable[[], set[int] | None] = lambda: None) -> dict[str, int]:
    walk = Walk()
    _CURRENT[:] = [walk]
    sys.setprofile(_forward)
    try:
        walk.threads = threads()
        walk.active = True
        work()
        walk.active = False
    finally:
        sys.setprofile(None)
        _CURRENT.clear()
    return walk.figures()


def client_call() -> dict[str, int]:
    with Sandbox() as sandbox, sandbox.client() as client:
        body = {"customerSession": {"profileId": "walker", "cartItems": CART}}
        for _ in range(3):
            client.update_customer_session_v2("s-walk", body)
        return traced(lambda: client.update_customer_session_v2("s-walk", body))


def sandbox_over_tcp() -> dict[str, int]:
    with Sandbox() as sandbox:
        threading.setprofile(_forward)  # the server's threads, started now, profile into the current walk
        server = Server(sandbox)
        url = server.start()
        threading.setprofile(None)  # type: ignore[arg-type]
        try:
            key = sandbox.config.api_keys[0]
            with httpx.Client(base_url=url, headers={"Authorization": f"ApiKey-v1 {key}"}) as http:

                def update() -> None:
                    http.put("/v1/customer_profiles/walker", json={"attributes": {}}).raise_for_status()

                for _ in range(3):
                    update()
                mine = threading.get_ident()
                others = {thread.ident for thread in threading.enumerate() if thread.ident not in (None, mine)}
                return traced(update, lambda: {ident for ident in others if ident is not None})
        finally:
            server.stop()


def smoke_check() -> dict[str, int]:
    argv = ["smoke", "--phases", "negative", "--operations", "getReservedCoupons", "--seed", "1"]
    main(argv, out=io.StringIO(), err=io.StringIO())  # warm: imports, the parse cache
    mine = threading.get_ident()
    return traced(lambda: main(argv, out=io.StringIO(), err=io.StringIO()), lambda: {mine})


def run() -> dict[str, dict[str, int]]:
    return {"client call": client_call(), "sandbox over TCP": sandbox_over_tcp(), "smoke check": smoke_check()}


if __name__ == "__main__":
    figures = run()
    print(json.dumps({"talon_dyn": talon_dyn.__file__, **figures}, indent=2))
