"""Issue 10, item 3: a reminder claim left `bezig` by a process that died expires and is sent by a
later pass; a hung send times out, is retried later, and does not hold back the other reminders."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.herinneringen import verstuur_herinneringen
from db.base import nu
from db.modellen.rapportage import Herinnering
from tests.test_rapportage_herinneringen import MOMENT_1, _praat

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

PERIODE = "herfst-2026"


async def _pas(services, **opties):
    return await verstuur_herinneringen(
        kennisbank=services.kennisbank,
        sessies=services.sessies,
        teksten=services.diensten.teksten,
        adapter=services.adapter,
        app_id=services.settings.app_id,
        nu=MOMENT_1,
        **opties,
    )


async def _moment(services) -> object:
    return services.kennisbank.bestanden.rapportage.te_versturen_herinnering(MOMENT_1)[1]


async def _achtergelaten_claim(services, persoon_id: str, geclaimd_op) -> None:
    """What a process that died mid-send leaves behind."""
    async with services.sessies.begin() as sessie:
        sessie.add(
            Herinnering(
                periode_id=PERIODE,
                moment=await _moment(services),
                persoon_id=persoon_id,
                geclaimd_op=geclaimd_op,
                resultaat="bezig",
            )
        )


async def test_a_claim_left_by_a_dead_sender_expires(bot_client, kennisbank, services, connector):
    await _praat(bot_client, kennisbank, connector, "marcel-kossen")
    await _achtergelaten_claim(services, "marcel-kossen", nu() - timedelta(minutes=3))
    # within the lease: the other sender may still be busy, so nothing is sent
    pas = await _pas(services, lease=timedelta(minutes=10))
    assert "marcel-kossen" not in pas.verstuurd and connector.berichten == []
    # after the lease: taken over and sent, once
    pas = await _pas(services, lease=timedelta(minutes=2))
    assert pas.verstuurd == ["marcel-kossen"]
    assert len(connector.per_gesprek()["dm-marcel-kossen"]) == 1
    assert (await _pas(services, lease=timedelta(minutes=2))).verstuurd == []
    async with services.sessies() as sessie:
        rijen = (await sessie.scalars(select(Herinnering).where(Herinnering.persoon_id == "marcel-kossen"))).all()
    assert [r.resultaat for r in rijen] == ["verstuurd"]


async def test_two_instances_take_over_an_expired_claim_once(bot_client, kennisbank, services, connector):
    await _praat(bot_client, kennisbank, connector, "marcel-kossen")
    await _achtergelaten_claim(services, "marcel-kossen", nu() - timedelta(hours=1))
    passen = await asyncio.gather(*(_pas(services, lease=timedelta(minutes=10)) for _ in range(3)))
    assert sorted(p for pas in passen for p in pas.verstuurd) == ["marcel-kossen"]
    assert len(connector.berichten) == 1


async def test_a_hung_send_times_out_without_holding_back_the_others(bot_client, kennisbank, services, connector):
    for persoon in ("marcel-kossen", "flora-van-houwelingen", "bram-de-wit"):
        await _praat(bot_client, kennisbank, connector, persoon)
    connector.hang_voor.add("dm-marcel-kossen")
    pas_taak = asyncio.ensure_future(_pas(services, stuur_timeout=2.0))
    # the others arrive while Marcel's send is still hanging
    await connector.wacht_op(2, seconden=10)
    await connector.wacht_op_hangend(1, seconden=10)
    assert connector.hangend == 1 and not pas_taak.done()
    pas = await asyncio.wait_for(pas_taak, 10)
    assert pas.mislukt == ["marcel-kossen"]
    assert sorted(pas.verstuurd) == ["bram-de-wit", "flora-van-houwelingen"]
    # the timed-out claim was released: the next pass sends it
    connector.hang_voor.clear()
    connector.los.set()
    assert (await _pas(services)).verstuurd == ["marcel-kossen"]
