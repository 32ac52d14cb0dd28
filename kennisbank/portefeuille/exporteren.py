"""Write a kennisbank's portfolio as the table `importeren` reads (one row per onderwerp)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kennisbank.cellen import neutraliseer_xlsx_cel
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import OPDRACHTGEVERSROLLEN, Onderwerp

KOPPEN = (
    "id",
    "Naam",
    "Soort",
    "Ambtelijk opdrachtgever",
    "Gedelegeerd opdrachtgever",
    "Portefeuillehouder",
    "Vanaf",
    "Afkortingen",
)


def laatste_wissel(onderwerp: Onderwerp) -> date | None:
    """When the current set of opdrachtgevers started (the latest start of a current holder)."""
    starts = [t.vanaf for rol in OPDRACHTGEVERSROLLEN if (t := onderwerp.termijn_op(rol, None)) and t.vanaf]
    return max(starts, default=onderwerp.geldig_vanaf)


def rijen(kennisbank: Kennisbank, op: date | None = None) -> list[list[object]]:
    """One row per onderwerp: persons by name, afkortingen joined with '; '."""

    def naam(pid: str | None) -> str:
        persoon = kennisbank.persoon(pid)
        return persoon.naam if persoon else (pid or "")

    uit: list[list[object]] = []
    for o in kennisbank.bestanden.onderwerpen:
        if op is not None and not o.geldig_op(op):
            continue
        uit.append(
            [
                o.id,
                o.naam,
                kennisbank.soort_naam(o.soort),
                *(naam(o.opdrachtgever_op(rol, op)) for rol in OPDRACHTGEVERSROLLEN),
                laatste_wissel(o),
                "; ".join(o.aliassen),
            ]
        )
    return uit


def exporteer(kennisbank: Kennisbank, naar: Path, op: date | None = None) -> int:
    """Write the xlsx; formula-like text is stored as text. Returns the number of rows."""
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.worksheets[0]  # a new workbook has exactly one sheet, the active one
    blad.title = "Portefeuille"
    blad.append(list(KOPPEN))
    data = rijen(kennisbank, op)
    for rij in data:
        blad.append(rij)
    for cellen in blad.iter_rows(min_row=2):
        for cel in cellen:
            neutraliseer_xlsx_cel(cel)
            if isinstance(cel.value, date):
                cel.number_format = "dd-mm-yyyy"
    Path(naar).parent.mkdir(parents=True, exist_ok=True)
    boek.save(naar)
    return len(data)
