"""The fast engine (``engine="pyreqwest"``, extra ``talon_dyn[fast]``): Rust's reqwest and hyper under Python.

One engine class per client flavour over pyreqwest's ``SyncClient`` / ``Client``, made with the
talon_dyn client (pyreqwest is imported then). Bodies are read raw (no decompression: the client decodes
under its own caps), no redirects, no cookie store, no environment of its own: the client's
``Network`` decides proxies (a ``custom`` proxy per proxy URL, asking ``Network.proxy_for``),
trust (the system store's or the given bundle's certificates, a context's CA certificates,
``verify=False``) and the client certificate (``cert=``, unencrypted PEM).

Kept to the engine contract (``_transports``):

* hyper never writes a request twice; a pooled connection the server closed is dropped by hyper's
  own readiness check before reuse, and a request that is never repeated waits ``fin_grace``
  after the origin's last answer before it goes (the FIN of a server that closes after each
  answer arrives in that moment); origins that closed without answering get fresh connections
  (``Suspects``: a second client that keeps no idle connection);
* the attempt's deadline is reqwest's per-request ``timeout``, which spans connecting, sending,
  the headers and every read of the body;
* **fork**: pyreqwest's Tokio runtime cannot run in a forked child once it ran in the parent, so
  in a child this engine refuses to send (a ``ConfigurationError`` saying so) instead of touching
  the parent's connections; make the client in the child, or use the default engines there.
"""

from __future__ import annotations

import contextlib
import os
import re
import ssl
import sys
import threading
import time
from datetime import timedelta
from typing import Any

from .._exceptions import ConfigurationError, ConnectionFailed, TalonTimeout, TalonTransportError
from . import Outgoing, Process, Sink, Suspects, WireError, malformed_answer, origin_of, timeout_error, tls_failure
from ._network import Network

__all__ = ["AsyncPyreqwestEngine", "PyreqwestEngine", "available"]

INSTALL = "engine='pyreqwest' needs the pyreqwest package: pip install 'talon_dyn[fast]'"


def available() -> bool:
    """Whether pyreqwest is installed here (found, not imported)."""
    import importlib.util

    return importlib.util.find_spec("pyreqwest") is not None


def _import() -> Any:
    """pyreqwest, imported. pyreqwest 0.15.1 crashes the interpreter (a segfault in a later client builder) when
    its module was first imported in a thread that has ended since; a first import outside the main thread is
    therefore done by a daemon thread that then waits for the process to end."""
    if "pyreqwest.exceptions" not in sys.modules and threading.current_thread() is not threading.main_thread():
        with _IMPORT_LOCK:
            if "pyreqwest.exceptions" not in sys.modules:
                failed: list[BaseException] = []
                ready = threading.Event()

                def keeper() -> None:
                    try:
                        _load()
                    except BaseException as exc:  # the caller raises it
                        failed.append(exc)
                    ready.set()
                    if not failed:
                        threading.Event().wait()  # this thread outlives every pyreqwest object

                threading.Thread(target=keeper, name="talon_dyn-pyreqwest", daemon=True).start()
                ready.wait()
                if failed:
                    raise failed[0]
    return _load()


_IMPORT_LOCK = threading.Lock()


def _load() -> Any:
    try:
        import pyreqwest.client
        import pyreqwest.exceptions
    except ImportError:
        raise ConfigurationError(INSTALL) from None
    return pyreqwest


def _causes(exc: BaseException) -> str:
    """pyreqwest's error message with its causes (where the real reason, a refused certificate say, is)."""
    details = getattr(exc, "details", None) or {}
    causes = details.get("causes") or [] if isinstance(details, dict) else []
    texts = [getattr(exc, "message", None) or str(exc)] + [
        str(cause.get("message", cause)) if isinstance(cause, dict) else str(cause) for cause in causes
    ]
    return ": ".join(dict.fromkeys(text for text in texts if text))


_RUSTLS_WORDS = {
    "UnknownIssuer": "unable to get local issuer certificate (unknown issuer)",
    "not valid for name": "Hostname mismatch: ",
    "Expired": "certificate has expired",
    "BadSignature": "certificate signature failure",
}
"""rustls's reasons, in the words OpenSSL (and so the default engines' errors) gives them."""


