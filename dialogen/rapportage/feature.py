"""Statusupdates for the lente- and herfstrapportage in chat (issue 5).

Intents: `rapportage.update` ("statusupdate", "voortgang doorgeven", "wijzig statusupdate …"),
`rapportage.overzicht`, `rapportage.wie_moet_nog` (cards with filters and paging, `overzichten`), `rapportage.vraag` (facts, `dialogen.rapportage.feiten`),
`rapportage.status` (where one onderwerp stands, `statusantwoord`; stand or update when unsure, `bedoeling`). In Teams and Web Chat the update is one
Adaptive Card, then a summary card to confirm; in the console chat the same questions come one by
one (`updateformulier`, on the form layer `dialogen.formulier`). Card actions are stateless: `rapportage.kaart|controleer|wijzig|bevestig|overzicht|herinner`.
"""

from __future__ import annotations

from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import Dialog, DialogContext

from dialogen.feature import Feature
from dialogen.featureservices import FeatureServices
from dialogen.gebruiker import huidige_gebruiker
from dialogen.herkenning import Herkend
from dialogen.kaarteigenaar import eigenaar, van_afzender
from dialogen.kaarten import kaarten_mogelijk, vervang_kaart, weiger_kaart
from dialogen.opmaak import letterlijk
from dialogen.rapportage.bedoeling import genoemde_status
from dialogen.rapportage.dienst import Ontvangen, RapportageDienst, Weigering, nieuwe_sleutel
from dialogen.rapportage.export import ExportAntwoord
from dialogen.rapportage.feiten import Feiten
from dialogen.rapportage.invoer import Fout, valideer
from dialogen.rapportage.kaarten import Kaarten
from dialogen.rapportage.laat import LateUpdates
from dialogen.rapportage.overzicht import datum
from dialogen.rapportage.overzichten import OverzichtAntwoord
from dialogen.rapportage.statusantwoord import KEUZE_DIALOOG, STAND_OF_UPDATE, StatusAntwoord, stand_of_update_keuze, statuskeuze
from dialogen.rapportage.updateformulier import DIALOOG_ID, UpdateFormulier
from dialogen.tussenvraag import leest_als_vraag, vraagwoorden
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode, Status
from kennisbank.zoeken import BedoeldeU, MeerdereOnderwerpen, OnderwerpGevonden
from kennisbank.zoeken.antwoord import SOORT_PERSOON
from kennisbank.zoeken.normaliseren import normaliseer

TUSSENDOOR = ("vraag", "status", "overzicht", "wie_moet_nog")
"""Intents answered at once, also while a form waits (`Feature.beantwoordt_tussendoor`)."""
OVER_EEN_ONDERWERP = ("status", "update", "overzicht", "wie_moet_nog")
"""Intents that, naming one onderwerp, the feature tells apart itself (`RapportageFeature.zekerheid`)."""


