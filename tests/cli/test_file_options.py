"""Every option that takes a path goes through one bounded reader: a device (/dev/zero), a FIFO and a 1 GB
sparse file are each refused in one line with exit 2, never read whole, never a hang or a traceback."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from talon_dyn.cli import main

KEY = "k" * 24

OPTIONS = [
    ("smoke", "--spec"),
    ("smoke", "--overlay"),
    ("smoke", "--scenarios"),
    ("smoke", "--ca-bundle"),
    ("smoke", "--cert"),
    ("sandbox", "--spec"),
    ("sandbox", "--overlay"),
    ("sandbox", "--campaigns"),
    ("sandbox", "--faults"),
    ("docs", "--spec"),
    ("docs", "--overlay"),
    ("stubs", "--spec"),
    ("call", "--body"),
]


@pytest.fixture(params=["dev-zero", "fifo", "sparse"])
def hostile_file(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "dev-zero":
        return "/dev/zero"
    if request.param == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)  # nobody ever writes to it: a reader that blocks on it would hang the test
        return str(path)
    path = tmp_path / "sparse.yaml"
    with open(path, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GB of nothing: only its size is real
    return str(path)


def _argv(command: str, option: str, path: str, tmp_path: Path) -> list[str]:
    value = f"@{path}" if option == "--body" else path
    if command == "smoke":
        base = ["https://127.0.0.1:9"] if option in ("--ca-bundle", "--cert") else ["http://127.0.0.1:9"]
        return ["smoke", "--base-url", *base, "--api-key", KEY, option, value]
    if command == "sandbox":
        return ["sandbox", "--port", "0", option, value]
    if command == "docs":
        return ["docs", "--out", str(tmp_path / "out"), option, value]
    if command == "stubs":
        return ["stubs", "--out", str(tmp_path / "x.pyi"), option, value]
    return ["call", "--base-url", "http://127.0.0.1:9", "--api-key", KEY, "track_event", option, value]


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c}{o}" for c, o in OPTIONS])
def test_a_path_option_refuses_devices_fifos_and_huge_files_in_one_line(
    command: str, option: str, hostile_file: str, tmp_path: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(_argv(command, option, hostile_file, tmp_path), out=out, err=err)
    said = err.getvalue().strip()
    assert code == 2, (out.getvalue(), said)
    assert len(said.splitlines()) == 1, said
    assert "Traceback" not in said
    assert hostile_file in said
    assert any(words in said for words in ("not a regular file", "bytes", "over the")), said
