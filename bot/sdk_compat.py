"""Workarounds for the archived Bot Framework Python SDK (4.17.1), kept in one place.

- msrest builds the retry policy of every ConnectorClient (one per turn) by testing 999 status
  codes for membership in a 500-item *list*: ~10 ms of CPU per turn. A frozenset with the same
  members gives the identical policy in microseconds.
"""

from __future__ import annotations

from msrest.universal_http.requests import ClientRetryPolicy


def pas_sdk_correcties_toe() -> None:
    """Idempotent; called when the adapter is built."""
    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)
