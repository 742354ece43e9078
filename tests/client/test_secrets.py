"""Secrets never show: not in reprs, logs (httpx's and httpcore's too), errors, tracebacks or docs.

Every surface a secret could leak through is captured while real requests go over a
loopback socket with both auth schemes, then searched for the API key and the
application key. Header values that could split a request are refused before sending.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import time
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest
from faults import success_body
from payloads import one_operation_spec
from rawserver import closed_port_url, http_server

import talon_dyn
from talon_dyn import Retry

SPEC = talon_dyn.load()
API_KEY = "sk-live-Zq9x7tR2apiKEYsecret4242"
APPLICATION_KEY = "5ec7e7ab1ec0ffee"
SECRETS = (API_KEY, APPLICATION_KEY, APPLICATION_KEY.upper())
ROOT = Path(__file__).resolve().parents[2]
EVENT = {"profileId": "p-1", "sessionId": "s-1", "type": "visit", "attributes": {}}


def leaks(text: str) -> list[str]:
    """The secrets found in ``text``."""
    return [secret for secret in SECRETS if secret in text]


def error_text(error: BaseException) -> str:
    """Everything an error shows: str, repr, attributes, notes, and the whole formatted traceback chain."""
    parts = [str(error), repr(error), repr(vars(error)), "".join(traceback.format_exception(error))]
    response = getattr(error, "response", None)
    if isinstance(response, httpx.Response):
        parts += [repr(response), repr(response.request), repr(response.request.headers)]
    return "\n".join(parts)


class _Handler(BaseHTTPRequestHandler):
    """Answers like the API: 401 for the path value ``unauthorized``, a slow answer for ``slow``."""

    def do_request(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        found = SPEC.match(self.command, self.path)
        assert found is not None
        operation, values = found
        if "slow" in values.values():
            time.sleep(0.5)
        if "unauthorized" in values.values():
            status, body = 401, {"message": "bad credentials", "errors": []}
        else:
            status, body = operation.success_status, success_body(SPEC, operation)
        payload = b"" if body is None else json.dumps(body).encode()
        try:
            self.send_response(status)
            if payload:
                self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass

    do_GET = do_PUT = do_POST = do_DELETE = do_request

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A loopback HTTP server answering every operation of the spec."""
    with http_server(_Handler) as url:
        yield url


def _clients(base_url: str) -> list[dict[str, Any]]:
    return [
        {"base_url": base_url, "api_key": API_KEY},
        {"base_url": base_url, "application_id": 7, "application_key": APPLICATION_KEY},
    ]


def _exercise_sync(base_url: str, errors: list[BaseException], shown: list[str]) -> None:
    no_wait = Retry(sleep=lambda seconds: None)
    for options in _clients(base_url):
        with talon_dyn.Client(**options, retry=no_wait) as client:
            shown += [repr(client), str(client), f"{client}", repr(client._credentials), repr(client.retry)]
            shown.append(repr(client.with_response.get_reserved_coupons("p-1")))
            client.track_event(EVENT)
            client.delete_customer_data("p-1")
            attempts: list[Any] = [
                lambda: client.get_reserved_coupons("unauthorized"),
                lambda: client.track_event({**EVENT, "type": ""}),
                lambda: client.get_reserved_coupons("slow", timeout=0.1),
                lambda: client.get_reserved_coupons(""),
            ]
            for attempt in attempts:
                try:
                    attempt()
                except talon_dyn.TalonDynError as error:
                    errors.append(error)
        refused = {**options, "base_url": closed_port_url()}
        with talon_dyn.Client(**refused, retry=no_wait) as client:
            try:
                client.track_event(EVENT)
            except talon_dyn.TalonDynError as error:
                errors.append(error)


async def _exercise_async(base_url: str, errors: list[BaseException], shown: list[str]) -> None:
    for options in _clients(base_url):
        async with talon_dyn.AsyncClient(**options, retry=Retry.never()) as client:
            shown += [repr(client), str(client)]
            await client.update_customer_profile("p-1", {"attributes": {}})
            for call in (
                client.get_reserved_coupons("unauthorized"),
                client.get_reserved_coupons("slow", timeout=0.1),
            ):
                try:
                    await call
                except talon_dyn.TalonDynError as error:
                    errors.append(error)


def test_no_secret_in_reprs_logs_errors_or_tracebacks(server: str, caplog: pytest.LogCaptureFixture) -> None:
    """With every logger at its most verbose, no surface of a real exchange shows either key."""
    caplog.set_level(1)
    for name in ("talon_dyn", "httpx", "httpcore", "aiohttp"):
        caplog.set_level(1, logger=name)
    errors: list[BaseException] = []
    shown: list[str] = []
    _exercise_sync(server, errors, shown)
    asyncio.run(_exercise_async(server, errors, shown))
    kinds = {type(error).__name__ for error in errors}
    assert {"Unauthorized", "RequestValidationError", "TalonTimeout"} <= kinds
    assert any(len(error.attempts) > 1 for error in errors)  # an error after retries lists them all
    loggers = {record.name.split(".")[0] for record in caplog.records}
    assert {"talon_dyn", "httpcore"} <= loggers  # the sync engine is httpcore's pool; httpx's Client is not used
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s %(args)r")
    logged = "\n".join(formatter.format(record) + repr(record.__dict__) for record in caplog.records)
    assert leaks(logged) == []
    assert leaks("\n".join(shown)) == []
    for error in errors:
        assert leaks(error_text(error)) == [], type(error).__name__


