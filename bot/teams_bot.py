"""The activity handler: Teams rules around the conversation (mentions, install greeting,
card submits as message or invoke, card replaced in place) and state saving."""

from __future__ import annotations

import logging
from http import HTTPStatus

from botbuilder.core import ActivityHandler, ConversationState, TurnContext, UserState
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, ChannelAccount

from bot.gespreksreferenties import GespreksreferentieOpslag
from bot.teams import bot_genoemd, is_groepsgesprek, kaart_update, verwijder_mentions
from dialogen.gesprek import Gesprek
from dialogen.kaarten import gevraagde_vervanging

log = logging.getLogger(__name__)


class SturingsBot(TeamsActivityHandler):
    def __init__(
        self,
        gesprek: Gesprek,
        conversation_state: ConversationState,
        user_state: UserState,
        referenties: GespreksreferentieOpslag,
    ) -> None:
        self.gesprek = gesprek
        self.conversation_state = conversation_state
        self.user_state = user_state
        self.referenties = referenties

    async def on_turn(self, turn_context: TurnContext) -> None:
        await super().on_turn(turn_context)
        await self.conversation_state.save_changes(turn_context)
        await self.user_state.save_changes(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        is_kaart = isinstance(activity.value, dict) and bool(activity.value)
        if is_groepsgesprek(activity) and not is_kaart and not bot_genoemd(activity):
            return  # in channels and group chats we only speak when spoken to
        activity.text = verwijder_mentions(activity)
        await self.referenties.bewaar(turn_context)
        await self.gesprek.verwerk(turn_context)
        vervanging = gevraagde_vervanging(turn_context)
        if vervanging is not None and activity.reply_to_id:
            try:
                await turn_context.update_activity(kaart_update(activity.reply_to_id, vervanging))
            except Exception:  # noqa: BLE001 — a client that can't update keeps the old card
                log.info("Kaart kon niet worden bijgewerkt in kanaal %s", activity.channel_id)

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContext, invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        """Action.Execute from Teams: handled exactly like a submitted card, answered in the invoke."""
        activity = turn_context.activity
        activity.value = dict(invoke_value.action.get("data") or {})
        activity.text = ""
        await self.referenties.bewaar(turn_context)
        await self.gesprek.verwerk(turn_context)
        vervanging = gevraagde_vervanging(turn_context)
        if vervanging is not None:
            return AdaptiveCardInvokeResponse(
                status_code=HTTPStatus.OK,
                type="application/vnd.microsoft.card.adaptive",
                value=vervanging.content,
            )
        return AdaptiveCardInvokeResponse(
            status_code=HTTPStatus.OK,
            type="application/vnd.microsoft.activity.message",
            value=self.gesprek.diensten.teksten.tekst("algemeen.verwerkt"),
        )

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        activity = turn_context.activity
        if is_groepsgesprek(activity):
            return  # no greeting broadcast to a whole team or group chat
        if members_added:  # install (the bot is added) or a new user in personal chat / Web Chat
            await self.referenties.bewaar(turn_context)
            await self.gesprek.stuur_welkom(turn_context)

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        if turn_context.activity.channel_data is None:  # not shaped like Teams: plain handling
            await ActivityHandler.on_conversation_update_activity(self, turn_context)
            return
        await super().on_conversation_update_activity(turn_context)

    async def on_teams_members_added(self, teams_members_added, team_info, turn_context: TurnContext) -> None:
        await self.on_members_added_activity(teams_members_added, turn_context)
