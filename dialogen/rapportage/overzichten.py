"""The overview, 'wie moet nog' and chasing missing reports (issue 13). One that names an onderwerp
by name is about that onderwerp: its stand (`dialogen.rapportage.statusantwoord`).

Typed ("overzicht rapportage", "wie moet nog?", "overzicht lente 2026 Marcel Kossen pagina 2") and
card submits (`rapportage.overzicht` with a `Filter` in its data) end in the same card
(`dialogen.rapportage.overzichtkaart`); the console gets the card as text. Paging and filtering
replace the card in place where the client allows it (Teams: the submitted message or the invoke).

A controller's 'Herinner' (`rapportage.herinner`, or typed "herinner Marcel Kossen") sends each
opdrachtgever with a missing onderwerp of that directeur a message through `FeatureServices.proactief`
(`bot.proactief`), at most once per person per day (a `herinnering` row claimed for that day).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from botbuilder.dialogs import DialogContext

from db.modellen.rapportage import Herinneringsresultaat
from db.repositories.rapportage import claim_herinnering, geef_herinnering_vrij, markeer_herinnering
from dialogen.gebruiker import Gebruiker, huidige_gebruiker
from dialogen.herkenning import Herkend
from dialogen.kaarten import kaarten_mogelijk, vervang_kaart
from dialogen.kaarten_tekst import kaart_of_tekst
from dialogen.rapportage.filter import ONTBREKEND, SIGNALEN, Filter, FilterTaal, uit_data
from dialogen.rapportage.overzicht import datum
from dialogen.rapportage.overzichtkaart import OverzichtKaart
from kennisbank.rapportage import Periode
from kennisbank.zoeken.normaliseren import normaliseer
from rapportage import Overzicht

if TYPE_CHECKING:
    from dialogen.rapportage.feature import RapportageFeature


class OverzichtAntwoord:
    def __init__(self, feature: RapportageFeature) -> None:
        self.feature = feature
        self.diensten = feature.diensten
        self.dienst = feature.dienst
        self.t = feature.t

    @property
    def taal(self) -> FilterTaal:
        return FilterTaal(self.diensten.teksten, self.diensten.kennisbank, self.dienst.rapportage)

    # -- typed -------------------------------------------------------------------------------------

    async def behandel(self, dc: DialogContext, herkend: Herkend, *, alleen_ontbrekend: bool) -> None:
        gebruiker = huidige_gebruiker(dc.context)
        if (
            alleen_ontbrekend
            and normaliseer(herkend.tekst).startswith(normaliseer(self.t("herinner_woord")))
            and self._genoemde_persoon(herkend.tekst) is not None
        ):
            await self._herinner_getypt(dc, gebruiker, herkend.tekst)
            return  # "herinner <naam>"; without a name it is just the 'wie moet nog' overview
        vandaag = self.dienst.vandaag()
        if self.diensten.zoeker.onderwerpen_genoemd(herkend.tekst, vandaag=vandaag):
            # the overview of an onderwerp named by name ("hoe staat de jeugdagenda ervoor in de lente"): its stand
            await self.feature.status(dc, herkend)
            return
        rapportage = self.dienst.rapportage
        periode = rapportage.zoek_periode(herkend.tekst, vandaag) or rapportage.actuele_periode(vandaag)
        onderwerpen = await self._zichtbaar(dc, gebruiker, periode)
        if onderwerpen is None or periode is None:
            return
        volledig = await self.dienst.stand.overzicht(periode, onderwerpen)
        standaard = Filter(periode.id, weergave=ONTBREKEND if alleen_ontbrekend else SIGNALEN)
        filter_ = self.taal.uit_tekst(herkend.tekst, standaard, _directeuren(volledig))
        await self._stuur(dc, gebruiker, volledig, filter_, vervang=False)

    # -- card submits ------------------------------------------------------------------------------

    async def behandel_actie(self, dc: DialogContext, actie: str, waarde: dict[str, Any]) -> None:
        gebruiker = huidige_gebruiker(dc.context)
        rapportage = self.dienst.rapportage
        periode = rapportage.periode(str(waarde.get("filter_periode_id") or waarde.get("periode_id") or ""))
        if periode is None:
            await dc.context.send_activity(self.diensten.teksten.tekst("algemeen.actie_onbekend"))
            return
        if actie == "herinner":
            await self.herinner(dc, gebruiker, periode, str(waarde.get("directeur") or ""))
            return
        onderwerpen = await self._zichtbaar(dc, gebruiker, periode)
        if onderwerpen is None:
            return
        volledig = await self.dienst.stand.overzicht(periode, onderwerpen)
        filter_ = uit_data(waarde, self.diensten.kennisbank, rapportage, Filter(periode.id))
        activiteit = dc.context.activity
        vervang = kaarten_mogelijk(dc.context) and (bool(activiteit.reply_to_id) or activiteit.type == "invoke")
        await self._stuur(dc, gebruiker, volledig, filter_, vervang=vervang)

    # -- shared ------------------------------------------------------------------------------------

    async def _zichtbaar(self, dc: DialogContext, gebruiker: Gebruiker, periode: Periode | None) -> list | None:
        """The onderwerpen this user may see, or None after telling why there are none."""
        if gebruiker.persoon is None:
            await dc.context.send_activity(self.t("onbekende_gebruiker"))
            return None
        regels = self.dienst.regels
        onderwerpen = regels.zichtbare_onderwerpen(gebruiker.persoon, regels.peildag(periode, self.dienst.vandaag()))
        if not onderwerpen:
            controllers = [p.naam for p in regels.met_inzage()]
            await dc.context.send_activity(self.t("geen_inzage", namen=", ".join(controllers) or self.t("de_controller")))
            return None
        if periode is None:
            await dc.context.send_activity(self.t("geen_periode"))
            return None
        return onderwerpen

    async def _stuur(
        self, dc: DialogContext, gebruiker: Gebruiker, volledig: Overzicht, filter_: Filter, *, vervang: bool
    ) -> None:
        if filter_.directeur not in _directeuren(volledig):
            filter_ = filter_.met(directeur=None, pagina=filter_.pagina)
        inzage = self.dienst.regels.heeft_inzage(gebruiker.persoon)
        kaart = OverzichtKaart(self.diensten.teksten, self.taal, voor=None, inzage=inzage).maak(volledig, filter_)
        if vervang:
            vervang_kaart(dc.context, kaart)
            return  # the host replaces the clicked card (invoke answer or update): no second copy
        await dc.context.send_activities(kaart_of_tekst(dc.context, kaart, self.diensten.teksten.tekst("algemeen.keuzes_kop")))

    # -- chasing -----------------------------------------------------------------------------------

    async def _herinner_getypt(self, dc: DialogContext, gebruiker: Gebruiker, tekst: str) -> None:
        vandaag = self.dienst.vandaag()
        rapportage = self.dienst.rapportage
        periode = rapportage.zoek_periode(tekst, vandaag) or rapportage.actuele_periode(vandaag)
        if periode is None:
            await dc.context.send_activity(self.t("geen_periode"))
            return
        directeur = self._genoemde_persoon(tekst)
        if directeur is None:
            await dc.context.send_activity(self.t("herinner_wie"))
            return
        await self.herinner(dc, gebruiker, periode, directeur.id)

    def _genoemde_persoon(self, tekst: str):
        kern = f" {normaliseer(tekst)} "
        return next((p for p in self.diensten.kennisbank.bestanden.personen if f" {normaliseer(p.naam)} " in kern), None)

    async def herinner(self, dc: DialogContext, gebruiker: Gebruiker, periode: Periode, directeur_id: str) -> None:
        """Remind everyone who must still submit for this directeur's onderwerpen (controllers only)."""
        kennisbank = self.diensten.kennisbank
        if not self.dienst.regels.heeft_inzage(gebruiker.persoon):
            await dc.context.send_activity(self.t("herinner_geen_inzage"))
            return
        directeur = kennisbank.persoon(directeur_id)
        if directeur is None:
            await dc.context.send_activity(self.diensten.teksten.tekst("algemeen.actie_onbekend"))
            return
        per_persoon = await self._ontbrekend_per_persoon(periode, directeur_id)
        if not per_persoon:
            await dc.context.send_activity(self.t("herinner_niets", naam=directeur.naam, periode=periode.naam))
            return
        stuur = self.diensten.proactief
        vandaag = datetime.combine(self.dienst.vandaag(), time(0), tzinfo=self.diensten.klok().tzinfo)
        verstuurd, al, onbereikbaar = [], [], []
        afzender = gebruiker.persoon.naam if gebruiker.persoon else ""
        for persoon_id, onderwerpen in per_persoon.items():
            persoon = kennisbank.persoon(persoon_id)
            naam = persoon.naam if persoon else persoon_id
            claim = await claim_herinnering(self.diensten.sessies, periode.id, vandaag, persoon_id)
            if claim is None:
                al.append(naam)
                continue
            tekst = self.t(
                "herinnering_controller",
                naam=naam.split()[0],
                controller=afzender,
                periode=periode.naam,
                onderwerpen=", ".join(onderwerpen),
                deadline=datum(periode.deadline),
            )
            if await stuur(persoon_id, tekst):
                await markeer_herinnering(self.diensten.sessies, claim, Herinneringsresultaat.VERSTUURD)
                verstuurd.append(naam)
            else:
                await geef_herinnering_vrij(self.diensten.sessies, claim)
                onbereikbaar.append(naam)
        regels = []
        opsomming = self._opsomming
        if verstuurd:
            regels.append(self.t("herinnerd", namen=opsomming(verstuurd), periode=periode.naam))
        if al:
            regels.append(self.t("herinnerd_al", namen=opsomming(al)))
        if onbereikbaar:
            regels.append(self.t("herinnerd_onbereikbaar", namen=opsomming(onbereikbaar)))
        await dc.context.send_activity("\n\n".join(regels))

    def _opsomming(self, namen: list[str]) -> str:
        if len(namen) == 1:
            return namen[0]
        return ", ".join(namen[:-1]) + f" {self.t('opsomming_en')} " + namen[-1]

    async def _ontbrekend_per_persoon(self, periode: Periode, directeur_id: str) -> dict[str, list[str]]:
        """Who must still submit which onderwerpen of this directeur, read now (not from the card)."""
        ontbrekend = await self.dienst.stand.ontbrekend(periode, directeur_id)
        return {persoon_id: [o.naam for o in onderwerpen] for persoon_id, onderwerpen in ontbrekend.items()}


def _directeuren(overzicht: Overzicht) -> list[str]:
    return [g.directeur.id for g in overzicht.groepen if g.directeur is not None]
