"""The check as a conversation: name the opdracht, then (cards) one card, or (no cards) one
ja/nee question per criterium, a note, and the result. State lives in the dialog state (stored in
the database), so a check interrupted by a restart of the bot resumes where it was."""

from __future__ import annotations

import uuid
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import (
    DialogTurnResult,
    PromptOptions,
    PromptValidatorContext,
    TextPrompt,
    WaterfallDialog,
    WaterfallStepContext,
)

from dialogen.bestuursopdracht.afronden import MAX_OPDRACHT, Invulling, rond_af
from dialogen.bestuursopdracht.kaart import check_kaart
from dialogen.bestuursopdracht.weergave import Weergave
from dialogen.diensten import Diensten
from dialogen.gebruiker import huidige_gebruiker
from dialogen.kaarteigenaar import VOOR, eigenaar, van_afzender
from dialogen.kaarten import kaarten_mogelijk, met_keuzes
from dialogen.opmaak import letterlijk
from kennisbank.bestuursopdracht import BestuursopdrachtKader, OnbekendCriterium
from kennisbank.model import Onderwerp
from kennisbank.zoeken import OnderwerpGevonden

CHECK = "bestuursopdracht.check"
CRITERIA = "bestuursopdracht.criteria"
OPDRACHT_PROMPT = "bestuursopdracht.opdracht_prompt"
JA_NEE_PROMPT = "bestuursopdracht.ja_nee_prompt"
NOTITIE_PROMPT = "bestuursopdracht.notitie_prompt"
ZOEKER = "zoeker"


def nieuwe_sleutel() -> str:
    return uuid.uuid4().hex


