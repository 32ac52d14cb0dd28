"""Stand or update? A message about one onderwerp that the classifier took for a question about it
(`rapportage.status`, or an overview that names it) may also be someone giving an update: "status
jeugdagenda", "de binnenstad ligt op koers". Who asks and the words decide when the classifier is
not sure (`Drempels.onzeker`), for a question about the open round (a past round or day asked about
is always the stand):

- someone who cannot submit for the onderwerp now: the stand (or who may see it);
- a question (one sentence ending in "?" or opening with a question word): the stand;
- a status named ("ligt op koers", "staat op rood", not inside the onderwerp's own name): the update,
  with that status filled in;
- else: ask which ("Wil je weten hoe X ervoor staat, of wil je een statusupdate doorgeven?"; the
  choice is `statusantwoord.stand_of_update_keuze`).

A sure classification stands; so a question asked in between while a form waits
(`dialogen.tussenvraag`: a rule, or zekerheid >= 0.9) is always the stand, never a second form. An
update the classifier recognised (`rapportage.update`) stays an update; `genoemde_status` fills in the
status it names there too.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from botbuilder.dialogs import DialogContext

from dialogen.gebruiker import Gebruiker
from dialogen.herkenning import Drempels, Herkend
from dialogen.recordnamen import status_buiten_namen
from dialogen.tussenvraag import leest_als_vraag
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Status

if TYPE_CHECKING:
    from dialogen.rapportage.feature import RapportageFeature


class Bedoeling(Enum):
    STAND = "stand"
    UPDATE = "update"
    VRAGEN = "vragen"


def genoemde_status(feature: RapportageFeature, tekst: str) -> Status | None:
    """The one status a sentence names outside the names of onderwerpen ("goed" in "Goed werkgever"
    is no status), or None (none, or several)."""
    return status_buiten_namen(feature.diensten.zoeker, tekst, feature.dienst.vandaag())


class StandOfUpdate:
    def __init__(self, feature: RapportageFeature) -> None:
        self.feature = feature
        self.diensten = feature.diensten
        self.dienst = feature.dienst

    async def lees(self, dc: DialogContext, herkend: Herkend, gebruiker: Gebruiker, onderwerp: Onderwerp) -> Bedoeling:
        """What a question about `onderwerp` means; see the module's docstring."""
        if herkend.door_regel or herkend.zekerheid >= Drempels.onzeker:
            return Bedoeling.STAND
        periode = self.dienst.open_periode()
        if periode is None or await self.dienst.weigering(gebruiker, onderwerp, periode) is not None:
            return Bedoeling.STAND
        if leest_als_vraag(herkend.tekst, self.feature.vraagwoorden):
            return Bedoeling.STAND
        if genoemde_status(self.feature, herkend.tekst) is not None:
            return Bedoeling.UPDATE
        return Bedoeling.VRAGEN
