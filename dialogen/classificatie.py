"""The intent classifier, trained at start-up from the example sentences (scikit-learn), or read
back from the model cache when nothing it learns from changed (`dialogen.modelcache`).

Features: character n-grams within words (2–5, robust to typos and compounds) plus word unigrams
and bigrams, TF-IDF weighted; a linear SVM picks the intent (a softmax over its scores gives
`zekerheid`, a ranking score rather than a calibrated probability). Besides that it reports `nabijheid`: the cosine similarity to the nearest example sentence, which separates
in-scope from out-of-scope questions better than the probability does. Deterministic: the same
examples give the same model.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.sparse import csr_matrix

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

# scikit-learn is imported where it is used (training, the vectorizers): most of a second of imports
# that a command stopping at a configuration or kennisbank mistake does not need.

_SCHERPTE = 5.0
"""Scales the SVM's margins before the softmax: a margin of 1 ahead gives about 0.99 against one rival."""


@dataclass(frozen=True)
class Voorspelling:
    kansen: tuple[tuple[str, float], ...]
    """(intent, score 0–1 summing to 1 over all intents), most likely first."""
    nabijheid: float
    """Cosine similarity (0–1) to the nearest example sentence of any intent."""
    naaste: str
    """The intent of that nearest example."""

    @property
    def intentie(self) -> str:
        return self.kansen[0][0]

    @property
    def zekerheid(self) -> float:
        return self.kansen[0][1]


