"""Every Python example in the rendered docs parses and runs: over a spec-driven mock, and against the sandbox."""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import talon_dyn
from talon_dyn._model.schema import example_value
from talon_dyn.docs import render
from talon_dyn.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = ROOT / "tests" / "fixtures" / "docs" / "widgets.yaml"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
SECTION = re.compile(r'<a id="([^"]+)"></a>\n')
CURL = re.compile(r"```sh\n(curl .*?)```", re.DOTALL)
ORDER = {"PUT": 0, "POST": 0, "GET": 1, "DELETE": 2}
"""The order a reader walks the examples in: what creates the customer first, reads next, deletes last."""
EXAMPLE_API_KEY = "YOUR_API_KEY"  # the placeholder the python templates print


def python_blocks(files: dict[str, str]) -> Iterator[tuple[str, str | None, str]]:
    """Each ``python`` code block of the rendered pages: (page, the operation whose section holds it, code)."""
    for name, text in files.items():
        parts = SECTION.split(text)
        yield from ((name, None, code) for code in BLOCK.findall(parts[0]))
        for operation_id, section in zip(parts[1::2], parts[2::2], strict=True):
            yield from ((name, operation_id, code) for code in BLOCK.findall(section))


def examples(spec: talon_dyn.Spec) -> list[tuple[str, str]]:
    """(operationId, code) of every operation's example in the python docs of ``spec``."""
    found = [(op, code) for _, op, code in python_blocks(render(spec)) if op and "talon_dyn.Client(" in code]
    assert sorted(op for op, _ in found) == sorted(spec.operations)
    return found


class SpecResponder:
    """A MockTransport handler that answers every operation with its documented success and example body."""

    def __init__(self, spec: talon_dyn.Spec) -> None:
        self.spec = spec
        self.called: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        found = self.spec.match(request.method, request.url.raw_path.decode("ascii"))
        assert found is not None, f"{request.method} {request.url} matches no operation"
        operation = found[0]
        self.called.append(operation.operation_id)
        assert request.headers["authorization"] == f"ApiKey-v1 {EXAMPLE_API_KEY}"
        success = operation.responses[str(operation.success_status)]
        if success.schema is None:
            return httpx.Response(operation.success_status)
        body = example_value(self.spec, success.schema)
        return httpx.Response(
            operation.success_status, content=json.dumps(body), headers={"content-type": "application/json"}
        )


def run_example(code: str, client_factory: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> str:
    """Execute an example with ``talon_dyn.Client`` replaced by ``client_factory``; return what it printed."""
    monkeypatch.setattr(talon_dyn, "Client", client_factory)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "<doc example>", "exec"), {"__name__": "__doc_example__"})
    monkeypatch.undo()
    return printed.getvalue()


@pytest.mark.parametrize("template_set", ["python", "js-sdk"])
def test_every_python_block_parses(template_set: str) -> None:
    """Every ``python`` code block of every rendered page is valid Python."""
    blocks = [
        (name, code)
        for spec in (talon_dyn.load(), talon_dyn.load(WIDGETS))
        for name, _, code in python_blocks(render(spec, template_set))
    ]
    for name, code in blocks:
        ast.parse(code, filename=name)
    if template_set == "python":
        assert len(blocks) == 2 * (len(talon_dyn.load().operations) + len(talon_dyn.load(WIDGETS).operations)) + 2


@pytest.mark.parametrize("path", [None, WIDGETS], ids=["bundled", "widgets"])
def test_every_example_runs_over_a_spec_driven_mock(path: Path | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each operation's example sends a request the client validates to that operation and prints its answer."""
    spec = talon_dyn.load(path)
    real_client = talon_dyn.Client
    for operation_id, code in examples(spec):
        responder = SpecResponder(spec)

        def factory(*args: Any, responder: SpecResponder = responder, **options: Any) -> Any:
            # ``spec="widgets.yaml"`` names the user's file as they would (relative to where they run it)
            named = options.pop("spec", None)
            assert named is None or Path(named).name == Path(spec.source).name
            return real_client(*args, spec=spec, transport=httpx.MockTransport(responder), **options)

        printed = run_example(code, factory, monkeypatch)
        assert responder.called == [operation_id]
        operation = spec.operation(operation_id)
        assert bool(printed) == (operation.responses[str(operation.success_status)].schema is not None)


def _walk(spec: talon_dyn.Spec) -> list[tuple[str, str, str]]:
    """(operationId, python, curl) of every operation, in the order a reader walks them."""
    text = render(spec)["IntegrationApi.md"]
    parts = SECTION.split(text)
    found = []
    for operation_id, section in zip(parts[1::2], parts[2::2], strict=True):
        python = next(code for code in BLOCK.findall(section) if "talon_dyn.Client(" in code)
        (curl,) = CURL.findall(section)
        found.append((operation_id, python, curl))
    return sorted(found, key=lambda item: ORDER[spec.operation(item[0]).method])


def test_every_python_example_runs_2xx_against_a_fresh_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    """Walking the page on a fresh sandbox (nothing seeded by the test), every Python example succeeds: the
    values are the spec's examples and name what the sandbox has (coupon SUMMER10, referral campaign 3)."""
    spec = talon_dyn.load()
    real_client = talon_dyn.Client
    outcomes: dict[str, str] = {}
    with Sandbox(api_keys=(EXAMPLE_API_KEY,), check_responses=True, seed=7) as sandbox:
        factory = functools.partial(real_client, spec=spec, transport=sandbox.transport())
        for operation_id, python, _ in _walk(spec):
            try:
                run_example(python, factory, monkeypatch)
                outcomes[operation_id] = "ok"
            except talon_dyn.ApiError as error:
                outcomes[operation_id] = str(error)
            finally:
                monkeypatch.undo()
    assert outcomes == dict.fromkeys(spec.operations, "ok")


def test_every_curl_example_runs_2xx_against_a_fresh_sandbox(tmp_path: Path) -> None:
    """The same walk with the curl lines, run by bash and curl against a TCP sandbox."""
    from talon_dyn.sandbox import Server

    spec = talon_dyn.load()
    with Sandbox(api_keys=("curl-test-key",), check_responses=True, seed=7) as sandbox:
        server = Server(sandbox)
        env = {"PATH": os.environ["PATH"], "TALON_BASE_URL": server.start(), "TALON_API_KEY": "curl-test-key"}
        try:
            statuses = {}
            for operation_id, _, curl in _walk(spec):
                command = curl.strip() + ' -s -o /dev/null -w "%{http_code}"'
                result = subprocess.run(
                    ["bash", "-c", command], env=env, capture_output=True, text=True, timeout=30, check=False
                )
                statuses[operation_id] = result.stdout
        finally:
            server.stop()
    assert all(status.startswith("2") for status in statuses.values()), statuses
    assert set(statuses) == set(spec.operations)
