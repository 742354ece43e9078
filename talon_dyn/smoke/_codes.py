"""Every check smoke reports, by its stable code, with a one-line explanation (``talon-dyn smoke --explain CODE``).

A failure's ``check`` is one of these codes; they do not change between releases (a renamed check keeps its old
code), so a CI job may match on them. A test holds this table to the codes the checks use.
"""

from __future__ import annotations

from ._invariants import INVARIANTS

__all__ = ["CODES", "explain"]

CODES: dict[str, str] = {
    "credentials_accepted": "a 401 or 403 where a success (or a 4xx about the request) was expected: the run's "
    "credentials were refused, so nothing else about the answer was checked",
    "credentials_proven": "the first read-only call proves the credentials only with a documented answer in its "
    "documented media type (a 200 HTML login page or a redirect proves nothing)",
    "request_builds": "the request a scenario step or a check describes can be built from the spec (parameters and "
    "body of the right kinds)",
    "request_completes": "an answer came: no reset, no timeout of --timeout, nothing unreadable",
    "not_a_server_error": "no answer is a 5xx",
    "status_code_conformance": "the status is one the operation documents",
    "content_type_conformance": "the answer's media type is the one documented for its status",
    "response_schema_conformance": "the body validates against the documented schema of its status",
    "identifiers_echoed": "where an answer names the identifier the path named, it is the one sent",
    "response_time": "an answer came within --max-response-time seconds (default 2.5; a step's expect.within)",
    "refused_with_4xx": "a request that breaks the schema is refused with a 4xx",
    "error_response_conformance": "a refusal's body is the documented error shape (an ErrorResponse)",
    "unauthorized_with_401": "no Authorization, a malformed one or a wrong API key gets the documented 401",
    "expected_status": "a scenario step's status is the one it expects",
    "expected_values": "a scenario step's JSON values are the ones it expects (expect.json)",
    "expected_effects": "a scenario step's effects include and exclude the ones it names (expect.effects)",
    "scenario_reference": "a ${steps.ID.PATH} reference of a scenario step names a value an earlier answer has",
    **INVARIANTS,
}
"""The codes and their explanations."""


def explain(code: str) -> str | None:
    """The explanation of a code (None for a code smoke does not have)."""
    return CODES.get(code.strip())
