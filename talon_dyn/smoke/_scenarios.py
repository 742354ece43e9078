"""Declarative scenarios: YAML files of realistic flows, each step one operation with expectations.

File format (``scenarios.yaml`` in this package is the default)::

    vars:                       # defaults; --var NAME=VALUE overrides
      coupon: SUMMER10
    scenarios:
      - name: referral flow
        steps:
          - id: referral        # optional: later steps read its response as ${steps.referral.<path>}
            operation: createReferral
            args: {body: {campaignId: "${vars.referral_campaign}", advocateProfileIntegrationId: "smoke-${run}-a"}}
            expect: {status: 201, json: {"$.code": {exists: true}}}
          - operation: updateCustomerSessionV2
            args:
              customerSessionId: "smoke-${run}-s"
              body: {customerSession: {referralCode: "${steps.referral.code}"}}
            expect: {effects: {present: [acceptReferral]}}

``args`` names parameters by their spec name or Python name, and ``body``. ``expect``:
``status`` (a number or a list; default the operation's success status), ``json`` (JSON
path -> value, or ``{exists|equals|not|contains|excludes|length|gte|lte|matches: ...}``),
``effects`` (``present``/``absent`` effect types). ``${run}`` is unique per run, ``${vars.NAME}``
a variable, ``${steps.ID.PATH}`` a value from an earlier response; a string that is exactly
one reference takes the referenced value's type.

Files are checked against ``scenarios.schema.json`` (shipped beside this module, usable by
editors) first, then against the spec; every error names the file and the JSON pointer.
The format is documented in docs/smoke.md.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .._exceptions import ConfigFileError, ConfigurationError
from .._model.document import check_config, parse_config, read_config
from .._model.naming import closest
from .._model.spec import Operation, Spec
from ._jsonpath import JSONPathError, find, parse

__all__ = [
    "CURRENT_SCENARIOS",
    "DEFAULT_SCENARIOS",
    "Loaded",
    "Scenario",
    "ScenarioError",
    "Step",
    "UnresolvedReference",
    "load_profile",
    "load_scenarios",
    "missing_variables",
    "substitute",
]

DEFAULT_SCENARIOS = "scenarios.yaml"
CURRENT_SCENARIOS = "scenarios-current.yaml"
"""The default flows of Talon's current Integration API (the bundled spec "current", or the whole document)."""


def default_scenarios_for(spec: Spec) -> str:
    """The bundled scenario file for ``spec``: the current API's when the spec has its v2 profile operation
    (the bundled "current" spec, the vendor's whole document), else the original reference's."""
    return CURRENT_SCENARIOS if "updateCustomerProfileV2" in spec.operations else DEFAULT_SCENARIOS


_REFERENCE = re.compile(r"\$\{([^{}]+)\}")


class ScenarioError(ConfigFileError, ConfigurationError):
    """A scenarios file that cannot be used (exit code 2): where, and what is wrong. A config-file error like
    the sandbox's (file, pointer), and still the ``ConfigurationError`` it always was."""


class UnresolvedReference(LookupError):
    """A ``${...}`` reference that has no value at run time."""


@dataclass(frozen=True)
class Step:
    """One step: an operation, its arguments (python names) and what its response must show."""

    name: str
    id: str | None
    operation: Operation
    args: dict[str, Any]
    status: tuple[int, ...]
    json: dict[str, Any]
    present: tuple[str, ...]
    absent: tuple[str, ...]
    within: float | None = None
    """Seconds the answer may take at most (``expect.within``)."""
    campaign_json: dict[str, Any] | None = None
    """``campaigns.json``: values the application's campaigns make (checked only where the campaigns are known)."""
    campaign_present: tuple[str, ...] = ()
    campaign_absent: tuple[str, ...] = ()
    needs_campaigns: bool = False
    """The step itself depends on the campaigns (``needs_campaigns: true``)."""

    @property
    def variables(self) -> set[str]:
        """The ``vars.NAME`` its arguments use."""
        return {ref[len("vars.") :] for ref in _references(self.args) if ref.startswith("vars.")}

    @property
    def uses_steps(self) -> set[str]:
        """The ids of the earlier steps whose answers its arguments use."""
        return {ref.split(".", 2)[1].split("[", 1)[0] for ref in _references(self.args) if ref.startswith("steps.")}

    @property
    def campaign_expectations(self) -> bool:
        return bool(self.campaign_json or self.campaign_present or self.campaign_absent)


@dataclass(frozen=True)
class Scenario:
    """A named flow of steps, from one file."""

    name: str
    source: str
    steps: tuple[Step, ...]

    @property
    def writes(self) -> bool:
        return any(step.operation.method not in ("GET", "HEAD", "OPTIONS") for step in self.steps)


