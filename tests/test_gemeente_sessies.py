"""Issue 15: a gemeente's sessions see and write only its rows (`db.gemeente`), whatever the
repository's statement says: selects (also of columns and in subqueries), updates, deletes,
`session.get`, and new rows. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from db.engine import maak_sessies
from db.gemeente import GemeenteOntbreekt
from db.modellen.fundament import OnbeantwoordeVraag
from db.modellen.rapportage import Statusupdate

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


def _update(onderwerp: str, versie: int, sleutel: str) -> Statusupdate:
    return Statusupdate(
        periode_id="herfst-2026",
        onderwerp_id=onderwerp,
        versie=versie,
        status="op-koers",
        ingediend_door="bram-de-wit",
        sleutel=sleutel,
    )


@pytest.fixture
async def twee(engine):
    a, b = maak_sessies(engine, "gemeente-a"), maak_sessies(engine, "gemeente-b")
    async with a.begin() as sessie:
        sessie.add_all([_update("jeugdagenda", 1, "s1"), _update("jeugdagenda", 2, "s2"), _update("binnenstad", 1, "s3")])
    async with b.begin() as sessie:
        sessie.add_all([_update("jeugdagenda", 1, "s1"), _update("jeugdagenda", 2, "s2"), _update("jeugdagenda", 3, "s3")])
    return a, b


async def test_new_rows_get_the_sessions_gemeente_and_reads_see_only_them(twee, engine):
    a, b = twee
    async with a() as sessie:
        assert {(u.gemeente, u.sleutel) for u in await sessie.scalars(select(Statusupdate))} == {
            ("gemeente-a", "s1"),
            ("gemeente-a", "s2"),
            ("gemeente-a", "s3"),
        }
        assert await sessie.scalar(select(func.max(Statusupdate.versie)).where(Statusupdate.onderwerp_id == "jeugdagenda")) == 2
        hoogste = (
            select(Statusupdate.onderwerp_id, func.max(Statusupdate.versie).label("v"))
            .group_by(Statusupdate.onderwerp_id)
            .subquery()
        )
        assert sorted((await sessie.execute(select(hoogste.c.onderwerp_id, hoogste.c.v))).all()) == [
            ("binnenstad", 1),
            ("jeugdagenda", 2),
        ]
        eigen = await sessie.scalar(select(Statusupdate.id).where(Statusupdate.sleutel == "s3"))
    async with b() as sessie:
        assert await sessie.get(Statusupdate, eigen) is None  # A's row by its primary key
        assert await sessie.scalar(select(func.count()).select_from(Statusupdate)) == 3
    async with maak_sessies(engine, "gemeente-c")() as sessie:
        assert (await sessie.scalars(select(Statusupdate))).all() == []


async def test_updates_and_deletes_touch_only_the_own_gemeente(twee):
    a, b = twee
    async with a.begin() as sessie:
        assert (await sessie.execute(update(Statusupdate).values(status="afwijking"))).rowcount == 3
        assert (await sessie.execute(delete(Statusupdate).where(Statusupdate.versie == 2))).rowcount == 1
    async with b() as sessie:
        assert {u.status for u in await sessie.scalars(select(Statusupdate))} == {"op-koers"}
        assert await sessie.scalar(select(func.count()).select_from(Statusupdate)) == 3


async def test_a_row_of_another_gemeente_cannot_be_added(engine):
    with pytest.raises(GemeenteOntbreekt):
        async with maak_sessies(engine, "gemeente-a").begin() as sessie:
            sessie.add(OnbeantwoordeVraag(gemeente="gemeente-b", vraag="v", kern="k", uitkomst="u", kandidaten=[]))
    async with maak_sessies(engine, "gemeente-b")() as sessie:
        assert (await sessie.scalars(select(OnbeantwoordeVraag))).all() == []
