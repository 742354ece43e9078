"""The names an operation's Python name never takes: the client's own public attributes.

Written out here so the spec (which names operations) does not import the client (which is built on the spec):
the core stays one-way, ``_spec`` below ``_client``. A test compares this set with the client classes'
real attributes (``_client.client_attribute_names``), so it cannot drift from them.
"""

from __future__ import annotations

__all__ = ["CLIENT_ATTRIBUTES"]

CLIENT_ATTRIBUTES = frozenset(
    {
        "aclose",
        "base_url",
        "build_request",
        "close",
        "copy",
        "deadline",
        "drift",
        "from_spec",
        "is_closed",
        "max_response_bytes",
        "operations",
        "paginate",
        "request_validation",
        "response_validation",
        "retry",
        "send",
        "spec",
        "timeout",
        "with_options",
        "with_response",
    }
)
