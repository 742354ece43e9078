"""A whole-attempt time limit beneath httpx's per-read timeouts.

httpx applies its read timeout to each read, so a server that trickles its status
line and headers one byte at a time, just inside the read timeout, could hold a
call forever. The clients' own transports wrap httpcore's network backend so that
every connect, read and write waits at most until the attempt's deadline (set for
the current thread or task through a context variable), then fails as a timeout.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

__all__ = ["async_transport", "attempt_deadline", "sync_transport"]

_DEADLINE: ContextVar[float | None] = ContextVar("talon_dyn_attempt_deadline", default=None)


class attempt_deadline:
    """Network waits inside this block end at most ``seconds`` from now (a class: it is on every call's path)."""

    __slots__ = ("_seconds", "_token")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds

    def __enter__(self) -> None:
        self._token = _DEADLINE.set(time.monotonic() + self._seconds)

    def __exit__(self, *exc_info: object) -> None:
        _DEADLINE.reset(self._token)


_SPENT = "the attempt's total time limit (its connect, write and read timeouts together) was reached"


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error(_SPENT)
    return remaining if timeout is None else min(timeout, remaining)


def _spent() -> bool:
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() >= deadline


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))
        except httpcore.TimeoutException as exc:  # cut short by the deadline: say so
            if _spent():
                raise httpcore.ReadTimeout(_SPENT) from exc
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))
        except httpcore.TimeoutException as exc:
            if _spent():
                raise httpcore.WriteTimeout(_SPENT) from exc
            raise

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return await self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))
        except httpcore.TimeoutException as exc:  # cut short by the deadline: say so
            if _spent():
                raise httpcore.ReadTimeout(_SPENT) from exc
            raise

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            await self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))
        except httpcore.TimeoutException as exc:
            if _spent():
                raise httpcore.WriteTimeout(_SPENT) from exc
            raise

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        tls = await self._stream.start_tls(ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout))
        return _AsyncStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._backend.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def sync_transport() -> httpx.HTTPTransport:
    """httpx's default transport, with every network wait bounded by the attempt's deadline."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None:  # httpx/httpcore internals; without them only per-read timeouts apply
        pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
    return transport


def async_transport() -> httpx.AsyncHTTPTransport:
    """httpx's default async transport, with every network wait bounded by the attempt's deadline."""
    transport = httpx.AsyncHTTPTransport()
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None:
        pool._network_backend = _AsyncBackend(backend)  # type: ignore[union-attr]
    return transport
