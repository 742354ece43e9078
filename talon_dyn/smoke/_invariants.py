"""Invariants: what a stateful API promises about its behaviour, derived from the spec and checked over requests.

A schema says what one answer may look like; these say how answers relate. Each invariant is found in the spec
(by shapes any spec can have, never by Talon's operation names), runs as one job after the other phases (it
reads what the scenarios wrote), and reports its failures under a stable code (``talon-dyn smoke --explain
CODE``):

* ``state_machine``: a body property ``state`` whose description lists the allowed transitions (``open ->
  closed``, "only via <operation>"): every other transition reachable from a fresh resource is tried and must be
  refused, through the update itself and through each operation the description names;
* ``idempotency``: an operation that declares the ``Idempotency-Key`` header repeats its first answer for a
  repeated key (and a read of the resource sees nothing more change); a new key is a new request;
* ``paging``: a list with ``pageSize``/``skip`` (or ``limit``/``offset``) walked a page at a time
  concatenates to the whole list, with ``hasMore`` false exactly on the last page;
* ``isolation``: the run's writes replayed for fresh customers leave another customer's reads unchanged;
* ``documented_not_found``: an identifier never written gets the documented 404;
* ``read_your_writes``: a write and the read of the same path agree on what they both show.

Every invariant first proves it can tell (a *control*: the allowed step succeeds, the list has two items, the
write lands); when it cannot, its case is skipped with the reason, never passed.
"""

from __future__ import annotations

import copy
import json
import re
import zlib
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .._model.schema import merged
from .._model.spec import Operation, Spec
from ._checks import body_of as _body_of
from ._records import Case, Exchange, Failure, Kind

__all__ = ["INVARIANTS", "Harvest", "Invariant", "RunContext", "invariant_jobs"]

KIND: Kind = "invariant"
NEVER_INTEGER = 2_000_000_000
"""The base of integer identifiers smoke never wrote (a 32-bit id space's far end)."""
MAX_PAGES = 40
"""Pages walked at most per list (the run's budget bounds it too)."""
VOLATILE = frozenset({"updated", "lastActivity", "modified", "effects", "triggeredCampaigns"})
"""Keys two reads of one resource may disagree on without anything being wrong."""
PROFILE_PARAMETERS = frozenset({"integrationId", "profileId", "customerId", "profileIntegrationId"})
"""Path parameter names that name a customer (profile)."""


class RunContext(Protocol):
    """What an invariant needs of the run (``_runner._RunState``)."""

    token: str

    def out_of_time(self) -> bool: ...
    async def exchange(self, operation: Operation, args: Mapping[str, Any]) -> Exchange | Failure: ...
    def valid_arguments(self, operation: Operation) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Harvest:
    """What the run's scenarios sent and got back with a 2xx: ``(operationId, arguments, answer)`` in order."""

    calls: tuple[tuple[str, Mapping[str, Any], Any], ...] = ()

    def values(self, name: str) -> list[Any]:
        """The distinct values the scenarios gave an argument (by Python name), in first-use order."""
        seen: dict[str, Any] = {}
        for _, arguments, _ in self.calls:
            if name in arguments and arguments[name] is not None:
                seen.setdefault(json.dumps(arguments[name], sort_keys=True, default=str), arguments[name])
        return list(seen.values())

    def of(self, operation: Operation) -> list[tuple[Mapping[str, Any], Any]]:
        return [(arguments, answer) for op, arguments, answer in self.calls if op == operation.operation_id]


Work = Callable[[RunContext, Harvest], Awaitable[list[Case]]]


@dataclass(frozen=True)
class Invariant:
    """One invariant job: its code, what it covers, whether it writes, and the work."""

    code: str
    label: str
    operation: str
    writes: bool
    work: Work

    def __post_init__(self) -> None:
        object.__setattr__(self, "work", _recorded(self.work))


# -- shared helpers ------------------------------------------------------------------------------------


def _body(exchange: Exchange | None) -> Any:
    return None if exchange is None else _body_of(exchange)


def _status(exchange: Exchange | None) -> int | None:
    return None if exchange is None or exchange.response is None else exchange.response.status_code


def _ok(exchange: Exchange | None) -> bool:
    status = _status(exchange)
    return status is not None and 200 <= status < 300


async def _call(
    context: RunContext, operation: Operation, args: Mapping[str, Any], name: str, code: str
) -> tuple[Case, Exchange | None]:
    """One request of an invariant, as a case (a failure to build it is that case's failure)."""
    writes = operation.method not in ("GET", "HEAD", "OPTIONS")
    result = await context.exchange(operation, args)
    if isinstance(result, Failure):
        failure = Failure(code, operation.operation_id, result.message)
        return Case(KIND, operation.operation_id, name, writes, failures=[failure]), None
    if result.cut:
        return Case(KIND, operation.operation_id, name, writes, skipped=f"not run: {result.error}"), None
    case = Case(KIND, operation.operation_id, name, writes, exchange=result, duration=result.elapsed)
    case.failures += _no_answer(operation, result)
    return case, result


def _no_answer(operation: Operation, exchange: Exchange) -> list[Failure]:
    """A request that got no answer (``request_completes``, as in every phase)."""
    if exchange.response is not None:
        return []
    return [Failure("request_completes", operation.operation_id, f"no response: {exchange.error}", exchange)]


def _skip(operation: Operation, name: str, why: str, writes: bool = True) -> Case:
    return Case(KIND, operation.operation_id, name, writes, skipped=why)


def _fail(case: Case, code: str, message: str, exchange: Exchange | None, expect: str | None = None) -> Case:
    case.failures.append(Failure(code, case.operation, message, exchange, expect))
    return case


def _set_at(body: Any, path: Sequence[str], value: Any) -> Any:
    """``body`` (a copy) with ``value`` at ``path``, objects made on the way."""
    result = copy.deepcopy(body) if isinstance(body, dict) else {}
    node = result
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    return result


