"""Command line: `python -m bot` runs the server; subcommands for chat, database and tooling.

Each subcommand lives in its own module under `bot/cli/` with `voeg_toe(subparsers)`; add a
new one to COMMANDO_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import sys

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
    parser = argparse.ArgumentParser(prog="python -m bot", description="Sturingsbot")
    subparsers = parser.add_subparsers(dest="commando", metavar="COMMANDO")
    for module in COMMANDO_MODULES:
        importlib.import_module(module).voeg_toe(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = maak_parser()
    argumenten = parser.parse_args(argv)
    if argumenten.commando is None:
        argumenten = parser.parse_args(["serve", *(argv or [])])
    return int(argumenten.uitvoeren(argumenten) or 0)


if __name__ == "__main__":
    sys.exit(main())
