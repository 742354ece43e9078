"""Markdown docs and typing stubs rendered from the spec with Jinja2 templates shipped in the package.

``render(spec, "python" | "js-sdk" | folder)`` returns ``{relative path: text}``;
``write`` puts it on disk and ``check`` says how a folder differs from it.
``render_stubs(spec)`` returns the text of the typing stub for ``Client`` and
``AsyncClient`` (shipped as ``talon_dyn/_typed.pyi``). The CLI is ``talon-dyn docs``
and ``talon-dyn stubs`` (see ``cli``).
"""

from typing import Any

__all__ = ["TEMPLATE_SETS", "Difference", "TemplateError", "check", "render", "render_stubs", "stub_path", "write"]


def __getattr__(name: str) -> Any:
    """The exports load on first use: they need Jinja2 (the ``docs`` extra), and ``talon-dyn`` lists the
    ``docs`` command (``cli/docs.py``) in every install, saying what to install when it is missing."""
    if name not in __all__:
        raise AttributeError(f"module 'talon_dyn.docs' has no attribute {name!r}")
    from .._extras import require

    require("docs", f"talon_dyn.docs.{name}")
    from . import _render, _stubs

    return getattr(_stubs if name in ("render_stubs", "stub_path") else _render, name)
