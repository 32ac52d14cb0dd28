"""Who is asking: the Teams identity of the sender and the matching kennisbank persoon."""

from __future__ import annotations

from dataclasses import dataclass

from botbuilder.core import TurnContext

from kennisbank.model import Persoon

GEBRUIKER_SLEUTEL = "sturingsbot.gebruiker"


@dataclass(frozen=True)
class Gebruiker:
    kanaal_id: str | None
    aad_object_id: str | None
    naam: str | None
    email: str | None
    persoon: Persoon | None

    @property
    def persoon_id(self) -> str | None:
        return self.persoon.id if self.persoon else None


def huidige_gebruiker(turn_context: TurnContext) -> Gebruiker:
    """The sender of this turn, as resolved by the host (bot/) before the dialogs run."""
    gebruiker = turn_context.turn_state.get(GEBRUIKER_SLEUTEL)
    if gebruiker is None:
        afzender = turn_context.activity.from_property
        gebruiker = Gebruiker(
            kanaal_id=afzender.id if afzender else None,
            aad_object_id=getattr(afzender, "aad_object_id", None) if afzender else None,
            naam=afzender.name if afzender else None,
            email=None,
            persoon=None,
        )
    return gebruiker


def zet_gebruiker(turn_context: TurnContext, gebruiker: Gebruiker) -> None:
    turn_context.turn_state[GEBRUIKER_SLEUTEL] = gebruiker