def _tls_problem(text: str) -> str | None:
    """Why TLS failed, as the default engines say it, when ``text`` (pyreqwest's error and causes) names a
    certificate problem a repeat cannot mend."""
    squeezed = text.replace(" ", "").lower()
    if "certificaterequired" in squeezed:
        return "the server requires a client certificate (give one with cert=...)"
    if "badcertificate" in squeezed or "unknownca" in squeezed:
        return "the server refused the client certificate"
    if "invalid peer certificate" not in text:
        return None
    reason = text.rsplit("invalid peer certificate: ", 1)[1]
    said = next((words for key, words in _RUSTLS_WORDS.items() if key in reason), "")
    return f"the server's certificate was refused: {said}{'' if said.endswith(': ') or not said else ': '}{reason}"


_UNPARSABLE = re.compile(
    r"message head is too large|invalid HTTP (?:header|status-code|version) parsed|invalid response header"
)
"""hyper's words for an answer whose head it cannot parse (its ``Parse`` errors)."""


def _foreign(exc: BaseException) -> bool:
    """Whether ``exc`` is not pyreqwest's (talon_dyn's own, or a bug): raised as it is, not mapped."""
    return not type(exc).__module__.startswith("pyreqwest")


def _failure(exc: BaseException, operation: str, seconds: float, *, reading: bool) -> WireError:
    errors = _import().exceptions
    text = _causes(exc)
    if isinstance(exc, errors.ConnectTimeoutError) and "(Connect)" in text:
        return WireError(TalonTimeout(f"connect timeout: {text}", operation=operation), reached_server=False)
    if isinstance(exc, errors.PoolTimeoutError):
        return WireError(TalonTimeout(f"pool timeout: {text}", operation=operation), reached_server=False)
    if isinstance(exc, errors.RequestTimeoutError):  # reqwest's total timer: the attempt's deadline
        return timeout_error(operation, seconds, reading=reading)
    if isinstance(exc, errors.ConnectError) and "(Connect)" in text:  # not (SendRequest): that one was written
        problem = _tls_problem(text)
        if problem is not None:
            return tls_failure(problem, operation)
        if "tunnel error" in text:
            said = "407 Proxy Authentication Required: " if "proxy authorization required" in text else ""
            error = ConnectionFailed(f"the proxy refused the connection: {said}{text}", operation=operation)
            return WireError(error, reached_server=False, retryable=False)
        return WireError(ConnectionFailed(f"connection failed: {text}", operation=operation), reached_server=False)
    if _UNPARSABLE.search(text):  # hyper could not parse the answer's head: the same request would get it again
        return malformed_answer(RuntimeError(text.rsplit(": ", 1)[-1]), operation)
    if isinstance(exc, (errors.NetworkError, errors.DecodeError, errors.RequestError)):
        problem = _tls_problem(text)
        if problem is not None and not reading:
            return tls_failure(problem, operation)
        error = ConnectionFailed(f"connection broken: {type(exc).__name__}: {text}", operation=operation)
        return WireError(error, reached_server=True)
    failure = TalonTransportError(f"{type(exc).__name__}: {text}", operation=operation)
    return WireError(failure, reached_server=True, retryable=False)


def _forked() -> ConfigurationError:
    return ConfigurationError(
        "engine='pyreqwest' after os.fork(): its Tokio runtime ran in the parent process and cannot run in a "
        "forked child. Make the client in a process that never used pyreqwest before forking (multiprocessing's "
        "'spawn' or 'forkserver' start method), or use the default engine in forked workers."
    )


_TRUSTED: dict[tuple[Any, ...], tuple[bytes, ...]] = {}
"""CA certificates read from a trust store, by what was read (``_store_key``): reading the system's folder is
~290 files, ~40 ms, and every engine built the same list twice (its two pools)."""


