"""Run the smoke checks against a target: jobs for scenarios, generated and negative checks, run concurrently.

A *job* is independent of every other job (its own IDs, its own data), so ``workers``
jobs run at once on one async client. Cases come back in a stable order - scenarios,
then generated, then negative, each in spec order - whatever order they finished in.
"""

from __future__ import annotations

import asyncio
import copy
import secrets
import time
import zlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .._client.auth import Credentials
from .._exceptions import RequestValidationError, TalonDynError
from .._model.spec import Operation
from . import _checks
from ._boundary import DEFAULT_LARGE, boundary_bodies
from ._generate import GenerationError, arguments, draw
from ._invariants import Harvest, invariant_jobs
from ._negative import auth_probes, probes
from ._records import KINDS, NOT_RUN, Case, Exchange, Failure, Kind, Report
from ._scenarios import (
    Scenario,
    ScenarioError,
    UnresolvedReference,
    load_scenarios,
    missing_variables,
    substitute,
    used_variables,
)
from ._target import Sender, Target

__all__ = ["DEFAULT_MAX_RESPONSE_TIME", "SAFE_METHODS", "Options", "Progress", "plan", "run", "run_async"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_MAX_RESPONSE_TIME = 2.5
"""Seconds an answer may take before ``response_time`` fails it, by default: generous for an API whose answers
take tens to hundreds of milliseconds, tight enough to catch one that turns slow (3 s)."""
Progress = Callable[[int, int, str, bool], None]
"""``progress(done, total, label, failed)``: called as each job finishes."""


@dataclass
class Options:
    """How to run: which checks, how many examples, how fast, with which data."""

    checks: Sequence[Kind] = KINDS
    read_only: bool = False
    max_examples: int = 10
    time_budget: float = 60.0
    workers: int = 4
    seed: int | None = None
    scenario_files: Sequence[str] = ()
    default_scenarios: bool = True
    variables: Mapping[str, Any] = field(default_factory=dict)
    run_token: str | None = None
    operations: Sequence[str] = ()
    """operationIds to check (empty: all); a scenario runs when one of its steps calls one of them."""
    fail_fast: bool = False
    """Start no further check once one has failed (the rest are reported as not run)."""
    max_response_time: float | None = DEFAULT_MAX_RESPONSE_TIME
    """Seconds any answer may take; a slower one fails the ``response_time`` check (None: no limit)."""
    boundary_size: int = DEFAULT_LARGE
    """Items of an array without ``maxItems`` in the boundary phase."""
    campaign_profile: Mapping[str, Any] | None = None
    """The campaign variables a team's campaigns profile gives (``--campaigns-profile``): with one, the scenarios'
    campaign expectations are checked against a deployment too."""


@dataclass
class _Job:
    kind: Kind
    label: str
    writes: bool
    work: Callable[[], Awaitable[list[Case]]]
    placeholder: Case

    def not_run(self, why: str) -> Case:
        placeholder = self.placeholder
        return Case(placeholder.kind, placeholder.operation, placeholder.name, self.writes, skipped=NOT_RUN + why)


def plan(target: Target, options: Options) -> list[tuple[Kind, str, bool]]:
    """What a run with ``options`` would do, nothing sent: ``(kind, label, creates data)`` per check group."""
    scenarios, variables = _scenarios(target, options, [])
    context = _RunState(target, None, options, 0, "plan", variables, 0.0)  # type: ignore[arg-type]
    jobs = _jobs(context, scenarios)
    return [(job.kind, job.label, job.writes) for job in jobs if not (options.read_only and job.writes)]


def run(target: Target, options: Options | None = None, progress: Progress | None = None) -> Report:
    """Run the checks and return the report (a blocking wrapper of ``run_async``)."""
    return asyncio.run(run_async(target, options or Options(), progress))


async def run_async(target: Target, options: Options, progress: Progress | None = None) -> Report:
    """Run the checks of ``options`` against ``target``; raises ``ConnectionFailed`` if it cannot be reached.

    First one read-only call proves the credentials: a 401 or 403 there (or no answer at all) ends the run
    with ``Report.refused`` set and every check reported as not run. ``time_budget`` bounds the whole run:
    each request's own limit is cut to what is left of it, and what has not run when it ends is reported
    as not run."""
    started = time.monotonic()
    deadline = started + options.time_budget
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    token = options.run_token or f"{int(time.time()) % 10**8:x}{secrets.token_hex(2)}"
    notes: list[str] = []
    scenarios, variables = _scenarios(target, options, notes)
    sender = Sender(target, deadline)
    context = _RunState(target, sender, options, seed, token, variables, deadline)
    context.campaigns_known = campaigns_known(target, options)
    jobs = _jobs(context, scenarios)
    if options.read_only:
        skipped = sum(1 for job in jobs if job.writes)
        if skipped:
            notes.append(f"--read-only: {skipped} check group(s) that create data were skipped")
    results: list[list[Case]] = [[] for _ in jobs]
    gate = asyncio.Semaphore(max(1, options.workers))
    stop = asyncio.Event()
    done = 0

    async def execute(index: int, job: _Job) -> None:
        nonlocal done
        if options.read_only and job.writes:
            results[index] = [job.placeholder]
        else:
            async with gate:
                if stop.is_set():
                    results[index] = [job.not_run("--fail-fast stopped the run after a failure")]
                elif time.monotonic() >= deadline:
                    context.budget_hit = True
                    results[index] = [job.not_run(f"the time budget of {options.time_budget:g} s ran out")]
                else:
                    results[index] = await job.work()
        failed = any(case.failures for case in results[index])
        if failed and options.fail_fast:
            stop.set()
        done += 1
        if progress is not None:
            progress(done, len(jobs), job.label, failed)

    try:
        credentials = await _credentials(context)
        if credentials.failures:
            reason = "the credentials were not accepted"
            cases = [credentials, *(job.not_run(reason) for job in jobs)]
            refused = credentials.failures[0].message
            return Report(
                target.description, target.spec.source, seed, cases, time.monotonic() - started, notes, refused
            )
        before = [index for index, job in enumerate(jobs) if job.kind != "invariant"]
        async with asyncio.TaskGroup() as group:
            for index in before:
                group.create_task(execute(index, jobs[index]))
        # Invariants read what the scenarios wrote: they run once the other phases are over.
        context.harvest = _harvest(context, [results[index] for index in before])
        # Isolation compares a customer's reads before and after writes for others: it runs alone and first, so
        # no other check's writes land in between or are there before it looks.
        alone = [
            index for index, job in enumerate(jobs) if job.kind == "invariant" and job.label.startswith("isolation")
        ]
        for index in alone:
            await execute(index, jobs[index])
        async with asyncio.TaskGroup() as group:
            for index, job in enumerate(jobs):
                if job.kind == "invariant" and index not in alone:
                    group.create_task(execute(index, job))
    except BaseExceptionGroup as group_error:
        first = group_error.exceptions[0]
        while isinstance(first, BaseExceptionGroup):
            first = first.exceptions[0]
        raise first from None
    finally:
        await sender.aclose()
    if sender.cut:
        context.budget_hit = True
    if context.budget_hit:
        notes.append(f"time budget of {options.time_budget:g} s reached: the checks not run are listed as such")
    notes += context.notes
    if context.campaign_skips:
        told = "; ".join(f"{count} {why}" for why, count in sorted(context.campaign_skips.items()))
        notes.append(
            f"campaigns not known here ({told}): what depends on this application's campaigns is checked with "
            "--campaigns-profile FILE (docs/smoke.md)"
        )
    if context.undocumented_refusals:
        named = ", ".join(sorted(context.undocumented_refusals)[:5])
        more = len(context.undocumented_refusals) - 5
        notes.append(
            f"{len(context.undocumented_refusals)} operation(s) document no answer to an invalid request or key "
            f"and refused one with 400/422/401, accepted as HTTP's answer ({named}"
            f"{f' and {more} more' if more > 0 else ''})"
        )
    cases = [credentials, *(case for result in results for case in result)]
    limit = options.max_response_time
    if limit is not None:
        for case in cases:
            operation = target.spec.operations.get(case.operation)
            if case.exchange is not None and operation is not None:
                case.failures += _checks.response_time(operation, case.exchange, limit)
    return Report(target.description, target.spec.source, seed, cases, time.monotonic() - started, notes)


def _probe_operation(target: Target) -> Operation | None:
    """A read-only operation whose only required inputs are path values: the credentials' first call."""
    for operation in target.spec.operations.values():
        if operation.method != "GET" or not operation.security:
            continue
        if all(p.location == "path" or not p.required for p in operation.parameters):
            return operation
    return None


async def _credentials(context: _RunState) -> Case:
    """One read-only call with the run's credentials: a 401 or 403 (or no answer) is the run's end."""
    operation = _probe_operation(context.target)
    if operation is None:
        context.notes.append("no read-only operation to prove the credentials with: the checks report any 401")
        return Case("credentials", "-", "credentials", False, skipped="no read-only operation to call")
    args = {p.python_name: f"smoke-{context.token}-auth" for p in operation.parameters if p.location == "path"}
    case, exchange = _case("credentials", operation, "credentials accepted", await context.exchange(operation, args))
    host = context.target.description
    if exchange is not None and exchange.response is None:
        message = f"{host} did not answer the credentials check ({operation.operation_id}): {exchange.error}"
        case.failures.append(Failure("credentials_accepted", operation.operation_id, message, exchange))
    elif exchange is not None and exchange.response is not None and exchange.response.status_code in (401, 403):
        response = exchange.response
        detail = _checks.summary_of(exchange)
        message = f"the API key was refused by {host}: {response.status_code} {response.reason_phrase}{detail}"
        case.failures.append(Failure("credentials_accepted", operation.operation_id, message, exchange))
    elif exchange is not None and exchange.response is not None:
        case.failures += _checks.credentials_proven(context.target.spec, operation, exchange)
    return case


def campaigns_known(target: Target, options: Options) -> bool:
    """Whether the run knows what the application's campaigns do: the embedded sandbox's own, or a profile."""
    return target.campaigns_known or options.campaign_profile is not None


def _scenarios(target: Target, options: Options, notes: list[str]) -> tuple[list[Scenario], dict[str, Any]]:
    """The scenarios to run and their variables. Loaded only when the scenario phase runs (or ``--var`` names a
    variable, which is checked against them): a run of other phases reads and validates no scenario file.

    Variables, later ones winning: a file's ``vars``; its ``campaign_vars`` when the campaigns are the embedded
    sandbox's; a campaigns profile's; ``--var``. A campaign variable none of them gives is left out: the steps
    that use it are skipped with a note when they come to run."""
    if "scenario" not in options.checks and not options.variables:
        return [], {}
    scenarios: list[Scenario] = []
    variables: dict[str, Any] = {}
    campaign_names: set[str] = set()
    sources: list[str | None] = [None] if options.default_scenarios else []
    for source in [*sources, *options.scenario_files]:
        loaded = load_scenarios(target.spec, source)
        variables.update(loaded.variables)
        campaign_names |= set(loaded.campaign_variables)
        if target.campaigns_known:
            variables.update(loaded.campaign_variables)
        notes += loaded.notes
        taken = {scenario.name for scenario in scenarios}
        for scenario in loaded.scenarios:
            if scenario.name in taken:
                raise ScenarioError(f"{scenario.source}: scenario {scenario.name!r} is already defined")
            scenarios.append(scenario)
    known_names = set(variables) | campaign_names | set(used_variables(scenarios))
    for given, what in ((options.campaign_profile or {}, "--campaigns-profile"), (options.variables, "--var")):
        unknown = sorted(set(given) - known_names)
        if unknown:
            known = ", ".join(sorted(known_names)) or "none"
            raise ScenarioError(f"{what} {', '.join(unknown)}: no scenario has such a variable (known: {known})")
    if "scenario" not in options.checks:
        return [], dict(options.variables)
    variables.update(options.campaign_profile or {})
    variables.update(options.variables)
    missing = [name for name in missing_variables(scenarios, variables) if name not in campaign_names]
    if missing:
        raise ScenarioError(f"scenarios use undefined variable(s) {missing}: give them with --var NAME=VALUE")
    return scenarios, variables


@dataclass
class _RunState:
    target: Target
    sender: Sender
    options: Options
    seed: int
    token: str
    variables: dict[str, Any]
    deadline: float
    budget_hit: bool = False
    notes: list[str] = field(default_factory=list)
    undocumented_refusals: set[str] = field(default_factory=set)
    """Operations that document no answer to an invalid request (or key) and refused one as HTTP does (a gap of
    the spec, noted in the report)."""
    campaigns_known: bool = False
    """Whether the scenarios' campaign expectations are checked (``campaigns_known``)."""
    campaign_skips: dict[str, int] = field(default_factory=dict)
    """What was left unchecked for want of the campaigns: why -> how many steps."""
    harvest: Harvest = field(default_factory=Harvest)
    """What the scenarios sent and got back with a 2xx (the invariants' starting points)."""

    def valid_arguments(self, operation: Operation) -> dict[str, Any] | None:
        """Arguments for a correct call (``_valid_arguments``), a new dict each time."""
        found = _valid_arguments(self, operation)
        return None if found is None else copy.deepcopy(found)

    def out_of_time(self) -> bool:
        return time.monotonic() >= self.deadline

    def not_run(self, kind: Kind, operation: Operation, name: str, writes: bool) -> Case:
        """The case of a check the run's time budget left no time for (and the run marked as cut short)."""
        self.budget_hit = True
        why = f"{NOT_RUN}the time budget of {self.options.time_budget:g} s ran out"
        return Case(kind, operation.operation_id, name, writes, skipped=why)

    async def exchange(
        self,
        operation: Operation,
        args: Mapping[str, Any],
        credentials: Credentials | None = None,
        auth: str = "",
    ) -> Exchange | Failure:
        try:
            request = self.sender.build(operation, args, credentials)
        except (RequestValidationError, TalonDynError, TypeError) as exc:  # TypeError: an argument missing
            return Failure("request_builds", operation.operation_id, f"the request cannot be built: {exc}")
        if auth in ("missing", "malformed"):  # the credentials probes: no Authorization, or one of another shape
            kept = [(name, value) for name, value in request.headers if name.lower() != "authorization"]
            if auth == "malformed":
                kept.append(("Authorization", f"Bearer smoke-{self.token}-not-an-api-key"))
            request = replace(request, headers=kept)
        exchange = await self.sender.send(request)
        return replace(exchange, operation=operation.python_name, arguments=dict(args))


def _jobs(context: _RunState, scenarios: list[Scenario]) -> list[_Job]:
    spec = context.target.spec
    jobs: list[_Job] = []
    chosen = set(context.options.operations)
    for scenario in scenarios:
        if chosen and not chosen & {step.operation.operation_id for step in scenario.steps}:
            continue
        first = scenario.steps[0].operation.operation_id
        jobs.append(
            _Job(
                "scenario",
                f"scenario {scenario.name}",
                scenario.writes,
                _bind(_scenario, context, scenario),
                Case("scenario", first, scenario.name, scenario.writes, skipped="creates data (--read-only)"),
            )
        )
    kinds: tuple[tuple[Kind, Callable[[_RunState, Operation], Awaitable[list[Case]]]], ...] = (
        ("generated", _generated),
        ("boundary", _boundary),
        ("negative", _negative),
        ("auth", _auth),
    )
    unprobed = sorted(
        f"{operation.operation_id} ({operation.body.content_type})"
        for operation in spec.operations.values()
        if operation.body is not None
        and not operation.body.is_json
        and (not chosen or operation.operation_id in chosen)
    )
    if unprobed and {"boundary", "negative"} & set(context.options.checks):
        context.notes.append(
            f"skipped: bodies that are not JSON are sent as generated (forms, text, bytes) but not probed at their "
            f"boundaries or with invalid values: {', '.join(unprobed[:5])}{' and more' if len(unprobed) > 5 else ''}"
        )
    for kind, work in kinds:
        if kind not in context.options.checks:
            continue
        for operation in spec.operations.values():
            if chosen and operation.operation_id not in chosen:
                continue
            if kind == "auth" and not operation.security:
                continue
            if kind == "boundary" and (
                operation.body is None or not operation.body.is_json or operation.body.schema_pointer is None
            ):
                continue
            # A request with bad credentials changes nothing where it is refused: read-only runs send them too.
            writes = operation.method not in SAFE_METHODS and kind != "auth"
            placeholder = Case(kind, operation.operation_id, kind, writes, skipped="creates data (--read-only)")
            jobs.append(
                _Job(
                    kind,
                    f"{kind} {operation.operation_id}",
                    writes,
                    _bind(work, context, operation),
                    placeholder,
                )
            )
    if "invariant" in context.options.checks:
        for invariant in invariant_jobs(spec, chosen):
            jobs.append(
                _Job(
                    "invariant",
                    invariant.label,
                    invariant.writes,
                    _bind_invariant(invariant.work, context),
                    Case(
                        "invariant",
                        invariant.operation,
                        invariant.code,
                        invariant.writes,
                        skipped="creates data (--read-only)",
                    ),
                )
            )
    return jobs


def _bind_invariant(work: Any, context: _RunState) -> Callable[[], Awaitable[list[Case]]]:
    return lambda: work(context, context.harvest)


def _harvest(context: _RunState, results: list[list[Case]]) -> Harvest:
    """The scenario steps answered 2xx: operation, arguments and answer, in run order."""
    calls = []
    for cases in results:
        for case in cases:
            exchange = case.exchange
            if case.kind != "scenario" or case.failures or exchange is None or exchange.response is None:
                continue
            if 200 <= exchange.response.status_code < 300:
                calls.append((case.operation, dict(exchange.arguments), _checks.body_of(exchange)))
    return Harvest(tuple(calls))


def _bind(
    function: Callable[[_RunState, Any], Awaitable[list[Case]]], context: _RunState, item: Any
) -> Callable[[], Awaitable[list[Case]]]:
    return lambda: function(context, item)


def _case(kind: Kind, operation: Operation, name: str, result: Exchange | Failure) -> tuple[Case, Exchange | None]:
    """The case of one request and its exchange to check (None when there is nothing to check: the request could
    not be built, or the run's budget cut it short, which is *not run*, never a failure)."""
    writes = operation.method not in SAFE_METHODS
    if isinstance(result, Failure):
        return Case(kind, operation.operation_id, name, writes, failures=[result]), None
    if result.cut:
        return Case(kind, operation.operation_id, name, writes, skipped=f"{NOT_RUN}{result.error}"), None
    return Case(kind, operation.operation_id, name, writes, exchange=result, duration=result.elapsed), result


# -- the three kinds of checks ------------------------------------------------------------------------


async def _scenario(context: _RunState, scenario: Scenario) -> list[Case]:
    spec = context.target.spec
    bodies: dict[str, Any] = {}
    cases: list[Case] = []
    failed = False
    stopped = "an earlier step failed"
    skipped_ids: set[str] = set()
    sent: list[Exchange] = []
    unknown = sorted({name for step in scenario.steps for name in step.variables} - set(context.variables))
    if unknown:  # its steps build on each other: without the values, none of it can run
        given = " ".join(f"--var {name}=..." for name in unknown)
        reason = f"scenario(s) needing a campaign variable skipped: give {given} or --campaigns-profile FILE"
        key = reason.split(":")[0]
        context.campaign_skips[key] = context.campaign_skips.get(key, 0) + 1
        return [
            Case(
                "scenario",
                step.operation.operation_id,
                f"{scenario.name} / {step.name}",
                scenario.writes,
                skipped=reason,
            )
            for step in scenario.steps
        ]
    for step in scenario.steps:
        name = f"{scenario.name} / {step.name}"
        if failed:
            cases.append(Case("scenario", step.operation.operation_id, name, scenario.writes, skipped=stopped))
            continue
        why = _campaign_skip(context, step, skipped_ids)
        if why is not None:
            if step.id:
                skipped_ids.add(step.id)
            context.campaign_skips[why.split(":")[0]] = context.campaign_skips.get(why.split(":")[0], 0) + 1
            cases.append(Case("scenario", step.operation.operation_id, name, scenario.writes, skipped=why))
            continue
        if context.out_of_time():
            why = f"{NOT_RUN}the time budget of {context.options.time_budget:g} s ran out"
            cases.append(Case("scenario", step.operation.operation_id, name, scenario.writes, skipped=why))
            failed = True  # the later steps depend on this one
            continue
        try:
            args = substitute(step.args, context.token, context.variables, bodies)
        except UnresolvedReference as exc:
            failure = Failure("scenario_reference", step.operation.operation_id, str(exc))
            cases.append(Case("scenario", step.operation.operation_id, name, scenario.writes, failures=[failure]))
            failed = True
            continue
        case, exchange = _case("scenario", step.operation, name, await context.exchange(step.operation, args))
        case.writes = scenario.writes
        case.preceding = tuple(sent)
        if exchange is not None:
            sent.append(exchange)
        if exchange is not None:
            case.failures += _checks.response_conformance(spec, step.operation, exchange)
            if not any(status in (401, 403) for status in step.status):
                case.failures += _checks.credentials_accepted(spec, step.operation, exchange)
            if exchange.response is not None:
                expect_json = substitute(step.json, context.token, context.variables, bodies)
                wrong_status = _checks.expected_status(spec, step.operation, exchange, step.status)
                case.failures += wrong_status
                if not wrong_status:  # values and effects of an unexpected answer would only add noise
                    case.failures += _checks.expected_values(spec, step.operation, exchange, expect_json)
                    case.failures += _checks.expected_effects(spec, step.operation, exchange, step.present, step.absent)
                    if step.campaign_expectations and context.campaigns_known:
                        wanted = substitute(step.campaign_json or {}, context.token, context.variables, bodies)
                        case.failures += _checks.expected_values(spec, step.operation, exchange, wanted)
                        case.failures += _checks.expected_effects(
                            spec, step.operation, exchange, step.campaign_present, step.campaign_absent
                        )
                    elif step.campaign_expectations:
                        key = "campaign expectation(s) not checked"
                        context.campaign_skips[key] = context.campaign_skips.get(key, 0) + 1
                if step.within is not None:
                    case.failures += _checks.response_time(step.operation, exchange, step.within)
                if step.id:
                    bodies[step.id] = _checks.body_of(exchange)
        failed = bool(case.failures) or case.not_run
        if case.not_run:
            stopped = f"{NOT_RUN}the time budget ran out during an earlier step"
        cases.append(case)
    return cases


def _campaign_skip(context: _RunState, step: Any, skipped: set[str]) -> str | None:
    """Why a step cannot run here for want of the campaigns (None: it can)."""
    if step.needs_campaigns and not context.campaigns_known:
        return "step(s) that depend on the campaigns skipped: give --campaigns-profile FILE"
    used = sorted(step.uses_steps & skipped)
    if used:
        return f"step(s) using the answer of a skipped step skipped: {', '.join(used)}"
    return None


def _seed_for(context: _RunState, operation: Operation) -> int:
    return (context.seed + zlib.crc32(operation.operation_id.encode())) % 2**32


async def _generated(context: _RunState, operation: Operation) -> list[Case]:
    spec = context.target.spec
    writes = operation.method not in SAFE_METHODS
    try:
        examples = draw(
            arguments(spec, operation),
            count=context.options.max_examples,
            seed=_seed_for(context, operation),
            deadline=context.deadline,
        )
    except GenerationError as exc:
        context.notes.append(f"generated {operation.operation_id}: skipped, {exc}")
        return [Case("generated", operation.operation_id, "generated", writes, skipped=str(exc))]
    cases = []
    for number, example in enumerate(examples, start=1):
        if context.out_of_time():
            cases.append(context.not_run("generated", operation, f"examples {number}-{len(examples)}", writes))
            break
        case, exchange = _case("generated", operation, f"example {number}", await context.exchange(operation, example))
        if exchange is not None:
            case.failures += _checks.response_conformance(spec, operation, exchange)
            case.failures += _checks.credentials_accepted(spec, operation, exchange)
        cases.append(case)
    if len(examples) < context.options.max_examples and time.monotonic() > context.deadline:
        context.budget_hit = True
    return cases


def _valid_arguments(context: _RunState, operation: Operation) -> dict[str, Any] | None:
    """Arguments for a correct call: ``smoke-<run>-neg`` path values, the body schema's example (or a generated
    one), and generated values for required query and header parameters."""
    spec = context.target.spec
    valid: dict[str, Any] = {}
    generated: list[dict[str, Any]] = []

    def one_generated() -> dict[str, Any] | None:
        if not generated:
            try:
                drawn = draw(
                    arguments(spec, operation),
                    count=1,
                    seed=_seed_for(context, operation),
                    deadline=min(context.deadline, time.monotonic() + 30),  # within the run's budget
                )
            except GenerationError:
                return None
            generated.append(drawn[0] if drawn else {})
        return generated[0]

    for parameter in operation.parameters:
        if parameter.location == "path":
            valid[parameter.python_name] = f"smoke-{context.token}-neg"
    body = operation.body
    if body is not None and body.is_json and body.schema_pointer is not None:
        resolved = spec.resolve(body.schema or {})
        candidates = list(resolved.get("examples") or [])
        chosen = next((item for item in candidates if spec.validator.is_valid(body.schema_pointer, item)), None)
        if chosen is None:
            chosen = (one_generated() or {}).get("body")
        if chosen is None:
            return None
        valid["body"] = chosen
    elif body is not None:  # a form, text or bytes: as the generator makes them (``_generate._other_body``)
        chosen = (one_generated() or {}).get("body")
        if chosen is None and body.required:
            return None
        if chosen is not None:
            valid["body"] = chosen
    for parameter in operation.parameters:
        if parameter.required and parameter.python_name not in valid:
            value = (one_generated() or {}).get(parameter.python_name)
            if value is None:
                return None  # no valid value to start from: no negative probes
            valid[parameter.python_name] = value
    return valid


async def _boundary(context: _RunState, operation: Operation) -> list[Case]:
    """The operation's valid body at the schema's boundaries (``_boundary``): each answered as documented."""
    spec = context.target.spec
    writes = operation.method not in SAFE_METHODS
    try:  # a generated valid request gives path and query values of the right types; its body is the start
        drawn = draw(arguments(spec, operation), count=1, seed=_seed_for(context, operation), deadline=context.deadline)
    except GenerationError:
        drawn = []
    valid = drawn[0] if drawn else None
    if valid is None or valid.get("body") is None or operation.body is None or operation.body.schema_pointer is None:
        return [Case("boundary", operation.operation_id, "boundary", writes, skipped="no valid body to start from")]
    bodies = boundary_bodies(
        spec,
        operation.body.schema_pointer,
        valid["body"],
        large=context.options.boundary_size,
        seed=_seed_for(context, operation),
    )
    cases = []
    for name, body in bodies:
        if context.out_of_time():
            cases.append(context.not_run("boundary", operation, name, writes))
            continue
        case, exchange = _case("boundary", operation, name, await context.exchange(operation, {**valid, "body": body}))
        if exchange is not None:
            case.failures += _checks.response_conformance(spec, operation, exchange)
            case.failures += _checks.credentials_accepted(spec, operation, exchange)
        cases.append(case)
    return cases


def _refusal_checks(
    context: _RunState, operation: Operation, exchange: Exchange, *, credentials: bool
) -> list[Failure]:
    """What every refused probe's answer must be: no 5xx, a documented status (or HTTP's own refusal where the spec
    documents none, noted), an ErrorResponse body."""
    spec = context.target.spec
    failures = _checks.not_a_server_error(spec, operation, exchange)
    if _checks.undocumented_refusal(operation, exchange, credentials=credentials):
        context.undocumented_refusals.add(operation.operation_id)
    else:
        failures += _checks.status_code_conformance(spec, operation, exchange)
    return failures + _checks.error_response_conformance(spec, operation, exchange)


async def _auth(context: _RunState, operation: Operation) -> list[Case]:
    """No Authorization, a malformed one and a wrong key: each is answered 401 (the documented refusal)."""
    spec = context.target.spec
    valid = _valid_arguments(context, operation)
    if valid is None:
        valid = {p.python_name: f"smoke-{context.token}-auth" for p in operation.parameters if p.location == "path"}
    wrong = Credentials(api_key=f"smoke-invalid-key-{context.token}")
    cases = []
    for probe in auth_probes(operation, valid):
        if context.out_of_time():
            cases.append(context.not_run("auth", operation, probe.name, False))
            continue
        result = await context.exchange(operation, probe.arguments, wrong, auth=probe.auth)
        case, exchange = _case("auth", operation, probe.name, result)
        case = replace(case, writes=False)
        if exchange is not None:
            failures = _checks.request_completes(spec, operation, exchange)
            if not failures:
                failures += _checks.unauthorized_with_401(spec, operation, exchange, probe.violation)
                failures += _refusal_checks(context, operation, exchange, credentials=True)
            case.failures += failures
        cases.append(case)
    return cases


async def _negative(context: _RunState, operation: Operation) -> list[Case]:
    spec = context.target.spec
    valid = _valid_arguments(context, operation)
    if valid is None:
        writes = operation.method not in SAFE_METHODS
        return [Case("negative", operation.operation_id, "negative", writes, skipped="no valid request to start from")]
    cases = []
    for probe in probes(spec, operation, valid):
        if context.out_of_time():
            cases.append(context.not_run("negative", operation, probe.name, operation.method not in SAFE_METHODS))
            continue
        result = await context.exchange(operation, probe.arguments)
        case, exchange = _case("negative", operation, probe.name, result)
        if exchange is not None:
            failures = _checks.request_completes(spec, operation, exchange)
            if not failures:
                failures += _checks.credentials_accepted(spec, operation, exchange)
                failures += _checks.refused_with_4xx(spec, operation, exchange, probe.violation)
                failures += _refusal_checks(context, operation, exchange, credentials=False)
            case.failures += failures
        cases.append(case)
    return cases