@dataclass(frozen=True)
class Loaded:
    """What a scenarios file holds: its variables, its campaign variables, its scenarios, and notes."""

    variables: dict[str, Any]
    campaign_variables: dict[str, Any]
    scenarios: list[Scenario]
    notes: list[str]


PROFILE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["vars"],
    "properties": {
        "description": {"type": "string"},
        "vars": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_-]*$"}},
    },
}
"""A campaigns profile: ``vars`` (the scenarios' campaign variables, as this application's campaigns have them)."""


def load_profile(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A campaigns profile's variables (``--campaigns-profile FILE``); a bad file is a ``ScenarioError`` naming
    the file and the pointer. Giving one says the scenarios' campaign expectations hold for this application."""
    source = os.fspath(path)
    document = read_config(source, "campaigns profile", ScenarioError)
    check_config(document, PROFILE_SCHEMA, source, ScenarioError)
    return dict(document["vars"])


def load_scenarios(spec: Spec, path: str | os.PathLike[str] | None = None) -> Loaded:
    """Variables, campaign variables, scenarios and notes from ``path`` (the spec's default file when None:
    ``default_scenarios_for``).

    Steps of the default file that name an operation the spec lacks drop their
    scenario with a note (a different spec may be in use); in a given file they are
    an error.
    """
    if path is None:
        name = default_scenarios_for(spec)
        source = f"talon_dyn/smoke/{name}"
        data = resources.files(__package__).joinpath(name).read_bytes()
        document = parse_config(data, source, ScenarioError)
    else:
        source = os.fspath(path)
        document = read_config(source, "scenarios file", ScenarioError)
    check_config(document, scenarios_schema(), source, ScenarioError)
    variables = document.get("vars") or {}
    entries = document.get("scenarios") or []
    scenarios: list[Scenario] = []
    notes: list[str] = []
    for index, entry in enumerate(entries):
        where = f"{source}#/scenarios/{index}"
        try:
            scenarios.append(_scenario(spec, entry, where, source))
        except _MissingOperation as exc:
            if path is not None:
                raise ScenarioError(str(exc)) from None
            notes.append(f"default scenario skipped: {exc}")
    names = [scenario.name for scenario in scenarios]
    for index, name in enumerate(names):
        if names.count(name) > 1:
            raise ScenarioError(f"{source}#/scenarios/{index}/name: two scenarios are named {name!r}")
    return Loaded(dict(variables), dict(document.get("campaign_vars") or {}), scenarios, notes)


@cache
def scenarios_schema() -> dict[str, Any]:
    """The JSON Schema of a scenarios file (``scenarios.schema.json``)."""
    text = resources.files(__package__).joinpath("scenarios.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class _MissingOperation(ScenarioError):
    pass


def _scenario(spec: Spec, entry: Any, where: str, source: str) -> Scenario:
    """The scenario at ``where`` (the file's schema already holds); the checks the schema cannot make."""
    steps: list[Step] = []
    for index, raw in enumerate(entry["steps"]):
        steps.append(_step(spec, raw, f"{where}/steps/{index}", index + 1, {step.id for step in steps if step.id}))
    return Scenario(entry["name"], source, tuple(steps))


def _step(spec: Spec, raw: Any, where: str, number: int, earlier: set[str]) -> Step:
    try:
        operation = spec.operation(raw["operation"])
    except KeyError:
        names = list(spec.operations)
        hint = closest(raw["operation"], names)
        suggestion = f" (did you mean {hint!r}?)" if hint else ""
        message = f"the spec has no operation {raw['operation']!r}{suggestion}"
        raise _MissingOperation(f"{where}/operation: {message}") from None
    step_id = raw.get("id")
    if step_id in earlier:
        raise ScenarioError(f"{where}/id: {step_id!r} is already used by an earlier step")
    args = _arguments(operation, raw.get("args") or {}, f"{where}/args")
    for reference in _references(args):
        head, _, rest = reference.partition(".")
        if head == "steps":
            target = rest.split(".", 1)[0].split("[", 1)[0]
            if target not in earlier:
                raise ScenarioError(f"{where}/args: ${{{reference}}} refers to no earlier step with id {target!r}")
        elif head not in ("run", "vars") or (head == "vars" and not rest) or (head == "run" and rest):
            message = f"unknown reference ${{{reference}}} (use run, vars.NAME or steps.ID.PATH)"
            raise ScenarioError(f"{where}/args: {message}")
    expect = raw.get("expect") or {}
    status = expect.get("status", operation.success_status)
    statuses = tuple(status) if isinstance(status, list) else (status,)
    values = expect.get("json") or {}
    for json_path in values:
        try:
            parse(json_path)
        except JSONPathError as exc:
            raise ScenarioError(f"{where}/expect/json: {exc}") from None
    effects = expect.get("effects") or {}
    present, absent = effects.get("present") or [], effects.get("absent") or []
    name = str(raw.get("name") or step_id or f"step {number}")
    within = expect.get("within")
    limit = float(within) if isinstance(within, (int, float)) and not isinstance(within, bool) else None
    campaigns = raw.get("campaigns") or {}
    if "status" in campaigns or "within" in campaigns:
        raise ScenarioError(f"{where}/campaigns: a status or a time limit is not the campaigns' to say (use expect)")
    for json_path in campaigns.get("json") or {}:
        try:
            parse(json_path)
        except JSONPathError as exc:
            raise ScenarioError(f"{where}/campaigns/json: {exc}") from None
    campaign_effects = campaigns.get("effects") or {}
    return Step(
        name,
        step_id,
        operation,
        args,
        statuses,
        dict(values),
        tuple(present),
        tuple(absent),
        limit,
        dict(campaigns.get("json") or {}) or None,
        tuple(campaign_effects.get("present") or ()),
        tuple(campaign_effects.get("absent") or ()),
        bool(raw.get("needs_campaigns")),
    )


def _arguments(operation: Operation, raw: Any, where: str) -> dict[str, Any]:
    names: dict[str, str] = {}
    for parameter in operation.parameters:
        names[parameter.name] = names[parameter.python_name] = parameter.python_name
    if operation.body is not None:
        names["body"] = names[operation.body.name] = "body"
    args: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in names:
            known = ", ".join(sorted(set(names))) or "none"
            raise ScenarioError(f"{where}: {operation.operation_id} has no parameter {key!r} (it takes: {known})")
        args[names[key]] = value
    for parameter in operation.parameters:
        if parameter.required and parameter.python_name not in args:
            raise ScenarioError(f"{where}: {operation.operation_id} needs {parameter.name!r}")
    if operation.body is not None and operation.body.required and "body" not in args:
        raise ScenarioError(f"{where}: {operation.operation_id} needs a body")
    return args


def _references(value: Any) -> list[str]:
    if isinstance(value, str):
        return [found.group(1).strip() for found in _REFERENCE.finditer(value)]
    if isinstance(value, dict):
        return [ref for key, item in value.items() for ref in _references(key) + _references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in _references(item)]
    return []


def used_variables(scenarios: list[Scenario]) -> set[str]:
    """Every ``vars.NAME`` the scenarios refer to."""
    return {
        ref[len("vars.") :]
        for scenario in scenarios
        for step in scenario.steps
        for ref in _references(step.args)
        if ref.startswith("vars.")
    }


def missing_variables(scenarios: list[Scenario], variables: Mapping[str, Any]) -> list[str]:
    """``vars.NAME`` references no variable answers."""
    return sorted(used_variables(scenarios) - set(variables))


def substitute(value: Any, run: str, variables: Mapping[str, Any], steps: Mapping[str, Any]) -> Any:
    """``value`` with every ``${...}`` replaced; raises ``UnresolvedReference`` for a value that is not there."""
    if isinstance(value, dict):
        return {
            substitute(key, run, variables, steps): substitute(item, run, variables, steps)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [substitute(item, run, variables, steps) for item in value]
    if not isinstance(value, str):
        return value
    whole = _REFERENCE.fullmatch(value)
    if whole:
        return _lookup(whole.group(1).strip(), run, variables, steps)
    return _REFERENCE.sub(lambda found: _text(_lookup(found.group(1).strip(), run, variables, steps)), value)


def _lookup(reference: str, run: str, variables: Mapping[str, Any], steps: Mapping[str, Any]) -> Any:
    head, _, rest = reference.partition(".")
    if head == "run":
        return run
    if head == "vars":
        if rest not in variables:
            raise UnresolvedReference(f"${{{reference}}}: no variable {rest!r}")
        return variables[rest]
    step_id, _, path = rest.partition(".")
    if "[" in step_id:
        step_id, bracket = step_id.split("[", 1)
        path = "[" + bracket + ("." + path if path else "")
    found, result = find(steps.get(step_id), "$." + path if path and not path.startswith("[") else "$" + path)
    if not found:
        raise UnresolvedReference(f"${{{reference}}}: the response of step {step_id!r} has no {path or 'body'}")
    return result


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
