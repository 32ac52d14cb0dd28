"""What a turn refuses before any analysis: text too long to analyse, and text with characters
that did not arrive as typed (lone surrogates, or U+FFFD in their place). The dialog state is left as it was."""

from __future__ import annotations

from typing import Any

MAX_BERICHT = 2000
"""Characters of typed text that are analysed; longer text gets 'dat is te lang' (issue 10 item 4)."""

_MAX_DIEPTE = 20


def weigering(tekst: str | None, waarde: Any = None) -> tuple[str, dict[str, Any]] | None:
    """The text key (and its fields) of why this message is refused, or None when it may be handled."""
    if tekst and len(tekst) > MAX_BERICHT:
        return "invoer.te_lang", {"maximum": MAX_BERICHT, "lengte": len(tekst)}
    if (tekst and heeft_losse_surrogaat(tekst)) or _waarde_met_surrogaat(waarde, 0):
        return "invoer.onleesbare_tekens", {}
    return None


VERVANGINGSTEKEN = "\ufffd"
"""What the HTTP entry (bot/invoer.py) puts in place of a lone surrogate."""


def heeft_losse_surrogaat(tekst: str) -> bool:
    """True for text with a lone UTF-16 surrogate (e.g. '\\ud800'), or the replacement character
    the HTTP entry put in its place: the user's text did not arrive as typed."""
    if VERVANGINGSTEKEN in tekst:
        return True
    try:
        tekst.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _waarde_met_surrogaat(waarde: Any, diepte: int) -> bool:
    if diepte > _MAX_DIEPTE:
        return False
    if isinstance(waarde, str):
        return heeft_losse_surrogaat(waarde)
    if isinstance(waarde, dict):
        return any(_waarde_met_surrogaat(k, diepte + 1) or _waarde_met_surrogaat(v, diepte + 1) for k, v in waarde.items())
    if isinstance(waarde, list):
        return any(_waarde_met_surrogaat(v, diepte + 1) for v in waarde)
    return False
