"""The services every feature receives through its constructor, typed and built once per gemeente
by the composition root (`bot.services.bouw_gemeentebot`); only `opnieuw_routeren`, `tussenvragen` and
`documenten_citaat` are set later, by the turn router, which is built after the features."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from botbuilder.core import StatePropertyAccessor, TurnContext
from botbuilder.schema import Activity
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.gemeente import STANDAARD_GEMEENTE
from dialogen.gespreksgeheugen import Gespreksgeheugen
from dialogen.teksten import Teksten
from kennisbank.documenten import PassageZoeker
from kennisbank.kennisbank import Kennisbank
from kennisbank.zoeken import Zoeker


class DownloadLinkMaker(Protocol):
    def __call__(self, soort: str, periode_id: str, gebruiker_id: str, persoon_id: str) -> str:
        """The full URL of a new, short-lived download link (`bot.downloadlinks.DownloadLinks.maak`)."""
        ...


ProactiefSturen = Callable[[str, "str | Activity"], Awaitable[bool]]
"""`async stuur(persoon_id, tekst_of_activiteit) -> bool` (`bot.proactief.Proactief.stuur`): a message to a
person outside the turn; False when the person never chatted with the bot or the channel failed."""
Routeren = Callable[[TurnContext], Awaitable[None]]
"""The turn router's handler (`TurnRouter.verwerk`)."""


class Tussenvragen(Protocol):
    """Questions asked in between while a dialog waits (`dialogen.tussenvraag.Tussenvragen`)."""

    def is_tussenvraag(self, context: TurnContext, tekst: str, *, vrij: bool = False) -> bool:
        """Is `tekst` a question to answer aside (`vrij`: in a free-text step, where any text is an answer)?"""
        ...

    async def beantwoord(self, context: TurnContext, tekst: str, *, wachtend: str | None = None) -> None:
        """Answer `tekst` as if no dialog waited, leaving the waiting dialog (id `wachtend`) as it is."""
        ...


@dataclass
class FeatureServices:
    """What one feature may use (a feature keeps it as `self.diensten`); one per gemeente."""

    kennisbank: Kennisbank
    sessies: async_sessionmaker[AsyncSession]
    teksten: Teksten
    klok: Callable[[], datetime]
    """Now, timezone-aware; tests replace it to set the date."""
    zoeker: Zoeker
    """The entity finder over the kennisbank (onderwerpen, personen, rollen, ...); its day follows `klok`."""
    passages: PassageZoeker
    """The search over the source documents' passages (the `documenten` feature quotes from it)."""
    geheugen: Gespreksgeheugen
    """What the conversation remembers for a follow-up without a name."""
    parkeerplaats: StatePropertyAccessor
    """The conversation-state property that holds stopped forms by form id (`dialogen.formulier`)."""
    downloadlink: DownloadLinkMaker
    """Makes a signed download link for an export."""
    proactief: ProactiefSturen
    """Sends a message to a person outside the turn (a controller chasing a report)."""
    gemeente: str = STANDAARD_GEMEENTE
    """The gemeente these services belong to; `sessies` already see only its rows (`db.gemeente`)."""
    opnieuw_routeren: Routeren | None = None
    """Hands a message back to the turn router (a message that is not the answer to a waiting choice);
    set by the router itself, None only for a feature used without one."""
    tussenvragen: Tussenvragen | None = None
    """Recognises and answers a question asked while a dialog waits (`dialogen.tussenvraag`); set by
    the router, None for a feature used without one."""
    documenten_citaat: Callable[[str], str | None] | None = None
    """The documents' quoted answer (document + section) to a question the lookup found no record
    for, only from a passage above their threshold that holds the question's words, else None; set
    by the router when the `documenten` feature is installed."""
