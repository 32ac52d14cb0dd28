"""`python -m bot rapportage export --periode ID --format xlsx|csv [--uitvoer PAD]`.

One row per onderwerp with its latest version in the period (missing ones marked), plus every
version: a "Historie" sheet in xlsx, a second `<naam>-historie.csv` file for csv. Dutch headers
(from dialogen/teksten/rapportage.yaml), local dates, euro amounts; csv uses ';' and a UTF-8 BOM
so Excel opens it correctly.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot.cli.cellen import csv_cel, neutraliseer_xlsx_cel
from bot.cli.gedeeld import lees_omgeving_en_kennisbank
from db.engine import maak_engine, maak_sessies
from db.migreren import huidige_revisie
from db.modellen.rapportage import Statusupdate
from db.repositories.rapportage import StatusupdateRepository
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from kennisbank.rapportage import Periode

VEREISTE_REVISIE = "0003"
EURO = '"€" #,##0.00'
DATUMTIJD = "dd-mm-yyyy hh:mm"


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("rapportage", help="lente- en herfstrapportage: export voor de controller")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE", required=True)
    export = acties.add_parser("export", help="statusupdates van een periode naar Excel (xlsx) of csv")
    export.add_argument("--periode", required=True, help="id van de periode, bijvoorbeeld herfst-2026")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", dest="formaat")
    export.add_argument("--uitvoer", type=Path, help="bestand om te schrijven (standaard rapportage-<periode>.<format>)")
    export.set_defaults(uitvoeren=uitvoeren)


@dataclass
class Export:
    kolommen: list[str]
    rijen: list[list[Any]]
    ontbrekend: list[bool]
    historie_kolommen: list[str]
    historie: list[list[Any]]


def uitvoeren(argumenten: argparse.Namespace) -> int:
    geladen = lees_omgeving_en_kennisbank()
    if isinstance(geladen, int):
        return geladen
    settings, kennisbank = geladen
    teksten = Teksten.laad()
    rapportage = kennisbank.bestanden.rapportage
    if rapportage is None:
        print(teksten.tekst("rapportage.export_geen_rapportage"), file=sys.stderr)
        return 2
    periode = rapportage.periode(argumenten.periode)
    if periode is None:
        perioden = ", ".join(p.id for p in rapportage.perioden_rond(date.today(), 1))
        print(teksten.tekst("rapportage.export_onbekende_periode", periode=argumenten.periode, perioden=perioden), file=sys.stderr)
        return 2
    pad = argumenten.uitvoer or Path(f"rapportage-{periode.id}.{argumenten.formaat}")
    return asyncio.run(_exporteer(settings.database_url, kennisbank, teksten, periode, argumenten.formaat, pad))


async def _exporteer(url: str, kennisbank: Kennisbank, teksten: Teksten, periode: Periode, formaat: str, pad: Path) -> int:
    engine = maak_engine(url)
    try:
        versie = await huidige_revisie(engine)
        if versie is None or versie < VEREISTE_REVISIE:
            print(teksten.tekst("rapportage.export_database_oud", versie=versie or "leeg"), file=sys.stderr)
            return 2
        export = await bouw_export(maak_sessies(engine), kennisbank, teksten, periode)
    finally:
        await engine.dispose()
    if formaat == "xlsx":
        schrijf_xlsx(export, teksten, pad)
    else:
        historie_pad = schrijf_csv(export, pad)
        print(teksten.tekst("rapportage.export_klaar_historie", aantal=len(export.historie), pad=historie_pad))
    ontbrekend = sum(export.ontbrekend)
    print(teksten.tekst("rapportage.export_klaar", aantal=len(export.rijen), ingediend=len(export.rijen) - ontbrekend,
                        ontbrekend=ontbrekend, pad=pad))
    return 0


async def bouw_export(sessies, kennisbank: Kennisbank, teksten: Teksten, periode: Periode) -> Export:
    rapportage = kennisbank.bestanden.rapportage
    assert rapportage is not None
    vorige_periode = rapportage.vorige_periode(periode)
    async with sessies() as sessie:
        repo = StatusupdateRepository(sessie)
        laatste = await repo.laatste_per_onderwerp(periode.id)
        vorige = await repo.laatste_per_onderwerp(vorige_periode.id) if vorige_periode else {}
        historie = list(await repo.historie(periode.id))
    onderwerpen = [o for o in kennisbank.bestanden.onderwerpen if o.geldig_op(periode.peildatum) or o.id in laatste]
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
        if update.financieel_soort is None:
            return ["", None]
        return [teksten.tekst(f"rapportage.financieel_{update.financieel_soort}"), Decimal(update.financieel_bedrag)]

    rijen, ontbrekend = [], []
    for onderwerp in onderwerpen:
        update = laatste.get(onderwerp.id)
        vorig = vorige.get(onderwerp.id)
        basis = [naam(onderwerp.ambtelijk_opdrachtgever), onderwerp.naam, kennisbank.soort_naam(onderwerp.soort),
                 naam(onderwerp.gedelegeerd_opdrachtgever)]
        if update is None:
            rijen.append(basis + [teksten.tekst("rapportage.export_ontbreekt"), "", None, "", "", None, "", "", None,
                                  status(vorig.status) if vorig else ""])
        else:
            rijen.append(basis + [teksten.tekst("rapportage.export_ja"), status(update.status), update.versie,
                                  update.toelichting or "", *financieel(update), update.maatregel or "",
                                  naam(update.ingediend_door), moment(update.ingediend_op),
                                  status(vorig.status) if vorig else ""])
        ontbrekend.append(update is None)
    onderwerp_namen = {o.id: o.naam for o in kennisbank.bestanden.onderwerpen}
    historie_rijen = [
        [onderwerp_namen.get(u.onderwerp_id, u.onderwerp_id), u.versie, status(u.status), u.toelichting or "",
         *financieel(u), u.maatregel or "", naam(u.ingediend_door), moment(u.ingediend_op)]
        for u in historie
    ]
    return Export(teksten.lijst("rapportage.export_kolommen"), rijen, ontbrekend,
                  teksten.lijst("rapportage.export_kolommen_historie"), historie_rijen)


def schrijf_xlsx(export: Export, teksten: Teksten, pad: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    rood = PatternFill("solid", fgColor="FFD9D9")
    werkboek = Workbook()
    laatste = werkboek.active
    laatste.title = teksten.tekst("rapportage.export_blad_laatste")
    historie = werkboek.create_sheet(teksten.tekst("rapportage.export_blad_historie"))
    for blad, kolommen, rijen, markeer in (
        (laatste, export.kolommen, export.rijen, export.ontbrekend),
        (historie, export.historie_kolommen, export.historie, [False] * len(export.historie)),
    ):
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
            breedte = max([len(str(kop))] + [len(_als_tekst(r[index - 1])) for r in rijen]) + 2
            blad.column_dimensions[get_column_letter(index)].width = min(breedte, 60)
    pad.parent.mkdir(parents=True, exist_ok=True)
    werkboek.save(pad)


def schrijf_csv(export: Export, pad: Path) -> Path:
    """The latest versions to `pad`, every version to `<pad stem>-historie.csv`; returns the latter."""
    historie_pad = pad.with_name(f"{pad.stem}-historie{pad.suffix or '.csv'}")
    pad.parent.mkdir(parents=True, exist_ok=True)
    for doel, kolommen, rijen in ((pad, export.kolommen, export.rijen), (historie_pad, export.historie_kolommen, export.historie)):
        with doel.open("w", encoding="utf-8-sig", newline="") as bestand:
            schrijver = csv.writer(bestand, delimiter=";")
            schrijver.writerow(kolommen)
            for rij in rijen:
                schrijver.writerow([csv_cel(w, _als_tekst) for w in rij])
    return historie_pad


def _als_tekst(waarde: Any) -> str:
    """Dutch cell text: 12500,00 and 22-11-2026 10:00."""
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}".replace(".", ",")
    if isinstance(waarde, datetime):
        return waarde.strftime("%d-%m-%Y %H:%M")
    return str(waarde)