def _schema_at(spec: Spec, schema: Any, path: Sequence[str]) -> Mapping[str, Any]:
    node = spec.resolve(schema or {})
    for key in path:
        node = spec.resolve(_properties(spec, node).get(key) or {})
    return node


def _properties(spec: Spec, schema: Mapping[str, Any]) -> dict[str, Any]:
    """A schema's properties, its ``$ref`` / ``allOf`` parts merged (``_model.schema.merged``)."""
    return dict(merged(spec.document, schema, source=spec.source)["properties"])


def _minimal(spec: Spec, schema: Any, depth: int = 0, text: str = "smoke") -> Any:
    """The smallest plain instance of a schema: required properties only, strings ``text``, numbers 10."""
    node = spec.resolve(schema or {})
    kind = node.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "enum" in node:
        return node["enum"][0]
    if "object" in kinds or "properties" in node or "allOf" in node:
        shape = merged(spec.document, node, source=spec.source)
        properties, required = shape["properties"], sorted(shape["required"])
        return {key: _minimal(spec, properties.get(key), depth + 1, text) for key in required if depth < 6}
    if "array" in kinds:
        return [_minimal(spec, node.get("items"), depth + 1, text)] if depth < 6 else []
    if "integer" in kinds:
        return max(1, int(node.get("minimum") or 1))
    if "number" in kinds:
        return 10.0
    if "boolean" in kinds:
        return False
    return text


def _differences(first: Any, second: Any, path: str = "$") -> Iterator[str]:
    """JSON paths where two answers differ (volatile keys left out)."""
    if isinstance(first, dict) and isinstance(second, dict):
        for key in sorted(set(first) | set(second)):
            if key in VOLATILE:
                continue
            if key not in first or key not in second:
                yield f"{path}.{key}"
            else:
                yield from _differences(first[key], second[key], f"{path}.{key}")
    elif isinstance(first, list) and isinstance(second, list):
        if len(first) != len(second):
            yield f"{path} ({len(first)} items, then {len(second)})"
            return
        for index, (a, b) in enumerate(zip(first, second, strict=True)):
            yield from _differences(a, b, f"{path}[{index}]")
    elif first != second:
        yield path


def _never(operation: Operation, token: str) -> dict[str, Any]:
    """Path values smoke never wrote: ``smoke-<run>-never-<n>`` strings, far-end integers."""
    values: dict[str, Any] = {}
    for index, parameter in enumerate(operation.path_parameters):
        kind = (parameter.schema or {}).get("type") if isinstance(parameter.schema, Mapping) else None
        if kind == "integer":
            values[parameter.python_name] = NEVER_INTEGER + zlib.crc32(f"{token}{index}".encode()) % 100_000_000
        else:
            values[parameter.python_name] = f"smoke-{token}-never-{index}"
    return values


# -- state machines --------------------------------------------------------------------------------------

_TRANSITION = re.compile(r"`?([a-z][a-z_]*)`?\s*(?:->|→)\s*`?([a-z][a-z_]*)`?")
_VIA = re.compile(r"operation/([A-Za-z0-9_]+)")


@dataclass(frozen=True)
class Machine:
    """A resource's states and the transitions its spec allows, each by the operation that makes it."""

    update: Operation
    state_path: tuple[str, ...]
    states: tuple[str, ...]
    allowed: frozenset[tuple[str, str, str]]
    """``(from, to, operationId)`` the description allows."""

    def via(self, operation_id: str) -> set[tuple[str, str]]:
        return {(a, b) for a, b, op in self.allowed if op == operation_id}


def machines(spec: Spec) -> list[Machine]:
    """Every state machine the spec describes: an update operation's ``state`` with an ``enum`` and a description
    that lists its transitions (``open -> closed``; "**only** via [Reopen ...](...operation/reopenX)")."""
    found = []
    for operation in spec.operations.values():
        if not operation.state_path or operation.body is None or operation.body.schema is None:
            continue
        schema = _schema_at(spec, operation.body.schema, operation.state_path)
        states = tuple(str(state) for state in schema.get("enum") or ())
        allowed = set()
        for line in str(schema.get("description") or "").splitlines():
            via = _VIA.search(line)
            for start, end in _TRANSITION.findall(line):
                if start in states and end in states:
                    allowed.add((start, end, via.group(1) if via else operation.operation_id))
        if states and allowed:
            found.append(Machine(operation, operation.state_path, states, frozenset(allowed)))
    return found


def _machine_work(spec: Spec, machine: Machine) -> Work:
    async def work(context: RunContext, harvest: Harvest) -> list[Case]:
        return await _state_machine(spec, machine, context)

    return work


