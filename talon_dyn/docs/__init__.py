"""Markdown docs and typing stubs rendered from the spec with Jinja2 templates shipped in the package.

``render(spec, "python" | "js-sdk" | folder)`` returns ``{relative path: text}``;
``write`` puts it on disk and ``check`` says how a folder differs from it.
``render_stubs(spec)`` returns the text of the typing stub for ``Client`` and
``AsyncClient`` (shipped as ``talon_dyn/_typed.pyi``). The CLI is ``talon-dyn docs``
and ``talon-dyn stubs`` (see ``cli``).
"""

from ._render import TEMPLATE_SETS, Difference, TemplateError, check, render, write
from ._stubs import render_stubs, stub_path

__all__ = ["TEMPLATE_SETS", "Difference", "TemplateError", "check", "render", "render_stubs", "stub_path", "write"]
