"""Import and export of the portfolio table (issue 12): real xlsx files made with openpyxl."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kennisbank.__main__ import main
from kennisbank.laden import laad_kennisbank
from kennisbank.portefeuille.exporteren import exporteer
from kennisbank.portefeuille.importeren import importeer
from tests.kennis_eenmaal import KENNISBANKEN

VOORBEELD = Path(__file__).parents[1] / "kennisbank" / "voorbeeld"


@pytest.fixture
def kb_map(tmp_path: Path) -> Path:
    doel = tmp_path / "kb"
    shutil.copytree(VOORBEELD, doel)
    return doel


def _gemeente_xlsx(pad: Path, rijen: list[list[object]]) -> Path:
    """A sheet as a gemeente keeps it: title row, merged 'Opdrachtgever' header over two columns,
    an empty row between data rows, trailing spaces."""
    boek = Workbook()
    blad = boek.active
    blad.title = "Verdeling 2024"
    blad.append(["Portefeuilleverdeling concerndirectie"])
    blad.append(["Onderwerp ", "Soort", "Opdrachtgever", None, "Portefeuillehouder", "Per", "Afkortingen"])
    blad.append([None, None, "Ambtelijk", "Gedelegeerd", None, None, None])
    blad.merge_cells("C2:D2")
    blad.merge_cells("A2:A3")
    for rij in rijen:
        blad.append(rij)
        blad.append([])
    boek.save(pad)
    return pad


def test_a_changed_owner_becomes_a_dated_entry_and_comments_stay(kb_map: Path, tmp_path: Path):
    kennisbank = laad_kennisbank(kb_map)
    voor = (kb_map / "onderwerpen.yaml").read_text()
    bestand = _gemeente_xlsx(
        tmp_path / "verdeling.xlsx",
        [
            ["Ruimtelijke agenda  ", "Programmatisch", "Marcel Kossen ", None, "Ruben Hoekstra", datetime(2025, 1, 1), "RA"],
            [
                "Duurzaamheidsagenda",
                "agenda",
                "flora.vanhouwelingen@voorbeeldgemeente.nl",
                "Lotte Jansen",
                None,
                "1-1-2025",
                None,
            ],
        ],
    )
    proef = importeer(kennisbank, bestand, kb_map, proef=True)
    assert not proef.problemen, [str(p) for p in proef.problemen]
    assert (kb_map / "onderwerpen.yaml").read_text() == voor  # --proef writes nothing
    assert any("ambtelijk opdrachtgever Jelle Arentsen -> Marcel Kossen vanaf 2025-01-01" in w for w in proef.wijzigingen)

    resultaat = importeer(kennisbank, bestand, kb_map)
    assert resultaat.geschreven
    na = (kb_map / "onderwerpen.yaml").read_text()
    assert "# fictief: de wethouders en de herverdeling van 1 januari 2024 zijn voorbeeldgegevens." in na
    assert "# fictief: wethouder en herverdeling zijn voorbeeldgegevens.\n- id: bdo\n" in na
    assert 'factsheet V – de "dynamische' in na  # the header comment
    nieuw = laad_kennisbank(kb_map).onderwerpen["ruimtelijke-agenda"]
    assert nieuw.opdrachtgever_op("ambtelijk", date(2024, 12, 31)) == "jelle-arentsen"
    assert nieuw.opdrachtgever_op("ambtelijk", date(2025, 1, 1)) == "marcel-kossen"
    assert nieuw.opdrachtgever_op("bestuurlijk", date(2025, 6, 1)) == "ruben-hoekstra"
    bdo = laad_kennisbank(kb_map).onderwerpen["bdo"]
    assert bdo.opdrachtgever_op("bestuurlijk", date(2023, 6, 1)) == "ruben-hoekstra"  # older history kept
    assert "RA" in nieuw.aliassen
    # the duurzaamheidsagenda's owners did not change (e-mail matched): no new entry
    assert laad_kennisbank(kb_map).onderwerpen["duurzaamheidsagenda"] == kennisbank.onderwerpen["duurzaamheidsagenda"]


def test_every_problem_is_reported_by_sheet_row_and_column(kb_map: Path, tmp_path: Path):
    kennisbank = laad_kennisbank(kb_map)
    voor = (kb_map / "onderwerpen.yaml").read_text()
    bestand = _gemeente_xlsx(
        tmp_path / "fout.xlsx",
        [
            ["Ruimtelijke agenda", "agenda", "Piet Onbekend", None, None, "2025-01-01", None],  # row 4
            ["Sociale agenda", "agenda", "Marcel Kossen", None, None, "31 februari 2025", None],  # row 6
            ["Jeugdagenda", "agenda", None, None, None, None, None],  # row 8
            ["Ruimtelijke agenda", "agenda", "Jelle Arentsen", None, None, None, None],  # row 10
            ["Duurzaamheidsagenda", "agenda", "Flora", "Jansen", None, None, None],  # row 12
        ],
    )
    resultaat = importeer(kennisbank, bestand, kb_map)
    teksten = [str(p) for p in resultaat.problemen]
    assert "blad 'Verdeling 2024', rij 4, kolom 'Ambtelijk': persoon 'Piet Onbekend' staat niet in personen.yaml" in teksten[0]
    assert "rij 6, kolom 'Per': datum '31 februari 2025' kan ik niet lezen" in teksten[1]
    assert "rij 8" in teksten[2] and "ambtelijk opdrachtgever ontbreekt" in teksten[2]
    assert "rij 10" in teksten[3] and "staat dubbel in de tabel (ook op rij 4)" in teksten[3]
    assert len(teksten) == 4  # 'Flora' and 'Jansen' are unique parts of one name each
    assert not resultaat.geschreven and (kb_map / "onderwerpen.yaml").read_text() == voor


def test_an_ambiguous_name_is_a_problem(kb_map: Path, tmp_path: Path):
    kennisbank = laad_kennisbank(kb_map)
    pad = tmp_path / "t.csv"
    pad.write_text("naam;ambtelijk opdrachtgever;vanaf\nRuimtelijke agenda;Concerndirecteur;2025-01-01\n", encoding="utf-8")
    resultaat = importeer(kennisbank, pad, kb_map, kolommen={"ambtelijk": "ambtelijk opdrachtgever"})
    assert resultaat.problemen  # 'Concerndirecteur' is no name
    pad.write_text("Naam ;AO;Vanaf\nRuimtelijke agenda;Jelle Arentsen;\nSociale agenda;marcel;\n", encoding="utf-8")
    assert not importeer(kennisbank, pad, kb_map).problemen  # no change, no date needed


@pytest.mark.parametrize("voorbeeld", list(KENNISBANKEN.values()), ids=list(KENNISBANKEN))
def test_round_trip_on_every_example_loses_nothing(voorbeeld: Path, tmp_path: Path):
    kb_map = tmp_path / "kb"
    shutil.copytree(voorbeeld, kb_map)
    kennisbank = laad_kennisbank(kb_map)
    voor = (kb_map / "onderwerpen.yaml").read_text()
    assert main(["exporteer", str(kb_map), "--naar", str(tmp_path / "p.xlsx")]) == 0
    blad = load_workbook(tmp_path / "p.xlsx").active
    assert [c.value for c in blad[1]][:4] == ["id", "Naam", "Soort", "Ambtelijk opdrachtgever"]
    assert blad.max_row == len(kennisbank.bestanden.onderwerpen) + 1
    resultaat = importeer(kennisbank, tmp_path / "p.xlsx", kb_map)
    assert not resultaat.problemen and not resultaat.wijzigingen
    assert main(["importeer", str(tmp_path / "p.xlsx"), "--naar", str(kb_map)]) == 0
    assert (kb_map / "onderwerpen.yaml").read_text() == voor
    # the same table saved as csv by a spreadsheet (dates as text) reads the same
    with (tmp_path / "p.csv").open("w", encoding="utf-8-sig", newline="") as bestand:
        schrijver = csv.writer(bestand, delimiter=";")
        for rij in blad.iter_rows(values_only=True):
            schrijver.writerow(
                [w.strftime("%d-%m-%Y") if isinstance(w, (date, datetime)) else ("" if w is None else w) for w in rij]
            )
    resultaat = importeer(kennisbank, tmp_path / "p.csv", kb_map)
    assert not resultaat.problemen and not resultaat.wijzigingen
    # and the history survives: every onderwerp answers for every day as before
    na = laad_kennisbank(kb_map)
    for onderwerp in kennisbank.bestanden.onderwerpen:
        assert na.onderwerpen[onderwerp.id].historie == onderwerp.historie


def test_export_neutralises_formula_like_aliases(kb_map: Path, tmp_path: Path):
    tekst = (kb_map / "onderwerpen.yaml").read_text().replace("    - Ruimtelijke ag.\n", '    - "=HYPERLINK(1)"\n', 1)
    (kb_map / "onderwerpen.yaml").write_text(tekst)
    exporteer(laad_kennisbank(kb_map), tmp_path / "p.xlsx")
    cel = load_workbook(tmp_path / "p.xlsx").active["H2"]
    assert cel.data_type == "s" and cel.value.startswith("=HYPERLINK(1)")
