"""The app itself runs the reminder loop when HERINNERINGEN is on (the default), and not when off."""

from __future__ import annotations

import dataclasses

from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from tests.test_rapportage_herinneringen import MOMENT_1, _praat


async def _start(settings, klok) -> TestClient:
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    return client


async def test_app_sends_reminders_on_start_when_enabled(bot_client, kennisbank, connector, settings, klok):
    klok.zet(MOMENT_1)
    await _praat(bot_client, kennisbank, connector, "marcel-kossen")  # the app stores his conversation
    assert connector.berichten == []  # the test app runs without reminders
    tweede = await _start(dataclasses.replace(settings, herinneringen=True), klok)
    try:
        await connector.wacht_op(1)
        assert list(connector.per_gesprek()) == ["dm-marcel-kossen"]
    finally:
        await tweede.close()
