"""A stored enum value this version does not know (db/base.py `TekstEnum`), as a newer version writes
it during a rolling upgrade, is read tolerantly on SQLite and PostgreSQL: the turn, the overview and
the exports still work, the row and its raw value stay, one log line names the enum (no user data),
and people see a neutral Dutch label instead of the unknown word."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from bot.__main__ import main
from db.base import OnbekendeWaarde
from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.modellen.fundament import VerwerkteActiviteit
from db.modellen.rapportage import Herinnering, Herinneringsresultaat, Statusupdate
from db.repositories.rapportage import HerinneringRepository, claim_herinnering
from tests.conftest import TestGesprek, tekst_van
from tests.test_mijn_checks_kaart import _checks
from tests.test_overzicht_kaarten import _vul
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # what a database hands back is what is tested

NIEUW = "voorlopig"
"""A value only a newer version knows."""


async def _schrijf_als_nieuwere_versie(services, sql: str) -> None:
    """Write a raw value past this version's enum, as a newer version (with its own migration of the
    CHECK on `financieel_soort`) would. PostgreSQL: the check is put back NOT VALID in the same
    transaction (it still guards every later row of the run's shared database)."""
    check = next(c for c in Statusupdate.__table__.constraints if c.name == "ck_statusupdate_financieel_compleet")
    async with services.sessies() as sessie:
        verbinding = await sessie.connection()
        if verbinding.dialect.name == "sqlite":
            await sessie.execute(text("PRAGMA ignore_check_constraints = ON"))
            await sessie.execute(text(sql))
            await sessie.commit()
            await sessie.execute(text("PRAGMA ignore_check_constraints = OFF"))
            return
        await sessie.execute(text(f"ALTER TABLE statusupdate DROP CONSTRAINT {check.name}"))
        await sessie.execute(text(sql))
        await sessie.execute(text(f"ALTER TABLE statusupdate ADD CONSTRAINT {check.name} CHECK ({check.sqltext}) NOT VALID"))
        await sessie.commit()


def _meldingen(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "Onbekende waarde" in r.getMessage()]


async def test_mijn_checks_with_an_unknown_advies(gesprek: TestGesprek, services, klok, caplog):
    nieuw = f"{NIEUW}-{uuid.uuid4().hex[:6]}"  # logged once per process: a value of this test's own
    await _checks(services, klok, ["nodig", "twijfel"])
    await _schrijf_als_nieuwere_versie(services, f"UPDATE bestuursopdracht_check SET advies = '{nieuw}' WHERE sleutel = 's1'")
    gesprek.als = "marcel-kossen"
    caplog.set_level(logging.WARNING, logger="db.base")
    for _ in range(2):
        tekst = tekst_van(await gesprek.stuur("mijn checks"))
        assert "Opdracht 00" in tekst and "Opdracht 01" in tekst, tekst
        assert "onbekend advies" in tekst and nieuw not in tekst.met_knoppen, tekst
    [melding] = _meldingen(caplog)  # once, however often the row is read
    assert nieuw in melding and "Uitkomst" in melding and "Opdracht" not in melding
    async with services.sessies() as sessie:
        check = await sessie.scalar(select(BestuursopdrachtCheck).where(BestuursopdrachtCheck.sleutel == "s1"))
        assert isinstance(check.advies, OnbekendeWaarde) and check.advies == nieuw and not check.advies.bekend
        check.notitie = "bijgewerkt"  # a change to another column leaves the unknown value as it was
        await sessie.commit()
    async with services.sessies() as sessie:
        assert await sessie.scalar(text("SELECT advies FROM bestuursopdracht_check WHERE sleutel = 's1'")) == nieuw


async def test_the_checks_export_with_an_unknown_advies(gesprek: TestGesprek, services, klok, settings, monkeypatch, tmp_path):
    await _checks(services, klok, ["nodig", "twijfel"])
    await _schrijf_als_nieuwere_versie(services, f"UPDATE bestuursopdracht_check SET advies = '{NIEUW}' WHERE sleutel = 's1'")
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KENNISBANK", str(settings.kennisbank))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    pad = tmp_path / "checks.csv"
    assert await asyncio.to_thread(main, ["bestuursopdracht", "export", "--uitvoer", str(pad)]) == 0
    _kop, *rijen = list(csv.reader(io.StringIO(pad.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [rij[6] for rij in rijen] == ["Bestuursopdracht nodig", f"onbekend advies ({NIEUW})"]


@pytest.fixture
async def onbekend_financieel(services) -> None:
    """The jeugdagenda's herfst update reports a financial effect of a kind this version doesn't know."""
    await _vul(
        services,
        "jeugdagenda",
        "afwijking",
        maatregel="Regionale inkoop",
        financieel_soort="tegenvaller",
        financieel_bedrag=Decimal("250000"),
    )
    await _schrijf_als_nieuwere_versie(services, f"UPDATE statusupdate SET financieel_soort = '{NIEUW}'")


async def test_the_overview_with_an_unknown_financial_kind(gesprek: TestGesprek, onbekend_financieel):
    tekst = tekst_van(await gesprek.stuur("overzicht rapportage", als="noor-visser"))
    assert "Doorgegeven: **1 van 38**" in tekst and "Jeugdagenda" in tekst, tekst
    assert "Financieel: onbekend financieel effect van € 250.000,00" in tekst, tekst
    assert NIEUW not in tekst.met_knoppen
    assert "Jeugdagenda" not in tekst_van(await gesprek.stuur("wie moet nog", als="noor-visser")).met_knoppen


async def test_a_new_update_after_one_with_an_unknown_financial_kind(gesprek: TestGesprek, services, onbekend_financieel):
    gesprek.als = "marcel-kossen"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    # the form is prefilled with the last version; its unknown kind is not a choice here: asked again
    assert "Kies geen, meevaller of tegenvaller" in tekst_van(await gesprek.stuur(waarde=klik(formulier, "Controleren")))
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Op koers, niets te melden")))[0]
    assert "opgeslagen als versie 2" in tekst_van(await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen")))
    async with services.sessies() as sessie:
        versies = (await sessie.scalars(select(Statusupdate).order_by(Statusupdate.versie))).all()
    assert [(v.versie, v.financieel_soort) for v in versies] == [(1, NIEUW), (2, None)]  # the first is kept as it was


async def test_the_rapportage_export_with_an_unknown_financial_kind(onbekend_financieel, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KENNISBANK", str(settings.kennisbank))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    pad = tmp_path / "herfst.csv"
    argumenten = ["rapportage", "export", "--periode", "herfst-2026", "--format", "csv", "--uitvoer", str(pad)]
    assert await asyncio.to_thread(main, argumenten) == 0
    inhoud = pad.read_text(encoding="utf-8-sig")
    assert "Onbekend financieel effect;250000" in inhoud and NIEUW not in inhoud


async def test_reminders_with_an_unknown_result(services):
    claim = await claim_herinnering(services.sessies, "herfst-2026", services.diensten.klok(), "marcel-kossen")
    await _schrijf_als_nieuwere_versie(services, f"UPDATE herinnering SET resultaat = '{NIEUW}' WHERE id = {claim}")
    async with services.sessies() as sessie:
        [herinnering] = await HerinneringRepository(sessie).alle("herfst-2026")
    assert herinnering.resultaat == NIEUW and herinnering.resultaat != Herinneringsresultaat.BEZIG


async def test_the_dedupe_status_stays_strict(services):
    """`verwerkte_activiteit.status` steers the claim protocol of a turn, which cannot guess what a new
    value means: it still raises (`streng=True`), it does not loop or treat the activity as done."""
    async with services.sessies.begin() as sessie:
        sessie.add(VerwerkteActiviteit(conversatie_id="c", activiteit_id="a"))
    await _schrijf_als_nieuwere_versie(services, f"UPDATE verwerkte_activiteit SET status = '{NIEUW}'")
    async with services.sessies() as sessie:
        with pytest.raises(ValueError, match=NIEUW):
            await sessie.scalar(select(VerwerkteActiviteit.status))
    assert Herinnering.__table__.c.resultaat.type.streng is False


async def test_the_text_form_after_an_unknown_financial_kind_keeps_its_state(bot_client, kennisbank, onbekend_financieel):
    """The console's form keeps the prefilled answers in the conversation state between turns."""
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "marcel-kossen"
    eerste = tekst_van(await console.stuur("statusupdate jeugdagenda"))
    assert "Jeugdagenda" in eerste and NIEUW not in eerste.met_knoppen
    tweede = tekst_van(await console.stuur("stop"))
    assert "ging iets mis" not in tweede and tweede, tweede
