"""Issue 10 item 8: user text that starts like a formula (= + - @, tab, CR) never becomes a live
formula in the exports. Data goes in through the bot (HTTP), comes out through the CLI; the xlsx is
opened with openpyxl, the csv read back as text. Numbers stay numbers."""

from __future__ import annotations

import asyncio
import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bot.__main__ import main
from bot.cli.cellen import csv_cel, is_formuleachtig
from tests.conftest import TestGesprek
from tests.test_bestuursopdracht_gesprek import invulling, kaart_van
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

KWAAD = '=HYPERLINK("https://evil.example/login","Klik hier")'


@pytest.fixture
def omgeving(monkeypatch, settings):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KENNISBANK", str(settings.kennisbank))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")


async def _statusupdate(gesprek: TestGesprek, **invoer: str) -> None:
    gesprek.als = "bram-de-wit"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Controleren", **invoer)))[0]
    await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen"))


@pytest.fixture
async def gevuld(gesprek: TestGesprek, omgeving):
    await _statusupdate(
        gesprek, status="afwijking", toelichting=KWAAD, financieel="tegenvaller", bedrag="12.500,50", maatregel="=1+1"
    )
    await _statusupdate(gesprek, status="aandachtspunt", toelichting="@SUM(A1:A9)", maatregel="-2+3")


async def test_xlsx_heeft_geen_formules(gevuld, tmp_path):
    pad = tmp_path / "herfst.xlsx"
    assert await asyncio.to_thread(main, ["rapportage", "export", "--periode", "herfst-2026", "--uitvoer", str(pad)]) == 0
    werkboek = load_workbook(pad)
    cellen = [c for blad in werkboek for rij in blad.iter_rows() for c in rij]
    assert [c.coordinate for c in cellen if c.data_type == "f"] == []
    teksten = {c.value: c for c in cellen if isinstance(c.value, str)}
    for waarde in (KWAAD, "=1+1", "@SUM(A1:A9)", "-2+3"):
        assert teksten[waarde].data_type == "s" and teksten[waarde].quotePrefix, waarde
    blad = werkboek["Laatste stand"]
    koppen = [c.value for c in blad[1]]
    jeugd = dict(zip(koppen, next(r for r in blad.iter_rows(min_row=2) if r[1].value == "Jeugdagenda")))
    assert jeugd["Versie"].data_type == "n" and jeugd["Versie"].value == 2


async def test_csv_zet_een_apostrof_voor_formules(gevuld, tmp_path):
    pad = tmp_path / "herfst.csv"
    assert (
        await asyncio.to_thread(
            main, ["rapportage", "export", "--periode", "herfst-2026", "--format", "csv", "--uitvoer", str(pad)]
        )
        == 0
    )
    historie = list(csv.reader((tmp_path / "herfst-historie.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    koppen = historie[0]
    eerste, tweede = (dict(zip(koppen, r)) for r in historie[1:])
    assert eerste["Toelichting"] == "'" + KWAAD and eerste["Maatregel"] == "'=1+1"
    assert eerste["Bedrag"] == "12500,50"
    assert tweede["Toelichting"] == "'@SUM(A1:A9)" and tweede["Maatregel"] == "'-2+3"
    for rij in historie[1:]:
        assert not any(is_formuleachtig(cel) for cel in rij), rij


async def test_bestuursopdracht_csv(gesprek: TestGesprek, omgeving, tmp_path):
    gesprek.als = "marcel-kossen"
    await gesprek.stuur("bestuursopdracht check")
    kaart = kaart_van(await gesprek.stuur("=1+1"))
    await gesprek.stuur(waarde=invulling(kaart, 2, notitie=KWAAD))
    pad = tmp_path / "checks.csv"
    assert await asyncio.to_thread(main, ["bestuursopdracht", "export", "--uitvoer", str(pad)]) == 0
    kop, rij = list(csv.reader(io.StringIO(pad.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    waarden = dict(zip(kop, rij))
    assert waarden["Opdracht"] == "'=1+1" and waarden["Notitie"] == "'" + KWAAD
    assert waarden["Aantal criteria dat geldt"] == "2"


@pytest.mark.parametrize("tekst", ["=1+1", "+31", "-1", "@A1", "\t=1", "\r=1", "  =1+1"])
def test_formuleachtige_tekst(tekst):
    assert csv_cel(tekst).startswith("'")


@pytest.mark.parametrize("waarde", ["Wachtlijst", "", "1+1", Decimal("-12.5"), -3, None])
def test_gewone_tekst_en_getallen_blijven_zoals_ze_zijn(waarde):
    assert csv_cel(waarde) == str(waarde)
