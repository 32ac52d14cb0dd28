"""Command line for kennisbank folders: `python -m kennisbank check PAD`.

Each subcommand is a `_<naam>(argumenten) -> int` function registered in `_parser()`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kennisbank.laden import lees_kennisbank
from kennisbank.meldingen import rapport
from kennisbank.overzicht import samenvatting


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kennisbank", description="Hulpmiddelen voor een kennisbankmap."
    )
    opdrachten = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")

    check = opdrachten.add_parser("check", help="controleer een kennisbankmap en toon een samenvatting")
    check.add_argument("pad", type=Path, metavar="PAD", help="map met de YAML-bestanden van de kennisbank")
    check.set_defaults(uitvoeren=_check)

    # Other subcommands go here, e.g. `onbeantwoord`:
    #   sub = opdrachten.add_parser("onbeantwoord", help="...")
    #   sub.set_defaults(uitvoeren=_onbeantwoord)   # _onbeantwoord(argumenten) -> exit code
    return parser


def _check(argumenten: argparse.Namespace) -> int:
    resultaat = lees_kennisbank(argumenten.pad)
    if resultaat.kennisbank is None:
        print(f"Kennisbank {argumenten.pad} is NIET in orde:")
        print(rapport(resultaat.meldingen))
        return 1
    print("\n".join(samenvatting(resultaat.kennisbank)))
    if resultaat.waarschuwingen:
        print(rapport(resultaat.waarschuwingen))
    print("Kennisbank is in orde.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    argumenten = parser.parse_args(argv)
    if not hasattr(argumenten, "uitvoeren"):
        parser.print_help()
        return 2
    return argumenten.uitvoeren(argumenten)


if __name__ == "__main__":
    sys.exit(main())