async def _state_machine(spec: Spec, machine: Machine, context: RunContext) -> list[Case]:
    """Reach each state on a fresh resource through allowed steps, then try every transition the description does
    not allow from it: each must be refused (4xx). An operation the description names is first shown to work from
    a state it is allowed from (its control); otherwise its refusals prove nothing and it is skipped."""
    update = machine.update
    code = "state_machine"
    session_param = update.path_parameters[0].python_name if update.path_parameters else None
    if session_param is None:
        return [_skip(update, code, "the update names no resource in its path")]
    others = {
        op.operation_id: op
        for op in spec.operations.values()
        if op.operation_id != update.operation_id
        and op.operation_id in {via for _, _, via in machine.allowed}
        and op.path_parameters
        and op.path_parameters[0].python_name == session_param
    }
    valid = context.valid_arguments(update) or {}
    base_body = _open_body(spec, machine, valid, f"smoke-{context.token}-sm")
    other_args = {op_id: _other_arguments(context, op) for op_id, op in others.items()}
    cases: list[Case] = []
    counter = 0

    async def fresh_in(state: str) -> tuple[str | None, list[Case]]:
        """A new resource brought to ``state`` through allowed steps (None when it cannot be)."""
        nonlocal counter
        counter += 1
        ident = f"smoke-{context.token}-sm-{update.python_name}-{counter}"
        route = _route(machine, "open", state, set(others))
        if route is None:
            return None, []
        steps: list[Case] = []
        args = {**valid, session_param: ident, "body": base_body}
        case, exchange = await _call(context, update, args, f"{code}: a new resource, open", code)
        steps.append(case)
        if not _ok(exchange):
            return None, steps
        for start, end, via in route:
            if via == update.operation_id:
                args = {**valid, session_param: ident, "body": _set_at(base_body, machine.state_path, end)}
                step_op = update
            else:
                step_op = others[via]
                built = other_args[via]
                if built is None:
                    return None, steps
                args = {**built, session_param: ident}
            case, exchange = await _call(context, step_op, args, f"{code}: {start} -> {end} (allowed)", code)
            steps.append(case)
            if not _ok(exchange):
                return None, steps
        return ident, steps

    reachable = [state for state in machine.states if _route(machine, "open", state, set(others)) is not None]
    # controls: each other operation works from a state it is allowed from
    trusted = {update.operation_id}
    for op_id, op in others.items():
        starts = sorted({a for a, _ in machine.via(op_id)} & set(reachable))
        if not starts or other_args[op_id] is None:
            cases.append(_skip(op, f"{code}: {op_id}", "no valid request to try it with"))
            continue
        ident, steps = await fresh_in(starts[0])
        cases += [c for c in steps if c.failures]
        if ident is None:
            cases.append(_skip(op, f"{code}: {op_id}", f"could not bring a resource to {starts[0]!r} to try it"))
            continue
        case, exchange = await _call(
            context, op, {**(other_args[op_id] or {}), session_param: ident}, f"{code}: {op_id} from {starts[0]}", code
        )
        if _ok(exchange):
            trusted.add(op_id)
            cases.append(case)
        else:
            cases.append(
                _skip(
                    op,
                    f"{code}: {op_id}",
                    f"the allowed {op_id} from {starts[0]!r} was refused too: its refusals would prove nothing",
                )
            )
    for state in reachable:
        if context.out_of_time():
            cases.append(_skip(update, f"{code}: from {state}", "not run: the time budget ran out"))
            break
        forbidden: list[tuple[str, Operation]] = []
        for end in machine.states:
            if end != state and (state, end, update.operation_id) not in machine.allowed:
                forbidden.append((end, update))
        for op_id in sorted(trusted - {update.operation_id}):
            ends = {b for _, b in machine.via(op_id)}
            # A transition the description does not list is forbidden; staying in a state is no transition (a
            # second return on a partly returned session keeps it partially_returned: the spec says nothing).
            if state not in {a for a, _ in machine.via(op_id)} and state not in ends:
                forbidden.append((next(iter(sorted(ends))), others[op_id]))
        if not forbidden:
            continue
        ident, steps = await fresh_in(state)
        cases += [c for c in steps if c.failures]
        if ident is None:
            cases.append(_skip(update, f"{code}: from {state}", f"could not bring a resource to {state!r}"))
            continue
        for end, op in forbidden:
            if op is update:
                args = {**valid, session_param: ident, "body": _set_at(base_body, machine.state_path, end)}
                name = f"{code}: {state} -> {end} via {op.operation_id} is refused"
            else:
                args = {**(other_args[op.operation_id] or {}), session_param: ident}
                name = f"{code}: {op.operation_id} on a {state} resource is refused"
            case, exchange = await _call(context, op, args, name, code)
            status = _status(exchange)
            if status is not None and status < 400:
                allowed = sorted(a for a, b, via in machine.allowed if via == op.operation_id)
                _fail(
                    case,
                    code,
                    f"{op.operation_id} on a {state!r} resource was answered {status}: the spec allows "
                    f"{' or '.join(f'{a} -> {b}' for a, b, via in sorted(machine.allowed) if via == op.operation_id)}"
                    f"{'' if allowed else ' nothing'} through it",
                    exchange,
                    "response.status_code >= 400",
                )
                cases.append(case)
                break  # the resource is in another state now: the rest from here would not test what they say
            cases.append(case)
    return cases


def _open_body(spec: Spec, machine: Machine, valid: Mapping[str, Any], profile: str | None = None) -> Any:
    """A body that opens a resource of ``machine``: the valid one, its state ``open``, its customer ``profile``
    (when given and the resource has one), and one cart item of quantity 2 where it has a cart (so a return of
    one item applies)."""
    body = _set_at(valid.get("body") or {}, machine.state_path, "open")
    update = machine.update
    container = list(machine.state_path[:-1])
    fields = _properties(spec, _schema_at(spec, update.body.schema if update.body else None, container))
    if profile is not None and "profileId" in fields:
        body = _set_at(body, [*container, "profileId"], profile)
    if "cartItems" in fields:
        schema = spec.resolve(fields["cartItems"]).get("items")
        item = _minimal(spec, schema)
        if isinstance(item, dict) and "quantity" in _properties(spec, spec.resolve(schema or {})):
            item = {**item, "quantity": 2}
        body = _set_at(body, [*container, "cartItems"], [item])
    return body


def _route(machine: Machine, start: str, goal: str, usable: set[str]) -> list[tuple[str, str, str]] | None:
    """The shortest list of allowed steps from ``start`` to ``goal`` (through the update and ``usable``)."""
    frontier: list[tuple[str, list[tuple[str, str, str]]]] = [(start, [])]
    seen = {start}
    while frontier:
        state, path = frontier.pop(0)
        if state == goal:
            return path
        for a, b, via in sorted(machine.allowed):
            if a == state and b not in seen and (via == machine.update.operation_id or via in usable):
                seen.add(b)
                frontier.append((b, [*path, (a, b, via)]))
    return None


