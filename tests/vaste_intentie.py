"""Force one intent through the real turn pipeline, whatever the recogniser would say: tests of a
feature's handling of an intent the classifier sends (`met_intentie("escalatie.vraag")`;
`met_intentie(None)` restores the real recogniser)."""

from __future__ import annotations

import pytest

from dialogen.herkenning import Herkend
from kennisbank.zoeken.normaliseren import normaliseer


class VasteHerkenner:
    """Stands in for the recogniser: every text gets one given intent (sure, unless `zekerheid` and
    `alternatieven` say how unsure the classifier was)."""

    def __init__(self, intentie: str, zekerheid: float = 1.0, alternatieven: tuple[tuple[str, float], ...] = ()) -> None:
        self.intentie = intentie
        self.zekerheid = zekerheid
        self.alternatieven = alternatieven

    def commando(self, tekst: str) -> Herkend | None:
        return None  # no command rules: every text is the given intent

    def herken(self, tekst: str) -> Herkend:
        return Herkend(
            intentie=self.intentie,
            tekst=tekst,
            kern=normaliseer(tekst),
            zekerheid=self.zekerheid,
            alternatieven=self.alternatieven,
        )


@pytest.fixture
def met_intentie(services, monkeypatch):
    echte = services.router.herkenner

    def zet(intentie: str | None, zekerheid: float = 1.0, alternatieven: tuple[tuple[str, float], ...] = ()) -> None:
        vast = VasteHerkenner(intentie, zekerheid, alternatieven) if intentie else echte
        monkeypatch.setattr(services.router, "herkenner", vast)

    return zet
