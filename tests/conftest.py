"""Shared test set-up: a clean ``TALON_*`` environment, a spec cache that never touches ~/.cache, and the
fixtures many files use: ``clock`` (a FakeClock), ``sandbox`` (seeded, answers checked against the spec),
``client`` (a typed ``talon_dyn.Client`` wired to it in process) and ``flavour`` (each client class in turn).
A module may override ``sandbox`` (say, with its own campaigns): ``client`` then talks to that one."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import venv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flavours import Flavour
from sandbox_helpers import FakeClock

from talon_dyn import Client
from talon_dyn.sandbox import Sandbox

_SAVED_CACHE = os.environ.get("TALON_DYN_CACHE")
_SHARED_CACHE = "TALON_DYN_TEST_CACHE"
"""The run's cache folder, made by the pytest process that starts the xdist workers and inherited by them."""


def pytest_configure(config: pytest.Config) -> None:
    """Point the parsed-spec cache at a folder of this run, before collection loads any spec.

    One folder for the whole run: the xdist workers share it (entries are written whole, by rename), so the
    2026 spec's YAML is parsed once per run, not once per worker."""
    shared = os.environ.get(_SHARED_CACHE)
    if os.environ.get("PYTEST_XDIST_WORKER") and shared:
        os.environ["TALON_DYN_CACHE"] = shared
        return
    os.environ["TALON_DYN_CACHE"] = os.environ[_SHARED_CACHE] = tempfile.mkdtemp(prefix="talon-dyn-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's cache folder (its maker does) and restore the caller's setting."""
    folder = os.environ.pop("TALON_DYN_CACHE", "")
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(_SHARED_CACHE, None)
    if _SAVED_CACHE is not None:
        os.environ["TALON_DYN_CACHE"] = _SAVED_CACHE


@pytest.fixture
def clock() -> FakeClock:
    """A clock that stands still unless a test moves it."""
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Iterator[Sandbox]:
    """A seeded sandbox on ``clock``, its answers checked against the spec."""
    with Sandbox(seed=7, clock=clock, check_responses=True) as box:
        yield box


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[Client]:
    """``sandbox.client()``: typed for the bundled spec, answers validated strictly, no socket and no httpx."""
    with sandbox.client() as made:
        yield made


PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Iterator[Flavour]:
    """``Client``, then ``AsyncClient`` (its coroutines run on one event loop for the test): the one sync/async
    driver of the client suites (``tests/support/flavours.py``)."""
    made = Flavour(request.param)
    yield made
    made.close()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every ``TALON_*`` variable but the cache location, and the proxy variables (either case), so no
    test depends on the caller's shell or goes through a proxy of the machine's."""
    for name in os.environ:
        if (name.startswith("TALON_") and name != "TALON_DYN_CACHE") or name.lower() in PROXY_VARIABLES:
            monkeypatch.delenv(name)


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Iterator[object]:
    """Run ``no_cover`` tests untraced in pytest-xdist workers too.

    pytest-cov's own ``no_cover`` stops coverage, which in an xdist worker leaves the tracer installed in
    the test function's thread (``sys.gettrace()`` there is still a coverage CTracer, installed again after
    ``pytest_runtest_call``), so the path fuzz ran ~2.3x slower under ``make test`` than alone. This hook is
    the last step before the test function; the tracer is put back afterwards for the rest of the run."""
    tracer = sys.gettrace()
    if tracer is None or pyfuncitem.get_closest_marker("no_cover") is None:
        return (yield)
    threads = threading.gettrace()  # and the threads it starts (servers), which coverage would trace too
    sys.settrace(None)
    threading.settrace(None)  # type: ignore[arg-type]
    try:
        return (yield)
    finally:
        sys.settrace(tracer)
        threading.settrace(threads)  # type: ignore[arg-type]


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder ``build`` fills once per test run, shared by the pytest-xdist workers.

    A session fixture runs once per worker; for the slim install and the mypy run that would cost twice and
    build the wheel from one source tree twice at once. The first worker builds under an flock, the others
    wait for it and reuse the folder (the pattern pytest-xdist documents for session fixtures)."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's base folder, above each worker's own
    where = root / name
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (where / ".built").exists():
            shutil.rmtree(where, ignore_errors=True)
            where.mkdir()
            build(where)
            (where / ".built").touch()
    return where


def _install(where: Path) -> None:
    """Build the wheel of this checkout and install it without extras in a fresh venv at ``where/venv``.

    The venv gets no pip of its own: this environment's pip installs into it (``pip --python``), which
    resolves the same dependencies in half the time (no ensurepip, one warm pip)."""
    quiet = {"capture_output": True, "text": True, "check": True, "timeout": 300}
    checkout = Path(__file__).resolve().parents[1]
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(where / "dist"), str(checkout)]
    subprocess.run(pip, **quiet)
    (wheel,) = (where / "dist").glob("talon_dyn-*.whl")
    venv.create(where / "venv", with_pip=False)
    python = where / "venv" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)], **quiet)


@pytest.fixture(scope="session")
def slim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv with the wheel built from this checkout installed without extras."""
    return built_once(tmp_path_factory, "slim", _install) / "venv" / "bin"
