"""Which step of a route a follow-up asks for ("en als ze er dan nog niet uitkomen?", "en daarna?",
"en als het over afdelingen heen gaat?"), after the whole route was given.

A follow-up that names the condition of a step (its `wanneer`: "als het over afdelingen heen gaat")
gets that step: the step whose condition's words it holds most (a word counts when it is the same or
close to it: "opdrachtgevers" for "opdrachtgever"), at least half of them, and more than any other
step's. Otherwise it asks for the next step after the one the conversation is at; after the last
step there is none (the caller says so). Pure: words from the data, nothing known about any rule.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

GELIJK_WOORD = 80
"""A typed word is a word of the condition from this rapidfuzz ratio on (0-100): "uitkomt" for
"uitkomen", "opdrachtgevers" for "opdrachtgever"; not "programma" for "programmaonderdeel"."""
DEEL_VAN_VOORWAARDE = 0.5
"""The share of a condition's words a follow-up must hold to ask for that step."""
DEEL_VAN_TEKST = 0.5
"""With `alleen`: the share of the text's own words that must be the condition's."""
_BETEKENISWOORDEN = frozenset("over onder zonder uit".split())
"""Function words that carry a condition ("over afdelingen heen", "geld uit een ander programma")."""


def gevraagde_stap(regel: EscalatieRegel, huidig: int, tekst: str) -> int | None:
    """The number (1-based) of the step `tekst` asks for, the conversation being at step `huidig`;
    None when the route has no step after `huidig` and the text names no condition."""
    genoemd = genoemde_voorwaarde(regel, tekst)
    if genoemd is not None:
        return genoemd
    return huidig + 1 if huidig < len(regel.route) else None


def genoemde_voorwaarde(regel: EscalatieRegel, tekst: str, *, minimaal: int = 1, alleen: bool = False) -> int | None:
    """The step whose condition `tekst` names (see the module's docstring), holding at least
    `minimaal` of its words; with `alleen`, only when the condition is most of what the text says
    (`DEEL_VAN_TEKST` of its words: "en als het geld uit een ander programma moet komen?", not a
    question of its own that happens to hold those words); None when no step's condition is named."""
    getypt = _woorden(tekst)
    if not getypt:  # "en dan?": no words of any condition
        return None
    scores = []
    for nummer, stap in enumerate(regel.route, start=1):
        voorwaarde = _woorden(stap.wanneer or "")
        if voorwaarde:
            geraakt = sum(any(_lijkt(t, w) for t in getypt) for w in voorwaarde)
            eigen = sum(any(_lijkt(t, w) for w in voorwaarde) for t in getypt) / len(getypt)
            scores.append((geraakt / len(voorwaarde), geraakt, eigen, nummer))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < DEEL_VAN_VOORWAARDE or scores[0][1] < minimaal:
        return None
    if alleen and scores[0][2] < DEEL_VAN_TEKST:
        return None
    return scores[0][3] if len(scores) == 1 or scores[1][0] < scores[0][0] else None


def _woorden(tekst: str) -> list[str]:
    return [w for w in normaliseer(tekst).split() if w not in STOPWOORDEN - _BETEKENISWOORDEN and w not in ("als", "niet")]


def _lijkt(getypt: str, woord: str) -> bool:
    return getypt == woord or (min(len(getypt), len(woord)) >= 5 and fuzz.ratio(getypt, woord) >= GELIJK_WOORD)