def _store_key(network: Network) -> tuple[Any, ...] | None:
    """What the certificates of ``network``'s trust store depend on (the files, the environment, when they last
    changed and what a folder holds), or None when they cannot be known without reading (an ``ssl.SSLContext``
    given). A certificate file rewritten in place inside a folder, keeping its name and the folder's time, is not
    seen until the process restarts."""
    verify = network.verify
    if verify is True:
        env = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")) if network.trust_env else ()
        paths = ssl.get_default_verify_paths()
        places = [*(place for place in env if place), paths.cafile, paths.capath, paths.openssl_cafile]
        places.append(paths.openssl_capath)
    elif isinstance(verify, (str, os.PathLike)):
        env, places = (), [os.path.abspath(verify)]
    else:
        return None
    stamps = []
    for place in places:
        try:
            stat = os.stat(place) if place else None
        except OSError:
            stat = None
        names: tuple[str, ...] = ()
        if stat is not None and os.path.isdir(place):  # a coarse clock may not move: what it holds is compared too
            with contextlib.suppress(OSError):
                names = tuple(sorted(os.listdir(place)))
        stamps.append((place, None if stat is None else (stat.st_mtime_ns, stat.st_size, stat.st_ino), names))
    return (verify is True, network.trust_env, env, tuple(stamps))


def _certificates(network: Network) -> tuple[bytes, ...]:
    """The CA certificates (DER) this client trusts: the ones its ``ssl.SSLContext`` loaded (the system store,
    ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``, a bundle file or folder, or the context given). Read once per store
    while its files and the environment stay as they were (``_store_key``)."""
    key = _store_key(network)
    known = None if key is None else _TRUSTED.get(key)
    if known is not None:
        return known
    found = network.ssl_context().get_ca_certs(binary_form=True)
    verify = network.verify
    folder = None
    if verify is True:
        folder = (
            os.environ.get("SSL_CERT_DIR") if network.trust_env else None
        ) or ssl.get_default_verify_paths().capath
    elif isinstance(verify, (str, os.PathLike)) and os.path.isdir(verify):
        folder = os.fspath(verify)
    if folder and os.path.isdir(folder):  # a hashed folder is read lazily by OpenSSL: load what it holds
        each = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with contextlib.suppress(OSError):  # ssl.SSLError is one: a file that holds no certificate
                    each.load_verify_locations(cafile=path)
        found.extend(each.get_ca_certs(binary_form=True))
    trusted = tuple(dict.fromkeys(found))
    if key is not None:
        _TRUSTED[key] = trusted
    return trusted


def _identity(network: Network) -> bytes | None:
    """``cert=`` as one PEM buffer (certificate chain, then key), as reqwest's ``identity_pem`` takes it."""
    cert = network.cert
    if cert is None:
        return None
    files = (os.fspath(cert),) if isinstance(cert, (str, os.PathLike)) else tuple(cert)
    if len(files) > 2 and files[2]:
        raise ConfigurationError("engine='pyreqwest' takes no key password in cert=: give an unencrypted key file")
    data = b""
    for path in files[:2]:
        with open(path, "rb") as file:
            data += file.read(4 * 1024 * 1024) + b"\n"
    return data


def _builder(builder: Any, network: Network, fresh: bool, trusted: tuple[bytes, ...]) -> Any:
    """One pyreqwest client built from the client's ``Network`` (pyreqwest is imported: ``_builder_class``)."""
    from pyreqwest.proxy import ProxyBuilder

    limits = network.pool_limits
    builder = (
        builder.gzip(False)
        .brotli(False)
        .zstd(False)
        .deflate(False)
        .follow_redirects(False)
        .default_cookie_store(False)
        .http1_only()
        .pool_max_idle_per_host(0 if fresh else (limits.max_keepalive_connections or 1 << 16))
        .pool_idle_timeout(None if limits.keepalive_expiry is None else timedelta(seconds=limits.keepalive_expiry))
    )
    if limits.max_connections:
        builder = builder.max_connections(limits.max_connections)
    builder = builder.no_proxy()
    for proxy in set(network.proxies):

        def route(url: Any, proxy: Any = proxy) -> str | None:
            port = url.port or (443 if url.scheme == "https" else 80)
            return proxy.url if network.proxy_for(url.scheme, url.host_str or "", port) == proxy else None

        found = ProxyBuilder.custom(route)
        if proxy.authorization:
            found = found.custom_http_auth(proxy.authorization)
        builder = builder.proxy(found)
    if network.verify is False:
        builder = builder.danger_accept_invalid_certs(True)
    else:
        for der in trusted:
            builder = builder.add_root_certificate_der(der)
    identity = _identity(network)
    if identity is not None:
        builder = builder.identity_pem(identity)
    return builder.build()


