"""The intent classifier, trained at start-up from the example sentences (scikit-learn).

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

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

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
        self._tekens = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32)
        self._woorden = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+", dtype=np.float32
        )
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
        breedte = len(self._tekens.vocabulary_)
        self._delen = [
            (self._tekens.build_analyzer(), self._tekens.vocabulary_, self._tekens.idf_.tolist(), 0),
            (self._woorden.build_analyzer(), self._woorden.vocabulary_, self._woorden.idf_.tolist(), breedte),
        ]

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
        if trainen:
            delen = [self._tekens.fit_transform(teksten), self._woorden.fit_transform(teksten)]
        else:
            delen = [self._tekens.transform(teksten), self._woorden.transform(teksten)]
        return normalize(hstack(delen, format="csr"))
