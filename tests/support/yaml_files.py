"""YAML read and written through libyaml (PyYAML's C loader and dumper): the tests that copy a spec, change it and
write it back spent seconds of worker time in PyYAML's pure-Python ``safe_load``/``safe_dump`` on the same files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def read_yaml(path: Path) -> Any:
    """The document in the YAML (or JSON) file ``path``."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def write_yaml(path: Path, document: Any) -> Path:
    """Write ``document`` to ``path`` as YAML, keys in their order; returns ``path``."""
    path.write_text(yaml.dump(document, Dumper=_DUMPER, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