@pytest.mark.parametrize(
    "credentials",
    [
        ["--api-key", API_KEY],
        ["--application-id", "7", "--application-key", APPLICATION_KEY],
        [],  # from the environment
    ],
    ids=["api-key", "application-key", "environment"],
)
def test_no_secret_in_smoke_reports_or_curl_reproducers(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, credentials: list[str]
) -> None:
    """``talon-dyn smoke`` against a server that fails its checks prints curl reproducers, all without a key."""
    from talon_dyn.cli import main

    if not credentials:
        monkeypatch.setenv("TALON_API_KEY", API_KEY)
        monkeypatch.setenv("TALON_APPLICATION_ID", "7")
        monkeypatch.setenv("TALON_APPLICATION_KEY", APPLICATION_KEY)
    out, err = io.StringIO(), io.StringIO()
    reports = [tmp_path / "report.json", tmp_path / "report.xml"]
    arguments = ["smoke", "--base-url", server, *credentials, "--max-examples", "1", "--seed", "1", "--no-progress"]
    arguments += ["--json", str(reports[0]), "--junit", str(reports[1]), "--timeout", "5"]
    assert main(arguments, out=out, err=err) == 1
    text = out.getvalue() + err.getvalue() + "".join(report.read_text() for report in reports)
    assert text.count("curl ") >= 10
    assert leaks(text) == []


@pytest.mark.parametrize(
    "options",
    [
        {"api_key": API_KEY + "\r\nX-Injected: 1"},
        {"api_key": API_KEY + "\n"},
        {"api_key": API_KEY + "\0"},
        {"api_key": API_KEY + "é"},
        {"api_key": "ключ" + API_KEY},
        {"application_id": "7\r\nX: 1", "application_key": APPLICATION_KEY},
        {"application_id": 7, "application_key": APPLICATION_KEY + "zz"},
        {"application_id": 7, "application_key": APPLICATION_KEY[:-1]},
        {"credentials": {"api_key_v1": "ApiKey-v1 " + API_KEY + "\r\n"}},
        {"credentials": {"api_key_v1": "ApiKey-v1 " + API_KEY + "…"}},
    ],
    ids=[
        "crlf",
        "lf",
        "nul",
        "latin1",
        "cyrillic",
        "application-id-crlf",
        "application-key-not-hex",
        "application-key-odd-length",
        "extra-crlf",
        "extra-unicode",
    ],
)
def test_unusable_credentials_are_refused_without_being_shown(options: dict[str, Any]) -> None:
    """A credential that cannot go into a header is refused when the client is built, and not echoed."""
    with pytest.raises(talon_dyn.ConfigurationError) as caught:
        talon_dyn.Client(base_url="http://talon.test", **options)
    assert leaks(error_text(caught.value)) == []


HEADER_SPEC = one_operation_spec(
    "/things",
    "get",
    {
        "operationId": "getThings",
        "parameters": [{"name": "X-Trace", "in": "header", "schema": {"type": "string"}}],
        "responses": {"204": {"description": "none"}},
    },
)

BAD_HEADER_VALUES = ["a\rb", "a\nb", "a\0b", "a\r\nX-Injected: 1", "\n", "é", "日本"]


