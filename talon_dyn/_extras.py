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

__all__ = ["EXTRAS", "MissingExtra", "require"]

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
        self.install = f"pip install 'talon_dyn[{extra}]'"
        super().__init__(f"{feature} needs the {extra!r} extra ({module} is not installed): {self.install}")
        self.name = module


def require(extra: str, feature: str) -> None:
    """Raise ``MissingExtra`` unless every module of ``extra`` can be imported."""
    for module in EXTRAS[extra]:
        if find_spec(module) is None:
            raise MissingExtra(extra, feature, module)
