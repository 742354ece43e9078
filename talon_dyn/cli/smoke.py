"""``talon-dyn smoke``: check that a deployment (or the embedded sandbox) keeps the contract in the spec."""

from __future__ import annotations

import argparse
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TextIO

from .._client.auth import Credentials
from .._client.options import from_environment
from .._exceptions import ConfigurationError, ConnectionFailed
from .._extras import require
from .._model.spec import Spec, load
from .._redact import Redactor
from ..smoke._drift import drift_of
from ..smoke._export import to_json, to_junit
from ..smoke._markdown import to_markdown
from ..smoke._records import KINDS, Kind, Report
from ..smoke._report import format_report
from ..smoke._runner import DEFAULT_MAX_RESPONSE_TIME, Options, plan
from ..smoke._runner import run as run_checks
from ..smoke._scenarios import ScenarioError, load_profile
from ..smoke._target import SANDBOX_URL, Target
from ._options import NetworkUsage, count, network_options, network_settings, seconds, spec_options

__all__ = ["INCOMPLETE", "register", "run"]

INCOMPLETE = 3
"""The exit code of a run the time budget ended before every check ran, with no failure."""
MIN_SECRET_LENGTH = 8
"""A key shorter than this is refused: too short to be real, and too short to mask without rewriting other text."""

_CHECK_NAMES: dict[str, Kind] = {
    "scenarios": "scenario",
    "scenario": "scenario",
    "generated": "generated",
    "boundary": "boundary",
    "negative": "negative",
    "auth": "auth",
    "invariants": "invariant",
    "invariant": "invariant",
}
_EPILOG = """\
kinds of checks (--checks):
  scenarios  realistic flows from YAML (the packaged default covers every operation;
             --scenarios PATH adds a team's own); each step's status, JSON values and
             effects are checked, and every response is validated against the spec
  generated  per operation, --max-examples requests generated from its request schemas:
             each answer must be a documented status, never 5xx, with a valid body
  boundary   per operation with a body, its valid body at the schema's edges: arrays at
             maxItems or --boundary-size items (default 10), strings at min/maxLength,
             numbers at their bounds and 0, every enum value, optional properties
             absent and present, nullable values null (at most 40 per operation)
  negative   per operation, bodies that break the schema (required field missing, wrong
             type) must get a 4xx with an ErrorResponse body
  auth       per operation that requires credentials: no Authorization, a malformed one
             and a wrong API key must each get a 401 (sent by --read-only runs too: a
             refused request changes nothing)
  invariants what a stateful API promises, derived from the spec, after the others:
             state_machine, idempotency, paging, isolation, documented_not_found,
             read_your_writes (--explain CODE says what each checks)

against a deployment, these create data: every scenario with a PUT/POST/DELETE step
(profiles, sessions, events, referrals and reservations named smoke-<run>-...), the
generated checks of PUT/POST/DELETE operations (random IDs), and the negative checks of
those operations if the deployment wrongly accepts them. --read-only runs only the
checks of GET operations, and the auth checks of every operation.

the default scenarios check what any Talon application guarantees; what depends on its
campaigns (a coupon code, a referral campaign, the effects and points its rules give) is
checked on the embedded sandbox, and against a deployment with --var coupon=MYCODE
--var referral_campaign=12 (values read as JSON when they can be) for the codes, and
--campaigns-profile FILE for what the campaigns promise; without them it is skipped with
a note.

environment: TALON_BASE_URL, TALON_API_KEY, TALON_APPLICATION_ID, TALON_APPLICATION_KEY
(preferred to the options, which other users of the machine may see).
exit codes: 0 every check passed, 1 a check failed or the credentials were refused,
2 usage, spec or connection error, 3 incomplete: nothing failed but the time budget
ended the run before every check ran. Report files are written whatever the verdict.
"""


def _number(group: Any, flag: str, kind: Callable[[str], Any], default: float, text: str, metavar: str = "N") -> None:
    """A numeric option whose help ends with its real default, so the two cannot disagree."""
    group.add_argument(flag, metavar=metavar, type=kind, default=default, help=f"{text} (default {default:g})")