def _pairs(headers: Any) -> list[tuple[bytes, bytes]]:
    """The answer's header pairs as bytes. pyreqwest gives header values as text only; a value that is not UTF-8
    (an obs-text byte) cannot be read through it, and is left out, as an unreadable value is ignored anyway."""
    try:
        return [(name.encode("latin-1"), value.encode()) for name, value in headers.items()]
    except ValueError:
        pairs: list[tuple[bytes, bytes]] = []
        for name in dict.fromkeys(headers.keys()):
            try:
                values = headers.getall(name)
            except ValueError:
                continue
            pairs.extend((name.encode("latin-1"), value.encode()) for value in values)
        return pairs


class _Base:
    """What the two flavours share: the network, the fresh-connection origins, the last answer's time."""

    def __init__(self, network: Network | None) -> None:
        if not available():
            raise ConfigurationError(INSTALL)
        self.network = network or Network()
        self.closed = False
        self._forks = Process.forks
        self._suspects = Suspects()
        self._answered: dict[str, float] = {}
        make = self._builder_class()
        # Both made here, once: a lazy make could race between threads (two pools, and limits= broken).
        try:
            trusted = () if self.network.verify is False else _certificates(self.network)
            self._clients: dict[bool, Any] = {
                fresh: _builder(make(), self.network, fresh, trusted) for fresh in (False, True)
            }
        except RuntimeError:  # pyreqwest's own words for a runtime that ran before fork(): ours, with the way out
            if Process.forks:
                raise _forked() from None
            raise

    def _builder_class(self) -> Any:
        raise NotImplementedError

    def _route(self, request: Outgoing) -> tuple[str, Any, float]:
        """``(origin, client, wait)`` for a request: the pool it goes to (``Suspects``: a fresh one) and how long
        it waits first, a request that is never repeated giving a closing server's FIN its moment."""
        if self._forks != Process.forks:
            raise _forked()
        origin = origin_of(request.url)
        client = self._clients[self._suspects.fresh(origin, request.fin_grace)]
        grace = self._suspects.grace(origin, request.fin_grace).seconds
        last = self._answered.get(origin) if grace else None
        if last is None:
            return origin, client, 0.0
        # pyreqwest shows no socket to poll, so the origin cannot prove it keeps connections: after one send
        # that gave a closing server's FIN its moment, it is trusted (``Suspects.kept``) until a connection of
        # it is lost (``Suspects.mark``, which also sends the next requests on fresh connections).
        self._suspects.kept(origin)
        return origin, client, grace - (time.monotonic() - last)

    def answered(self, origin: str) -> None:
        """An answer from ``origin`` was read (its connection may go back to the pool now)."""
        self._answered[origin] = time.monotonic()

    def _request(self, client: Any, request: Outgoing, deadline: float) -> Any:
        builder = client.request(request.method, request.url).headers(request.headers)
        if request.content is not None:
            builder = builder.body_bytes(request.content)
        # No body bytes are read before the headers are handed over (pyreqwest's default buffers the body's first
        # bytes first): the client reads and counts every byte itself, under its cap and the deadline.
        builder = builder.streamed_read_buffer_limit(0)
        return builder.timeout(timedelta(seconds=max(deadline - time.monotonic(), 0.001))).build_streamed()


