"""Force one intent through the real turn pipeline, whatever the recogniser would say: tests of a
feature's handling of an intent the classifier sends (`met_intentie("escalatie.vraag")`;
`met_intentie(None)` restores the real recogniser)."""

from __future__ import annotations

import pytest

from dialogen.herkenning import Herkend
from kennisbank.zoeken.normaliseren import normaliseer


class VasteHerkenner:
    """Stands in for the recogniser: every text gets one given intent."""

    def __init__(self, intentie: str) -> None:
        self.intentie = intentie

    def commando(self, tekst: str) -> Herkend | None:
        return None  # no command rules: every text is the given intent

    def herken(self, tekst: str) -> Herkend:
        return Herkend(intentie=self.intentie, tekst=tekst, kern=normaliseer(tekst))


@pytest.fixture
def met_intentie(services, monkeypatch):
    echte = services.router.herkenner

    def zet(intentie: str | None) -> None:
        monkeypatch.setattr(services.router, "herkenner", VasteHerkenner(intentie) if intentie else echte)

    return zet
