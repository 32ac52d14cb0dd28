"""The rules of submitting, shared by the card path and the text path: is the period open, may
this person submit for this onderwerp, store exactly once. Also reads what overviews need."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db.modellen.rapportage import Herinnering, Statusupdate
from db.repositories.rapportage import NieuweUpdate, Sloten, StatusupdateRepository, bewaar_statusupdate
from dialogen.featureservices import FeatureServices
from dialogen.gebruiker import Gebruiker
from dialogen.kaarteigenaar import eigen_sleutel
from dialogen.rapportage import rechten
from dialogen.rapportage.invoer import Invoer
from dialogen.rapportage.overzicht import Overzicht, datum, maak_overzicht
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode, Rapportage


@dataclass(frozen=True)
class Weigering:
    sleutel: str
    """Text key without 'rapportage.'."""
    velden: dict[str, str]


@dataclass(frozen=True)
class Ontvangen:
    versie: int
    nieuw: bool


LAAT_TOEGESTAAN = "laat_toegestaan"
"""`herinnering.resultaat` of a controller's permission for a late update (person, period)."""


def nieuwe_sleutel() -> str:
    return uuid.uuid4().hex


class RapportageDienst:
    def __init__(self, diensten: FeatureServices) -> None:
        self.diensten = diensten
        self.sloten = Sloten()

    @property
    def rapportage(self) -> Rapportage:
        rapportage = self.diensten.kennisbank.bestanden.rapportage
        if rapportage is None:
            raise LookupError("de kennisbank heeft geen rapportage.yaml")
        return rapportage

    def vandaag(self) -> date:
        return self.rapportage.dag(self.diensten.klok())

    def open_periode(self) -> Periode | None:
        return self.rapportage.open_periode(self.vandaag())

    def onderwerp(self, onderwerp_id: str | None) -> Onderwerp | None:
        return self.diensten.kennisbank.onderwerpen.get(onderwerp_id or "")

    def weigering_indienen(self, gebruiker: Gebruiker, onderwerp: Onderwerp | None, periode: Periode | None) -> Weigering | None:
        """Why this user may not submit for this onderwerp in this period now; None when allowed."""
        vandaag = self.vandaag()
        if gebruiker.persoon is None:
            return Weigering("onbekende_gebruiker", {})
        if onderwerp is None:
            return Weigering("onbekend_onderwerp", {})
        dag = rechten.peildag(periode, vandaag)
        if not rechten.mag_indienen(gebruiker.persoon, onderwerp, dag):
            namen = [p.naam for p in rechten.indieners(self.diensten.kennisbank, onderwerp, dag)]
            return Weigering("geen_recht", {"onderwerp": onderwerp.naam, "namen": self.opsomming(namen)})
        if periode is None:
            return self.geen_open_periode(vandaag)
        if not periode.is_open(vandaag):
            if vandaag > periode.deadline:
                return Weigering("deadline_verstreken", {"periode": periode.naam, "deadline": datum(periode.deadline)})
            return Weigering("nog_niet_open", {"periode": periode.naam, "vanaf": datum(periode.begin)})
        return None

    def geen_open_periode(self, vandaag: date) -> Weigering:
        """No period is open: when the next one opens, and what the user can do meanwhile."""
        volgende = self.rapportage.volgende_periode(vandaag)
        vorige = self.rapportage.laatst_gesloten_periode(vandaag)
        velden = {"vorige": vorige.naam if vorige else ""}
        if volgende is None:
            return Weigering("geen_periode_vorige" if vorige else "geen_periode", velden)
        velden |= {"periode": volgende.naam, "vanaf": datum(volgende.begin), "deadline": datum(volgende.deadline)}
        return Weigering("geen_periode_volgende_vorige" if vorige else "geen_periode_volgende", velden)

    async def laat_toegestaan(self, periode: Periode, persoon_id: str) -> bool:
        """Whether the controller allowed this person a late update for this period (`dialogen.rapportage.laat`)."""
        async with self.diensten.sessies() as sessie:
            rij = await sessie.scalar(select(Herinnering.id).where(
                Herinnering.periode_id == periode.id, Herinnering.persoon_id == persoon_id,
                Herinnering.resultaat == LAAT_TOEGESTAAN))
        return rij is not None

    async def weigering(self, gebruiker: Gebruiker, onderwerp: Onderwerp | None, periode: Periode | None) -> Weigering | None:
        """`weigering_indienen`, except after the deadline for someone the controller allowed a late update."""
        weigering = self.weigering_indienen(gebruiker, onderwerp, periode)
        if (weigering is not None and weigering.sleutel == "deadline_verstreken" and periode is not None
                and gebruiker.persoon is not None and await self.laat_toegestaan(periode, gebruiker.persoon.id)):
            return None
        return weigering

    async def dien_in(self, gebruiker: Gebruiker, invoer: Invoer, sleutel: str) -> Weigering | Ontvangen:
        """Store a validated update as the next version, once per (sleutel, content)."""
        onderwerp = self.onderwerp(invoer.onderwerp_id)
        periode = self.rapportage.periode(invoer.periode_id)
        weigering = await self.weigering(gebruiker, onderwerp, periode)
        if weigering is not None:
            return weigering
        assert gebruiker.persoon is not None
        opgeslagen = await bewaar_statusupdate(
            self.diensten.sessies,
            NieuweUpdate(
                periode_id=invoer.periode_id,
                onderwerp_id=invoer.onderwerp_id,
                status=invoer.status,
                toelichting=invoer.toelichting,
                financieel_soort=invoer.financieel_soort,
                financieel_bedrag=invoer.financieel_bedrag,
                maatregel=invoer.maatregel,
                ingediend_door=gebruiker.persoon.id,
                ingediend_door_aad=gebruiker.aad_object_id,
                sleutel=f"{eigen_sleutel(gebruiker, sleutel)}:{invoer.vingerafdruk()}",
            ),
            self.sloten,
        )
        return Ontvangen(opgeslagen.update.versie, opgeslagen.nieuw)

    async def laatste(self, periode: Periode, onderwerp_ids: list[str]) -> dict[str, Statusupdate]:
        async with self.diensten.sessies() as sessie:
            return await StatusupdateRepository(sessie).laatste_per_onderwerp(periode.id, onderwerp_ids)

    async def voorinvulling(
        self, periode: Periode, onderwerp: Onderwerp
    ) -> tuple[dict[str, str] | None, Statusupdate | None]:
        """Card values from the latest version in this period, else the latest ever (new period)."""
        async with self.diensten.sessies() as sessie:
            repo = StatusupdateRepository(sessie)
            vorige = await repo.laatste(periode.id, onderwerp.id) or await repo.laatste_voor_onderwerp(onderwerp.id)
        if vorige is None:
            return None, None
        invoer = Invoer(
            onderwerp_id=onderwerp.id,
            periode_id=periode.id,
            status=vorige.status,
            toelichting=vorige.toelichting,
            financieel_soort=vorige.financieel_soort,
            financieel_bedrag=vorige.financieel_bedrag,
            maatregel=vorige.maatregel,
        )
        return invoer.als_data(), vorige

    async def overzicht(self, periode: Periode, onderwerpen: list[Onderwerp]) -> Overzicht:
        ids = [o.id for o in onderwerpen]
        vorige_periode = self.rapportage.vorige_periode(periode)
        async with self.diensten.sessies() as sessie:
            repo = StatusupdateRepository(sessie)
            laatste = await repo.laatste_per_onderwerp(periode.id, ids)
            vorige = await repo.laatste_per_onderwerp(vorige_periode.id, ids) if vorige_periode else {}
        return maak_overzicht(self.diensten.kennisbank, periode, onderwerpen, laatste, vorige)

    def opsomming(self, namen: list[str]) -> str:
        """'A', 'A of B', 'A, B of C' (the words from the texts file)."""
        teksten = self.diensten.teksten
        if not namen:
            return teksten.tekst("rapportage.opsomming_niemand")
        if len(namen) == 1:
            return namen[0]
        return ", ".join(namen[:-1]) + f" {teksten.tekst('rapportage.opsomming_of')} " + namen[-1]
