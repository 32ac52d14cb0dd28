"""The statusupdate as text questions with suggested actions (console chat, and any client
without cards). Same rules and storage as the card path; answers already known are skipped.

State: onderwerp_ids (the choice), onderwerp_id, periode_id, sleutel, waarden (the answers so far,
in the raw form `invoer.valideer` reads) and vorige (the previous update, for 'zelfde als vorige keer').
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogInstance, DialogTurnResult
from rapidfuzz import fuzz, process

from dialogen.gebruiker import huidige_gebruiker
from dialogen.kaarten import met_keuzes
from dialogen.opmaak import letterlijk
from dialogen.rapportage.dienst import Weigering
from dialogen.rapportage.invoer import FINANCIEEL, GEEN, MAX_TEKST, valideer, zegt_iets
from kennisbank.bedragen import BedragFout, formatteer_bedrag, lees_bedrag, twee_lezingen
from kennisbank.zoeken.normaliseren import normaliseer

if TYPE_CHECKING:
    from dialogen.rapportage.functie import RapportageFunctie

DIALOOG_ID = "rapportage.update"


class UpdateDialoog(Dialog):
    def __init__(self, functie: "RapportageFunctie") -> None:
        super().__init__(DIALOOG_ID)
        self.functie = functie

    @property
    def rapportage(self):
        return self.functie.dienst.rapportage

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.functie.t(sleutel, **velden)

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        opties = dict(options) if isinstance(options, dict) else {}
        if not opties.get("onderwerp_ids") or self.rapportage.periode(opties.get("periode_id") or "") is None:
            await dc.context.send_activity(self.t("opnieuw_starten"))
            return await dc.end_dialog()
        state = dc.active_dialog.state
        state.update(opties)
        state["options"] = opties  # what 'opnieuw' starts again with (as for a waterfall)
        state.setdefault("waarden", {})
        if len(state.get("onderwerp_ids", [])) == 1:
            await self._kies_onderwerp(state, state["onderwerp_ids"][0])
        return await self._vraag(dc)

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        antwoord = (dc.context.activity.text or "").strip()
        stap = self._stap(state)
        if stap == "bevestig":
            return await self._bevestig(dc, state, antwoord)
        fout = await getattr(self, f"_antwoord_{stap}")(state, antwoord)
        if fout:
            await dc.context.send_activity(fout)
        return await self._vraag(dc)

    async def reprompt_dialog(self, context: TurnContext, instance: DialogInstance) -> None:
        await context.send_activity(self._vraag_bericht(instance.state))

    # -- which question is next ----------------------------------------------------------------

    def _stap(self, state: dict) -> str:
        w = state["waarden"]
        if not state.get("onderwerp_id"):
            return "onderwerp"
        status = self.rapportage.status(w.get("status"))
        if status is None:
            return "status"
        if status.toelichting_verplicht and "toelichting" not in w:
            return "toelichting"
        if status.toelichting_verplicht and "financieel" not in w:
            return "financieel"
        if w.get("financieel") in FINANCIEEL and "bedrag" not in w:
            return "bedrag"
        if status.maatregel_verplicht and "maatregel" not in w:
            return "maatregel"
        return "bevestig"

    async def _vraag(self, dc: DialogContext) -> DialogTurnResult:
        await dc.context.send_activity(self._vraag_bericht(dc.active_dialog.state))
        return Dialog.end_of_turn

    def _vraag_bericht(self, state: dict):
        stap = self._stap(state)
        vorige = state.get("vorige") or {}
        zelfde = self.t("antwoord_zelfde")
        if stap == "onderwerp":
            namen = [self._onderwerp(i).naam for i in state["onderwerp_ids"]]
            genummerd = "\n".join(f"{n}. {naam}" for n, naam in enumerate(namen, 1))  # "typ het nummer" needs numbers
            return met_keuzes(f"{self.t('vraag_onderwerp', periode=self._periode(state).naam)}\n\n{genummerd}", namen)
        if stap == "status":
            regels = [self.t("vraag_status", onderwerp=self._onderwerp(state["onderwerp_id"]).naam, periode=self._periode(state).naam)]
            if vorige.get("status"):
                status = self.rapportage.status(vorige["status"])
                regels.append(self.t("vorige_status", status=status.naam if status else vorige["status"]))
            return met_keuzes("\n".join(regels), [s.naam for s in self.rapportage.statussen])
        if stap in ("toelichting", "maatregel"):
            tekst = self.t(f"vraag_{stap}")
            if vorige.get(stap):
                return met_keuzes(tekst + "\n" + self.t("vorige_tekst", tekst=letterlijk(vorige[stap])), [zelfde])
            return MessageFactory.text(tekst)
        if stap == "financieel":
            return met_keuzes(self.t("vraag_financieel"), [(self.t(f"financieel_{s}"), s) for s in (GEEN, *FINANCIEEL)])
        if stap == "bedrag":
            return MessageFactory.text(self.t("vraag_bedrag", soort=self.t(f"financieel_{state['waarden']['financieel']}").lower()))
        invoer, _ = valideer(self._ruw(state), self.rapportage)
        feiten = self.functie.kaarten.feiten(invoer) if invoer else []
        regels = [self.t("samenvatting_kop", onderwerp=self._onderwerp(state["onderwerp_id"]).naam, periode=self._periode(state).naam)]
        regels += [f"- **{f['title']}**: {f['value']}" for f in feiten]
        regels.append(self.t("samenvatting_vraag"))
        return met_keuzes("\n".join(regels), [self.t("knop_bevestigen"), self.t("knop_wijzigen"), self.t("knop_stop")])

    # -- answers -------------------------------------------------------------------------------

    async def _antwoord_onderwerp(self, state: dict, antwoord: str) -> str | None:
        opties = {i: self._onderwerp(i).naam for i in state["onderwerp_ids"]}
        kern = normaliseer(antwoord)
        gekozen = next((i for i, naam in opties.items() if normaliseer(naam) == kern or i == kern), None)
        if gekozen is None and kern.isdigit() and 1 <= int(kern) <= len(opties):
            gekozen = list(opties)[int(kern) - 1]
        if gekozen is None and kern:
            beste = process.extractOne(kern, {i: normaliseer(n) for i, n in opties.items()}, scorer=fuzz.WRatio, score_cutoff=80)
            gekozen = beste[2] if beste else None
        if gekozen is None:
            return self.t("fout_onderwerp_keuze")
        await self._kies_onderwerp(state, gekozen)
        return None

    async def _kies_onderwerp(self, state: dict, onderwerp_id: str) -> None:
        state["onderwerp_id"] = onderwerp_id
        waarden, _ = await self.functie.dienst.voorinvulling(self._periode(state), self._onderwerp(onderwerp_id))
        state["vorige"] = waarden or {}

    async def _antwoord_status(self, state: dict, antwoord: str) -> str | None:
        status = self.rapportage.zoek_status(antwoord)
        if status is None:
            return self.t("fout_status")
        state["waarden"] = {"status": status.id}
        return None

    async def _tekstantwoord(self, state: dict, stap: str, antwoord: str) -> str | None:
        vorige = (state.get("vorige") or {}).get(stap)
        if vorige and normaliseer(antwoord) == normaliseer(self.t("antwoord_zelfde")):
            antwoord = vorige
        if zegt_iets(antwoord) is None:
            return self.t(f"fout_{stap}_verplicht", status=self.rapportage.status(state["waarden"]["status"]).naam)
        if len(antwoord) > MAX_TEKST:
            return self.t("fout_te_lang", maximum=MAX_TEKST)
        state["waarden"][stap] = antwoord
        return None

    async def _antwoord_toelichting(self, state: dict, antwoord: str) -> str | None:
        return await self._tekstantwoord(state, "toelichting", antwoord)

    async def _antwoord_maatregel(self, state: dict, antwoord: str) -> str | None:
        return await self._tekstantwoord(state, "maatregel", antwoord)

    async def _antwoord_financieel(self, state: dict, antwoord: str) -> str | None:
        kern = normaliseer(antwoord)
        for soort in (GEEN, *FINANCIEEL):
            if kern in (soort, normaliseer(self.t(f"financieel_{soort}"))):
                state["waarden"]["financieel"] = soort
                return None
        if kern in ("nee", "nvt", "n v t", "niets"):
            state["waarden"]["financieel"] = GEEN
            return None
        return self.t("fout_financieel")

    async def _antwoord_bedrag(self, state: dict, antwoord: str) -> str | None:
        maximum = self.rapportage.bedragen.maximum
        try:
            bedrag = lees_bedrag(antwoord, maximum)
        except BedragFout as fout:
            lezingen = twee_lezingen(antwoord) if fout.reden == "dubbelzinnig" else None
            if lezingen is not None:
                return self.t("bedrag_welke", klein=formatteer_bedrag(lezingen[0]), groot=formatteer_bedrag(lezingen[1]))
            return self.t(f"bedrag_{fout.reden}", invoer=letterlijk(antwoord), maximum=formatteer_bedrag(maximum))
        state["waarden"]["bedrag"] = formatteer_bedrag(bedrag)
        return None

    async def _bevestig(self, dc: DialogContext, state: dict, antwoord: str) -> DialogTurnResult:
        kern = normaliseer(antwoord)
        if kern in (normaliseer(self.t("knop_wijzigen")), "wijzig", "nee", "aanpassen"):
            state["vorige"] = {**(state.get("vorige") or {}), **state["waarden"]}
            state["waarden"] = {}
            return await self._vraag(dc)
        if kern not in (normaliseer(self.t("knop_bevestigen")), "ja", "bevestig", "klopt", "ok", "oke", "akkoord", "verstuur"):
            await dc.context.send_activity(self.t("fout_bevestig"))
            return await self._vraag(dc)
        invoer, fouten = valideer(self._ruw(state), self.rapportage)
        if invoer is None:  # cannot happen after the questions, but never save half an update
            await dc.context.send_activity("\n".join(self.functie.fout_tekst(f) for f in fouten))
            state["waarden"] = {}
            return await self._vraag(dc)
        uitkomst = await self.functie.dienst.dien_in(huidige_gebruiker(dc.context), invoer, state["sleutel"])
        if isinstance(uitkomst, Weigering):
            await dc.context.send_activity(self.functie.weigering_tekst(uitkomst))
        else:
            onderwerp = self._onderwerp(invoer.onderwerp_id)
            await self.functie.na_indienen(dc, onderwerp, self._periode(state), uitkomst, invoer.status)
        return await dc.end_dialog()

    # -- helpers -------------------------------------------------------------------------------

    def _ruw(self, state: dict) -> dict[str, Any]:
        return {"onderwerp_id": state.get("onderwerp_id"), "periode_id": state.get("periode_id"), **state["waarden"]}

    def _onderwerp(self, onderwerp_id: str):
        return self.functie.diensten.kennisbank.onderwerpen[onderwerp_id]

    def _periode(self, state: dict):
        return self.rapportage.periode(state["periode_id"])
