"""Options every command that reads a spec takes, declared once."""

from __future__ import annotations

from typing import Any

__all__ = ["spec_options"]

DEFAULT_HELP = "an OpenAPI file (default: the bundled Integration API spec)"


def spec_options(parser: Any, spec_help: str = DEFAULT_HELP) -> None:
    """``--spec PATH`` and ``--overlay FILE`` (repeatable) on ``parser`` (or an argument group)."""
    parser.add_argument("--spec", metavar="PATH", help=spec_help)
    parser.add_argument(
        "--overlay",
        action="append",
        default=[],
        metavar="FILE",
        help="an OpenAPI Overlay 1.0 document applied to the spec first (repeatable, in order)",
    )
