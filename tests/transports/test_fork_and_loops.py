"""A connection is never shared across processes, nor left open across event loops: real forks, real loops.

Each call asks for ``get_reserved_coupons(<a unique id>)`` and the loopback server echoes the id back, so an
answer read by the wrong process (or meant for another call) is caught by its content, not by the client's own
bookkeeping.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import warnings
from typing import Any

import pytest
from keepalive_server import KeepAliveServer, wait_until

import talon_dyn
from talon_dyn import Retry

KEY = "fork-key-0123456789"
CALLS = 25


def _mismatches(results: list[tuple[str, Any]]) -> list[str]:
    """The calls whose answer is not the one asked for (or that failed)."""
    wrong = []
    for asked, answer in results:
        if isinstance(answer, BaseException) or answer["data"][0]["value"] != asked:
            wrong.append(f"{asked}: {answer!r}"[:200])
    return wrong


def _sync_calls(client: talon_dyn.Client, who: str) -> list[tuple[str, Any]]:
    results: list[tuple[str, Any]] = []
    for number in range(CALLS):
        asked = f"{who}-{os.getpid()}-{number}"
        try:
            results.append((asked, client.get_reserved_coupons(asked)))
        except talon_dyn.TalonDynError as error:
            results.append((asked, error))
    return results


async def _async_calls(client: talon_dyn.AsyncClient, who: str) -> list[tuple[str, Any]]:
    results: list[tuple[str, Any]] = []
    for number in range(CALLS):
        asked = f"{who}-{os.getpid()}-{number}"
        try:
            results.append((asked, await client.get_reserved_coupons(asked)))
        except talon_dyn.TalonDynError as error:
            results.append((asked, error))
    return results


def _in_child(work: Any) -> tuple[int, dict[str, Any]]:
    """Fork; the child runs ``work()`` (a JSON-able report) and exits; the parent gets ``(pid, read_report)``."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 0
        try:
            os.close(reader)
            report = work()
        except BaseException as error:
            report, code = {"crashed": repr(error)}, 1
        with os.fdopen(writer, "w") as out:
            out.write(json.dumps(report))
        os._exit(code)
    os.close(writer)
    return pid, {"reader": reader}


def _report(child: dict[str, Any], pid: int) -> dict[str, Any]:
    with os.fdopen(child["reader"]) as source:
        text = source.read()
    os.waitpid(pid, 0)
    report: dict[str, Any] = json.loads(text)
    return report


@pytest.mark.parametrize("run", range(4))
def test_a_forked_child_never_reads_its_parents_answers_sync(run: int) -> None:
    """Client made and used in the parent, then fork; both call at once: every answer is the one asked for, in
    both processes, and the child opened connections of its own."""
    with KeepAliveServer(lambda number, method, target: "slow:0.002") as server:
        client = talon_dyn.Client(base_url=server.url, api_key=KEY, retry=Retry.never())
        client.get_reserved_coupons("warm-up")  # the pool now holds a live connection
        before = server.connections
        pid, child = _in_child(lambda: {"wrong": _mismatches(_sync_calls(client, "child"))})
        parent_wrong = _mismatches(_sync_calls(client, "parent"))
        report = _report(child, pid)
        client.close()
        connections = server.connections
    assert report == {"wrong": []}
    assert parent_wrong == []
    assert connections > before  # the child connected anew instead of sharing the parent's socket


def test_a_forked_child_refuses_the_inherited_loop_and_works_on_a_new_one() -> None:
    """AsyncClient used on a loop, then fork: in the child the inherited loop is refused with the fix named (it
    shares its epoll set with the parent); on a new loop the child's calls all get their own answers, while the
    parent keeps using its loop and gets its own."""
    with KeepAliveServer(lambda number, method, target: "slow:0.002") as server:
        loop = asyncio.new_event_loop()
        client = talon_dyn.AsyncClient(base_url=server.url, api_key=KEY, retry=Retry.never())
        loop.run_until_complete(client.get_reserved_coupons("warm-up"))

        def work() -> dict[str, Any]:
            refusals, refused = 0, ""
            for _ in range(100):  # every call, not only the first: the loop stays inherited
                try:
                    loop.run_until_complete(client.get_reserved_coupons("inherited"))
                except talon_dyn.ConfigurationError as error:
                    refusals, refused = refusals + 1, str(error)
            wrong = _mismatches(asyncio.run(_async_calls(client, "child")))
            return {"refused": refused, "refusals": refusals, "wrong": wrong}

        pid, child = _in_child(work)
        report = _report(child, pid)  # the parent's loop stays idle while the child runs the inherited one
        parent_wrong = _mismatches(loop.run_until_complete(_async_calls(client, "parent")))
        loop.run_until_complete(client.aclose())
        loop.close()
    assert "inherited from the parent process" in report["refused"]
    assert "asyncio.run" in report["refused"]
    assert report["refusals"] == 100
    assert report["wrong"] == []
    assert parent_wrong == []


def _open_sockets() -> int:
    """Sockets this process holds open."""
    count = 0
    for name in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{name}").startswith("socket:")
        except OSError:
            continue
    return count


def test_one_async_client_over_twenty_event_loops_leaves_nothing_open(caplog: pytest.LogCaptureFixture) -> None:
    """The same AsyncClient in 20 ``asyncio.run()`` loops: each loop gets its own session, closed when that loop
    shuts down, so no ResourceWarning, no "Unclosed" report and no socket is left behind."""
    caplog.set_level(logging.DEBUG)
    with KeepAliveServer(lambda number, method, target: "ok") as server:
        client = talon_dyn.AsyncClient(base_url=server.url, api_key=KEY)
        baseline = _open_sockets()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for number in range(20):
                answer = asyncio.run(client.get_reserved_coupons(f"loop-{number}"))
                assert answer["data"][0]["value"] == f"loop-{number}"
            gc.collect()
        assert wait_until(lambda: _open_sockets() <= baseline)
        asyncio.run(client.aclose())
        connections = server.connections
    assert [str(warning.message) for warning in caught] == []
    assert [record.message for record in caplog.records if "nclosed" in record.getMessage()] == []
    assert connections == 20


