"""Issue 5: proactive reminders on the period's reminder moments, through stored conversation
references and a fake Bot Connector; never twice, also not with two bot instances."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.app import GEMEENTEBOT, create_app
from bot.herinneringen import herinneringen_actief, verstuur_herinneringen
from bot.services import TIJDZONE
from db.modellen.rapportage import Herinnering, Statusupdate
from db.repositories.rapportage import bewaar_statusupdate
from tests.conftest import TestGesprek
from tests.kennis_voorbeelden import datum_tekst
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

MOMENT_1 = datetime(2026, 11, 16, 9, 5, tzinfo=TIJDZONE)
MOMENT_2 = datetime(2026, 11, 27, 9, 5, tzinfo=TIJDZONE)


async def _pas(services, nu: datetime):
    return await verstuur_herinneringen(
        kennisbank=services.kennisbank,
        sessies=services.sessies,
        teksten=services.diensten.teksten,
        adapter=services.adapter,
        app_id=services.settings.app_id,
        nu=nu,
    )


async def _praat(bot_client, kennisbank, connector, persoon: str) -> TestGesprek:
    gesprek = TestGesprek(bot_client, kennisbank, gesprek_id=f"dm-{persoon}")
    gesprek.als = persoon
    await gesprek.stuur("hoi", serviceUrl=connector.url)  # the host stores the conversation reference
    return gesprek


@pytest.fixture
async def tweede_instantie(settings, klok):
    """A second bot instance on the same database (its own app, adapter and engine)."""
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield client.app[GEMEENTEBOT]
    await client.close()


async def test_herinnering_alleen_aan_wie_nog_moet_en_nooit_dubbel(bot_client, kennisbank, services, connector, tweede_instantie):
    marcel = await _praat(bot_client, kennisbank, connector, "marcel-kossen")
    await _praat(bot_client, kennisbank, connector, "bram-de-wit")
    await _praat(bot_client, kennisbank, connector, "noor-visser")
    # Bram submits the jeugdagenda (his only onderwerp): he is done, Marcel still has 7 to go.
    bram = TestGesprek(bot_client, kennisbank, gesprek_id="dm-bram-de-wit")
    bram.als = "bram-de-wit"
    formulier = kaarten(await bram.stuur("statusupdate", serviceUrl=connector.url))[0]
    samenvatting = kaarten(await bram.stuur(waarde=klik(formulier, "Op koers, niets te melden"), serviceUrl=connector.url))[0]
    await bram.stuur(waarde=klik(samenvatting, "Bevestigen"), serviceUrl=connector.url)
    # Bram is the gedelegeerd opdrachtgever: Marcel (ambtelijk) got a notice of his update (issue 13)
    [melding] = connector.per_gesprek()["dm-marcel-kossen"]
    assert "Bram de Wit heeft de statusupdate voor **Jeugdagenda**" in melding
    connector.berichten.clear()

    # before the first moment: nothing
    assert (await _pas(services, datetime(2026, 11, 16, 8, 0, tzinfo=TIJDZONE))).verstuurd == []
    # two instances run their pass at the same time
    passen = await asyncio.gather(_pas(services, MOMENT_1), _pas(tweede_instantie, MOMENT_1))
    assert sorted(p for pas in passen for p in pas.verstuurd) == ["marcel-kossen"]
    berichten = connector.per_gesprek()
    assert list(berichten) == ["dm-marcel-kossen"] and len(berichten["dm-marcel-kossen"]) == 1
    tekst = berichten["dm-marcel-kossen"][0]
    assert "Herfstrapportage 2026" in tekst and "Sociale agenda" in tekst and "Jeugdagenda" not in tekst
    assert "4 december 2026" in tekst
    # persons without a stored conversation are recorded, not retried every pass
    assert "jelle-arentsen" in passen[0].zonder_referentie + passen[1].zonder_referentie

    # a restart (new pass, same moment): nothing again
    assert (await _pas(services, datetime(2026, 11, 20, 12, 0, tzinfo=TIJDZONE))).verstuurd == []
    assert len(connector.berichten) == 1

    # the next moment: a new reminder, once
    await asyncio.gather(_pas(services, MOMENT_2), _pas(tweede_instantie, MOMENT_2))
    assert len(connector.per_gesprek()["dm-marcel-kossen"]) == 2
    # after the deadline: silence
    assert (await _pas(services, datetime(2026, 12, 5, 9, 5, tzinfo=TIJDZONE))).periode_id is None
    assert marcel.gesprek_id == "dm-marcel-kossen"


async def test_mislukte_verzending_wordt_later_opnieuw_geprobeerd(bot_client, kennisbank, services, connector):
    await _praat(bot_client, kennisbank, connector, "flora-van-houwelingen")
    connector.faal_voor.add("dm-flora-van-houwelingen")
    pas = await _pas(services, MOMENT_1)
    assert pas.mislukt == ["flora-van-houwelingen"] and connector.berichten == []
    connector.faal_voor.clear()
    pas = await _pas(services, MOMENT_1)
    assert pas.verstuurd == ["flora-van-houwelingen"]
    async with services.sessies() as sessie:
        rijen = (await sessie.scalars(select(Herinnering).where(Herinnering.persoon_id == "flora-van-houwelingen"))).all()
    assert [(r.resultaat, r.verstuurd_op is not None) for r in rijen] == [("verstuurd", True)]


async def test_lus_draait_als_achtergrondtaak(bot_client, kennisbank, services, connector, klok):
    await _praat(bot_client, kennisbank, connector, "marcel-kossen")
    klok.zet(MOMENT_1)
    passen: list[datetime] = []  # the loop reads the clock once at the start of every pass
    nieuwe_pas = asyncio.Event()

    def tellende_klok() -> datetime:
        passen.append(klok())
        nieuwe_pas.set()
        return passen[-1]

    async with herinneringen_actief(services, klok=tellende_klok, interval=0.05) as taak:
        await connector.wacht_op(1)
        tot = len(passen) + 2  # two more passes begun: at least one more ran from start to end
        async with asyncio.timeout(10):
            while len(passen) < tot:
                nieuwe_pas.clear()
                await nieuwe_pas.wait()
    assert taak.cancelled() or taak.done()
    assert len(connector.berichten) == 1


@pytest.mark.beide_kennisbanken
async def test_herinnering_op_elk_voorbeeld_alleen_aan_wie_nog_moet(bot_client, kennisbank, services, connector, voorbeelden):
    """On each example's own reminder moments: the AO who talked to the bot and still has to report
    gets one message naming the period and the onderwerpen; a delegate who already did gets none."""
    _, periode = voorbeelden.open_moment()
    rapportage = kennisbank.bestanden.rapportage
    momenten = rapportage.herinneringsmomenten(periode)
    assert momenten
    onderwerp = voorbeelden.met_gedelegeerd()
    gd = voorbeelden.gedelegeerd(onderwerp)
    ao = voorbeelden.opdrachtgever_met_onderwerpen()
    await _praat(bot_client, kennisbank, connector, ao.id)
    await _praat(bot_client, kennisbank, connector, gd.id)
    for eigen in [
        o
        for o in voorbeelden.onderwerpen()
        if gd.id in (o.opdrachtgever_op("ambtelijk", periode.peildatum), o.opdrachtgever_op("gedelegeerd", periode.peildatum))
    ]:
        await bewaar_statusupdate(
            services.sessies,
            Statusupdate(
                periode_id=periode.id,
                onderwerp_id=eigen.id,
                status=rapportage.snelste_status.id,
                ingediend_door=gd.id,
                sleutel=f"h-{eigen.id}",
            ),
        )
    pas = await _pas(services, momenten[0] + timedelta(minutes=5))
    assert ao.id in pas.verstuurd and gd.id not in pas.verstuurd
    [tekst] = connector.per_gesprek()[f"dm-{ao.id}"]
    assert periode.naam in tekst and datum_tekst(periode.deadline) in tekst
    open_voor_ao = [o for o in voorbeelden.ambtelijk_van(ao) if o.geldig_op(periode.peildatum)]
    assert any(o.naam in tekst for o in open_voor_ao)
    assert (await _pas(services, momenten[0] + timedelta(minutes=30))).verstuurd == []
