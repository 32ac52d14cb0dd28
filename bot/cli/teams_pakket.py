"""`python -m bot teams-pakket`: build (or check) the zip to upload in the Teams admin centre."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import teams_pakket

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
    parser.add_argument("--uitvoer", type=Path, default=STANDAARD_UITVOER,
                        help=f"pad van de zip (standaard {STANDAARD_UITVOER})")
    for optie, (_, uitleg) in OPTIES.items():
        parser.add_argument(optie, help=f"(anders {uitleg})")
    parser.add_argument("--controleer", type=Path, metavar="ZIP",
                        help="bouw niets, maar controleer een bestaande zip")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    try:
        import jsonschema  # noqa: F401
        import PIL  # noqa: F401
    except ImportError as fout:  # jsonschema / Pillow are packaging tools, not needed to run the bot
        print(f"Ontbrekend pakket voor het bouwen: {fout.name}. Installeer het met: pip install jsonschema Pillow",
              file=sys.stderr)
        return 2
    try:
        if argumenten.controleer:
            fouten = teams_pakket.controleer_zip(argumenten.controleer)
            if fouten:
                raise teams_pakket.OngeldigPakket(fouten)
            print(f"{argumenten.controleer} is een geldig Teams-pakket.")
            return 0
        vast = {veld: getattr(argumenten, optie[2:].replace("-", "_")) for optie, (veld, _) in OPTIES.items()}
        gegevens = teams_pakket.PakketGegevens.uit_omgeving(**vast)
        pad = teams_pakket.bouw_pakket(gegevens, argumenten.uitvoer)
    except teams_pakket.OngeldigPakket as fout:
        print(f"{fout}\nEr is geen pakket geschreven.", file=sys.stderr)
        return 1
    print(f"Teams-pakket geschreven: {pad}")
    print(f"  app-id {gegevens.TEAMS_APP_ID}, bot-id {gegevens.BOT_ID}, versie {gegevens.APP_VERSIE}")
    print("Upload het in het Teams-beheercentrum: Teams-apps > Apps beheren > Uploaden (zie docs/deployment.md).")
    return 0