class RapportageFeature(Feature):
    naam = "rapportage"

    def __init__(self, diensten: FeatureServices) -> None:
        super().__init__(diensten)
        self.dienst = RapportageDienst(diensten)
        self.updateformulier = UpdateFormulier(self)
        self.statuskeuze = statuskeuze(self)
        self.stand_of_update = stand_of_update_keuze(self)
        self.vraagwoorden = vraagwoorden(diensten.teksten)
        """The question words a sentence may open with (`dialogen.tussenvraag.leest_als_vraag`)."""

    @property
    def kaarten(self) -> Kaarten:
        return Kaarten(self.diensten.teksten, self.dienst.rapportage)

    def kaarten_voor(self, dc: DialogContext) -> Kaarten:
        """Cards that only the sender of this turn may submit."""
        return Kaarten(self.diensten.teksten, self.dienst.rapportage, eigenaar(huidige_gebruiker(dc.context)))

    def dialogen(self) -> list[Dialog]:
        return [self.updateformulier.dialoog, self.statuskeuze, self.stand_of_update]

    def mag_onderbreken(self, dc: DialogContext) -> bool:
        """A waiting choice of a status question ("Bedoelde je", stand or update) never holds up another
        question; an update being filled in does (nothing typed may be lost). An answer to the choice
        stays with it: the router asks the dialog's `is_antwoord` before this."""
        return dc.active_dialog is not None and dc.active_dialog.id in (KEUZE_DIALOOG, STAND_OF_UPDATE)

    async def bij_stop(self, dc: DialogContext) -> str | None:
        """Stop keeps the answers of an update in the chat; the next 'statusupdate' continues."""
        if dc.active_dialog is not None and dc.active_dialog.id == DIALOOG_ID and await self.updateformulier.dialoog.parkeer(dc):
            return self.t("gestopt_bewaard")
        return None

    def beantwoordt_tussendoor(self, herkend: Herkend) -> bool:
        """The facts (peildata, deadlines, statussen, who reports to whom), where one onderwerp stands
        and the overviews are answered at once (asked in between, a status question is never taken
        for an update: `dialogen.rapportage.bedoeling`)."""
        return herkend.intentie in {f"{self.naam}.{soort}" for soort in TUSSENDOOR}

    def zekerheid(self, herkend: Herkend) -> float:
        """About one onderwerp named exactly, the feature tells its stand from an update and from an
        overview of it itself (`dialogen.rapportage.bedoeling`): the classifier need only be sure it
        is one of those."""
        eigen = {f"{self.naam}.{soort}" for soort in OVER_EEN_ONDERWERP}
        if herkend.intentie not in eigen or self._genoemd_onderwerp(herkend.tekst) is None:
            return herkend.zekerheid
        return herkend.zekerheid + sum(kans for intentie, kans in herkend.alternatieven if intentie in eigen)

    def _vraagt_feit_over_doorgeven(self, herkend: Herkend) -> bool:
        """A question about submitting read as an update: one sentence that asks ("?" or a question
        word first) what happens when nothing is submitted, who the rapportage is for or what goes in
        a field ("wat als ik niks doorgeef", "waarom moet ik die rapportage invullen", "hoe vul ik het
        financieel effect in"; `Feiten.vraagt_uitleg_over_doorgeven`). An update is not asked so."""
        if herkend.door_regel or self._genoemd_onderwerp(herkend.tekst) is not None:
            return False  # "X: afwijking, kan ik dat melden?": that onderwerp's update
        if not leest_als_vraag(herkend.tekst, self.vraagwoorden):
            return False
        return self._feiten().vraagt_uitleg_over_doorgeven(herkend.tekst)

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(f"rapportage.{sleutel}", **velden)

    def weigering_tekst(self, weigering: Weigering) -> str:
        return self.t(weigering.sleutel, **weigering.velden)

    def fout_tekst(self, fout: Fout) -> str:
        return self.t(fout.sleutel, **{veld: letterlijk(waarde) for veld, waarde in fout.velden})

    # -- intents -------------------------------------------------------------------------------

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> bool | None:
        if self.diensten.kennisbank.bestanden.rapportage is None:
            await dc.context.send_activity(self.t("niet_ingericht"))
            return None
        soort = herkend.intentie.split(".", 1)[1]
        if soort == "update" and self._vraagt_feit_over_doorgeven(herkend):
            soort = "vraag"
        if soort == "update":
            laat = herkend.door_regel and herkend.kern.startswith(normaliseer(self.t("laat_woord")) + " ")
            onderwerp = herkend.groepen.get("onderwerp")
            if onderwerp and self._alleen_periode(onderwerp):
                onderwerp = None  # "statusupdate voor de najaarsnota": the round, not an onderwerp
            onderwerp = onderwerp or self._genoemd_onderwerp(herkend.tekst)
            await self.start_update(dc, onderwerp, laat=laat, status=genoemde_status(self, herkend.tekst))
        elif soort == "overzicht":
            await self.overzicht(dc, herkend)
        elif soort == "export":
            await ExportAntwoord(self).behandel(dc, herkend)
        elif soort == "status" and not self._over_de_statussen(herkend.tekst):  # where one onderwerp stands
            await self.status(dc, herkend)
        elif soort in ("status", "vraag"):  # facts: peildata, deadlines, statussen, who reports to whom
            feiten = self._feiten()
            if (
                feiten.soort(herkend.tekst) == "lijn"
                and not feiten.noemt_lijn(herkend.tekst)
                and self._noemt_persoon(herkend.tekst)
            ):
                return False  # "bij wie rapporteert Noor Visser": that person's leidinggevende, from the lookup
            await dc.context.send_activity(MessageFactory.text(feiten.beantwoord(herkend.tekst, self.dienst.vandaag())))
        else:
            await OverzichtAntwoord(self).behandel(dc, herkend, alleen_ontbrekend=True)
        return None

    def _feiten(self) -> Feiten:
        return Feiten(self.diensten.teksten, self.diensten.kennisbank, self.dienst.rapportage)

    def _over_de_statussen(self, tekst: str) -> bool:
        """A question about the statuses themselves or what to fill in ("wat is eigenlijk een status
        afwijking"), naming no onderwerp: a fact, not where an onderwerp stands."""
        if self.diensten.zoeker.onderwerpen_genoemd(tekst, vandaag=self.dienst.vandaag()):
            return False
        return self._feiten().soort(tekst) in ("status", "invullen")

    async def overzicht(self, dc: DialogContext, herkend: Herkend) -> None:
        """The overview card (also for a status question about the whole round)."""
        await OverzichtAntwoord(self).behandel(dc, herkend, alleen_ontbrekend=False)

    async def status(self, dc: DialogContext, herkend: Herkend) -> None:
        """Where one onderwerp stands (also for an overview question that names one)."""
        await StatusAntwoord(self).behandel(dc, herkend)

    def _alleen_periode(self, tekst: str) -> bool:
        """The words name a rapportage period or kind of round and no onderwerp."""
        zoeker, dag = self.diensten.zoeker, self.dienst.vandaag()
        return zoeker.noemt_periode(tekst, vandaag=dag) and not zoeker.onderwerpen_genoemd(tekst, vandaag=dag)

    def _genoemd_onderwerp(self, tekst: str) -> str | None:
        """The name of the one onderwerp a sentence names exactly ("de jeugdagenda loopt achter, dat wil
        ik melden"), for an update asked for in other words than "statusupdate <onderwerp>"."""
        genoemd = {
            o.id: o for groep in self.diensten.zoeker.onderwerpen_genoemd(tekst, vandaag=self.dienst.vandaag()) for o in groep
        }
        return next(iter(genoemd.values())).naam if len(genoemd) == 1 else None

    def _noemt_persoon(self, tekst: str) -> bool:
        """A person is named in the text by name, surely (a full name, or a surname only one person has)."""
        zoeker = self.diensten.zoeker
        return any(
            v.beste.exact and v.beste.score >= zoeker.drempels.zeker for v in zoeker.vind(tekst, frozenset({SOORT_PERSOON}))
        )

    async def start_update(
        self, dc: DialogContext, onderwerp_tekst: str | Onderwerp | None, *, laat: bool = False, status: Status | None = None
    ) -> None:
        """The update card (or the questions in text) for the onderwerp named (or given), else a choice
        of the asker's own; `status`: the status the asker already said ("de jeugdagenda ligt op koers"),
        filled in when the update is for one onderwerp."""
        gebruiker = huidige_gebruiker(dc.context)
        if gebruiker.persoon is None:
            regels = [self.t("onbekende_gebruiker")]
            gevonden = self._zoek_onderwerp(onderwerp_tekst, []) if onderwerp_tekst else None
            if isinstance(gevonden, Onderwerp):  # still say who can, as for anyone refused
                dag = self.dienst.regels.peildag(self.dienst.open_periode(), self.dienst.vandaag())
                namen = [p.naam for p in self.dienst.regels.indieners(gevonden, dag)]
                regels.append(self.t("wie_wel", onderwerp=gevonden.naam, namen=self.dienst.opsomming(namen)))
            await dc.context.send_activity("\n\n".join(regels))
            return
        vandaag = self.dienst.vandaag()
        periode = self.dienst.open_periode()
        gesloten = self.dienst.rapportage.laatst_gesloten_periode(vandaag) if periode is None else None
        if gesloten is not None and (laat or await self.dienst.stand.laat_toegestaan(gesloten, gebruiker.persoon.id)):
            periode = gesloten  # after the deadline: a late update (asked for, or allowed by the controller)
        eigen = self.dienst.regels.eigen_onderwerpen(gebruiker.persoon, self.dienst.regels.peildag(periode, vandaag))
        keuze = eigen
        if onderwerp_tekst:
            gevonden = self._zoek_onderwerp(onderwerp_tekst, eigen)
            if isinstance(gevonden, Onderwerp):
                weigering = await self.dienst.weigering(gebruiker, gevonden, periode)
                if weigering is not None and weigering.sleutel == "deadline_verstreken" and periode is not None:
                    await dc.context.send_activity(self.weigering_tekst(weigering))
                    await self._laat(dc, gevonden, periode, vragen=laat)
                    return
                if weigering is not None:
                    await dc.context.send_activity(self.weigering_tekst(weigering))
                    return
                keuze = [gevonden]
            elif gevonden:
                keuze = gevonden
            else:
                genoemd = onderwerp_tekst if isinstance(onderwerp_tekst, str) else onderwerp_tekst.naam
                await dc.context.send_activity(self.t("onderwerp_niet_gevonden", tekst=letterlijk(genoemd)))
        if not eigen:
            await dc.context.send_activity(self.t("geen_eigen_onderwerpen"))
            return
        if periode is None:
            weigering = self.dienst.weigering_indienen(gebruiker, keuze[0], None)  # never None without a period
            weigering = weigering or self.dienst.geen_open_periode(self.dienst.vandaag())
            await dc.context.send_activity(self.weigering_tekst(weigering))
            if gesloten is not None and len(keuze) == 1:
                await self._laat(dc, keuze[0], gesloten, vragen=False)
            elif gesloten is not None:
                await dc.context.send_activity(self.t("laat_hint", onderwerp=keuze[0].naam.lower()))
            return
        if laat and len(keuze) != 1:
            await dc.context.send_activity(self.t("laat_welk_onderwerp", onderwerp=keuze[0].naam.lower()))
            return
        if (
            periode.deadline < vandaag
            and len(keuze) == 1
            and await self.dienst.weigering(gebruiker, keuze[0], periode) is not None
        ):
            await self._laat(dc, keuze[0], periode, vragen=laat)
            return
        if not kaarten_mogelijk(dc.context):
            await self.updateformulier.start(dc, periode, keuze, nieuwe_sleutel(), status=status)
            return
        if len(keuze) == 1:
            await self._stuur_formulier(dc, keuze[0], periode, nieuwe_sleutel(), status=status)
            return
        laatste = await self.dienst.stand.laatste(periode, [o.id for o in keuze])
        standen = [(o, self.stand_tekst(laatste.get(o.id))) for o in keuze]
        await dc.context.send_activity(
            MessageFactory.attachment(self.kaarten_voor(dc).kies_onderwerp(periode, standen, nieuwe_sleutel()))
        )

    async def _laat(self, dc: DialogContext, onderwerp: Onderwerp, periode: Periode, *, vragen: bool) -> None:
        """After the deadline: ask the controller now (typed "late update …"), or offer the button."""
        late = LateUpdates(self)
        if vragen:
            await late.vraag(dc, onderwerp, periode)
        else:
            await late.stuur_vraagknop(dc, onderwerp, periode)

    def stand_tekst(self, versie) -> str | None:
        if versie is None:
            return None
        status = self.dienst.rapportage.status(versie.status)
        return self.t("stand_ingediend", status=status.naam if status else versie.status, versie=versie.versie)

    def _zoek_onderwerp(self, tekst: str | Onderwerp, eigen: list[Onderwerp]) -> Onderwerp | list[Onderwerp] | None:
        """The onderwerp named in the command (fuzzy, via the app's Zoeker), preferring own ones."""
        if isinstance(tekst, Onderwerp):  # known already (the choice "statusupdate doorgeven")
            return tekst
        antwoord = self.diensten.zoeker.beantwoord(tekst, vandaag=self.dienst.vandaag())
        eigen_ids = {o.id for o in eigen}
        if isinstance(antwoord, OnderwerpGevonden):
            return antwoord.onderwerp
        kandidaten: list[Onderwerp] = []
        if isinstance(antwoord, MeerdereOnderwerpen):
            kandidaten = list(antwoord.onderwerpen)
        elif isinstance(antwoord, BedoeldeU):
            kandidaten = [
                self.diensten.kennisbank.onderwerpen[k.id]
                for k in antwoord.kandidaten
                if k.soort == "onderwerp" and k.id in self.diensten.kennisbank.onderwerpen
            ]
        eigen_kandidaten = [o for o in kandidaten if o.id in eigen_ids]
        if len(eigen_kandidaten) == 1:
            return eigen_kandidaten[0]
        return eigen_kandidaten or None

    async def _stuur_formulier(
        self,
        dc: DialogContext,
        onderwerp: Onderwerp,
        periode: Periode,
        sleutel: str,
        waarden: dict[str, str] | None = None,
        fouten: list[str] | None = None,
        *,
        status: Status | None = None,
    ) -> None:
        """The update card, filled in with `waarden` (the last try), else with the previous update and
        `status` (the status the asker named)."""
        vorige_tekst = None
        if waarden is None:
            waarden, vorige = await self.dienst.voorinvulling(periode, onderwerp)
            if vorige is not None:
                status = self.dienst.rapportage.status(vorige.status)
                velden = {
                    "status": status.naam if status else vorige.status,
                    "versie": vorige.versie,
                    "datum": datum(self.dienst.rapportage.dag(vorige.ingediend_op)),
                }
                gebruiker = huidige_gebruiker(dc.context)
                van = self.diensten.kennisbank.persoon(vorige.ingediend_door)
                if van is not None and (gebruiker.persoon is None or van.id != gebruiker.persoon.id):
                    vorige_tekst = self.t("vorige_update_van", naam=van.naam, **velden)  # a colleague's update
                else:
                    vorige_tekst = self.t("vorige_update", **velden)
            if status is not None:
                waarden = {**(waarden or {}), "status": status.id}
        kaart = self.kaarten_voor(dc).formulier(onderwerp, periode, sleutel, waarden, vorige_tekst, fouten)
        await dc.context.send_activity(MessageFactory.attachment(kaart))
        await self.updateformulier.wacht_bij_kaart(dc, periode, onderwerp, sleutel)

    # -- card actions --------------------------------------------------------------------------

    async def behandel_actie(self, dc: DialogContext, actie: str, waarde: dict[str, Any]) -> None:
        if self.diensten.kennisbank.bestanden.rapportage is None:
            await dc.context.send_activity(self.t("niet_ingericht"))
            return
        if actie in ("overzicht", "herinner"):  # overview paging, filters, chasing
            await OverzichtAntwoord(self).behandel_actie(dc, actie, waarde)
            return
        gebruiker = huidige_gebruiker(dc.context)
        onderwerp = self.dienst.onderwerp(_str(waarde.get("onderwerp_id")))
        periode = self.dienst.rapportage.periode(_str(waarde.get("periode_id")) or "")
        if actie == "export_onedrive":
            await ExportAntwoord(self).toestemming(dc, periode)
            return
        if actie in ("laat_vragen", "laat_toestaan") and onderwerp is not None and periode is not None:
            late = LateUpdates(self)
            if actie == "laat_vragen":
                await late.vraag(dc, onderwerp, periode)
            else:
                await late.sta_toe(dc, onderwerp, periode, _str(waarde.get("persoon_id")) or "")
            return
        if actie not in ("kaart", "controleer", "wijzig", "bevestig") or onderwerp is None or periode is None:
            await dc.context.send_activity(self.diensten.teksten.tekst("algemeen.actie_onbekend"))
            return
        weigering = await self.dienst.weigering(gebruiker, onderwerp, periode)
        if weigering is not None:
            await weiger_kaart(dc.context, self.weigering_tekst(weigering))
            if weigering.sleutel == "deadline_verstreken":
                await self._laat(dc, onderwerp, periode, vragen=False)
            return
        if not van_afzender(dc.context, waarde):  # someone else's card in a group chat
            await weiger_kaart(dc.context, self.t("kaart_van_ander"))
            return
        sleutel = _str(waarde.get("sleutel")) or nieuwe_sleutel()
        if actie == "kaart":
            await self._stuur_formulier(dc, onderwerp, periode, sleutel)
            return
        ruw = dict(waarde)
        if actie == "controleer" and waarde.get("snel"):
            ruw = {"onderwerp_id": onderwerp.id, "periode_id": periode.id, "status": waarde["snel"]}
        invoer, fouten = valideer(ruw, self.dienst.rapportage)
        if actie == "wijzig" or invoer is None:
            teksten = [self.fout_tekst(f) for f in fouten]
            waarden = {k: _str(ruw.get(k)) or "" for k in ("status", "toelichting", "financieel", "bedrag", "maatregel")}
            if fouten:
                await dc.context.send_activity(self.t("fouten_kop"))
            await self._stuur_formulier(dc, onderwerp, periode, sleutel, waarden, teksten)
            return
        if actie == "controleer":
            kaart = self.kaarten_voor(dc).samenvatting(onderwerp, periode, invoer, sleutel)
            await dc.context.send_activity(MessageFactory.attachment(kaart))
            return
        uitkomst = await self.dienst.dien_in(gebruiker, invoer, sleutel)
        await self.updateformulier.sluit_open_kaart(dc, sleutel)
        if isinstance(uitkomst, Weigering):
            await dc.context.send_activity(self.weigering_tekst(uitkomst))
            return
        vervang_kaart(dc.context, self.kaarten_voor(dc).ontvangen(onderwerp, periode, invoer, uitkomst.versie))
        await self.na_indienen(dc, onderwerp, periode, uitkomst, invoer.status)

    async def na_indienen(
        self, dc: DialogContext, onderwerp: Onderwerp, periode: Periode, uitkomst: Ontvangen, status_id: str
    ) -> None:
        """The confirmation; when a gedelegeerd opdrachtgever submitted, the ambtelijk one gets a notice."""
        regels = [self.bevestiging(onderwerp, periode, uitkomst)]
        gebruiker = huidige_gebruiker(dc.context)
        ao_id = self.dienst.regels.directeur_id(onderwerp, periode.peildatum)
        ao = self.diensten.kennisbank.persoon(ao_id)
        if uitkomst.nieuw and ao is not None and gebruiker.persoon is not None and gebruiker.persoon.id != ao.id:
            status = self.dienst.rapportage.status(status_id)
            melding = self.t(
                "melding_ao",
                naam=ao.naam.split()[0],
                wie=gebruiker.persoon.naam,
                onderwerp=onderwerp.naam,
                periode=periode.naam,
                status=status.naam if status else status_id,
                versie=uitkomst.versie,
            )
            stuur = self.diensten.proactief
            bereikt = await stuur(ao.id, melding)
            regels.append(self.t("ao_gemeld" if bereikt else "ao_niet_gemeld", naam=ao.naam))
        await dc.context.send_activity("\n\n".join(regels))

    def bevestiging(self, onderwerp: Onderwerp, periode: Periode, uitkomst: Ontvangen) -> str:
        sleutel = "opgeslagen" if uitkomst.nieuw else "al_ontvangen"
        if uitkomst.nieuw and self.dienst.vandaag() > periode.deadline:
            sleutel = "opgeslagen_laat"
        return self.t(
            sleutel, onderwerp=onderwerp.naam, periode=periode.naam, versie=uitkomst.versie, deadline=datum(periode.deadline)
        )


def _str(waarde: Any) -> str | None:
    if waarde is None:
        return None
    tekst = str(waarde).strip()
    return tekst or None