def register(subparsers: Any) -> None:
    """Add the ``smoke`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "smoke",
        help="check a deployment (or the embedded sandbox) against the spec",
        description="Run schema-validated smoke checks: scenarios, generated requests and negative probes. "
        "With no target, runs against the embedded sandbox.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    target = parser.add_argument_group("target")
    target.add_argument("--base-url", metavar="URL", help="the deployment to check (env TALON_BASE_URL)")
    target.add_argument("--api-key", metavar="KEY", help="API key for Authorization: ApiKey-v1 (env TALON_API_KEY)")
    target.add_argument(
        "--application-id", metavar="ID", help="application ID for HMAC signing (env TALON_APPLICATION_ID)"
    )
    target.add_argument("--application-key", metavar="HEX", help="application key, hex (env TALON_APPLICATION_KEY)")
    target.add_argument("--sandbox", action="store_true", help="use the embedded sandbox even if TALON_BASE_URL is set")
    spec_options(
        target, "the OpenAPI document to check against: a file, or a bundled spec by name (2020, the default; current)"
    )
    what = parser.add_argument_group("what to run")
    what.add_argument(
        "--checks",
        "--phases",
        metavar="LIST",
        default="scenarios,generated,boundary,negative,auth,invariants",
        type=_checks,
        help="comma-separated phases: scenarios, generated, boundary, negative, auth, invariants (default: all "
        "six); --phases is the same option",
    )
    what.add_argument(
        "--scenarios",
        metavar="PATH",
        action="append",
        default=[],
        help="a scenarios YAML file to run besides the default one (repeatable)",
    )
    what.add_argument("--no-default-scenarios", action="store_true", help="run only the --scenarios files")
    what.add_argument(
        "--campaigns-profile",
        metavar="FILE",
        help="what this application's campaigns give and promise (YAML: vars: {coupon: ..., referral_campaign: "
        "...}): the scenarios' campaign variables, and their campaign expectations checked against a deployment; "
        "'sandbox' for a talon-dyn sandbox with its default campaigns",
    )
    what.add_argument(
        "--var",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        type=_variable,
        help="set a scenario variable (repeatable), e.g. --var coupon=MYCODE",
    )
    what.add_argument("--read-only", action="store_true", help="run only checks that create no data (GET operations)")
    what.add_argument(
        "--operations",
        metavar="LIST",
        help="comma-separated operationIds or snake_case names to check (scenarios that call one of them run too)",
    )
    what.add_argument("--fail-fast", action="store_true", help="start no further check once one has failed")
    what.add_argument("--list", action="store_true", help="print what would run and exit; nothing is sent")
    what.add_argument(
        "--explain",
        metavar="CODE",
        help="say what the check with this code (as a failure names it, e.g. paging) checks, and exit; 'all' lists "
        "every code",
    )
    _number(what, "--max-examples", count(0), 10, "generated requests per operation")
    budget = "the whole run ends by then: requests are cut short and checks not run are reported"
    _number(what, "--time-budget", seconds, 60.0, budget, "SECONDS")
    what.add_argument("--seed", type=int, help="seed for generated requests (printed at the end of every run)")
    network_options(parser)
    how = parser.add_argument_group("how")
    _number(how, "--workers", count(1), 4, "independent checks run at once")
    phase = "each request's total limit: connecting, sending and the whole answer"
    _number(how, "--timeout", seconds, 10.0, phase, "SECONDS")
    _number(what, "--boundary-size", count(1), 10, "items of an array without maxItems in the boundary cases")
    how.add_argument(
        "--max-response-time",
        metavar="SECONDS",
        type=_limit,
        default=DEFAULT_MAX_RESPONSE_TIME,
        help=f"fail any answer slower than this (the response_time check; default {DEFAULT_MAX_RESPONSE_TIME:g}; "
        "'off' for no limit)",
    )
    how.add_argument("--markdown", metavar="FILE", help="also write a Markdown report (for a PR comment or an issue)")
    how.add_argument(
        "--drift",
        metavar="FILE",
        help="write where answers differed from the spec as an OpenAPI Overlay draft (YAML; .json for JSON)",
    )
    how.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report")
    how.add_argument("--json", metavar="FILE", help="also write a JSON report")
    how.add_argument(
        "--report",
        nargs=2,
        metavar=("FORMAT", "DIR"),
        help="also write the failures in FORMAT into DIR: 'pytest' writes a test per failure that sends the same "
        "requests again and asserts what should hold (DIR/test_smoke_reproducers.py; run it with pytest DIR)",
    )
    how.add_argument("--no-progress", action="store_true", help="no live progress line on stderr")
    parser.set_defaults(func=run)


def _checks(text: str) -> tuple[Kind, ...]:
    chosen: list[Kind] = []
    for name in (part.strip() for part in text.split(",") if part.strip()):
        if name not in _CHECK_NAMES:
            raise argparse.ArgumentTypeError(
                f"unknown check {name!r} (choose from scenarios, generated, boundary, negative, auth, invariants)"
            )
        chosen.append(_CHECK_NAMES[name])
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one check")
    return tuple(kind for kind in KINDS if kind in chosen)


def _limit(text: str) -> float | None:
    """``--max-response-time``: seconds, or ``off``."""
    return None if text.strip().lower() in ("off", "none") else seconds(text)


def _variable(text: str) -> tuple[str, Any]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        parsed: Any = json.loads(value)
    except ValueError:
        parsed = value
    return name.strip(), parsed


class _Progress:
    """A live ``\\r`` line on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and _isatty(stream)
        self.failed = 0

    def __call__(self, done: int, total: int, label: str, failed: bool) -> None:
        self.failed += failed
        if self.enabled:
            state = f", {self.failed} failing" if self.failed else ""
            self.stream.write(f"\r\x1b[K[{done}/{total}{state}] {label}"[:200])
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _usage(err: TextIO, redactor: Redactor, message: str) -> int:
    print(redactor.text(f"talon-dyn smoke: {message}"), file=err)
    return 2


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the smoke checks; 0 all passed, 1 a check failed, 2 usage, spec or connection error, 3 incomplete."""
    if args.explain is not None:
        return _explain(args.explain, out, err)
    if args.report and args.report[0] != "pytest":
        return _usage(err, Redactor([]), f"--report {args.report[0]}: the one format is pytest")
    require("smoke", "talon-dyn smoke")
    base_url, api_key, application_id, application_key = from_environment(
        args.base_url or None, args.api_key or None, args.application_id or None, args.application_key or None
    )
    if args.sandbox:
        base_url = None
    redactor = Redactor([value for value in (api_key, application_key) if value])
    for name, value in (("--api-key", api_key), ("--application-key", application_key)):
        if value is not None and len(value) < MIN_SECRET_LENGTH:
            return _usage(
                err,
                Redactor([]),
                f"{name} (or its environment variable) is shorter than {MIN_SECRET_LENGTH} characters: too short to "
                "be a real key, and too short to mask in the reports without rewriting other text",
            )
    spec = load(args.spec, overlays=args.overlay)
    try:
        operations = _operations(spec, args.operations)
    except ConfigurationError as exc:
        return _usage(err, redactor, str(exc))
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    sandbox_campaigns = args.campaigns_profile == "sandbox"  # the sandbox's default campaigns, over TCP too
    try:
        profile = None if args.campaigns_profile in (None, "sandbox") else load_profile(args.campaigns_profile)
    except ScenarioError as exc:
        return _usage(err, redactor, str(exc))
    options = Options(
        checks=args.checks,
        max_response_time=args.max_response_time,
        boundary_size=args.boundary_size,
        read_only=args.read_only,
        max_examples=args.max_examples,
        time_budget=args.time_budget,
        workers=args.workers,
        seed=seed,
        scenario_files=args.scenarios,
        default_scenarios=not args.no_default_scenarios,
        variables=dict(args.var),
        campaign_profile=profile,
        operations=operations,
        fail_fast=args.fail_fast,
    )
    sandbox: Any = None
    try:
        network = network_settings(args)
        if base_url is None:
            if network:
                raise NetworkUsage(
                    f"{', '.join('--' + name.replace('_', '-') for name in network)}: the embedded sandbox runs in "
                    "this process, with no network; give --base-url to check a deployment"
                )
            target, sandbox = _sandbox_target(spec, seed, args.timeout)
        else:
            target = _deployment_target(spec, base_url, api_key, application_id, application_key, args.timeout)
            target = replace(target, network=network, campaigns_known=sandbox_campaigns)
    except (ConfigurationError, NetworkUsage) as exc:
        return _usage(err, redactor, str(exc))
    redactor = target.redactor()
    if args.list:
        try:
            planned = plan(target, options)
        except ScenarioError as exc:
            return _usage(err, redactor, str(exc))
        finally:
            if sandbox is not None:
                sandbox.close()
        for kind, label, writes in planned:
            print(f"{kind:<10} {label}{'  (creates data)' if writes else ''}", file=out)
        print(f"{len(planned)} check group(s) against {target.description}; nothing was sent", file=out)
        return 0
    progress = _Progress(err, not args.no_progress)
    try:
        report = run_checks(target, options, progress)
    except ScenarioError as exc:
        return _usage(err, redactor, str(exc))
    except ConnectionFailed as exc:
        progress.finish()
        return _usage(err, redactor, f"connection error: {exc}")
    finally:
        if sandbox is not None:
            sandbox.close()
    progress.finish()
    report.drift = list(drift_of(spec, report))
    written = _write_pytest(args.report, report, redactor, err) and all(
        _write(path, render, report, redactor, err)
        for path, render in (
            (args.junit, to_junit),
            (args.json, to_json),
            (args.markdown, lambda report, redactor: to_markdown(report, redactor, spec)),
            (args.drift, lambda report, redactor: _overlay_draft(report, redactor, args.drift)),
        )
    )
    if report.refused is not None:
        print(redactor.text(f"talon-dyn smoke: {report.refused}"), file=err)
        return 1 if written else 2
    color = _isatty(out) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    format_report(report, redactor, out, spec=spec, color=color)
    if not written:
        return 2
    if all(case.outcome == "skipped" and not case.not_run for case in report.cases if case.kind != "credentials"):
        return _usage(err, redactor, "nothing to run with these options")
    if not report.passed:
        return 1
    if report.not_run:
        print(
            f"talon-dyn smoke: incomplete: {report.not_run} check(s) not run, the time budget ended the run "
            "(nothing failed; exit 3)",
            file=err,
        )
        return INCOMPLETE
    return 0


def _explain(code: str, out: TextIO, err: TextIO) -> int:
    """``--explain CODE``: the check's one line (``all``: every code); an unknown code is exit 2 naming the closest."""
    from ..smoke._codes import CODES, explain

    if code.strip() == "all":
        width = max(map(len, CODES))
        for name, line in CODES.items():
            print(f"{name:<{width}}  {line}", file=out)
        return 0
    text = explain(code)
    if text is None:
        from .._model.naming import closest

        suggestion = closest(code, list(CODES))
        hint = f" (did you mean {suggestion}?)" if suggestion else ""
        return _usage(err, Redactor([]), f"--explain: no check has the code {code!r}{hint}; 'all' lists them")
    print(f"{code.strip()}: {text}", file=out)
    return 0


