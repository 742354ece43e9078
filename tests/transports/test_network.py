"""The user's network, on real loopback sockets: proxies, a private CA, mutual TLS, pool limits.

Each case runs on the sync client, the async client and the CLI (``talon-dyn call``; smoke where it differs),
and proves from the far side what happened: the proxy lists what went through it, the TLS server which
handshakes it refused.
"""

from __future__ import annotations

import asyncio
import io
import ssl
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from keepalive_server import KeepAliveServer
from netfixtures import PKI, ForwardProxy
from timing import slack, slowest

import talon_dyn
from talon_dyn import Retry
from talon_dyn.cli import main as cli

KEY = "network-key-0123456789"
FLAVOURS = ["sync", "async", "cli", "pyreqwest-sync", "pyreqwest-async"]
CLIENTS = ["sync", "async", "pyreqwest-sync", "pyreqwest-async"]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    return PKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def origin() -> Iterator[KeepAliveServer]:
    """A plain http origin answering getReservedCoupons (it echoes the path value)."""
    with KeepAliveServer(lambda number, method, target: "ok") as server:
        yield server


@pytest.fixture
def tls_origin(pki: PKI) -> Iterator[KeepAliveServer]:
    """An https origin whose certificate the private CA signed."""
    with KeepAliveServer(lambda number, method, target: "ok", tls=pki.server_context()) as server:
        yield server


def _cli_arguments(options: dict[str, Any]) -> list[str]:
    flags: list[str] = []
    for name, value in options.items():
        if name == "proxy":
            flags += ["--proxy", value]
        elif name == "trust_env" and value is False:
            flags.append("--no-proxy-env")
        elif name == "verify":
            flags += ["--insecure"] if value is False else ["--ca-bundle", str(value)]
        elif name == "cert":
            flags += (
                ["--cert", str(value[0]), "--key", str(value[1])] if isinstance(value, tuple) else ["--cert", value]
            )
        elif name == "timeout":
            flags += ["--timeout", str(value)]
        else:
            raise AssertionError(name)
    return flags


def call(flavour: str, base_url: str, value: str = "ada-net", **options: Any) -> Any:
    """``get_reserved_coupons(value)`` the way ``flavour`` makes it: its data, or the error (for the CLI:
    ``(exit code, stdout, stderr)``)."""
    if flavour == "cli":
        out, err = io.StringIO(), io.StringIO()
        argv = ["call", "get_reserved_coupons", value, "--base-url", base_url, "--api-key", KEY]
        code = cli(argv + _cli_arguments(options), out=out, err=err)
        return code, out.getvalue(), err.getvalue()
    settings = {"api_key": KEY, "retry": Retry.never(), **options}
    if flavour.startswith("pyreqwest"):
        settings["engine"] = "pyreqwest"
    if flavour in ("sync", "pyreqwest-sync"):
        with talon_dyn.Client(base_url=base_url, **settings) as client:
            try:
                return client.get_reserved_coupons(value)
            except talon_dyn.TalonDynError as error:
                return error

    async def run() -> Any:
        async with talon_dyn.AsyncClient(base_url=base_url, **settings) as client:
            try:
                return await client.get_reserved_coupons(value)
            except talon_dyn.TalonDynError as error:
                return error

    return asyncio.run(run())


def answered(flavour: str, result: Any, value: str = "ada-net") -> bool:
    if flavour == "cli":
        code, out, err = result
        assert code == 0, err
        return f'"value": "{value}"' in out
    assert not isinstance(result, BaseException), repr(result)
    return bool(result["data"][0]["value"] == value)


def refused(flavour: str, result: Any, *fragments: str) -> str:
    """The error text of a refused call (for the CLI: exit 2 and stderr)."""
    if flavour == "cli":
        code, _, err = result
        assert code == 2, err
        text = err
    else:
        assert isinstance(result, talon_dyn.ConnectionFailed), repr(result)
        assert len(result.attempts) == 1  # a certificate problem is never retried
        text = str(result)
    for fragment in fragments:
        assert fragment in text, text
    return text


