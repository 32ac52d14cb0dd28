"""`python -m bot [serve]`: run the web server (POST /api/messages, GET /healthz, /readyz, /metrics).

SIGTERM (or Ctrl+C) stops gracefully: the listener closes, /readyz answers 503, turns in progress
get `STOP_TIMEOUT` seconds to finish, then the background work stops and releases its leases
(reminder claims, the maintenance claim), the database pool closes and the process exits 0."""

from __future__ import annotations

import argparse
import sys

from aiohttp import web

from bot.app import create_app
from bot.cli.gedeeld import adresfout, kennisbank_van_installatie, lees_settings, meld_kennisbank_fout
from bot.gemeenten import gemeenten_uit
from kennisbank.meldingen import KennisbankFout


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
    try:
        web.run_app(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            print=_meld_adres(settings),
            shutdown_timeout=settings.stop_timeout,  # SIGTERM: stop listening, finish turns in progress
        )
    except KennisbankFout as fout:
        return meld_kennisbank_fout(fout, kennisbank_van_installatie(settings))
    except OSError as fout:
        melding = adresfout(fout, settings)
        if melding is None:
            raise
        print(melding, file=sys.stderr)
        return 2
    return 0


def _meld_adres(settings):
    def melden(_tekst: str) -> None:
        print(f"Sturingsbot luistert op http://{settings.host}:{settings.port}/api/messages (Ctrl+C stopt)")

    return melden
