"""`python -m bot rapportage export --periode ID --format xlsx|csv [--uitvoer PAD]`.

One row per onderwerp with its latest version in the period (missing ones marked), plus every
version: a "Historie" sheet in xlsx, a second `<naam>-historie.csv` file for csv. Dutch headers
(from dialogen/teksten/rapportage.yaml), local dates, euro amounts; csv uses ';' and a UTF-8 BOM
so Excel opens it correctly.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.gedeeld import lees_omgeving_en_kennisbank, ontbrekend_sqlite_bestand, voeg_gemeente_toe

if TYPE_CHECKING:
    from dialogen.teksten import Teksten
    from kennisbank.kennisbank import Kennisbank
    from kennisbank.rapportage import Periode

VEREISTE_REVISIE = "0003"


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("rapportage", help="lente- en herfstrapportage: export voor de controller")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE", required=True)
    export = acties.add_parser("export", help="statusupdates van een periode naar Excel (xlsx) of csv")
    export.add_argument("--periode", required=True, help="id van de periode, bijvoorbeeld herfst-2026")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", dest="formaat")
    export.add_argument("--uitvoer", type=Path, help="bestand om te schrijven (standaard rapportage-<periode>.<format>)")
    voeg_gemeente_toe(export)
    export.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    geladen = lees_omgeving_en_kennisbank(argumenten.gemeente)
    if isinstance(geladen, int):
        return geladen
    settings, gemeente, kennisbank = geladen
    from dialogen.teksten import Teksten

    teksten = Teksten.laad(kennisbank_map=gemeente.kennisbank, kennisbank=kennisbank)
    rapportage = kennisbank.bestanden.rapportage
    if rapportage is None:
        print(teksten.tekst("rapportage.export_geen_rapportage"), file=sys.stderr)
        return 2
    periode = rapportage.periode(argumenten.periode)
    if periode is None:
        perioden = ", ".join(p.id for p in rapportage.perioden_rond(date.today(), 1))
        print(
            teksten.tekst("rapportage.export_onbekende_periode", periode=argumenten.periode, perioden=perioden), file=sys.stderr
        )
        return 2
    pad = argumenten.uitvoer or Path(f"rapportage-{periode.id}.{argumenten.formaat}")
    ontbreekt = ontbrekend_sqlite_bestand(settings.database_url)
    if ontbreekt is not None:
        print(ontbreekt, file=sys.stderr)
        return 2
    return asyncio.run(_exporteer(settings.database_url, gemeente.id, kennisbank, teksten, periode, argumenten.formaat, pad))


async def _exporteer(
    url: str, gemeente: str, kennisbank: Kennisbank, teksten: Teksten, periode: Periode, formaat: str, pad: Path
) -> int:
    from db.engine import maak_engine, maak_sessies
    from db.migreren import huidige_revisie
    from dialogen.rapportage.exportbestand import bouw_export, schrijf_csv, schrijf_xlsx
    from dialogen.rapportage.overzicht import datum
    from rapportage import Rapportagestand

    engine = maak_engine(url)
    try:
        versie = await huidige_revisie(engine)
        if versie is None or versie < VEREISTE_REVISIE:
            print(teksten.tekst("rapportage.export_database_oud", versie=versie or "leeg"), file=sys.stderr)
            return 2
        export = await bouw_export(Rapportagestand(kennisbank, maak_sessies(engine, gemeente)), teksten, periode)
    finally:
        await engine.dispose()
    buiten = {"aantal": len(export.buiten), "peildatum": datum(periode.peildatum)}
    if formaat == "xlsx":
        schrijf_xlsx(export, teksten, pad)
        waar = teksten.tekst("rapportage.export_buiten_blad", blad=teksten.tekst("rapportage.export_blad_buiten"))
    else:
        historie_pad, buiten_pad = schrijf_csv(export, pad)
        print(teksten.tekst("rapportage.export_klaar_historie", aantal=len(export.historie), pad=historie_pad))
        waar = str(buiten_pad)
    ontbrekend = sum(export.ontbrekend)
    print(
        teksten.tekst(
            "rapportage.export_klaar",
            aantal=len(export.rijen),
            ingediend=len(export.rijen) - ontbrekend,
            ontbrekend=ontbrekend,
            pad=pad,
        )
    )
    if export.buiten:
        print(teksten.tekst("rapportage.export_klaar_buiten", waar=waar, **buiten))
    return 0