# -- engine="pyreqwest" ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_pyreqwest_in_a_forked_child_refuses_to_send_and_the_parent_keeps_its_answers(flavour: str) -> None:
    """pyreqwest's Tokio runtime cannot run in a forked child once it ran in the parent: the child's call is
    refused with the way out named (never a hang, never the parent's connection), while the parent, calling at
    the same time, gets every one of its own answers on its connection."""
    with KeepAliveServer(lambda number, method, target: "slow:0.002") as server:
        settings: dict[str, Any] = {"base_url": server.url, "api_key": KEY, "retry": Retry.never()}
        if flavour == "sync":
            client: Any = talon_dyn.Client(engine="pyreqwest", **settings)
            client.get_reserved_coupons("warm-up")
        else:
            loop = asyncio.new_event_loop()
            client = talon_dyn.AsyncClient(engine="pyreqwest", **settings)
            loop.run_until_complete(client.get_reserved_coupons("warm-up"))

        def work() -> dict[str, Any]:
            try:
                if flavour == "sync":
                    client.get_reserved_coupons("child")
                else:
                    asyncio.run(client.get_reserved_coupons("child"))
                refused = ""
            except talon_dyn.ConfigurationError as error:
                refused = str(error)
            return {"refused": refused}

        pid, child = _in_child(work)
        if flavour == "sync":
            parent_wrong = _mismatches(_sync_calls(client, "parent"))
            report = _report(child, pid)
            client.close()
        else:
            report = _report(child, pid)
            parent_wrong = _mismatches(loop.run_until_complete(_async_calls(client, "parent")))
            loop.run_until_complete(client.aclose())
            loop.close()
        connections = server.connections
    assert "os.fork()" in report["refused"]
    assert "'spawn'" in report["refused"]
    assert parent_wrong == []
    assert connections == 1  # the child never touched the parent's connection, nor opened one


def test_one_pyreqwest_async_client_over_twenty_event_loops_leaves_nothing_open() -> None:
    """pyreqwest runs its connections on its own runtime, not on the caller's loop: one AsyncClient in 20
    ``asyncio.run()`` loops reuses one connection, every answer is the one asked for, and ``aclose()`` leaves no
    socket behind."""
    with KeepAliveServer(lambda number, method, target: "ok") as server:
        baseline = _open_sockets()
        client = talon_dyn.AsyncClient(base_url=server.url, api_key=KEY, engine="pyreqwest")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for number in range(20):
                answer = asyncio.run(client.get_reserved_coupons(f"loop-{number}"))
                assert answer["data"][0]["value"] == f"loop-{number}"
        asyncio.run(client.aclose())
        gc.collect()
        assert wait_until(lambda: _open_sockets() <= baseline)
        connections = server.connections
    assert [str(warning.message) for warning in caught] == []
    assert connections == 1


@pytest.mark.slow
def test_pyreqwest_clients_made_in_short_lived_threads_do_not_crash_the_process() -> None:
    """pyreqwest 0.15.1 crashes the interpreter (a segfault in a later client builder) when it was first imported
    in a thread that has ended since. Here every client is made and used in a worker thread that ends, the first
    of them importing pyreqwest. Run in a child interpreter, so a crash fails this test, not the whole run."""
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    code = textwrap.dedent(
        """
        import sys
        from concurrent.futures import ThreadPoolExecutor
        import talon_dyn
        from keepalive_server import KeepAliveServer

        assert "pyreqwest" not in sys.modules

        def work(url):
            with talon_dyn.Client(base_url=url, api_key="k" * 20, engine="pyreqwest") as client:
                return [client.get_reserved_coupons(f"pp-{n:02}")["data"][0]["value"] for n in range(2)]

        for round in range(8):
            with KeepAliveServer(lambda n, m, t: "ok") as server, ThreadPoolExecutor(1) as pool:
                assert pool.submit(work, server.url).result() == ["pp-00", "pp-01"]
        print("done")
        """
    )
    here = Path(__file__).parents[1] / "support"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=here, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "done"


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_pyreqwest_client_made_in_a_forked_child_is_refused_in_talon_dyns_words(flavour: str) -> None:
    """Once pyreqwest ran in the parent, a client *made* in the child (not only one used there) is a
    ConfigurationError naming the way out, never pyreqwest's own RuntimeError."""
    with KeepAliveServer(lambda number, method, target: "ok") as server:
        settings: dict[str, Any] = {"base_url": server.url, "api_key": KEY, "engine": "pyreqwest"}
        with talon_dyn.Client(**settings) as parent:
            parent.get_reserved_coupons("warm-up")

            def work() -> dict[str, Any]:
                try:
                    if flavour == "sync":
                        talon_dyn.Client(**settings).get_reserved_coupons("child")
                    else:
                        asyncio.run(talon_dyn.AsyncClient(**settings).get_reserved_coupons("child"))
                except talon_dyn.ConfigurationError as error:
                    return {"kind": "ConfigurationError", "says": str(error)}
                except Exception as error:
                    return {"kind": f"{type(error).__module__}.{type(error).__name__}", "says": str(error)}
                return {"kind": "answered", "says": ""}

            pid, child = _in_child(work)
            report = _report(child, pid)
    assert report["kind"] == "ConfigurationError", report
    assert "spawn" in report["says"]
