"""Hostile spec documents are refused quickly with a SpecError, and loading never touches the network.

The fixtures live in tests/fixtures/hostile/ (one small file per scenario); documents too
big to keep as fixtures (10,000 levels of nesting) are written to a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from timing import slack, slowest

import talon_dyn
from talon_dyn import SpecError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = FIXTURES / "hostile"


class NetworkTouched(AssertionError):
    """Raised by the patched socket functions: something tried to reach the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way of opening a connection or resolving a name raise, and record the attempts."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def raiser(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkTouched(name)

        return raiser

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


@pytest.fixture
def fresh_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch the parsed-spec cache off, so every load really parses."""
    monkeypatch.setenv("TALON_DYN_CACHE", "off")


def _refused(path: Path, *, within: float = 1.0) -> SpecError:
    base = slowest(lambda: talon_dyn.load(FIXTURES / "option_names.yaml"))  # a small spec, parsed: the baseline
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        talon_dyn.load(path)
    elapsed = time.perf_counter() - started
    assert elapsed < slack(base, within), ("refusing a hostile spec must be quick", elapsed, base)
    return caught.value


@pytest.mark.no_cover  # repeated work on lines the other tests cover; tracing made it ~3x slower
@pytest.mark.usefixtures("fresh_parse")
def test_billion_laughs_is_refused_quickly(no_network: list[str]) -> None:
    """Ten levels of ten YAML aliases (10**10 strings once expanded) are refused within a second."""
    error = _refused(HOSTILE / "billion-laughs.yaml", within=5.0)
    assert "alias bomb" in str(error)
    assert no_network == []


@pytest.mark.usefixtures("fresh_parse")
def test_recursive_alias_is_refused() -> None:
    """A YAML list that contains itself through an alias is refused, not expanded forever."""
    assert "recursive" in str(_refused(HOSTILE / "recursive-alias.yaml"))


@pytest.mark.usefixtures("fresh_parse")
def test_python_tags_are_not_executed() -> None:
    """A ``!!python/object/apply`` tag is refused as YAML, never constructed."""
    assert "constructor" in str(_refused(HOSTILE / "python-tag.yaml"))


def _deep(kind: str, depth: int) -> bytes:
    head = b"openapi: 3.1.0\ninfo: {title: deep, version: '1'}\npaths: {}\n"
    if kind == "flow-sequences":
        return head + b"x-deep: " + b"[" * depth + b"]" * depth + b"\n"
    if kind == "flow-mappings":
        return head + b"x-deep: " + b"{a: " * depth + b"1" + b"}" * depth + b"\n"
    if kind == "block-sequences":
        return head + b"x-deep:\n  " + b"- " * depth + b"x\n"
    return b'{"openapi": "3.1.0", "paths": {}, "x-deep": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.usefixtures("fresh_parse")
@pytest.mark.parametrize("kind", ["flow-sequences", "flow-mappings", "block-sequences", "json"])
@pytest.mark.parametrize("depth", [129, 10_000, 1_000_000])
def test_absurd_nesting_is_refused(tmp_path: Path, kind: str, depth: int) -> None:
    """Nesting beyond what a spec needs, up to a million levels, is refused quickly and never crashes."""
    path = tmp_path / f"deep.{'json' if kind == 'json' else 'yaml'}"
    path.write_bytes(_deep(kind, depth))
    assert "nest" in str(_refused(path))


@pytest.mark.usefixtures("fresh_parse")
def test_nesting_a_spec_may_have_is_accepted(tmp_path: Path) -> None:
    """Nesting well inside the limit loads: the refusals above are about depth, not about extensions."""
    path = tmp_path / "shallow.yaml"
    path.write_bytes(_deep("flow-sequences", 100))
    assert len(talon_dyn.load(path)) == 0


@pytest.mark.usefixtures("fresh_parse")
@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("ref-remote-http.yaml", "remote $ref"),
        ("ref-remote-https.yaml", "remote $ref"),
        ("ref-file-uri.yaml", "remote $ref"),
        ("ref-absolute-path.yaml", "outside the spec's folder"),
        ("nested/ref-outside.yaml", "outside the spec's folder"),
        ("nested/ref-chain.yaml", "outside the spec's folder"),
    ],
)
def test_refs_outside_the_specs_folder_are_refused(name: str, says: str, no_network: list[str]) -> None:
    """A $ref to another host, a file: URI, an absolute path or a file above the spec's folder is refused."""
    error = _refused(HOSTILE / name)
    assert says in str(error)
    assert error.pointer is not None
    assert error.pointer.endswith("/$ref")
    assert no_network == []


