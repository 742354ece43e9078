"""Every Python example of the README and of docs/ (the hand-written pages and the rendered references) type-checks
under ``mypy --strict`` as a user's code would: the typed client of its spec, the TypedDicts of its bodies. A
signature shown on a reference page (``def name(...) -> T: ...``) is not an example and is left out."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "docs" / "reference").glob("*.md")),
    *sorted((ROOT / "docs" / "reference-current").glob("*.md")),
]


def examples() -> list[tuple[str, str]]:
    """``(where, code)`` of every Python example: the page and line it starts on, and its code, dedented."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"(?m)^( *)```python\n(.*?)^\1```", text, re.S):
            indent = len(match.group(1))
            code = "\n".join(line[indent:] for line in match.group(2).splitlines())
            lines = [line for line in code.strip().splitlines() if line.strip()]
            if all(line.startswith("def ") and line.rstrip().endswith(": ...") for line in lines):
                continue
            where = f"{page.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
            found.append((where, code + "\n"))
    return found


def test_every_python_example_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    blocks = examples()
    assert len(blocks) >= 50  # the README's, the pages', and one per operation of both references
    names = {}
    for number, (where, code) in enumerate(blocks):
        path = tmp_path / f"example_{number:03d}.py"
        path.write_text(code, encoding="utf-8")
        names[path.name] = where
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), "."],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = done.stdout
    for name, where in names.items():
        report = report.replace(name, f"{name} ({where})")
    assert done.returncode == 0, report[-4000:]
