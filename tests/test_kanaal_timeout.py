"""KANAAL_TIMEOUT: each attempt of a call to the channel (a reply, a card update, a member lookup, a
proactive message) waits at most that long for the connection or the answer. msrest makes those calls
with `requests` in a thread of the event loop's default pool (on 2 cores: 6 threads), and waited 100 s
per attempt: a channel that stopped answering kept every thread busy, and a turn of another
conversation waited for a free one. Through the turn pipeline against the fake connector."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from bot.settings import ConfiguratieFout, Settings
from tests.conftest import TestGesprek

DRADEN = 2
"""The test's own thread pool for the loop: small, so that a few hanging calls fill it."""


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # Short enough that the hanging calls end within the test, long enough that the free conversation's
    # reply (answered by the fake connector on this same, busy event loop) is never cut off: at 1 s a
    # loaded machine once took longer, the reply counted as failed and the turn's error message followed it.
    return replace(settings, kanaal_timeout=5.0)


async def test_a_channel_that_stops_answering_does_not_hold_up_other_turns(bot_client, kennisbank, connector):
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=DRADEN))
    vast = [TestGesprek(bot_client, kennisbank, gesprek_id=f"vast-{n}") for n in range(DRADEN)]
    vrij = TestGesprek(bot_client, kennisbank, gesprek_id="vrij")
    connector.hang_voor.update(g.gesprek_id for g in vast)

    def bericht(gesprek: TestGesprek) -> dict:
        return gesprek.activiteit(text="help", deliveryMode="normal", serviceUrl=connector.url)  # replies go to the channel

    hangend = [asyncio.ensure_future(g.post(bericht(g))) for g in vast]
    await connector.wacht_op_hangend(DRADEN, seconden=30)  # every thread of the pool waits for the channel

    async with asyncio.timeout(30):  # a guard: before, this turn's reply waited for a thread until Teams answered
        status, _ = await vrij.post(bericht(vrij))
    assert status == 201  # answered, its reply sent to the channel
    assert [gesprek for gesprek, _ in connector.berichten] == ["vrij"]
    assert not connector.los.is_set()  # the channel still hangs for the others
    async with asyncio.timeout(30):  # and their turns ended too, without the channel ever answering
        await asyncio.gather(*hangend)


def test_the_setting_is_read_from_the_environment():
    assert Settings.uit_omgeving({}).kanaal_timeout == 10.0
    assert Settings.uit_omgeving({"KANAAL_TIMEOUT": "2,5"}).kanaal_timeout == 2.5
    with pytest.raises(ConfiguratieFout, match="KANAAL_TIMEOUT moet een aantal seconden zijn"):
        Settings.uit_omgeving({"KANAAL_TIMEOUT": "0"})
