"""`python -m bot webchat`: the bot and Microsoft's Web Chat page on one port, to try it in a browser.

The page talks to a local Direct Line stand-in (bot/directline.py) that forwards to the bot's own
/api/messages, exactly as a channel would. Local anonymous mode only: the stand-in has no Bot Framework
token, so the gemeente it talks to (`--gemeente`, else the first) has no registration of its own and
MicrosoftAppId is empty. With GEMEENTEN the stand-in sends that gemeente's first tenant, as Teams would.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from bot.cli.gedeeld import controleer_als, draai_webserver, lees_settings, lokale_gemeente, voeg_gemeente_toe

if TYPE_CHECKING:
    from aiohttp import web

    from bot.gemeenten import Gemeente
    from bot.services import GemeenteBot
    from bot.settings import Settings


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("webchat", help="start de bot met een Web Chat-pagina om in de browser te chatten")
    parser.add_argument("--als", metavar="PERSOON_ID", help="chat standaard als deze persoon uit de kennisbank")
    parser.add_argument("--poort", type=int, metavar="POORT", help="poort (standaard PORT of 3978)")
    voeg_gemeente_toe(parser)
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    settings = lees_settings()
    if settings is None:
        return 2
    if argumenten.poort is not None:
        settings = dataclasses.replace(settings, port=argumenten.poort)
    gemeente = lokale_gemeente(settings, argumenten.gemeente, "webchat")
    if gemeente is None:
        return 2
    weigering = settings.weigering_netwerk(anoniem=True)
    if weigering is not None:
        print(f"Configuratiefout: {weigering}", file=sys.stderr)
        return 2
    code = controleer_als(gemeente, argumenten.als)
    if code is not None:
        return code
    from bot.webchat_server import STANDAARD_BUNDEL, BundelOntbreekt, controleer_bundel

    try:
        controleer_bundel(STANDAARD_BUNDEL)
    except BundelOntbreekt as fout:
        print(str(fout), file=sys.stderr)
        return 2
    return draai_webserver(
        settings,
        lambda: maak_app(settings, argumenten.als, gemeente),
        poort_instelling="--poort of PORT",
        print=_meld_adres(adres(settings)),
    )


def maak_app(settings: Settings, als: str | None = None, gemeente: Gemeente | None = None) -> web.Application:
    """The bot's own app with the Web Chat page and the Direct Line stand-in added, talking to
    `gemeente` (default the first; with GEMEENTEN as one of its tenants), as persoon `als` unless the
    page says otherwise (`uitvoeren` checked that persoon before anything started: an error raised
    while the app starts would leave the services it opened unclosed)."""
    from bot.app import INSTALLATIE, create_app
    from bot.webchat_server import identiteiten_uit, voeg_webchat_toe

    app = create_app(settings)
    basis = adres(settings)

    def gemeentebot() -> GemeenteBot:
        installatie = app[INSTALLATIE]
        return (installatie.voor_gemeente(gemeente.id) if gemeente else None) or installatie.standaard

    identiteit = identiteiten_uit(lambda: gemeentebot().kennisbank)
    voeg_webchat_toe(
        app,
        bot_url=f"{basis}/api/messages",
        service_url=basis,
        identiteiten=identiteit,
        standaard_als=als,
        tenant_id=min(gemeente.tenants) if gemeente and gemeente.tenants else None,
    )
    return app


def adres(settings: Settings) -> str:
    """How this process reaches itself: a wildcard listen address becomes 127.0.0.1."""
    host = "127.0.0.1" if settings.host in ("", "0.0.0.0", "::") else settings.host
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def _meld_adres(basis: str):
    def melden(_tekst: str) -> None:
        print(f"Sturingsbot met Web Chat: open {basis}/webchat/ in je browser (Ctrl+C stopt).")
        print(f"Chatten als iemand uit de kennisbank: {basis}/webchat/?als=PERSOON_ID")

    return melden
