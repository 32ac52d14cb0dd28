"""Passage search: TF-IDF over Dutch-aware terms (scikit-learn), built once, deterministic.

`PassageZoeker(passages).zoek(vraag)` returns the best passages with a score in [0, 1]: the cosine
similarity times the share of the question's known terms that the passage contains (weighted by
IDF; `Treffer.dekking`). Words the documents never use lower the score, so "waar kan ik parkeren?"
finds nothing. A word counts fully as a word of the passage, less as only a part of one of its
compounds (`DEELFACTOR`), through a synonym (`SYNONIEMFACTOR`), or only in the document's title
or organisation (`DOCUMENTFACTOR`: "wat zegt de besturingsfilosofie van zoetermeer over ...").

`synoniemen` are groups of words or phrases that mean the same (`synoniemen.yaml`, shipped and the
kennisbank's own, and each begrip or rol with its aliases; see `laden.synoniemen_van`). A question
that uses one phrase of a group (its words in that order) also searches the others, and its words
count as found in a passage that uses any phrase of the group.

A question that asks for a kind of answer (`antwoordsoort`: "wanneer" a date, "hoe vaak" a
frequency, "hoeveel X" a number with X) scores a passage that holds such an answer higher
(`SOORTBONUS`), and its words for that kind ('op welke datum') count as found there: the sentence
with the fact beats the sentence next to it that shares the other words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kennisbank.documenten.antwoordsoort import (
    DAGWOORDEN,
    SOORTWOORDEN,
    Antwoordsoort,
    getal_voor,
    gevraagde_soort,
    heeft_dag,
    heeft_datum,
    heeft_frequentie,
)
from kennisbank.documenten.model import Passage
from kennisbank.documenten.tekst import Termen
from kennisbank.zoeken.normaliseren import normaliseer

_KOPGEWICHT = 2
"""A section title counts this many times in its passages' terms."""
KOPBONUS = 0.5
"""A passage whose section title holds the question's words scores up to this share higher."""
DEELFACTOR = 0.75
"""A question word found only as part of a passage's compound ('sector' in 'sectordirecteuren')
counts this much: the passage is about something else that contains the word."""
SYNONIEMFACTOR = 0.8
"""A question word found only through a synonym counts this much: the literal word, where a
passage uses it, wins."""
DOCUMENTFACTOR = 0.5
"""A question word found only in the document's title or organisation ('zoetermeer') counts this
much: it says where to look, not what the passage is about. The organisation's name counts so
even where the passage uses it ('hoeveel inwoners heeft <gemeente>')."""
SOORTBONUS = 0.5
"""A passage that holds the kind of answer the question asks for (a date for "wanneer") scores up
to this share higher."""
_NABIJ_GETAL = 2
"""'hoeveel sectoren': a number counts when one of the question's words follows it within this many words."""
_KANDIDATEN = 30
MAX_VRAAG = 2000
"""Only the first characters of a (pasted) message are searched: a question is never longer."""


def _soorten(tekst: str) -> dict[Antwoordsoort, float]:
    """The kinds of answer normalised `tekst` holds (numbers depend on the question: `_past_soort`)."""
    uit: dict[Antwoordsoort, float] = {}
    if heeft_dag(tekst):
        uit[Antwoordsoort.DATUM] = 1.0
    elif heeft_datum(tekst):
        uit[Antwoordsoort.DATUM] = 0.5
    if heeft_frequentie(tekst):
        uit[Antwoordsoort.FREQUENTIE] = 1.0
    return uit


def _al_gesplitst(termen: list[str]) -> list[str]:
    """The vectorizer gets terms already made by `Termen` (each text is analysed once)."""
    return termen


def _beste(scores: np.ndarray, aantal: int) -> np.ndarray:
    """Indices of the `aantal` highest scores, highest first (ties by index: deterministic)."""
    if len(scores) > aantal:
        kandidaten = np.argpartition(-scores, aantal)[:aantal]
        return kandidaten[np.lexsort((kandidaten, -scores[kandidaten]))]
    return np.argsort(-scores, kind="stable")