def _other_arguments(context: RunContext, operation: Operation) -> dict[str, Any] | None:
    """A valid request of an operation on the resource: positions at 0 and quantities at 1 (items the fresh
    resource has)."""
    valid = context.valid_arguments(operation)
    if valid is None:
        return None

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: 0 if key == "position" else 1 if key == "quantity" else fix(value)
                for key, value in node.items()
                if key != "sku" or "position" not in node
            }
        if isinstance(node, list):
            return [fix(item) for item in node[:1]] or node
        return node

    if "body" in valid:
        valid["body"] = fix(valid["body"])
    return valid


# -- idempotency -------------------------------------------------------------------------------------------


def _read_of(spec: Spec, operation: Operation) -> Operation | None:
    """The GET that reads the resource an operation writes: the longest GET path that the operation's path starts
    with and that names the same path parameters."""
    best: Operation | None = None
    for candidate in spec.operations.values():
        if candidate.method != "GET" or not candidate.path_parameters:
            continue
        names = [p.python_name for p in candidate.path_parameters]
        same = names == [p.python_name for p in operation.path_parameters[: len(names)]]
        longer = best is None or len(candidate.path) > len(best.path)
        if operation.path.startswith(candidate.path) and same and longer:
            best = candidate
    return best


def _idempotency_work(spec: Spec, operation: Operation, machine: Machine | None) -> Work:
    async def work(context: RunContext, harvest: Harvest) -> list[Case]:
        return await _idempotency(spec, operation, machine, context, harvest)

    return work


async def _idempotency(
    spec: Spec, operation: Operation, machine: Machine | None, context: RunContext, harvest: Harvest
) -> list[Case]:
    """The same request with the same key twice: the same answer, and a read of the resource in between and after
    sees nothing more change; the same request with a new key is a new request (not the first answer again)."""
    code = "idempotency"
    key_name = operation.idempotency_key.python_name if operation.idempotency_key else "idempotency_key"
    args = _replayable(spec, context, operation, harvest)
    if args is None:
        return [_skip(operation, code, "no valid request to repeat")]
    cases: list[Case] = []
    if machine is not None and operation.path_parameters:
        prepared = await _prepare_for(spec, machine, operation, context, args)
        if prepared is None:
            return [_skip(operation, code, "could not prepare a resource this operation applies to")]
        args, steps = prepared
        cases += [c for c in steps if c.failures]
    first_key = f"smoke-{context.token}-idem-{operation.operation_id}"
    first_case, first = await _call(context, operation, {**args, key_name: first_key}, f"{code}: first", code)
    if not _ok(first) and machine is None:  # what the scenarios sent named what is gone: the smallest request
        plain = _plain(spec, context, operation)
        if plain is not None:
            args = {**plain, **{p.python_name: args[p.python_name] for p in operation.path_parameters}}
            first_key += "-plain"
            first_case, first = await _call(context, operation, {**args, key_name: first_key}, f"{code}: first", code)
    cases.append(first_case)
    if not _ok(first):
        cases[-1] = _skip(operation, f"{code}: first", f"the request was refused ({_status(first)}): nothing to repeat")
        return cases
    read = _read_of(spec, operation)
    read_args = {p.python_name: args[p.python_name] for p in read.path_parameters} if read else None
    before = None
    if read is not None and read_args is not None:
        _, seen = await _call(context, read, read_args, f"{code}: read after the first", code)
        before = _body(seen) if _ok(seen) else None
    again_case, again = await _call(context, operation, {**args, key_name: first_key}, f"{code}: same key again", code)
    if (again is not None and first is not None) and (_status(again) != _status(first) or _body(again) != _body(first)):
        where = next(_differences(_body(first), _body(again)), "$")
        _fail(
            again_case,
            code,
            f"a repeat with the same Idempotency-Key was answered {_status(again)}, not the first answer "
            f"({_status(first)}) again: first difference at {where}",
            again,
        )
    cases.append(again_case)
    if before is not None and read is not None and read_args is not None:
        read_case, seen = await _call(context, read, read_args, f"{code}: read after the repeat", code)
        after = _body(seen) if _ok(seen) else None
        changed = list(_differences(before, after))
        if after is not None and changed:
            _fail(
                read_case,
                code,
                f"the repeat with the same key changed what {read.operation_id} reads: {', '.join(changed[:3])}",
                seen,
            )
        cases.append(read_case)
    new_case, new = await _call(context, operation, {**args, key_name: f"{first_key}-2"}, f"{code}: a new key", code)
    replayed = new is not None and _status(new) == _status(first) and _body(new) == _body(first)
    if first is not None and _identified(_body(first)) and replayed:
        _fail(
            new_case,
            code,
            "a request with a new Idempotency-Key got the first answer back, identifiers and all: the key is not "
            "per request",
            new,
        )
    cases.append(new_case)
    return cases


def _identified(body: Any) -> bool:
    """Whether an answer holds what every processed request changes: an event's id, an update count, a return's
    id. (Times and ids of entities may repeat within a millisecond or an upsert; these cannot.)"""
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "updateCount" or (key in ("event", "return") and isinstance(value, dict) and "id" in value):
                return True
            if _identified(value):
                return True
    elif isinstance(body, list):
        return any(_identified(item) for item in body)
    return False


def _replayable(spec: Spec, context: RunContext, operation: Operation, harvest: Harvest) -> dict[str, Any] | None:
    """Arguments for one valid call: what a scenario sent successfully (fresh identifiers), else a valid request."""
    for arguments, _ in harvest.of(operation):
        chosen = {k: v for k, v in arguments.items() if k != "idempotency_key"}
        return _renamed(chosen, context.token, "idem")  # type: ignore[no-any-return]
    valid = _plain(spec, context, operation)
    if valid is None:
        return None
    for parameter in operation.path_parameters:
        if isinstance(valid.get(parameter.python_name), str):
            valid[parameter.python_name] = f"smoke-{context.token}-idem-{parameter.name}"
    return valid


