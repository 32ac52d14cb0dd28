"""The Bot Framework adapter with our turn error handler (log, answer in Dutch, reset the dialog)."""

from __future__ import annotations

import logging

from botbuilder.core import ConversationState, Storage, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import ActivityTypes

from bot.sdk_compat import pas_sdk_correcties_toe
from bot.settings import Settings
from bot.sql_storage import EtagConflict
from dialogen.teksten import Teksten

log = logging.getLogger(__name__)


def maak_adapter(
    settings: Settings, teksten: Teksten, conversation_state: ConversationState, opslag: Storage
) -> CloudAdapter:
    pas_sdk_correcties_toe()
    authenticatie = ConfigurationBotFrameworkAuthentication(settings.bot_framework_configuratie(), logger=log)
    adapter = CloudAdapter(authenticatie)

    async def bij_fout(turn_context: TurnContext, fout: Exception) -> None:
        if isinstance(fout, EtagConflict):
            # Another turn of this conversation (maybe on another instance) saved first. Its state
            # is the newer one: keep it, and ask the user to send this message again.
            log.info("Gelijktijdige beurten in één gesprek")  # the message names the conversation: not logged
            await _meld(turn_context, teksten.tekst("algemeen.gelijktijdig"))
            return
        log.error(
            "Fout tijdens beurt (kanaal %s, activiteit %s): %r",
            turn_context.activity.channel_id,
            turn_context.activity.type,
            fout,
            exc_info=fout,
        )
        await _meld(turn_context, teksten.tekst("algemeen.fout"))
        try:  # start the next turn fresh instead of repeating the failing step
            await opslag.delete([conversation_state.get_storage_key(turn_context)])
        except Exception:  # noqa: BLE001
            log.warning("Gespreksstatus kon niet worden gewist na een fout", exc_info=True)

    adapter.on_turn_error = bij_fout
    return adapter


async def _meld(turn_context: TurnContext, tekst: str) -> None:
    if turn_context.activity.type not in (ActivityTypes.message, ActivityTypes.invoke):
        return
    try:
        await turn_context.send_activity(tekst)
    except Exception:  # noqa: BLE001 — the channel may be unreachable; the cause is logged already
        log.warning("Melding kon niet naar de gebruiker worden gestuurd")
