"""The check as one form (`dialogen.formulier`): the opdracht's name, one ja/nee/weet-niet slot per
criterium, and a note. In Teams and Web Chat the criteria come as one card (`kaart.check_kaart`,
drawn from the same slots); while the card is open, typed answers still work (the questions then
continue in the chat) and anything else is routed as usual. In the console every slot is asked in
text. State lives in the dialog state (stored in the database), so a check resumes after a restart;
"stop" parks the answers and the next start offers to continue."""

from __future__ import annotations

import uuid
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import Dialog, DialogContext, DialogTurnResult

from dialogen.bestuursopdracht.afronden import MAX_OPDRACHT, Invulling, rond_af
from dialogen.bestuursopdracht.kaart import INPUT_NOTITIE, MAX_NOTITIE, check_kaart, input_id
from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.featureservices import FeatureServices
from dialogen.formulier import JANEE, WEET_NIET, FormulierDialoog, Gelezen, Slot, Woorden
from dialogen.gebruiker import huidige_gebruiker
from dialogen.kaarteigenaar import VOOR, eigenaar, in_groepsgesprek, van_afzender
from dialogen.kaarten import kaarten_mogelijk
from dialogen.opmaak import letterlijk
from kennisbank.bestuursopdracht import BestuursopdrachtKader, OnbekendCriterium
from kennisbank.model import Onderwerp
from kennisbank.zoeken import OnderwerpGevonden
from kennisbank.zoeken.normaliseren import normaliseer

CHECK = "bestuursopdracht.check"
OPDRACHT = "opdracht"


def nieuwe_sleutel() -> str:
    return uuid.uuid4().hex


