"""What the intent classifier reads: a normalised message without the words that carry no intent.

`voor_model(kern)` takes a normalised text (`kennisbank.zoeken.normaliseren.normaliseer`) and
- writes out the general abbreviations of `kennisbank/zoeken/afkortingen.yaml` ("ao" -> "ambtelijk
  opdrachtgever", "v d" -> "van de", "ph" -> "portefeuillehouder"), so an abbreviation meets the
  examples that spell the word out, and the other way round;
- drops greetings at the start ("goedemorgen", "hoi sturingsbot") and politeness and filler words
  ("snelle vraag", "ff", "eigenlijk", "alvast bedankt", "groetjes"), which every intent shares.
  A text that would be left empty stays as it is: a bare "hoi" is still a greeting.

The example sentences go through the same steps when the classifier is trained, so both sides see
the same words. Command rules and detail groups still read the normalised text itself.
"""

from __future__ import annotations

import re

from kennisbank.zoeken.entiteiten import laad_afkortingen

_GROETEN = frozenset("hoi hoihoi hallo hey hee hi hai goedemorgen goeiemorgen goedemiddag goeiemiddag goedenavond dag beste".split())
_AANSPREKING = frozenset("allemaal sturingsbot bot daar collega collegas".split())
_OPVULLING = re.compile(
    r"\b(snelle vraag|korte vraag|vraagje|ik heb een vraag|ik vroeg me af|even|ff|effe|eigenlijk|nou|"
    r"alvast bedankt|bedankt alvast|alvast dank|dank alvast|thanks alvast|groetjes|groeten|mvg|alsjeblieft|aub|svp)\b"
)
_SPATIES = re.compile(r"\s+")


class Voorbereiding:
    def __init__(self, afkortingen: dict[tuple[str, ...], tuple[str, ...]] | None = None) -> None:
        self._afkortingen = laad_afkortingen() if afkortingen is None else afkortingen
        self._langste = max((len(k) for k in self._afkortingen), default=1)

    def voor_model(self, kern: str) -> str:
        """The normalised `kern` as the classifier reads it (see module docstring)."""
        zonder = _SPATIES.sub(" ", _OPVULLING.sub(" ", _zonder_groet(kern))).strip()
        return self._voluit(zonder or kern)

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
