"""No path value can change the route: 10,000 hostile strings per route, each decoded back exactly.

For every distinct route with path parameters (one operation per path template, chosen
from the spec, so a new operation is fuzzed without touching this file), hypothesis sends
arbitrary strings - dot segments raw and percent-encoded, slashes, ``?``, ``#``, backslashes,
NUL, CR/LF, lone surrogates, non-ASCII, very long values - through a real ``Client`` with
request validation on, built by ``client.build_request`` (the step every call and tool sends
through; its URL is what the engines put on the wire). The request must go to that
operation's route with no query or fragment, and ``Spec.match`` (the sandbox's router) must
decode exactly the input. Values that cannot be sent at all (lone surrogates, URLs over
httpx's limit) are refused before anything is sent. A few hundred values also go through a
transport (``test_sent_requests_keep_the_route``), so the bytes an httpx transport sends are
checked too.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import talon_dyn
from talon_dyn import Operation, Parameter

SPEC = talon_dyn.load()
EXAMPLES = 10_000
"""Path values tried per route."""
BATCH = 50
"""Path values per hypothesis example: drawing them in batches keeps 10,000 per route fast."""
HOST = "talon.test"
MAX_TARGET_LENGTH = 65_536
"""The longest path httpx accepts in a request; a longer one is refused with RequestValidationError before sending."""

NASTY = (
    "..",
    ".",
    "../",
    "../../v1/referrals",
    "%2e%2e",
    "%2E%2E",
    "%2e%2e%2f",
    "..%2f",
    "%2e",
    "/",
    "//",
    "//evil.example",
    "http://evil.example/",
    "?",
    "?x=1",
    "#",
    "#top",
    "\\",
    "..\\",
    "\0",
    "%00",
    "%",
    "%%",
    "%zz",
    "%2F",
    "%252F",
    "%u002e",
    "+",
    " ",
    ";",
    "&",
    "=",
    ":",
    "@",
    "\r\n",
    "\t",
    "\x7f",
    "é",
    "日本",
    "\U0001f600",
    "\u202e",
    "\ufeff",
    "\ud800",
    "\udfff",
    "{couponValue}",
)
"""Fragments that change a route, a query or a host when they are not percent-encoded."""

_HOSTILE_CHARACTERS = st.sampled_from("./\\?#%;&=+:@ \0\r\n\t\x7f\ud800")
_ANY_CHARACTER = st.one_of(_HOSTILE_CHARACTERS, st.characters(exclude_categories=()))  # surrogates included
SHORT_VALUES = st.one_of(
    st.text(_ANY_CHARACTER, min_size=1, max_size=40),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=5).map("".join),
)
"""Arbitrary strings, and strings made of hostile fragments."""
LONG_VALUES = st.builds(operator.mul, st.sampled_from((*NASTY, "a", "日本")), st.integers(200, 2000))
"""Very long strings: up to 2,000 repetitions of a fragment (URLs of up to ~50,000 characters)."""
BATCHES = st.tuples(st.lists(SHORT_VALUES, min_size=BATCH - 1, max_size=BATCH - 1, unique=True), LONG_VALUES).map(
    lambda drawn: [*drawn[0], drawn[1]]
)
"""BATCH distinct values, the last of them very long."""


def _routes() -> list[tuple[Operation, Parameter]]:
    """One operation per path template (body-less and GET first), with each of its path parameters."""
    by_path: dict[str, list[Operation]] = {}
    for operation in SPEC:
        if operation.path_parameters:
            by_path.setdefault(operation.path, []).append(operation)
    chosen = [min(ops, key=lambda op: (op.body is not None, op.method != "GET")) for ops in by_path.values()]
    return [(operation, parameter) for operation in chosen for parameter in operation.path_parameters]


ROUTES = _routes()
ALL_PATH_PARAMETERS = [(op, p) for op in SPEC for p in op.path_parameters]


def _is_utf8(text: str) -> bool:
    """No lone surrogate (U+D800..U+DFFF), the only strings UTF-8 cannot carry."""
    return not any(0xD800 <= ord(char) <= 0xDFFF for char in text)


def _target_length(operation: Operation, parameter: Parameter, value: str) -> int:
    """The length of the path a call sends: the template with the percent-encoded value in place."""
    return len(operation.path) - len(f"{{{parameter.name}}}") + len(quote(value, safe=""))


class Sent(Exception):
    """Raised by the recording transport once it holds the request: the response is not what is tested."""


class Route:
    """A client whose transport records each request and stops there (building a response would triple the cost)."""

    def __init__(self, operation: Operation) -> None:
        self.operation = operation
        self.requests: list[httpx.Request] = []
        self.client = talon_dyn.Client(
            base_url=f"http://{HOST}",
            api_key="k",
            transport=httpx.MockTransport(self.handle),
            request_validation="strict",
            retry=talon_dyn.Retry.never(),
        )
        self.call: Callable[..., Any] = getattr(self.client, operation.python_name)
        self.arguments: dict[str, Any] = {parameter.python_name: "p-1" for parameter in operation.path_parameters}
        if operation.body is not None and operation.body.schema is not None:
            self.arguments[operation.body.name] = SPEC.resolve(operation.body.schema)["examples"][0]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        raise Sent

    def send(self, **arguments: Any) -> httpx.Request:
        """The request a call with these arguments sends (the client's own errors propagate)."""
        self.requests.clear()
        try:
            self.call(**{**self.arguments, **arguments})
        except Sent:
            (request,) = self.requests
            return request
        raise AssertionError("the recording transport was not reached")

    def built(self, **arguments: Any) -> str:
        """The URL the request of a call with these arguments is sent to (built, not sent)."""
        name = self.operation.python_name
        return self.client.build_request(name, **{**self.arguments, **arguments}).url


@cache
def route(operation_id: str) -> Route:
    return Route(SPEC.operation(operation_id))


def test_every_route_with_path_parameters_is_fuzzed() -> None:
    """The fuzzed routes are all the spec's path templates with parameters; the bundled spec has eight."""
    templates = {op.path for op in SPEC if op.path_parameters}
    assert {operation.path for operation, _ in ROUTES} == templates
    assert len(templates) == 8


BASE = f"http://{HOST}/"


def _check(operation: Operation, parameter: Parameter, value: str, *, sent: bool = False) -> None:
    """``value`` as the path parameter: it must be refused before sending, or reach the route intact (the URL as
    built; with ``sent``, the request as an httpx transport receives it)."""
    target = route(operation.operation_id)
    where = f"{operation.operation_id}({parameter.name}={value!r})"
    if not _is_utf8(value):
        with pytest.raises(talon_dyn.RequestValidationError, match="lone surrogate"):
            target.send(**{parameter.python_name: value}) if sent else target.built(**{parameter.python_name: value})
        assert target.requests == [], where
        return
    if sent:
        request = target.send(**{parameter.python_name: value})
        assert request.url.host == HOST, where
        assert request.url.fragment == "", where
        raw = request.url.raw_path.decode("ascii")
    else:
        url = target.built(**{parameter.python_name: value})
        assert url.startswith(BASE), where
        assert url.isascii(), where
        raw = url[len(BASE) - 1 :]
        assert "#" not in raw, where
    assert "?" not in raw, where
    found = SPEC.match(operation.method, raw)
    assert found is not None, where
    assert found[0] is operation, where
    assert found[1] == {parameter.name: value}, where


SHARDS = 2
"""The 10,000 strings are drawn in this many shards with their own seeds, so pytest-xdist runs them at once."""


# Not traced for coverage (pytest-cov's no_cover): tracing made these 80,000 calls ~3x slower
# (13 s -> 44 s of CPU), and the codec and router lines they run are covered by the other tests.
@pytest.mark.slow
@pytest.mark.no_cover
@pytest.mark.parametrize("shard", range(SHARDS))
def test_path_values_cannot_change_the_route(shard: int) -> None:
    """Any string as a path value reaches its operation's route and decodes back to exactly that string.

    Each drawn value goes to every route, so every route gets the same 10,000 strings (over all
    shards) while hypothesis generates them once (generation costs about as much as a call).
    """
    tried: list[str] = []

    @seed(20261128 + shard)
    @settings(
        max_examples=EXAMPLES // BATCH // SHARDS,
        derandomize=False,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the assertion names the value and the route
    )
    @given(values=BATCHES)
    def check(values: list[str]) -> None:
        for value in values:
            tried.append(value)
            for operation, parameter in ROUTES:
                _check(operation, parameter, value)

    check()
    assert len(tried) >= EXAMPLES // SHARDS
    assert len(set(tried)) >= EXAMPLES // SHARDS * 0.7
    assert sum(not _is_utf8(value) for value in tried) >= EXAMPLES // SHARDS * 0.05


@settings(max_examples=6, derandomize=True, deadline=None, database=None, phases=[Phase.explicit, Phase.generate])
@given(values=BATCHES)
def test_sent_requests_keep_the_route(values: list[str]) -> None:
    """300 of the hostile values, sent through an httpx transport: the request it receives has the host, no
    query or fragment, and routes back to exactly the value."""
    for value in values:
        for operation, parameter in ROUTES:
            _check(operation, parameter, value, sent=True)


@pytest.mark.parametrize(("operation", "parameter"), ROUTES, ids=[f"{op.operation_id}-{p.name}" for op, p in ROUTES])
def test_a_value_too_long_for_any_url_is_refused_before_sending(operation: Operation, parameter: Parameter) -> None:
    """A path value that makes the URL one character longer than httpx accepts is refused; the longest one is sent."""
    target = route(operation.operation_id)
    longest = "a" * (MAX_TARGET_LENGTH - _target_length(operation, parameter, ""))
    request = target.send(**{parameter.python_name: longest})
    assert SPEC.match(operation.method, request.url.raw_path.decode("ascii")) == (operation, {parameter.name: longest})
    with pytest.raises(talon_dyn.RequestValidationError, match="URL too long"):
        target.send(**{parameter.python_name: longest + "a"})
    assert target.requests == []


@pytest.mark.parametrize(
    ("operation", "parameter"),
    ALL_PATH_PARAMETERS,
    ids=[f"{op.operation_id}-{p.name}" for op, p in ALL_PATH_PARAMETERS],
)
def test_empty_path_value_is_refused_before_sending(operation: Operation, parameter: Parameter) -> None:
    """An empty string for a required path value is refused client-side, whatever the validation mode."""
    target = Route(operation)
    for mode in ("strict", "warn", "off"):
        with pytest.raises(talon_dyn.RequestValidationError, match="must not be empty"):
            target.send(**{parameter.python_name: "", "request_validation": mode})
        assert target.requests == []


def test_the_path_template_is_compiled_once_into_literals_and_names() -> None:
    """Each operation's path template is split once (``path_pieces``: literals and names alternating); the
    request's path joins the literals with the encoded values, in every spec the package bundles."""
    from talon_dyn._client.codec import _fill_path

    v2 = talon_dyn.load().operation("updateCustomerSessionV2")
    assert v2.path_pieces == ("/v2/customer_sessions/", "customerSessionId", "")
    assert _fill_path(v2, {"customerSessionId": "a%2Fb"}) == "/v2/customer_sessions/a%2Fb"
    assert _fill_path(v2, {}) == "/v2/customer_sessions/{customerSessionId}"  # nothing given: as written
    for name in ("2020", "current"):
        for operation in talon_dyn.load(name).operations.values():
            pieces = operation.path_pieces
            assert "".join(p if i % 2 == 0 else "{" + p + "}" for i, p in enumerate(pieces)) == operation.path
            assert [p.name for p in operation.path_parameters] == list(pieces[1::2])
