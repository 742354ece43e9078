"""Optional parts of talon_dyn and the extra that installs each: a missing one is named with its pip line.

The client needs only the base install. The tools' dependencies come as extras named for what
they do, so ``pip install talon_dyn`` stays slim:

=========  ==================  ===========================================
extra      installs            for
=========  ==================  ===========================================
sandbox    uvicorn             ``talon-dyn sandbox`` (TCP); in-process needs nothing
smoke      hypothesis          ``talon-dyn smoke``
docs       Jinja2              ``talon-dyn docs``, ``talon-dyn stubs``, ``talon_dyn.docs``
otel       opentelemetry-api   one span per call
all        all of the above
=========  ==================  ===========================================
"""

from __future__ import annotations

from importlib.util import find_spec

from ._exceptions import TalonDynError

__all__ = ["EXTRAS", "MissingExtra", "install_line", "require"]

EXTRAS: dict[str, tuple[str, ...]] = {
    "sandbox": ("uvicorn",),
    "smoke": ("hypothesis",),
    "docs": ("jinja2",),
    "otel": ("opentelemetry",),
}


class MissingExtra(TalonDynError, ModuleNotFoundError):
    """A part of talon_dyn whose optional dependency is not installed; the message says how to install it."""

    def __init__(self, extra: str, feature: str, module: str) -> None:
        self.extra = extra
        self.install = install_line(extra)
        super().__init__(f"{feature} needs the {extra!r} extra ({module} is not installed): {self.install}")
        self.name = module


def install_line(extra: str) -> str:
    """The pip line that adds ``extra`` to the installation this process runs: from PyPI by name; from a
    clone (editable or not) or a wheel file by where it came from (PEP 610 ``direct_url.json``), since
    ``talon_dyn[extra]`` by name would look for a release on PyPI instead."""
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    by_name = f"pip install 'talon_dyn[{extra}]'"
    try:  # every copy of the metadata on the path (a clone's own egg-info may come first): the installed one
        texts = [found.read_text("direct_url.json") for found in metadata.distributions(name="talon_dyn")]
        text = next((found for found in texts if found), None)
        origin = json.loads(text) if text else None
    except (ValueError, OSError):
        return by_name
    if not isinstance(origin, dict) or not isinstance(origin.get("url"), str):
        return by_name
    url = origin["url"]
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return f"pip install 'talon_dyn[{extra}] @ {url}'"
    path = unquote(parsed.path)
    if (origin.get("dir_info") or {}).get("editable"):
        return f"pip install -e '{path}[{extra}]'"
    return f"pip install '{path}[{extra}]'"  # a wheel file or a folder, with the extra


def require(extra: str, feature: str) -> None:
    """Raise ``MissingExtra`` unless every module of ``extra`` can be imported."""
    for module in EXTRAS[extra]:
        if find_spec(module) is None:
            raise MissingExtra(extra, feature, module)
