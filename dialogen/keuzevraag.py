"""A generic "Bedoelde je A of B?": buttons, and typed answers that work just as well.

A feature adds one `KeuzeDialoog` to its dialogs and starts it with `keuze_opties(...)`:

    await dc.begin_dialog(dialoog.id, keuze_opties([Keuze("Jeugdagenda", "jeugdagenda", "Wie is ...?")],
                                                   context={"intentie": "opdrachtgever.wie"}))

The next message decides, and the choice is forgotten after it (it lives only on the dialog stack):
- a button, "ja" (one candidate), "de eerste", "2", "nummer 12", "de laatste", the name or part of it
  -> `bij_keuze(dc, keuze, context)`; "ja" to several asks which one;
- "nee", "geen van beide", "geen van deze" -> `bij_geen(dc, context)` (the honest answer);
- anything else is a new question -> `bij_andere_vraag(dc, tekst, context)`: never a trap (the
  choice is already gone; a feature typically hands the turn back to ``FeatureServices.opnieuw_routeren``).
Each button sends its `tekst` (a full question), so a click still works after the dialog is gone.
`is_antwoord(dc)` tells the owning feature's `mag_onderbreken` whether the message answers the choice.
A choice that comes up while another dialog waits (a question asked in between, `dialogen.tussenvraag`
sets `ALLEEN_KNOPPEN`) is offered as buttons only, with `knoppen_tekst`, and not waited for: a typed
"nee" or "de eerste" then answers the dialog that waits, so the text does not invite them.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.dialogs import Dialog, DialogContext, DialogTurnResult, DialogTurnStatus
from botbuilder.schema import ActionTypes, CardAction, HeroCard
from rapidfuzz import fuzz

from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

GEEN = -1
"""`kies` result: the user says none of these is meant."""
WELKE = -2
"""`kies` result: "ja" while there are several: ask which one (the choice stays one more message)."""
ALLEEN_KNOPPEN = "sturingsbot.alleen_knoppen"
"""`turn_state` key: a choice started now is offered as buttons only, not waited for (another dialog waits)."""


@dataclass(frozen=True)
class Keuze:
    titel: str
    """What the button shows, e.g. an onderwerp's name."""
    waarde: str
    """What the feature needs back, e.g. the onderwerp id."""
    tekst: str
    """What a click sends: a full question, so it also works without the dialog."""


_NEE = re.compile(
    r"^(?:nee|neen|nope|nee hoor|nee dank ?je|geen(?: van (?:beide|beiden|allen|allebei|deze|die|alle))?"
    r"|geen een|niet|niets|geen idee|geen van de twee|allebei niet|beide niet|ook niet|nee geen van beide"
    r"|nee (?:geen|niet) (?:van )?(?:beide|deze|die)|iets anders|anders)$"
)
_JA = re.compile(
    r"^(?:ja|jazeker|jawel|yes|jep|jup|klopt|precies|correct|ja klopt|ja graag|ja die|dat bedoel ik|ja dat bedoel ik|graag|ok|oke|okay)$"
)
_RANG = {
    "eerste": 0, "1e": 0, "een": 0, "1": 0, "tweede": 1, "2e": 1, "twee": 1, "2": 1, "derde": 2, "3e": 2,
    "drie": 2, "3": 2, "vierde": 3, "4e": 3, "vier": 3, "4": 3, "vijfde": 4, "5e": 4, "vijf": 4, "5": 4,
}  # fmt: skip
_RANG_VULWOORDEN = frozenset("de het die nummer nr optie keuze knop ja graag bedoel ik is doe maar geef".split())


def kies(tekst: str, keuzes: list[Keuze]) -> int | None:
    """Index of the chosen Keuze, `GEEN`, or None when `tekst` is not an answer to the choice."""
    gewoon = normaliseer(tekst)
    if not gewoon or not keuzes:
        return None
    for nummer, keuze in enumerate(keuzes):
        if gewoon == normaliseer(keuze.tekst) or gewoon == normaliseer(keuze.titel):
            return nummer
    if _NEE.match(gewoon):
        return GEEN
    if _JA.match(gewoon):
        return 0 if len(keuzes) == 1 else WELKE
    woorden = gewoon.split()
    rangen = [r for w in woorden if (r := _rang(w)) is not None]
    if "laatste" in woorden:
        rangen.append(len(keuzes) - 1)
    if len(rangen) == 1 and all(_rang(w) is not None or w == "laatste" or w in _RANG_VULWOORDEN for w in woorden):
        return rangen[0] if 0 <= rangen[0] < len(keuzes) else None
    return _op_naam(gewoon, keuzes)


def _rang(woord: str) -> int | None:
    """Index a word names: "tweede", "2e", "twee" or any number ("12" in a long numbered list)."""
    if woord in _RANG:
        return _RANG[woord]
    return int(woord) - 1 if woord.isdigit() and len(woord) <= 3 else None


