"""Issue 3: stored bestuursopdracht checks — the migration, one row per sleutel (double submits,
concurrent submits), recall per user, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, inspect, select

from db.migreren import downgrade, upgrade
from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.repositories.bestuursopdracht import BestuursopdrachtRepository

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

MOMENT = datetime(2026, 11, 23, 10, 30, tzinfo=timezone.utc)


def _check(sleutel: str = "k1", **anders) -> BestuursopdrachtCheck:
    basis = dict(
        sleutel=sleutel,
        gebruiker_id="aad-1",
        aad_object_id="aad-1",
        persoon_id="marcel-kossen",
        gebruiker_naam="Marcel Kossen",
        kanaal="msteams",
        opdracht="Nieuwbouw zwembad",
        onderwerp_id=None,
        antwoorden=[{"id": "resultaat-onzeker", "tekst": "resultaat onzeker", "geldt": True}],
        aantal_geldend=1,
        advies="niet_nodig",
        notitie="Besproken met het team – ‘eerste’ inschatting",
        criteria_versie="v1",
        criteria_kenmerk="abc123",
        uitgevoerd_op=MOMENT,
    )
    return BestuursopdrachtCheck(**(basis | anders))


async def _aantal(sessies) -> int:
    async with sessies() as sessie:
        return await sessie.scalar(select(func.count()).select_from(BestuursopdrachtCheck))


async def test_bewaren_en_teruglezen(sessies) -> None:
    async with sessies.begin() as sessie:
        rij, nieuw = await BestuursopdrachtRepository(sessie).bewaar(_check())
    assert nieuw and rij.id
    async with sessies() as sessie:
        terug = await BestuursopdrachtRepository(sessie).met_sleutel("k1")
    assert terug is not None
    assert terug.antwoorden == [{"id": "resultaat-onzeker", "tekst": "resultaat onzeker", "geldt": True}]
    assert terug.notitie == "Besproken met het team – ‘eerste’ inschatting"
    assert terug.uitgevoerd_op == MOMENT and terug.uitgevoerd_op.tzinfo is not None


async def test_tijdstip_in_lokale_tijd_blijft_hetzelfde_moment(sessies) -> None:
    lokaal = datetime(2026, 11, 23, 11, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    async with sessies.begin() as sessie:
        await BestuursopdrachtRepository(sessie).bewaar(_check("lokaal", uitgevoerd_op=lokaal))
    async with sessies() as sessie:
        terug = await BestuursopdrachtRepository(sessie).met_sleutel("lokaal")
    assert terug.uitgevoerd_op == MOMENT


async def test_zelfde_sleutel_twee_keer_bewaart_een_check(sessies) -> None:
    async with sessies.begin() as sessie:
        eerste, nieuw1 = await BestuursopdrachtRepository(sessie).bewaar(_check())
    async with sessies.begin() as sessie:
        tweede, nieuw2 = await BestuursopdrachtRepository(sessie).bewaar(_check(advies="nodig", aantal_geldend=9))
    assert (nieuw1, nieuw2) == (True, False)
    assert tweede.id == eerste.id and tweede.advies == "niet_nodig"
    assert await _aantal(sessies) == 1


async def test_gelijktijdige_submits_bewaren_een_check(sessies) -> None:
    async def bewaar():
        async with sessies.begin() as sessie:
            return (await BestuursopdrachtRepository(sessie).bewaar(_check("gelijk")))[1]

    uitkomsten = await asyncio.gather(*(bewaar() for _ in range(5)))
    assert sorted(uitkomsten) == [False, False, False, False, True]
    assert await _aantal(sessies) == 1


async def test_mijn_checks_nieuwste_eerst_en_alleen_van_mij(sessies) -> None:
    async with sessies.begin() as sessie:
        repo = BestuursopdrachtRepository(sessie)
        await repo.bewaar(_check("a", opdracht="Oud", uitgevoerd_op=MOMENT))
        await repo.bewaar(_check("b", opdracht="Nieuw", uitgevoerd_op=MOMENT + timedelta(days=1)))
        await repo.bewaar(_check("c", opdracht="Van een ander", gebruiker_id="aad-2", aad_object_id="aad-2", persoon_id=None))
        await repo.bewaar(
            _check(
                "d",
                opdracht="Zelfde persoon, ander kanaal",
                gebruiker_id="console-1",
                aad_object_id=None,
                uitgevoerd_op=MOMENT - timedelta(days=1),
            )
        )
    async with sessies() as sessie:
        repo = BestuursopdrachtRepository(sessie)
        mijn = [c.opdracht for c in await repo.van_gebruiker("aad-1", "marcel-kossen")]
        zonder_persoon = [c.opdracht for c in await repo.van_gebruiker("aad-1")]
        alle = [c.opdracht for c in await repo.alle()]
        van_persoon = [c.opdracht for c in await repo.alle("marcel-kossen")]
    assert mijn == ["Nieuw", "Oud", "Zelfde persoon, ander kanaal"]
    assert zonder_persoon == ["Nieuw", "Oud"]
    assert alle == ["Zelfde persoon, ander kanaal", "Oud", "Van een ander", "Nieuw"]
    assert van_persoon == ["Zelfde persoon, ander kanaal", "Oud", "Nieuw"]


async def test_migratie_op_en_neer(engine) -> None:
    async with engine.connect() as verbinding:
        tabellen = await verbinding.run_sync(lambda c: inspect(c).get_table_names())
    assert "bestuursopdracht_check" in tabellen
    await downgrade(engine, "0001")
    async with engine.connect() as verbinding:
        tabellen = await verbinding.run_sync(lambda c: inspect(c).get_table_names())
    assert "bestuursopdracht_check" not in tabellen
    await upgrade(engine)
    async with engine.connect() as verbinding:
        kolommen = await verbinding.run_sync(lambda c: {k["name"] for k in inspect(c).get_columns("bestuursopdracht_check")})
        unieken = await verbinding.run_sync(lambda c: inspect(c).get_unique_constraints("bestuursopdracht_check"))
    assert {"sleutel", "antwoorden", "advies", "criteria_versie", "criteria_kenmerk", "notitie"} <= kolommen
    assert any(u["column_names"] == ["gemeente", "sleutel"] for u in unieken)  # unique per gemeente (0006)
