"""The documenten feature: answers from the source documents themselves, quoted with their source.

Handles `documenten.vraag` and is the router's fallback when another feature has no confident
answer. `behandel` quotes the best passage (or two) verbatim with document and section, or
returns False when no passage is above the threshold: the router then says honestly that it
doesn't know. Passages that name a kennisbank person are never quoted (people come from the
records). The passage index is built once, when the feature is made (at start-up).
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogContext

from dialogen.feature import Feature
from dialogen.featureservices import FeatureServices
from dialogen.herkenning import Drempels, Herkend
from kennisbank.documenten import PassageZoeker
from kennisbank.documenten.antwoord import DEKKING, DREMPEL, MAX_CITAAT, ingekort, kies_passages

DOCUMENTEN = "documenten"


class DocumentenFeature(Feature):
    naam = DOCUMENTEN

    def __init__(self, diensten: FeatureServices, drempel: float = DREMPEL) -> None:
        super().__init__(diensten)
        self.drempel = drempel
        self.zoeker: PassageZoeker = diensten.passages

    def antwoord(self, vraag: str, *, dekking: bool = True) -> str | None:
        """The quoted answer to `vraag`, or None when the documents have no confident answer
        (`dekking`: see `kies_passages`)."""
        gekozen = kies_passages(self.zoeker, vraag, self.drempel, dekking=dekking)
        if not gekozen:
            return None
        ruimte = MAX_CITAAT // len(gekozen)
        delen = []
        for (document, sectie), groep in groupby(gekozen, key=lambda p: (p.document, p.sectie)):
            delen.append(self._bron(document.titel, document.organisatie, sectie))
            delen += [_citaat(ingekort(p.tekst, ruimte)) for p in groep]
        return "\n\n".join(delen)

    def antwoord_zonder_record(self, vraag: str) -> str | None:
        """The quoted answer for a question the lookup found no record for, or None: only a passage
        above the threshold that also holds the question's words (`DEKKING`). A passage that merely
        shares the lookup's own words ("bestuurlijk opdrachtgever") does not answer a question about
        an onderwerp the kennisbank and the documents don't know."""
        treffers = self.zoeker.zoek(vraag, aantal=1)
        if not treffers or treffers[0].dekking < DEKKING:
            return None
        return self.antwoord(vraag, dekking=False)

    def antwoord_van_soort(self, vraag: str) -> str | None:
        """The quoted answer to a question that asks for a date, a frequency or a number, when the
        best passage holds exactly that kind of answer and all the question's words (as
        `antwoord_zonder_record`); else None."""
        treffers = self.zoeker.zoek(vraag, aantal=1)
        if not treffers or treffers[0].soort < 1.0 or treffers[0].dekking < DEKKING:
            return None
        return self.antwoord(vraag, dekking=False)

    def beantwoordt_tussendoor(self, herkend: Herkend) -> bool:
        """A quote (or the honest "weet ik niet") is answered at once."""
        return True

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> bool:
        tekst = self.antwoord(herkend.tekst, dekking=not _voor_een_ander(herkend))
        if tekst is None:
            return False
        await dc.context.send_activity(MessageFactory.text(tekst))
        return True

    def _bron(self, titel: str, organisatie: str, sectie: str | None) -> str:
        if sectie:
            return self._t("bron", document=titel, organisatie=organisatie, sectie=sectie)
        return self._t("bron_zonder_sectie", document=titel, organisatie=organisatie)

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(f"{DOCUMENTEN}.{sleutel}", **velden)


def _voor_een_ander(herkend: Herkend) -> bool:
    """The recogniser, unsure, put another intent first (the router asks the documents before that
    intent's feature, or the question seemed out of scope): only a passage that scores above the
    threshold may answer, not one that merely covers the question's words."""
    ander_eerst = any(naam == f"{DOCUMENTEN}.vraag" for naam, _ in herkend.alternatieven)
    return ander_eerst and herkend.zekerheid < Drempels.onzeker


def _citaat(tekst: str) -> str:
    """A Markdown block quote, line by line, so lists stay lists."""
    return "\n".join(f"> {regel}" if regel.strip() else ">" for regel in tekst.split("\n"))
