"""Command line for kennisbank folders: `python -m kennisbank check PAD`.

Each subcommand is a `_<naam>(argumenten) -> int` function registered in `_parser()`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kennisbank.laden import lees_kennisbank
from kennisbank.meldingen import KennisbankFout, rapport
from kennisbank.opdrachtregel import NederlandseParser, bestandsfout
from kennisbank.samenvatting import samenvatting


def _parser() -> argparse.ArgumentParser:
    parser = NederlandseParser(prog="python -m kennisbank", description="Hulpmiddelen voor een kennisbankmap.")
    opdrachten = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")

    check = opdrachten.add_parser("check", help="controleer een kennisbankmap en toon een samenvatting")
    check.add_argument("pad", type=Path, metavar="PAD", help="map met de YAML-bestanden van de kennisbank")
    check.set_defaults(uitvoeren=_check)

    importeer = opdrachten.add_parser(
        "importeer",
        help="lees een portefeuilletabel (xlsx of csv) in onderwerpen.yaml; een nieuwe opdrachtgever wordt een gedateerde wissel",
    )
    importeer.add_argument("bestand", type=Path, metavar="BESTAND", help="xlsx- of csv-bestand, één rij per onderwerp")
    importeer.add_argument("--naar", type=Path, required=True, metavar="MAP", help="de kennisbankmap die wordt bijgewerkt")
    importeer.add_argument("--proef", action="store_true", help="toon alleen wat er zou veranderen; schrijf niets")
    importeer.add_argument("--blad", help="naam van het werkblad (standaard het eerste)")
    importeer.add_argument(
        "--kolom",
        action="append",
        default=[],
        metavar="VELD=KOP",
        help="kolomnaam instellen, bijv. ambtelijk='Directeur' (velden: id, naam, soort, ambtelijk, gedelegeerd, bestuurlijk, vanaf, afkortingen)",
    )
    importeer.add_argument("--bron", metavar="DOCUMENT", help="document-id (organisatie.yaml) voor nieuwe onderwerpen")
    importeer.set_defaults(uitvoeren=_importeer)

    exporteer = opdrachten.add_parser(
        "exporteer", help="schrijf de portefeuilleverdeling als xlsx-tabel (dezelfde kolommen als importeer)"
    )
    exporteer.add_argument(
        "pad", type=Path, nargs="?", default=None, metavar="PAD", help="kennisbankmap (standaard $KENNISBANK of de voorbeeldmap)"
    )
    exporteer.add_argument("--naar", type=Path, required=True, metavar="BESTAND.xlsx")
    exporteer.set_defaults(uitvoeren=_exporteer)

    onbeantwoord = opdrachten.add_parser(
        "onbeantwoord",
        help="vragen die de bot niet zeker kon beantwoorden, gegroepeerd met de regel die je kunt toevoegen (uit DATABASE_URL)",
    )
    onbeantwoord.add_argument("--aantal", type=int, default=50, help="hoeveel recente vragen (standaard 50)")
    onbeantwoord.add_argument(
        "--wis-ouder-dan", type=int, metavar="DAGEN", help="verwijder eerst vragen die ouder zijn dan DAGEN dagen"
    )
    onbeantwoord.add_argument("--gemeente", metavar="ID", help="id van de gemeente uit GEMEENTEN (standaard de eerste)")
    onbeantwoord.set_defaults(uitvoeren=_onbeantwoord)
    return parser


def _check(argumenten: argparse.Namespace) -> int:
    resultaat = lees_kennisbank(argumenten.pad)
    intentiefouten = _controleer_intenties(argumenten.pad) + _controleer_teksten(argumenten.pad)
    if resultaat.kennisbank is None or intentiefouten:
        print(f"Kennisbank {argumenten.pad} is NIET in orde:")
        print(rapport(resultaat.meldingen + intentiefouten))
        return 1
    print("\n".join(samenvatting(resultaat.kennisbank)))
    waarschuwingen = resultaat.waarschuwingen + _controleer_bereik(argumenten.pad, resultaat.kennisbank)
    if waarschuwingen:
        print(rapport(waarschuwingen))
    print("Kennisbank is in orde.")
    return 0


def _controleer_intenties(pad: Path) -> list:
    """Mistakes in the kennisbank's own `intenties/` examples (unknown intent, empty example, ...).

    The intent names are the product's (dialogen/intenties); `dialogen.intentiedata` reads only
    YAML, so no conversation code is loaded here."""
    from dialogen.intentiedata import laad_intenties

    try:
        laad_intenties(kennisbank_map=Path(pad))
    except KennisbankFout as fout:
        return list(fout.meldingen)
    return []


def _controleer_teksten(pad: Path) -> list:
    """Mistakes in the kennisbank's own `teksten/` (a key the product doesn't have, ...)."""
    from dialogen.teksten import eigen_teksten_fouten

    return eigen_teksten_fouten(Path(pad))


def _controleer_bereik(pad: Path, kennisbank) -> list:
    """Data no question reaches: escalation rules and trefwoorden that other rules always win, and
    bestuursopdracht questions without an intent that recognises them (warnings)."""
    from dialogen.intentiedata import laad_intenties
    from dialogen.teksten import Teksten
    from kennisbank.escalatie.bereik import onbereikbaar
    from kennisbank.meldingen import Melding
    from kennisbank.yaml_lezen import lees_yaml

    meldingen = []
    if kennisbank.bestanden.escalatie:
        gelezen, _ = lees_yaml(Path(pad) / "escalatie.yaml", "escalatie.yaml")
        geen_regel = Teksten.laad(kennisbank_map=Path(pad)).lijst("escalatie.geen_regel_vragen")
        if gelezen is not None:
            meldingen += onbereikbaar(kennisbank.bestanden.escalatie, geen_regel, gelezen.regels)
    kader = kennisbank.bestanden.bestuursopdracht
    if kader is not None and kader.vragen:
        intenties = laad_intenties(kennisbank_map=Path(pad))
        gelezen, _ = lees_yaml(Path(pad) / "bestuursopdracht.yaml", "bestuursopdracht.yaml")
        if gelezen is not None:
            for i, vraag in enumerate(kader.vragen):
                if f"bestuursopdracht.vraag_{vraag.id}" not in intenties:
                    tekst = (
                        f"vraag '{vraag.id}' is onbereikbaar: er is geen intentie 'vraag_{vraag.id}' in "
                        "dialogen/intenties/bestuursopdracht.yaml die hem herkent; gebruik de id van een vraag die de "
                        "bot kent, of vraag de beheerders van Sturingsbot om die intentie"
                    )
                    meldingen.append(
                        Melding("bestuursopdracht.yaml", gelezen.regels.regel(("vragen", i, "id")), tekst, "waarschuwing")
                    )
    return meldingen


def _geladen(pad: Path):
    """The kennisbank in `pad`, or None after printing why not."""
    resultaat = lees_kennisbank(pad)
    if resultaat.kennisbank is None:
        print(f"Kennisbank {pad} is NIET in orde; los dit eerst op:")
        print(rapport(resultaat.meldingen))
    return resultaat.kennisbank


def _importeer(argumenten: argparse.Namespace) -> int:
    from kennisbank.portefeuille.importeren import importeer
    from kennisbank.portefeuille.tabel import VELDEN

    kolommen = {}
    for instelling in argumenten.kolom:
        veld, _, kop = instelling.partition("=")
        if veld.strip() not in VELDEN or not kop.strip():
            print(f"--kolom '{instelling}': gebruik VELD=KOP met VELD een van {', '.join(VELDEN)}")
            return 2
        kolommen[veld.strip()] = kop.strip()
    kennisbank = _geladen(argumenten.naar)
    if kennisbank is None:
        return 1
    resultaat = importeer(
        kennisbank,
        argumenten.bestand,
        argumenten.naar,
        proef=argumenten.proef,
        kolommen=kolommen,
        blad=argumenten.blad,
        bron_document=argumenten.bron,
    )
    for regel in resultaat.wijzigingen:
        print(f"  {regel}")
    if resultaat.problemen:
        print(f"{len(resultaat.problemen)} probleem/problemen; er is niets geschreven:")
        for probleem in resultaat.problemen:
            print(f"  {probleem}")
        return 1
    if not resultaat.wijzigingen:
        print("Geen wijzigingen: de kennisbank komt al overeen met de tabel.")
    elif argumenten.proef:
        print(f"Proef: {len(resultaat.wijzigingen)} wijziging(en); er is niets geschreven.")
    else:
        controle = lees_kennisbank(argumenten.naar)
        print(f"{len(resultaat.wijzigingen)} wijziging(en) geschreven in {argumenten.naar / 'onderwerpen.yaml'}.")
        if controle.kennisbank is None:
            print(rapport(controle.meldingen))
            return 1
    return 0


def _exporteer(argumenten: argparse.Namespace) -> int:
    from kennisbank.portefeuille.exporteren import exporteer

    if argumenten.naar.suffix.lower() != ".xlsx":
        print(
            f"--naar moet een .xlsx-bestand zijn (de tabel is een Excel-werkmap), niet {argumenten.naar.name}.", file=sys.stderr
        )
        return 2
    pad = argumenten.pad
    if pad is None:
        import os

        pad = Path(os.environ.get("KENNISBANK") or Path(__file__).parent / "voorbeeld")
    kennisbank = _geladen(pad)
    if kennisbank is None:
        return 1
    aantal = exporteer(kennisbank, argumenten.naar)
    print(f"{aantal} onderwerpen geschreven naar {argumenten.naar}.")
    return 0


def _onbeantwoord(argumenten: argparse.Namespace) -> int:
    import asyncio

    from bot.cli.onbeantwoord import toon_onbeantwoord  # the database part lives with the host

    return asyncio.run(toon_onbeantwoord(argumenten.aantal, argumenten.wis_ouder_dan, argumenten.gemeente))


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    argumenten = parser.parse_args(argv)
    if not hasattr(argumenten, "uitvoeren"):
        parser.print_help()
        return 2
    try:
        return argumenten.uitvoeren(argumenten)
    except OSError as fout:
        melding = bestandsfout(fout)
        if melding is None:
            raise
        print(melding, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
