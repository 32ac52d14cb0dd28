"""Submitting in chat, shared by the card path and the text path: why a user may not submit now
(a text key and its fields), store exactly once, pre-fill a card. The rules themselves (who may,
which onderwerpen count) and the stored updates are the domain's (`rapportage`): `regels`, `stand`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from db.modellen.rapportage import Statusupdate
from dialogen.featureservices import FeatureServices
from dialogen.gebruiker import Gebruiker
from dialogen.kaarteigenaar import eigen_sleutel
from dialogen.rapportage.invoer import als_data, vingerafdruk
from dialogen.rapportage.overzicht import datum
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode, Rapportage
from rapportage import Rapportageregels, Rapportagestand, Reden


@dataclass(frozen=True)
class Weigering:
    sleutel: str
    """Text key without 'rapportage.' (a `Reden`, or a finer key for no open period)."""
    velden: dict[str, str]


@dataclass(frozen=True)
class Ontvangen:
    versie: int
    nieuw: bool


def nieuwe_sleutel() -> str:
    return uuid.uuid4().hex


class RapportageDienst:
    def __init__(self, diensten: FeatureServices) -> None:
        self.diensten = diensten
        self.stand = Rapportagestand(diensten.kennisbank, diensten.sessies, diensten.klok)
        self.regels: Rapportageregels = self.stand.regels

    @property
    def rapportage(self) -> Rapportage:
        return self.regels.rapportage

    def vandaag(self) -> date:
        return self.rapportage.dag(self.diensten.klok())

    def open_periode(self) -> Periode | None:
        return self.rapportage.open_periode(self.vandaag())

    def onderwerp(self, onderwerp_id: str | None) -> Onderwerp | None:
        return self.diensten.kennisbank.onderwerpen.get(onderwerp_id or "")

    def weigering_indienen(self, gebruiker: Gebruiker, onderwerp: Onderwerp | None, periode: Periode | None) -> Weigering | None:
        """Why this user may not submit for this onderwerp in this period now (`Rapportageregels.waarom_niet`,
        in words); None when allowed."""
        vandaag = self.vandaag()
        return self._in_woorden(
            self.regels.waarom_niet(gebruiker.persoon, onderwerp, periode, vandaag), onderwerp, periode, vandaag
        )

    async def weigering(self, gebruiker: Gebruiker, onderwerp: Onderwerp | None, periode: Periode | None) -> Weigering | None:
        """`weigering_indienen`, except after the deadline for someone the controller allowed a late update."""
        vandaag = self.vandaag()
        reden = await self.stand.waarom_niet_nu(gebruiker.persoon, onderwerp, periode, vandaag)
        return self._in_woorden(reden, onderwerp, periode, vandaag)

    def _in_woorden(
        self, reden: Reden | None, onderwerp: Onderwerp | None, periode: Periode | None, vandaag: date
    ) -> Weigering | None:
        """The text key of a refusal and its fields."""
        if reden is None:
            return None
        if reden is Reden.GEEN_RECHT and onderwerp is not None:
            namen = [p.naam for p in self.regels.indieners(onderwerp, self.regels.peildag(periode, vandaag))]
            return Weigering(reden, {"onderwerp": onderwerp.naam, "namen": self.opsomming(namen)})
        if reden is Reden.GEEN_PERIODE:
            return self.geen_open_periode(vandaag)
        if reden is Reden.DEADLINE_VERSTREKEN and periode is not None:
            return Weigering(reden, {"periode": periode.naam, "deadline": datum(periode.deadline)})
        if reden is Reden.NOG_NIET_OPEN and periode is not None:
            return Weigering(reden, {"periode": periode.naam, "vanaf": datum(periode.begin)})
        return Weigering(reden, {})

    def geen_open_periode(self, vandaag: date) -> Weigering:
        """No period is open: when the next one opens, and what the user can do meanwhile."""
        volgende = self.rapportage.volgende_periode(vandaag)
        vorige = self.rapportage.laatst_gesloten_periode(vandaag)
        velden = {"vorige": vorige.naam if vorige else ""}
        if volgende is None:
            return Weigering("geen_periode_vorige" if vorige else "geen_periode", velden)
        velden |= {"periode": volgende.naam, "vanaf": datum(volgende.begin), "deadline": datum(volgende.deadline)}
        return Weigering("geen_periode_volgende_vorige" if vorige else "geen_periode_volgende", velden)

    async def dien_in(self, gebruiker: Gebruiker, update: Statusupdate, sleutel: str) -> Weigering | Ontvangen:
        """Store a validated, unsaved update as the next version, once per (sleutel, content)."""
        onderwerp = self.onderwerp(update.onderwerp_id)
        periode = self.rapportage.periode(update.periode_id)
        weigering = await self.weigering(gebruiker, onderwerp, periode)
        if weigering is not None:
            return weigering
        assert gebruiker.persoon is not None
        update.ingediend_door = gebruiker.persoon.id
        update.ingediend_door_aad = gebruiker.aad_object_id
        update.sleutel = f"{eigen_sleutel(gebruiker, sleutel)}:{vingerafdruk(update)}"
        opgeslagen = await self.stand.bewaar(update)
        return Ontvangen(opgeslagen.update.versie, opgeslagen.nieuw)

    async def voorinvulling(self, periode: Periode, onderwerp: Onderwerp) -> tuple[dict[str, str] | None, Statusupdate | None]:
        """Card values from the latest version in this period, else the latest ever (new period)."""
        vorige = await self.stand.vorige_update(periode, onderwerp)
        if vorige is None:
            return None, None
        return als_data(vorige) | {"onderwerp_id": onderwerp.id, "periode_id": periode.id}, vorige

    def opsomming(self, namen: list[str]) -> str:
        """'A', 'A of B', 'A, B of C' (the words from the texts file)."""
        teksten = self.diensten.teksten
        if not namen:
            return teksten.tekst("rapportage.opsomming_niemand")
        if len(namen) == 1:
            return namen[0]
        return ", ".join(namen[:-1]) + f" {teksten.tekst('rapportage.opsomming_of')} " + namen[-1]
