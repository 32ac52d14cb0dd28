"""Read a portfolio table (xlsx or csv) into `Rij`s with their sheet, row and column names.

Columns are recognised by name, case- and space-insensitively, with synonyms (`SYNONIEMEN`) or
as configured (`kolommen={"ambtelijk": "Directeur"}`). A header may span two rows (a merged
"Opdrachtgever" cell above "ambtelijk | gedelegeerd"). Empty rows are skipped.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kennisbank.zoeken.datums import MAANDNAMEN

VELDEN = ("id", "naam", "soort", "ambtelijk", "gedelegeerd", "bestuurlijk", "vanaf", "afkortingen")

SYNONIEMEN: dict[str, tuple[str, ...]] = {
    "id": ("id", "code", "sleutel"),
    "naam": ("naam", "onderwerp", "naam onderwerp", "onderwerp naam", "portefeuille"),
    "soort": ("soort", "type", "categorie", "soort onderwerp"),
    "ambtelijk": ("ambtelijk opdrachtgever", "ambtelijk", "ao", "ambtelijke opdrachtgever", "concerndirecteur"),
    "gedelegeerd": (
        "gedelegeerd opdrachtgever",
        "gedelegeerd",
        "gedelegeerde opdrachtgever",
        "doorgemandateerd opdrachtgever",
        "gemandateerd opdrachtgever",
    ),
    "bestuurlijk": (
        "portefeuillehouder",
        "bestuurlijk opdrachtgever",
        "bestuurlijke opdrachtgever",
        "bestuurlijk",
        "wethouder",
        "bo",
    ),
    "vanaf": ("vanaf", "per", "ingangsdatum", "geldig vanaf", "datum", "met ingang van"),
    "afkortingen": ("afkortingen", "afkorting", "aliassen", "ook bekend als", "andere namen"),
}


@dataclass(frozen=True)
class Probleem:
    """One problem in the table, placed by sheet, row and column (all optional)."""

    tekst: str
    blad: str | None = None
    rij: int | None = None
    kolom: str | None = None

    def __str__(self) -> str:
        plek = ", ".join(
            p
            for p in (
                f"blad '{self.blad}'" if self.blad else None,
                f"rij {self.rij}" if self.rij else None,
                f"kolom '{self.kolom}'" if self.kolom else None,
            )
            if p
        )
        return f"{plek}: {self.tekst}" if plek else self.tekst


@dataclass
class Rij:
    """One data row: values by field name, plus where it came from."""

    blad: str
    nummer: int
    waarden: dict[str, object]
    koppen: dict[str, str] = field(default_factory=dict)
    """field -> the column name as written in the sheet (for messages)."""

    def tekst(self, veld: str) -> str:
        waarde = self.waarden.get(veld)
        if waarde is None:
            return ""
        if isinstance(waarde, float) and waarde.is_integer():
            waarde = int(waarde)
        return " ".join(str(waarde).split())


@dataclass
class Tabel:
    rijen: list[Rij]
    problemen: list[Probleem]
    kolommen: dict[str, str]
    """field -> column name found in the sheet."""


def normaal(tekst: object) -> str:
    """'  Ambtelijk-Opdrachtgever: ' -> 'ambtelijk opdrachtgever'."""
    return " ".join(re.sub(r"[^\w@.]+", " ", str(tekst or "").casefold()).replace("_", " ").split())


def _herken(kop: str, kolommen: dict[str, str]) -> str | None:
    """The field a column header means, or None."""
    woorden = normaal(kop)
    if not woorden:
        return None
    for veld, naam in kolommen.items():
        if normaal(naam) == woorden:
            return veld
    for veld, namen in SYNONIEMEN.items():
        if veld in kolommen:
            continue
        if any(woorden == n or sorted(woorden.split()) == sorted(n.split()) for n in namen):
            return veld
    return None


def lees_tabel(pad: Path, kolommen: dict[str, str] | None = None, blad: str | None = None) -> Tabel:
    """All data rows of the first sheet (or `blad`) with a recognisable header."""
    kolommen = kolommen or {}
    pad = Path(pad)
    if not pad.exists():
        return Tabel([], [Probleem(f"bestand {pad} bestaat niet")], {})
    if pad.suffix.lower() == ".csv":
        return _uit_raster(pad.name, _csv_raster(pad), kolommen)
    if pad.suffix.lower() not in (".xlsx", ".xlsm"):
        return Tabel([], [Probleem(f"{pad.name}: alleen .xlsx en .csv kan ik lezen")], {})
    try:
        from openpyxl import load_workbook

        boek = load_workbook(pad, data_only=True)
    except Exception as fout:  # a damaged or non-Excel file: a message, not a traceback
        return Tabel([], [Probleem(f"{pad.name} is geen leesbaar Excel-bestand ({type(fout).__name__})")], {})
    if blad is not None and blad not in boek.sheetnames:
        return Tabel([], [Probleem(f"blad '{blad}' bestaat niet; wel: {', '.join(boek.sheetnames)}")], {})
    werkblad = boek[blad] if blad else boek.worksheets[0]
    raster: list[list[object]] = [list(r) for r in werkblad.iter_rows(values_only=True)]
    for bereik in werkblad.merged_cells.ranges:  # merged cells: every cell gets the top-left value
        waarde = werkblad.cell(bereik.min_row, bereik.min_col).value
        for r in range(bereik.min_row, bereik.max_row + 1):
            for k in range(bereik.min_col, bereik.max_col + 1):
                if r - 1 < len(raster) and k - 1 < len(raster[r - 1]):
                    raster[r - 1][k - 1] = waarde
    return _uit_raster(werkblad.title, raster, kolommen)


def _csv_raster(pad: Path) -> list[list[object]]:
    tekst = pad.read_text(encoding="utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(tekst[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(tekst.splitlines(), dialect)]


def _uit_raster(blad: str, raster: list[list[object]], kolommen: dict[str, str]) -> Tabel:
    kop_rij, velden, koppen = _zoek_kop(raster, kolommen)
    if kop_rij is None:
        return Tabel(
            [], [Probleem("geen kopregel gevonden met ten minste de kolommen naam en ambtelijk opdrachtgever", blad)], {}
        )
    problemen = []
    for veld, naam in kolommen.items():
        if veld not in koppen:
            problemen.append(Probleem(f"ingestelde kolom '{naam}' voor {veld} staat niet in de kopregel", blad, kop_rij + 1))
    rijen = []
    for index in range(kop_rij + 1, len(raster)):
        cellen = raster[index]
        waarden = {veld: _schoon(cellen[k]) if k < len(cellen) else None for k, veld in velden.items()}
        if all(w is None for w in waarden.values()):
            continue  # empty row
        rijen.append(Rij(blad, index + 1, waarden, koppen))
    return Tabel(rijen, problemen, koppen)


def _schoon(waarde: object) -> object:
    if isinstance(waarde, str):
        waarde = waarde.strip()
        return waarde or None
    return waarde


def _zoek_kop(raster: list[list[object]], kolommen: dict[str, str]) -> tuple[int | None, dict[int, str], dict[str, str]]:
    """The header row (0-based), column index -> field, and field -> header text as written.

    A header may combine the row above (a merged 'Opdrachtgever' over 'Ambtelijk')."""
    beste: tuple[int | None, dict[int, str], dict[str, str]] = (None, {}, {})
    for r in range(min(len(raster), 15)):
        velden: dict[int, str] = {}
        koppen: dict[str, str] = {}
        for k, cel in enumerate(raster[r]):
            boven = raster[r - 1][k] if r > 0 and k < len(raster[r - 1]) else None
            cel, boven = _schoon(cel), _schoon(boven)
            if cel is None:
                kandidaten = [boven] if boven is not None else []
            else:
                kandidaten = [cel] + ([f"{boven} {cel}", f"{cel} {boven}"] if boven is not None and boven != cel else [])
            for kandidaat in kandidaten:
                veld = _herken(str(kandidaat), kolommen)
                if veld and veld not in velden.values():
                    velden[k], koppen[veld] = veld, " ".join(str(kandidaat).split())
                    break
        if "naam" in velden.values() and "ambtelijk" in velden.values() and len(velden) > len(beste[1]):
            beste = (r, velden, koppen)
    return beste


def lees_datum(waarde: object) -> date | None:
    """A date from an Excel date, an ISO/Dutch text date ('1-3-2024', '1 maart 2024'); None if unreadable."""
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    tekst = " ".join(str(waarde).casefold().split())
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", tekst):
        j, mnd, d = (int(x) for x in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", tekst):
        d, mnd, j = (int(x) for x in m.groups())
    elif m := re.fullmatch(r"(\d{1,2}) ([a-z]+)\.? (\d{4})", tekst):
        maand = next(
            (i for i, n in enumerate(MAANDNAMEN, 1) if n == m.group(2) or (len(m.group(2)) >= 3 and n.startswith(m.group(2)))),
            None,
        )
        if maand is None:
            return None
        d, mnd, j = int(m.group(1)), maand, int(m.group(3))
    else:
        return None
    try:
        return date(j, mnd, d)
    except ValueError:
        return None
