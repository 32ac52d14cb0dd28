"""Issue 5: the controller's export — one row per onderwerp with the latest version, missing ones
marked, a history of every version; xlsx with Dutch headers, dates and euro formats; csv with ';'
and a UTF-8 BOM. Data goes in through the bot (HTTP), comes out through the CLI."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bot.__main__ import main
from tests.conftest import TestGesprek
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


async def _geef_door(gesprek: TestGesprek, als: str, onderwerp: str, **invoer: str) -> None:
    gesprek.als = als
    formulier = kaarten(await gesprek.stuur(f"statusupdate {onderwerp}"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Controleren", **invoer)))[0]
    await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen"))


@pytest.fixture
async def gevuld(gesprek: TestGesprek, database_url, monkeypatch):
    await _geef_door(gesprek, "marcel-kossen", "jeugdagenda", status="aandachtspunt", toelichting="Wachtlijst")
    await _geef_door(
        gesprek,
        "bram-de-wit",
        "jeugdagenda",
        status="afwijking",
        toelichting="Wachtlijst groeit",
        financieel="tegenvaller",
        bedrag="12.500,50",
        maatregel="Regionale inkoop",
    )
    await _geef_door(gesprek, "jelle-arentsen", "binnenstad", status="op-koers")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return database_url


async def _cli(*argumenten: str) -> int:
    import asyncio

    # the CLI runs its own event loop: give it a thread
    return await asyncio.to_thread(main, list(argumenten))


async def test_export_xlsx(gevuld, tmp_path, capsys):
    pad = tmp_path / "herfst.xlsx"
    assert await _cli("rapportage", "export", "--periode", "herfst-2026", "--format", "xlsx", "--uitvoer", str(pad)) == 0
    assert "38 onderwerpen (2 doorgegeven, 36 ontbreken)" in capsys.readouterr().out
    werkboek = load_workbook(pad)
    assert werkboek.sheetnames == ["Laatste stand", "Historie"]
    blad = werkboek["Laatste stand"]
    koppen = [c.value for c in blad[1]]
    assert koppen[:6] == ["Directeur", "Onderwerp", "Soort", "Gedelegeerd opdrachtgever", "Doorgegeven", "Status"]
    rijen = {r[1].value: r for r in blad.iter_rows(min_row=2)}
    assert len(rijen) == 38
    jeugd = {k: c for k, c in zip(koppen, rijen["Jeugdagenda"])}
    assert jeugd["Status"].value == "Afwijking" and jeugd["Versie"].value == 2
    assert jeugd["Gedelegeerd opdrachtgever"].value == "Bram de Wit"
    assert jeugd["Financieel effect"].value == "Tegenvaller"
    assert Decimal(str(jeugd["Bedrag"].value)) == Decimal("12500.50") and "€" in jeugd["Bedrag"].number_format
    assert isinstance(jeugd["Ingediend op"].value, datetime) and jeugd["Ingediend op"].number_format == "dd-mm-yyyy hh:mm"
    assert jeugd["Ingediend door"].value == "Bram de Wit"
    ontbreekt = {k: c for k, c in zip(koppen, rijen["Sociale agenda"])}
    assert ontbreekt["Doorgegeven"].value == "ONTBREEKT"
    assert ontbreekt["Onderwerp"].fill.fgColor.rgb.endswith("FFD9D9")
    assert {k: c for k, c in zip(koppen, rijen["Binnenstad"])}["Doorgegeven"].value == "Ja"
    historie = [[c.value for c in r] for r in werkboek["Historie"].iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2]) for r in historie if r[0] == "Jeugdagenda"] == [
        ("Jeugdagenda", 1, "Aandachtspunt"),
        ("Jeugdagenda", 2, "Afwijking"),
    ]
    assert len(historie) == 3


async def test_export_csv(gevuld, tmp_path):
    pad = tmp_path / "herfst.csv"
    assert await _cli("rapportage", "export", "--periode", "herfst-2026", "--format", "csv", "--uitvoer", str(pad)) == 0
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")
    rijen = list(csv.reader(pad.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    koppen = rijen[0]
    jeugd = dict(zip(koppen, next(r for r in rijen if r[1] == "Jeugdagenda")))
    assert jeugd["Bedrag"] == "12500,50" and jeugd["Versie"] == "2"
    assert len(jeugd["Ingediend op"]) == 16 and jeugd["Ingediend op"][2] == "-"
    assert sum(1 for r in rijen[1:] if r[4] == "ONTBREEKT") == 36
    historie = list(csv.reader((tmp_path / "herfst-historie.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert len(historie) == 1 + 3


async def test_export_onbekende_periode(gevuld, capsys):
    assert await _cli("rapportage", "export", "--periode", "zomer-2026") == 2
    assert "Onbekende periode 'zomer-2026'. Kies een van: lente-2026, herfst-2026" in capsys.readouterr().err


@pytest.mark.beide_kennisbanken
async def test_export_van_elk_voorbeeld(
    gesprek: TestGesprek, database_url, monkeypatch, tmp_path, capsys, klok, kennisbank, kennisbank_map, voorbeelden
):
    """Submitted by a delegate through the bot, exported by the CLI with KENNISBANK set to the example."""
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    onderwerp = voorbeelden.met_gedelegeerd()
    gd = voorbeelden.gedelegeerd(onderwerp)
    snel = kennisbank.bestanden.rapportage.snelste_status
    await _geef_door(gesprek, gd.id, onderwerp.naam, status=snel.id)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("KENNISBANK", str(kennisbank_map))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    pad = tmp_path / "export.xlsx"
    assert await _cli("rapportage", "export", "--periode", periode.id, "--format", "xlsx", "--uitvoer", str(pad)) == 0
    totaal = sum(o.geldig_op(periode.peildatum) for o in kennisbank.bestanden.onderwerpen)
    assert f"{totaal} onderwerpen (1 doorgegeven, {totaal - 1} ontbreken)" in capsys.readouterr().out
    blad = load_workbook(pad)["Laatste stand"]
    koppen = [c.value for c in blad[1]]
    rij = next({k: c.value for k, c in zip(koppen, r)} for r in blad.iter_rows(min_row=2) if r[1].value == onderwerp.naam)
    assert (rij["Status"], rij["Gedelegeerd opdrachtgever"], rij["Ingediend door"]) == (snel.naam, gd.naam, gd.naam)
    assert rij[koppen[0]] == voorbeelden.ao(onderwerp).naam  # the first column: named as the organisation says


@pytest.fixture
def binnenstad_afgelopen(gevuld, tmp_path, monkeypatch):
    """The same data, with a kennisbank in which Binnenstad (which has an update) ended before the
    peildatum of herfst 2026 (1 oktober 2026)."""
    import shutil

    from tests.conftest import STANDAARD_KENNISBANK

    kb = tmp_path / "kb"
    shutil.copytree(STANDAARD_KENNISBANK, kb)
    onderwerpen = kb / "onderwerpen.yaml"
    tekst = onderwerpen.read_text(encoding="utf-8")
    blok = "- id: binnenstad\n"
    begin = tekst.index(blok)
    eind = tekst.index("  geldig_vanaf: 2011-06-21\n", begin) + len("  geldig_vanaf: 2011-06-21\n")
    onderwerpen.write_text(tekst[:eind] + "  geldig_tot: 2026-09-30\n" + tekst[eind:], encoding="utf-8")
    monkeypatch.setenv("KENNISBANK", str(kb))
    return gevuld


async def test_export_telt_alleen_onderwerpen_geldig_op_de_peildatum(binnenstad_afgelopen, tmp_path, capsys):
    pad = tmp_path / "herfst.xlsx"
    assert await _cli("rapportage", "export", "--periode", "herfst-2026", "--format", "xlsx", "--uitvoer", str(pad)) == 0
    uit = capsys.readouterr().out
    assert "37 onderwerpen (1 doorgegeven, 36 ontbreken)" in uit
    assert "niet geldig op de peildatum (1 oktober 2026): 1 onderwerpen met toch een statusupdate" in uit
    werkboek = load_workbook(pad)
    assert werkboek.sheetnames == ["Laatste stand", "Historie", "Niet geldig op peildatum"]
    assert "Binnenstad" not in [r[1].value for r in werkboek["Laatste stand"].iter_rows(min_row=2)]
    [apart] = [[c.value for c in r] for r in werkboek["Niet geldig op peildatum"].iter_rows(min_row=2)]
    assert apart[1] == "Binnenstad" and apart[4] == "Ja" and apart[5] == "Op koers"

    pad = tmp_path / "herfst.csv"
    assert await _cli("rapportage", "export", "--periode", "herfst-2026", "--format", "csv", "--uitvoer", str(pad)) == 0
    rijen = list(csv.reader(pad.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert len(rijen) == 1 + 37 and "Binnenstad" not in [r[1] for r in rijen]
    apart = list(
        csv.reader((tmp_path / "herfst-buiten-peildatum.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    )
    assert [r[1] for r in apart[1:]] == ["Binnenstad"]


async def test_export_zonder_afwijkers_heeft_geen_apart_blad(gevuld, tmp_path, capsys):
    pad = tmp_path / "herfst.csv"
    assert await _cli("rapportage", "export", "--periode", "herfst-2026", "--format", "csv", "--uitvoer", str(pad)) == 0
    assert "niet geldig op de peildatum" not in capsys.readouterr().out
    assert not (tmp_path / "herfst-buiten-peildatum.csv").exists()