class CheckDialogen:
    """Builds the dialogs of the check; `kader` is read per turn from the kennisbank."""

    def __init__(self, diensten: Diensten) -> None:
        self.diensten = diensten

    @property
    def kader(self) -> BestuursopdrachtKader:
        kader = self.diensten.kennisbank.bestanden.bestuursopdracht
        assert kader is not None, "alleen aangeroepen als bestuursopdracht.yaml bestaat"
        return kader

    def weergave(self) -> Weergave:
        return Weergave(self.diensten, self.kader)

    def dialogen(self) -> list:
        return [
            WaterfallDialog(CHECK, [self._opdracht, self._koppel, self._notitie, self._afronden]),
            WaterfallDialog(CRITERIA, [self._vraag_criterium, self._verwerk_criterium]),
            TextPrompt(OPDRACHT_PROMPT, self._geldige_opdracht),
            TextPrompt(JA_NEE_PROMPT, self._ja_of_nee_gegeven),
            TextPrompt(NOTITIE_PROMPT),
        ]

    # --- helpers shared with the feature ------------------------------------------------------

    def bruikbare_opdracht(self, opdracht: str | None) -> str | None:
        """The opdracht named in the question, unless it is a vague word like 'dit'."""
        opdracht = (opdracht or "").strip()
        if not opdracht or opdracht.lower() in self.weergave().lijst("vage_opdrachten") or len(opdracht) > MAX_OPDRACHT:
            return None
        return opdracht[:1].upper() + opdracht[1:]

    def zoek_onderwerp(self, opdracht: str) -> Onderwerp | None:
        zoeker = self.diensten.extra.get(ZOEKER)
        if zoeker is None:
            return None
        antwoord = zoeker.beantwoord(opdracht, vandaag=self.diensten.klok().date())
        return antwoord.onderwerp if isinstance(antwoord, OnderwerpGevonden) else None

    def ja_of_nee(self, tekst: str | None) -> bool | None:
        woord = " ".join((tekst or "").lower().strip(" .!?").split())
        if woord in self.weergave().lijst("ja_woorden"):
            return True
        if woord in self.weergave().lijst("nee_woorden"):
            return False
        return None

    # --- the check ------------------------------------------------------------------------------

    async def _opdracht(self, stap: WaterfallStepContext) -> DialogTurnResult:
        opties: dict[str, Any] = stap.options or {}
        stap.values[VOOR] = opties.get(VOOR) or eigenaar(huidige_gebruiker(stap.context))  # who asked
        opdracht = self.bruikbare_opdracht(opties.get("opdracht"))
        if opdracht:
            return await stap.next(opdracht)
        w = self.weergave()
        return await stap.prompt(OPDRACHT_PROMPT, PromptOptions(prompt=MessageFactory.text(w.t("vraag_opdracht"))))

    async def _geldige_opdracht(self, prompt: PromptValidatorContext) -> bool:
        tekst = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        w = self.weergave()
        if not tekst:
            await prompt.context.send_activity(w.t("opdracht_leeg"))
            return False
        if len(tekst) > MAX_OPDRACHT:
            await prompt.context.send_activity(w.t("opdracht_te_lang", max=MAX_OPDRACHT))
            return False
        return True

    async def _koppel(self, stap: WaterfallStepContext) -> DialogTurnResult:
        w = self.weergave()
        voor = stap.values.get(VOOR)
        if voor and not van_afzender(stap.context, {VOOR: voor}):  # a colleague in the group chat
            await stap.context.send_activity(w.t("vraag_van_ander"))
            return await stap.replace_dialog(CHECK, {VOOR: voor})
        opdracht = str(stap.result).strip()
        opdracht = opdracht[:1].upper() + opdracht[1:]
        onderwerp = self.zoek_onderwerp(opdracht)
        if kaarten_mogelijk(stap.context):
            kaart = check_kaart(
                w, sleutel=nieuwe_sleutel(), opdracht=opdracht,
                onderwerp_id=onderwerp.id if onderwerp else None, koppeling=w.koppeling(onderwerp),
                voor=voor or eigenaar(huidige_gebruiker(stap.context)),
            )
            await stap.context.send_activity(MessageFactory.attachment(kaart))
            return await stap.end_dialog()
        stap.values.update(
            opdracht=opdracht,
            onderwerp_id=onderwerp.id if onderwerp else None,
            sleutel=nieuwe_sleutel(),
            kenmerk=self.kader.kenmerk,
        )
        await stap.context.send_activity(w.koppeling(onderwerp))
        await stap.context.send_activity(w.t("intro_tekst", totaal=len(self.kader.criteria), opdracht=letterlijk(opdracht)))
        return await stap.begin_dialog(CRITERIA, {"index": 0, "geldend": []})

    async def _notitie(self, stap: WaterfallStepContext) -> DialogTurnResult:
        stap.values["geldend"] = list(stap.result or [])
        w = self.weergave()
        vraag = met_keuzes(w.t("vraag_notitie"), [w.t("geen_notitie")])
        return await stap.prompt(NOTITIE_PROMPT, PromptOptions(prompt=vraag))

    async def _afronden(self, stap: WaterfallStepContext) -> DialogTurnResult:
        w = self.weergave()
        notitie = (stap.result or "").strip()
        if " ".join(notitie.lower().strip(" .!").split()) in w.lijst("geen_notitie_woorden"):
            notitie = ""
        waarden = stap.values
        if waarden["kenmerk"] != self.kader.kenmerk:
            await stap.context.send_activity(w.t("tekst_verouderd"))
            return await stap.replace_dialog(CHECK, {"opdracht": waarden["opdracht"]})
        invulling = Invulling(
            sleutel=waarden["sleutel"],
            opdracht=waarden["opdracht"],
            onderwerp_id=waarden["onderwerp_id"],
            geldend=tuple(waarden["geldend"]),
            notitie=notitie or None,
            kanaal=stap.context.activity.channel_id,
        )
        try:
            afgerond = await rond_af(self.diensten, self.kader, huidige_gebruiker(stap.context), invulling)
        except OnbekendCriterium:
            await stap.context.send_activity(w.t("tekst_verouderd"))
            return await stap.replace_dialog(CHECK, {"opdracht": waarden["opdracht"]})
        await stuur_resultaat(stap.context, w, afgerond, self.diensten)
        return await stap.end_dialog(afgerond.check.id)

    # --- one ja/nee question per criterium ---------------------------------------------------------

    async def _vraag_criterium(self, stap: WaterfallStepContext) -> DialogTurnResult:
        index = int(stap.options["index"])
        criteria = self.kader.criteria
        if index >= len(criteria):  # the kader shrank while the check was paused
            return await stap.end_dialog(stap.options["geldend"])
        criterium = criteria[index]
        w = self.weergave()
        keuzes = [w.t("ja"), w.t("nee")]
        vraag = met_keuzes(
            w.t("criterium_vraag", nummer=index + 1, totaal=len(criteria), tekst=criterium.tekst, uitleg=criterium.uitleg),
            keuzes,
        )
        return await stap.prompt(
            JA_NEE_PROMPT, PromptOptions(prompt=vraag, retry_prompt=met_keuzes(w.t("ja_nee_opnieuw"), keuzes))
        )

    async def _ja_of_nee_gegeven(self, prompt: PromptValidatorContext) -> bool:
        return prompt.recognized.succeeded and self.ja_of_nee(prompt.recognized.value) is not None

    async def _verwerk_criterium(self, stap: WaterfallStepContext) -> DialogTurnResult:
        index = int(stap.options["index"])
        geldend = list(stap.options["geldend"])
        criteria = self.kader.criteria
        if self.ja_of_nee(stap.result) and index < len(criteria):
            geldend.append(criteria[index].id)
        if index + 1 < len(criteria):
            return await stap.replace_dialog(CRITERIA, {"index": index + 1, "geldend": geldend})
        return await stap.end_dialog(geldend)


async def stuur_resultaat(context, w: Weergave, afgerond, diensten: Diensten) -> None:
    """The result (or, for a sleutel stored before, that it was stored already)."""
    if not afgerond.nieuw:
        await context.send_activity(w.al_opgeslagen(afgerond.check))
        return
    check = afgerond.check
    onderwerp = diensten.kennisbank.onderwerpen.get(check.onderwerp_id) if check.onderwerp_id else None
    delen = w.resultaat(afgerond.beoordeling, check.opdracht, onderwerp, check.notitie)
    delen.append(w.t("resultaat_opgeslagen", nummer=check.id, versie=check.criteria_versie))
    await context.send_activity(MessageFactory.text("\n\n".join(delen)))
