"""Matching a typed question to an escalation rule, and finding an onderwerp named in it.

A rule's `trefwoorden` are phrases: a phrase counts when every one of its words occurs in the
question (exactly, as the start of a word, inside a compound, or with a typo). A rule scores the
summed length of its phrases that occur, plus a bonus when the question closely resembles one of
its `voorbeeldvragen`. The best rule wins only when it clearly beats the others; a tie gives the
candidates, and nothing gives no rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp
from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

_MIN_STAM = 4
"""A question word that starts with a trefwoord of this length matches it ('budget' ~ 'budgetten')."""
_MIN_DEEL = 6
"""A trefwoord of this length also matches inside a compound ('capaciteit' in 'personeelscapaciteit')."""
TYPFOUT = 85.0
"""rapidfuzz ratio from which two words of 5+ letters count as the same."""
VOORBEELD_GELIJK = 88.0
"""token_set_ratio against a voorbeeldvraag from which it counts as a match on its own."""


@dataclass(frozen=True)
class Regelkeuze:
    """Outcome of matching: one rule, several equally good candidates, or nothing."""

    regel: EscalatieRegel | None
    kandidaten: tuple[EscalatieRegel, ...] = ()
    score: float = 0.0


def _woord_past(trefwoord: str, woord: str) -> bool:
    if woord == trefwoord:
        return True
    if len(trefwoord) >= _MIN_STAM and woord.startswith(trefwoord):
        return True
    if len(trefwoord) >= _MIN_DEEL and trefwoord in woord:
        return True
    return len(trefwoord) >= 5 and len(woord) >= 5 and fuzz.ratio(trefwoord, woord) >= TYPFOUT


@dataclass(frozen=True)
class _Ingang:
    regel: EscalatieRegel
    frasen: tuple[tuple[str, ...], ...]
    voorbeelden: tuple[str, ...]


class RegelZoeker:
    """Matches a question to an escalation rule; build once per kennisbank."""

    def __init__(self, regels: Iterable[EscalatieRegel]) -> None:
        self._ingangen = [
            _Ingang(
                regel,
                tuple(f for f in (tuple(normaliseer(t).split()) for t in regel.trefwoorden) if f),
                tuple(_kern(v) for v in regel.voorbeeldvragen),
            )
            for regel in regels
        ]

    def score(self, regel_id: str, vraag: str) -> float:
        woorden = normaliseer(vraag).split()
        kern = _kern(vraag)
        return next((self._score(i, woorden, kern) for i in self._ingangen if i.regel.id == regel_id), 0.0)

    def zoek(self, vraag: str) -> Regelkeuze:
        """The rule this question is about; `regel` None with `kandidaten` when it is a tie."""
        woorden = normaliseer(vraag).split()
        kern = _kern(vraag)
        if not woorden:
            return Regelkeuze(None)
        scores = sorted(
            ((self._score(i, woorden, kern), n, i.regel) for n, i in enumerate(self._ingangen)),
            key=lambda t: (-t[0], t[1]),
        )
        scores = [(s, r) for s, _, r in scores if s > 0]
        if not scores:
            return Regelkeuze(None)
        beste = scores[0][0]
        gelijk = tuple(r for s, r in scores if s >= beste - 0.5)
        if len(gelijk) > 1:
            return Regelkeuze(None, gelijk, beste)
        return Regelkeuze(scores[0][1], (scores[0][1],), beste)

    @staticmethod
    def _score(ingang: _Ingang, woorden: list[str], kern: str) -> float:
        """Sum of the lengths of the trefwoord phrases that occur, plus a bonus for a voorbeeldvraag."""
        score = 0.0
        for frase in ingang.frasen:
            if all(any(_woord_past(t, w) for w in woorden) for t in frase):
                score += len(frase)
        gelijkenis = max((fuzz.token_set_ratio(kern, v) for v in ingang.voorbeelden), default=0.0)
        if gelijkenis >= VOORBEELD_GELIJK:
            score += 2 + (gelijkenis - VOORBEELD_GELIJK) / (100 - VOORBEELD_GELIJK)
        return score


def _kern(tekst: str) -> str:
    return " ".join(w for w in normaliseer(tekst).split() if w not in STOPWOORDEN)


def onderwerp_in_tekst(tekst: str, kennisbank: Kennisbank) -> Onderwerp | None:
    """The one onderwerp whose name or alias occurs as whole words in the text, else None.

    Used for direct questions ("er is geen budget voor de jeugdagenda"): only exact word
    sequences count, and only names of at least 5 letters, so no onderwerp is guessed.
    """
    woorden = f" {normaliseer(tekst)} "
    gevonden: dict[str, tuple[int, Onderwerp]] = {}
    for onderwerp in kennisbank.bestanden.onderwerpen:
        for naam in [onderwerp.naam, *onderwerp.aliassen]:
            genormaliseerd = normaliseer(naam)
            if len(genormaliseerd.replace(" ", "")) < 5 or f" {genormaliseerd} " not in woorden:
                continue
            lengte = len(genormaliseerd)
            if onderwerp.id not in gevonden or gevonden[onderwerp.id][0] < lengte:
                gevonden[onderwerp.id] = (lengte, onderwerp)
    if not gevonden:
        return None
    langste = max(lengte for lengte, _ in gevonden.values())
    beste = [o for lengte, o in gevonden.values() if lengte == langste]
    return beste[0] if len(beste) == 1 else None