class _Incoming:
    __slots__ = (
        "_declared",
        "_engine",
        "_operation",
        "_origin",
        "_response",
        "_seconds",
        "_stream",
        "raw_headers",
        "status",
    )

    def __init__(self, stream: Any, response: Any, engine: _Base, origin: str, operation: str, seconds: float) -> None:
        self._stream = stream
        self._response = response
        self._engine = engine
        self._origin = origin
        self._operation = operation
        self._seconds = seconds
        self.status: int = response.status
        self.raw_headers = _pairs(response.headers)
        declared = response.headers.get("content-length")
        self._declared = declared is not None and declared.isdigit()
        """Whether the answer declared its length. The client checked it against its cap before reading (and hyper
        reads no byte past it), so such a body is read in one go: one crossing into pyreqwest's runtime, not two."""

    def read_into(self, body: Sink) -> None:
        reader = self._response.body_reader
        try:
            if self._declared:
                body.add(bytes(reader.bytes()))
                return
            while (chunk := reader.read_chunk()) is not None:
                body.add(bytes(chunk))
        except Exception as exc:
            if _foreign(exc):  # the client's own WireError (over the cap) among them
                raise
            raise _failure(exc, self._operation, self._seconds, reading=True) from exc

    def close(self) -> None:
        self._engine.answered(self._origin)
        self._stream.__exit__(None, None, None)


class _AsyncIncoming(_Incoming):
    __slots__ = ()

    async def read_into(self, body: Sink) -> None:  # type: ignore[override]
        reader = self._response.body_reader
        try:
            if self._declared:
                body.add(bytes(await reader.bytes()))
                return
            while (chunk := await reader.read_chunk()) is not None:
                body.add(bytes(chunk))
        except Exception as exc:
            if _foreign(exc):
                raise
            raise _failure(exc, self._operation, self._seconds, reading=True) from exc

    async def aclose(self) -> None:
        self._engine.answered(self._origin)
        await self._stream.__aexit__(None, None, None)


def _sent_failure(engine: _Base, exc: BaseException, origin: str, operation: str, seconds: float) -> WireError:
    errors = _import().exceptions
    if isinstance(exc, errors.NetworkError) and "(Connect)" not in _causes(exc):
        engine._suspects.mark(origin)  # the connection went before any of the answer came
    return _failure(exc, operation, seconds, reading=False)


class PyreqwestEngine(_Base):
    """Sync calls over pyreqwest's ``SyncClient`` (a Tokio runtime of its own, off the GIL while it waits)."""

    def _builder_class(self) -> Any:
        _import()
        from pyreqwest.client import SyncClientBuilder

        return SyncClientBuilder

    def send(self, request: Outgoing, operation: str, deadline: float) -> _Incoming:
        seconds = deadline - time.monotonic()
        origin, client, wait = self._route(request)
        if wait > 0:
            time.sleep(wait)
        try:
            stream = self._request(client, request, deadline)
            response = stream.__enter__()
        except Exception as exc:
            if _foreign(exc):
                raise
            raise _sent_failure(self, exc, origin, operation, seconds) from exc
        return _Incoming(stream, response, self, origin, operation, seconds)

    def close(self) -> None:
        self.closed = True
        clients, self._clients = self._clients, {}
        if self._forks != Process.forks:
            return  # a forked child: the parent's runtime cannot run here, so nothing of it is touched
        for client in clients.values():
            client.close()


class AsyncPyreqwestEngine(_Base):
    """Async calls over pyreqwest's ``Client``: its runtime runs the connections, on any event loop."""

    def _builder_class(self) -> Any:
        _import()
        from pyreqwest.client import ClientBuilder

        return ClientBuilder

    def warm(self) -> None:
        _import()

    async def send(self, request: Outgoing, operation: str, deadline: float) -> _AsyncIncoming:
        import asyncio

        seconds = deadline - time.monotonic()
        origin, client, wait = self._route(request)
        if wait > 0:
            await asyncio.sleep(wait)
        try:
            stream = self._request(client, request, deadline)
            response = await stream.__aenter__()
        except Exception as exc:
            if _foreign(exc):
                raise
            raise _sent_failure(self, exc, origin, operation, seconds) from exc
        return _AsyncIncoming(stream, response, self, origin, operation, seconds)

    async def aclose(self) -> None:
        self.closed = True
        clients, self._clients = self._clients, {}
        if self._forks != Process.forks:
            return
        for client in clients.values():
            await client.close()