@pytest.mark.parametrize("value", BAD_HEADER_VALUES)
def test_header_values_that_could_split_a_request_are_never_sent(value: str) -> None:
    """CR, LF, NUL or non-ASCII in a header parameter or a configured header is refused before sending."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    transport = httpx.MockTransport(handler)
    client = talon_dyn.Client(spec=HEADER_SPEC, base_url="http://talon.test", transport=transport)
    for attempt in (
        lambda: client.get_things(x_trace=value),
        lambda: client.get_things(x_trace=value, request_validation="off"),
    ):
        with pytest.raises(talon_dyn.RequestValidationError, match="header"):
            attempt()
    for headers in ({"X-Extra": value}, {f"X-{value}": "v"}):  # configured headers fail when the client is made
        with pytest.raises(talon_dyn.ConfigurationError, match="cannot be sent"):
            talon_dyn.Client(spec=HEADER_SPEC, base_url="http://talon.test", transport=transport, headers=headers)
    assert sent == []
    assert client.get_things(x_trace="fine") is None
    assert sent[0].headers["x-trace"] == "fine"


def _doc_files() -> list[Path]:
    places = [ROOT / "docs", ROOT / "talon_dyn" / "templates", ROOT / "talon_dyn" / "docs"]
    files = [path for place in places if place.is_dir() for path in place.rglob("*") if path.is_file()]
    files += [path for path in (ROOT / "README.md", ROOT / "ARCHITECTURE.md") if path.is_file()]
    return files


# Where docs show a credential, and the placeholders they may show there.
_KEY_SPOTS = re.compile(r"""(?:api_key|application_key|apiKey)\s*[=:]\s*["']([^"']*)["']|ApiKey-v1 ([^\s`"']{12,})""")
_PLACEHOLDER = re.compile(
    r"YOUR[ _][A-Z_ ]+|<[^>]*>|\$\{?[A-Za-z_]+\}?|\{[^}]*\}|\*+|\.\.\.|0123456789abcdef|fefecafedeadbeef"
)


def literal_keys(text: str) -> list[str]:
    """Credentials shown in ``text`` that are not placeholders."""
    found = (value for match in _KEY_SPOTS.finditer(text) for value in match.groups() if value is not None)
    return [value for value in found if not _PLACEHOLDER.fullmatch(value)]


def test_docs_and_templates_hold_no_literal_keys() -> None:
    """Rendered docs, doc templates, README and ARCHITECTURE show placeholders, never a literal key."""
    for path in _doc_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert leaks(text) == [], path
        assert literal_keys(text) == [], path


def test_the_docs_scan_notices_a_pasted_key() -> None:
    """The docs scan flags a literal key and passes placeholders, so its silence on the docs means something."""
    assert literal_keys(f"Authorization: ApiKey-v1 {API_KEY}") == [API_KEY]
    assert literal_keys(f'Client(application_id=1, application_key="{APPLICATION_KEY}")') == [APPLICATION_KEY]
    assert literal_keys(f"client = Client(api_key='{API_KEY}')") == [API_KEY]
    placeholders = 'Client(api_key="YOUR_API_KEY", application_key="0123456789abcdef") ApiKey-v1 <key> ${KEY}'
    assert literal_keys(placeholders) == []


@pytest.mark.parametrize("engine", ["default", "pyreqwest"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_credential_echoed_in_a_response_header_is_scrubbed_from_the_error_and_the_libraries_logs(
    engine: str, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A server (or a proxy) that echoes the API key back in a header: ``error.response.headers`` shows it
    masked, and no log line, the HTTP libraries' own DEBUG lines included, holds it."""
    from rawserver import raw_server, response

    secret = "echoed-api-key-0123456789abcdef"

    def answer(request: bytes) -> bytes:
        return response(404, b'{"message": "no", "errors": []}', **{"x-echo": f"ApiKey-v1 {secret}"})

    caplog.set_level(logging.DEBUG)
    settings: dict[str, Any] = {"api_key": secret, "retry": Retry.never()}
    if engine == "pyreqwest":
        settings["engine"] = "pyreqwest"
    with raw_server(answer) as url:
        if flavour == "sync":
            with talon_dyn.Client(base_url=url, **settings) as client, pytest.raises(talon_dyn.NotFound) as caught:
                client.get_reserved_coupons("ada-1")
        else:

            async def call() -> None:
                async with talon_dyn.AsyncClient(base_url=url, **settings) as client:
                    await client.get_reserved_coupons("ada-1")

            with pytest.raises(talon_dyn.NotFound) as caught:
                asyncio.run(call())
    headers = caught.value.response.headers
    assert secret not in str(headers.multi_items())
    assert headers["x-echo"].startswith("ApiKey-v1 ")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "x-echo" in logged.lower() or engine == "pyreqwest" or flavour == "async"  # httpcore logged the headers
    assert secret not in logged


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_proxys_407_says_the_proxy_refused_the_credentials(flavour: str) -> None:
    """An http:// target through a proxy that wants credentials: the error says the proxy refused them, not
    "status not documented", and never shows the proxy password."""
    from keepalive_server import KeepAliveServer
    from netfixtures import ForwardProxy

    with KeepAliveServer(lambda number, method, target: "ok") as origin, ForwardProxy(credentials="user:pass") as proxy:
        wrong = proxy.url.replace("http://", "http://user:wrong-password@")
        settings: dict[str, Any] = {"base_url": origin.url, "api_key": "k" * 20, "proxy": wrong}
        settings["retry"] = Retry.never()
        if flavour == "sync":
            with talon_dyn.Client(**settings) as client:
                error: Any = _outcome(lambda: client.get_reserved_coupons("ada-1"))
        else:

            async def call() -> Any:
                async with talon_dyn.AsyncClient(**settings) as client:
                    return await client.get_reserved_coupons("ada-1")

            error = _outcome(lambda: asyncio.run(call()))
    assert isinstance(error, talon_dyn.UnexpectedStatus), repr(error)
    assert "HTTP 407 from the proxy: it refused the proxy credentials" in str(error)
    assert "wrong-password" not in str(error)


def _outcome(call: Any) -> Any:
    try:
        return call()
    except talon_dyn.TalonDynError as error:
        return error
