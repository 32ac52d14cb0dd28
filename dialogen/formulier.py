"""One form layer: a form is a declaration of slots; one generic text dialog asks them and one card
renderer draws them as inputs (issue 13).

A `Slot` has a question, a parser (`lees`: typed text -> `Gelezen`), and a "needed when" rule
(`nodig`). A feature declares its form as a `Formulier` (which slots, given what is known so far,
and what happens when every needed slot has an answer) and adds one `FormulierDialoog` to its
dialogs. The same slots render the Adaptive Card inputs (`kaartvelden`).

The text dialog forgives (texts in `dialogen/teksten/formulier.yaml`):
- "terug" goes back one question; "vraag 2 moest ja zijn" corrects an earlier answer in place;
- "weet ik niet" is an answer where the slot allows it (`weet_niet`), else it is asked again;
- natural ja/nee ("klopt", "nee hoor", "welnee", "ja, er zijn veel partijen bij betrokken");
- a command rule of another intent ("mijn checks") is never taken as a free-text answer: before the
  first answer the form steps aside and the message is routed as usual; later the question stays;
- "stop" parks the answers (`parkeer`, called by the feature's `bij_stop`); the next start offers
  to continue (`geparkeerd`), and "opnieuw" starts fresh;
- choices are numbered wherever a number may be typed, so "typ het nummer" is never said blind, and
  a typed choice is read like every other choice in the bot (`dialogen.keuzevraag.kies`: "2",
  "de eerste", the name or a telling part of it);
- one answer may fill later slots too (`Gelezen.ook`);
- a question asked in between is answered and the same question is asked again ("We gaan verder met
  de check."), every answer kept (`dialogen.tussenvraag`): a message the step cannot read that is
  a confident question of another kind; at a free-text step, where any text is an answer, a plain
  question is held and asked back ("Is dit je antwoord op de vraag, of wil je dat ik dit
  beantwoord?"), then taken as the answer or answered, as the user says. Each form names itself
  for this in its feature's texts: `<form id>_naam` ("bestuursopdracht.check_naam": "de check").
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from botbuilder.core import MessageFactory, StatePropertyAccessor, TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogInstance, DialogTurnResult
from botbuilder.schema import Activity

from dialogen import keuzevraag
from dialogen.featureservices import Tussenvragen
from dialogen.kaarteigenaar import VOOR, van_afzender
from dialogen.kaarten import berichten_met_keuzes, knoptitel, met_keuzes
from dialogen.keuzevraag import Keuze
from dialogen.teksten import Teksten
from kennisbank.zoeken.normaliseren import normaliseer

HERKEND = "sturingsbot.herkend"
"""`turn_state` key where the root leaves what it recognised in this message (`dialogen.turnrouter`)."""
GEPARKEERD = "Geparkeerd"
"""The conversation-state property that holds stopped forms by form id (`FeatureServices.parkeerplaats`)."""
TEKST, JANEE, KEUZE = "tekst", "janee", "keuze"
WEET_NIET = "__weet_niet__"
"""Stored answer of a slot answered with "weet ik niet"."""
VASTGEHOUDEN = "vastgehouden"
"""Dialog state key: a free-text answer that reads as a question, held while the form asks which it is."""
_VRAAG_NUMMER = re.compile(r"\bvraag (\d{1,2})\b")
_EERSTE_ZIN = re.compile(r"[,;.!?:]")


@dataclass(frozen=True)
class Gelezen:
    """What a parser read: a value, or a Dutch message why not (`fout`)."""

    waarde: Any = None
    fout: str | None = None
    ook: dict[str, Any] = field(default_factory=dict)
    """Answers to other slots the same text gives ("meningsverschil met een ander team" at "waar gaat
    het over?" names the situation too); those questions are then not asked."""


def altijd(_: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Slot:
    naam: str
    """Key of the answer, and the id of its card input."""
    vraag: str
    """The question in the text dialog (Dutch, rendered)."""
    lees: Callable[[str], Gelezen]
    soort: str = TEKST
    keuzes: tuple[tuple[str, str], ...] = ()
    """(title, value) for KEUZE slots."""
    nodig: Callable[[dict[str, Any]], bool] = altijd
    """Whether this slot is asked, given the answers so far."""
    weet_niet: bool = False
    titel: str = ""
    """Short label: the card's input label or toggle title."""
    uitleg: str = ""
    """Subtle help under the input on the card."""
    meerregelig: bool = False
    max_lengte: int | None = None
    placeholder: str = ""
    stijl: str = "compact"
    vrij: bool = False
    """A free-text answer: a command typed here is not taken as the answer."""
    suggesties: tuple[str, ...] = ()
    """Buttons with a ready answer for a TEKST slot (e.g. "Geen notitie")."""
    genummerd: bool = False
    """KEUZE: list the choices with numbers in the text (long lists), and say a number may be typed."""
    verplicht: bool = False
    foutmelding: str = ""
    """Card: the input is required, with this message when empty."""


class Formulier(Protocol):
    id: str

    def slots(self, state: dict[str, Any]) -> list[Slot]:
        """The form's slots, given the dialog state (`state["antwoorden"]`, `state["context"]`)."""

    async def klaar(self, dc: DialogContext, state: dict[str, Any]) -> DialogTurnResult:
        """Every needed slot has an answer: finish (store, summarise, confirm...)."""

    async def voor_vraag(self, dc: DialogContext, state: dict[str, Any], slot: Slot) -> DialogTurnResult | None:
        """Before `slot` is asked: send an introduction or a card, or change the answers (then the
        next slot is computed again). A result instead of None ends the turn without the question."""

    def stap_opzij(self, state: dict[str, Any]) -> bool:
        """Whether an answer the slot cannot read is a new question rather than a wrong answer
        (e.g. while the card is open: "ja" answers, "wie is de ao van X?" is routed as usual)."""


@dataclass
class Woorden:
    """The form layer's word lists and texts (`dialogen/teksten/formulier.yaml`)."""

    teksten: Teksten
    _cache: dict[str, set[str]] = field(default_factory=dict)

    def lijst(self, sleutel: str) -> set[str]:
        if sleutel not in self._cache:
            self._cache[sleutel] = {normaliseer(w) for w in self.teksten.lijst(f"formulier.{sleutel}")}
        return self._cache[sleutel]

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"formulier.{sleutel}", **velden)

    def weet_niet(self, tekst: str) -> bool:
        return normaliseer(tekst) in self.lijst("weet_niet_woorden")

    def terug(self, tekst: str) -> bool:
        return normaliseer(tekst) in self.lijst("terug_woorden")

    def ja_of_nee(self, tekst: str | None) -> bool | None:
        """Natural yes/no: the whole answer, its first clause ("ja, er zijn …") or first word."""
        tekst = tekst or ""
        kandidaten = [normaliseer(tekst), normaliseer(_EERSTE_ZIN.split(tekst, 1)[0])]
        eerste = kandidaten[1].split(" ", 1)[0] if kandidaten[1] else ""
        ja, nee = self.lijst("ja_woorden"), self.lijst("nee_woorden")
        for kandidaat in kandidaten:
            if kandidaat in nee:
                return False
            if kandidaat in ja:
                return True
        if eerste in self.lijst("ja_begin"):
            return True
        if eerste in self.lijst("nee_begin"):
            return False
        return None


def volgende(slots: list[Slot], antwoorden: dict[str, Any]) -> Slot | None:
    """The first needed slot without an answer."""
    return next((s for s in slots if s.nodig(antwoorden) and s.naam not in antwoorden), None)


def genummerd(slot: Slot) -> str:
    """The choices of a KEUZE slot as numbered lines (so a typed number is meaningful)."""
    return "\n".join(f"{n}. {titel}" for n, (titel, _) in enumerate(slot.keuzes, 1))


def kies(slot: Slot, tekst: str) -> str | None:
    """The value of a KEUZE slot for a typed answer, read like every choice (`dialogen.keuzevraag.kies`):
    its title or value, "2", "de eerste", "de laatste", or a telling part of the title."""
    keuzes = [Keuze(titel, waarde, waarde) for titel, waarde in slot.keuzes]
    gekozen = keuzevraag.kies(tekst, keuzes)
    return keuzes[gekozen].waarde if gekozen is not None and gekozen >= 0 else None


class FormulierDialoog(Dialog):
    """The generic text dialog of one form. State: `context` (the feature's data), `antwoorden`
    (slot -> value), `volgorde` (answered slots in order, for "terug"), `options` (for "opnieuw")."""

    def __init__(
        self,
        formulier: Formulier,
        teksten: Teksten,
        parkeerplaats: StatePropertyAccessor,
        opnieuw_routeren: Callable[[], Callable[[TurnContext], Awaitable[None]] | None],
        tussenvragen: Callable[[], Tussenvragen | None] = lambda: None,
    ) -> None:
        super().__init__(formulier.id)
        self.formulier = formulier
        self.woorden = Woorden(teksten)
        self._parkeerplaats = parkeerplaats
        self._opnieuw_routeren = opnieuw_routeren
        self._tussenvragen = tussenvragen

    # -- lifecycle -----------------------------------------------------------------------------

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        opties = dict(options) if isinstance(options, dict) else {}
        state = dc.active_dialog.state
        hervat = opties.pop("hervat", None)
        opties_stil = opties.pop("stil", False)
        if isinstance(hervat, dict):
            state.update(hervat)
            await dc.context.send_activity(self.woorden.t("hervat", aantal=len(state.get("volgorde") or [])))
        else:
            state.update(context=dict(opties.get("context") or {}), antwoorden=dict(opties.get("antwoorden") or {}), volgorde=[])
            state["options"] = opties
        await self.vergeet(dc.context)
        if opties_stil:  # a card was just sent: wait for a typed answer without asking
            return Dialog.end_of_turn
        return await self._verder(dc)

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        tekst = (dc.context.activity.text or "").strip()
        slots = self.formulier.slots(state)
        slot = volgende(slots, state["antwoorden"])
        if slot is None:  # answered meanwhile (e.g. kader changed): finish
            return await self._verder(dc)
        vastgehouden, bevestigd = state.pop(VASTGEHOUDEN, None), False
        if vastgehouden is not None:  # "Is dit je antwoord op de vraag, of ...?"
            bedoeld = self._bedoeld(tekst, vastgehouden)
            if bedoeld is False:
                return await self._tussendoor(dc, vastgehouden)
            if bedoeld is True:
                tekst, bevestigd = vastgehouden, True
        if slot.vrij and self._is_commando(dc.context) and not bevestigd:
            if not state["antwoorden"] and self._opnieuw_routeren() is not None:
                return await self._stap_opzij(dc)  # nothing typed yet: the message is routed as usual
            await dc.context.send_activity(self.woorden.t("commando_geen_antwoord"))
            return await self.vraag(dc)
        if self.woorden.terug(tekst):
            if state["volgorde"]:
                vorige = state["volgorde"].pop()
                state["antwoorden"].pop(vorige, None)
            else:
                await dc.context.send_activity(self.woorden.t("al_bij_eerste"))
            return await self.vraag(dc)
        correctie = self._correctie(slots, state, tekst)
        if correctie is not None:
            await dc.context.send_activity(correctie)
            return await self._verder(dc)
        if slot.weet_niet and self.woorden.weet_niet(tekst):
            self._zet(state, slot.naam, WEET_NIET)
            return await self._verder(dc)
        gelezen = self._lees(slot, tekst)
        if gelezen.fout is not None and self._is_tussenvraag(dc, tekst, vrij=False):
            return await self._tussendoor(dc, tekst)
        if gelezen.fout is not None and self.formulier.stap_opzij(state) and self._opnieuw_routeren() is not None:
            return await self._stap_opzij(dc)
        if gelezen.fout is not None:
            await dc.context.send_activity(gelezen.fout)
            return await self.vraag(dc)
        if slot.soort == TEKST and slot.vrij and not bevestigd and self._is_tussenvraag(dc, tekst, vrij=True):
            if self._van_een_ander(dc, state):  # a colleague in a group chat: never this step's answer
                return await self._tussendoor(dc, tekst)
            state[VASTGEHOUDEN] = tekst  # any text answers a free-text step: ask which it is
            await dc.context.send_activity(self._terugvraag())
            return Dialog.end_of_turn
        self._zet(state, slot.naam, gelezen.waarde)
        for naam, waarde in gelezen.ook.items():  # in the order, so "terug" undoes them one by one
            self._zet(state, naam, waarde)
        return await self._verder(dc)

    def is_antwoord(self, dc: DialogContext) -> bool:
        """Does the current message answer the waiting step (a choice, ja/nee, a date, "weet ik niet",
        "terug")? Then no other feature may take it, however confident the recogniser is about it
        ("de laatste" is a choice here, not a question about the latest update). A free-text step reads
        anything, so it says no: there the router's and the step's own rules decide."""
        if dc.active_dialog is None or dc.active_dialog.id != self.id:
            return False
        state = dc.active_dialog.state
        slot = volgende(self.formulier.slots(state), state.get("antwoorden") or {})
        tekst = (dc.context.activity.text or "").strip()
        if slot is None or slot.vrij or not tekst or VASTGEHOUDEN in state:
            return False
        if self.woorden.terug(tekst) or (slot.weet_niet and self.woorden.weet_niet(tekst)):
            return True
        return self._lees(slot, tekst).fout is None

    async def reprompt_dialog(self, context: TurnContext, instance: DialogInstance) -> None:
        if self.formulier.stap_opzij(instance.state):
            return  # the open card is the question; after "help" it need not be asked in text
        if VASTGEHOUDEN in instance.state:  # "Is dit je antwoord op de vraag, of ...?" still stands
            await context.send_activity(self._terugvraag())
            return
        slot = volgende(self.formulier.slots(instance.state), instance.state["antwoorden"])
        if slot is not None:
            await context.send_activities(self.vraagberichten(slot, instance.state))

    # -- a question asked in between (dialogen.tussenvraag) --------------------------------------

    def _is_tussenvraag(self, dc: DialogContext, tekst: str, *, vrij: bool) -> bool:
        tussenvragen = self._tussenvragen()
        return tussenvragen is not None and tussenvragen.is_tussenvraag(dc.context, tekst, vrij=vrij)

    async def _tussendoor(self, dc: DialogContext, tekst: str) -> DialogTurnResult:
        """Answer `tekst` aside, then ask the waiting question again; the answers so far stay."""
        tussenvragen = self._tussenvragen()
        assert tussenvragen is not None  # only called after `_is_tussenvraag` or a held question
        await tussenvragen.beantwoord(dc.context, tekst, wachtend=self.id)
        state = dc.active_dialog.state
        slot = volgende(self.formulier.slots(state), state["antwoorden"])
        if slot is None:
            return await self._verder(dc)
        if self.formulier.stap_opzij(state):
            return Dialog.end_of_turn  # the open card is the question; typed answers still continue it
        verder = self.woorden.t("verder_met", wat=self.woorden.teksten.tekst(f"{self.id}_naam"))
        await dc.context.send_activities(self.vraagberichten(replace(slot, vraag=f"{verder}\n\n{slot.vraag}"), state))
        return Dialog.end_of_turn

    @staticmethod
    def _van_een_ander(dc: DialogContext, state: dict[str, Any]) -> bool:
        """The form is someone's (`context["voor"]`, a group chat) and this message is someone else's."""
        voor = state["context"].get(VOOR)
        return bool(voor) and not van_afzender(dc.context, {VOOR: voor})

    def _terugvraag(self) -> Activity:
        """ "Is dit je antwoord op de vraag, of wil je dat ik dit beantwoord?" with a button for each."""
        knoppen = [self.woorden.t("knop_mijn_antwoord"), self.woorden.t("knop_beantwoord")]
        return met_keuzes(self.woorden.t("terugvraag"), knoppen)

    def _bedoeld(self, tekst: str, vastgehouden: str) -> bool | None:
        """The reply to the question back: True (it was the answer), False (a question to answer),
        None (neither: something new, read as usual)."""
        gewoon = normaliseer(tekst)
        if gewoon == normaliseer(vastgehouden) or gewoon in self.woorden.lijst("beantwoord_woorden"):
            return False
        if gewoon in self.woorden.lijst("mijn_antwoord_woorden"):
            return True
        return self.woorden.ja_of_nee(tekst)  # "Is dit je antwoord?" ja / nee

    async def _stap_opzij(self, dc: DialogContext) -> DialogTurnResult:
        """End this form and hand the message to the root's routing, as if no form were waiting."""
        await dc.end_dialog()
        routeer = self._opnieuw_routeren()
        assert routeer is not None
        await routeer(dc.context)
        return Dialog.end_of_turn

    # -- parking (stop keeps the answers) ------------------------------------------------------

    async def parkeer(self, dc: DialogContext) -> bool:
        """Keep this form's answers for later; True when there was something to keep."""
        state = dc.active_dialog.state if dc.active_dialog and dc.active_dialog.id == self.id else None
        if not state or not state.get("antwoorden"):
            return False
        geparkeerd = await self._parkeerplaats.get(dc.context, dict)
        geparkeerd[self.id] = {k: state[k] for k in ("context", "antwoorden", "volgorde", "options") if k in state}
        await self._parkeerplaats.set(dc.context, geparkeerd)
        return True

    async def geparkeerd(self, context: TurnContext) -> dict[str, Any] | None:
        return (await self._parkeerplaats.get(context, dict)).get(self.id)

    async def vergeet(self, context: TurnContext) -> None:
        geparkeerd = await self._parkeerplaats.get(context, dict)
        if self.id in geparkeerd:
            geparkeerd.pop(self.id)
            await self._parkeerplaats.set(context, geparkeerd)

    # -- helpers -------------------------------------------------------------------------------

    def _is_commando(self, context: TurnContext) -> bool:
        herkend = context.turn_state.get(HERKEND)
        return bool(herkend is not None and herkend.door_regel and herkend.feature != "algemeen")

    def _lees(self, slot: Slot, tekst: str) -> Gelezen:
        if slot.soort == KEUZE:
            waarde = kies(slot, tekst)
            if waarde is not None:
                return Gelezen(waarde)
        return slot.lees(tekst)

    def _zet(self, state: dict[str, Any], naam: str, waarde: Any) -> None:
        state["antwoorden"][naam] = waarde
        if naam in state["volgorde"]:
            state["volgorde"].remove(naam)
        state["volgorde"].append(naam)

    def _correctie(self, slots: list[Slot], state: dict[str, Any], tekst: str) -> str | None:
        """ "oeps, vraag 2 moest ja zijn": set an earlier answer; the current question stays."""
        gevonden = _VRAAG_NUMMER.search(normaliseer(tekst))
        if gevonden is None:
            return None
        genummerde = [s for s in slots if s.soort == JANEE]
        nummer = int(gevonden.group(1))
        if not 1 <= nummer <= len(genummerde):
            return self.woorden.t("geen_vraag", nummer=nummer, aantal=len(genummerde))
        slot = genummerde[nummer - 1]
        if slot.naam not in state["antwoorden"]:
            return self.woorden.t("nog_niet_gevraagd", nummer=nummer)
        rest = normaliseer(tekst)[gevonden.end() :]
        if self.woorden.weet_niet(rest.removeprefix("moest ").removesuffix(" zijn")) and slot.weet_niet:
            waarde: Any = WEET_NIET
        else:
            waarde = self.woorden.ja_of_nee(" ".join(w for w in rest.split() if w not in self.woorden.lijst("vulwoorden")))
        if waarde is None:
            return self.woorden.t("correctie_onduidelijk", nummer=nummer)
        state["antwoorden"][slot.naam] = waarde
        return self.woorden.t("gecorrigeerd", nummer=nummer, antwoord=self.antwoordtekst(waarde))

    def antwoordtekst(self, waarde: Any) -> str:
        if waarde is True:
            return self.woorden.t("ja")
        if waarde is False:
            return self.woorden.t("nee")
        if waarde == WEET_NIET:
            return self.woorden.t("weet_niet")
        return str(waarde)

    async def _verder(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        if volgende(self.formulier.slots(state), state["antwoorden"]) is None:
            return await self.formulier.klaar(dc, state)
        return await self.vraag(dc)

    async def vraag(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        slot: Slot | None = None
        for _ in range(3):  # the hook may change the answers (at most a couple of times)
            slot = volgende(self.formulier.slots(state), state["antwoorden"])
            if slot is None:
                return await self.formulier.klaar(dc, state)
            resultaat = await self.formulier.voor_vraag(dc, state, slot)
            if resultaat is not None:
                return resultaat
            nieuw = volgende(self.formulier.slots(state), state["antwoorden"])
            if nieuw is not None and nieuw.naam == slot.naam:
                slot = nieuw  # the question as the hook left it (e.g. with the previous answer)
                break
        assert slot is not None
        await dc.context.send_activities(self.vraagberichten(slot, state))
        return Dialog.end_of_turn

    def vraagberichten(self, slot: Slot, state: dict[str, Any]) -> list[Activity]:
        """The question with its buttons ("terug" after the first answer). A question whose text holds
        a list (numbered choices, a summary) and its buttons come as two messages: some clients show
        a message with both as raw markdown, and text after a list runs into its last item."""
        extra: list[tuple[str, str]] = []
        if slot.weet_niet:
            extra.append((self.woorden.t("knop_weet_niet"), self.woorden.t("weet_niet")))
        if state.get("volgorde"):
            extra.append((self.woorden.t("knop_terug"), self.woorden.t("terug")))
        tekst, kop = slot.vraag, self.woorden.t("kies_kop")
        if slot.soort == JANEE:
            keuzes = [(self.woorden.t("ja"), self.woorden.t("ja")), (self.woorden.t("nee"), self.woorden.t("nee")), *extra]
        elif slot.soort == KEUZE:
            if slot.genummerd:  # the full titles are in the list; the buttons may be short
                tekst, kop = f"{slot.vraag}\n\n{genummerd(slot)}", self.woorden.t("kies_nummer")
                keuzes = [(knoptitel(titel), titel) for titel, _ in slot.keuzes] + extra
            else:
                keuzes = [(titel, titel) for titel, _ in slot.keuzes] + extra
        else:
            keuzes = [(s, s) for s in slot.suggesties] + extra
        if not keuzes:
            return [MessageFactory.text(tekst)]
        if slot.genummerd:
            return [MessageFactory.text(tekst), met_keuzes(kop, keuzes)]
        return berichten_met_keuzes(tekst, keuzes, kop)


# -- the card: the same slots as inputs ----------------------------------------------------------


def kaartvelden(slots: list[Slot], waarden: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The Adaptive Card inputs of these slots (every slot, whatever `nodig` says: the card shows
    the whole form), prefilled with `waarden` (raw strings as a card submits them)."""
    w = waarden or {}
    velden: list[dict[str, Any]] = []
    for slot in slots:
        if slot.soort == JANEE:
            toggle = {
                "type": "Input.Toggle",
                "id": slot.naam,
                "title": slot.titel or slot.vraag,
                "value": "true" if str(w.get(slot.naam, "")).lower() == "true" else "false",
                "valueOn": "true",
                "valueOff": "false",
                "wrap": True,
            }
            items: list[dict[str, Any]] = [toggle]
            if slot.uitleg:
                items.append(
                    {"type": "TextBlock", "text": slot.uitleg, "wrap": True, "isSubtle": True, "size": "Small", "spacing": "None"}
                )
            velden.append({"type": "Container", "separator": True, "items": items})
        elif slot.soort == KEUZE:
            veld: dict[str, Any] = {
                "type": "Input.ChoiceSet",
                "id": slot.naam,
                "label": slot.titel or slot.vraag,
                "style": slot.stijl,
                "value": str(w.get(slot.naam, "")),
                "choices": [{"title": t, "value": v} for t, v in slot.keuzes],
            }
            if slot.stijl == "expanded":
                veld["wrap"] = True  # long labels wrap instead of being cut off
            velden.append(_verplicht(veld, slot))
        else:
            tekstveld: dict[str, Any] = {
                "type": "Input.Text",
                "id": slot.naam,
                "label": slot.titel or slot.vraag,
                "isMultiline": slot.meerregelig,
                "value": str(w.get(slot.naam, "")),
            }
            if slot.max_lengte:
                tekstveld["maxLength"] = slot.max_lengte
            if slot.placeholder:
                tekstveld["placeholder"] = slot.placeholder
            velden.append(_verplicht(tekstveld, slot))
    return velden


def _verplicht(veld: dict[str, Any], slot: Slot) -> dict[str, Any]:
    if slot.verplicht:
        veld["isRequired"] = True
        if slot.foutmelding:
            veld["errorMessage"] = slot.foutmelding
    return veld