def _overlay_draft(report: Report, redactor: Redactor, path: str) -> str:
    """The run's drift as an overlay draft to review (redacted like every report)."""
    from .._client.drift import Drift

    drift = Drift()
    for record in report.drift:
        drift.add(record)
    document = redactor.data(drift.overlay())
    if path.endswith(".json"):
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    import yaml

    header = f"# talon-dyn smoke: {len(report.drift)} drift record(s) against {report.target}; review before applying\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def _operations(spec: Spec, text: str | None) -> tuple[str, ...]:
    """``--operations A,b_c`` as operationIds; an unknown name is a usage error naming the closest."""
    if not text:
        return ()
    from .._model.naming import closest

    chosen = []
    for name in (part.strip() for part in text.split(",") if part.strip()):
        try:
            chosen.append(spec.operation(name).operation_id)
        except KeyError:
            suggestion = closest(name, [op.python_name for op in spec.operations.values()])
            hint = f" (did you mean {suggestion}?)" if suggestion else ""
            raise ConfigurationError(f"--operations: no operation named {name!r}{hint}") from None
    if not chosen:
        raise ConfigurationError("--operations: name at least one operation")
    return tuple(chosen)


def _write_pytest(option: list[str] | None, report: Report, redactor: Redactor, err: TextIO) -> bool:
    """``--report pytest DIR``: the reproducers module in DIR (made if need be)."""
    if not option:
        return True
    from pathlib import Path

    from ..smoke._pytest_report import FILE_NAME, to_pytest

    folder = option[1]
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(redactor.text(f"talon-dyn smoke: cannot make {folder}: {exc.strerror or exc}"), file=err)
        return False
    path = str(Path(folder) / FILE_NAME)
    return _write(path, lambda report, redactor: to_pytest(report, redactor, folder=folder), report, redactor, err)


