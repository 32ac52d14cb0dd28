"""The Bot Framework adapter with our turn error handler (log, answer in Dutch, reset the dialog)."""

from __future__ import annotations

import logging

from botbuilder.core import ConversationState, Storage, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import ActivityTypes

from bot.sdk_compat import pas_sdk_correcties_toe
from bot.settings import Settings
from dialogen.teksten import Teksten

log = logging.getLogger(__name__)


def maak_adapter(
    settings: Settings, teksten: Teksten, conversation_state: ConversationState, opslag: Storage
) -> CloudAdapter:
    pas_sdk_correcties_toe()
    authenticatie = ConfigurationBotFrameworkAuthentication(settings.bot_framework_configuratie(), logger=log)
    adapter = CloudAdapter(authenticatie)

    async def bij_fout(turn_context: TurnContext, fout: Exception) -> None:
        log.error(
            "Fout tijdens beurt (kanaal %s, activiteit %s): %r",
            turn_context.activity.channel_id,
            turn_context.activity.type,
            fout,
            exc_info=fout,
        )
        if turn_context.activity.type in (ActivityTypes.message, ActivityTypes.invoke):
            try:
                await turn_context.send_activity(teksten.tekst("algemeen.fout"))
            except Exception:  # noqa: BLE001 — the channel may be unreachable; we logged already
                log.warning("Foutmelding kon niet naar de gebruiker worden gestuurd")
        try:  # start the next turn fresh instead of repeating the failing step
            await opslag.delete([conversation_state.get_storage_key(turn_context)])
        except Exception:  # noqa: BLE001
            log.warning("Gespreksstatus kon niet worden gewist na een fout", exc_info=True)

    adapter.on_turn_error = bij_fout
    return adapter
