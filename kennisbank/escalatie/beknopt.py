"""How short an escalation answer's visible part must be, and its one-line parts.

The bot shows the rule's first sentence and the route; the rest goes behind "Meer uitleg"
(`dialogen.escalatie.antwoord`). `kennisbank.controles` warns when a rule's own texts leave no
room for names within `ZICHTBAAR_MAX`.
"""

from __future__ import annotations

import re

from kennisbank.escalatie.model import EscalatieRegel

ZICHTBAAR_MAX = 600
"""Characters of an escalation answer shown before any button is opened (issue 13)."""

RUIMTE_VOOR_NAMEN = 200
"""Of `ZICHTBAAR_MAX`, what the heading's onderwerp, role labels and names may take."""

_ZINSEINDE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9(\"'‘“])")


def eerste_zin(tekst: str) -> tuple[str, str]:
    """`tekst` (whitespace folded) split into its first sentence and the rest ('' if one sentence)."""
    tekst = " ".join(tekst.split())
    delen = _ZINSEINDE.split(tekst, maxsplit=1)
    return delen[0], delen[1] if len(delen) > 1 else ""


def kern_lengte(regel: EscalatieRegel) -> int:
    """The length of what the shortest answer always shows of the rule's own texts: the situation
    and the first sentence of the short answer."""
    return len(regel.situatie) + len(eerste_zin(regel.kort_antwoord or "")[0])
