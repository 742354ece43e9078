"""Benchmark: requests/s of the sandbox in-process and over TCP (a report, never a test).

``python -m talon_dyn.sandbox.bench [--seconds S] [--clients N]`` prints:

* in-process, updateCustomerSessionV2 (20-item cart, one coupon) and getReservedCoupons:
  the sandbox handler's own time per call next to the client's own time per call (the
  client against a transport that answers a canned body);
* over TCP, N concurrent clients against the full sandbox and against the same server
  framework answering a canned body (the framework's cost alone).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import httpx
import uvicorn

from ._asgi import Receive, Scope, Send
from ._sandbox import Sandbox

__all__ = ["main", "run_benchmark"]

HEADERS = {"Authorization": "ApiKey-v1 sandbox-api-key", "Content-Type": "application/json"}


def _cart() -> dict[str, Any]:
    items = [
        {
            "name": f"Item {i}",
            "sku": f"SKU-{i}",
            "quantity": 1 + i % 3,
            "price": 5.0 + i,
            "category": "shoes" if i == 3 else "misc",
        }
        for i in range(20)
    ]
    return {"customerSession": {"profileId": "bench", "couponCodes": ["SUMMER10"], "cartItems": items}}


def _rate(call: Callable[[], Any], seconds: float) -> float:
    """Calls per second of ``call`` over about ``seconds``."""
    call()
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(20):
            call()
        count += 20
    return count / elapsed


def _canned_transport(body: bytes, status: int) -> httpx.MockTransport:
    return httpx.MockTransport(
        lambda request: httpx.Response(status, content=body, headers={"content-type": "application/json"})
    )


def _in_process(out: TextIO, seconds: float) -> None:
    with Sandbox(seed=1) as sandbox:
        body = _cart()
        content = json.dumps(body).encode()
        with sandbox.client() as client:
            client.create_coupon_reservation("SUMMER10", {"integrationIDs": ["bench"]})
            canned_v2 = json.dumps(client.update_customer_session_v2("bench-s", body)).encode()
            canned_reserved = json.dumps(client.get_reserved_coupons("bench")).encode()
        cases: list[tuple[str, str, str, bytes | None, bytes, int, Callable[[Any], Any]]] = [
            (
                "updateCustomerSessionV2",
                "PUT",
                "/v2/customer_sessions/bench-s",
                content,
                canned_v2,
                200,
                lambda c: c.update_customer_session_v2("bench-s", body),
            ),
            (
                "getReservedCoupons",
                "GET",
                "/v1/coupon_reservations/coupons/bench",
                None,
                canned_reserved,
                200,
                lambda c: c.get_reserved_coupons("bench"),
            ),
        ]
        print("in-process (calls/s; time per call)", file=out)
        for name, method, path, payload, canned, status, call in cases:
            request = httpx.Request(method, f"http://sandbox{path}", content=payload, headers=HEADERS)
            handler = _rate(functools.partial(sandbox.handle, request), seconds)
            with sandbox.client() as full_client:
                full = _rate(functools.partial(call, full_client), seconds)
            with sandbox.client(transport=_canned_transport(canned, status)) as bare:
                client_only = _rate(functools.partial(call, bare), seconds)
            verdict = "ok" if 1 / handler <= 1 / client_only else "SLOWER than the client"
            print(
                f"  {name:24} sandbox handler {handler:8.0f}/s ({1e6 / handler:6.0f} us)"
                f" | client alone {client_only:8.0f}/s ({1e6 / client_only:6.0f} us)"
                f" | client+sandbox {full:8.0f}/s -> {verdict}",
                file=out,
            )


def _canned_app(body: bytes) -> Callable[[Scope, Receive, Send], Any]:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app


def _serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False, lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def _load(url: str, clients: int, seconds: float, content: bytes) -> float:
    counts = [0] * clients
    stop = time.perf_counter() + seconds

    def worker(index: int) -> None:
        with httpx.Client(base_url=url, headers=HEADERS) as http:
            while time.perf_counter() < stop:
                http.put(f"/v2/customer_sessions/tcp-{index}", content=content).raise_for_status()
                counts[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def _over_tcp(out: TextIO, seconds: float, clients: int) -> None:
    content = json.dumps(_cart()).encode()
    with Sandbox(seed=1) as sandbox:
        with httpx.Client(transport=sandbox.transport(), base_url="http://sandbox", headers=HEADERS) as http:
            canned = http.put("/v2/customer_sessions/canned", content=content).content
        results = {}
        for name, app in (("canned body", _canned_app(canned)), ("full sandbox", sandbox.asgi)):
            server, thread, url = _serve(app)
            try:
                results[name] = _load(url, clients, seconds, content)
            finally:
                server.should_exit = True
                thread.join()
    ratio = results["full sandbox"] / results["canned body"]
    print(f"over TCP, {clients} concurrent clients, updateCustomerSessionV2 (20 items, one coupon)", file=out)
    for name, rate in results.items():
        print(f"  {name:14} {rate:8.0f} requests/s", file=out)
    print(f"  sandbox / canned = {ratio:.2f} (target >= 0.50) -> {'ok' if ratio >= 0.5 else 'BELOW target'}", file=out)


def run_benchmark(out: TextIO | None = None, seconds: float = 2.0, clients: int = 4) -> int:
    """Run both benchmarks and print the report; returns 0."""
    out = out or sys.stdout
    _in_process(out, seconds)
    _over_tcp(out, seconds, clients)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m talon_dyn.sandbox.bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each measurement")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients over TCP")
    args = parser.parse_args(argv)
    return run_benchmark(seconds=args.seconds, clients=args.clients)


if __name__ == "__main__":
    raise SystemExit(main())
