"""What the intent classifier reads: a normalised message without the words that carry no intent.

`voor_model(kern)` takes a normalised text (`kennisbank.zoeken.normaliseren.normaliseer`) and
- writes out the general abbreviations of `kennisbank/zoeken/afkortingen.yaml` ("ao" -> "ambtelijk
  opdrachtgever", "v d" -> "van de", "ph" -> "portefeuillehouder"), so an abbreviation meets the
  examples that spell the word out, and the other way round;
- reads an indirect question as the direct one ("kun je me vertellen wie de ao is" -> "wie is de
  ao", `kennisbank.zoeken.vraag.als_directe_vraag`);
- drops greetings at the start ("goedemorgen", "hoi sturingsbot") and politeness and filler words
  ("snelle vraag", "ff", "eigenlijk", "alvast bedankt", "groetjes"), which every intent shares.
  A text that would be left empty stays as it is: a bare "hoi" is still a greeting;
- corrects a typo in a word of 5+ letters that the examples do not contain to the word of the
  examples one edit away (a letter missing, extra, changed or two swapped; found through an index of
  one-letter deletions, as the entity finder does): "opdrachtgevr" -> "opdrachtgever", "begorting"
  -> "begroting". With several such words, the one the examples use at least twice as often as any
  other wins (an example's own typo does not block the correction); otherwise the word stays.
  `ken(woorden)` gives it the examples' words, repeated as often as they occur.

The example sentences go through the same steps when the classifier is trained, so both sides see
the same words. Command rules and detail groups still read the normalised text itself.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from kennisbank.zoeken.entiteiten import laad_afkortingen
from kennisbank.zoeken.vraag import als_directe_vraag

_GROETEN = frozenset(
    "hoi hoihoi hallo hey hee hi hai goedemorgen goeiemorgen goedemiddag goeiemiddag goedenavond dag beste".split()
)
_AANSPREKING = frozenset("allemaal sturingsbot bot daar collega collegas".split())
_OPVULLING = re.compile(
    r"\b(snelle vraag|korte vraag|vraagje|ik heb een vraag|ik vroeg me af|even|ff|effe|eigenlijk|nou|"
    r"alvast bedankt|bedankt alvast|alvast dank|dank alvast|thanks alvast|groetjes|groeten|mvg|alsjeblieft|aub|svp)\b"
)
_SPATIES = re.compile(r"\s+")
_MIN_TYPFOUT = 5
"""Shorter words are not corrected: too many real words lie one letter apart."""


class Voorbereiding:
    def __init__(self, afkortingen: dict[tuple[str, ...], tuple[str, ...]] | None = None) -> None:
        self._afkortingen = laad_afkortingen() if afkortingen is None else afkortingen
        self._langste = max((len(k) for k in self._afkortingen), default=1)
        self._woorden: Counter[str] = Counter()
        self._weglatingen: dict[str, frozenset[str]] = {}

    def ken(self, woorden: Iterable[str]) -> None:
        """The words of the (prepared) examples, with repeats: the vocabulary typos are corrected to."""
        self._woorden = Counter(woorden)
        index: dict[str, set[str]] = defaultdict(set)
        for woord in self._woorden:
            if len(woord) >= _MIN_TYPFOUT - 1:
                for variant in _weglatingen(woord) | {woord}:
                    index[variant].add(woord)
        self._weglatingen = {k: frozenset(v) for k, v in index.items()}

    def voor_model(self, kern: str) -> str:
        """The normalised `kern` as the classifier reads it (see module docstring)."""
        zonder = _SPATIES.sub(" ", _OPVULLING.sub(" ", als_directe_vraag(_zonder_groet(kern)))).strip()
        return " ".join(self._verbeterd(w) for w in self._voluit(zonder or kern).split())

    def _verbeterd(self, woord: str) -> str:
        if len(woord) < _MIN_TYPFOUT or woord in self._woorden or not self._weglatingen:
            return woord
        kandidaten: set[str] = set(self._weglatingen.get(woord, ()))
        for variant in _weglatingen(woord):
            kandidaten |= self._weglatingen.get(variant, frozenset())
        geordend = sorted(((self._woorden[k], k) for k in kandidaten if _een_bewerking(woord, k)), key=lambda x: (-x[0], x[1]))
        if not geordend or (len(geordend) > 1 and geordend[0][0] < 2 * geordend[1][0]):
            return woord
        return geordend[0][1]

    def _voluit(self, kern: str) -> str:
        woorden = kern.split()
        uit: list[str] = []
        i = 0
        while i < len(woorden):
            for lengte in range(min(self._langste, len(woorden) - i), 0, -1):
                betekenis = self._afkortingen.get(tuple(woorden[i : i + lengte]))
                if betekenis is not None:
                    uit.extend(betekenis)
                    i += lengte
                    break
            else:
                uit.append(woorden[i])
                i += 1
        return " ".join(uit)


def _zonder_groet(kern: str) -> str:
    """'hoi sturingsbot goedemorgen wie is ...' -> 'wie is ...'."""
    woorden = kern.split()
    i = 0
    while i < len(woorden) and woorden[i] in _GROETEN:
        i += 1
        if i < len(woorden) and woorden[i] in _AANSPREKING:
            i += 1
    return " ".join(woorden[i:])


def _weglatingen(woord: str) -> set[str]:
    return {woord[:i] + woord[i + 1 :] for i in range(len(woord))}


def _een_bewerking(a: str, b: str) -> bool:
    """One letter changed, missing, extra, or two neighbours swapped (Damerau distance 1)."""
    if len(a) == len(b):
        verschil = [i for i in range(len(a)) if a[i] != b[i]]
        return len(verschil) == 1 or (
            len(verschil) == 2
            and verschil[1] == verschil[0] + 1
            and a[verschil[0]] == b[verschil[1]]
            and a[verschil[1]] == b[verschil[0]]
        )
    kort, lang = (a, b) if len(a) < len(b) else (b, a)
    if len(lang) - len(kort) != 1:
        return False
    i = 0
    while i < len(kort) and kort[i] == lang[i]:
        i += 1
    return kort[i:] == lang[i + 1 :]
