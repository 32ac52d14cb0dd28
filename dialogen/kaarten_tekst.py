"""Every card also works as text: the console chat (and any client without Adaptive Cards) gets the
card's texts as a message and its buttons as suggested actions.

A button that should work in text carries `GETYPT` in its `Action.Submit` data: the command a user
would type for the same thing ("overzicht rapportage Herfstrapportage 2026 pagina 2"). The feature
reads that command like any other message, so a text button is as stateless as the card's submit.
Inputs (choice sets, text fields) are not shown: in text, filters are typed as words. An element
text cannot show (a chart, an image) is read through its `fallback`, as a card host that does not
know the element would (`dialogen.grafieken`: chart -> image -> text bars).
"""

from __future__ import annotations

from typing import Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.schema import Activity, Attachment

from dialogen.kaarten import berichten_met_keuzes, kaarten_mogelijk

GETYPT = "getypt"
"""Key in a submit's data: the text command that does the same in a chat without cards."""


def tekstregels(elementen: list[dict[str, Any]]) -> list[str]:
    """The readable lines of card body elements, in order (TextBlocks, FactSets, columns)."""
    regels: list[str] = []
    for element in elementen:
        soort = element.get("type")
        if soort == "TextBlock" and element.get("text"):
            regels.append(str(element["text"]))
        elif soort == "FactSet":
            regels.extend(f"{feit.get('title')}: {feit.get('value')}" for feit in element.get("facts", []))
        elif soort == "ColumnSet":
            delen = [" ".join(tekstregels(kolom.get("items", []))) for kolom in element.get("columns", [])]
            regel = "  ".join(d for d in delen if d)
            if regel:
                regels.append(regel)
        elif soort == "Container":
            regels.extend(tekstregels(element.get("items", [])))
        elif isinstance(element.get("fallback"), dict):
            regels.extend(tekstregels([element["fallback"]]))
    return regels


def _knoppen(knoop: Any) -> list[tuple[str, str]]:
    """(title, typed command) of every submit button that has a typed form, in card order."""
    gevonden: list[tuple[str, str]] = []
    if isinstance(knoop, dict):
        data = knoop.get("data")
        if str(knoop.get("type", "")).startswith("Action.") and isinstance(data, dict) and isinstance(data.get(GETYPT), str):
            gevonden.append((str(knoop.get("title", data[GETYPT])), data[GETYPT]))
        for sleutel, waarde in knoop.items():
            if sleutel != "data":
                gevonden.extend(_knoppen(waarde))
    elif isinstance(knoop, list):
        for item in knoop:
            gevonden.extend(_knoppen(item))
    return gevonden


def als_tekst(kaart: dict[str, Any], kop: str) -> list[Activity]:
    """The card as text messages with its buttons as suggested actions (`kop` carries the buttons
    when the text holds a list, see `dialogen.kaarten.berichten_met_keuzes`)."""
    tekst = "\n\n".join(tekstregels(kaart.get("body") or []))
    keuzes = list(dict.fromkeys(_knoppen(kaart)))
    return berichten_met_keuzes(tekst, keuzes, kop)


def kaart_of_tekst(turn_context: TurnContext, bijlage: Attachment, kop: str) -> list[Activity]:
    """The card where the client shows cards, its text form where it does not."""
    if kaarten_mogelijk(turn_context):
        return [MessageFactory.attachment(bijlage)]
    return als_tekst(bijlage.content, kop)
