"""Issue 15: migration 0006 gives every row a gemeente. A database filled at the previous head
(0005) with rows in every table keeps all of them, now in the first gemeente, and the bot reads
them there (and not in another gemeente). SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import jsonpickle
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

import db.modellen  # noqa: F401 — every table on Base.metadata
from bot.sql_storage import SqlStorage
from db.base import Base
from db.engine import maak_engine, maak_sessies
from db.migreren import downgrade, huidige_revisie, upgrade
from db.modellen.rapportage import Statusupdate
from db.repositories.bestuursopdracht import BestuursopdrachtRepository
from db.repositories.rapportage import StatusupdateRepository, bewaar_statusupdate
from tests.postgres_beheer import BEHEER_TIJDEN, tijdelijke_database, voer_beheer_uit

VORIGE = "0005"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def postgres_voor_migraties() -> Iterator[str]:
    """One PostgreSQL database for this module (emptied per test), dropped at the end."""
    with tijdelijke_database("sturingsbot_mig") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def lege_database(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'oud.db'}"
    url = request.getfixturevalue("postgres_voor_migraties")
    asyncio.run(voer_beheer_uit(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    return url


@pytest.fixture
async def engine_op_vorige_versie(lege_database) -> AsyncIterator[AsyncEngine]:
    """An empty database brought to revision 0005 (the version before gemeenten)."""
    engine = maak_engine(lege_database, tijden=BEHEER_TIJDEN)
    await upgrade(engine, VORIGE)
    yield engine
    await engine.dispose()


def _tabel(naam: str, *kolommen: str) -> sa.TableClause:
    """The table as version 0005 had it: these columns, with the types the models give them."""
    return sa.table(naam, *(sa.column(k, Base.metadata.tables[naam].c[k].type) for k in kolommen))


STAAT = {"DialogState": {"dialog_stack": [{"id": "escalatie", "state": {"stap": 2}}]}, "e_tag": "*"}
RIJEN: dict[str, list[dict]] = {
    "bot_status": [
        {
            "sleutel": "msteams/conversations/a:1",
            "data": jsonpickle.encode({"DialogState": STAAT["DialogState"]}, keys=True),
            "etag": "e1",
            "gewijzigd_op": T0,
        },
        {"sleutel": "msteams/users/29:1", "data": jsonpickle.encode({}, keys=True), "etag": "e2", "gewijzigd_op": T0},
    ],
    "verwerkte_activiteit": [
        {
            "id": 1,
            "conversatie_id": "a:1",
            "activiteit_id": "act-1",
            "ontvangen_op": T0,
            "status": "klaar",
            "eigenaar": None,
            "verloopt_op": None,
        },
        {
            "id": 2,
            "conversatie_id": "download-link",
            "activiteit_id": "nonce-1",
            "ontvangen_op": T0,
            "status": "klaar",
            "eigenaar": None,
            "verloopt_op": None,
        },
    ],
    "gespreksreferentie": [
        {
            "id": 1,
            "gebruiker_id": "29:1",
            "aad_object_id": "aad-1",
            "persoon_id": "marcel-kossen",
            "referentie": {"conversation": {"id": "a:1"}, "serviceUrl": "https://smba.example.invalid/"},
            "bijgewerkt_op": T0,
        },
    ],
    "onbeantwoorde_vraag": [
        {
            "id": 1,
            "vraag": "wie doet de kerstmarkt?",
            "kern": "kerstmarkt",
            "uitkomst": "NietGevonden",
            "kandidaten": [],
            "gesteld_op": T0,
        },
    ],
    "bestuursopdracht_check": [
        {
            "id": 1,
            "sleutel": "check-1",
            "gebruiker_id": "29:1",
            "aad_object_id": "aad-1",
            "persoon_id": "marcel-kossen",
            "gebruiker_naam": "M",
            "kanaal": "msteams",
            "opdracht": "nieuwbouw zwembad",
            "onderwerp_id": None,
            "antwoorden": [{"id": "k1", "tekst": "t", "geldt": True}],
            "aantal_geldend": 1,
            "advies": "twijfel",
            "notitie": "oud",
            "criteria_versie": "1",
            "criteria_kenmerk": "abc",
            "uitgevoerd_op": T0,
        },
    ],
    "statusupdate": [
        {
            "id": i,
            "periode_id": "herfst-2026",
            "onderwerp_id": "jeugdagenda",
            "versie": i,
            "status": "aandachtspunt",
            "toelichting": f"versie {i}",
            "financieel_soort": "tegenvaller",
            "financieel_bedrag": Decimal("1250.50"),
            "maatregel": "m",
            "ingediend_door": "bram-de-wit",
            "ingediend_door_aad": None,
            "ingediend_op": T0 + timedelta(minutes=i),
            "sleutel": f"upd-{i}",
        }
        for i in (1, 2)
    ],
    "herinnering": [
        {
            "id": 1,
            "periode_id": "herfst-2026",
            "moment": T0,
            "persoon_id": "marcel-kossen",
            "geclaimd_op": T0,
            "verstuurd_op": T0,
            "resultaat": "verstuurd",
        },
    ],
    "onderhoudsclaim": [{"taak": "opschonen", "eigenaar": "x", "verloopt_op": T0}],
}


async def _vul(engine: AsyncEngine) -> None:
    async with engine.begin() as verbinding:
        for naam, rijen in RIJEN.items():
            tabel = _tabel(naam, *rijen[0])
            for rij in rijen:
                await verbinding.execute(sa.insert(tabel).values(**rij))


async def _lees(engine: AsyncEngine) -> dict[str, list[dict]]:
    async with engine.connect() as verbinding:
        return {
            naam: [
                dict(r._mapping)
                for r in (
                    await verbinding.execute(sa.select(sa.text("*")).select_from(sa.table(naam)).order_by(sa.text("1")))
                ).all()
            ]
            for naam in RIJEN
        }


async def test_existing_rows_move_into_the_first_gemeente_without_loss(engine_op_vorige_versie):
    engine = engine_op_vorige_versie
    await _vul(engine)
    voor = await _lees(engine)
    await upgrade(engine, standaard_gemeente="gemeente-a")
    assert await huidige_revisie(engine) == "0006"
    na = await _lees(engine)
    for naam in RIJEN:
        assert len(na[naam]) == len(voor[naam]) == len(RIJEN[naam]), naam
        assert {r.pop("gemeente") for r in na[naam]} == {"gemeente-a"}, naam
        assert na[naam] == voor[naam], naam  # every value unchanged

    # the bot reads them in gemeente-a, and nothing of them in another gemeente
    staat = await SqlStorage(engine, "gemeente-a").read(["msteams/conversations/a:1"])
    assert staat["msteams/conversations/a:1"]["DialogState"]["dialog_stack"][0]["id"] == "escalatie"
    assert await SqlStorage(engine, "gemeente-b").read(["msteams/conversations/a:1"]) == {}
    for gemeente, verwacht in (("gemeente-a", "versie 2"), ("gemeente-b", None)):
        async with maak_sessies(engine, gemeente)() as sessie:
            laatste = await StatusupdateRepository(sessie).laatste("herfst-2026", "jeugdagenda")
            check = await BestuursopdrachtRepository(sessie).met_sleutel("check-1")
        assert (laatste.toelichting if laatste else None) == verwacht
        assert (check.notitie if check else None) == ("oud" if verwacht else None)

    # new versions continue in gemeente-a; the same sleutel is another row in gemeente-b
    nieuw = Statusupdate(
        periode_id="herfst-2026", onderwerp_id="jeugdagenda", status="op-koers", ingediend_door="bram-de-wit", sleutel="upd-3"
    )
    assert (await bewaar_statusupdate(maak_sessies(engine, "gemeente-a"), nieuw)).update.versie == 3
    in_b = await bewaar_statusupdate(maak_sessies(engine, "gemeente-b"), nieuw)
    assert (in_b.update.versie, in_b.nieuw) == (1, True)
    assert (await bewaar_statusupdate(maak_sessies(engine, "gemeente-a"), nieuw)).nieuw is False


async def test_without_configuration_the_rows_go_to_the_default_gemeente(engine_op_vorige_versie):
    engine = engine_op_vorige_versie
    await _vul(engine)
    await upgrade(engine)
    async with engine.connect() as verbinding:
        for naam in RIJEN:
            assert set(await verbinding.scalars(sa.select(sa.column("gemeente")).select_from(sa.table(naam)))) == {"standaard"}
    # no server default remains: a row without a gemeente is refused, not put in the first one
    with pytest.raises(IntegrityError):
        async with engine.begin() as verbinding:
            await verbinding.execute(
                sa.insert(_tabel("onbeantwoorde_vraag", "vraag", "kern", "uitkomst", "kandidaten", "gesteld_op")).values(
                    vraag="v", kern="k", uitkomst="u", kandidaten=[], gesteld_op=T0
                )
            )


async def test_downgrade_back_to_one_gemeente_keeps_the_rows(engine_op_vorige_versie):
    engine = engine_op_vorige_versie
    await _vul(engine)
    voor = await _lees(engine)
    await upgrade(engine, standaard_gemeente="gemeente-a")
    await downgrade(engine, VORIGE)
    assert await _lees(engine) == voor
