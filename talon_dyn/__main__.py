"""``python -m talon_dyn ...``: the same as ``talon-dyn ...``."""

from .cli import run

run()
