"""The Bot Framework adapter with our turn error handler (log, answer in Dutch, keep the dialog)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from botbuilder.core import ConversationState, Storage, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import ActivityTypes

from bot.sdk_compat import pas_sdk_correcties_toe
from bot.settings import Settings
from bot.sql_storage import EtagConflict
from dialogen.teksten import Teksten

log = logging.getLogger(__name__)


def maak_adapter(settings: Settings, teksten: Teksten, conversation_state: ConversationState, opslag: Storage) -> CloudAdapter:
    pas_sdk_correcties_toe()
    authenticatie = ConfigurationBotFrameworkAuthentication(settings.bot_framework_configuratie(), logger=log)
    adapter = CloudAdapter(authenticatie)
    fouten = RecenteFouten()

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
        # The failed turn saved nothing (state writes wait for the end of the turn), so the dialog
        # is as it was before this message. Keep it; only a conversation that fails again right
        # away starts fresh, so one broken step can never trap the user.
        sleutel = conversation_state.get_storage_key(turn_context)
        if fouten.opnieuw_mis(sleutel):
            await _meld(turn_context, teksten.tekst("algemeen.fout_opnieuw"))
            try:
                await opslag.delete([sleutel])
            except Exception:  # noqa: BLE001
                log.warning("Gespreksstatus kon niet worden gewist na een herhaalde fout")
        else:
            await _meld(turn_context, teksten.tekst("algemeen.fout"))

    adapter.on_turn_error = bij_fout
    return adapter


class RecenteFouten:
    """Which conversations failed on their previous turn (in this process, bounded, short-lived)."""

    VENSTER = timedelta(minutes=10)
    MAX = 10_000

    def __init__(self) -> None:
        self._laatst: dict[str, datetime] = {}

    def opnieuw_mis(self, sleutel: str) -> bool:
        """Record a failure; True when the same conversation also failed within the window."""
        nu = datetime.now(UTC)
        vorige = self._laatst.pop(sleutel, None)
        if vorige is not None and nu - vorige < self.VENSTER:
            return True
        if len(self._laatst) >= self.MAX:
            self._laatst.clear()
        self._laatst[sleutel] = nu
        return False


async def _meld(turn_context: TurnContext, tekst: str) -> None:
    if turn_context.activity.type not in (ActivityTypes.message, ActivityTypes.invoke):
        return
    try:
        await turn_context.send_activity(tekst)
    except Exception:  # noqa: BLE001 — the channel may be unreachable; the cause is logged already
        log.warning("Melding kon niet naar de gebruiker worden gestuurd")
