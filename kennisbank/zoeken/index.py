"""The precomputed index: every name and alias of every record, with its terms and trigrams.

Matching is hybrid and measured on tests/vragen/opdrachtgever.yaml:
- retrieval: character trigrams of the space-free core (so "jeugd agenda" = "jeugdagenda"),
  idf-weighted over an inverted index, keeps the best `kandidaten_max` names;
- re-ranking: idf-weighted term coverage in both directions (BM25-like, compounds split, fuzzy
  per term with rapidfuzz) and rapidfuzz ratio on the whole space-free string for typos.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from kennisbank.zoeken.normaliseren import GENERIEKE_WOORDEN, Splitser, normaliseer, termen

GEWICHT_GENERIEK = 0.25
"""Weight factor for generic words (agenda, project, werk, ...)."""
AANDEEL_VRAAG = 0.65
"""Share of question coverage in the term score; the rest is name coverage."""
TERM_GELIJK = 80.0
"""rapidfuzz ratio from which two words of 5+ letters count as the same (typos)."""
HEEL_GELIJK = 88.0
"""rapidfuzz ratio from which two whole space-free strings count as the same."""


@dataclass(frozen=True)
class Doel:
    """A record that can answer: (soort, id) plus its display name."""

    soort: str
    id: str
    naam: str


@dataclass(frozen=True)
class Ingang:
    """One name or alias of a record, preprocessed."""

    doel: Doel
    tekst: str
    termen: tuple[str, ...]
    compact: str


@dataclass(frozen=True)
class Treffer:
    """Best score of one record for a question; `dekking` is how much of the question it covers."""

    doel: Doel
    score: float
    dekking: float
    ingang: Ingang


def trigrammen(compact: str) -> set[str]:
    gevuld = f"#{compact}#"
    return {gevuld[i : i + 3] for i in range(len(gevuld) - 2)}


class Index:
    """Built once from (doel, name) pairs; `zoek(kern)` returns the best records for a core."""

    def __init__(self, namen: list[tuple[Doel, str]], *, kandidaten_max: int = 50) -> None:
        self._kandidaten_max = kandidaten_max
        genormaliseerd = [(doel, normaliseer(naam)) for doel, naam in namen]
        woordenschat = {w for _, tekst in genormaliseerd for w in termen(tekst)}
        self.splitser = Splitser(woordenschat)
        self.ingangen: list[Ingang] = []
        gezien: set[tuple[Doel, str]] = set()
        for doel, tekst in genormaliseerd:
            delen = tuple(self.splitser.termen(tekst))
            if not delen or (doel, tekst) in gezien:
                continue
            gezien.add((doel, tekst))
            self.ingangen.append(Ingang(doel, tekst, delen, "".join(delen)))

        per_doel: dict[Doel, set[str]] = defaultdict(set)
        for ingang in self.ingangen:
            per_doel[ingang.doel].update(ingang.termen)
        df: dict[str, int] = defaultdict(int)
        for woorden in per_doel.values():
            for woord in woorden:
                df[woord] += 1
        self._aantal_doelen = max(1, len(per_doel))
        self._idf = {w: math.log(1 + self._aantal_doelen / n) for w, n in df.items()}
        self._idf_onbekend = math.log(1 + self._aantal_doelen)

        posting: dict[str, list[int]] = defaultdict(list)
        self._grootte: list[float] = []
        for nummer, ingang in enumerate(self.ingangen):
            tri = trigrammen(ingang.compact)
            self._grootte.append(math.sqrt(len(tri)))
            for t in tri:
                posting[t].append(nummer)
        plafond = max(500, len(self.ingangen) // 20)
        aantal = max(1, len(self.ingangen))
        self._posting = {t: (tuple(n), math.log(1 + aantal / len(n))) for t, n in posting.items() if len(n) <= plafond}

    def gewicht(self, woord: str) -> float:
        idf = self._idf.get(woord, self._idf_onbekend)
        return idf * GEWICHT_GENERIEK if woord in GENERIEKE_WOORDEN else idf

    def termen(self, kern: str) -> tuple[str, ...]:
        return tuple(self.splitser.termen(normaliseer(kern)))

    def alleen_generiek(self, delen: tuple[str, ...]) -> bool:
        return all(d in GENERIEKE_WOORDEN for d in delen)

    def zoek(self, kern: str, soorten: frozenset[str] | None = None) -> list[Treffer]:
        """Records matching the core, best first (one Treffer per record)."""
        delen = self.termen(kern)
        if not delen:
            return []
        compact = "".join(delen)
        beste: dict[Doel, Treffer] = {}
        for nummer in self._kandidaten(compact):
            ingang = self.ingangen[nummer]
            if soorten is not None and ingang.doel.soort not in soorten:
                continue
            score, dekking = self._score(delen, compact, ingang)
            vorige = beste.get(ingang.doel)
            if vorige is None or score > vorige.score:
                beste[ingang.doel] = Treffer(ingang.doel, score, dekking, ingang)
        return sorted(beste.values(), key=lambda t: (-t.score, -t.dekking, t.doel.naam))

    def _kandidaten(self, compact: str) -> list[int]:
        tri = trigrammen(compact)
        som: dict[int, float] = defaultdict(float)
        for t in tri:
            gevonden = self._posting.get(t)
            if gevonden is None:
                continue
            nummers, idf = gevonden
            for nummer in nummers:
                som[nummer] += idf
        if len(som) <= self._kandidaten_max:
            return list(som)
        grootte = self._grootte
        return heapq.nlargest(self._kandidaten_max, som, key=lambda n: som[n] / grootte[n])

    def _score(self, delen: tuple[str, ...], compact: str, ingang: Ingang) -> tuple[float, float]:
        """(score, question coverage), both 0..1."""
        if compact == ingang.compact:
            return 1.0, 1.0
        vraag_som = vraag_gedekt = 0.0
        for deel in delen:
            w = self.gewicht(deel)
            vraag_som += w
            vraag_gedekt += w * _dekking(deel, ingang.termen, ingang.compact)
        naam_som = naam_gedekt = 0.0
        for deel in ingang.termen:
            w = self.gewicht(deel)
            naam_som += w
            naam_gedekt += w * _dekking(deel, delen, compact)
        dekking = vraag_gedekt / vraag_som if vraag_som else 0.0
        score = AANDEEL_VRAAG * dekking + (1 - AANDEEL_VRAAG) * (naam_gedekt / naam_som if naam_som else 0.0)
        if len(compact) >= 5 and len(ingang.compact) >= 5:
            heel = fuzz.ratio(compact, ingang.compact)
            if heel >= HEEL_GELIJK and heel / 100 > score:
                return heel / 100, max(dekking, heel / 100)
        return score, dekking


def _dekking(woord: str, andere: tuple[str, ...], andere_compact: str) -> float:
    """How well `woord` occurs among `andere`: 1 exact, ratio/100 for a typo, 0 otherwise."""
    if woord in andere:
        return 1.0
    if len(woord) < 5:
        return 0.0
    beste = 0.0
    for ander in andere:
        if len(ander) >= 4:
            r = fuzz.ratio(woord, ander)
            if r >= TERM_GELIJK and r > beste:
                beste = r
            elif len(woord) >= 5 and ander.startswith(woord) and beste < 90:
                beste = 90.0
    if beste < 100 and woord in andere_compact:
        beste = max(beste, 95.0)
    if beste < TERM_GELIJK and len(andere_compact) >= 5:
        r = fuzz.ratio(woord, andere_compact)
        if r >= HEEL_GELIJK:
            beste = r
    return beste / 100
