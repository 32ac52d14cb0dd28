"""Issue 3: `python -m bot bestuursopdracht export` — the stored checks as CSV for a
besluitvormingsnota (Dutch headers, ';', UTF-8 BOM), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import io

import pytest

from bot.__main__ import main
from tests.conftest import TestGesprek
from tests.test_bestuursopdracht_gesprek import invulling, kaart_van

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


@pytest.fixture
def omgeving(monkeypatch, settings):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KENNISBANK", str(settings.kennisbank))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")


async def vul_in(gesprek: TestGesprek, als: str, opdracht: str, aan: int, notitie: str = "") -> None:
    gesprek.als = als
    kaart = kaart_van(await gesprek.stuur(f"bestuursopdracht check voor {opdracht}"))
    await gesprek.stuur(waarde=invulling(kaart, aan, notitie))


def lees(pad) -> list[list[str]]:
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM ontbreekt (Excel)"
    return list(csv.reader(io.StringIO(ruw.decode("utf-8-sig"), newline=""), delimiter=";"))


async def test_export_alle_checks(gesprek, kennisbank, omgeving, tmp_path, capsys) -> None:
    await vul_in(gesprek, "marcel-kossen", "de jeugdagenda", 5, notitie="Besproken; ‘wethouder’ akkoord")
    await vul_in(gesprek, "jelle-arentsen", "nieuwe printers", 0)
    pad = tmp_path / "checks.csv"
    code = await asyncio.to_thread(main, ["bestuursopdracht", "export", "--uitvoer", str(pad)])
    assert code == 0
    assert "2 check(s) geschreven" in capsys.readouterr().err
    kop, *rijen = lees(pad)
    kader = kennisbank.bestanden.bestuursopdracht
    assert kop[:9] == [
        "Nummer",
        "Datum en tijd",
        "Ingevuld door",
        "Persoon (id)",
        "Opdracht",
        "Onderwerp",
        "Advies",
        "Aantal criteria dat geldt",
        "Aantal criteria",
    ]
    assert kop[9:22] == [c.tekst for c in kader.criteria]
    assert kop[22:] == ["Notitie", "Versie criteria", "Kenmerk criteria", "Kanaal"]
    eerste, tweede = rijen
    assert eerste[1:9] == [
        "22-11-2026 10:00",
        "Marcel Kossen",
        "marcel-kossen",
        "De jeugdagenda",
        "Jeugdagenda",
        "Bestuursopdracht nodig",
        "5",
        "13",
    ]
    assert eerste[9:22] == ["ja"] * 5 + ["nee"] * 8
    assert eerste[22:] == ["Besproken; ‘wethouder’ akkoord", kader.versie, kader.kenmerk, "msteams"]
    assert tweede[4] == "Nieuwe printers" and tweede[6] == "Geen bestuursopdracht nodig" and tweede[5] == ""


async def test_export_van_een_persoon_naar_het_scherm(gesprek, omgeving, capsysbinary) -> None:
    await vul_in(gesprek, "marcel-kossen", "de jeugdagenda", 2)
    await vul_in(gesprek, "jelle-arentsen", "nieuwe printers", 0)
    code = await asyncio.to_thread(main, ["bestuursopdracht", "export", "--persoon", "jelle-arentsen"])
    assert code == 0
    uit = capsysbinary.readouterr().out
    assert uit.startswith(b"\xef\xbb\xbf")
    rijen = list(csv.reader(io.StringIO(uit.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[4] for r in rijen[1:]] == ["Nieuwe printers"]


async def test_export_zonder_checks_geeft_alleen_koppen(engine, omgeving, tmp_path) -> None:
    pad = tmp_path / "leeg.csv"
    assert await asyncio.to_thread(main, ["bestuursopdracht", "export", "--uitvoer", str(pad)]) == 0
    [kop] = lees(pad)
    assert kop[0] == "Nummer" and kop[-1] == "Kanaal"


def test_export_op_een_niet_bijgewerkte_database_geeft_nette_melding(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'nieuw.db'}")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    assert main(["bestuursopdracht", "export", "--uitvoer", str(tmp_path / "x.csv")]) == 2
    assert "python -m bot db upgrade" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
