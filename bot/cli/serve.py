"""`python -m bot [serve]`: run the web server (POST /api/messages, GET /healthz, /readyz, /metrics).

SIGTERM (or Ctrl+C) stops gracefully: the listener closes, /readyz answers 503, turns in progress
get `STOP_TIMEOUT` seconds to finish, then the background work stops and releases its leases
(reminder claims, the maintenance claim), the database pool closes and the process exits 0."""

from __future__ import annotations

import argparse
import sys

from bot.cli.gedeeld import draai_webserver, lees_settings
from bot.gemeenten import gemeenten_uit


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="start de bot (standaard)")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(_argumenten: argparse.Namespace) -> int:
    settings = lees_settings()
    if settings is None:
        return 2
    weigering = settings.weigering_netwerk(anoniem=gemeenten_uit(settings).anoniem(settings))
    if weigering is not None:
        print(f"Configuratiefout: {weigering}", file=sys.stderr)
        return 2
    from bot.app import create_app

    return draai_webserver(
        settings,
        lambda: create_app(settings),
        print=_meld_adres(settings),
        shutdown_timeout=settings.stop_timeout,  # SIGTERM: stop listening, finish turns in progress
    )


def _meld_adres(settings):
    def melden(_tekst: str) -> None:
        print(f"Sturingsbot luistert op http://{settings.host}:{settings.port}/api/messages (Ctrl+C stopt)")

    return melden
