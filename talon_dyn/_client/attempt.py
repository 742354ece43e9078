"""One attempt on the wire: send through an engine, collect the body under every limit, hand back a ``Reply``.

* ``collect`` / ``acollect``: one attempt, sync and async; they differ only in ``await``.
  Engine failures arrive as ``WireError``; every limit below raises one too.
* ``Collector``: the body counted as it arrives on the wire (the size cap, the attempt's
  deadline) and again after decoding (``Content-Encoding`` gzip/deflate, stacked or not,
  inflated in bounded steps), so no compressed body can grow past the cap in memory.
* ``Reply``: status, headers and decoded body; the ``httpx.Response`` that errors and
  ``with_response`` carry is built from it only when asked for, with credentials left out
  of its request.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from .._exceptions import ResponseTooLarge, TalonTransportError
from .._redact import CREDENTIAL_HEADERS
from .._transports import AsyncEngine, Outgoing, SyncEngine, WireError, timeout_error

__all__ = ["ACCEPT_ENCODING", "Collector", "Reply", "acollect", "collect"]

ACCEPT_ENCODING = "gzip, deflate"


class _Inflate:
    """One zlib stage (gzip or deflate) whose output never grows past ``limit`` in one step."""

    __slots__ = ("_gzip", "_object", "_raw_tried")

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._object = zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS)
        self._raw_tried = False

    def feed(self, data: bytes, limit: int) -> bytes:
        """Decoded bytes for ``data``; stops once more than ``limit`` bytes came out (the caller refuses)."""
        out: list[bytes] = []
        size = 0
        while data and size <= limit:
            try:
                piece = self._object.decompress(data, limit - size + 1)
            except zlib.error:
                if self._gzip or self._raw_tried or size:  # "deflate" is sometimes sent raw, without zlib's header
                    raise
                self._raw_tried = True
                self._object = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._raw_tried = True
            out.append(piece)
            size += len(piece)
            data = self._object.unconsumed_tail
            if self._object.eof:
                data = self._object.unused_data
                if data and self._gzip:  # a further gzip member
                    self._object = zlib.decompressobj(16 + zlib.MAX_WBITS)
                else:
                    data = b""
        return b"".join(out)


class Collector:
    """A response body collected under the size cap and the attempt's deadline, on the wire and decoded."""

    __slots__ = ("_cap", "_chunks", "_deadline", "_decoded", "_operation", "_seconds", "_stages", "_wire")

    def __init__(
        self, operation: str, raw_headers: Sequence[tuple[bytes, bytes]], cap: int, deadline: float, seconds: float
    ) -> None:
        self._operation = operation
        self._cap = cap
        self._deadline = deadline
        self._seconds = seconds
        self._chunks: list[bytes] = []
        self._wire = 0
        self._decoded = 0
        self._stages: list[_Inflate] = []
        for name, value in raw_headers:
            lowered = name.lower()
            if lowered == b"content-length":
                declared = value.strip()
                if declared.isdigit() and int(declared) > cap:
                    raise self._too_large(f"response body of at least {int(declared)} bytes")
            elif lowered == b"content-encoding":
                for encoding in reversed(value.decode("latin-1").lower().split(",")):
                    self._add_stage(encoding.strip())

    def _add_stage(self, encoding: str) -> None:
        if encoding in ("", "identity"):
            return
        if encoding not in ("gzip", "x-gzip", "deflate"):
            message = f"response body could not be decoded: unsupported Content-Encoding {encoding!r}"
            raise WireError(
                TalonTransportError(message, operation=self._operation), reached_server=True, retryable=False
            )
        self._stages.append(_Inflate(encoding))

    def _too_large(self, what: str) -> WireError:
        message = f"{what} is over the cap of {self._cap} bytes"
        return WireError(ResponseTooLarge(message, operation=self._operation), reached_server=True, retryable=False)

    def add(self, chunk: bytes) -> None:
        self._wire += len(chunk)
        if self._wire > self._cap:
            raise self._too_large(f"response body of at least {self._wire} bytes")
        if time.monotonic() > self._deadline:
            raise timeout_error(self._operation, self._seconds, reading=True)
        for stage in self._stages:
            try:
                chunk = stage.feed(chunk, self._cap - self._decoded)
            except zlib.error as exc:
                message = f"response body could not be decoded: {exc}"
                failure = TalonTransportError(message, operation=self._operation)
                raise WireError(failure, reached_server=True, retryable=False) from None
            if self._decoded + len(chunk) > self._cap:
                raise self._too_large(f"response body decoding to more than {self._cap} bytes")
        self._decoded += len(chunk)
        self._chunks.append(chunk)

    def content(self) -> bytes:
        return self._chunks[0] if len(self._chunks) == 1 else b"".join(self._chunks)

    @property
    def decoded(self) -> bool:
        return bool(self._stages)


@dataclass(slots=True, eq=False)
class Reply:
    """What came back: status, headers (raw pairs) and the decoded body; httpx objects built on demand."""

    outgoing: Outgoing
    status: int
    raw_headers: Sequence[tuple[bytes, bytes]]
    content: bytes
    decoded: bool
    _response: httpx.Response | None = field(default=None, init=False, repr=False)

    def header(self, name: bytes) -> str | None:
        """The first value of header ``name`` (lowercase bytes), or None."""
        for key, value in self.raw_headers:
            if key.lower() == name:
                return value.decode("latin-1")
        return None

    @property
    def headers(self) -> Mapping[str, str]:
        return self.response.headers

    @property
    def response(self) -> httpx.Response:
        """An ``httpx.Response`` with the decoded body; its request carries no credential header."""
        if self._response is None:
            outgoing = self.outgoing
            request_headers = [(n, v) for n, v in outgoing.headers if n.lower() not in CREDENTIAL_HEADERS]
            request = httpx.Request(outgoing.method, outgoing.url, headers=request_headers)
            headers: Any = self.raw_headers
            if self.decoded:  # the body is decoded already: keep httpx from decoding it again
                headers = [(n, v) for n, v in headers if n.lower() not in (b"content-encoding", b"content-length")]
            self._response = httpx.Response(self.status, headers=headers, content=self.content, request=request)
        return self._response


def collect(engine: SyncEngine, outgoing: Outgoing, operation: str, cap: int, seconds: float) -> Reply:
    """One attempt through a sync engine, bounded by ``seconds`` in total."""
    deadline = time.monotonic() + seconds
    incoming = engine.send(outgoing, operation, deadline)
    try:
        body = Collector(operation, incoming.raw_headers, cap, deadline, seconds)
        incoming.read_into(body)
    finally:
        incoming.close()
    return Reply(outgoing, incoming.status, incoming.raw_headers, body.content(), body.decoded)


async def acollect(engine: AsyncEngine, outgoing: Outgoing, operation: str, cap: int, seconds: float) -> Reply:
    """One attempt through an async engine, bounded by ``seconds`` in total (connect, send, headers, body); the
    engine's one-time set-up (importing aiohttp, on the first send) is not counted."""
    engine.warm()
    deadline = time.monotonic() + seconds
    incoming = await engine.send(outgoing, operation, deadline)
    try:
        body = Collector(operation, incoming.raw_headers, cap, deadline, seconds)
        await incoming.read_into(body)
    finally:
        await incoming.aclose()
    return Reply(outgoing, incoming.status, incoming.raw_headers, body.content(), body.decoded)
