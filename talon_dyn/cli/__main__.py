"""``python -m talon_dyn.cli ...``: the same as ``talon-dyn ...``."""

from . import run

run()
