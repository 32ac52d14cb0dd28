"""The root of every conversation turn: card actions, stop/opnieuw/help, the active dialog,
or a newly recognised intent handed to its feature."""

from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import ConversationState, MessageFactory, TurnContext
from botbuilder.dialogs import DialogContext, DialogSet

from dialogen.diensten import Diensten
from dialogen.functie import Functie
from dialogen.herkenning import TERUGVAL, Herkend, Herkenner
from dialogen.invoercontrole import weigering

log = logging.getLogger(__name__)

ALGEMEEN = "algemeen"


class Gesprek:
    def __init__(
        self,
        diensten: Diensten,
        functies: list[Functie],
        conversation_state: ConversationState,
        herkenner: Herkenner,
    ) -> None:
        self.diensten = diensten
        self.functies = {functie.naam: functie for functie in functies}
        self.herkenner = herkenner
        self.dialogen = DialogSet(conversation_state.create_property("DialogState"))
        self._eigenaar: dict[str, Functie] = {}
        for functie in functies:
            for dialoog in functie.dialogen():
                self.dialogen.add(dialoog)
                self._eigenaar[dialoog.id] = functie

    async def verwerk(self, turn_context: TurnContext) -> None:
        """Handle one incoming message (text or card submit)."""
        dc = await self.dialogen.create_context(turn_context)
        waarde = turn_context.activity.value
        if (geweigerd := weigering(turn_context.activity.text, waarde)) is not None:
            await turn_context.send_activity(self._tekst(geweigerd[0], **geweigerd[1]))
            if dc.active_dialog is not None:
                await dc.reprompt_dialog()  # the waiting dialog and its answers stay as they were
            return
        if isinstance(waarde, dict) and isinstance(waarde.get("actie"), str):
            await self._behandel_actie(dc, waarde)
            return
        tekst = (turn_context.activity.text or "").strip()
        if not tekst:
            if dc.active_dialog is not None:
                await dc.reprompt_dialog()  # the question still stands
            else:
                await turn_context.send_activity(self._tekst("algemeen.leeg_bericht"))
            return
        herkend = self.herkenner.herken(tekst)
        if herkend.functie == ALGEMEEN:
            await self._behandel_algemeen(dc, herkend)
        elif dc.active_dialog is not None and not self._onderbreekt(dc, herkend):
            # A waiting dialog gets the text as its answer: switching away could lose what the user
            # entered so far. "stop" and "opnieuw" are always available.
            await dc.continue_dialog()
        else:
            if dc.active_dialog is not None:
                await dc.cancel_all_dialogs()
            await self._functie(herkend.functie).behandel(dc, herkend)

    async def stuur_welkom(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(self._tekst("algemeen.welkom"))

    async def stuur_hulp(self, turn_context: TurnContext) -> None:
        regels = [self._tekst("algemeen.hulp_titel"), self._tekst("algemeen.hulp")]
        for naam in self.functies:
            if self.diensten.teksten.heeft(f"{naam}.hulp"):
                regels.append(self._tekst(f"{naam}.hulp"))
        regels.append(self._tekst("algemeen.hulp_slot"))
        await turn_context.send_activity(MessageFactory.text("\n".join(regels)))

    def _onderbreekt(self, dc: DialogContext, herkend: Herkend) -> bool:
        """Another feature's command ends a waiting dialog only where its owner allows it."""
        eigenaar = self._eigenaar.get(dc.stack[-1].id)
        if eigenaar is None or herkend.intentie == TERUGVAL or herkend.functie == eigenaar.naam:
            return False
        return eigenaar.mag_onderbreken(dc)

    async def _behandel_algemeen(self, dc: DialogContext, herkend: Herkend) -> None:
        soort = herkend.intentie.split(".", 1)[1]
        if soort == "hulp":
            await self.stuur_hulp(dc.context)
            if dc.active_dialog is not None:
                await dc.reprompt_dialog()
        elif soort == "stop":
            if dc.active_dialog is None:
                await dc.context.send_activity(self._tekst("algemeen.niets_te_stoppen"))
            else:
                await dc.cancel_all_dialogs()
                await dc.context.send_activity(self._tekst("algemeen.gestopt"))
        elif soort == "opnieuw":
            if dc.active_dialog is None:
                await dc.context.send_activity(self._tekst("algemeen.niets_opnieuw"))
                return
            dialoog_id = dc.stack[-1].id
            opties = dc.stack[-1].state.get("options") if isinstance(dc.stack[-1].state, dict) else None
            await dc.cancel_all_dialogs()
            await dc.context.send_activity(self._tekst("algemeen.opnieuw"))
            await dc.begin_dialog(dialoog_id, opties)
        else:  # groet
            await self.stuur_welkom(dc.context)

    async def _behandel_actie(self, dc: DialogContext, waarde: dict[str, Any]) -> None:
        actie: str = waarde["actie"]
        naam, _, rest = actie.partition(".")
        functie = self.functies.get(naam)
        if functie is None or not rest:
            await dc.context.send_activity(self._tekst("algemeen.actie_onbekend"))
            return
        await functie.behandel_actie(dc, rest, waarde)

    def _functie(self, naam: str) -> Functie:
        """The feature by name; intents of a feature that is not installed go to the lookup."""
        return self.functies.get(naam) or self.functies[TERUGVAL.split(".", 1)[0]]

    def _tekst(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(sleutel, **velden)