@dataclass(frozen=True)
class _Groep:
    """A synonym group: its phrases as sets of stems (a compound also as its parts), and the stems
    of its whole phrases (what a question using one phrase also searches for)."""

    frasen: tuple[frozenset[str], ...]
    stammen: frozenset[str]
    reeksen: tuple[tuple[str, ...], ...] = ()
    """The phrases' stems in order: a question holds a phrase only with its words in that order
    ('jaar agenda' is not in 'de agenda van dit jaar'); a passage holds it as a set of stems."""

    def in_vraag(self, vraagreeks: list[str]) -> bool:
        return any(_run_in(reeks, vraagreeks) for reeks in self.reeksen)


def _run_in(reeks: tuple[str, ...], woorden: list[str]) -> bool:
    """Whether the words of `reeks` occur in `woorden` in that order (others may stand between:
    'komt het CMT bij elkaar' holds 'komt bij elkaar')."""
    rest = iter(woorden)
    return all(woord in rest for woord in reeks)


@dataclass(frozen=True)
class Treffer:
    passage: Passage
    score: float
    """Similarity in [0, 1], comparable across questions; the feature's threshold applies to it."""
    dekking: float = 1.0
    """The IDF-weighted share of the question's words the passage holds (see `DEELFACTOR` and co)."""
    soort: float = 0.0
    """How fully the passage holds the kind of answer the question asks for (`antwoordsoort`): 1
    fully, 0.5 partly (a year where a date is asked), 0 not or nothing asked."""


