"""QA smoke checks: does a deployment (or the sandbox) still keep the contract in the spec?

Three kinds of checks, all derived from the spec and run with the real request builder:
declarative scenarios (YAML), requests generated from the request schemas (hypothesis),
and negative probes a correct service must refuse. Each check is a small named function
(``_checks``) returning failure records; ``run`` collects them into a ``Report``, and the
``talon-dyn smoke`` command (``cli``) prints a table, JUnit XML and JSON with every secret
masked::

    from . import Options, Target, run
    report = run(Target(spec, "https://mycompany.talon.one", credentials), Options(max_examples=5))
"""

from .._redact import Redactor
from ._records import Case, Exchange, Failure, Report
from ._runner import Options, run, run_async
from ._scenarios import ScenarioError
from ._target import Target

__all__ = [
    "Case",
    "Exchange",
    "Failure",
    "Options",
    "Redactor",
    "Report",
    "ScenarioError",
    "Target",
    "run",
    "run_async",
]
