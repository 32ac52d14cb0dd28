"""Issue 5: statusupdates are versioned, idempotent per sleutel, safe under concurrency;
reminder leases are taken once. Runs on SQLite and PostgreSQL (the `sessies` fixture)."""

import asyncio
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db.modellen.rapportage import Herinnering, Statusupdate
from db.repositories.rapportage import (
    StatusupdateRepository,
    bewaar_statusupdate,
    claim_herinnering,
    geef_herinnering_vrij,
)

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


def _update(sleutel: str, onderwerp: str = "jeugdagenda", status: str = "op-koers", **velden) -> Statusupdate:
    return Statusupdate(
        periode_id="herfst-2026",
        onderwerp_id=onderwerp,
        status=status,
        ingediend_door="marcel-kossen",
        sleutel=sleutel,
        **velden,
    )


async def test_elke_indiening_is_een_nieuwe_versie(sessies):
    eerste = await bewaar_statusupdate(sessies, _update("a"))
    tweede = await bewaar_statusupdate(
        sessies,
        _update(
            "b",
            status="afwijking",
            toelichting="Vertraging",
            maatregel="Extra inzet",
            financieel_soort="tegenvaller",
            financieel_bedrag=Decimal("12500.50"),
        ),
    )
    assert (eerste.update.versie, tweede.update.versie) == (1, 2)
    async with sessies() as sessie:
        repo = StatusupdateRepository(sessie)
        historie = await repo.historie("herfst-2026", "jeugdagenda")
        laatste = await repo.laatste("herfst-2026", "jeugdagenda")
    assert [u.status for u in historie] == ["op-koers", "afwijking"]
    assert laatste.versie == 2 and laatste.financieel_bedrag == Decimal("12500.50")
    assert isinstance(laatste.financieel_bedrag, Decimal)


async def test_zelfde_sleutel_geeft_geen_dubbele(sessies):
    eerste = await bewaar_statusupdate(sessies, _update("dubbel"))
    nog_eens = await bewaar_statusupdate(sessies, _update("dubbel", status="afwijking"))
    assert eerste.nieuw and not nog_eens.nieuw
    assert nog_eens.update.id == eerste.update.id and nog_eens.update.status == "op-koers"
    async with sessies() as sessie:
        assert await sessie.scalar(select(func.count()).select_from(Statusupdate)) == 1


async def test_gelijktijdige_indieningen_verliezen_niets(sessies):
    sleutels = [f"s{i}" for i in range(20)]
    resultaten = await asyncio.gather(
        *[bewaar_statusupdate(sessies, _update(s)) for s in sleutels],
        *[bewaar_statusupdate(sessies, _update(s)) for s in sleutels[:5]],  # double clicks
    )
    assert sum(r.nieuw for r in resultaten) == 20
    async with sessies() as sessie:
        versies = (await sessie.scalars(select(Statusupdate.versie).order_by(Statusupdate.versie))).all()
    assert versies == list(range(1, 21))


async def test_laatste_per_onderwerp(sessies):
    await bewaar_statusupdate(sessies, _update("1", onderwerp="jeugdagenda"))
    await bewaar_statusupdate(sessies, _update("2", onderwerp="jeugdagenda", status="aandachtspunt", toelichting="x"))
    await bewaar_statusupdate(sessies, _update("3", onderwerp="sociale-agenda"))
    async with sessies() as sessie:
        repo = StatusupdateRepository(sessie)
        laatste = await repo.laatste_per_onderwerp("herfst-2026")
        alleen = await repo.laatste_per_onderwerp("herfst-2026", ["sociale-agenda"])
        ander = await repo.laatste_per_onderwerp("lente-2027")
    assert {k: v.status for k, v in laatste.items()} == {"jeugdagenda": "aandachtspunt", "sociale-agenda": "op-koers"}
    assert list(alleen) == ["sociale-agenda"]
    assert ander == {}


async def test_database_weigert_half_financieel_effect(sessies):
    with pytest.raises(IntegrityError):
        async with sessies.begin() as sessie:
            sessie.add(
                Statusupdate(
                    periode_id="p",
                    onderwerp_id="o",
                    versie=1,
                    status="op-koers",
                    ingediend_door="x",
                    sleutel="half",
                    financieel_soort="meevaller",
                    financieel_bedrag=None,
                )
            )


async def test_herinnering_lease_maar_een_keer(sessies):
    moment = datetime(2026, 11, 16, 8, 0, tzinfo=timezone.utc)
    claims = await asyncio.gather(*[claim_herinnering(sessies, "herfst-2026", moment, "marcel-kossen") for _ in range(5)])
    gelukt = [c for c in claims if c is not None]
    assert len(gelukt) == 1
    await geef_herinnering_vrij(sessies, gelukt[0])
    assert await claim_herinnering(sessies, "herfst-2026", moment, "marcel-kossen") is not None
    async with sessies() as sessie:
        assert await sessie.scalar(select(func.count()).select_from(Herinnering)) == 1
