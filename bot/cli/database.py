"""`python -m bot db upgrade|current`: migrate the database named by DATABASE_URL."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.gedeeld import lees_settings, ontbrekend_sqlite_bestand
from bot.gemeenten import gemeenten_uit


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="databasebeheer (migraties)")
    parser.add_argument("actie", choices=["upgrade", "current"], help="upgrade: bijwerken naar de nieuwste versie")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    settings = lees_settings()
    if settings is None:
        return 2
    ontbreekt = ontbrekend_sqlite_bestand(settings.database_url) if argumenten.actie == "current" else None
    if ontbreekt is not None:
        print(ontbreekt, file=sys.stderr)
        return 2
    return asyncio.run(_uitvoeren(settings.database_url, argumenten.actie, gemeenten_uit(settings).standaard.id))


async def _uitvoeren(url: str, actie: str, standaard_gemeente: str) -> int:
    from bot.services import _maak_sqlite_map
    from db.engine import maak_engine
    from db.migreren import huidige_revisie, upgrade

    _maak_sqlite_map(url)
    engine = maak_engine(url)
    try:
        if actie == "upgrade":
            await upgrade(engine, standaard_gemeente=standaard_gemeente)  # rows from before gemeenten: the first
        print(f"Databaseversie: {await huidige_revisie(engine) or 'leeg'}")
    finally:
        await engine.dispose()
    return 0