def _op_naam(gewoon: str, keuzes: list[Keuze]) -> int | None:
    """The name or a telling part of it ("jeugd" for "Jeugdagenda", "de sociale")."""
    inhoud = " ".join(w for w in gewoon.split() if w not in STOPWOORDEN and w not in _RANG_VULWOORDEN)
    if len(inhoud) < 3:
        return None
    scores = []
    for keuze in keuzes:
        naam = normaliseer(keuze.titel)
        if len(inhoud.split()) > len(naam.split()) + 2:
            scores.append(0.0)  # a longer sentence is a new question, not a choice
        elif inhoud in naam or inhoud.replace(" ", "") in naam.replace(" ", ""):
            scores.append(100.0)
        else:
            scores.append(max(fuzz.ratio(inhoud, naam), fuzz.partial_ratio(inhoud, naam) if len(inhoud) >= 5 else 0))
    beste = max(scores)
    if beste < 85 or scores.count(beste) > 1:
        return None
    return scores.index(beste)


def keuze_opties(keuzes: list[Keuze], *, context: dict[str, Any] | None = None, vraag: str | None = None) -> dict[str, Any]:
    """Options for `dc.begin_dialog(KeuzeDialoog.id, ...)`; `context` comes back in the callbacks."""
    return {"keuzes": [asdict(k) for k in keuzes], "context": context or {}, "vraag": vraag}


class KeuzeDialoog(Dialog):
    """Asks once, decides on the next message, then ends: the choice never outlives one message."""

    def __init__(
        self,
        dialoog_id: str,
        *,
        vraag_tekst: Callable[[int], str],
        welke_tekst: Callable[[], str] | None = None,
        bij_keuze: Callable[[DialogContext, Keuze, dict[str, Any]], Awaitable[None]],
        bij_geen: Callable[[DialogContext, dict[str, Any]], Awaitable[None]],
        bij_andere_vraag: Callable[[DialogContext, str, dict[str, Any]], Awaitable[None]],
        knoppen_tekst: Callable[[int], str] | None = None,
    ) -> None:
        super().__init__(dialoog_id)
        self._vraag_tekst = vraag_tekst
        self._knoppen_tekst = knoppen_tekst or vraag_tekst
        self._welke_tekst = welke_tekst
        self._bij_keuze = bij_keuze
        self._bij_geen = bij_geen
        self._bij_andere_vraag = bij_andere_vraag

    async def begin_dialog(self, dc: DialogContext, options: object = None) -> DialogTurnResult:
        opties: dict[str, Any] = dict(options) if isinstance(options, dict) else {}
        dc.active_dialog.state["keuzes"] = opties.get("keuzes", [])
        dc.active_dialog.state["context"] = opties.get("context", {})
        dc.active_dialog.state["vraag"] = opties.get("vraag")
        dc.active_dialog.state["options"] = opties  # restart rule: "opnieuw" asks the same choice again
        if dc.context.turn_state.get(ALLEEN_KNOPPEN):  # another dialog waits: its question comes next
            keuzes = self.keuzes(dc)
            await dc.context.send_activity(self._maak_kaart(keuzes, self._knoppen_tekst(len(keuzes))))
            return await dc.end_dialog()
        await dc.context.send_activity(self.kaart(dc))
        return Dialog.end_of_turn

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        keuzes = self.keuzes(dc)
        context = dict(dc.active_dialog.state.get("context") or {})
        tekst = (dc.context.activity.text or "").strip()
        gekozen = kies(tekst, keuzes)
        if gekozen == WELKE:  # "ja" to several: which one? (asked once; the next message decides)
            dc.active_dialog.state["vraag"] = self._welke_tekst() if self._welke_tekst else None
            await dc.context.send_activity(self.kaart(dc))
            return Dialog.end_of_turn
        await dc.end_dialog()
        if gekozen is None:
            await self._bij_andere_vraag(dc, tekst, context)
        elif gekozen == GEEN:
            await self._bij_geen(dc, context)
        else:
            await self._bij_keuze(dc, keuzes[gekozen], context)
        return DialogTurnResult(DialogTurnStatus.Waiting if dc.active_dialog else DialogTurnStatus.Complete)

    async def reprompt_dialog(self, context, instance) -> None:  # "help" while the choice waits
        keuzes = [Keuze(**k) for k in instance.state.get("keuzes", [])]
        await context.send_activity(self._maak_kaart(keuzes, instance.state.get("vraag")))

    def kaart(self, dc: DialogContext):
        return self._maak_kaart(self.keuzes(dc), dc.active_dialog.state.get("vraag"))

    def _maak_kaart(self, keuzes: list[Keuze], vraag: str | None):
        knoppen = [CardAction(type=ActionTypes.im_back, title=k.titel, value=k.tekst) for k in keuzes]
        kaart = HeroCard(text=vraag or self._vraag_tekst(len(keuzes)), buttons=knoppen)
        return MessageFactory.attachment(CardFactory.hero_card(kaart))

    @staticmethod
    def keuzes(dc: DialogContext) -> list[Keuze]:
        return [Keuze(**k) for k in dc.active_dialog.state.get("keuzes", [])]

    def is_antwoord(self, dc: DialogContext) -> bool:
        """Does the current message answer the waiting choice (so no other feature may take it)?"""
        if dc.active_dialog is None or dc.active_dialog.id != self.id:
            return False
        return kies(dc.context.activity.text or "", self.keuzes(dc)) is not None
