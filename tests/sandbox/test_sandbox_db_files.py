"""A ``--db`` file the sandbox cannot use is one line naming the file and what is wrong, exit 2 (never a
traceback), and a file damaged in the middle is found at start, not by a 500 on some request later."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from talon_dyn.cli.sandbox import main
from talon_dyn.sandbox import Sandbox
from talon_dyn.sandbox._storage.store import DatabaseUnusable


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real sandbox database with a few hundred profiles in it (checkpointed: one file)."""
    path = tmp_path_factory.mktemp("db") / "good.db"
    with Sandbox(db=path, seed=1) as sandbox, sandbox.client() as client:
        for number in range(300):
            client.update_customer_profile(f"p{number}", {"attributes": {"note": "x" * 200}})
    return path


def _truncated(good: Path, target: Path) -> None:
    shutil.copy(good, target)
    with target.open("r+b") as handle:
        handle.truncate(good.stat().st_size // 2)


def _damaged_in_the_middle(good: Path, target: Path) -> None:
    shutil.copy(good, target)
    with target.open("r+b") as handle:
        handle.seek(good.stat().st_size // 2)
        handle.write(b"\xff" * 4096)


def _not_a_database(good: Path, target: Path) -> None:
    target.write_bytes(b"hello, not a database\n" * 200)


def _a_folder(good: Path, target: Path) -> None:
    target.mkdir()


CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "truncated": (_truncated, "not a usable SQLite database (database disk image is malformed"),
    "damaged-in-the-middle": (_damaged_in_the_middle, "not a usable SQLite database (database disk image is malformed"),
    "not-a-database": (_not_a_database, "not a usable SQLite database (file is not a database)"),
    "a-folder": (_a_folder, "a folder, not a database file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_unusable_db_is_one_line_and_exit_2(case: str, good_db: Path, tmp_path: Path) -> None:
    make, says = CASES[case]
    target = tmp_path / f"{case}.db"
    make(good_db, target)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(target)], out=out, err=err)
    assert code == 2
    (line,) = err.getvalue().splitlines()
    assert line.startswith(f"talon-dyn sandbox: --db {target}: ")
    assert says in line
    assert out.getvalue() == ""  # never started: no URL printed


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "state.db"
    with pytest.raises(DatabaseUnusable, match=f"its folder {tmp_path / 'nowhere'} does not exist"):
        Sandbox(db=target)
    assert not (tmp_path / "nowhere").exists()


def test_the_good_db_still_starts(good_db: Path) -> None:
    with Sandbox(db=good_db) as sandbox:
        assert sandbox.profile("p299") is not None


def test_a_full_database_answers_503_writes_nothing_and_recovers(tmp_path: Path) -> None:
    """SQLite's "database or disk is full" (made here with ``PRAGMA max_page_count``, which raises the same
    SQLITE_FULL a full disk does) is a 503 "Insufficient storage" per refused write, with nothing half-written;
    once there is room again the next write works."""
    import talon_dyn

    with Sandbox(db=tmp_path / "state.db", seed=1) as sandbox, sandbox.client(retry=talon_dyn.Retry.never()) as client:
        client.update_customer_profile("first", {"attributes": {}})
        pages = sandbox.store._db.execute("PRAGMA page_count").fetchone()[0]
        sandbox.store._db.execute(f"PRAGMA max_page_count = {pages + 1}")
        statuses, messages = [], set()
        for number in range(20):
            try:
                client.update_customer_profile(f"p{number}", {"attributes": {"note": "x" * 3000}})
                statuses.append(200)
            except talon_dyn.ApiError as error:
                statuses.append(error.status)
                messages.add(str(error).split(": ", 1)[1])
        assert 503 in statuses
        said = "HTTP 503: Insufficient storage: the sandbox's database is full; nothing was written, retry once "
        assert messages == {said + "there is room"}
        assert 500 not in statuses
        refused = [f"p{number}" for number, status in enumerate(statuses) if status == 503]
        assert all(sandbox.profile(name) is None for name in refused)  # rolled back whole
        sandbox.store._db.execute("PRAGMA max_page_count = 1073741823")
        client.update_customer_profile("after", {"attributes": {"note": "x" * 3000}})
        assert sandbox.profile("after") is not None


@pytest.fixture
def small_volume(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB volume (tmpfs, mounted for this test: the project's machines and CI run as root)."""
    import subprocess

    folder = tmp_path / "volume"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True, text=True, check=False
    )
    assert mounted.returncode == 0, f"this test mounts a 1 MiB tmpfs and needs root: {mounted.stderr.strip()}"
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_database_that_fits_a_small_volume_keeps_working_and_leaves_no_log(small_volume: Path) -> None:
    """On a 1 MiB volume, 300 session updates (a database of ~160 KB) all succeed: the write-ahead log is folded in
    every 64 pages and cut back, where SQLite's defaults let the log alone fill the volume after ~22 writes and
    answer 503 for ever. A clean close folds the log in and leaves none behind (984 KB were left)."""
    import talon_dyn

    path = small_volume / "state.db"
    statuses = []
    with Sandbox(db=path, seed=1) as sandbox, sandbox.client(retry=talon_dyn.Retry.never()) as client:
        for number in range(300):
            item = {"name": "x", "sku": f"sku-{number}", "quantity": 1, "price": 1.0, "attributes": {}}
            session = {"customerSession": {"profileId": "ada", "attributes": {}, "cartItems": [item]}}
            try:
                client.update_customer_session_v2("s1", session)
                statuses.append(200)
            except talon_dyn.ApiError as error:
                statuses.append(error.status)
    assert statuses == [200] * 300
    left = {entry.name: entry.stat().st_size for entry in small_volume.iterdir()}
    assert left.get("state.db-wal", 0) == 0, left
    assert left["state.db"] < 512 * 1024, left
