"""Shows bot replies as plain text in a terminal: cards become text with numbered choices."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_VET = re.compile(r"\*\*(.+?)\*\*")
_CURSIEF = re.compile(r"(?<![\w\\])_(.+?)(?<!\\)_(?!\w)")
_ONTSNAPT = re.compile(r"\\([\\`*_\[\]()#|<>~.+=-])")
"""Characters escaped for Markdown (dialogen.opmaak.letterlijk): shown as typed."""


@dataclass
class ConsoleWeergave:
    regels: list[str] = field(default_factory=list)
    keuzes: list[str] = field(default_factory=list)
    """What typing the choice's number sends back."""


def geef_weer(activiteiten: list[dict[str, Any]]) -> ConsoleWeergave:
    weergave = ConsoleWeergave()
    for activiteit in activiteiten:
        if activiteit.get("type") not in (None, "message"):
            continue
        if activiteit.get("text"):
            weergave.regels.append(_opgemaakt(activiteit["text"]))
        for bijlage in activiteit.get("attachments") or []:
            _bijlage(bijlage, weergave)
        for actie in (activiteit.get("suggestedActions") or {}).get("actions") or []:
            _keuze(weergave, actie.get("title") or str(actie.get("value")), str(actie.get("value") or actie.get("title")))
    return weergave


def _al_genummerd(weergave: ConsoleWeergave, nummer: int, titel: str, waarde: str) -> bool:
    """Whether a message above already lists this choice under its number ("2. Geld en budget"):
    then the number works as shown and the choice is not listed a second time."""
    regels = {r.strip() for tekst in weergave.regels for r in tekst.splitlines()}
    return any(f"{nummer}. {_opgemaakt(t)}" in regels for t in (waarde, titel))


def _bijlage(bijlage: dict[str, Any], weergave: ConsoleWeergave) -> None:
    inhoud = bijlage.get("content") or {}
    soort = bijlage.get("contentType", "")
    if soort == "application/vnd.microsoft.card.hero":
        for sleutel in ("title", "subtitle", "text"):
            if inhoud.get(sleutel):
                weergave.regels.append(_opgemaakt(inhoud[sleutel]))
        for knop in inhoud.get("buttons") or []:
            _keuze(weergave, knop.get("title", ""), str(knop.get("value") or knop.get("title")))
    elif soort == "application/vnd.microsoft.card.adaptive":
        _adaptive_elementen(inhoud.get("body") or [], weergave)
        for actie in inhoud.get("actions") or []:
            weergave.regels.append(f"  [{actie.get('title', 'knop')}]")
    else:
        weergave.regels.append(f"(bijlage: {bijlage.get('name') or soort})")


def _adaptive_elementen(elementen: list[dict[str, Any]], weergave: ConsoleWeergave) -> None:
    for element in elementen:
        soort = element.get("type")
        if soort in ("TextBlock", "RichTextBlock") and element.get("text"):
            weergave.regels.append(_opgemaakt(element["text"]))
        elif soort == "FactSet":
            weergave.regels.extend(f"  {feit.get('title')}: {feit.get('value')}" for feit in element.get("facts", []))
        elif soort and soort.startswith("Input."):
            weergave.regels.append(f"  [{element.get('label') or element.get('title') or element.get('id')}]")
        for sleutel in ("items", "columns"):
            if isinstance(element.get(sleutel), list):
                _adaptive_elementen(element[sleutel], weergave)


def _keuze(weergave: ConsoleWeergave, titel: str, waarde: str) -> None:
    weergave.keuzes.append(waarde)
    if not _al_genummerd(weergave, len(weergave.keuzes), titel, waarde):
        weergave.regels.append(f"  {len(weergave.keuzes)}. {titel}")


def _opgemaakt(tekst: str) -> str:
    return _ONTSNAPT.sub(r"\1", _CURSIEF.sub(r"\1", _VET.sub(r"\1", tekst)))
