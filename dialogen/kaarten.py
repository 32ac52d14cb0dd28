"""Small helpers for replies: Adaptive Card attachments, suggested actions, card replacement."""

from __future__ import annotations

import re
from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.schema import ActionTypes, Activity, ActivityTypes, Attachment, CardAction, SuggestedActions

KAART_VERVANGING = "sturingsbot.kaart_vervanging"
KAART_ANTWOORD = "sturingsbot.kaart_antwoord"
KANALEN_ZONDER_KAARTEN = frozenset({"console"})
ADAPTIVE_CARD_VERSIE = "1.5"


def adaptive_card(body: list[dict[str, Any]], acties: list[dict[str, Any]] | None = None) -> Attachment:
    """An Adaptive Card 1.5 attachment from body elements and actions."""
    kaart: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": ADAPTIVE_CARD_VERSIE,
        "body": body,
    }
    if acties:
        kaart["actions"] = acties
    return CardFactory.adaptive_card(kaart)


def submit_actie(titel: str, data: dict[str, Any], *, stijl: str | None = None) -> dict[str, Any]:
    actie: dict[str, Any] = {"type": "Action.Submit", "title": titel, "data": data}
    if stijl:
        actie["style"] = stijl
    return actie


def kaarten_mogelijk(turn_context: TurnContext) -> bool:
    """False for clients that cannot render Adaptive Cards (the console chat)."""
    return turn_context.activity.channel_id not in KANALEN_ZONDER_KAARTEN


NADRUK = re.compile(r"\*\*(\S(?:[^*\n]*\S)?)\*\*|(?<![\w*])_(\S(?:[^_\n]*\S)?)_(?!\w)")
"""Bold (**x**) and italics (_x_) in Markdown."""


def zonder_nadruk(tekst: str) -> str:
    """The text with bold and italic markers removed (the words stay)."""
    return NADRUK.sub(lambda m: m.group(1) or m.group(2), tekst)


def keuzes_zonder_nadruk(activiteiten: list[Activity]) -> None:
    """For Teams: a message that carries suggested actions loses its bold and italics. Teams' own
    test client (the Agents Playground) shows such a message as raw Markdown, '**Geen onderwerp**'
    with its asterisks; a list goes in a message of its own already (`berichten_met_keuzes`)."""
    for activiteit in activiteiten:
        if activiteit.suggested_actions and activiteit.suggested_actions.actions and activiteit.text:
            activiteit.text = zonder_nadruk(activiteit.text)


def met_keuzes(tekst: str, keuzes: list[str] | list[tuple[str, str]]) -> Activity:
    """A message with suggested actions; each keuze is a title, or (title, text sent back)."""
    acties = []
    for keuze in keuzes:
        titel, waarde = keuze if isinstance(keuze, tuple) else (keuze, keuze)
        acties.append(CardAction(type=ActionTypes.im_back, title=titel, value=waarde))
    bericht = MessageFactory.text(tekst)
    bericht.suggested_actions = SuggestedActions(actions=acties)
    return bericht


MAX_KNOP = 50
"""Longest button title of a numbered choice; clients cut longer suggested actions off mid-word
(the Agents Playground was seen doing so; its exact width was not measured here)."""
_TOELICHTING_ACHTERAAN = re.compile(r"\s*\([^()]*\)$")


def knoptitel(titel: str) -> str:
    """A short title for a button whose full text is listed (numbered) in the message: a title
    longer than `MAX_KNOP` loses a trailing "(…)", and is then cut at a word."""
    if len(titel) <= MAX_KNOP:
        return titel
    kort = _TOELICHTING_ACHTERAAN.sub("", titel)
    if len(kort) < 10:
        kort = titel
    if len(kort) <= MAX_KNOP:
        return kort
    return kort[: MAX_KNOP - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


LIJSTREGEL = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s", re.MULTILINE)


def bevat_lijst(tekst: str) -> bool:
    """Whether the text has a markdown list line ('- ', '* ', '1. ')."""
    return LIJSTREGEL.search(tekst) is not None


def berichten_met_keuzes(tekst: str, keuzes: list[str] | list[tuple[str, str]], kop: str) -> list[Activity]:
    """Text plus suggested actions, split in two messages when the text holds a list: clients such as
    the Agents Playground show a message with suggested actions as raw markdown, and text after a
    list runs into its last item. `kop` is the short text that carries the buttons then."""
    if not keuzes:
        return [MessageFactory.text(tekst)]
    if bevat_lijst(tekst):
        return [MessageFactory.text(tekst), met_keuzes(kop, keuzes)]
    return [met_keuzes(tekst, keuzes)]


def vervang_kaart(turn_context: TurnContext, bijlage: Attachment) -> None:
    """Ask the host to replace the card that was just submitted (so it cannot be submitted twice)."""
    turn_context.turn_state[KAART_VERVANGING] = bijlage


def gevraagde_vervanging(turn_context: TurnContext) -> Attachment | None:
    return turn_context.turn_state.get(KAART_VERVANGING)


async def weiger_kaart(turn_context: TurnContext, tekst: str) -> None:
    """Refuse a card submit with one short text. For a Teams card invoke it is the invoke's answer,
    shown to the person who clicked only (not a message to the whole group chat); otherwise a message."""
    if turn_context.activity.type == ActivityTypes.invoke:
        turn_context.turn_state[KAART_ANTWOORD] = tekst
        return
    await turn_context.send_activity(tekst)


def gevraagd_kaart_antwoord(turn_context: TurnContext) -> str | None:
    return turn_context.turn_state.get(KAART_ANTWOORD)
