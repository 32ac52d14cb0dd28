"""The name of the opdracht in a request to start the check, read from the user's full text
("check voor de nieuwbouw van het zwembad", "moet het zwembad een bestuursopdracht worden?").

Used when the recogniser gives no `opdracht` group. Patterns are anchored and linear (no nested
quantifiers) and work on normalised text; vague words ("dit", "het") are filtered by the dialog.
"""

from __future__ import annotations

import re

from kennisbank.zoeken.normaliseren import normaliseer

_BO = r"bestuurs ?opdracht"
_PATRONEN = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:check|checken|toets|toetsen|test|nagaan)\b(?: {_BO})? (?:voor|van|over|bij) (?P<opdracht>[a-z0-9 ]+)$",
        rf"\b{_BO} (?:check|checken|toets|toetsen|test|checklist|nodig|vereist|verplicht) (?:voor|van|over|bij) (?P<opdracht>[a-z0-9 ]+)$",
        rf"\b(?:moet|moeten|wordt|is|of) (?P<opdracht>[a-z0-9 ]{{1,80}}) (?:een|n) {_BO}\b",
    )
)


def opdracht_in_tekst(tekst: str) -> str | None:
    """The opdracht named in the text (as today's check keeps it: with its article); else None."""
    kern = normaliseer(tekst)[:300]
    for patroon in _PATRONEN:
        gevonden = patroon.search(kern)
        if gevonden:
            return gevonden.group("opdracht").strip() or None
    return None