def _plain(spec: Spec, context: RunContext, operation: Operation) -> dict[str, Any] | None:
    """A valid request with the smallest body its schema takes (only what is required): an example body may name
    things the target does not have (audiences, campaigns)."""
    valid = context.valid_arguments(operation)
    if valid is None:
        return None
    body = operation.body
    if body is not None and body.is_json and body.schema is not None:
        smallest = _minimal(spec, body.schema, text=f"smoke-{context.token}-min")
        content = spec.resolve(_properties(spec, spec.resolve(body.schema)).get("responseContent") or {})
        wanted = spec.resolve(content.get("items") or {}).get("enum")
        if isinstance(smallest, dict) and isinstance(wanted, list):
            smallest["responseContent"] = list(wanted)  # everything the answer can show: more to compare
        if body.schema_pointer is None or spec.validator.is_valid(body.schema_pointer, smallest):
            valid["body"] = smallest
    return valid


def _renamed(value: Any, token: str, tag: str) -> Any:
    """Every ``smoke-<run>-x`` identifier in ``value`` made ``smoke-<run>-<tag>-x``: the same writes, for new
    resources."""
    prefix = f"smoke-{token}-"
    if isinstance(value, str) and value.startswith(prefix):
        return f"{prefix}{tag}-{value[len(prefix) :]}"
    if isinstance(value, dict):
        return {key: _renamed(item, token, tag) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, token, tag) for item in value]
    return value


async def _prepare_for(
    spec: Spec, machine: Machine, operation: Operation, context: RunContext, args: dict[str, Any]
) -> tuple[dict[str, Any], list[Case]] | None:
    """A fresh resource in a state ``operation`` is allowed from (through the machine's allowed steps)."""
    update = machine.update
    param = update.path_parameters[0].python_name
    if operation.operation_id == update.operation_id:
        return {**args, param: f"smoke-{context.token}-idem-{operation.operation_id}"}, []
    starts = sorted({a for a, _ in machine.via(operation.operation_id)})
    if not starts:
        return None
    ident = f"smoke-{context.token}-idem-{operation.operation_id}"
    valid = context.valid_arguments(update) or {}
    body = _open_body(spec, machine, valid)
    steps: list[Case] = []
    case, exchange = await _call(context, update, {**valid, param: ident, "body": body}, "idempotency: prepare", "x")
    steps.append(case)
    route = _route(machine, "open", starts[0], set())
    if not _ok(exchange) or route is None:
        return None
    for _, end, _ in route:
        step = {**valid, param: ident, "body": _set_at(body, machine.state_path, end)}
        case, exchange = await _call(context, update, step, "idempotency: prepare", "x")
        steps.append(case)
        if not _ok(exchange):
            return None
    fixed = _other_arguments(context, operation) or args
    return {**fixed, param: ident}, steps


# -- paging ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pager:
    """A list operation: its page size and offset parameters (Python names) and where its items are."""

    operation: Operation
    size: str
    offset: str
    items: str
    more: str | None
    largest: int


def pagers(spec: Spec) -> list[Pager]:
    """GET operations with ``pageSize``/``skip`` (or ``limit``/``offset``) whose answer holds an array."""
    found = []
    for operation in spec.operations.values():
        if operation.method != "GET":
            continue
        by_name = {p.name: p for p in operation.parameters if p.location == "query"}
        for size, offset in (("pageSize", "skip"), ("limit", "offset")):
            if size in by_name and offset in by_name:
                response = operation.response_for(operation.success_status)
                schema = spec.resolve(response.schema or {}) if response and response.schema else {}
                properties = _properties(spec, schema)
                arrays = [key for key, value in properties.items() if spec.resolve(value).get("type") == "array"]
                if not arrays:
                    continue
                maximum = (
                    (by_name[size].schema or {}).get("maximum") if isinstance(by_name[size].schema, Mapping) else None
                )
                found.append(
                    Pager(
                        operation,
                        by_name[size].python_name,
                        by_name[offset].python_name,
                        "data" if "data" in arrays else arrays[0],
                        "hasMore" if "hasMore" in properties else None,
                        int(maximum) if isinstance(maximum, int) else 1000,
                    )
                )
                break
    return found


def _paging_work(pager: Pager) -> Work:
    async def work(context: RunContext, harvest: Harvest) -> list[Case]:
        return await _paging(pager, context, harvest)

    return work


async def _paging(pager: Pager, context: RunContext, harvest: Harvest) -> list[Case]:
    """Find a list with at least two items (path values the scenarios wrote), then walk it a page at a time (sizes
    1 and 2): the pages concatenate to the whole list with no gap or repeat, ``hasMore`` true before the last."""
    code = "paging"
    operation = pager.operation
    for args in _combinations(operation, context, harvest):
        whole_case, whole = await _call(
            context, operation, {**args, pager.size: pager.largest, pager.offset: 0}, f"{code}: the whole list", code
        )
        items = _items(whole, pager)
        if items is None or len(items) < 2:
            continue
        cases = [whole_case]
        for size in (1, 2):
            walked: list[Any] = []
            for page in range(MAX_PAGES):
                if context.out_of_time():
                    cases.append(
                        _skip(operation, f"{code}: pages of {size}", "not run: the time budget ran out", False)
                    )
                    return cases
                case, exchange = await _call(
                    context,
                    operation,
                    {**args, pager.size: size, pager.offset: page * size},
                    f"{code}: page {page + 1} of size {size}",
                    code,
                )
                chunk = _items(exchange, pager)
                if chunk is None:
                    cases.append(case)
                    break
                walked += chunk
                last = (page + 1) * size >= len(items)
                more = _body(exchange).get(pager.more) if pager.more and isinstance(_body(exchange), dict) else None
                if pager.more is not None and more is not (not last):
                    _fail(
                        case,
                        code,
                        f"{pager.more} is {json.dumps(more)} on page {page + 1} of {-(-len(items) // size)} "
                        f"(size {size}): it must be {json.dumps(not last)}",
                        exchange,
                        f"response.json()[{pager.more!r}] is {not last!r}",
                    )
                cases.append(case)
                if last or not chunk:
                    break
            if walked != items:
                missing = [item for item in items if item not in walked]
                repeated = len(walked) - len({json.dumps(item, sort_keys=True) for item in walked})
                detail = f"{len(missing)} missing" if missing else ""
                detail += f"{', ' if detail else ''}{repeated} repeated" if repeated else ""
                _fail(
                    cases[-1],
                    code,
                    f"pages of {size} concatenate to {len(walked)} item(s), the whole list has {len(items)}"
                    f"{f' ({detail})' if detail else ' (in another order)'}",
                    cases[-1].exchange,
                )
        return cases
    return [_skip(operation, code, "no list of two or more items found among the values the scenarios wrote", False)]


