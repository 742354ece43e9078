"""``--report pytest DIR``: every failure of a run as a standalone pytest test that reproduces it.

Each test sends again, byte for byte, the requests that led to the failure (the earlier steps of its scenario or
invariant, then the failing one) and asserts what should hold of the last answer: the check's own expectation
where it has one (``Failure.expect``: ``response.status_code == 404``), else the answer validated against the spec
(schema and media type), else that the faulty answer smoke saw does not come back. A test fails while the target
misbehaves and passes once it is fixed; the file runs with ``pytest DIR`` beside the reports.

No credential is written: a request that carried the run's key sends ``$TALON_API_KEY`` (a Content-Signature is
computed from ``$TALON_APPLICATION_ID`` / ``$TALON_APPLICATION_KEY``), one that carried a deliberately wrong key
sends that. Against the embedded sandbox the tests start one in process, seeded as the run was.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .._model.spec import bundled_name
from .._redact import Redactor
from ._records import Case, Exchange, Failure, Report
from ._reproduce import marked_headers
from ._target import SANDBOX_URL

__all__ = ["FILE_NAME", "to_pytest"]

FILE_NAME = "test_smoke_reproducers.py"
_MARKERS = {"run key": "<run key>", "signature": "<run signature>"}
"""What a generated test writes for a header it re-makes from the environment when it runs."""

_HEADER = '''\
"""Reproducers of the failures of a talon-dyn smoke run against {target} (spec {spec}, seed {seed}).

Written by `talon-dyn smoke --report pytest`; run with `pytest {folder}`. Each test sends again the requests that
led to one failure and asserts what should hold of the last answer: it fails while the target misbehaves and
passes once it is fixed. {where}
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from typing import Any

import httpx

SPEC = {spec!r}
{setup}

