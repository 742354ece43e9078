"""What a fresh interpreter has imported after a few lines: for the tests that a part stays light."""

from __future__ import annotations

import ast
import subprocess
import sys


def modules_after(snippet: str, *prefixes: str) -> list[str]:
    """The modules whose names start with one of ``prefixes`` that a fresh interpreter has imported once it has
    run ``snippet`` (sorted)."""
    code = f"{snippet}\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return loaded
