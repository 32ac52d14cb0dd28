"""The activity handler: Teams rules around the conversation (mentions, install greeting,
card submits as message or invoke, card replaced in place) and state saving."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from botbuilder.core import ActivityHandler, ConversationState, InvokeResponse, MessageFactory, TurnContext, UserState
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import Activity, ChannelAccount, DeliveryModes
from botbuilder.schema.teams import TeamsChannelAccount

from bot.bestandstoestemming import BestandsToestemming
from bot.gespreksreferenties import GespreksreferentieOpslag
from bot.nawerk import Nawerk
from bot.teams import BERICHT, bot_genoemd, is_groepsgesprek, kaart_update, verwijder_mentions
from dialogen.kaarten import gevraagd_kaart_antwoord, gevraagde_vervanging, keuzes_zonder_nadruk
from dialogen.turnrouter import TurnRouter

log = logging.getLogger(__name__)

FOUT = "application/vnd.microsoft.error"
INVOKE_TIJDSLIMIET = 3.5
"""Seconds to work on a card invoke before acknowledging it (Teams gives up after about 5 s)."""


class SturingsBot(TeamsActivityHandler):
    def __init__(
        self,
        router: TurnRouter,
        conversation_state: ConversationState,
        user_state: UserState,
        referenties: GespreksreferentieOpslag,
        *,
        invoke_tijdslimiet: float = INVOKE_TIJDSLIMIET,
        bestanden: BestandsToestemming | None = None,
    ) -> None:
        self.bestanden = bestanden
        self.invoke_tijdslimiet = invoke_tijdslimiet
        self._lopend: set[asyncio.Task] = set()
        self.router = router
        self.conversation_state = conversation_state
        self.user_state = user_state
        self.referenties = referenties

    async def on_turn(self, turn_context: TurnContext) -> None:
        if turn_context.activity.channel_id == "msteams":
            turn_context.on_send_activities(_keuzes_zonder_nadruk)
        await super().on_turn(turn_context)
        await self.conversation_state.save_changes(turn_context)
        await self.user_state.save_changes(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        is_kaart = isinstance(activity.value, dict) and bool(activity.value)
        if is_groepsgesprek(activity) and not is_kaart and not bot_genoemd(activity):
            # In channels and group chats we only speak when spoken to. Said at DEBUG (entity types,
            # never the text): why a post that seemed to mention the bot got no answer.
            log.debug("Groepsbericht zonder vermelding van de bot genegeerd (entiteiten: %s)", _entiteitsoorten(activity))
            return
        activity.text = verwijder_mentions(activity)
        await self.referenties.bewaar(turn_context)
        await self.router.verwerk(turn_context)
        vervanging = gevraagde_vervanging(turn_context)
        if vervanging is not None and activity.reply_to_id:
            await self._vervang_kaart(turn_context, vervanging)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        """Card actions and the export's file consent are ours. Task modules are never offered, so
        those (and every other invoke name) get a Dutch answer instead of the SDK's 501 or a crash on junk."""
        naam = turn_context.activity.name
        if naam == "adaptiveCard/action":
            return await self._kaart_invoke(turn_context)
        if naam == "fileConsent/invoke" and self.bestanden is not None:
            return await self.bestanden.behandel(turn_context)
        teksten = self.router.diensten.teksten
        if naam in ("task/fetch", "task/submit"):
            return InvokeResponse(
                status=int(HTTPStatus.OK), body={"task": {"type": "message", "value": teksten.tekst("toegang.taak_onbekend")}}
            )
        return _invoke_antwoord(
            HTTPStatus.BAD_REQUEST, FOUT, {"code": "BadRequest", "message": teksten.tekst("toegang.invoke_onbekend")}
        )

    async def _kaart_invoke(self, turn_context: TurnContext) -> InvokeResponse:
        """Action.Execute from Teams: handled exactly like a submitted card, answered in the invoke.

        Work that takes longer than Teams waits is acknowledged first and finished in the
        background; its replies then arrive as ordinary (proactive) messages in the conversation.
        """
        activity = turn_context.activity
        actie = (activity.value or {}).get("action") if isinstance(activity.value, dict) else None
        data = actie.get("data") if isinstance(actie, dict) else None
        if not isinstance(actie, dict) or actie.get("type") != "Action.Execute" or not isinstance(data, (dict, type(None))):
            return _invoke_antwoord(
                HTTPStatus.BAD_REQUEST,
                FOUT,
                {"code": "BadRequest", "message": self.router.diensten.teksten.tekst("toegang.kaartgegevens_ongeldig")},
            )
        activity.value = dict(data or {})
        activity.text = ""
        teksten = self.router.diensten.teksten
        if activity.delivery_mode == DeliveryModes.expect_replies:
            gelukt = await self._verwerk_kaart_op_achtergrond(turn_context)  # caller waits for all
        else:
            werk = asyncio.ensure_future(self._verwerk_kaart_op_achtergrond(turn_context))
            klaar, _ = await asyncio.wait({werk}, timeout=self.invoke_tijdslimiet)
            if not klaar:
                nawerk = Nawerk.meld(turn_context, werk)  # the turn counts as done only when the work is
                nazorg = asyncio.ensure_future(self._vervang_kaart_na_afloop(nawerk, turn_context))
                for taak in (werk, nazorg):
                    self._lopend.add(taak)
                    taak.add_done_callback(self._lopend.discard)
                return _invoke_antwoord(HTTPStatus.OK, BERICHT, teksten.tekst("algemeen.bezig"))
            gelukt = werk.result()
        if not gelukt:
            return _invoke_antwoord(HTTPStatus.OK, BERICHT, teksten.tekst("algemeen.fout"))
        weigering = gevraagd_kaart_antwoord(turn_context)
        if weigering is not None:
            return _invoke_antwoord(HTTPStatus.OK, BERICHT, weigering)
        vervanging = gevraagde_vervanging(turn_context)
        if vervanging is not None:
            return _invoke_antwoord(HTTPStatus.OK, "application/vnd.microsoft.card.adaptive", vervanging.content)
        return _invoke_antwoord(HTTPStatus.OK, BERICHT, teksten.tekst("algemeen.verwerkt"))

    async def _verwerk_kaart(self, turn_context: TurnContext) -> None:
        await self.referenties.bewaar(turn_context)
        await self.router.verwerk(turn_context)
        await self.conversation_state.save_changes(turn_context)

    async def _verwerk_kaart_op_achtergrond(self, turn_context: TurnContext) -> bool:
        """True when the work succeeded; on failure the user gets the Dutch error message."""
        try:
            await self._verwerk_kaart(turn_context)
            return True
        except Exception:  # noqa: BLE001 — the invoke may be answered already; tell the user here
            log.exception("Fout bij het verwerken van een kaartactie")
            await turn_context.send_activity(self.router.diensten.teksten.tekst("algemeen.fout"))
            return False

    async def _vervang_kaart_na_afloop(self, nawerk: Nawerk, turn_context: TurnContext) -> None:
        """After acknowledged work finished and its turn was saved, still replace the submitted card
        (no second submit)."""
        afgerond = await nawerk.afgerond()
        weigering = gevraagd_kaart_antwoord(turn_context)
        if afgerond and weigering is not None:  # the invoke was answered already: tell it as a message
            await _stuur(turn_context, weigering)
        vervanging = gevraagde_vervanging(turn_context) if afgerond else None
        if vervanging is not None and turn_context.activity.reply_to_id:
            await self._vervang_kaart(turn_context, vervanging)

    async def _vervang_kaart(self, turn_context: TurnContext, vervanging) -> None:
        """Replace the clicked card in place; a client that can't update keeps the old card and
        gets the new one as a message (a feature that asked for the replacement sent no copy)."""
        try:
            await turn_context.update_activity(kaart_update(turn_context.activity.reply_to_id, vervanging))
        except Exception:  # noqa: BLE001 — the channel refused or is unreachable
            log.info(
                "Kaart kon niet worden bijgewerkt in kanaal %s; als nieuw bericht gestuurd", turn_context.activity.channel_id
            )
            try:
                await turn_context.send_activity(MessageFactory.attachment(vervanging))
            except Exception:  # noqa: BLE001 — nothing more to do than log
                log.warning("Ook de nieuwe kaart kon niet worden gestuurd in kanaal %s", turn_context.activity.channel_id)

    async def wacht_op_lopend_werk(self) -> None:
        """Let acknowledged work finish (called on shutdown)."""
        if self._lopend:
            await asyncio.gather(*self._lopend, return_exceptions=True)

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if is_groepsgesprek(activity):
            return  # no greeting broadcast to a whole team or group chat
        if members_added:  # install (the bot is added) or a new user in personal chat / Web Chat
            await self.referenties.bewaar(turn_context)
            await self.router.stuur_welkom(turn_context)

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        if turn_context.activity.channel_data is None:  # not shaped like Teams: plain handling
            await ActivityHandler.on_conversation_update_activity(self, turn_context)
            return
        await super().on_conversation_update_activity(turn_context)

    async def on_teams_members_added_dispatch(self, members_added, team_info, turn_context: TurnContext) -> None:
        """Without the SDK's member lookup at the channel: we only greet, so the ids are enough, and
        a member the channel doesn't know (or a made-up one) can't fail the turn."""
        await self.on_teams_members_added(
            [TeamsChannelAccount(id=lid.id, name=lid.name) for lid in members_added], team_info, turn_context
        )

    async def on_teams_members_added(self, teams_members_added, team_info, turn_context: TurnContext) -> None:
        await self.on_members_added_activity(teams_members_added, turn_context)


async def _keuzes_zonder_nadruk(
    _context: TurnContext, activiteiten: list[Activity], volgende: Callable[[], Awaitable[Any]]
) -> Any:
    keuzes_zonder_nadruk(activiteiten)
    return await volgende()


async def _stuur(turn_context: TurnContext, tekst: str) -> None:
    try:
        await turn_context.send_activity(tekst)
    except Exception:  # noqa: BLE001 — the channel may be unreachable
        log.warning("Melding kon niet naar de gebruiker worden gestuurd")


def _invoke_antwoord(status: HTTPStatus, soort: str, waarde: object) -> InvokeResponse:
    """The Universal Actions response body Teams expects for an adaptiveCard/action invoke."""
    return InvokeResponse(status=int(status), body={"statusCode": int(status), "type": soort, "value": waarde})


def _entiteitsoorten(activity: Activity) -> list[str]:
    return sorted({str(e.type) for e in activity.entities or []})