def _send(
    client: httpx.Client, method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[httpx.Response, float]:
    """One request as smoke sent it; the run's credentials are this environment's."""
    sent = dict(headers)
    if sent.get("authorization") == "<run key>":
        sent["authorization"] = f"ApiKey-v1 {{API_KEY}}"
    if sent.get("content-signature") == "<run signature>":
        key = bytes.fromhex(os.environ["TALON_APPLICATION_KEY"])
        signature = hmac.new(key, body, hashlib.md5).hexdigest()
        sent["content-signature"] = f"signer={{os.environ['TALON_APPLICATION_ID']}}; signature={{signature}}"
    started = time.perf_counter()
    response = client.request(method, path, headers=sent, content=body or None)
    return response, time.perf_counter() - started


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _conforms(response: httpx.Response, operation: str) -> list[str]:
    """What is wrong with an answer by the spec: its status, media type and body."""
    import talon_dyn

    spec = talon_dyn.load(SPEC)
    documented = spec.operation(operation).response_for(response.status_code)
    if documented is None:
        return [f"status {{response.status_code}} is not documented"]
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if documented.content_type and media != documented.content_type:
        return [f"media type {{media!r}}, documented {{documented.content_type!r}}"]
    schema = documented.schema_pointer or documented.schema
    if schema is None or not response.content:
        return []
    return [issue.message for issue in spec.validator.issues(schema, response.json())][:3]
'''

_SANDBOX_SETUP = '''
API_KEY = __import__("talon_dyn.sandbox").sandbox.SandboxConfig().api_keys[0]  # the embedded sandbox's own key


def _client() -> httpx.Client:
    """The embedded sandbox the run checked, in process and seeded the same (``talon-dyn sandbox --seed {seed}``)."""
    from talon_dyn.sandbox import Sandbox

    sandbox = Sandbox(spec=SPEC, seed={seed})
    return httpx.Client(transport=sandbox.transport(), base_url="{url}")
'''

_DEPLOYMENT_SETUP = '''
API_KEY = os.environ.get("TALON_API_KEY", "")
BASE_URL = os.environ.get("TALON_BASE_URL", {url!r})


def _client() -> httpx.Client:
    """The deployment the run checked ($TALON_BASE_URL overrides it)."""
    return httpx.Client(base_url=BASE_URL, timeout=30)
'''


def to_pytest(report: Report, redactor: Redactor, *, folder: str = ".") -> str:
    """The reproducers of ``report``'s failures as one pytest module (redacted like every report)."""
    embedded = report.target == "the embedded sandbox"
    first = next((f.exchange for f in report.failures if f.exchange is not None), None)
    url = SANDBOX_URL
    if first is not None and not embedded:
        url = f"{first.request.url.scheme}://{first.request.url.netloc.decode('ascii')}"
    where = (
        "The embedded sandbox is started in process for each test."
        if embedded
        else "The base URL and credentials come from $TALON_BASE_URL and $TALON_API_KEY (or $TALON_APPLICATION_ID "
        "and $TALON_APPLICATION_KEY)."
    )
    setup = _SANDBOX_SETUP.format(seed=report.seed, url=SANDBOX_URL) if embedded else _DEPLOYMENT_SETUP.format(url=url)
    parts = [
        _HEADER.format(
            target=report.target,
            spec=bundled_name(report.spec) or report.spec,
            seed=report.seed,
            folder=folder,
            where=where,
            setup=setup,
        )
    ]
    count = 0
    for case in report.cases:
        for failure in case.failures:
            if failure.exchange is None:
                continue
            count += 1
            parts.append(_test(count, case, failure, redactor))
    if not count:
        parts.append('\n\ndef test_the_run_had_no_failure_to_reproduce() -> None:\n    """Nothing failed."""\n')
    text = "".join(parts)
    return redactor.text(text)


def _name(count: int, case: Case, failure: Failure) -> str:
    words = re.sub(r"[^0-9a-zA-Z]+", "_", f"{case.operation}_{failure.check}").strip("_").lower()
    return f"test_{count:03d}_{words}"[:100]


def _request(exchange: Exchange, redactor: Redactor) -> str:
    """``method, path, headers, body`` of a recorded request, as Python literals (credentials as markers)."""
    request = exchange.request
    path = request.url.raw_path.decode("ascii")
    headers: dict[str, str] = {}
    for name, value, mark in marked_headers(request, redactor):
        headers[name.lower()] = _MARKERS.get(mark, value)
    return f"{request.method!r}, {path!r}, {headers!r}, {bytes(request.content or b'')!r}"


def _test(count: int, case: Case, failure: Failure, redactor: Redactor) -> str:
    exchange = failure.exchange
    assert exchange is not None
    lines = [
        "",
        "",
        f"def {_name(count, case, failure)}() -> None:",
        f'    """[{case.kind}] {case.name}: {failure.check}: {_doc(failure.message)}"""',
        "    with _client() as client:",
    ]
    for earlier in case.preceding:
        lines.append(f"        _send(client, {_request(earlier, redactor)})")
    lines.append(f"        response, elapsed = _send(client, {_request(exchange, redactor)})")
    message = f"{failure.check}: {failure.message}"[:300]
    if failure.expect is not None:
        lines.append(f"    assert {failure.expect}, {message!r}")
    elif failure.check in ("response_schema_conformance", "content_type_conformance"):
        lines.append(f"    assert _conforms(response, {case.operation!r}) == [], {message!r}")
    else:
        seen = exchange.response
        status = None if seen is None else seen.status_code
        body = None if seen is None else _literal(seen)
        lines.append(
            "    # the faulty answer smoke saw must not come back (the check compared answers across requests)"
        )
        lines.append(f"    assert (response.status_code, _json(response)) != ({status!r}, {body}), {message!r}")
    return "\n".join(lines) + "\n"


def _literal(response: Any) -> str:
    try:
        return repr(json.loads(response.content))
    except (ValueError, UnicodeDecodeError):
        return repr(response.content.decode("utf-8", "replace"))


def _doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', "'''")[:200]
