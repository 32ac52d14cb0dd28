"""Matching a typed question to an escalation rule, and finding an onderwerp named in it.

`RegelZoeker` is trained from the data: each rule's `voorbeeldvragen` (questions as people type
them), its `trefwoorden` and its `situatie` are the examples. A question and the examples are
compared as TF-IDF vectors of character n-grams (robust to typos, compounds and inflection) plus
words and word pairs. A rule's score adds two things:
- its similarity: the mean cosine similarity of its two nearest examples (one accidental overlap
  with a single example does not decide);
- `GEWICHT_MODEL` times the probability a linear SVM over the same vectors gives the rule. The
  nearest examples alone miss what tells two close rules apart (which words matter, "over het
  budget" against "geld over"); the model weighs every word against every rule. Measured on the
  voorbeeldvragen of both kennisbanken (10-fold) and an own development set
  (tests/escalatie_ontwikkel.yaml): see bench/README.md.
The best rule wins when it is close (`ZEKER`) and beats the runner-up by `MARGE`, or beats it by
`RUIME_MARGE`, from `KIESDREMPEL`, and its similarity reaches `DREMPEL`; otherwise the rules within
the margin are returned as candidates (the feature asks "Bedoelde je …?"). The model always picks
something; the similarity says whether the question is near a rule at all: between `VRAAGDREMPEL`
and `DREMPEL` a rule is only offered (`Regelkeuze.zwak`), below `VRAAGDREMPEL` there is no rule.

Words that carry the situation stay in the comparison though they are function words elsewhere
(`_BETEKENISWOORDEN`: over/onder for the direction of money, zonder, uit as in "komt er niet uit",
eens as in "niet eens").

A question about a difference of opinion (`VERSCHIL_IN_VRAAG`) only gets `ambtelijk` rules: an
ambtelijk meningsverschil never goes to college, wethouder or raad.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from kennisbank.escalatie.model import VERSCHIL_IN_VRAAG, EscalatieRegel
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp
from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

DREMPEL = 0.26
"""Similarity (mean of the two nearest examples) from which a rule can be chosen without asking."""
VRAAGDREMPEL = 0.20
"""Similarity from which a rule counts at all: between this and `DREMPEL` it is only offered
("Bedoelde je …?"), however sure the model is."""
GEWICHT_MODEL = 0.2
"""What the linear model's probability for a rule (0–1) adds to its similarity."""
SCHERPTE = 5.0
"""Scales the SVM's margins before the softmax that turns them into probabilities."""
KIESDREMPEL = 0.30
"""From this score a rule can be chosen without asking."""
ZEKER = 0.40
"""From this score a rule that beats the next one by `MARGE` is chosen..."""
MARGE = 0.06
RUIME_MARGE = 0.10
"""...below it, only a rule that beats the next one by this much. Otherwise the rules within
`MARGE` of the best are candidates (one candidate: "Bedoelde je …?")."""
MAX_KANDIDATEN = 3
VOUWEN = 10
"""`zonder_zichzelf` retrains the model this many times, each time without a tenth of the examples."""


@dataclass(frozen=True)
class Regelscore:
    """How well one rule fits a question: `score` (similarity plus the model's share) decides,
    `gelijkenis` (to the rule's two nearest examples) says whether it is near at all."""

    score: float
    gelijkenis: float
    regel: EscalatieRegel


@dataclass(frozen=True)
class Regelkeuze:
    """Outcome of matching: one rule, several close candidates, or nothing."""

    regel: EscalatieRegel | None
    kandidaten: tuple[EscalatieRegel, ...] = ()
    score: float = 0.0
    zwak: bool = False
    """No candidate is similar enough to be chosen (below `DREMPEL`): a guess to offer, not more."""