def _write(path: str | None, render: Any, report: Report, redactor: Redactor, err: TextIO) -> bool:
    if not path:
        return True
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(render(report, redactor))
    except OSError as exc:
        print(redactor.text(f"talon-dyn smoke: cannot write {path}: {exc.strerror or exc}"), file=err)
        return False
    return True


def _sandbox_target(spec: Spec, seed: int, timeout: float) -> tuple[Target, Any]:
    from ..sandbox import Sandbox

    sandbox = Sandbox(spec=spec, seed=seed)
    keys = sandbox.config.api_keys
    credentials = Credentials(
        api_key=keys[0] if keys else None,
        application_id=sandbox.config.application_id,
        application_key=sandbox.config.application_key,
    )
    target = Target(
        spec,
        SANDBOX_URL,
        credentials,
        None,
        timeout,
        "the embedded sandbox",
        engine=sandbox.async_engine(),
        campaigns_known=True,  # its default campaigns, which the scenarios' campaign values are written for
    )
    return target, sandbox


def _deployment_target(
    spec: Spec,
    base_url: str,
    api_key: str | None,
    application_id: int | str | None,
    application_key: str | None,
    timeout: float,
) -> Target:
    if not base_url.startswith(("http://", "https://")):
        raise ConfigurationError(f"--base-url must start with http:// or https://, not {base_url!r}")
    if api_key is None and (application_id is None or application_key is None):
        raise ConfigurationError(
            "a deployment needs credentials: --api-key (or TALON_API_KEY), or --application-id and "
            "--application-key (or TALON_APPLICATION_ID and TALON_APPLICATION_KEY)"
        )
    credentials = Credentials(api_key=api_key, application_id=application_id, application_key=application_key)
    return Target(spec, base_url.rstrip("/"), credentials, None, timeout, base_url.rstrip("/"))