def _items(exchange: Exchange | None, pager: Pager) -> list[Any] | None:
    body = _body(exchange) if _ok(exchange) and exchange is not None else None
    found = body.get(pager.items) if isinstance(body, dict) else None
    return found if isinstance(found, list) else None


def _combinations(operation: Operation, context: RunContext, harvest: Harvest) -> Iterator[dict[str, Any]]:
    """Arguments for a read: path values the scenarios used (a few combinations), required query values from a
    valid request."""
    valid = context.valid_arguments(operation) or {}
    required = {
        p.python_name: valid[p.python_name]
        for p in operation.parameters
        if p.location != "path" and p.required and p.python_name in valid
    }
    choices = [harvest.values(p.python_name)[:4] for p in operation.path_parameters]
    if any(not values for values in choices):
        return
    names = [p.python_name for p in operation.path_parameters]
    for seen, combination in enumerate(_product(choices)):
        if seen >= 8:
            return
        yield {**required, **dict(zip(names, combination, strict=True))}


def _product(choices: list[list[Any]]) -> Iterator[list[Any]]:
    if not choices:
        yield []
        return
    for first in choices[0]:
        for rest in _product(choices[1:]):
            yield [first, *rest]


# -- isolation ---------------------------------------------------------------------------------------------


def _profile_reads(spec: Spec) -> list[Operation]:
    """GET operations whose path names a customer."""
    return [
        op
        for op in spec.operations.values()
        if op.method == "GET" and any(p.name in PROFILE_PARAMETERS for p in op.path_parameters)
    ]


def _profile_upsert(spec: Spec) -> Operation | None:
    """A PUT whose only path value names a customer: how a fresh customer is made."""
    for op in spec.operations.values():
        names = [p.name for p in op.path_parameters]
        if op.method == "PUT" and len(names) == 1 and names[0] in PROFILE_PARAMETERS and op.path.endswith("}"):
            return op
    return None


async def _isolation(spec: Spec, context: RunContext, harvest: Harvest) -> list[Case]:
    """A fresh customer's reads, then every write the scenarios made, replayed for new customers, then the fresh
    customer's reads again: they must not change (nothing written for one customer shows in another's reads).
    The control: at least one replayed write lands."""
    code = "isolation"
    upsert = _profile_upsert(spec)
    reads = _profile_reads(spec)
    anchor = reads[0] if reads else None
    if upsert is None or anchor is None:
        return [_skip(anchor or next(iter(spec.operations.values())), code, "no customer-keyed reads to compare")]
    outsider = f"smoke-{context.token}-iso-outsider"
    valid = _plain(spec, context, upsert) or {}
    param = upsert.path_parameters[0].python_name
    made_case, made = await _call(context, upsert, {**valid, param: outsider}, f"{code}: a fresh customer", code)
    if not _ok(made):
        return [_skip(upsert, code, f"a fresh customer could not be made ({_status(made)})")]
    cases = [made_case]

    async def snapshot() -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for read in reads:
            for args in _reads_for(read, context, harvest, outsider):
                _, exchange = await _call(
                    context, read, args, f"{code}: {read.operation_id} of the fresh customer", code
                )
                if _ok(exchange):
                    seen[f"{read.operation_id} {json.dumps(args, sort_keys=True, default=str)}"] = (
                        _body(exchange),
                        exchange,
                    )
        return seen

    before = await snapshot()
    if not before:
        return [*cases, _skip(anchor, code, "no read of the fresh customer was answered 2xx", False)]
    landed = 0
    for op_id, arguments, _ in harvest.calls:
        operation = spec.operations[op_id]
        if operation.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
            continue  # reads change nothing; a delete would take away what may have leaked before it is read
        if context.out_of_time():
            return [*cases, _skip(anchor, code, "not run: the time budget ran out", False)]
        replayed = {k: v for k, v in _renamed(dict(arguments), context.token, "iso").items() if k != "idempotency_key"}
        _, exchange = await _call(context, operation, replayed, f"{code}: replay {op_id}", code)
        landed += _ok(exchange)
    if not landed:
        return [*cases, _skip(anchor, code, "no write of the scenarios could be replayed for new customers", False)]
    after = await snapshot()
    checked = Case(
        KIND, anchor.operation_id, f"{code}: the fresh customer's reads after {landed} writes for others", False
    )
    for key, (body, exchange) in after.items():
        if key not in before:
            continue
        changed = list(_differences(before[key][0], body))
        if changed:
            read = key.split(" ", 1)[0]
            _fail(
                checked,
                code,
                f"{read} of a customer nobody wrote for changed after writes for other customers: "
                f"{', '.join(changed[:3])}",
                exchange,
            )
    checked.exchange = next(iter(after.values()))[1] if after else None
    return [*cases, checked]