class RegelZoeker:
    """Matches a question to an escalation rule; build once per kennisbank (training takes milliseconds)."""

    def __init__(
        self,
        regels: Iterable[EscalatieRegel],
        geen_regel: Iterable[str] = (),
        *,
        drempel: float = DREMPEL,
        vraagdrempel: float = VRAAGDREMPEL,
        marge: float = MARGE,
    ) -> None:
        """`geen_regel`: questions that name no situation ("ik wil escaleren"); nearest to one of
        these, a question gets no rule however close a rule is."""
        self._regels = list(regels)
        self._drempel, self._vraagdrempel, self._marge = drempel, vraagdrempel, marge
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
        from sklearn.feature_extraction.text import TfidfVectorizer  # here: reading a kennisbank needs no scikit-learn

        self._tekens = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._woorden = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
        self._voorbeelden = self._vectoren(teksten, leer=True) if teksten else None
        self._per_kenmerk = self._voorbeelden.T.tocsr() if self._voorbeelden is not None else None  # features x examples
        self._delen: list[tuple[Callable[[str], list[str]], dict[str, int], list[float], int]] = []
        if self._voorbeelden is not None:
            breedte = len(self._tekens.vocabulary_)
            for vectorizer, begin in ((self._tekens, 0), (self._woorden, breedte)):
                self._delen.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_.tolist(), begin))
        self._model = (
            _Lijnmodel(self._voorbeelden, self._labels, len(self._regels) + 1) if self._voorbeelden is not None else None
        )

    def _vectoren(self, teksten: list[str], *, leer: bool = False):
        from scipy.sparse import hstack

        if leer:
            tekens, woorden = self._tekens.fit_transform(teksten), self._woorden.fit_transform(teksten)
        else:
            tekens, woorden = self._tekens.transform(teksten), self._woorden.transform(teksten)
        # Both halves are L2-normalised; the sum of their cosines is halved back to [0, 1].
        return hstack([tekens, woorden]).tocsr() * np.sqrt(0.5)

    def _vector(self, kern: str) -> tuple[np.ndarray, np.ndarray, float]:
        """One text's vector as (columns, values), the same numbers as `_vectoren` computed directly
        (scikit-learn's per-call overhead is most of the time), and the share of its character
        n-grams the examples know (unknown ones would otherwise drop out of the vector, making
        'mijn laptop doet het niet' look like 'niet eens')."""
        kolommen: list[int] = []
        waarden: list[float] = []
        bekend = 0.0
        for analyse, woordenlijst, idf, begin in self._delen:
            termen = analyse(kern)
            deel = {}
            for term, aantal in Counter(termen).items():
                kolom = woordenlijst.get(term)
                if kolom is not None:
                    deel[begin + kolom] = (1.0 + math.log(aantal)) * idf[kolom]
            if begin == 0:
                bekend = sum(n in woordenlijst for n in termen) / len(termen) if termen else 0.0
            norm = math.sqrt(sum(w * w for w in deel.values()))
            if norm:
                kolommen += deel.keys()
                waarden += (w / norm * math.sqrt(0.5) for w in deel.values())
        return np.array(kolommen, dtype=np.int64), np.array(waarden), bekend

    def scores(self, vraag: str) -> list[Regelscore]:
        """Every rule with its score, best first; empty when the question is nearest to a
        `geen_regel` example."""
        kern = _kern(vraag)
        if not kern or self._per_kenmerk is None or self._model is None:
            return []
        kolommen, waarden, bekend = self._vector(kern)
        gelijkenis = self._per_kenmerk[kolommen].T @ waarden * bekend
        return self._per_regel(vraag, gelijkenis, self._model.kansen_van(kolommen, waarden))

    def _per_regel(self, vraag: str, gelijkenis: np.ndarray, kansen: np.ndarray) -> list[Regelscore]:
        naaste = np.array([_twee_naaste(gelijkenis[indices]) for indices in self._per_label])
        totaal = naaste + GEWICHT_MODEL * kansen
        if naaste[-1] >= naaste[:-1].max(initial=0.0) or totaal[-1] >= totaal[:-1].max(initial=0.0):
            return []  # nearest to a question that names no situation
        alleen_ambtelijk = _alleen_ambtelijk(vraag)
        scores = [
            (float(totaal[n]), n, Regelscore(float(totaal[n]), float(naaste[n]), regel))
            for n, regel in enumerate(self._regels)
            if regel.ambtelijk or not alleen_ambtelijk
        ]
        scores.sort(key=lambda s: (-s[0], s[1]))
        return [score for _, _, score in scores]

    def zoek(self, vraag: str) -> Regelkeuze:
        """The rule this question is about; `regel` None with `kandidaten` when several are close."""
        return self._kies(self.scores(vraag))

    def zonder_zichzelf(self) -> list[tuple[EscalatieRegel, str, int, Regelkeuze]]:
        """For every example of every rule (field `situatie`, `voorbeeldvragen` or `trefwoorden`
        and its index): the choice that example would get if it were not an example itself. The
        nearest examples leave out just that one (leave-one-out); the model is trained `VOUWEN`
        times, each time without a tenth of the examples, which is stricter and a hundred times
        cheaper. A rule none of whose examples comes back to it is one that other rules always win;
        `kennisbank.escalatie.bereik` reports these."""
        if self._voorbeelden is None:
            return []
        gelijkenis = (self._voorbeelden @ self._voorbeelden.T).toarray()
        np.fill_diagonal(gelijkenis, 0.0)
        kansen = self._kansen_zonder_eigen_vouw()
        uitkomsten = []
        for rij, herkomst in enumerate(self._herkomst):
            if herkomst is None:
                continue
            nummer, veld, index = herkomst
            regel = self._regels[nummer]
            tekst = regel.situatie if veld == "situatie" else getattr(regel, veld)[index]
            uitkomsten.append((regel, veld, index, self._kies(self._per_regel(tekst, gelijkenis[rij], kansen[rij]))))
        return uitkomsten

    def _kansen_zonder_eigen_vouw(self) -> np.ndarray:
        """Per example, the model's probabilities from a model trained without its fold."""
        assert self._voorbeelden is not None
        aantal, labels = self._voorbeelden.shape[0], len(self._regels) + 1
        kansen = np.zeros((aantal, labels))
        vouw = np.arange(aantal) % VOUWEN
        for nummer in range(min(VOUWEN, aantal)):
            uit, in_ = vouw == nummer, vouw != nummer
            model = _Lijnmodel(self._voorbeelden[in_], self._labels[in_], labels)
            kansen[uit] = model.kansen(self._voorbeelden[uit])
        return kansen

    def _kies(self, scores: list[Regelscore]) -> Regelkeuze:
        if not scores or max(s.gelijkenis for s in scores) < self._vraagdrempel:
            return Regelkeuze(None)
        beste = scores[0]
        voorsprong = beste.score - (scores[1].score if len(scores) > 1 else 0.0)
        zeker = (beste.score >= ZEKER and voorsprong >= self._marge) or voorsprong >= RUIME_MARGE
        if zeker and beste.score >= KIESDREMPEL and beste.gelijkenis >= self._drempel:
            return Regelkeuze(beste.regel, (beste.regel,), beste.score)
        dichtbij = [s for s in scores if s.gelijkenis >= self._vraagdrempel and s.score > beste.score - self._marge]
        dichtbij = dichtbij[:MAX_KANDIDATEN]
        zwak = bool(dichtbij) and all(s.gelijkenis < self._drempel for s in dichtbij)
        return Regelkeuze(None, tuple(s.regel for s in dichtbij), beste.score, zwak)


