"""`python -m bot chat`: talk to the bot in the terminal, through the same turn pipeline.

In local mode you can act as a person from the kennisbank (`--als marcel-kossen`, or `/als ID`
during the chat), for features that depend on who is asking. Local anonymous mode only: the console's
activities carry no Bot Framework token, so the gemeente it talks to (`--gemeente`, else the first)
has no registration of its own and MicrosoftAppId is empty.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid
from typing import TYPE_CHECKING, Any

from bot.cli.gedeeld import (
    controleer_als,
    kennisbank_van_installatie,
    lees_settings,
    lokale_gemeente,
    meld_kennisbank_fout,
    voeg_gemeente_toe,
)
from kennisbank.meldingen import KennisbankFout

if TYPE_CHECKING:
    from bot.gemeenten import Gemeente
    from bot.services import GemeenteBot
    from kennisbank.model import Persoon

KANAAL = "console"


def voeg_toe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chat", help="chat met de bot in de terminal")
    parser.add_argument("--als", metavar="PERSOON_ID", help="doe je voor als deze persoon uit de kennisbank")
    voeg_gemeente_toe(parser)
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(argumenten: argparse.Namespace) -> int:
    settings = lees_settings()
    if settings is None:
        return 2
    gemeente = lokale_gemeente(settings, argumenten.gemeente, "chat")
    if gemeente is None:
        return 2
    code = controleer_als(gemeente, argumenten.als)  # before the bot loads: a typo is told at once
    if code is not None:
        return code
    try:
        return asyncio.run(_chat(settings, argumenten.als, gemeente))
    except KennisbankFout as fout:
        return meld_kennisbank_fout(fout, kennisbank_van_installatie(settings))
    except (KeyboardInterrupt, EOFError):
        print("\nTot ziens!")
        return 0


class ConsoleGesprek:
    """One console conversation: builds activities, sends them through the adapter, returns replies."""

    def __init__(self, services: GemeenteBot) -> None:
        self.services = services
        self.gesprek_id = f"console-{uuid.uuid4().hex[:12]}"
        self.persoon: Persoon | None = None

    def word(self, persoon_id: str | None) -> str:
        if persoon_id is None:
            self.persoon = None
            return "Je bent nu anoniem."
        persoon = self.services.kennisbank.persoon(persoon_id)
        if persoon is None:
            bekend = ", ".join(sorted(self.services.kennisbank.personen))
            return f"Die persoon ken ik niet. Kies uit: {bekend}"
        self.persoon = persoon
        return f"Je bent nu {persoon.naam} ({persoon.functie})."

    async def stuur(self, **velden: Any) -> list[dict[str, Any]]:
        from botbuilder.schema import Activity

        gebruiker = {
            "id": f"console-{self.persoon.id if self.persoon else 'gast'}",
            "name": self.persoon.naam if self.persoon else "Gast",
        }
        if self.persoon and self.persoon.aad_object_id:
            gebruiker["aadObjectId"] = self.persoon.aad_object_id
        activity = Activity().deserialize(
            {
                "id": uuid.uuid4().hex,
                "channelId": KANAAL,
                "serviceUrl": "http://localhost/console",
                "deliveryMode": "expectReplies",
                "conversation": {"id": self.gesprek_id, "conversationType": "personal"},
                "from": gebruiker,
                "recipient": {"id": "sturingsbot", "name": "Sturingsbot"},
                "locale": "nl-NL",
                **velden,
            }
        )
        antwoord = await self.services.adapter.process_activity("", activity, self.services.bot.on_turn)
        body = antwoord.body if antwoord else None
        return list((body or {}).get("activities") or [])


async def _chat(settings, als: str | None, gemeente: Gemeente) -> int:
    from bot.services import open_installatie

    async with open_installatie(settings) as installatie:
        gesprek = ConsoleGesprek(installatie.voor_gemeente(gemeente.id) or installatie.standaard)
        if als:
            print(gesprek.word(als))
        print(
            "Sturingsbot in de terminal. Typ een vraag, een nummer om een keuze te maken, /als ID om iemand te zijn, of /stop om te stoppen.\n"
        )
        keuzes = _toon(await gesprek.stuur(type="conversationUpdate", membersAdded=[{"id": "gebruiker"}]))
        while True:
            invoer = await asyncio.to_thread(_lees_regel)
            if invoer is None or invoer.strip() in {"/stop", "/quit", "/exit"}:
                print("Tot ziens!")
                return 0
            invoer = invoer.strip()
            if invoer.startswith("/als"):
                print(gesprek.word(invoer.removeprefix("/als").strip() or None))
                continue
            if invoer.isdigit() and 0 < int(invoer) <= len(keuzes):
                invoer = keuzes[int(invoer) - 1]
                print(f"> {invoer}")
            keuzes = _toon(await gesprek.stuur(type="message", text=invoer))


def _toon(activiteiten: list[dict[str, Any]]) -> list[str]:
    from bot.console_weergave import geef_weer

    weergave = geef_weer(activiteiten)
    for regel in weergave.regels:
        print(regel)
    print()
    return weergave.keuzes


def _lees_regel() -> str | None:
    try:
        return input("jij> ")
    except EOFError:
        return None