class CheckDialogen:
    """The check's form; `kader` is read per turn from the kennisbank."""

    id = CHECK

    def __init__(self, diensten: FeatureServices) -> None:
        self.diensten = diensten
        self.dialoog = FormulierDialoog(
            self, diensten.teksten, diensten.parkeerplaats, lambda: diensten.opnieuw_routeren, lambda: diensten.tussenvragen
        )

    @property
    def kader(self) -> BestuursopdrachtKader:
        kader = self.diensten.kennisbank.bestanden.bestuursopdracht
        assert kader is not None, "alleen aangeroepen als bestuursopdracht.yaml bestaat"
        return kader

    def weergave(self) -> CheckWeergave:
        return CheckWeergave(self.diensten, self.kader)

    def dialogen(self) -> list:
        return [self.dialoog]

    # --- helpers shared with the feature ------------------------------------------------------

    def bruikbare_opdracht(self, opdracht: str | None) -> str | None:
        """The opdracht named in the question, unless it is a vague word like 'dit'."""
        opdracht = (opdracht or "").strip()
        if not opdracht or opdracht.lower() in self.weergave().lijst("vage_opdrachten") or len(opdracht) > MAX_OPDRACHT:
            return None
        return opdracht[:1].upper() + opdracht[1:]

    def zoek_onderwerp(self, opdracht: str) -> Onderwerp | None:
        antwoord = self.diensten.zoeker.beantwoord(opdracht, vandaag=self.diensten.klok().date())
        return antwoord.onderwerp if isinstance(antwoord, OnderwerpGevonden) else None

    def ja_of_nee(self, tekst: str | None) -> bool | None:
        return Woorden(self.diensten.teksten).ja_of_nee(tekst)

    async def start(self, dc: DialogContext, opdracht: str | None) -> None:
        """Begin a check, or offer to continue a stopped one (same opdracht or none named)."""
        geparkeerd = await self.dialoog.geparkeerd(dc.context)
        opdracht = self.bruikbare_opdracht(opdracht)
        if geparkeerd and (opdracht is None or normaliseer(opdracht) == normaliseer(geparkeerd["antwoorden"].get(OPDRACHT, ""))):
            await dc.begin_dialog(CHECK, {"hervat": geparkeerd})
            return
        await dc.begin_dialog(
            CHECK,
            {"context": {VOOR: eigenaar(huidige_gebruiker(dc.context))}, "antwoorden": {OPDRACHT: opdracht} if opdracht else {}},
        )

    # --- the form -----------------------------------------------------------------------------

    def slots(self, state: dict[str, Any]) -> list[Slot]:
        w = self.weergave()
        criteria = self.kader.criteria
        antwoorden = state.get("antwoorden", {})
        opdracht = antwoorden.get(OPDRACHT, "")
        slots = [Slot(OPDRACHT, w.t("vraag_opdracht"), self._lees_opdracht, vrij=True)]
        for nummer, criterium in enumerate(criteria, 1):
            slots.append(
                Slot(
                    input_id(criterium.id),
                    w.t("criterium_vraag", nummer=nummer, totaal=len(criteria), tekst=criterium.tekst, uitleg=criterium.uitleg),
                    self._lees_ja_nee,
                    soort=JANEE,
                    weet_niet=True,
                    titel=criterium.tekst,
                    uitleg=criterium.uitleg,
                    nodig=lambda a: OPDRACHT in a,
                )
            )
        slots.append(
            Slot(
                INPUT_NOTITIE,
                w.t("vraag_notitie", opdracht=letterlijk(opdracht)),
                self._lees_notitie,
                vrij=True,
                suggesties=(w.t("geen_notitie"),),
                titel=w.t("kaart_notitie_label"),
                placeholder=w.t("kaart_notitie_hint"),
                meerregelig=True,
                max_lengte=MAX_NOTITIE,
            )
        )
        return slots

    def kaartslots(self) -> list[Slot]:
        """The slots the card shows: the criteria and the note."""
        return [s for s in self.slots({"antwoorden": {OPDRACHT: ""}}) if s.naam != OPDRACHT]

    def _lees_opdracht(self, tekst: str) -> Gelezen:
        w = self.weergave()
        if not tekst.strip():
            return Gelezen(fout=w.t("opdracht_leeg"))
        if len(tekst) > MAX_OPDRACHT:
            return Gelezen(fout=w.t("opdracht_te_lang", max=MAX_OPDRACHT))
        tekst = tekst.strip()
        return Gelezen(tekst[:1].upper() + tekst[1:])

    def _lees_ja_nee(self, tekst: str) -> Gelezen:
        antwoord = self.ja_of_nee(tekst)
        return Gelezen(antwoord) if antwoord is not None else Gelezen(fout=self.weergave().t("ja_nee_opnieuw"))

    def _lees_notitie(self, tekst: str) -> Gelezen:
        w = self.weergave()
        kern = " ".join(tekst.lower().strip(" .!").split())
        if kern in w.lijst("geen_notitie_woorden"):
            return Gelezen("")
        if kern.isdigit() or self.ja_of_nee(tekst) is not None and len(kern.split()) <= 2:
            return Gelezen(fout=w.t("notitie_lijkt_antwoord"))  # "2" or "ja": a stray answer, not a note
        if len(tekst) > MAX_NOTITIE:
            return Gelezen(fout=w.t("notitie_te_lang", max=MAX_NOTITIE))
        return Gelezen(tekst.strip())

    def stap_opzij(self, state: dict[str, Any]) -> bool:
        """With the card open and no criterium answered in the chat, a non-answer is a new question."""
        context = state["context"]
        return bool(context.get("kaart")) and not any(k.startswith("criterium_") for k in state["antwoorden"])

    async def voor_vraag(self, dc: DialogContext, state: dict[str, Any], slot: Slot) -> DialogTurnResult | None:
        context = state["context"]
        if slot.naam == OPDRACHT or context.get("sleutel"):
            return None
        w = self.weergave()
        voor = context.get(VOOR)
        if voor and not van_afzender(dc.context, {VOOR: voor}):  # a colleague answered in the group chat
            await dc.context.send_activity(w.t("vraag_van_ander"))
            state["antwoorden"].pop(OPDRACHT, None)
            return None
        opdracht = state["antwoorden"][OPDRACHT]
        onderwerp = self.zoek_onderwerp(opdracht)
        context.update(sleutel=nieuwe_sleutel(), kenmerk=self.kader.kenmerk, onderwerp_id=onderwerp.id if onderwerp else None)
        if kaarten_mogelijk(dc.context):
            context["kaart"] = True
            kaart = check_kaart(
                w,
                self.kaartslots(),
                sleutel=context["sleutel"],
                opdracht=opdracht,
                onderwerp_id=context["onderwerp_id"],
                koppeling=w.koppeling(onderwerp),
                voor=voor or eigenaar(huidige_gebruiker(dc.context)),
            )
            await dc.context.send_activity(MessageFactory.attachment(kaart))
            if in_groepsgesprek(dc.context):
                return await dc.end_dialog()  # in a group chat a typed "ja" could be a colleague's
            return Dialog.end_of_turn  # the card is open; typed answers still work
        await dc.context.send_activity(w.koppeling(onderwerp))
        await dc.context.send_activity(w.t("intro_tekst", totaal=len(self.kader.criteria), opdracht=letterlijk(opdracht)))
        return None

    async def klaar(self, dc: DialogContext, state: dict[str, Any]) -> DialogTurnResult:
        w = self.weergave()
        antwoorden, context = state["antwoorden"], state["context"]
        if context.get("kenmerk") != self.kader.kenmerk:
            await dc.context.send_activity(w.t("tekst_verouderd"))
            return await dc.replace_dialog(
                CHECK, {"context": {VOOR: context.get(VOOR)}, "antwoorden": {OPDRACHT: antwoorden[OPDRACHT]}}
            )
        geldend = tuple(c.id for c in self.kader.criteria if antwoorden.get(input_id(c.id)) is True)
        onbekend = [c for c in self.kader.criteria if antwoorden.get(input_id(c.id)) == WEET_NIET]
        invulling = Invulling(
            sleutel=context["sleutel"],
            opdracht=antwoorden[OPDRACHT],
            onderwerp_id=context.get("onderwerp_id"),
            geldend=geldend,
            notitie=antwoorden.get(INPUT_NOTITIE) or None,
            kanaal=dc.context.activity.channel_id,
        )
        try:
            afgerond = await rond_af(self.diensten, self.kader, huidige_gebruiker(dc.context), invulling)
        except OnbekendCriterium:
            await dc.context.send_activity(w.t("tekst_verouderd"))
            return await dc.replace_dialog(
                CHECK, {"context": {VOOR: context.get(VOOR)}, "antwoorden": {OPDRACHT: antwoorden[OPDRACHT]}}
            )
        await stuur_resultaat(dc.context, w, afgerond, self.diensten, onbekend=[c.tekst for c in onbekend])
        return await dc.end_dialog(afgerond.check.id)


async def stuur_resultaat(
    context, w: CheckWeergave, afgerond, diensten: FeatureServices, onbekend: list[str] | None = None
) -> None:
    """The result (or, for a sleutel stored before, that it was stored already)."""
    if not afgerond.nieuw:
        await context.send_activity(w.al_opgeslagen(afgerond.check))
        return
    check = afgerond.check
    onderwerp = diensten.kennisbank.onderwerpen.get(check.onderwerp_id) if check.onderwerp_id else None
    delen = w.resultaat(afgerond.beoordeling, check.opdracht, onderwerp, check.notitie)
    if onbekend:
        delen.append("\n".join([w.t("resultaat_weet_niet", aantal=len(onbekend)), *(f"- {c}" for c in onbekend)]))
    delen.append(w.t("resultaat_opgeslagen", nummer=check.id, versie=check.criteria_versie))
    await context.send_activity(MessageFactory.text("\n\n".join(delen)))
