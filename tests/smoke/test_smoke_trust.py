"""talon-dyn smoke never says green by mistake, always ends in bounded time with its reports, and its reports
and reproducers can be trusted and run (issue: smoke checks QA can trust)."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rawserver import raw_server, response
from timing import slack, slowest

from talon_dyn.cli import main
from talon_dyn.sandbox import Sandbox, Server

KEY = "sk-live-Zq9x7tR2apiKEYsecret4242"
SANDBOX_KEY = "sandbox-api-key"


def smoke(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["smoke", "--no-progress", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def smoke_at(url: str, *argv: str, **options: str | Path | bool) -> tuple[int, str, str]:
    """``talon-dyn smoke`` against ``url`` with the test key; ``max_examples="2"`` is ``--max-examples 2``,
    ``fail_fast=True`` is ``--fail-fast``, a path is ``--json=PATH``."""
    flags = [*argv]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        flags += [flag] if value is True else [f"{flag}={value}"]
    return smoke("--base-url", url, "--api-key", KEY, *flags)


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with Sandbox(seed=5) as sandbox:
        server = Server(sandbox)
        try:
            yield server.start()
        finally:
            server.stop()


def _reports(tmp_path: Path) -> tuple[list[str], dict[str, Path]]:
    files = {"json": tmp_path / "r.json", "markdown": tmp_path / "r.md", "junit": tmp_path / "r.xml"}
    return [f"--{kind}={path}" for kind, path in files.items()], files


@pytest.mark.parametrize("read_only", [False, True], ids=["all-checks", "read-only"])
def test_a_refused_key_is_exit_1_with_one_clear_line(sandbox_url: str, tmp_path: Path, read_only: bool) -> None:
    """A wrong key ends the run before any check: exit 1, one line naming the host and the 401, reports written."""
    options, files = _reports(tmp_path)
    extra = ["--read-only"] if read_only else []
    code, out, err = smoke("--base-url", sandbox_url, "--api-key", "wrong-key-12345", *extra, *options)
    assert code == 1
    expected = (
        f"talon-dyn smoke: the API key was refused by {sandbox_url}: 401 Unauthorized: Unauthorized - Invalid API key"
    )
    assert err.strip().splitlines() == [expected]
    assert "PASSED" not in out
    report = json.loads(files["json"].read_text())
    assert report["passed"] is False
    assert report["refused"].startswith("the API key was refused")
    assert report["counts"]["not_run"] == report["counts"]["checks"] - 1
    assert "Credentials refused" in files["markdown"].read_text()
    assert 'failures="1"' in files["junit"].read_text()


def test_a_401_where_a_success_is_expected_is_a_failure(tmp_path: Path) -> None:
    """A deployment that accepts the key for reads but answers 401 to writes fails those checks, never "ok"."""

    def answer(request: bytes) -> bytes:
        if request.startswith(b"GET "):
            return response(404, b'{"message": "not found", "errors": []}')
        return response(401, b'{"message": "not allowed", "errors": []}')

    with raw_server(answer) as url:
        code, _, _ = smoke_at(
            url, checks="generated", max_examples="1", operations="trackEvent", json=tmp_path / "r.json"
        )
    assert code == 1
    report = json.loads((tmp_path / "r.json").read_text())
    failing = [f["check"] for case in report["cases"] for f in case.get("failures", [])]
    assert "credentials_accepted" in failing


def _drip(request: bytes) -> bytes | None:
    return None  # headers never come


HOSTILE = {
    "drip": _drip,
    "deep-json": lambda request: response(200, b"[" * 1100 + b"]" * 1100),
    "gzip-bomb": lambda request: response(200, gzip.compress(bytes(64 << 20)), **{"content-encoding": "gzip"}),
    "html": lambda request: response(
        200, b"<html><body>" + b"<p>not talon</p>" * 400 + b"</body></html>", **{"content-type": "text/html"}
    ),
    "reset": lambda request: b'HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{"x"',
}


@pytest.mark.no_cover  # a bound on time: tracing slows the parsing it measures ~3x (the lines are covered elsewhere)
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_server_ends_in_bounded_time_with_reports(kind: str, tmp_path: Path) -> None:
    """Dripping, deeply nested, exploding, HTML or truncated answers: exit 1 within the budget, every report
    written, no traceback, and a terminal report of bounded length."""
    options, files = _reports(tmp_path)
    with raw_server(HOSTILE[kind]) as url:
        # The baseline: the same run with a 0.5 s budget, timed now (what reading these answers costs on this
        # machine at this moment, the reports included).
        base = slowest(lambda: smoke_at(url, timeout="0.3", time_budget="0.5", max_examples="3"), times=1)
        started = time.monotonic()
        code, out, err = smoke_at(url, *options, timeout="0.3", time_budget="4", max_examples="3")
        elapsed = time.monotonic() - started
    assert code == 1, err
    assert elapsed < 4 + slack(base, 2), (elapsed, base)
    assert "Traceback" not in out + err
    for path in files.values():
        assert path.stat().st_size > 0, path
    assert len(out.splitlines()) < 200
    assert KEY not in out + err + "".join(path.read_text() for path in files.values())


def test_a_short_key_is_refused_at_start() -> None:
    """A key too short to mask without rewriting other text is exit 2; nothing is printed mangled."""
    code, out, err = smoke("--base-url", "http://127.0.0.1:9", "--api-key", "o")
    assert code == 2
    assert "shorter than 8 characters" in err
    assert "***" not in err + out
    assert "talon-dyn smoke" in err  # the text around the refusal reads as written


def test_a_key_echoed_by_the_server_is_masked_and_nothing_else_is(tmp_path: Path) -> None:
    """The server echoes the Authorization header in every answer: the key appears nowhere; text around it is
    intact; reproducers name $TALON_API_KEY."""

    def echo(request: bytes) -> bytes:
        line = next((part for part in request.split(b"\r\n") if part.lower().startswith(b"authorization")), b"")
        body = json.dumps({"message": f"bad request, you sent {line.decode()}", "errors": []}).encode()
        return response(400 if not request.startswith(b"GET ") else 404, body)

    options, files = _reports(tmp_path)
    with raw_server(echo) as url:
        code, out, err = smoke_at(url, *options, max_examples="1")
    assert code == 1
    everything = out + err + "".join(path.read_text() for path in files.values())
    assert KEY not in everything
    assert "you sent authorization: apikey-v1 ***" in everything.lower()  # masked by token, the rest intact
    assert '"Authorization: ApiKey-v1 $TALON_API_KEY"' in everything
    assert "curl -X " in out
    assert url in out  # the real base URL


def test_the_markdown_matrix_reports_exactly_the_statuses_seen(tmp_path: Path) -> None:
    """Against a server answering 200 to reads and 503 to writes, the matrix lists 200 as seen, the other
    documented statuses as not seen, and 503 as undocumented."""
    coupons = json.dumps({"totalResultSize": 0, "data": []}).encode()

    def answer(request: bytes) -> bytes:
        if request.startswith(b"GET "):
            return response(200, coupons)
        return response(503, b'{"message": "busy", "errors": []}')

    with raw_server(answer) as url:
        code, _, _ = smoke_at(
            url,
            checks="generated",
            max_examples="2",
            operations="getReservedCoupons,trackEvent",
            markdown=tmp_path / "r.md",
        )
    assert code == 1
    markdown = (tmp_path / "r.md").read_text()
    assert markdown.startswith("# talon-dyn smoke: FAILED")
    assert "| `getReservedCoupons` | 2 | 200 | 400, 401, 404 | - |" in markdown
    assert "| `getCustomerInventory` | 1 | 200 | 400, 401, 404 | - |" in markdown  # the credentials check
    assert "| `trackEvent` | 2 | - | 201, 400, 401, 409 | **503** |" in markdown
    assert (
        "### `trackEvent` · status_code_conformance" in markdown or "### `trackEvent` · not_a_server_error" in markdown
    )
    assert "```sh" in markdown
    assert "```python" in markdown
    assert "client.with_response.track_event(" in markdown


def test_a_failure_found_under_a_seed_is_found_again_under_it(tmp_path: Path) -> None:
    """A server that fails on some generated inputs: the same --seed finds exactly the same failing examples."""

    def answer(request: bytes) -> bytes:
        path = request.split(b" ", 2)[1]
        if request.startswith(b"GET ") and len(path) % 3 == 0:
            return response(500, b'{"message": "boom", "errors": []}')
        return response(
            200 if request.startswith(b"GET ") else 404, json.dumps({"totalResultSize": 0, "data": []}).encode()
        )

    def failing(seed: str) -> list[str]:
        code, _, _ = smoke_at(
            url,
            checks="generated",
            max_examples="12",
            operations="getReservedCoupons",
            seed=seed,
            json=tmp_path / "r.json",
        )
        assert code == 1
        report = json.loads((tmp_path / "r.json").read_text())
        return [case["request"]["url"] for case in report["cases"] if case.get("failures")]

    with raw_server(answer) as url:
        first = failing("31")
        assert first
        assert failing("31") == first


def test_unknown_var_operations_list_and_fail_fast(tmp_path: Path) -> None:
    """An unknown --var names the known ones; --operations chooses; --list sends nothing; --fail-fast stops."""
    code, _, err = smoke("--var", "cupon=X")
    assert code == 2
    assert "--var cupon" in err
    assert "coupon" in err
    code, _, err = smoke("--operations", "getReservedCoupon")
    assert code == 2
    assert "did you mean get_reserved_coupons" in err
    code, out, _ = smoke("--list", "--operations", "get_reserved_coupons")
    assert code == 0
    assert "generated  generated getReservedCoupons" in out
    assert "nothing was sent" in out
    assert "trackEvent" not in out.replace("scenario", "")  # only the chosen operation's own checks

    def answer(request: bytes) -> bytes:
        if request.startswith(b"GET ") and b"-auth" in request.split(b"\r\n", 1)[0]:
            return response(404, b'{"message": "nope", "errors": []}')
        return response(500, b'{"message": "boom", "errors": []}')

    with raw_server(answer) as url:
        code, _, _ = smoke_at(
            url, fail_fast=True, workers="1", max_examples="1", checks="generated", json=tmp_path / "r.json"
        )
    assert code == 1
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["counts"]["failed"] >= 1
    assert report["counts"]["not_run"] >= 5
    assert any("--fail-fast" in case.get("skipped", "") for case in report["cases"])


def test_a_run_leaves_no_hypothesis_folder_behind(tmp_path: Path) -> None:
    """hypothesis's caches go to talon_dyn's cache folder, not the working directory (a fresh process)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HYPOTHESIS")}
    env["TALON_DYN_CACHE"] = str(tmp_path / "cache")
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "talon_dyn", "smoke", "--no-progress", "--max-examples", "2"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == []


def test_a_timeout_says_what_timed_out_after_how_long(tmp_path: Path) -> None:
    """A timeout failure names the limit and the elapsed time, never an empty 'ReadTimeout: '."""
    with raw_server(_drip) as url:
        code, _, err = smoke_at(url, timeout="0.2", time_budget="3", json=tmp_path / "r.json")
    assert code == 1
    assert re.search(
        r"did not answer the credentials check .*timeout: .*0\.2 s.* \(after 0\.\d+ s; --timeout 0\.2\)", err
    )


def test_scenario_files_are_checked_against_their_schema(tmp_path: Path) -> None:
    """A malformed scenarios file is exit 2 naming the file and the JSON pointer of the problem."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "scenarios:\n  - name: x\n    steps:\n      - operation: getReservedCoupons\n        expect: {status: 99}\n"
    )
    code, _, err = smoke("--scenarios", str(bad), "--checks", "scenarios")
    assert code == 2
    assert f"{bad}#/scenarios/0/steps/0/expect/status" in err
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("scenarios:\n  - name: x\n    stepz: []\n")
    code, _, err = smoke("--scenarios", str(unknown), "--checks", "scenarios")
    assert code == 2
    assert f"{unknown}#/scenarios/0" in err
