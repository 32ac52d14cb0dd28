"""Which criterium of the bestuursopdracht check a text names in its own words ("wat betekent
afbreukrisico", "het criterium tijd en budget beperkt", "wat bedoelen ze met een tactisch karakter").

A criterium's words are those of its `tekst` without function words; a typed word counts when it
equals one or is close to it (`GELIJK_WOORD`: a typo or an inflection). A word weighs more the fewer
criteria have it. The criterium with the most weight wins when no other has as much and a typed word
fits it and no other criterium ("belang" fits two, "afbreukrisico" one; a word one criterium has
exactly fits only those that have it: "strategisch" is not "strategische"); it needs two typed words
that fit it, or that one typed word `LANG_WOORD` letters long (one typed word close to two of its
words, "nieuwe" to "nieuwe" and "nieuw", is still one: "check de criteria voor het nieuwe plan"). Data only: nothing here knows a criterium.
"""

from __future__ import annotations

import math
from collections import Counter

from rapidfuzz import fuzz

from kennisbank.bestuursopdracht import BestuursopdrachtKader, Criterium
from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

GELIJK_WOORD = 85
"""A typed word is a criterium's word from this rapidfuzz ratio on (0-100): "politieke" for
"politiek", "repeterend" for "repeterende"; not "programma" for "programmaonderdeel"."""
LANG_WOORD = 8
"""One matched word names a criterium only when no other criterium has it and it is this long
("afbreukrisico", "tactisch"); a short one ("niet", "budget", "jaar") says too little alone."""


def genoemd_criterium(kader: BestuursopdrachtKader, tekst: str) -> Criterium | None:
    """The one criterium the text names, or None (see the module's docstring)."""
    eigen = [_woorden(c.tekst) for c in kader.criteria]
    hoe_vaak = Counter(w for woorden in eigen for w in woorden)
    getypt = _woorden(tekst)
    if not getypt:
        return None
    raakt = {t: _raakt(t, eigen) for t in getypt}
    scores: list[tuple[float, int, Criterium]] = []
    for i, (criterium, woorden) in enumerate(zip(kader.criteria, eigen)):
        geraakt = [w for w in woorden if any(_lijkt(t, w) for t in getypt)]
        getroffen = [t for t in getypt if any(_lijkt(t, w) for w in woorden)]  # typed words that fit it
        uniek = [t for t in getypt if raakt[t] == {i}]  # a typed word that fits this criterium only
        if not uniek or (len(getroffen) < 2 and max(len(t) for t in uniek) < LANG_WOORD):
            continue
        gewicht = sum(math.log(1 + len(kader.criteria) / hoe_vaak[w]) for w in geraakt)
        scores.append((gewicht, len(geraakt), criterium))
    scores.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if not scores or (len(scores) > 1 and scores[1][:2] == scores[0][:2]):
        return None
    return scores[0][2]


def _woorden(tekst: str) -> frozenset[str]:
    """The words that carry meaning: no function words, no short words or numbers."""
    return frozenset(w for w in normaliseer(tekst).split() if w not in STOPWOORDEN and len(w) > 2 and not w.isdigit())


def _raakt(getypt: str, eigen: list[frozenset[str]]) -> set[int]:
    """The criteria (by index) a typed word fits: those with that very word, else those with a word close to it."""
    precies = {i for i, woorden in enumerate(eigen) if getypt in woorden}
    return precies or {i for i, woorden in enumerate(eigen) if any(_lijkt(getypt, w) for w in woorden)}


def _lijkt(getypt: str, woord: str) -> bool:
    return getypt == woord or (min(len(getypt), len(woord)) >= 5 and fuzz.ratio(getypt, woord) >= GELIJK_WOORD)
