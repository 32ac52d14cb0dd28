"""Matching a typed question to an escalation rule, and finding an onderwerp named in it.

`RegelZoeker` is trained from the data: each rule's `voorbeeldvragen` (questions as people type
them), its `trefwoorden` and its `situatie` are the examples. A question and the examples are
compared as TF-IDF vectors of character n-grams (robust to typos, compounds and inflection) plus
words and word pairs; a rule scores the mean cosine similarity of its two nearest examples (one
accidental overlap with a single example does not decide; measured on the natural question sets:
escalation 96 -> 103 of 122, and no out-of-scope question got a rule). The best rule
wins when it is close (`ZEKER`) and beats the runner-up by `MARGE`, or beats it by `RUIME_MARGE`;
otherwise the rules within the margin are returned as candidates (the feature asks which one).
Between `DREMPEL` and `KIESDREMPEL` a rule is never chosen outright, only offered as a candidate
("Bedoelde je …?"): leave-one-out over the voorbeeldvragen of both kennisbanken showed that about
a fifth of the held-out examples land there, mostly nearest to their own rule (own rule chosen or
offered 253 -> 295 of 398, another rule chosen 10 -> 10; of 20 off-topic sentences on each
kennisbank, 9 -> 10 of 40 get a rule or a "Bedoelde je", at 0.25 it was 12; the intent recogniser
keeps most of these away from this feature). Below `DREMPEL` there is no rule.

A question about a difference of opinion (`VERSCHIL_IN_VRAAG`) only gets `ambtelijk` rules: an
ambtelijk meningsverschil never goes to college, wethouder or raad.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from kennisbank.escalatie.model import VERSCHIL_IN_VRAAG, EscalatieRegel
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp
from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

DREMPEL = 0.26
"""Similarity (mean of the two nearest examples) from which a rule counts at all, as a candidate."""
KIESDREMPEL = 0.30
"""From this similarity a rule can be chosen without asking."""
ZEKER = 0.40
"""From this similarity a rule that beats the next one by `MARGE` is chosen..."""
MARGE = 0.06
RUIME_MARGE = 0.10
"""...below it, only a rule that beats the next one by this much. Otherwise the rules within
`MARGE` of the best are candidates (one candidate: "Bedoelde je …?")."""
MAX_KANDIDATEN = 3


@dataclass(frozen=True)
class Regelkeuze:
    """Outcome of matching: one rule, several close candidates, or nothing."""

    regel: EscalatieRegel | None
    kandidaten: tuple[EscalatieRegel, ...] = ()
    score: float = 0.0


class RegelZoeker:
    """Matches a question to an escalation rule; build once per kennisbank (training takes milliseconds)."""

    def __init__(
        self,
        regels: Iterable[EscalatieRegel],
        geen_regel: Iterable[str] = (),
        *,
        drempel: float = DREMPEL,
        marge: float = MARGE,
    ) -> None:
        """`geen_regel`: questions that name no situation ("ik wil escaleren"); nearest to one of
        these, a question gets no rule however close a rule is."""
        self._regels = list(regels)
        self._drempel, self._marge = drempel, marge
        teksten: list[str] = []
        labels: list[int] = []
        for tekst in geen_regel:
            if kern := _kern(tekst):
                teksten.append(kern)
                labels.append(len(self._regels))
        self._herkomst: list[tuple[int, str, int] | None] = [None] * len(teksten)
        for nummer, regel in enumerate(self._regels):
            bronnen = [("situatie", 0, regel.situatie)]
            bronnen += [("voorbeeldvragen", i, t) for i, t in enumerate(regel.voorbeeldvragen)]
            bronnen += [("trefwoorden", i, t) for i, t in enumerate(regel.trefwoorden)]
            for veld, index, tekst in bronnen:
                kern = _kern(tekst)
                if kern:
                    teksten.append(kern)
                    labels.append(nummer)
                    self._herkomst.append((nummer, veld, index))
        self._labels = np.array(labels, dtype=int)
        self._per_label = [np.flatnonzero(self._labels == label) for label in range(len(self._regels) + 1)]
        self._tekens = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._woorden = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
        self._voorbeelden = self._vectoren(teksten, leer=True) if teksten else None
        self._analyse = self._tekens.build_analyzer()

    def _vectoren(self, teksten: list[str], *, leer: bool = False):
        if leer:
            tekens, woorden = self._tekens.fit_transform(teksten), self._woorden.fit_transform(teksten)
        else:
            tekens, woorden = self._tekens.transform(teksten), self._woorden.transform(teksten)
        # Both halves are L2-normalised; the sum of their cosines is halved back to [0, 1].
        return hstack([tekens, woorden]).tocsr() * np.sqrt(0.5)

    def _bekend(self, kern: str) -> float:
        """The share of the question's character n-grams the examples know (unknown ones would
        otherwise drop out of the vector, making 'mijn laptop doet het niet' look like 'niet eens')."""
        ngrammen = self._analyse(kern)
        return sum(n in self._tekens.vocabulary_ for n in ngrammen) / len(ngrammen) if ngrammen else 0.0

    def scores(self, vraag: str) -> list[tuple[float, EscalatieRegel]]:
        """Every rule with the similarity of its nearest example, best first; empty when the question
        is nearest to a `geen_regel` example."""
        kern = _kern(vraag)
        if not kern or self._voorbeelden is None:
            return []
        gelijkenis = (self._voorbeelden @ self._vectoren([kern]).T).toarray().ravel() * self._bekend(kern)
        return self._per_regel(vraag, gelijkenis)

    def _per_regel(self, vraag: str, gelijkenis: np.ndarray) -> list[tuple[float, EscalatieRegel]]:
        beste = np.array([_twee_naaste(gelijkenis[indices]) for indices in self._per_label])
        if beste[-1] >= beste[:-1].max(initial=0.0):
            return []  # nearest to a question that names no situation
        alleen_ambtelijk = _alleen_ambtelijk(vraag)
        paren = [(float(beste[n]), n, regel) for n, regel in enumerate(self._regels) if regel.ambtelijk or not alleen_ambtelijk]
        paren.sort(key=lambda p: (-p[0], p[1]))
        return [(score, regel) for score, _, regel in paren]

    def zoek(self, vraag: str) -> Regelkeuze:
        """The rule this question is about; `regel` None with `kandidaten` when several are close."""
        return self._kies(self.scores(vraag))

    def zonder_zichzelf(self) -> list[tuple[EscalatieRegel, str, int, Regelkeuze]]:
        """For every example of every rule (field `situatie`, `voorbeeldvragen` or `trefwoorden`
        and its index): the choice that example would get if it were not an example itself
        (leave-one-out). A rule none of whose examples comes back to it is one that other rules
        always win; `kennisbank.escalatie.bereik` reports these."""
        if self._voorbeelden is None:
            return []
        gelijkenis = (self._voorbeelden @ self._voorbeelden.T).toarray()
        np.fill_diagonal(gelijkenis, 0.0)
        uitkomsten = []
        for rij, herkomst in enumerate(self._herkomst):
            if herkomst is None:
                continue
            nummer, veld, index = herkomst
            regel = self._regels[nummer]
            tekst = regel.situatie if veld == "situatie" else getattr(regel, veld)[index]
            uitkomsten.append((regel, veld, index, self._kies(self._per_regel(tekst, gelijkenis[rij]))))
        return uitkomsten

    def _kies(self, scores: list[tuple[float, EscalatieRegel]]) -> Regelkeuze:
        if not scores or scores[0][0] < self._drempel:
            return Regelkeuze(None)
        beste, regel = scores[0]
        voorsprong = beste - (scores[1][0] if len(scores) > 1 else 0.0)
        zeker = (beste >= ZEKER and voorsprong >= self._marge) or voorsprong >= RUIME_MARGE
        if zeker and beste >= KIESDREMPEL:
            return Regelkeuze(regel, (regel,), beste)
        dichtbij = tuple(r for s, r in scores if s >= self._drempel and s > beste - self._marge)
        return Regelkeuze(None, dichtbij[:MAX_KANDIDATEN], beste)


def _twee_naaste(gelijkenis: np.ndarray) -> float:
    """The mean of the two highest similarities (the one when there is only one)."""
    if len(gelijkenis) == 0:
        return 0.0
    if len(gelijkenis) == 1:
        return float(gelijkenis[0])
    twee = np.partition(gelijkenis, len(gelijkenis) - 2)[-2:]
    return float(twee.mean())


def _alleen_ambtelijk(vraag: str) -> bool:
    tekst = f" {normaliseer(vraag)} "
    return any(f" {normaliseer(w)}" in tekst for w in VERSCHIL_IN_VRAAG)


_VRAAGWOORDEN = frozenset("wie wanneer waarom hoe welk hoeveel waarmee gaat gaan doet doen nu".split())
"""Question words that say nothing about the situation (not 'wat': the WAT-vraag)."""


def _kern(tekst: str) -> str:
    return " ".join(w for w in normaliseer(tekst).split() if w not in STOPWOORDEN and w not in _VRAAGWOORDEN)


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


def zonder_onderwerp(tekst: str, onderwerp: Onderwerp | None) -> str:
    """The text without the onderwerp's name or aliases: a name says nothing about the situation,
    and words the examples do not know would lower the similarity."""
    kern = f" {normaliseer(tekst)} "
    if onderwerp is not None:
        for naam in sorted([onderwerp.naam, *onderwerp.aliassen], key=len, reverse=True):
            kern = kern.replace(f" {normaliseer(naam)} ", " ")
    return kern.strip()
