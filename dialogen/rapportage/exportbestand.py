"""The controller's export of a period's statusupdates, built once for the CLI and for the bot in
Teams (`dialogen.rapportage.export`): one row per onderwerp valid on the peildatum with its latest
version (missing ones marked), every version on a "Historie" sheet, and apart (a sheet or a file of its
own, only when there are any) the onderwerpen NOT valid on the peildatum that have an update anyway:
they are not counted; xlsx or csv with Dutch headers, local dates and euro
amounts. Text that a spreadsheet would run as a formula is neutralised (`dialogen.cellen`).
Which onderwerpen count and who held which role come from the domain (`rapportage`), as in the
overviews and the reminders. No botbuilder here: only the domain service and the texts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from db.modellen.rapportage import Statusupdate
from dialogen.cellen import csv_cel, neutraliseer_xlsx_cel
from dialogen.rapportage.invoer import financieel_sleutel
from dialogen.teksten import Teksten
from kennisbank.rapportage import Periode
from rapportage import Rapportagestand

EURO = '"€" #,##0.00'
DATUMTIJD = "dd-mm-yyyy hh:mm"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Export:
    kolommen: list[str]
    rijen: list[list[Any]]
    ontbrekend: list[bool]
    historie_kolommen: list[str]
    historie: list[list[Any]]
    buiten: list[list[Any]] = field(default_factory=list)
    """Onderwerpen not valid on the peildatum that have an update: shown apart, never counted."""


async def bouw_export(stand: Rapportagestand, teksten: Teksten, periode: Periode) -> Export:
    kennisbank, regels = stand.kennisbank, stand.regels
    rapportage = regels.rapportage
    vorige_periode = rapportage.vorige_periode(periode)
    laatste = await stand.laatste(periode)
    vorige = await stand.laatste(vorige_periode) if vorige_periode else {}
    historie = await stand.historie(periode)
    onderwerpen = [o for o in kennisbank.bestanden.onderwerpen if regels.telt_mee(o, periode.peildatum) or o.id in laatste]
    zone = rapportage.zone

    def naam(persoon_id: str | None) -> str:
        persoon = kennisbank.persoon(persoon_id)
        return persoon.naam if persoon else (persoon_id or "")

    def status(status_id: str | None) -> str:
        gevonden = rapportage.status(status_id)
        return gevonden.naam if gevonden else (status_id or "")

    def moment(waarde: datetime) -> datetime:
        return waarde.astimezone(zone).replace(tzinfo=None, microsecond=0)

    def financieel(update: Statusupdate) -> list[Any]:
        if update.financieel_soort is None or update.financieel_bedrag is None:  # both or neither (a db constraint)
            return ["", None]
        return [teksten.tekst(f"rapportage.{financieel_sleutel(update.financieel_soort)}"), Decimal(update.financieel_bedrag)]

    rijen: list[list[Any]] = []
    ontbrekend: list[bool] = []
    buiten: list[list[Any]] = []
    for onderwerp in onderwerpen:
        update = laatste.get(onderwerp.id)
        vorig = vorige.get(onderwerp.id)
        geldig = regels.telt_mee(onderwerp, periode.peildatum)
        op = periode.peildatum if geldig else None  # owners on the peildatum
        basis = [
            naam(onderwerp.opdrachtgever_op("ambtelijk", op)),
            onderwerp.naam,
            kennisbank.soort_naam(onderwerp.soort),
            naam(onderwerp.opdrachtgever_op("gedelegeerd", op)),
        ]
        if update is None:
            rijen.append(
                basis
                + [
                    teksten.tekst("rapportage.export_ontbreekt"),
                    "",
                    None,
                    "",
                    "",
                    None,
                    "",
                    "",
                    None,
                    status(vorig.status) if vorig else "",
                ]
            )
        else:
            (rijen if geldig else buiten).append(
                basis
                + [
                    teksten.tekst("rapportage.export_ja"),
                    status(update.status),
                    update.versie,
                    update.toelichting or "",
                    *financieel(update),
                    update.maatregel or "",
                    naam(update.ingediend_door),
                    moment(update.ingediend_op),
                    status(vorig.status) if vorig else "",
                ]
            )
            if not geldig:
                continue
        ontbrekend.append(update is None)
    onderwerp_namen = {o.id: o.naam for o in kennisbank.bestanden.onderwerpen}
    historie_rijen = [
        [
            onderwerp_namen.get(u.onderwerp_id, u.onderwerp_id),
            u.versie,
            status(u.status),
            u.toelichting or "",
            *financieel(u),
            u.maatregel or "",
            naam(u.ingediend_door),
            moment(u.ingediend_op),
        ]
        for u in historie
    ]
    kolommen = teksten.lijst("rapportage.export_kolommen")
    if functie := kennisbank.organisatie.functie_van("ambtelijk"):  # the first column: who, as the organisation says
        kolommen = [functie[:1].upper() + functie[1:], *kolommen[1:]]
    return Export(kolommen, rijen, ontbrekend, teksten.lijst("rapportage.export_kolommen_historie"), historie_rijen, buiten)


def schrijf_xlsx(export: Export, teksten: Teksten, pad: Path | BinaryIO) -> None:
    """The workbook to a file path or a binary stream."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    rood = PatternFill("solid", fgColor="FFD9D9")
    werkboek = Workbook()
    laatste = werkboek.worksheets[0]  # a new workbook has exactly one sheet, the active one
    laatste.title = teksten.tekst("rapportage.export_blad_laatste")
    historie = werkboek.create_sheet(teksten.tekst("rapportage.export_blad_historie"))
    bladen = [
        (laatste, export.kolommen, export.rijen, export.ontbrekend),
        (historie, export.historie_kolommen, export.historie, [False] * len(export.historie)),
    ]
    if export.buiten:
        bladen.append(
            (
                werkboek.create_sheet(teksten.tekst("rapportage.export_blad_buiten")),
                export.kolommen,
                export.buiten,
                [False] * len(export.buiten),
            )
        )
    for blad, kolommen, rijen, markeer in bladen:
        blad.append(kolommen)
        for cel in blad[1]:
            cel.font = Font(bold=True)
        for rij, ontbreekt in zip(rijen, markeer):
            blad.append(rij)
            for cel in blad[blad.max_row]:
                neutraliseer_xlsx_cel(cel)
                if isinstance(cel.value, Decimal):
                    cel.number_format = EURO
                elif isinstance(cel.value, datetime):
                    cel.number_format = DATUMTIJD
                if ontbreekt:
                    cel.fill = rood
        blad.freeze_panes = "A2"
        blad.auto_filter.ref = blad.dimensions
        for index, kop in enumerate(kolommen, start=1):
            breedte = max([len(str(kop))] + [len(als_tekst(r[index - 1])) for r in rijen]) + 2
            blad.column_dimensions[get_column_letter(index)].width = min(breedte, 60)
    if isinstance(pad, Path):
        pad.parent.mkdir(parents=True, exist_ok=True)
    werkboek.save(pad)


