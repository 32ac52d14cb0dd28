"""Command line: `python -m bot` runs the server; subcommands for chat, database and tooling.

Each subcommand lives in its own module under `bot/cli/` with `voeg_toe(subparsers)`; add a
new one to COMMANDO_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kennisbank.opdrachtregel import NederlandseParser, bestandsfout

COMMANDO_MODULES = [
    "bot.cli.serve",
    "bot.cli.chat",
    "bot.cli.database",
    "bot.cli.teams_pakket",
    "bot.cli.webchat",
    "bot.cli.rapportage",
    "bot.cli.bestuursopdracht",
]


def maak_parser() -> argparse.ArgumentParser:
    parser = NederlandseParser(prog="python -m bot", description="Sturingsbot")
    subparsers = parser.add_subparsers(dest="commando", metavar="COMMANDO")
    for module in COMMANDO_MODULES:
        importlib.import_module(module).voeg_toe(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = maak_parser()
    argumenten = parser.parse_args(argv)
    if argumenten.commando is None:
        argumenten = parser.parse_args(["serve", *(argv or [])])
    try:
        return int(argumenten.uitvoeren(argumenten) or 0)
    except Exception as fout:
        # Any command that opens the database (serve and its migrations, chat, db, exports): a
        # database that cannot be reached is an operator's mistake, told in one Dutch line.
        from bot.cli.gedeeld import databasefout
        from bot.settings import ConfiguratieFout
        from db.engine import database_url_uit_omgeving

        if isinstance(fout, ConfiguratieFout):
            print(f"Configuratiefout: {fout}", file=sys.stderr)
            return 2
        melding = databasefout(fout, database_url_uit_omgeving()) or bestandsfout(fout)
        if melding is None:
            raise
        print(melding, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
