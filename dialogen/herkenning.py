"""Intent recognition: a few command rules, then a classifier trained on example sentences.

The intents and their examples are data (`dialogen/intenties/<feature>.yaml`, see
`dialogen.intentiedata`); a kennisbank may add or replace examples in its own `intenties/` folder,
and the example questions of its escalation rules count as examples of `escalatie.vraag`.

`Herkenner.herken(tekst)` normalises the text (lowercase, no diacritics, punctuation as spaces),
tries the anchored command rules (stop, opnieuw, help, ...) and otherwise asks the classifier, which
reads the text without greetings and filler, with abbreviations written out and typos corrected to
the examples' words (`dialogen.tekstvoorbereiding`; the examples are trained the same way). A
text that is not close to any example sentence (`nabijheid` below `Drempels.buiten_bereik`), or
that the classifier is unsure of with out-of-scope as a close runner-up, is `algemeen.buiten_bereik`: the router then answers honestly that it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dialogen.classificatie import Voorspelling
from dialogen.intentiedata import STANDAARD_MAP, Intentie, laad_intenties
from dialogen.modelcache import classificeerder as modelcache_classificeerder
from dialogen.tekstvoorbereiding import Voorbereiding
from kennisbank.zoeken.normaliseren import normaliseer

BUITEN_BEREIK = "algemeen.buiten_bereik"
TERUGVAL = "opdrachtgever.wie"
"""The lookup: where a text goes that names a known onderwerp or person but nothing else."""


@dataclass(frozen=True)
class Drempels:
    buiten_bereik: float = 0.30
    """Below this similarity to the nearest example sentence a text is out of scope."""
    onzeker: float = 0.6
    """Below this score the classifier is unsure of its first choice."""
    buiten_bereik_naast: float = 0.3
    """Unsure, and out-of-scope the runner-up with at least this share of the first score: out of
    scope. (5-fold cross-validation on the examples: out-of-scope recall 66 % -> 78 %, in-scope
    accuracy -0.4 points.)"""


@dataclass(frozen=True)
class Herkend:
    intentie: str
    tekst: str
    kern: str
    groepen: dict[str, str] = field(default_factory=dict)
    zekerheid: float = 1.0
    """The classifier's probability for `intentie` (1.0 for a command rule)."""
    nabijheid: float = 1.0
    """Cosine similarity to the nearest example sentence (1.0 for a command rule)."""
    alternatieven: tuple[tuple[str, float], ...] = ()
    """Every other intent, most likely first (runner-up first): the honest answer offers the
    suggestions of the nearest ones that have one, so the ranking is not cut short."""
    door_regel: bool = False
    """Recognised by an anchored command rule (stop, opnieuw, help, ...), not by the classifier."""

    @property
    def feature(self) -> str:
        """The name of the feature that owns the intent (its prefix)."""
        return self.intentie.split(".", 1)[0]


class Herkenner:
    def __init__(
        self, intenties: dict[str, Intentie], drempels: Drempels = Drempels(), *, modelcache: Path | None = None
    ) -> None:
        """The classifier is trained on the examples, or read from `modelcache` (a folder, see
        `dialogen.modelcache`) when it holds the model of exactly these examples."""
        self._intenties = intenties
        self.drempels = drempels
        self.voorbereiding = Voorbereiding()
        teksten: list[str] = []
        labels: list[str] = []
        for intentie in intenties.values():
            for voorbeeld in dict.fromkeys(self.voorbereiding.voor_model(normaliseer(v)) for v in intentie.voorbeelden):
                if voorbeeld:
                    teksten.append(voorbeeld)
                    labels.append(intentie.naam)
        self.voorbereiding.ken(w for tekst in teksten for w in tekst.split())
        self.classificeerder = modelcache_classificeerder(teksten, labels, modelcache)

    @classmethod
    def laad(
        cls,
        map_: Path = STANDAARD_MAP,
        *,
        kennisbank_map: Path | None = None,
        extra_voorbeelden: dict[str, list[str]] | None = None,
        drempels: Drempels = Drempels(),
        modelcache: Path | None = None,
    ) -> "Herkenner":
        """Read the intents (plus a kennisbank's `intenties/` folder) and train the classifier.

        `extra_voorbeelden` adds example sentences that come from the kennisbank's own data;
        `modelcache`: the folder of trained models (`dialogen.modelcache`), None to always train.
        Raises `KennisbankFout` (file and line per mistake) for invalid intent files.
        """
        intenties = laad_intenties(map_, kennisbank_map)
        for naam, voorbeelden in (extra_voorbeelden or {}).items():
            if naam in intenties:
                intenties[naam].voorbeelden = intenties[naam].voorbeelden + list(voorbeelden)
        return cls(intenties, drempels, modelcache=modelcache)

    def herken(self, tekst: str) -> Herkend:
        kern = normaliseer(tekst)
        if (commando := self._door_regel(tekst, kern)) is not None:
            return commando
        voorspelling = self.voorspel(kern)
        naam = voorspelling.intentie
        alternatieven = voorspelling.kansen[1:]
        if naam != BUITEN_BEREIK and self.buiten_bereik(voorspelling, self.drempels):
            alternatieven = voorspelling.kansen
            naam = BUITEN_BEREIK
        return Herkend(
            naam, tekst, kern, self._groepen(naam, kern), voorspelling.zekerheid, voorspelling.nabijheid, alternatieven
        )

    def commando(self, tekst: str) -> Herkend | None:
        """The command rule (stop, opnieuw, help, a bare greeting, ...) the whole text matches, without
        running the classifier; None when no rule matches."""
        return self._door_regel(tekst, normaliseer(tekst))

    def _door_regel(self, tekst: str, kern: str) -> Herkend | None:
        for intentie in self._intenties.values():
            for regel in intentie.regels:
                gevonden = regel.match(kern)
                if gevonden:
                    groepen = {k: v for k, v in gevonden.groupdict().items() if v}
                    return Herkend(intentie.naam, tekst, kern, groepen, door_regel=True)
        return None

    def voorspel(self, kern: str) -> Voorspelling:
        """The classifier's view of a normalised text (no command rules, no out-of-scope policy)."""
        return self.classificeerder.voorspel(self.voorbereiding.voor_model(kern))

    @staticmethod
    def buiten_bereik(voorspelling: Voorspelling, drempels: Drempels) -> bool:
        """Nothing close to any example, or unsure with out-of-scope as the close runner-up."""
        if voorspelling.nabijheid < drempels.buiten_bereik:
            return True
        (_, eerste), (tweede, kans) = voorspelling.kansen[0], voorspelling.kansen[1]
        return eerste < drempels.onzeker and tweede == BUITEN_BEREIK and kans >= drempels.buiten_bereik_naast * eerste

    def intenties(self) -> list[str]:
        return list(self._intenties)

    def intentie(self, naam: str) -> Intentie | None:
        return self._intenties.get(naam)

    def _groepen(self, naam: str, kern: str) -> dict[str, str]:
        intentie = self._intenties.get(naam)
        for patroon in intentie.groepen if intentie else []:
            gevonden = patroon.search(kern)
            if gevonden:
                return {k: v.strip() for k, v in gevonden.groupdict().items() if v and v.strip()}
        return {}
