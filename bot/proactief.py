"""One proactive message to a person, in their most recent personal conversation with the bot
(the reminders' way of sending, `bot.herinneringen`), for features that must reach someone else
than the sender: a controller chasing a missing report (`FeatureServices.proactief`)."""

from __future__ import annotations

import asyncio
import logging

from botbuilder.core import BotAdapter
from botbuilder.schema import Activity
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.herinneringen import _referentie, _stuur

log = logging.getLogger(__name__)
STUUR_TIMEOUT = 5.0
"""Seconds one send may take inside a user's turn."""


class Proactief:
    def __init__(
        self, sessies: async_sessionmaker[AsyncSession], adapter: BotAdapter, app_id: str | None, timeout: float = STUUR_TIMEOUT
    ) -> None:
        self.sessies = sessies
        self.adapter = adapter
        self.app_id = app_id
        self.timeout = timeout

    async def stuur(self, persoon_id: str, tekst: str | Activity) -> bool:
        """False when the person never chatted with the bot, or the channel failed or hung."""
        referentie = await _referentie(self.sessies, persoon_id)
        if referentie is None:
            return False
        try:
            async with asyncio.timeout(self.timeout):
                await _stuur(self.adapter, referentie, tekst, self.app_id)
        except Exception as fout:  # noqa: BLE001 — the channel is down or hung; the caller says so
            log.warning("Proactief bericht kon niet worden verstuurd (%s)", type(fout).__name__)
            return False
        return True