class PassageZoeker:
    def __init__(self, passages: list[Passage], synoniemen: Iterable[Iterable[str]] = ()) -> None:
        self.passages = passages
        # The documents' words (text and titles): compounds split on them, typos are corrected to them.
        woordenschat = {
            w
            for p in passages
            for tekst in (p.tekst, p.sectie or "", p.document.titel, p.document.organisatie)
            for w in normaliseer(tekst).split()
        }
        synoniemen = [list(frasen) for frasen in synoniemen]
        # A synonym's words are real words too: typo correction must not turn 'onderschrijding' into
        # 'overschrijding', and an elision ('onder- en overschrijding') may complete to one of them.
        bekend = {w for frasen in synoniemen for frase in frasen for w in normaliseer(frase).split()}
        voorlopig = Termen(woordenschat, bekend)
        woordenschat |= {w for p in passages for w in voorlopig.aanvullingen(p.tekst)}
        self._termen = Termen(woordenschat, bekend)
        # Imported here: reading and checking a kennisbank (`python -m kennisbank check`, a start that
        # stops at a mistake) needs no scikit-learn, which is most of a second of imports.
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizer = TfidfVectorizer(analyzer=_al_gesplitst, sublinear_tf=True, norm="l2", dtype=np.float32)
        analyses = [self._termen.analyse(self._indextekst(p)) for p in passages]
        per_passage = [termen for termen, _ in analyses]
        if passages:
            self._matrix = self._vectorizer.fit_transform(per_passage)
            self._idf = dict(zip(self._vectorizer.get_feature_names_out(), self._vectorizer.idf_))
        else:
            self._matrix = None
            self._idf = {}
        self._aanwezig = [frozenset(termen) for termen in per_passage]
        self._heel = [heel for _, heel in analyses]
        koppen = {sectie: self._termen.analyse(sectie) for sectie in {p.sectie or "" for p in passages}}
        self._normaal = [normaliseer(p.tekst) for p in passages]
        self._soorten: list[dict[Antwoordsoort, float]] = [_soorten(t) for t in self._normaal]
        """Per passage: the kinds of answer it holds, 1.0 fully, 0.5 partly (a year where a date is asked)."""
        self._soortstammen = {soort: frozenset(self._termen(" ".join(woorden))) for soort, woorden in SOORTWOORDEN.items()}
        self._dagstammen = frozenset(self._termen(" ".join(DAGWOORDEN)))
        self._kop = [frozenset(koppen[p.sectie or ""][0]) for p in passages]
        self._kop_heel = [koppen[p.sectie or ""][1] for p in passages]
        per_document = {id(p.document): frozenset(self._termen(f"{p.document.titel} {p.document.organisatie}")) for p in passages}
        self._document = [per_document[id(p.document)] for p in passages]
        organisaties = {id(p.document): frozenset(self._termen(p.document.organisatie)) for p in passages}
        # An organisation's name says where to look, not what about: it counts as the document's.
        self._heel = [heel - organisaties[id(p.document)] for heel, p in zip(self._heel, passages)]
        self._delen = [termen - organisaties[id(p.document)] for termen, p in zip(self._aanwezig, passages)]
        self._onbekend_idf = max(self._idf.values(), default=1.0) + 1.0
        self._groepen = [g for g in (self._groep(frasen) for frasen in synoniemen) if len(g.frasen) > 1]
        self._synoniemgewicht: dict[str, float] = {}
        for groep in self._groepen:  # a word only a synonym knows weighs as the documents' words for it
            gewichten = [float(self._idf[s]) for s in groep.stammen if s in self._idf]
            if gewichten:
                for stam in groep.stammen - self._idf.keys():
                    self._synoniemgewicht[stam] = min(self._synoniemgewicht.get(stam, float("inf")), min(gewichten))

    def _groep(self, frasen: Iterable[str]) -> _Groep:
        """The phrases of a synonym group as sets of stems; a one-word compound also as its parts
        ('collegelid' is found in 'college(lid)', 'bedrijfsvoeringsreserve' in the two words)."""
        heel: set[frozenset[str]] = set()
        delen: set[frozenset[str]] = set()
        reeksen: set[tuple[str, ...]] = set()
        for frase in frasen:
            termen = self._termen.kerntermen(frase, samenvoegen=False)
            heel.add(frozenset(stam for stam, _ in termen))
            reeksen.add(tuple(stam for stam, _ in termen))
            woorden = normaliseer(frase).split()
            if len(termen) == 1 and len(woorden) == 1 and (losse := self._termen.delen(woorden[0])):
                delen.add(frozenset(losse))
                reeksen.add(losse)
        heel.discard(frozenset())
        reeksen.discard(())
        return _Groep(tuple(heel | delen), frozenset(s for frase in heel for s in frase), tuple(sorted(reeksen)))

    @staticmethod
    def _indextekst(passage: Passage) -> str:
        kop = f"{passage.sectie} " * _KOPGEWICHT if passage.sectie else ""
        return f"{kop}{passage.tekst}"

    def zoek(self, vraag: str, aantal: int = 3) -> list[Treffer]:
        """The best `aantal` passages for `vraag`, best first (score > 0 only)."""
        vraag = self._termen.samengetrokken(vraag[:MAX_VRAAG])
        termen = self._termen.kerntermen(vraag)
        if self._matrix is None or not termen:
            return []
        vraagreeks = [stam for stam, _ in termen]
        vraagstammen = set(vraagreeks)
        soort = gevraagde_soort(normaliseer(vraag))
        gevraagd = self._gevraagd_getal(normaliseer(vraag), vraagstammen) if soort is Antwoordsoort.AANTAL else None
        groepen = [g for g in self._groepen if g.in_vraag(vraagreeks)]
        extra = sorted({s for g in groepen for s in g.stammen} - vraagstammen)
        vector = self._vectorizer.transform([self._termen(vraag) + extra])
        if vector.nnz == 0:
            return []
        cosinus = self._matrix @ vector.toarray().ravel()
        gewichten = [self._gewicht(stam, delen) for stam, delen in termen]
        totaal = sum(gewichten)
        treffers = []
        for index in _beste(cosinus, max(_KANDIDATEN, aantal)):
            if cosinus[index] <= 0:
                break
            past = self._past_soort(index, soort, gevraagd) if soort is not None else 0.0
            dekking = self._dekking(
                termen,
                gewichten,
                (
                    (self._heel[index], 1.0),
                    (self._delen[index], DEELFACTOR),
                    (self._met_synoniemen(self._delen[index], groepen), SYNONIEMFACTOR),
                    (self._document[index], DOCUMENTFACTOR),
                    (self._soortwoorden(soort, past), 1.0),
                ),
            )
            kop = self._dekking(
                termen,
                gewichten,
                (
                    (self._kop_heel[index], 1.0),
                    (self._kop[index], DEELFACTOR),
                    (self._met_synoniemen(self._kop[index], groepen), SYNONIEMFACTOR),
                ),
            )
            score = float(cosinus[index]) * dekking / totaal * (1 + KOPBONUS * kop / totaal) * (1 + SOORTBONUS * past)
            treffers.append(Treffer(self.passages[index], min(float(score), 1.0), float(dekking / totaal), past))
        treffers.sort(key=lambda t: -t.score)
        return treffers[:aantal]

    def _gevraagd_getal(self, vraag: str, vraagstammen: set[str]) -> frozenset[str]:
        """The stems a number must stand before for 'hoeveel <woord>' ('hoeveel sectoren' -> {'sector'});
        empty when no word of the question follows 'hoeveel' ('hoeveel kost ...': any number)."""
        na = re.search(r"\bhoe ?veel ((?:\S+ ?){1,2})", vraag)
        if na is None:
            return frozenset()
        return frozenset(self._termen.analyse(na.group(1))[1] & vraagstammen)

    def _past_soort(self, index: int, soort: Antwoordsoort, gevraagd: frozenset[str] | None) -> float:
        """How fully passage `index` holds an answer of `soort` (0, 0.5 or 1)."""
        if soort is not Antwoordsoort.AANTAL:
            return self._soorten[index].get(soort, 0.0)
        woorden = self._normaal[index].split()
        getallen = getal_voor(woorden)
        if not gevraagd:
            return 1.0 if getallen else 0.0
        nabij = any(self._termen.analyse(" ".join(woorden[i + 1 : i + 1 + _NABIJ_GETAL]))[1] & gevraagd for i in getallen)
        return 1.0 if nabij else 0.0

    def _soortwoorden(self, soort: Antwoordsoort | None, past: float) -> frozenset[str]:
        """The question's words for the kind of answer, which a passage that holds it holds too."""
        if soort is None or not past:
            return frozenset()
        if soort is Antwoordsoort.DATUM and past == 1.0:
            return self._soortstammen[soort] | self._dagstammen
        return self._soortstammen[soort]

    @staticmethod
    def _met_synoniemen(aanwezig: frozenset[str], groepen: list[_Groep]) -> frozenset[str]:
        """`aanwezig` plus every phrase of a group one of whose phrases is present."""
        extra = {s for g in groepen if any(frase <= aanwezig for frase in g.frasen) for s in g.stammen}
        return aanwezig | extra if extra else aanwezig

    def _gewicht(self, stam: str, delen: tuple[str, ...]) -> float:
        """IDF of a question word; a compound the documents spell differently weighs as its parts."""
        if stam in self._idf:
            return self._idf[stam]
        if delen and all(d in self._idf for d in delen):
            return max(self._idf[d] for d in delen)
        return self._synoniemgewicht.get(stam, self._onbekend_idf)

    @staticmethod
    def _dekking(
        termen: list[tuple[str, tuple[str, ...]]],
        gewichten: list[float],
        lagen: tuple[tuple[frozenset[str], float], ...],
    ) -> float:
        """Weight of the question words found, each by the first layer of `lagen` that holds it
        (whole, or all parts of a question's compound) times that layer's factor."""
        totaal = 0.0
        for (stam, delen), gewicht in zip(termen, gewichten):
            for aanwezig, factor in lagen:
                if stam in aanwezig or (delen and all(d in aanwezig for d in delen)):
                    totaal += gewicht * factor
                    break
        return totaal