def xlsx_bytes(export: Export, teksten: Teksten) -> bytes:
    """The workbook as bytes, for a download."""
    buffer = io.BytesIO()
    schrijf_xlsx(export, teksten, buffer)
    return buffer.getvalue()


def schrijf_csv(export: Export, pad: Path) -> tuple[Path, Path | None]:
    """The latest versions to `pad`, every version to `<pad stem>-historie.csv`, and the onderwerpen
    not valid on the peildatum (only when there are any) to `<pad stem>-buiten-peildatum.csv`;
    returns the latter two paths."""
    historie_pad = pad.with_name(f"{pad.stem}-historie{pad.suffix or '.csv'}")
    buiten_pad = pad.with_name(f"{pad.stem}-buiten-peildatum{pad.suffix or '.csv'}") if export.buiten else None
    pad.parent.mkdir(parents=True, exist_ok=True)
    bestanden = [(pad, export.kolommen, export.rijen), (historie_pad, export.historie_kolommen, export.historie)]
    if buiten_pad is not None:
        bestanden.append((buiten_pad, export.kolommen, export.buiten))
    for doel, kolommen, rijen in bestanden:
        with doel.open("w", encoding="utf-8-sig", newline="") as bestand:
            schrijver = csv.writer(bestand, delimiter=";")
            schrijver.writerow(kolommen)
            for rij in rijen:
                schrijver.writerow([csv_cel(w, als_tekst) for w in rij])
    return historie_pad, buiten_pad


def als_tekst(waarde: Any) -> str:
    """Dutch cell text: 12500,00 and 22-11-2026 10:00."""
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}".replace(".", ",")
    if isinstance(waarde, datetime):
        return waarde.strftime("%d-%m-%Y %H:%M")
    return str(waarde)
