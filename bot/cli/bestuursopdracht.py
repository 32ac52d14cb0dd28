"""`python -m bot bestuursopdracht export [--uitvoer PAD] [--persoon ID]`: every stored check as CSV
for a besluitvormingsnota — one row per check, a ja/nee column per criterium (from the check's own
snapshot, so old checks keep their criteria), Dutch headers, ';' and a UTF-8 BOM for Excel."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.gedeeld import lees_omgeving_en_kennisbank, ontbrekend_sqlite_bestand, voeg_gemeente_toe

if TYPE_CHECKING:
    from db.modellen.bestuursopdracht import BestuursopdrachtCheck
    from dialogen.teksten import Teksten
    from kennisbank.kennisbank import Kennisbank

VEREISTE_REVISIE = "0002"
KOLOMMEN = ("nummer", "moment", "naam", "persoon", "opdracht", "onderwerp", "advies", "aantal", "totaal")
SLOT_KOLOMMEN = ("notitie", "versie", "kenmerk", "kanaal")


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bestuursopdracht", help="bestuursopdracht-checks: export als CSV")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE", required=True)
    export = acties.add_parser("export", help="alle opgeslagen checks als CSV (voor een besluitvormingsnota)")
    export.add_argument("--uitvoer", type=Path, metavar="PAD", help="bestand om te schrijven (standaard: het scherm)")
    export.add_argument("--persoon", metavar="ID", help="alleen checks van deze persoon (id uit personen.yaml)")
    voeg_gemeente_toe(export)
    export.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    geladen = lees_omgeving_en_kennisbank(argumenten.gemeente)
    if isinstance(geladen, int):
        return geladen
    settings, gemeente, kennisbank = geladen
    from dialogen.teksten import Teksten

    teksten = Teksten.laad(kennisbank_map=gemeente.kennisbank, kennisbank=kennisbank)
    if argumenten.persoon and kennisbank.persoon(argumenten.persoon) is None:
        print(teksten.tekst("bestuursopdracht.export_onbekende_persoon", persoon=argumenten.persoon), file=sys.stderr)
    ontbreekt = ontbrekend_sqlite_bestand(settings.database_url)
    if ontbreekt is not None:
        print(ontbreekt, file=sys.stderr)
        return 2
    return asyncio.run(
        _exporteer(settings.database_url, gemeente.id, kennisbank, teksten, argumenten.persoon, argumenten.uitvoer)
    )


async def _exporteer(
    url: str, gemeente: str, kennisbank: Kennisbank, teksten: Teksten, persoon: str | None, pad: Path | None
) -> int:
    from db.engine import maak_engine, maak_sessies
    from db.migreren import huidige_revisie
    from db.repositories.bestuursopdracht import BestuursopdrachtRepository

    engine = maak_engine(url)
    try:
        revisie = await huidige_revisie(engine)
        if revisie is None or revisie < VEREISTE_REVISIE:
            print(teksten.tekst("bestuursopdracht.export_database_oud"), file=sys.stderr)
            return 2
        async with maak_sessies(engine, gemeente)() as sessie:
            checks = await BestuursopdrachtRepository(sessie).alle(persoon)
    finally:
        await engine.dispose()
    inhoud = csv_tekst(checks, kennisbank, teksten)
    if pad is None:
        sys.stdout.buffer.write(inhoud.encode("utf-8-sig"))
        sys.stdout.flush()
    else:
        pad.write_text(inhoud, encoding="utf-8-sig", newline="")
        print(teksten.tekst("bestuursopdracht.export_klaar", aantal=len(checks), pad=pad), file=sys.stderr)
    return 0


def csv_tekst(checks: Sequence[BestuursopdrachtCheck], kennisbank: Kennisbank, teksten: Teksten) -> str:
    """The CSV text (without BOM): header row, then one row per check."""
    from bot.cli.cellen import csv_cel
    from bot.services import TIJDZONE

    criteria: dict[str, str] = {}  # id -> text, in first-seen order over all checks
    for check in checks:
        for antwoord in check.antwoorden:
            criteria.setdefault(antwoord["id"], antwoord["tekst"])
    kop = [teksten.tekst(f"bestuursopdracht.export_{k}") for k in KOLOMMEN]
    kop += list(criteria.values()) + [teksten.tekst(f"bestuursopdracht.export_{k}") for k in SLOT_KOLOMMEN]
    uitvoer = io.StringIO()
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kop)
    ja, nee, leeg = (teksten.tekst(f"bestuursopdracht.export_{k}") for k in ("ja", "nee", "niet_gevraagd"))
    for check in checks:
        geldt = {a["id"]: a["geldt"] for a in check.antwoorden}
        onderwerp = kennisbank.onderwerpen.get(check.onderwerp_id or "")
        rij: list[Any] = [
            check.id,
            check.uitgevoerd_op.astimezone(TIJDZONE).strftime("%d-%m-%Y %H:%M"),
            check.gebruiker_naam or "",
            check.persoon_id or "",
            check.opdracht,
            onderwerp.naam if onderwerp else (check.onderwerp_id or ""),
            _advies(kennisbank, teksten, check.advies),
            check.aantal_geldend,
            len(check.antwoorden),
        ]
        rij += [leeg if c not in geldt else (ja if geldt[c] else nee) for c in criteria]
        rij += [check.notitie or "", check.criteria_versie, check.criteria_kenmerk, check.kanaal or ""]
        schrijver.writerow([csv_cel(w) for w in rij])
    return uitvoer.getvalue()


def _advies(kennisbank: Kennisbank, teksten: Teksten, advies: str) -> str:
    """The advies's title; one this version doesn't know (a newer version stored it) as a neutral
    label with the stored value, so the beheerder can still tell such checks apart."""
    from kennisbank.bestuursopdracht import Uitkomst

    kader = kennisbank.bestanden.bestuursopdracht
    try:
        return kader.advies(Uitkomst(advies)).titel if kader else advies
    except ValueError:
        return f"{teksten.tekst('bestuursopdracht.advies_onbekend')} ({advies})"