class _Lijnmodel:
    """A linear SVM over the example vectors; `kansen` gives a probability per label (0 for a
    label without examples), a softmax over the SVM's margins. Deterministic."""

    def __init__(self, vectoren, labels: np.ndarray, aantal_labels: int) -> None:
        self._aantal = aantal_labels
        klassen = np.unique(labels)
        self._klassen = klassen
        if len(klassen) < 2:
            self._gewichten = None
            return
        from sklearn.svm import LinearSVC

        model = LinearSVC(C=1.0, random_state=0).fit(vectoren, labels)
        gewichten, intercept = np.asarray(model.coef_), np.asarray(model.intercept_)
        if len(klassen) == 2:  # a binary SVM has one row: the second class against the first
            gewichten, intercept = np.vstack([-gewichten, gewichten]), np.concatenate([-intercept, intercept])
        self._gewichten, self._intercept = gewichten, intercept

    def kansen_van(self, kolommen: np.ndarray, waarden: np.ndarray) -> np.ndarray:
        """The probabilities for one vector given as (columns, values)."""
        kansen = np.zeros(self._aantal)
        if self._gewichten is None:
            kansen[self._klassen] = 1.0
            return kansen
        marges = (self._gewichten[:, kolommen] @ waarden + self._intercept) * SCHERPTE
        marges = np.exp(marges - marges.max())
        kansen[self._klassen] = marges / marges.sum()
        return kansen

    def kansen(self, vectoren) -> np.ndarray:
        """One row of probabilities per vector."""
        rijen = vectoren.shape[0]
        kansen = np.zeros((rijen, self._aantal))
        if self._gewichten is None:
            kansen[:, self._klassen] = 1.0
        else:
            marges = (vectoren @ self._gewichten.T + self._intercept) * SCHERPTE
            marges = np.exp(marges - marges.max(axis=1, keepdims=True))
            kansen[:, self._klassen] = marges / marges.sum(axis=1, keepdims=True)
        return kansen


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

_BETEKENISWOORDEN = frozenset("over onder zonder uit eens".split())
"""Function words that carry an escalation situation: the direction of money ("over het budget
heen", "geld over", "onder de begroting"), "zonder opdracht", "komt er niet uit", "niet eens"."""

_WEG = (STOPWOORDEN - _BETEKENISWOORDEN) | _VRAAGWOORDEN


def _kern(tekst: str) -> str:
    return " ".join(w for w in normaliseer(tekst).split() if w not in _WEG)


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
