"""Where one onderwerp stands (`rapportage.status`): "hoe staat de jeugdagenda ervoor?", "is X al
doorgegeven?", "laatste update van X", "wat heeft <persoon> over X gemeld".

- Which round: the one the question names ("voorjaarsrapportage", "herfst 2026": `Rapportage.zoek_periode`),
  the previous one ("vorige rapportage", not "vorige status": the overview's previous period), the one current on a day it
  names ("op 1 juni": the stand on that day), else the open round, else the last one that passed
  (`Rapportage.actuele_periode`, as the overview).
- Which onderwerp: those the question names exactly; else the lookup's reading (`Zoeker.beantwoord`),
  with the lookup's "Bedoelde je …?" and its "ken ik niet" (never a name).
- Who may see it: `Rapportageregels.mag_inzien` (the rule the overview uses); anyone else is told
  who can (the controllers), never the content.
- What: one card (text in the console) with the latest version in that round — status, toelichting
  (shortened), financieel effect, maatregel, who submitted it and when, its version and the status
  before it, late or not — or who must still submit it and by when; a button to submit when the asker
  may now, and one to the overview.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from botbuilder.dialogs import DialogContext

from db.repositories.onbeantwoord import log_onbeantwoord
from dialogen.gebruiker import Gebruiker, huidige_gebruiker
from dialogen.herkenning import Herkend
from dialogen.kaarten_tekst import kaart_of_tekst
from dialogen.keuzevraag import Keuze, KeuzeDialoog, keuze_opties
from dialogen.rapportage.bedoeling import Bedoeling, StandOfUpdate, genoemde_status
from dialogen.rapportage.dienst import nieuwe_sleutel
from dialogen.rapportage.filter import ALLE, SIGNALEN, Filter, FilterTaal
from dialogen.rapportage.kaarten import Kaarten
from dialogen.rapportage.overzicht import datum
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode
from kennisbank.zoeken import Antwoord, BedoeldeU, MeerdereOnderwerpen, NietGevonden, OnderwerpGevonden
from kennisbank.zoeken.antwoord import SOORT_ONDERWERP
from kennisbank.zoeken.normaliseren import normaliseer
from rapportage import Onderwerpstand

if TYPE_CHECKING:
    from dialogen.rapportage.feature import RapportageFeature

KEUZE_DIALOOG = "rapportage.status_keuze"
STAND_OF_UPDATE = "rapportage.stand_of_update"
"""The choice "Wil je weten hoe X ervoor staat, of wil je een statusupdate doorgeven?" (`dialogen.rapportage.bedoeling`)."""
STAND, UPDATE = "stand", "update"
MAX_ONDERWERPEN = 3
"""A question naming more onderwerpen gets this many cards; the overview shows them all."""
WEET_NIET = "NietGevonden"


def statuskeuze(feature: RapportageFeature) -> KeuzeDialoog:
    """The "Bedoelde je …?" of a status question, in the lookup's words; the choice is answered for
    the round the question named."""
    teksten = feature.diensten.teksten
    return KeuzeDialoog(
        KEUZE_DIALOOG,
        vraag_tekst=lambda aantal: teksten.tekst("opdrachtgever.bedoelde_je_een" if aantal == 1 else "opdrachtgever.bedoelde_je"),
        welke_tekst=lambda: teksten.tekst("opdrachtgever.bedoelde_je_welke"),
        bij_keuze=lambda dc, keuze, context: StatusAntwoord(feature).na_keuze(dc, keuze, context),
        bij_geen=lambda dc, _context: _stuur(dc, teksten.tekst("opdrachtgever.geen_keuze")),
        bij_andere_vraag=lambda dc, _tekst, _context: StatusAntwoord(feature).andere_vraag(dc),
    )


def stand_of_update_keuze(feature: RapportageFeature) -> KeuzeDialoog:
    """The choice between where an onderwerp stands and an update for it; each button sends the full
    question or command, so a click works without the dialog too."""
    return KeuzeDialoog(
        STAND_OF_UPDATE,
        vraag_tekst=lambda _aantal: feature.t("stand_of_update_welke"),
        welke_tekst=lambda: feature.t("stand_of_update_welke"),
        bij_keuze=lambda dc, keuze, context: StatusAntwoord(feature).na_stand_of_update(dc, keuze, context),
        bij_geen=lambda dc, context: StatusAntwoord(feature).geen_stand_of_update(dc, context),
        bij_andere_vraag=lambda dc, _tekst, _context: StatusAntwoord(feature).andere_vraag(dc),
    )


async def _stuur(dc: DialogContext, tekst: str) -> None:
    await dc.context.send_activity(tekst)


class StatusAntwoord:
    def __init__(self, feature: RapportageFeature) -> None:
        self.feature = feature
        self.diensten = feature.diensten
        self.dienst = feature.dienst
        self.t = feature.t

    # -- the question ------------------------------------------------------------------------------

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> None:
        tekst = herkend.tekst
        gebruiker = huidige_gebruiker(dc.context)
        if gebruiker.persoon is None:
            await dc.context.send_activity(self.t("onbekende_gebruiker"))
            return
        onderwerpen = await self._onderwerpen(dc, herkend)
        if not onderwerpen:
            return  # asked "Bedoelde je", said "ken ik niet", or gave the overview
        periode, op = self.periode(tekst)
        if len(onderwerpen) == 1 and op is None and periode == self.dienst.open_periode():
            # "status X" about the open round may also be an update (`dialogen.rapportage.bedoeling`)
            bedoeling = await StandOfUpdate(self.feature).lees(dc, herkend, gebruiker, onderwerpen[0])
            if bedoeling is Bedoeling.UPDATE:
                await self.feature.start_update(dc, onderwerpen[0], status=genoemde_status(self.feature, tekst))
                return
            if bedoeling is Bedoeling.VRAGEN:
                await self._vraag_stand_of_update(dc, onderwerpen[0], tekst)
                return
        for onderwerp in onderwerpen[:MAX_ONDERWERPEN]:
            await self.beantwoord(dc, gebruiker, onderwerp, periode, op)

    def periode(self, tekst: str) -> tuple[Periode | None, date | None]:
        """The round asked about, and the day asked about ("op 1 juni": the stand on that day)."""
        vandaag = self.dienst.vandaag()
        rapportage = self.dienst.rapportage
        genoemd = rapportage.zoek_periode(tekst, vandaag)
        if genoemd is not None:
            return genoemd, None
        actueel = rapportage.actuele_periode(vandaag)
        woorden = f" {normaliseer(tekst)} "
        if actueel is not None and any(
            f" {normaliseer(w)} " in woorden for w in self.diensten.teksten.lijst("rapportage.status_vorige_ronde_woorden")
        ):
            return rapportage.vorige_periode(actueel), None
        dagen = [d.van for d in self.diensten.zoeker.datums(tekst, vandaag=vandaag) if d.van == d.tot and d.van < vandaag]
        if dagen:
            return rapportage.actuele_periode(dagen[0]), dagen[0]
        return actueel, None

    async def _onderwerpen(self, dc: DialogContext, herkend: Herkend) -> list[Onderwerp]:
        """The onderwerpen the question is about; empty after asking which one, saying none is known,
        or giving the overview (no onderwerp, but what the overview is filtered on)."""
        tekst = herkend.tekst
        zoeker, vandaag = self.diensten.zoeker, self.dienst.vandaag()
        genoemd = zoeker.onderwerpen_genoemd(tekst, vandaag=vandaag)
        if len(genoemd) == 1 and len(genoemd[0]) > 1:  # one alias of several onderwerpen: which one?
            await self._vraag_keuze(dc, list(genoemd[0]), tekst)
            return []
        if genoemd:
            return list({o.id: o for groep in genoemd for o in groep}.values())
        antwoord = zoeker.beantwoord(tekst, vandaag=vandaag)
        if isinstance(antwoord, OnderwerpGevonden):
            return [antwoord.onderwerp]
        if isinstance(antwoord, MeerdereOnderwerpen):
            if antwoord.gevraagd:
                return list(antwoord.onderwerpen)
            await self._vraag_keuze(dc, list(antwoord.onderwerpen), tekst)
            return []
        kandidaten = [
            self.diensten.kennisbank.onderwerpen[k.id]
            for k in (antwoord.kandidaten if isinstance(antwoord, BedoeldeU) else ())
            if k.soort == SOORT_ONDERWERP and k.id in self.diensten.kennisbank.onderwerpen
        ]
        if kandidaten:
            await log_onbeantwoord(
                self.diensten.sessies, tekst, antwoord.vraag_kern, type(antwoord).__name__, _kandidaten(antwoord)
            )
            await self._vraag_keuze(dc, kandidaten, tekst)
            return []
        if self._vraagt_overzicht(tekst) or _overzicht_naast(herkend):
            await self.feature.overzicht(dc, herkend)
            return []
        await self._ken_ik_niet(dc, tekst, antwoord)
        return []

    def _vraagt_overzicht(self, tekst: str) -> bool:
        """No onderwerp is named, but the whole round is asked about ("hoe staan de onderwerpen
        ervoor", "wat heeft iedereen doorgegeven": `status_alle_woorden`), or what the overview is
        filtered on: a round, a directeur, a soort onderwerp, a status."""
        woorden = f" {normaliseer(tekst)} "
        if any(f" {normaliseer(w)} " in woorden for w in self.diensten.teksten.lijst("rapportage.status_alle_woorden")):
            return True
        if self.diensten.zoeker.noemt_periode(tekst, vandaag=self.dienst.vandaag()):
            return True
        taal = FilterTaal(self.diensten.teksten, self.diensten.kennisbank, self.dienst.rapportage)
        standaard = Filter("", weergave=SIGNALEN)
        personen = [p.id for p in self.diensten.kennisbank.bestanden.personen]
        return taal.uit_tekst(tekst, standaard, personen) != standaard

    async def _ken_ik_niet(self, dc: DialogContext, tekst: str, antwoord: Antwoord) -> None:
        """The lookup's honest answer (never a name), with status questions as the example."""
        suggesties = list(antwoord.suggesties) if isinstance(antwoord, NietGevonden) else []
        voorbeelden = suggesties or [o.naam for o in self.dienst.regels.onderwerpen(self.dienst.vandaag())[:3]]
        regels = [
            self.diensten.teksten.tekst("opdrachtgever.niet_gevonden"),
            self.t("status_tip", voorbeeld=voorbeelden[0] if voorbeelden else "…", voorbeelden=", ".join(voorbeelden[:3])),
        ]
        await dc.context.send_activity("\n\n".join(regels))
        await log_onbeantwoord(self.diensten.sessies, tekst, antwoord.vraag_kern, WEET_NIET, _kandidaten(antwoord))

    async def _vraag_keuze(self, dc: DialogContext, onderwerpen: list[Onderwerp], tekst: str) -> None:
        periode, _ = self.periode(tekst)
        keuzes = [
            Keuze(o.naam, o.id, self.t("status_knop", onderwerp=o.naam, periode=periode.naam if periode else ""))
            for o in onderwerpen
        ]
        await dc.begin_dialog(KEUZE_DIALOOG, keuze_opties(keuzes, context={"vraag": tekst}))

    async def na_keuze(self, dc: DialogContext, keuze: Keuze, context: dict[str, Any]) -> None:
        onderwerp = self.dienst.onderwerp(keuze.waarde)
        gebruiker = huidige_gebruiker(dc.context)
        if onderwerp is None or gebruiker.persoon is None:  # the kennisbank changed meanwhile
            await dc.context.send_activity(self.diensten.teksten.tekst("opdrachtgever.geen_keuze"))
            return
        periode, op = self.periode(str(context.get("vraag") or ""))
        await self.beantwoord(dc, gebruiker, onderwerp, periode, op)

    async def _vraag_stand_of_update(self, dc: DialogContext, onderwerp: Onderwerp, tekst: str) -> None:
        periode, _ = self.periode(tekst)
        keuzes = [
            Keuze(
                self.t("keuze_stand"),
                STAND,
                self.t("status_knop", onderwerp=onderwerp.naam, periode=periode.naam if periode else ""),
            ),
            Keuze(self.t("keuze_update"), UPDATE, self.t("update_commando", onderwerp=onderwerp.naam)),
        ]
        vraag = self.t("stand_of_update", onderwerp=onderwerp.naam)
        await dc.begin_dialog(
            STAND_OF_UPDATE, keuze_opties(keuzes, context={"vraag": tekst, "onderwerp_id": onderwerp.id}, vraag=vraag)
        )

    async def na_stand_of_update(self, dc: DialogContext, keuze: Keuze, context: dict[str, Any]) -> None:
        onderwerp = self.dienst.onderwerp(str(context.get("onderwerp_id") or ""))
        if onderwerp is None:  # the kennisbank changed meanwhile
            await dc.context.send_activity(self.t("onbekend_onderwerp"))
            return
        if keuze.waarde == UPDATE:
            await self.feature.start_update(dc, onderwerp)
            return
        await self.na_keuze(dc, Keuze(onderwerp.naam, onderwerp.id, keuze.tekst), context)

    async def geen_stand_of_update(self, dc: DialogContext, context: dict[str, Any]) -> None:
        onderwerp = self.dienst.onderwerp(str(context.get("onderwerp_id") or ""))
        await dc.context.send_activity(self.t("stand_of_update_geen", onderwerp=onderwerp.naam if onderwerp else ""))

    async def andere_vraag(self, dc: DialogContext) -> None:
        """Not an answer to "Bedoelde je": a new question, routed like any other (the choice is gone)."""
        routeer = self.diensten.opnieuw_routeren
        if routeer is not None:
            await routeer(dc.context)

    # -- the answer --------------------------------------------------------------------------------

    async def beantwoord(
        self, dc: DialogContext, gebruiker: Gebruiker, onderwerp: Onderwerp, periode: Periode | None, op: date | None
    ) -> None:
        regels = self.dienst.regels
        if periode is None:
            await dc.context.send_activity(self.t("status_geen_periode", onderwerp=onderwerp.naam))
            return
        if not regels.mag_inzien(gebruiker.persoon, onderwerp, periode.peildatum):
            # who may see it, and who submits it: "wie geeft de status van X door" is answered too
            velden = {
                "onderwerp": onderwerp.naam,
                "namen": self.dienst.opsomming([p.naam for p in regels.met_inzage()]),
                "indieners": self.dienst.opsomming([p.naam for p in regels.indieners(onderwerp, periode.peildatum)]),
            }
            await dc.context.send_activity(
                f"{self.t('status_geen_inzage', **velden)}\n\n{self.t('status_geen_inzage_wie', **velden)}"
            )
            return
        stand = await self.dienst.stand.stand_van(periode, onderwerp, op)
        mag_indienen = op is None and await self.dienst.weigering(gebruiker, onderwerp, periode) is None
        kaarten = self.feature.kaarten_voor(dc)
        kaart = kaarten.stand(stand, self._regels(stand), self._knoppen(kaarten, stand, mag_indienen))
        await dc.context.send_activities(kaart_of_tekst(dc.context, kaart, self.diensten.teksten.tekst("algemeen.keuzes_kop")))

    def _regels(self, stand: Onderwerpstand) -> list[str]:
        """The lines above the facts: the version and who submitted it, or who must still submit."""
        rapportage = self.dienst.rapportage
        periode, vandaag = stand.periode, self.dienst.vandaag()
        regels = [self.t("status_op", dag=datum(stand.op))] if stand.op is not None else []
        laatste = stand.laatste
        if laatste is None:
            namen = self.dienst.opsomming([p.naam for p in stand.indieners])
            velden = {"periode": periode.naam, "namen": namen, "deadline": datum(periode.deadline), "vanaf": datum(periode.begin)}
            if periode.begin > (stand.op or vandaag):
                regels.append(self.t("status_nog_niet_open", **velden))
            elif periode.deadline < (stand.op or vandaag):
                regels.append(self.t("status_niet_doorgegeven", **velden))
            else:
                regels.append(self.t("status_nog_niet", **velden))
            return regels
        indiener = self.diensten.kennisbank.persoon(laatste.ingediend_door)
        regels.append(
            self.t(
                "status_versie",
                versie=laatste.versie,
                datum=datum(rapportage.dag(laatste.ingediend_op)),
                naam=indiener.naam if indiener else self.t("status_onbekende_indiener"),
            )
        )
        if stand.te_laat(rapportage):
            regels.append(self.t("overzicht_te_laat"))
        if (eerder := stand.eerdere) is not None:
            status = rapportage.status(eerder.status)
            regels.append(
                self.t("status_eerder", status=(status.naam if status else eerder.status).lower(), versie=eerder.versie)
            )
        return regels

    def _knoppen(self, kaarten: Kaarten, stand: Onderwerpstand, mag_indienen: bool) -> list[dict[str, Any]]:
        """Submit (when the asker may now) and the overview of the round."""
        knoppen = []
        if mag_indienen:
            titel = self.t("knop_bijwerken" if stand.laatste is not None else "knop_doorgeven")
            knoppen.append(kaarten.bijwerkknop(titel, stand.onderwerp, stand.periode, nieuwe_sleutel()))
        filter_ = Filter(stand.periode.id, weergave=ALLE)
        taal = FilterTaal(self.diensten.teksten, self.diensten.kennisbank, self.dienst.rapportage)
        knoppen.append(kaarten.overzichtknop(self.t("knop_overzicht"), filter_, taal.als_tekst(filter_, [])))
        return knoppen


def _overzicht_naast(herkend: Herkend) -> bool:
    """The recogniser's runner-up is another rapportage question: one that names no onderwerp is then
    more likely about the whole round (the overview) than about an onderwerp it doesn't know."""
    return bool(herkend.alternatieven) and herkend.alternatieven[0][0].split(".", 1)[0] == herkend.feature


def _kandidaten(antwoord: Antwoord) -> list[dict[str, Any]]:
    return [{"soort": k.soort, "id": k.id, "naam": k.naam, "score": round(k.score, 3)} for k in antwoord.kandidaten]
