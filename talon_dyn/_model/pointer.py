"""JSON pointers (RFC 6901), in one place: escape a token, unescape one, build a pointer from parts."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["escape", "pointer", "tokens", "unescape"]


def escape(token: object) -> str:
    """``a/b~c`` -> ``a~1b~0c``."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """``a~1b~0c`` -> ``a/b~c``."""
    return token.replace("~1", "/").replace("~0", "~")


def pointer(parts: Iterable[object]) -> str:
    """``["paths", "/v1/x", 0]`` -> ``/paths/~1v1~1x/0``."""
    return "".join("/" + escape(part) for part in parts)


def tokens(text: str) -> list[str]:
    """``/paths/~1v1~1x/0`` -> ``["paths", "/v1/x", "0"]`` (the empty pointer has none)."""
    return [unescape(part) for part in text.split("/")[1:]] if text else []
