"""Whose card is it? A card carries who it was made for (`voor`); in a group chat everyone sees it,
but only that person may submit it (issue 10 item 2). Stored results are keyed on the owner too,
so another member can never use up, or read back, someone else's card."""

from __future__ import annotations

import hashlib
from typing import Any

from botbuilder.core import TurnContext

from dialogen.gebruiker import Gebruiker, huidige_gebruiker

VOOR = "voor"
"""The key in a card's submit data that names its owner."""
GROEPSGESPREKKEN = frozenset({"channel", "groupChat"})


def eigenaar(gebruiker: Gebruiker) -> str:
    """Who, for cards and stored results: the Entra ID object id when known, else the channel user id."""
    return gebruiker.aad_object_id or gebruiker.kanaal_id or "onbekend"


def in_groepsgesprek(turn_context: TurnContext) -> bool:
    gesprek = turn_context.activity.conversation
    return (gesprek.conversation_type if gesprek else None) in GROEPSGESPREKKEN


def van_afzender(turn_context: TurnContext, waarde: dict[str, Any]) -> bool:
    """May the sender of this turn submit this card? Yes when the card was made for them. A card
    without owner (made before cards carried one) is only accepted outside group conversations."""
    voor = waarde.get(VOOR)
    if isinstance(voor, str) and voor:
        return voor == eigenaar(huidige_gebruiker(turn_context))
    gesprek = turn_context.activity.conversation
    return (gesprek.conversation_type if gesprek else None) not in GROEPSGESPREKKEN


def eigen_sleutel(gebruiker: Gebruiker, sleutel: str) -> str:
    """A card's sleutel bound to its owner (64 hex characters): the same sleutel submitted by
    someone else is a different stored key."""
    return hashlib.sha256(f"{eigenaar(gebruiker)}\n{sleutel}".encode()).hexdigest()