# -- proxies -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_the_environment_proxy_carries_plain_http(
    flavour: str, variable: str, origin: KeepAliveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY (either case) or ALL_PROXY: the request goes to the proxy in absolute form, and the answer back."""
    with ForwardProxy() as proxy:
        monkeypatch.setenv(variable, proxy.url)
        result = call(flavour, origin.url)
        assert answered(flavour, result)
        assert proxy.seen == [("GET", f"{origin.url}/v1/coupon_reservations/coupons/ada-net")]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_https_goes_through_a_connect_tunnel_and_verifies_the_origin(
    flavour: str, tls_origin: KeepAliveServer, pki: PKI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTPS_PROXY with an https origin: one CONNECT to the origin, TLS end to end through it (the origin's
    certificate checked against the CA given with verify=)."""
    with ForwardProxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        assert answered(flavour, call(flavour, tls_origin.url, verify=str(pki.ca_file)))
        assert proxy.seen == [("CONNECT", f"127.0.0.1:{tls_origin.port}")]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_https_proxy_with_credentials(flavour: str, tls_origin: KeepAliveServer, pki: PKI) -> None:
    """proxy="https://user:pass@..." (TLS to the proxy too): the proxy gets Proxy-Authorization on the CONNECT;
    the password is in no error, repr or output, even when the proxy refuses the credentials."""
    password = "pr0xy-s3cret-passw0rd"
    with ForwardProxy(credentials=f"tester:{password}", tls=pki.server_context()) as proxy:
        good = call(flavour, tls_origin.url, proxy=proxy.url_with("tester", password), verify=str(pki.ca_file))
        assert answered(flavour, good)
        assert proxy.seen == [("CONNECT", f"127.0.0.1:{tls_origin.port}")]
        assert proxy.authorizations[0] is not None
        assert proxy.authorizations[0].startswith("Basic ")
        bad = call(flavour, tls_origin.url, proxy=proxy.url_with("tester", password + "x"), verify=str(pki.ca_file))
    shown = repr(bad) + str(bad) + "".join(getattr(bad, "__notes__", []))
    assert password not in shown
    assert "407" in shown


