"""Split sections into passages: the units the search finds and the feature quotes verbatim.

A paragraph is a passage; a list is one passage when short, else one passage per item (with its
sub-items, or runs of them under the item's own line); a paragraph that ends in ':' is kept with the list after it. A paragraph longer than
`MAX_TEKENS` is cut between sentences, a long block of lines (a glossary) into its lines. Every passage is a literal piece of the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kennisbank.documenten.model import Brondocument, Passage

MAX_TEKENS = 600
_LIJSTITEM = re.compile(r"^(?:[-*•]|\d+[.)]|\(\d+\))\s")
_ZINSEINDE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“‘'\"(])")


def passages(documenten: Iterable[Brondocument]) -> list[Passage]:
    uit: list[Passage] = []
    for document in documenten:
        for sectie in document.secties:
            for regel, tekst in _stukken(list(sectie.blokken)):
                uit.append(Passage(document, sectie.titel, tekst, regel))
    return uit


def _stukken(blokken: list[tuple[int, str]]) -> list[tuple[int, str]]:
    uit: list[tuple[int, str]] = []
    index = 0
    while index < len(blokken):
        regel, tekst = blokken[index]
        if _is_lijst(tekst):
            uit += _lijst(regel, tekst)
        elif tekst.endswith(":") and index + 1 < len(blokken) and _is_lijst(blokken[index + 1][1]):
            lijst_regel, lijst = blokken[index + 1]
            samen = f"{tekst}\n{lijst}"
            if len(samen) <= MAX_TEKENS:
                uit.append((regel, samen))
            else:
                items = _lijst(lijst_regel, lijst)
                uit.append((regel, f"{tekst}\n{items[0][1]}"))
                uit += items[1:]
            index += 1
        else:
            uit += _alinea(regel, tekst)
        index += 1
    return uit


def _is_lijst(tekst: str) -> bool:
    return bool(_LIJSTITEM.match(tekst.lstrip()))


def _lijst(regel: int, tekst: str) -> list[tuple[int, str]]:
    """The whole list when short; otherwise its top-level items (sub-items stay with their item)."""
    if len(tekst) <= MAX_TEKENS:
        return [(regel, tekst)]
    items: list[tuple[int, list[str]]] = []
    for nummer, lijn in enumerate(tekst.split("\n")):
        if not items or (not lijn.startswith((" ", "\t")) and _is_lijst(lijn)):
            items.append((regel + nummer, [lijn]))
        else:
            items[-1][1].append(lijn)
    uit: list[tuple[int, str]] = []
    for r, lijnen in items:
        uit += _item(r, lijnen)
    return uit


def _item(regel: int, lijnen: list[str]) -> list[tuple[int, str]]:
    """A list item with its sub-items; a long one as runs of sub-items, each under the item's line."""
    tekst = "\n".join(lijnen)
    if len(tekst) <= MAX_TEKENS or len(lijnen) == 1:
        return [(regel, tekst)]
    kop, rest = lijnen[0], lijnen[1:]
    uit: list[tuple[int, str]] = []
    groep: list[str] = []
    for lijn in rest:
        if groep and len(kop) + sum(len(g) + 1 for g in groep) + len(lijn) > MAX_TEKENS:
            uit.append((regel, "\n".join([kop, *groep])))
            groep = []
        groep.append(lijn)
    uit.append((regel, "\n".join([kop, *groep])))
    return uit


def _alinea(regel: int, tekst: str) -> list[tuple[int, str]]:
    """The paragraph, or runs of whole sentences of at most MAX_TEKENS characters."""
    if len(tekst) <= MAX_TEKENS:
        return [(regel, tekst)]
    uit: list[tuple[int, str]] = []
    if "\n" in tekst:  # a long block of lines (a glossary, a table): each line on its own
        for nummer, lijn in enumerate(tekst.split("\n")):
            uit += _alinea(regel + nummer, lijn)
        return uit
    zinnen = _ZINSEINDE.split(tekst)
    huidig = ""
    for zin in zinnen:
        if huidig and len(huidig) + 1 + len(zin) > MAX_TEKENS * 2 // 3:
            uit.append((regel, huidig))
            huidig = zin
        else:
            huidig = f"{huidig} {zin}" if huidig else zin
    if huidig:
        uit.append((regel, huidig))
    return uit
