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
from kennisbank.overzicht import samenvatting


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kennisbank", description="Hulpmiddelen voor een kennisbankmap."
    )
    opdrachten = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")

    check = opdrachten.add_parser("check", help="controleer een kennisbankmap en toon een samenvatting")
    check.add_argument("pad", type=Path, metavar="PAD", help="map met de YAML-bestanden van de kennisbank")
    check.set_defaults(uitvoeren=_check)

    onbeantwoord = opdrachten.add_parser(
        "onbeantwoord", help="vragen die de bot niet zeker kon beantwoorden, gegroepeerd met de regel die je kunt toevoegen (uit DATABASE_URL)"
    )
    onbeantwoord.add_argument("--aantal", type=int, default=50, help="hoeveel recente vragen (standaard 50)")
    onbeantwoord.add_argument(
        "--wis-ouder-dan", type=int, metavar="DAGEN", help="verwijder eerst vragen die ouder zijn dan DAGEN dagen"
    )
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
    if resultaat.waarschuwingen:
        print(rapport(resultaat.waarschuwingen))
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


def _onbeantwoord(argumenten: argparse.Namespace) -> int:
    import asyncio

    from bot.cli.onbeantwoord import toon_onbeantwoord  # the database part lives with the host

    return asyncio.run(toon_onbeantwoord(argumenten.aantal, argumenten.wis_ouder_dan))


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    argumenten = parser.parse_args(argv)
    if not hasattr(argumenten, "uitvoeren"):
        parser.print_help()
        return 2
    return argumenten.uitvoeren(argumenten)


if __name__ == "__main__":
    sys.exit(main())
