"""``talon-dyn sandbox``: serve the sandbox over TCP and print the URL it bound."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from .._exceptions import ConfigurationError, SpecError
from .._extras import require
from .._model.spec import load
from ..sandbox._config import DEFAULT_API_KEY, DEFAULT_MAX_BODY
from ..sandbox._domain.campaigns import CampaignsError
from ..sandbox._sandbox import Sandbox
from ._options import count, port, seconds, spec_options

IDLE_TIMEOUT, HEAD_TIMEOUT, MAX_CONNECTIONS = 5.0, 10.0, 256  # as _server's (which needs uvicorn to import)

__all__ = ["main", "register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``sandbox`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sandbox",
        help="serve an offline, stateful Talon.One Integration API",
        description="Serve the sandbox over HTTP; prints the URL once listening. Ctrl+C (or SIGTERM) stops it.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=port, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--db", metavar="PATH", default=":memory:", help="SQLite file that keeps state across restarts")
    parser.add_argument("--campaigns", metavar="PATH", help="campaigns YAML file (default: the packaged one)")
    spec_options(
        parser, "the OpenAPI document to serve: a file, or a bundled spec by name (2020, the default; current)"
    )
    parser.add_argument("--seed", type=int, help="seed for generated codes and fault draws (reproducible runs)")
    parser.add_argument(
        "--api-key",
        action="append",
        metavar="KEY",
        help=f"an API key to accept (repeatable; replaces the default {DEFAULT_API_KEY!r})",
    )
    parser.add_argument(
        "--faults", metavar="PATH", help="a faults YAML file: statuses, delays, drops (docs/sandbox.md)"
    )
    parser.add_argument(
        "--idle-timeout",
        type=seconds,
        default=IDLE_TIMEOUT,
        metavar="SECONDS",
        help=f"close an idle keep-alive connection after this long (default {IDLE_TIMEOUT:g})",
    )
    parser.add_argument(
        "--head-timeout",
        type=seconds,
        default=HEAD_TIMEOUT,
        metavar="SECONDS",
        help=f"close a connection whose first request head is not in by then (default {HEAD_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-connections",
        type=count(1),
        default=MAX_CONNECTIONS,
        metavar="N",
        help=f"answer 503 past this many open connections (default {MAX_CONNECTIONS})",
    )
    parser.add_argument(
        "--max-body",
        type=count(1),
        default=DEFAULT_MAX_BODY,
        metavar="BYTES",
        help=f"largest request body accepted (default {DEFAULT_MAX_BODY})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Start the server, print its URL, serve until interrupted; 2 on a bad campaigns file or spec."""
    require("sandbox", "talon-dyn sandbox")
    from ..sandbox._server import Server

    settings: dict[str, Any] = {"db": args.db, "campaigns": args.campaigns, "seed": args.seed}
    settings.update(max_body=args.max_body, faults=args.faults)
    if args.api_key:
        if any(not key or not key.isascii() or not key.isprintable() or " " in key for key in args.api_key):
            print("talon-dyn sandbox: --api-key takes printable ASCII without spaces", file=err)
            return 2
        settings["api_keys"] = tuple(args.api_key)
    try:
        sandbox = Sandbox(spec=load(args.spec, overlays=args.overlay), **settings)
    except (CampaignsError, SpecError, ConfigurationError) as exc:
        print(f"talon-dyn sandbox: {exc}", file=err)
        return 2
    server = Server(
        sandbox,
        args.host,
        args.port,
        idle_timeout=args.idle_timeout,
        head_timeout=args.head_timeout,
        max_connections=args.max_connections,
    )
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
        for line in startup_lines(sandbox):
            print(line, file=out)
        out.flush()
        while not stop.wait(0.2):
            if not server.running:
                break
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        sandbox.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _shown(key: str, config: Any) -> str:
    """A key as the start-up lines print it: the sandbox's own test keys whole (a first-time user needs them), a
    key chosen with ``--api-key`` masked (it may be a real one: the terminal and CI logs keep what is printed)."""
    from talon_dyn.sandbox import SandboxConfig

    if key in SandboxConfig().api_keys:
        return key
    return f"{key[:2]}{'*' * 6}{key[-2:]}" if len(key) >= 8 else "*" * 8


def startup_lines(sandbox: Sandbox) -> list[str]:
    """What a first-time user needs after the URL: the keys accepted, the Content-Signature values, the
    campaigns file and its coupon codes, the faults file. These are the sandbox's own test values."""
    config = sandbox.config
    codes = [coupon.code for campaign in sandbox.campaigns.campaigns for coupon in campaign.coupons]
    lines = [
        "api keys:        "
        + ", ".join(_shown(key, config) for key in config.api_keys)
        + "   (Authorization: ApiKey-v1 <key>)",
        f"content-signature: application_id={config.application_id} application_key={config.application_key}",
        f"campaigns:       {sandbox.campaigns.source}",
        "coupon codes:    " + (", ".join(codes) or "none"),
    ]
    if sandbox.app.faults:
        lines.append(f"faults:          {sandbox.app.faults.source} (seed {config.seed})")
    lines.append(
        f"database:        {config.db}   journal: GET /__sandbox/journal, reset: POST /__sandbox/reset, "
        "clock: POST /__sandbox/clock"
    )
    return lines


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``python -m talon_dyn.cli.sandbox [options]``: the ``sandbox`` sub-command on its own."""
    parser = argparse.ArgumentParser(prog="talon-dyn")
    register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["sandbox", *(sys.argv[1:] if argv is None else argv)])
    except SystemExit as exc:
        return int(exc.code or 0)
    return run(args, out or sys.stdout, err or sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
