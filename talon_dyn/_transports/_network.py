"""The user's network, one way for every engine: proxies, the trust store, client certificates, pool limits.

* **Proxies**, as httpx reads them: an explicit ``proxy=`` is used for every request; without
  one (and with ``trust_env=True``, the default) ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``ALL_PROXY``
  (either case) pick the proxy by the target's scheme and ``NO_PROXY`` lists the hosts that go
  direct (``*``, a host and its subdomains, ``.domain``, an IP address or CIDR network, each with
  an optional ``:port``). http and https proxies; https targets go through a CONNECT tunnel.
  Proxy credentials (``http://user:pass@proxy:3128``) become a ``Proxy-Authorization`` header
  and are redacted from every repr, message and log line.
* **One trust store**: the operating system's (OpenSSL's default paths, where IT departments
  install a company CA; ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` are honoured as OpenSSL honours
  them), the same on the sync and the async engine. ``verify=False``, a CA bundle file or
  folder, or a ready ``ssl.SSLContext``; ``cert=`` adds a client certificate (mutual TLS).
* **Limits**: ``httpx.Limits`` (pool size, idle connections kept, keep-alive expiry),
  checked when the client is made.
"""

from __future__ import annotations

import base64
import ipaddress
import math
import os
import ssl
import threading
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import httpx

from .._exceptions import ConfigurationError

__all__ = ["DEFAULT_LIMITS", "Network", "Proxy", "check_limits"]

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
CertTypes = str | os.PathLike[str] | tuple[str, str] | tuple[str, str, str]


class Proxy(NamedTuple):
    """One forward proxy: its URL without credentials, and the ``Proxy-Authorization`` value (or None)."""

    url: str
    authorization: str | None

    def __repr__(self) -> str:
        return f"Proxy({self.url!r}{', with credentials' if self.authorization else ''})"

    @property
    def shown(self) -> str:
        """The proxy as it may be shown: its URL, never its credentials."""
        return self.url


def parse_proxy(value: str, where: str) -> Proxy:
    """A proxy URL (``http://[user:pass@]host:port`` or ``https://...``) checked; credentials taken out."""
    text = value if "://" in value else f"http://{value}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ConfigurationError(
            f"{where}: {parts.scheme!r} proxies are not supported: give an http:// or https:// proxy URL"
        )
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or (port is not None and port < 0) or parts.path not in ("", "/") or parts.query:
        raise ConfigurationError(f"{where}: not a proxy URL (scheme://host:port): {_shown(text)!r}")
    authorization = None
    if parts.username is not None or parts.password is not None:
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        authorization = f"Basic {token}"
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if port is None else f"{host}:{port}"
    return Proxy(f"{parts.scheme}://{netloc}", authorization)


