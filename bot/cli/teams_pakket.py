"""`python -m bot teams-pakket`: build (or check) the zip to upload in the Teams admin centre."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.gedeeld import kies_gemeente, lees_settings
from bot.gemeenten import Gemeente, gemeenten_uit

STANDAARD_UITVOER = Path("dist/sturingsbot-teams.zip")

# option -> PakketGegevens field; each falls back to the environment variable named in the help
OPTIES = {
    "--bot-id": ("BOT_ID", "MicrosoftAppId"),
    "--app-id": ("TEAMS_APP_ID", "TEAMS_APP_ID; standaard afgeleid van de bot-id"),
    "--versie": ("APP_VERSIE", "TEAMS_APP_VERSIE; standaard de versie in pyproject.toml"),
    "--ontwikkelaar": ("ONTWIKKELAAR_NAAM", "TEAMS_ONTWIKKELAAR, max. 32 tekens"),
    "--website": ("ONTWIKKELAAR_WEBSITE", "TEAMS_WEBSITE_URL"),
    "--privacy": ("PRIVACY_URL", "TEAMS_PRIVACY_URL"),
    "--voorwaarden": ("VOORWAARDEN_URL", "TEAMS_VOORWAARDEN_URL"),
}


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "teams-pakket",
        help="bouw de zip voor het Teams-beheercentrum",
        description="Bouwt het Teams-app-pakket (manifest.json, color.png, outline.png) en controleert het "
        "tegen het officiële schema. Een ongeldig pakket wordt niet geschreven.",
    )
    parser.add_argument("--uitvoer", type=Path, help=f"pad van de zip (standaard {STANDAARD_UITVOER})")
    for optie, (_, uitleg) in OPTIES.items():
        parser.add_argument(optie, help=f"(anders {uitleg})")
    parser.add_argument(
        "--gemeente",
        metavar="ID",
        help="het pakket van deze gemeente uit GEMEENTEN: bot-id uit haar bot-blok, eigen app-id "
        "(standaard uitvoer dist/sturingsbot-teams-ID.zip)",
    )
    parser.add_argument("--controleer", type=Path, metavar="ZIP", help="bouw niets, maar controleer een bestaande zip")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    from bot import teams_pakket

    try:
        import jsonschema  # noqa: F401
        import PIL  # noqa: F401
    except ImportError as fout:  # jsonschema / Pillow are packaging tools, not needed to run the bot
        print(
            f"Ontbrekend pakket voor het bouwen: {fout.name}. Installeer het met: pip install jsonschema Pillow", file=sys.stderr
        )
        return 2
    try:
        if argumenten.controleer:
            fouten = teams_pakket.controleer_zip(argumenten.controleer)
            if fouten:
                raise teams_pakket.OngeldigPakket(fouten)
            print(f"{argumenten.controleer} is een geldig Teams-pakket.")
            return 0
        vast = {veld: getattr(argumenten, optie[2:].replace("-", "_")) for optie, (veld, _) in OPTIES.items()}
        uitvoer = argumenten.uitvoer or STANDAARD_UITVOER
        if argumenten.gemeente is not None:
            gemeente = _gemeente(argumenten.gemeente)
            if gemeente is None:
                return 2
            vast = _voor_gemeente(vast, gemeente)
            uitvoer = argumenten.uitvoer or STANDAARD_UITVOER.with_name(f"sturingsbot-teams-{gemeente.id}.zip")
        gegevens = teams_pakket.PakketGegevens.uit_omgeving(**vast)
        pad = teams_pakket.bouw_pakket(gegevens, uitvoer)
    except teams_pakket.OngeldigPakket as fout:
        print(f"{fout}\nEr is geen pakket geschreven.", file=sys.stderr)
        return 1
    print(f"Teams-pakket geschreven: {pad}")
    print(f"  app-id {gegevens.TEAMS_APP_ID}, bot-id {gegevens.BOT_ID}, versie {gegevens.APP_VERSIE}")
    print("Upload het in het Teams-beheercentrum: Teams-apps > Apps beheren > Uploaden (zie docs/deployment.md).")
    return 0


def _gemeente(gemeente_id: str) -> Gemeente | None:
    settings = lees_settings()
    return None if settings is None else kies_gemeente(gemeenten_uit(settings), gemeente_id)


def _voor_gemeente(vast: dict[str, str | None], gemeente: Gemeente) -> dict[str, str | None]:
    """The package of one gemeente: the bot id of its own registration (else MicrosoftAppId), and a
    Teams app id derived from that bot id, so each gemeente's app is a different app."""
    bot_id = vast["BOT_ID"] or (gemeente.bot.app_id if gemeente.bot else None)
    app_id = vast["TEAMS_APP_ID"]
    if not app_id and bot_id and gemeente.bot:
        from bot import teams_pakket

        app_id = teams_pakket.afgeleid_app_id(bot_id)
    return {**vast, "BOT_ID": bot_id, "TEAMS_APP_ID": app_id}
