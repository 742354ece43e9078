"""JSON in and out of the wire: orjson where it gives the same result as the standard library, ``json`` elsewhere.

``dumps`` writes compact UTF-8 (``separators=(",", ":")``, ``ensure_ascii=False``) and refuses NaN and the
infinities, as ``json.dumps(..., allow_nan=False)`` does; ``loads`` reads what ``json.loads`` reads, to the same
values. orjson is 10-20x faster on a 20-item session body (``make bench``), but differs from the standard library
in four places, each sent back to ``json`` so nothing a caller sees changes:

* it writes NaN and the infinities as ``null``: output holding ``null`` is read back, and only when that is not
  the value given (a NaN or an infinity became ``None``; a tuple became a list) is it made again by ``json``, which
  refuses them (re-encoding every document with a ``null`` in it cost ~30 us for a 3 KB session answer, the check
  ~9);
* it refuses integers beyond 64 bits, non-string keys, lone surrogates and the types ``json`` turns away, and
  passes datetimes, dataclasses and subclasses of str/int/dict/list to ``json`` (``OPT_PASSTHROUGH_*``): each is
  an error of orjson's, answered by ``json``'s result or its own error;
* it reads integers beyond 64 bits as floats: a document with a run of 19 or more digits is read by ``json``;
* it refuses ``NaN``/``Infinity`` tokens, lone surrogate escapes, numbers that overflow, UTF-16/32 and nesting
  past 1,024 levels: read by ``json``, whose value (or error) is the answer.

Two differences stay, both valid JSON for the same value: orjson writes exponents without padding (``1e-7``
where ``json`` writes ``1e-07``), and it writes ``uuid.UUID`` and ``enum.Enum`` values (as their string and
value) where ``json`` raised ``TypeError`` (in a document that also holds a ``null`` they do not read back equal,
so ``json`` writes it, and raises). Without orjson installed, ``json`` does everything.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps", "loads"]

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the base install has it; a platform without a wheel does not
    _orjson = None  # type: ignore[assignment]

_ENCODERS = {
    allow: json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=allow).encode
    for allow in (False, True)
}
_OPTIONS = (
    0
    if _orjson is None
    else _orjson.OPT_PASSTHROUGH_DATETIME | _orjson.OPT_PASSTHROUGH_DATACLASS | _orjson.OPT_PASSTHROUGH_SUBCLASS
)
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_WIDE = b"0" * 19
"""19 digits in a row (after ``_DIGITS``): an integer that may not fit in 64 bits, which orjson reads as a float."""


def dumps(value: Any, *, allow_nan: bool = False) -> bytes:
    """``value`` as compact UTF-8 JSON; ``ValueError`` for NaN or an infinity (written ``NaN``/``Infinity`` with
    ``allow_nan``, as ``json`` does), ``TypeError`` for what JSON cannot hold, ``RecursionError`` for nesting past
    Python's limit (the standard library's errors)."""
    if _orjson is not None:
        try:
            data = _orjson.dumps(value, option=_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
        else:
            if b"null" not in data or _orjson.loads(data) == value:  # None became null; NaN would have too
                return data
    return _ENCODERS[allow_nan](value).encode("utf-8")


def loads(data: bytes | str) -> Any:
    """The value of JSON ``data``, exactly as ``json.loads`` reads it (its errors too)."""
    if _orjson is not None:
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        if _WIDE not in raw.translate(_DIGITS):
            try:
                return _orjson.loads(raw)
            except _orjson.JSONDecodeError:
                pass
    return json.loads(data)
