"""Passage search: TF-IDF over Dutch-aware terms (scikit-learn), built once, deterministic.

`PassageZoeker(passages).zoek(vraag)` returns the best passages with a score in [0, 1]: the cosine
similarity times the share of the question's known terms that the passage contains (weighted by
IDF). Words the documents never use lower the score, so "waar kan ik parkeren?" finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from kennisbank.documenten.model import Passage
from kennisbank.documenten.tekst import Termen
from kennisbank.zoeken.normaliseren import normaliseer

_KOPGEWICHT = 2
"""A section title counts this many times in its passages' terms."""


@dataclass(frozen=True)
class Treffer:
    passage: Passage
    score: float
    """Similarity in [0, 1], comparable across questions; the feature's threshold applies to it."""


class PassageZoeker:
    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        woordenschat = {w for p in passages for w in normaliseer(p.tekst).split()}
        self._termen = Termen(woordenschat)
        self._vectorizer = TfidfVectorizer(analyzer=self._termen, sublinear_tf=True, norm="l2", dtype=np.float32)
        if passages:
            self._matrix = self._vectorizer.fit_transform([self._indextekst(p) for p in passages])
            self._idf = dict(zip(self._vectorizer.get_feature_names_out(), self._vectorizer.idf_))
            self._aanwezig = [frozenset(self._termen(self._indextekst(p))) for p in passages]
        else:
            self._matrix = None
            self._idf = {}
            self._aanwezig = []
        self._onbekend_idf = max(self._idf.values(), default=1.0) + 1.0

    @staticmethod
    def _indextekst(passage: Passage) -> str:
        kop = f"{passage.sectie} " * _KOPGEWICHT if passage.sectie else ""
        return f"{kop}{passage.tekst}"

    def zoek(self, vraag: str, aantal: int = 3) -> list[Treffer]:
        """The best `aantal` passages for `vraag`, best first (score > 0 only)."""
        termen = self._termen.kerntermen(vraag)
        if self._matrix is None or not termen:
            return []
        vector = self._vectorizer.transform([vraag])
        if vector.nnz == 0:
            return []
        cosinus = (self._matrix @ vector.T).toarray().ravel()
        totaal = sum(self._idf.get(t, self._onbekend_idf) for t in termen)
        beste = np.argsort(-cosinus, kind="stable")[: max(aantal * 4, aantal)]
        treffers = []
        for index in beste:
            if cosinus[index] <= 0:
                break
            aanwezig = self._aanwezig[index]
            dekking = sum(self._idf.get(t, 0.0) for t in termen if t in aanwezig) / totaal
            treffers.append(Treffer(self.passages[index], float(cosinus[index]) * dekking))
        treffers.sort(key=lambda t: -t.score)
        return treffers[:aantal]