def _reads_for(read: Operation, context: RunContext, harvest: Harvest, customer: str) -> list[dict[str, Any]]:
    """Arguments to read ``customer`` with: the scenarios' own arguments of this read, else a valid request, with
    every boolean flag of its query on (an inventory shows all it can); other path values from what the scenarios
    used."""
    flags = {
        p.python_name: True
        for p in read.parameters
        if p.location == "query" and isinstance(p.schema, Mapping) and p.schema.get("type") == "boolean"
    }
    return [{**found, **flags} for found in _customer_reads(read, context, harvest, customer)]


def _customer_reads(read: Operation, context: RunContext, harvest: Harvest, customer: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for arguments, _ in harvest.of(read)[:2]:
        found.append(
            {**arguments, **{p.python_name: customer for p in read.path_parameters if p.name in PROFILE_PARAMETERS}}
        )
    if not found:
        valid = context.valid_arguments(read)
        if valid is None:
            return []
        for p in read.path_parameters:
            if p.name in PROFILE_PARAMETERS:
                valid[p.python_name] = customer
            else:
                values = harvest.values(p.python_name)
                if not values:
                    return []
                valid[p.python_name] = values[0]
        found.append(valid)
    return found


# -- documented not-found ----------------------------------------------------------------------------------


def _not_found_work(operation: Operation) -> Work:
    async def work(context: RunContext, harvest: Harvest) -> list[Case]:
        return await _not_found(operation, context)

    return work


def _writable_names(spec: Spec) -> set[str]:
    """Path parameter names some write of the spec takes: identifiers a client can make exist."""
    return {
        p.name for op in spec.operations.values() if op.method in ("PUT", "POST", "PATCH") for p in op.path_parameters
    }


def documents_not_found(operation: Operation, writable: set[str] | None = None) -> bool:
    """Whether an operation documents 404 for what its path names (the 404's or the operation's words say "not
    found"/"does not exist"/"unknown" when a 400 is documented too, so the spec says which), and names something
    the spec can write (``writable``): an identifier nothing in the spec makes may exist or not, for all smoke
    knows."""
    if not operation.path_parameters or "404" not in operation.responses:
        return False
    if writable is not None and not any(p.name in writable for p in operation.path_parameters):
        return False
    if "400" not in operation.responses:
        return True
    words = f"{operation.responses['404'].description} {operation.description}".lower()
    return any(phrase in words for phrase in ("not found", "does not exist", "doesn't exist", "unknown"))


async def _not_found(operation: Operation, context: RunContext) -> list[Case]:
    """A valid request naming identifiers smoke never wrote: the documented 404."""
    code = "documented_not_found"
    valid = context.valid_arguments(operation)
    if valid is None:
        return [_skip(operation, code, "no valid request to start from")]
    args = {**valid, **_never(operation, context.token)}
    case, exchange = await _call(context, operation, args, f"{code}: identifiers never written", code)
    status = _status(exchange)
    if status is not None and status != 404:
        named = ", ".join(p.name for p in operation.path_parameters)
        _fail(
            case,
            code,
            f"{named} never written was answered {status}, not the documented 404"
            + (" (400 is documented too, for a bad request; the spec says 404 for this)" if status == 400 else ""),
            exchange,
            "response.status_code == 404",
        )
    return [case]


# -- read your writes --------------------------------------------------------------------------------------


def _pairs(spec: Spec) -> list[tuple[Operation, Operation]]:
    """A write and a GET of what it wrote: the same path, or the same path parameters under the same resource
    collection (``/v1/coupon_reservations/{couponValue}`` and ``/v1/coupon_reservations/customerprofiles/
    {couponValue}``; ``/v1/customer_profiles/{integrationId}`` and its ``/inventory``)."""

    def collection(operation: Operation) -> tuple[str, ...]:
        return tuple(operation.path.split("/")[1:3])

    found = []
    for write in spec.operations.values():
        if write.method not in ("PUT", "POST", "PATCH") or not write.path_parameters:
            continue
        names = {p.name for p in write.path_parameters}
        for read in spec.operations.values():
            if read.method != "GET" or {p.name for p in read.path_parameters} != names:
                continue
            action = write.path.startswith(read.path + "/")  # /reopen of a session: a transition, state_machine's
            if read.path == write.path or (collection(read) == collection(write) and not action):
                found.append((write, read))
    return found


def _pair_work(write: Operation, read: Operation) -> Work:
    async def work(context: RunContext, harvest: Harvest) -> list[Case]:
        return await _read_your_writes(write, read, context, harvest)

    return work


async def _read_your_writes(write: Operation, read: Operation, context: RunContext, harvest: Harvest) -> list[Case]:
    """A write the scenarios made, repeated, then the read of the same path: what both answers show is the same,
    and every identifier the write's body listed is in the read."""
    code = "read_your_writes"
    made = harvest.of(write)
    if not made:
        return [_skip(write, code, f"no scenario wrote with {write.operation_id}: nothing to read back")]
    arguments = {k: v for k, v in made[-1][0].items() if k != "idempotency_key"}
    wrote_case, wrote = await _call(context, write, arguments, f"{code}: {write.operation_id}", code)
    if not _ok(wrote):
        return [_skip(write, code, f"the scenarios' {write.operation_id} was refused when repeated ({_status(wrote)})")]
    asked = harvest.of(read)  # the scenarios' own query (an inventory's flags), else a valid one's
    read_args = {
        **(context.valid_arguments(read) or {}),
        **(
            {k: v for k, v in asked[0][0].items() if k not in {p.python_name for p in read.path_parameters}}
            if asked
            else {}
        ),
        **{p.python_name: arguments[p.python_name] for p in read.path_parameters if p.python_name in arguments},
    }
    read_case, seen = await _call(context, read, read_args, f"{code}: {read.operation_id} reads it back", code)
    if not _ok(seen):
        return [
            wrote_case,
            _fail(read_case, code, f"the read of what was just written was answered {_status(seen)}", seen),
        ]
    written, answer = _body(wrote), _body(seen)
    if isinstance(written, dict) and isinstance(answer, dict):
        for key in sorted(set(written) & set(answer) - VOLATILE):
            changed = list(_differences(written[key], answer[key], f"$.{key}"))
            if changed:
                _fail(
                    read_case,
                    code,
                    f"{write.operation_id} answered one thing and {read.operation_id} reads another at "
                    f"{', '.join(changed[:3])}",
                    seen,
                )
                break
    text = json.dumps(answer)
    for name, value in _identifier_lists(arguments.get("body")):
        missing = [item for item in value if json.dumps(item) not in text]
        if missing:
            _fail(read_case, code, f"{name} {missing[:3]} written with {write.operation_id} are not in the read", seen)
    return [wrote_case, read_case]


def _identifier_lists(body: Any) -> Iterator[tuple[str, list[Any]]]:
    """Lists of identifiers in a request body (keys ending in ``IDs``/``Ids``)."""
    if isinstance(body, dict):
        for key, value in body.items():
            if key.endswith(("IDs", "Ids")) and isinstance(value, list) and value:
                yield key, value
            else:
                yield from _identifier_lists(value)


# -- the registry ------------------------------------------------------------------------------------------


class _Recording:
    """A run context that keeps every request an invariant sends, so each one is in the report (a setup step, a
    read taken for comparison): the report's request count is what the server received."""

    def __init__(self, context: RunContext) -> None:
        self._context = context
        self.token = context.token
        self.sent: list[tuple[Operation, Exchange]] = []

    def out_of_time(self) -> bool:
        return self._context.out_of_time()

    def valid_arguments(self, operation: Operation) -> dict[str, Any] | None:
        return self._context.valid_arguments(operation)

    async def exchange(self, operation: Operation, args: Mapping[str, Any]) -> Exchange | Failure:
        result = await self._context.exchange(operation, args)
        if isinstance(result, Exchange) and not result.cut:
            self.sent.append((operation, result))
        return result


def _recorded(work: Work) -> Work:
    async def run(context: RunContext, harvest: Harvest) -> list[Case]:
        recording = _Recording(context)
        cases = await work(recording, harvest)
        shown = {id(case.exchange) for case in cases if case.exchange is not None}
        order = [exchange for _, exchange in recording.sent]
        positions = {id(exchange): index for index, exchange in enumerate(order)}
        for case in cases:  # what a reproducer repeats before the failing request
            if case.failures and case.exchange is not None and id(case.exchange) in positions:
                case.preceding = tuple(order[: positions[id(case.exchange)]])
        steps = [
            Case(
                KIND,
                operation.operation_id,
                "a request the check made (setup or a read to compare)",
                operation.method not in ("GET", "HEAD", "OPTIONS"),
                failures=_no_answer(operation, exchange),
                exchange=exchange,
                duration=exchange.elapsed,
            )
            for operation, exchange in recording.sent
            if id(exchange) not in shown
        ]
        return [*steps, *cases]

    return run


INVARIANTS: dict[str, str] = {
    "state_machine": "every state transition the spec's description does not allow is refused (4xx), through the "
    "update and through each operation it names",
    "idempotency": "a request repeated with the same Idempotency-Key gets the first answer and changes nothing "
    "more; a new key is a new request",
    "paging": "the pages of a list concatenate to the whole list with no gap or repeat, and hasMore is false "
    "exactly on the last page",
    "isolation": "what is written for one customer never appears in another customer's reads",
    "documented_not_found": "an identifier that was never written gets the documented 404",
    "read_your_writes": "what a write answers and what the read of the same path returns agree",
}
"""The invariants' codes and one-line explanations."""


def invariant_jobs(spec: Spec, chosen: set[str]) -> list[Invariant]:
    """The invariant jobs a spec supports (``chosen``: operationIds to limit to, empty for all)."""

    def wanted(*operations: Operation) -> bool:
        return not chosen or any(op.operation_id in chosen for op in operations)

    jobs: list[Invariant] = []
    found = machines(spec)
    for machine in found:
        if wanted(machine.update):
            label = f"state_machine {machine.update.operation_id}"
            jobs.append(
                Invariant("state_machine", label, machine.update.operation_id, True, _machine_work(spec, machine))
            )
    for operation in spec.operations.values():
        if operation.idempotency_key is not None and wanted(operation):
            owner = next(
                (
                    m
                    for m in found
                    if operation.operation_id == m.update.operation_id
                    or operation.operation_id in {via for _, _, via in m.allowed}
                ),
                None,
            )
            label = f"idempotency {operation.operation_id}"
            jobs.append(
                Invariant("idempotency", label, operation.operation_id, True, _idempotency_work(spec, operation, owner))
            )
    for pager in pagers(spec):
        if wanted(pager.operation):
            label = f"paging {pager.operation.operation_id}"
            jobs.append(Invariant("paging", label, pager.operation.operation_id, False, _paging_work(pager)))
    reads = _profile_reads(spec)
    if reads and _profile_upsert(spec) is not None and wanted(*reads):

        async def isolation(context: RunContext, harvest: Harvest) -> list[Case]:
            return await _isolation(spec, context, harvest)

        jobs.append(Invariant("isolation", "isolation of customers", reads[0].operation_id, True, isolation))
    writable = _writable_names(spec)
    for operation in spec.operations.values():
        if documents_not_found(operation, writable) and wanted(operation):
            label = f"documented_not_found {operation.operation_id}"
            writes = operation.method not in ("GET", "HEAD", "OPTIONS")
            jobs.append(
                Invariant("documented_not_found", label, operation.operation_id, writes, _not_found_work(operation))
            )
    for write, read in _pairs(spec):
        if wanted(write, read):
            label = f"read_your_writes {write.operation_id} / {read.operation_id}"
            jobs.append(Invariant("read_your_writes", label, write.operation_id, True, _pair_work(write, read)))
    return jobs