class Classificeerder:
    def __init__(self, teksten: list[str], labels: list[str], *, c: float = 1.0) -> None:
        """Train on normalised `teksten` with their intent `labels`."""
        if len(set(labels)) < 2:
            raise ValueError("er zijn voorbeelden van minstens twee intenties nodig")
        from sklearn.svm import LinearSVC

        self._tekens, self._woorden = _vectoriseerders()
        matrix = self.vectoriseer(teksten, trainen=True)
        model = LinearSVC(C=c, random_state=0).fit(matrix, labels)
        self._klassen = [str(k) for k in model.classes_]
        self._gewichten = np.asarray(model.coef_, dtype=np.float32)  # intents x features
        self._intercept = np.asarray(model.intercept_, dtype=np.float32)
        if len(self._klassen) == 2:  # a binary SVM has one row: the second class against the first
            self._gewichten = np.vstack([-self._gewichten, self._gewichten])
            self._intercept = np.concatenate([-self._intercept, self._intercept])
        self._voorbeelden = matrix.T.tocsr()  # features x examples: its rows give every similarity at once
        self._labels = np.array(labels)
        self._bereid_voor()

    def _bereid_voor(self) -> None:
        breedte = len(self._tekens.vocabulary_)
        self._delen = [
            (self._tekens.build_analyzer(), self._tekens.vocabulary_, self._tekens.idf_.tolist(), 0),
            (self._woorden.build_analyzer(), self._woorden.vocabulary_, self._woorden.idf_.tolist(), breedte),
        ]

    @staticmethod
    def instellingen(c: float = 1.0) -> list[str]:
        """Every setting the trained numbers depend on, as text (part of `dialogen.modelcache`'s key)."""
        from sklearn.svm import LinearSVC

        tekens, woorden = _vectoriseerders()
        svm = LinearSVC(C=c, random_state=0)
        return [repr(sorted(m.get_params().items())) for m in (tekens, woorden, svm)] + [repr(_SCHERPTE)]

    def toestand(self) -> dict[str, Any]:
        """What a trained classifier is, as plain numbers and text (`dialogen.modelcache` stores it)."""
        woordenlijsten = [
            sorted(v.vocabulary_, key=v.vocabulary_.__getitem__) for v in (self._tekens, self._woorden)
        ]  # each term at its column
        return {
            "klassen": list(self._klassen),
            "woordenlijsten": woordenlijsten,
            "idf": [self._tekens.idf_, self._woorden.idf_],
            "gewichten": self._gewichten,
            "intercept": self._intercept,
            "voorbeelden": (self._voorbeelden.data, self._voorbeelden.indices, self._voorbeelden.indptr),
        }

    @classmethod
    def uit_toestand(
        cls,
        *,
        klassen: list[str],
        labels: list[str],
        woordenlijsten: list[list[str]],
        idf: list[np.ndarray],
        gewichten: np.ndarray,
        intercept: np.ndarray,
        voorbeelden: tuple[np.ndarray, np.ndarray, np.ndarray],
        aantal_voorbeelden: int,
    ) -> "Classificeerder":
        """The classifier `toestand()` described, without training; every shape is checked against
        the others and against `aantal_voorbeelden` (ValueError when they do not fit)."""
        model = cls.__new__(cls)
        model._tekens, model._woorden = _vectoriseerders()
        for vectoriseerder, termen, gewicht in zip((model._tekens, model._woorden), woordenlijsten, idf, strict=True):
            if len(set(termen)) != len(termen) or np.shape(gewicht) != (len(termen),):
                raise ValueError("woordenlijst en idf passen niet bij elkaar")
            vectoriseerder.vocabulary_ = {term: kolom for kolom, term in enumerate(termen)}
            vectoriseerder.idf_ = np.asarray(gewicht)
        breedte = sum(len(t) for t in woordenlijsten)
        if len(set(klassen)) != len(klassen) or len(klassen) < 2 or not set(labels) <= set(klassen):
            raise ValueError("de intenties passen niet bij de voorbeelden")
        if np.shape(gewichten) != (len(klassen), breedte) or np.shape(intercept) != (len(klassen),):
            raise ValueError("de gewichten passen niet bij de woordenlijsten")
        if len(labels) != aantal_voorbeelden:
            raise ValueError("het aantal voorbeelden klopt niet")
        data, indices, indptr = voorbeelden
        model._voorbeelden = csr_matrix((data, indices, indptr), shape=(breedte, aantal_voorbeelden))
        model._voorbeelden.check_format(full_check=True)
        model._klassen = [str(k) for k in klassen]
        model._gewichten = np.asarray(gewichten, dtype=np.float32)
        model._intercept = np.asarray(intercept, dtype=np.float32)
        model._labels = np.array(labels)
        model._bereid_voor()
        return model

    @property
    def intenties(self) -> list[str]:
        return list(self._klassen)

    def voorspel(self, kern: str) -> Voorspelling:
        kolommen, waarden = self.kenmerken(kern)
        scores = (self._gewichten[:, kolommen] @ waarden + self._intercept) * _SCHERPTE
        kansen = np.exp(scores - scores.max())
        kansen /= kansen.sum()
        volgorde = np.argsort(-kansen, kind="stable")
        gelijkenis = self._voorbeelden[kolommen].T @ waarden if kolommen.size else np.zeros(len(self._labels))
        naaste = int(np.argmax(gelijkenis))
        return Voorspelling(
            tuple((self._klassen[i], float(kansen[i])) for i in volgorde),
            float(gelijkenis[naaste]),
            str(self._labels[naaste]),
        )

    def kenmerken(self, kern: str) -> tuple[np.ndarray, np.ndarray]:
        """The feature vector of one text as (columns, values): the same numbers as the
        vectorizers' `transform`, computed directly (scikit-learn's per-call overhead is about 1 ms)."""
        delen: list[dict[int, float]] = []
        for analyse, woordenlijst, idf, begin in self._delen:
            deel: dict[int, float] = {}
            for term, aantal in Counter(analyse(kern)).items():
                kolom = woordenlijst.get(term)
                if kolom is not None:
                    deel[begin + kolom] = (1.0 + math.log(aantal)) * idf[kolom]
            norm = math.sqrt(sum(w * w for w in deel.values()))
            if norm:
                delen.append({k: w / norm for k, w in deel.items()})
        samen = {k: w for deel in delen for k, w in deel.items()}
        if not samen:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        kolommen = np.fromiter(samen.keys(), dtype=np.int64, count=len(samen))
        waarden = np.fromiter(samen.values(), dtype=np.float64, count=len(samen))
        return kolommen, (waarden / np.linalg.norm(waarden)).astype(np.float32)

    def vectoriseer(self, teksten: list[str], *, trainen: bool = False):
        """The feature matrix through scikit-learn (used for training; `kenmerken` gives the same)."""
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        if trainen:
            delen = [self._tekens.fit_transform(teksten), self._woorden.fit_transform(teksten)]
        else:
            delen = [self._tekens.transform(teksten), self._woorden.transform(teksten)]
        return normalize(hstack(delen, format="csr"))


def _vectoriseerders() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """Character n-grams within words (2–5) and word uni- and bigrams, TF-IDF weighted (not yet fitted)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+", dtype=np.float32),
    )
