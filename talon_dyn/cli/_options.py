"""Options every command that reads a spec (or reaches a deployment) takes, declared once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["NetworkUsage", "count", "network_options", "network_settings", "port", "seconds", "spec_options"]

DEFAULT_HELP = (
    "an OpenAPI file, or a bundled spec by name: 2020 (the default, the original 11 operations) or current "
    "(Talon's current Integration API, 36 operations)"
)


def seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above zero (``nan``, ``inf``, ``0`` and ``-1`` are refused,
    with the reason, as argparse's exit 2)."""
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds above 0, not {text}")
    return value


def count(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``low``."""
    import argparse

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more, not {value}")
        return value

    parse.__name__ = f"count (at least {low})"
    return parse


def port(text: str) -> int:
    """An argparse type: a TCP port, 0 (pick a free one) to 65535."""
    import argparse

    value = count(0)(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"must be a port from 0 to 65535, not {value}")
    return value


def spec_options(parser: Any, spec_help: str = DEFAULT_HELP) -> None:
    """``--spec PATH`` and ``--overlay FILE`` (repeatable) on ``parser`` (or an argument group)."""
    parser.add_argument("--spec", metavar="PATH|NAME", help=spec_help)
    parser.add_argument(
        "--overlay",
        action="append",
        default=[],
        metavar="FILE",
        help="an OpenAPI Overlay 1.0 document applied to the spec first (repeatable, in order)",
    )


def network_options(parser: Any) -> None:
    """``--proxy``, ``--no-proxy-env``, ``--ca-bundle``, ``--insecure``, ``--cert`` and ``--key``: the client's
    network options (README, "Use it in your project")."""
    group = parser.add_argument_group("network")
    group.add_argument(
        "--proxy",
        metavar="URL",
        help="an http:// or https:// forward proxy, credentials allowed (default: HTTPS_PROXY / HTTP_PROXY / "
        "ALL_PROXY, with NO_PROXY honoured)",
    )
    group.add_argument(
        "--no-proxy-env", action="store_true", help="ignore the *_PROXY environment variables (trust_env=False)"
    )
    group.add_argument(
        "--ca-bundle",
        metavar="PATH",
        help="trust this CA bundle file or folder instead of the system store (SSL_CERT_FILE / SSL_CERT_DIR work too)",
    )
    group.add_argument("--insecure", action="store_true", help="do not verify the server's certificate")
    group.add_argument("--cert", metavar="PATH", help="a client certificate (PEM; its key in it, or --key) for mTLS")
    group.add_argument("--key", metavar="PATH", help="the client certificate's private key (PEM)")


class NetworkUsage(ValueError):
    """Network options that contradict each other."""


def network_settings(args: Any) -> dict[str, Any]:
    """The client keyword arguments the network options give (only those given)."""
    if args.insecure and args.ca_bundle:
        raise NetworkUsage("--insecure and --ca-bundle contradict each other: give one")
    if args.key and not args.cert:
        raise NetworkUsage("--key goes with --cert (the certificate it is the key of)")
    settings: dict[str, Any] = {}
    if args.proxy:
        settings["proxy"] = args.proxy
    if args.no_proxy_env:
        settings["trust_env"] = False
    if args.insecure:
        settings["verify"] = False
    elif args.ca_bundle:
        settings["verify"] = args.ca_bundle
    if args.cert:
        settings["cert"] = (args.cert, args.key) if args.key else args.cert
    return settings
