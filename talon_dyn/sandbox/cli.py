"""``talon-dyn sandbox``: serve the sandbox over TCP and print the URL it bound."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from .._exceptions import SpecError
from .._extras import require
from ._campaigns import CampaignsError
from ._config import DEFAULT_MAX_BODY
from ._sandbox import Sandbox

__all__ = ["main", "register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``sandbox`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sandbox",
        help="serve an offline, stateful Talon.One Integration API",
        description="Serve the sandbox over HTTP; prints the URL once listening. Ctrl+C (or SIGTERM) stops it.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--db", metavar="PATH", default=":memory:", help="SQLite file that keeps state across restarts")
    parser.add_argument("--campaigns", metavar="PATH", help="campaigns YAML file (default: the packaged one)")
    parser.add_argument("--spec", metavar="PATH", help="OpenAPI document to serve (default: the bundled spec)")
    parser.add_argument("--seed", type=int, help="seed for generated codes (reproducible runs)")
    parser.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY,
        metavar="BYTES",
        help=f"largest request body accepted (default {DEFAULT_MAX_BODY})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Start the server, print its URL, serve until interrupted; 2 on a bad campaigns file or spec."""
    require("sandbox", "talon-dyn sandbox")
    from ._server import Server

    try:
        sandbox = Sandbox(db=args.db, campaigns=args.campaigns, spec=args.spec, seed=args.seed, max_body=args.max_body)
    except (CampaignsError, SpecError) as exc:
        print(f"talon-dyn sandbox: {exc}", file=err)
        return 2
    server = Server(sandbox, args.host, args.port)
    stop = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        try:
            url = server.start()
        except OSError as exc:
            print(f"talon-dyn sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=err)
            return 2
        print(url, file=out, flush=True)
        while not stop.wait(0.2):
            if server._thread is None or not server._thread.is_alive():
                break
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        sandbox.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``python -m talon_dyn.sandbox.cli [options]``: the ``sandbox`` sub-command on its own."""
    parser = argparse.ArgumentParser(prog="talon-dyn")
    register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["sandbox", *(sys.argv[1:] if argv is None else argv)])
    except SystemExit as exc:
        return int(exc.code or 0)
    return run(args, out or sys.stdout, err or sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