@pytest.mark.usefixtures("fresh_parse")
def test_a_ref_inside_the_specs_folder_is_followed(no_network: list[str]) -> None:
    """A $ref to a file next to the spec loads, and its schema validates requests."""
    spec = talon_dyn.load(HOSTILE / "nested" / "ref-inside.yaml")
    operation = spec.operation("getThings")
    schema = operation.responses["200"].schema_pointer
    assert schema is not None
    assert spec.validator.is_valid(schema, {"id": 1})
    assert not spec.validator.is_valid(schema, {"id": "one"})
    assert no_network == []


@pytest.mark.usefixtures("fresh_parse")
def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    """A $ref to a symlink inside the folder that points outside it is refused like the target itself."""
    folder = tmp_path / "spec"
    folder.mkdir()
    shutil.copy(HOSTILE / "outside.yaml", tmp_path / "outside.yaml")
    (folder / "schemas.yaml").symlink_to(tmp_path / "outside.yaml")
    text = (HOSTILE / "nested" / "ref-inside.yaml").read_text()
    (folder / "spec.yaml").write_text(text.replace("./inside-schemas.yaml", "./schemas.yaml"))
    assert "outside the spec's folder" in str(_refused(folder / "spec.yaml"))


@pytest.mark.usefixtures("fresh_parse")
def test_a_ref_to_something_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    """A $ref to a named pipe in the spec's folder is refused instead of blocking the load forever."""
    folder = tmp_path / "spec"
    folder.mkdir()
    os.mkfifo(folder / "schemas.yaml")
    text = (HOSTILE / "nested" / "ref-inside.yaml").read_text()
    (folder / "spec.yaml").write_text(text.replace("./inside-schemas.yaml", "./schemas.yaml"))
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            talon_dyn.load(folder / "spec.yaml")
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(2.0)
    if thread.is_alive():  # unblock the reader so the thread can end, then fail
        with open(folder / "schemas.yaml", "wb"):
            pass
        thread.join(2.0)
        pytest.fail("loading blocked on a named pipe")
    assert len(outcome) == 1
    assert isinstance(outcome[0], SpecError)


@pytest.mark.usefixtures("fresh_parse")
def test_a_remote_id_never_makes_validation_fetch(tmp_path: Path, no_network: list[str]) -> None:
    """A schema whose ``$id`` is remote cannot make validation fetch its relative ``$ref`` over the network."""
    shutil.copy(HOSTILE / "schema-remote-id.yaml", tmp_path / "spec.yaml")
    (tmp_path / "thing.json").write_text('{"type": "integer"}')
    spec = talon_dyn.load(tmp_path / "spec.yaml")
    client = talon_dyn.Client(
        spec=spec, base_url="http://talon.test", transport=httpx.MockTransport(lambda request: httpx.Response(204))
    )
    with contextlib.suppress(talon_dyn.TalonDynError):
        client.create_thing({"thing": "not an integer"})
    assert no_network == []


@pytest.mark.usefixtures("fresh_parse")
def test_loading_real_specs_never_touches_the_network(no_network: list[str]) -> None:
    """Loading the bundled spec and the 220-operation 2026 spec from scratch, and validating, opens no connection."""
    from talon_dyn._model.spec import bundled_path

    bundled = talon_dyn.load(bundled_path())
    big = talon_dyn.load(FIXTURES / "talon-openapi-2026.yaml")
    assert len(bundled) == 11
    assert len(big) == 220
    for spec in (bundled, big):
        for operation in list(spec)[:40]:
            if operation.body is not None and operation.body.schema_pointer is not None:
                spec.validator.issues(operation.body.schema_pointer, {})
    assert no_network == []
