"""The CLI's rough edges: every bad input is one line and exit 2, never a traceback or a hang."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from talon_dyn.cli import main
from talon_dyn.cli.call import MAX_BODY_BYTES

BASE = ["--base-url", "http://127.0.0.1:9", "--api-key", "k"]  # never reached: input is refused first


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as exit_:  # argparse's own refusals
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_call_without_a_required_body_says_so() -> None:
    code, _, err = run("call", "update_customer_session_v2", "s1", *BASE)
    assert code == 2
    assert "updateCustomerSessionV2 needs a request body: --body JSON, --body @FILE or --body @-" in err
    assert "Traceback" not in err


def test_the_operation_help_shows_the_body_and_query_options() -> None:
    code, out, _ = run("call", "update_customer_session_v2", "--help")
    assert code == 0
    assert out.startswith("usage: talon-dyn call update_customer_session_v2 CUSTOMERSESSIONID --body JSON|@FILE\n")
    _, out, _ = run("call", "get_customer_inventory", "--help")
    assert "usage: talon-dyn call get_customer_inventory INTEGRATIONID [--query NAME=VALUE ...]" in out


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("@/dev/zero", "not a regular file"),
        ("@/nonexistent/body.json", "cannot read it"),
        ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels deep"),
        ("{nope", "not valid JSON"),
    ],
    ids=["device", "missing", "deep", "malformed"],
)
def test_a_body_that_cannot_be_used_is_refused(body: str, says: str) -> None:
    code, _, err = run("call", "update_customer_session_v2", "s1", "--body", body, *BASE)
    assert code == 2
    assert says in err
    assert "Traceback" not in err


def test_a_body_file_over_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_BODY_BYTES + 10)  # sparse: no disk needed
    code, _, err = run("call", "update_customer_session_v2", "s1", "--body", f"@{big}", *BASE)
    assert code == 2
    assert f"larger than the {MAX_BODY_BYTES:,} bytes a body may have" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("call", "get_reserved_coupons", "x", "--timeout", "nan"),
        ("call", "get_reserved_coupons", "x", "--timeout", "-1"),
        ("call", "get_reserved_coupons", "x", "--timeout", "0"),
        ("smoke", "--time-budget", "inf"),
        ("smoke", "--timeout", "-1"),
        ("smoke", "--workers", "0"),
        ("smoke", "--max-examples", "-3"),
        ("sandbox", "--port", "70000"),
        ("sandbox", "--max-body", "0"),
        ("sandbox", "--max-connections", "zero"),
        ("sandbox", "--idle-timeout", "nan"),
        ("sandbox", "--head-timeout", "-5"),
    ],
    ids=lambda argv: " ".join(argv[0:1] + argv[-2:]),
)
def test_every_numeric_option_is_checked(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(*argv)
    said = err + capsys.readouterr().err
    assert code == 2
    assert f"argument {argv[-2]}:" in said
    assert "Traceback" not in said