@pytest.mark.parametrize("flavour", CLIENTS)
def test_proxy_credentials_are_in_no_repr_or_error(flavour: str, origin: KeepAliveServer) -> None:
    """A proxy refusing the request (407) with credentials in the proxy URL: the error names the proxy problem
    and shows no credential; the client's repr neither."""
    password = "an0ther-pr0xy-passw0rd"
    with ForwardProxy(credentials="someone:else") as proxy:
        url = proxy.url_with("tester", password)
        client = talon_dyn.Client(base_url=origin.url, api_key=KEY, proxy=url)
        assert password not in repr(client)
        assert "tester" not in repr(client)
        client.close()
        result = call(flavour, origin.url, proxy=url)
    assert password not in repr(result) + str(result)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_no_proxy_sends_the_listed_hosts_direct(
    flavour: str, origin: KeepAliveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_PROXY lists the origin (by address, by address and port, or as a network): the proxy sees nothing."""
    with ForwardProxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        for entry in ("127.0.0.1", f"127.0.0.1:{origin.port}", "127.0.0.0/8", "example.test, *"):
            monkeypatch.setenv("NO_PROXY", entry)
            assert answered(flavour, call(flavour, origin.url))
        monkeypatch.setenv("NO_PROXY", "127.0.0.1:1")  # another port: through the proxy
        assert answered(flavour, call(flavour, origin.url))
        assert len(proxy.seen) == 1


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_trust_env_off_ignores_the_proxy_variables(
    flavour: str, origin: KeepAliveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """trust_env=False (--no-proxy-env): HTTP_PROXY is not read; an explicit proxy= still is used."""
    with ForwardProxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
        assert answered(flavour, call(flavour, origin.url, trust_env=False))
        assert answered(flavour, call(flavour, origin.url, trust_env=False, proxy=proxy.url))
        assert len(proxy.seen) == 1


@pytest.mark.slow
@pytest.mark.parametrize("flavour", CLIENTS)
def test_the_deadline_holds_through_a_proxy(flavour: str) -> None:
    """A proxied origin that drips its headers: the attempt still ends by timeout=0.3 (+ 0.2 s)."""
    with KeepAliveServer(lambda number, method, target: "drip") as dripping, ForwardProxy() as proxy:
        call(flavour, dripping.url, proxy=proxy.url, timeout=0.1)  # the first send's set-up (imports), unmeasured
        with KeepAliveServer(lambda number, method, target: "ok") as healthy:
            base = slowest(lambda: call(flavour, healthy.url, proxy=proxy.url))  # what a proxied call costs now
        started = time.monotonic()
        error = call(flavour, dripping.url, proxy=proxy.url, timeout=0.3)
        elapsed = time.monotonic() - started
    assert isinstance(error, talon_dyn.TalonTimeout), repr(error)
    assert elapsed < 0.3 + slack(base, 0.35), (elapsed, base)


@pytest.mark.parametrize("value", ["socks5://127.0.0.1:1080", "ftp://proxy:21", "http://", "http://host:port"])
def test_a_proxy_url_that_cannot_work_is_refused_when_the_client_is_made(value: str) -> None:
    """A SOCKS, FTP or malformed proxy URL is a ConfigurationError naming ``proxy``, at once."""
    with pytest.raises(talon_dyn.ConfigurationError, match="proxy"):
        talon_dyn.Client(base_url="http://x.test", api_key=KEY, proxy=value)


# -- one trust story ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_unknown_issuer_is_refused_by_default_and_says_why(flavour: str, tls_origin: KeepAliveServer) -> None:
    """The default trust store (the system's) does not know the private CA: refused on every engine, with the
    reason named, never retried."""
    refused(flavour, call(flavour, tls_origin.url), "certificate", "unable to get local issuer certificate")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_verify_takes_a_bundle_file_a_folder_a_context_or_false(
    flavour: str, tls_origin: KeepAliveServer, pki: PKI, tmp_path: Path
) -> None:
    """verify= a CA file, a CA folder (hashed, as OpenSSL reads it), an ssl.SSLContext or False: each connects."""
    assert answered(flavour, call(flavour, tls_origin.url, verify=str(pki.ca_file)))
    assert answered(flavour, call(flavour, tls_origin.url, verify=False))
    if flavour == "cli":
        return
    folder = tmp_path / "cas"
    folder.mkdir()
    (folder / "company-ca.pem").write_bytes(pki.ca_file.read_bytes())
    subprocess.run(["openssl", "rehash", str(folder)], check=True, capture_output=True)
    assert answered(flavour, call(flavour, tls_origin.url, verify=str(folder)))
    context = ssl.create_default_context(cafile=str(pki.ca_file))
    assert answered(flavour, call(flavour, tls_origin.url, verify=context))


@pytest.mark.parametrize("flavour", ["pyreqwest-sync", "pyreqwest-async"])
def test_a_trust_store_is_read_again_once_it_changes(
    flavour: str, tls_origin: KeepAliveServer, pki: PKI, tmp_path: Path
) -> None:
    """pyreqwest is handed the certificates of the trust store (read once per store, not per client: the system's
    is ~290 files): a folder that gains the company CA is trusted by the next client, and a folder that loses it
    is not."""
    folder = tmp_path / "store"
    folder.mkdir()
    refused(flavour, call(flavour, tls_origin.url, verify=str(folder)), "certificate")
    (folder / "company-ca.pem").write_bytes(pki.ca_file.read_bytes())
    subprocess.run(["openssl", "rehash", str(folder)], check=True, capture_output=True)
    assert answered(flavour, call(flavour, tls_origin.url, verify=str(folder)))
    assert answered(flavour, call(flavour, tls_origin.url, verify=str(folder)))  # the same store, read once
    for entry in folder.iterdir():
        entry.unlink()
    refused(flavour, call(flavour, tls_origin.url, verify=str(folder)), "certificate")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_ssl_cert_file_is_honoured_the_same_way_everywhere(
    flavour: str, tls_origin: KeepAliveServer, pki: PKI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SSL_CERT_FILE pointing at the company CA: the sync engine, the async engine and the CLI all trust it (the
    sync client used to trust certifi alone)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))
    assert answered(flavour, call(flavour, tls_origin.url))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_certificate_for_another_host_is_refused(flavour: str, pki: PKI) -> None:
    """A certificate the CA signed for another name: refused with the mismatch named."""
    leaf = pki.ca.issue_cert("other.example.test")
    with KeepAliveServer(lambda n, m, t: "ok", tls=pki.server_context(leaf=leaf)) as server:
        result = call(flavour, server.url, verify=str(pki.ca_file))
    refused(flavour, result, "certificate", "mismatch")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_expired_certificate_is_refused(flavour: str, pki: PKI) -> None:
    """A certificate that expired yesterday: refused with "expired" named."""
    now = datetime.now(UTC)
    leaf = pki.ca.issue_cert("127.0.0.1", not_before=now - timedelta(days=30), not_after=now - timedelta(days=1))
    with KeepAliveServer(lambda n, m, t: "ok", tls=pki.server_context(leaf=leaf)) as server:
        result = call(flavour, server.url, verify=str(pki.ca_file))
    refused(flavour, result, "expired")


# -- mutual TLS -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_mutual_tls_with_a_client_certificate(flavour: str, pki: PKI) -> None:
    """A server that requires a client certificate: without cert= the call fails saying so; with the
    certificate (one PEM with its key, or certificate and key apart) it is answered."""
    context = pki.server_context(require_client_cert=True)
    with KeepAliveServer(lambda n, m, t: "ok", tls=context) as server:
        without = call(flavour, server.url, verify=str(pki.ca_file))
        together = call(flavour, server.url, verify=str(pki.ca_file), cert=str(pki.client_file))
        apart = call(flavour, server.url, verify=str(pki.ca_file), cert=(str(pki.client_cert), str(pki.client_key)))
        refused_handshakes = len(server.handshake_errors)
    if flavour == "cli":
        assert without[0] in (1, 2)
    else:
        assert isinstance(without, talon_dyn.ConnectionFailed), repr(without)
        assert "client certificate" in str(without), repr(without)
    assert answered(flavour, together)
    assert answered(flavour, apart)
    assert refused_handshakes == 1


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("verify", "/nonexistent/ca.pem", "cannot load this CA bundle"),
        ("cert", "/nonexistent/client.pem", "cannot load this client certificate"),
        ("verify", 42, "verify must be"),
        ("limits", httpx.Limits(max_connections=0), "limits.max_connections"),
        ("limits", httpx.Limits(keepalive_expiry=float("nan")), "limits.keepalive_expiry"),
        ("limits", {"max_connections": 5}, "httpx.Limits"),
    ],
)
def test_bad_network_options_are_refused_when_the_client_is_made(option: str, value: Any, fragment: str) -> None:
    """A missing CA bundle or certificate, a wrong type, or pool limits that cannot work: a ConfigurationError
    naming the option, when the client is made."""
    for cls in (talon_dyn.Client, talon_dyn.AsyncClient):
        with pytest.raises(talon_dyn.ConfigurationError, match=fragment):
            cls(base_url="https://x.test", api_key=KEY, **{option: value})


def test_network_options_and_a_transport_do_not_mix() -> None:
    """transport= makes its own connections: proxy=/verify=/cert=/limits= beside it is refused, naming both."""
    with pytest.raises(talon_dyn.ConfigurationError, match="proxy, verify and transport"):
        talon_dyn.Client(
            base_url="https://x.test",
            api_key=KEY,
            transport=httpx.MockTransport(lambda r: None),
            proxy="http://p:1",
            verify=False,
        )


# -- limits -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", CLIENTS)
def test_limits_cap_the_pool(flavour: str) -> None:
    """limits=httpx.Limits(max_connections=1): eight concurrent calls share one connection."""
    with KeepAliveServer(lambda n, m, t: "slow:0.02") as server:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        engine = {"engine": "pyreqwest"} if flavour.startswith("pyreqwest") else {}
        if flavour.endswith("async"):

            async def many() -> list[Any]:
                async with talon_dyn.AsyncClient(base_url=server.url, api_key=KEY, limits=limits, **engine) as client:
                    return await asyncio.gather(*(client.get_reserved_coupons(f"p-{n:04}") for n in range(8)))

            results = asyncio.run(many())
        else:
            from concurrent.futures import ThreadPoolExecutor

            with (
                talon_dyn.Client(base_url=server.url, api_key=KEY, limits=limits, **engine) as client,
                ThreadPoolExecutor(4) as pool,
            ):
                results = list(pool.map(client.get_reserved_coupons, [f"p-{n:04}" for n in range(8)]))
        connections = server.connections
    assert [result["data"][0]["value"] for result in results] == [f"p-{n:04}" for n in range(8)]
    assert connections == 1


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_proxy_credentials_on_a_request_forwarded_in_the_clear(flavour: str, origin: KeepAliveServer) -> None:
    """An http origin through a proxy that wants credentials: they ride on the forwarded request itself."""
    with ForwardProxy(credentials="tester:plain-pr0xy-pass") as proxy:
        assert answered(flavour, call(flavour, origin.url, proxy=proxy.url_with("tester", "plain-pr0xy-pass")))
        authorizations = proxy.authorizations
    assert len(authorizations) == 1
    assert authorizations[0] is not None
    assert authorizations[0].startswith("Basic ")


def test_smoke_goes_through_the_proxy_and_keeps_its_credentials_out_of_the_reports(tmp_path: Path) -> None:
    """``talon-dyn smoke --proxy http://user:pass@...`` against a TCP sandbox: every request goes through the proxy,
    the run passes, and the proxy password is in no report; --proxy without --base-url is refused (exit 2)."""
    from talon_dyn.sandbox import Sandbox, Server

    password = "sm0ke-pr0xy-passw0rd"
    with Sandbox(seed=2) as sandbox, ForwardProxy(credentials=f"qa:{password}") as proxy:
        server = Server(sandbox)
        url = server.start()
        try:
            out, err = io.StringIO(), io.StringIO()
            report = tmp_path / "report.json"
            argv = ["smoke", "--base-url", url, "--api-key", "sandbox-api-key", "--max-examples", "2"]
            argv += ["--proxy", proxy.url_with("qa", password), "--json", str(report)]
            code = cli(argv, out=out, err=err)
        finally:
            server.stop()
        seen = len(proxy.seen)
    assert code == 0, err.getvalue()[-2000:]
    assert seen == sum(1 for entry in sandbox.journal) > 10
    assert password not in out.getvalue() + err.getvalue() + report.read_text()
    code = cli(["smoke", "--proxy", "http://127.0.0.1:9", "--max-examples", "1"], out=io.StringIO(), err=err)
    assert code == 2
    assert "--proxy: the embedded sandbox runs in this process" in err.getvalue()