def _shown(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return url.replace(parts.netloc, "***@" + parts.netloc.rsplit("@", 1)[1], 1)


class _Bypass(NamedTuple):
    """One ``NO_PROXY`` entry."""

    host: str  # "" with a network
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None
    port: int | None

    def matches(self, host: str, port: int) -> bool:
        if self.port is not None and self.port != port:
            return False
        if self.network is not None:
            try:
                return ipaddress.ip_address(host) in self.network
            except ValueError:
                return False
        return host == self.host or host.endswith("." + self.host)


def parse_no_proxy(value: str) -> list[_Bypass] | None:
    """``NO_PROXY`` entries, or None for ``*`` (every host goes direct)."""
    entries: list[_Bypass] = []
    for raw in value.split(","):
        item = raw.strip().lower()
        if not item:
            continue
        if item == "*":
            return None
        if "://" in item:
            item = urlsplit(item).netloc
        port: int | None = None
        if item.startswith("["):  # [v6]:port
            host, _, rest = item[1:].partition("]")
            port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
        elif item.count(":") == 1:
            host, _, number = item.partition(":")
            port = int(number) if number.isdigit() else None
        else:
            host = item
        try:
            network = ipaddress.ip_network(host, strict=False)
        except ValueError:
            entries.append(_Bypass(host.lstrip("*").lstrip("."), None, port))
        else:
            entries.append(_Bypass("", network, port))
    return entries


def _environment() -> tuple[dict[str, Proxy], list[_Bypass] | None]:
    """The proxies the environment names by scheme (``http``, ``https``, ``all``), and its NO_PROXY list."""
    from urllib.request import getproxies

    found = getproxies()  # *_proxy / *_PROXY (lower case first), as httpx and urllib read them
    proxies = {}
    for scheme in ("http", "https", "all"):
        if found.get(scheme):
            proxies[scheme] = parse_proxy(found[scheme], f"{scheme.upper()}_PROXY")
    return proxies, parse_no_proxy(found.get("no", ""))


def check_limits(limits: Any) -> httpx.Limits:
    """``limits`` if it is an ``httpx.Limits`` with sane values; else a ConfigurationError naming the field."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, httpx.Limits):
        raise ConfigurationError(f"limits must be an httpx.Limits, not {type(limits).__name__}")
    for name in ("max_connections", "max_keepalive_connections"):
        value = getattr(limits, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ConfigurationError(f"limits.{name} must be a whole number, at least 1 (or None), not {value!r}")
    expiry = limits.keepalive_expiry
    if expiry is not None and (not isinstance(expiry, (int, float)) or math.isnan(expiry) or not 0 <= expiry < 1e9):
        raise ConfigurationError(f"limits.keepalive_expiry must be a finite number of seconds, not {expiry!r}")
    return limits


MAX_PEM_BYTES = 16 * 1024 * 1024
"""The most a CA bundle or a client certificate file may hold (OpenSSL would read a device or a sparse file whole)."""


def _check_pem_file(path: str, what: str) -> None:
    """A CA bundle or certificate file must be a regular file of a sane size; anything else is a
    ConfigurationError naming it (a missing one is left to OpenSSL, whose words say so)."""
    import stat

    try:
        info = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise ConfigurationError(f"{what}: not a regular file (a pipe, device or folder)")
    if info.st_size > MAX_PEM_BYTES:
        raise ConfigurationError(f"{what}: {info.st_size:,} bytes, over the {MAX_PEM_BYTES:,} a PEM file may have")


def _ssl_error(what: str, exc: BaseException) -> ConfigurationError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    return ConfigurationError(f"{what}: {reason}")


@dataclass(eq=False)
class Network:
    """How one client reaches the network; shared by the engines (and by the clients ``with_options`` derives)."""

    proxy: str | None = None
    trust_env: bool = True
    verify: bool | str | os.PathLike[str] | ssl.SSLContext = True
    cert: CertTypes | None = None
    limits: httpx.Limits | None = None
    _context: ssl.SSLContext | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _explicit: Proxy | None = field(default=None, init=False, repr=False)
    _by_scheme: dict[str, Proxy] = field(default_factory=dict, init=False, repr=False)
    _bypass: list[_Bypass] | None = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.trust_env, bool):
            raise ConfigurationError(f"trust_env must be True or False, not {self.trust_env!r}")
        self.limits = check_limits(self.limits)
        self.pool_limits: httpx.Limits = self.limits
        if self.proxy is not None:
            if not isinstance(self.proxy, str):
                raise ConfigurationError(f"proxy must be a URL string, not {type(self.proxy).__name__}")
            self._explicit = parse_proxy(self.proxy, "proxy")
        elif self.trust_env:
            self._by_scheme, self._bypass = _environment()
        verify = self.verify
        if not isinstance(verify, (bool, str, os.PathLike, ssl.SSLContext)):
            raise ConfigurationError(
                f"verify must be True, False, a CA bundle path or an ssl.SSLContext, not {type(verify).__name__}"
            )
        if self.cert is not None and isinstance(verify, ssl.SSLContext):
            raise ConfigurationError(
                "cert= with verify=<SSLContext>: load the client certificate into your context "
                "(context.load_cert_chain(...)) and pass only the context"
            )
        if isinstance(verify, (str, os.PathLike)) or self.cert is not None:
            self.ssl_context()  # a wrong path or certificate is an error now, not on the first request

    def __repr__(self) -> str:
        proxies = [proxy.shown for proxy in self.proxies]
        return f"<Network proxies={proxies} verify={self.verify!r} trust_env={self.trust_env}>"

    @property
    def proxies(self) -> list[Proxy]:
        """Every proxy this network may use: the explicit one, else the environment's by scheme."""
        return [self._explicit] if self._explicit is not None else list(self._by_scheme.values())

    @property
    def secrets(self) -> list[str]:
        """The proxy credentials (the Proxy-Authorization values and the passwords inside), for redaction."""
        found: list[str] = []
        for proxy in self.proxies:
            if proxy.authorization:
                token = proxy.authorization.split(" ", 1)[1]
                found.append(token)
                _, _, password = base64.b64decode(token).decode("utf-8", "replace").partition(":")
                if password:
                    found.append(password)
        return found

    def proxy_for(self, scheme: str, host: str, port: int) -> Proxy | None:
        """The proxy a request to ``scheme://host:port`` goes through, or None to go direct."""
        if self._explicit is not None:
            return self._explicit
        if not self._by_scheme:
            return None
        proxy = self._by_scheme.get(scheme) or self._by_scheme.get("all")
        if proxy is None:
            return None
        bypass = self._bypass
        if bypass is None:
            return None
        host = host.lower().strip("[]")
        return None if any(entry.matches(host, port) for entry in bypass) else proxy

    def ssl_context(self) -> ssl.SSLContext:
        """The one TLS context of this client, made on first use (loading a trust store costs milliseconds)."""
        context = self._context
        if context is None:
            with self._lock:
                if self._context is None:
                    self._context = self._make_context()
                context = self._context
        return context

    def _make_context(self) -> ssl.SSLContext:
        verify = self.verify
        if isinstance(verify, ssl.SSLContext):
            return verify
        if verify is False:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        elif verify is True:
            context = _system_context(self.trust_env)
        else:
            path = os.fspath(verify)
            try:
                if os.path.isdir(path):
                    context = ssl.create_default_context(capath=path)
                else:
                    _check_pem_file(path, f"verify={path!r}: cannot load this CA bundle")
                    context = ssl.create_default_context(cafile=path)
            except (OSError, ssl.SSLError) as exc:
                raise _ssl_error(f"verify={path!r}: cannot load this CA bundle", exc) from None
        if self.cert is not None:
            cert = self.cert
            files = (os.fspath(cert),) if isinstance(cert, (str, os.PathLike)) else tuple(cert)
            for file in files:
                if isinstance(file, (str, os.PathLike)):
                    _check_pem_file(os.fspath(file), f"cert={os.fspath(file)!r}: cannot load this client certificate")
            try:
                context.load_cert_chain(*files)
            except (OSError, ssl.SSLError, TypeError) as exc:
                shown = files[0] if len(files) == 1 else files[:2]
                raise _ssl_error(f"cert={shown!r}: cannot load this client certificate", exc) from None
        return context


def _system_context(trust_env: bool) -> ssl.SSLContext:
    """The operating system's trust store. OpenSSL reads ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` itself; with
    ``trust_env=False`` only the compiled-in locations are read."""
    if trust_env:
        return ssl.create_default_context()
    paths = ssl.get_default_verify_paths()
    cafile = paths.openssl_cafile if os.path.isfile(paths.openssl_cafile) else None
    capath = paths.openssl_capath if os.path.isdir(paths.openssl_capath) else None
    if cafile is None and capath is None:  # pragma: no cover - a system without OpenSSL defaults
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=cafile, capath=capath)
