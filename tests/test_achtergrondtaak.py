"""Stopping a background task (bot/achtergrondtaak.py): the task ends; a cancelled caller stays cancelled."""

from __future__ import annotations

import asyncio

import pytest

from bot import achtergrondtaak


async def test_stop_cancels_the_task_and_returns():
    taak = asyncio.create_task(asyncio.sleep(3600))
    await asyncio.sleep(0)
    await achtergrondtaak.stop(taak)
    assert taak.cancelled()


async def test_a_caller_cancelled_while_it_stops_a_task_stays_cancelled():
    opgeruimd = asyncio.Event()

    async def ruimt_traag_op() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            await opgeruimd.wait()  # its own clean-up takes a while
            raise

    taak = asyncio.create_task(ruimt_traag_op())
    await asyncio.sleep(0)
    verder_gegaan = []

    async def afsluiten() -> None:
        await achtergrondtaak.stop(taak)
        verder_gegaan.append(True)  # must not happen: this shutdown itself was cancelled

    afsluiter = asyncio.create_task(afsluiten())
    await asyncio.sleep(0)
    afsluiter.cancel()
    opgeruimd.set()
    with pytest.raises(asyncio.CancelledError):
        await afsluiter
    assert verder_gegaan == []
    assert taak.cancelled()
