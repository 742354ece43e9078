"""JSON on the wire (``talon_dyn._json``): orjson's speed with exactly the standard library's results, checked on
the cases where the two libraries differ and on generated documents, with orjson and without it."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talon_dyn import _json


def _stdlib_dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


@pytest.fixture(params=["orjson", "json only"])
def codec(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The module as installed, and as it is where orjson has no wheel (json does everything)."""
    if request.param == "orjson":
        assert _json._orjson is not None, "the base install has orjson"
    else:
        monkeypatch.setattr(_json, "_orjson", None)
    return _json


READ_ALIKE = [
    b"123456789012345678901234567890",  # beyond 64 bits: orjson alone reads a float
    b"[-9223372036854775809, 18446744073709551616]",
    b'{"a": 1, "a": 2}',  # the last of a repeated key
    b"[1e400, -1e400]",  # overflow to the infinities
    b'"\\ud800"',  # a lone surrogate escape
    b"[-0.0, 0.1, 1e-7, 5e-324]",
    b'{"caf\xc3\xa9": "\xe2\x82\xac"}',
    '{"é": [true, false, null]}'.encode("utf-16"),  # json reads UTF-16 with its BOM
    b" [1, 2] ",
]


@pytest.mark.parametrize("data", READ_ALIKE, ids=range(len(READ_ALIKE)))
def test_reading_gives_what_json_gives(codec: Any, data: bytes) -> None:
    got, expected = codec.loads(data), json.loads(data)
    assert json.dumps(got) == json.dumps(expected)
    assert [type(item) for item in _leaves(got)] == [type(item) for item in _leaves(expected)]


def test_nan_and_infinity_tokens_read_as_json_reads_them(codec: Any) -> None:
    value = codec.loads(b"[NaN, Infinity, -Infinity]")
    assert math.isnan(value[0])
    assert value[1:] == [math.inf, -math.inf]


@pytest.mark.parametrize("data", [b"{", b'{"a": }', b"\xff", b"[1,]", b"", b"[" * 2000 + b"]" * 2000])
def test_bad_json_fails_as_json_fails(codec: Any, data: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)) as expected:
        json.loads(data)
    with pytest.raises(type(expected.value)):
        codec.loads(data)


WRITE_ALIKE: list[Any] = [
    {"a": None, "b": [None]},
    {"x": 1.5, "y": [1, 2, "é€"], "z": {"n": -0.0}},
    2**70,
    -(2**64),
    {1: "int key", None: "null key"},
    'line\nbreak "quoted" \\',
    [[[[[]]]]],
]


@pytest.mark.parametrize("value", WRITE_ALIKE, ids=range(len(WRITE_ALIKE)))
def test_writing_gives_the_bytes_json_gives(codec: Any, value: Any) -> None:
    assert codec.dumps(value) == _stdlib_dumps(value)


class Tier(str):
    """A str subclass (a caller's own type): written as json writes it."""


@dataclasses.dataclass
class Point:
    x: int


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        [float("inf")],
        {"a": -math.inf},
        {"a": None, "b": [None, float("nan")]},
        (None, math.inf),
        {"when": datetime.datetime(2026, 1, 1)},
        Point(1),
        {1.5: 2},
    ],
    ids=["nan", "inf", "-inf", "nan-beside-null", "inf-in-tuple", "datetime", "dataclass", "float-key"],
)
def test_what_json_refuses_is_refused_the_same_way(codec: Any, value: Any) -> None:
    try:
        expected: Any = _stdlib_dumps(value)
    except (ValueError, TypeError) as error:
        expected = type(error)
    if isinstance(expected, bytes):
        assert codec.dumps(value) == expected
    else:
        with pytest.raises(expected):
            codec.dumps(value)


def test_subclasses_are_written_as_json_writes_them(codec: Any) -> None:
    assert codec.dumps({"tier": Tier("gold")}) == b'{"tier":"gold"}'


def test_nesting_past_pythons_limit_is_a_recursion_error(codec: Any) -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(RecursionError):
        codec.dumps(deep)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, database=None)
@given(value=JSON)
def test_any_document_round_trips_to_the_same_value_as_with_json(value: Any) -> None:
    """Generated documents (any integer size, any float, any text): written to what json reads back as the same
    value, and read back exactly as json reads json's own bytes."""
    written = _json.dumps(value)
    assert json.loads(written) == json.loads(_stdlib_dumps(value))
    assert _json.loads(_stdlib_dumps(value)) == json.loads(_stdlib_dumps(value))


WITH_NON_FINITE = st.recursive(
    st.none() | st.floats() | st.integers(min_value=-(2**70), max_value=2**70) | st.text(max_size=4),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, database=None)
@given(value=WITH_NON_FINITE)
def test_a_nan_or_an_infinity_anywhere_is_refused_as_json_refuses_it(value: Any) -> None:
    """Generated documents with nulls, NaN and the infinities mixed in: refused exactly when json refuses them,
    else written to what json reads back as json's own bytes."""
    try:
        expected = json.loads(_stdlib_dumps(value))
    except ValueError:
        with pytest.raises(ValueError):
            _json.dumps(value)
    else:
        assert json.loads(_json.dumps(value)) == expected


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


@pytest.mark.parametrize("value", [float("inf"), {"a": None, "b": [float("nan"), -math.inf]}, {"n": None}])
def test_allow_nan_writes_what_json_writes(codec: Any, value: Any) -> None:
    """The sandbox's stored documents keep an overflowed amount as ``Infinity``, as json writes it."""
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert codec.dumps(value, allow_nan=True) == expected
