"""Reading a typed answer to a list of choices: its number, its title, or a close enough title."""

from __future__ import annotations

from rapidfuzz import fuzz

from kennisbank.zoeken.normaliseren import normaliseer

GELIJK = 85.0
"""token_set_ratio from which a typed text counts as a choice's title."""
MARGE = 5.0
"""The best choice must beat the next by this much."""


def kies(tekst: str, opties: list[str]) -> int | None:
    """Index of the chosen option, or None when the answer matches none or several."""
    kern = normaliseer(tekst)
    if not kern:
        return None
    if kern.isdigit():
        nummer = int(kern)
        return nummer - 1 if 1 <= nummer <= len(opties) else None
    genormaliseerd = [normaliseer(o) for o in opties]
    if kern in genormaliseerd:
        return genormaliseerd.index(kern)
    scores = sorted(((fuzz.token_set_ratio(kern, o), i) for i, o in enumerate(genormaliseerd)), reverse=True)
    if not scores or scores[0][0] < GELIJK:
        return None
    if len(scores) > 1 and scores[1][0] > scores[0][0] - MARGE:
        return None
    return scores[0][1]
