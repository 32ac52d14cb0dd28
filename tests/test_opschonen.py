"""Issue 10, item 13: rows that grow with every conversation are pruned after their retention
(per table, from the settings), by one instance at a time through a database lease."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from bot import opschonen
from bot.opschonen import claim_taak, opschonen_actief, opschoon_pas
from bot.settings import Bewaartermijnen
from db.base import nu
from db.gemeente import STANDAARD_GEMEENTE
from db.modellen.fundament import BotStatus, Gespreksreferentie, OnbeantwoordeVraag, VerwerkteActiviteit

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

TERMIJNEN = Bewaartermijnen(bot_status=30, gespreksreferentie=60, onbeantwoorde_vraag=10, verwerkte_activiteit=2)


async def _vul(engine, leeftijden: dict[str, list[int]], gemeente: str = STANDAARD_GEMEENTE) -> None:
    """Rows of the given ages in days, in every table, of one gemeente."""
    g = {"gemeente": gemeente}
    async with engine.begin() as verbinding:
        for i, dagen in enumerate(leeftijden["bot_status"]):
            await verbinding.execute(
                insert(BotStatus).values(**g, sleutel=f"s{i}", data="{}", etag="e", gewijzigd_op=nu() - timedelta(days=dagen))
            )
        for i, dagen in enumerate(leeftijden["gespreksreferentie"]):
            await verbinding.execute(
                insert(Gespreksreferentie).values(
                    **g, gebruiker_id=f"u{i}", referentie={}, bijgewerkt_op=nu() - timedelta(days=dagen)
                )
            )
        for i, dagen in enumerate(leeftijden["onbeantwoorde_vraag"]):
            await verbinding.execute(
                insert(OnbeantwoordeVraag).values(
                    **g, vraag="v", kern="k", uitkomst="geen", kandidaten=[], gesteld_op=nu() - timedelta(days=dagen)
                )
            )
        for i, dagen in enumerate(leeftijden["verwerkte_activiteit"]):
            await verbinding.execute(
                insert(VerwerkteActiviteit).values(
                    **g, conversatie_id="c", activiteit_id=f"a{i}", ontvangen_op=nu() - timedelta(days=dagen)
                )
            )


async def _tellingen(engine, gemeente: str = STANDAARD_GEMEENTE) -> dict[str, int]:
    async with engine.connect() as verbinding:
        return {
            model.__tablename__: await verbinding.scalar(select(func.count()).where(model.gemeente == gemeente))
            for model in (BotStatus, Gespreksreferentie, OnbeantwoordeVraag, VerwerkteActiviteit)
        }


LEEFTIJDEN = {
    "bot_status": [1, 29, 31, 400],
    "gespreksreferentie": [1, 59, 61],
    "onbeantwoorde_vraag": [0, 11, 12, 13],
    "verwerkte_activiteit": [0, 1, 3],
}


async def test_each_table_is_pruned_after_its_own_retention(engine):
    await _vul(engine, LEEFTIJDEN)
    verwijderd = await opschoon_pas(engine, TERMIJNEN, eigenaar="a")
    assert verwijderd == {"bot_status": 2, "gespreksreferentie": 1, "onbeantwoorde_vraag": 3, "verwerkte_activiteit": 1}
    assert await _tellingen(engine) == {
        "bot_status": 2,
        "gespreksreferentie": 2,
        "onbeantwoorde_vraag": 1,
        "verwerkte_activiteit": 2,
    }


async def test_a_pass_prunes_only_its_own_gemeente(engine):
    """Issue 15: retention runs per gemeente, with its own lease, and never deletes another's rows."""
    await _vul(engine, LEEFTIJDEN, gemeente="gemeente-a")
    await _vul(engine, LEEFTIJDEN, gemeente="gemeente-b")
    assert await opschoon_pas(engine, TERMIJNEN, eigenaar="x", gemeente="gemeente-a") is not None
    assert await _tellingen(engine, "gemeente-b") == {t: len(v) for t, v in LEEFTIJDEN.items()}
    assert (await _tellingen(engine, "gemeente-a"))["onbeantwoorde_vraag"] == 1
    # the lease of gemeente a does not hold gemeente b's job
    assert await opschoon_pas(engine, TERMIJNEN, eigenaar="y", gemeente="gemeente-b") is not None
    assert await _tellingen(engine, "gemeente-b") == await _tellingen(engine, "gemeente-a")


async def test_zero_days_keeps_everything(engine):
    await _vul(engine, LEEFTIJDEN)
    await opschoon_pas(engine, Bewaartermijnen(0, 0, 0, 0), eigenaar="a")
    assert await _tellingen(engine) == {t: len(v) for t, v in LEEFTIJDEN.items()}


async def test_one_instance_at_a_time_through_a_lease(engine):
    await _vul(engine, LEEFTIJDEN)
    passen = await asyncio.gather(*(opschoon_pas(engine, TERMIJNEN, eigenaar=f"instantie-{i}") for i in range(4)))
    assert sum(p is not None for p in passen) == 1
    # within the interval nobody else runs it; after it, another instance takes over
    assert await claim_taak(engine, "opschonen", "laat", tijd=nu(), duur=timedelta(hours=1)) is False
    assert await claim_taak(engine, "opschonen", "laat", tijd=nu() + timedelta(hours=2), duur=timedelta(hours=1)) is True


async def test_the_app_prunes_by_itself(services, monkeypatch):
    await _vul(
        services.engine, {"bot_status": [], "gespreksreferentie": [], "onbeantwoorde_vraag": [500, 1], "verwerkte_activiteit": []}
    )
    gedaan = asyncio.Event()
    echte_pas = opschonen.opschoon_pas

    async def pas(*args, **kwargs):
        uitkomst = await echte_pas(*args, **kwargs)
        if uitkomst is not None:  # this instance had the lease and pruned
            gedaan.set()
        return uitkomst

    monkeypatch.setattr(opschonen, "opschoon_pas", pas)
    async with opschonen_actief(services, interval=timedelta(hours=1), eerste=0):
        async with asyncio.timeout(10):  # only a guard against hanging
            await gedaan.wait()
    assert (await _tellingen(services.engine))["onbeantwoorde_vraag"] == 1
