"""The name of the opdracht in a request to start the check, read from the user's full text
("check voor de nieuwbouw van het zwembad", "is er voor de herinrichting van het stationsplein een
bestuursopdracht nodig?").

Two steps. `opdracht_in_tekst` finds where the name stands (used when the recogniser's `groepen`
give none): anchored, linear patterns (no nested quantifiers) on normalised text. `opdrachtnaam`
then makes a name of those words, for either source, as a general rule of Dutch word order:
- the sentence around the name goes: leading "er voor", pronouns, verbs and adverbs ("is er
  eigenlijk voor ...", "check of we voor ..."), trailing "nodig", "of niet", "is dat", "graag";
- the article stays, as the check has always kept it ("De nieuwbouw van het zwembad");
- nothing but a pronoun and a generic word ("dit", "mijn project", "het plan"), or "iets ...", is no name;
- the words come back as the user typed them, with capitals and hyphens ("Vernieuwing
  Stationsplein", "IKC-programma Noord"). Vague words from the texts ("dit idee") are filtered by the dialog.
"""

from __future__ import annotations

import re

from kennisbank.zoeken.normaliseren import normaliseer

_BO = r"bestuurs ?opdracht"
_PATRONEN = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:check|checken|toets|toetsen|test|nagaan)\b(?: {_BO}| (?:de )?criteria)? (?:voor|van|over|bij) (?P<opdracht>[a-z0-9 ]+)$",
        rf"\b{_BO} (?:check|checken|toets|toetsen|test|checklist|nodig|vereist|verplicht) (?:voor|van|over|bij) (?P<opdracht>[a-z0-9 ]+)$",
        rf"\b{_BO} (?:ja of nee|of niet) (?:voor|van|over|bij) (?P<opdracht>[a-z0-9 ]+)$",
        rf"\b(?:moet|moeten|wordt|is|of|heeft|hebben|krijgt|vraagt) (?P<opdracht>[a-z0-9 ]{{1,80}}) (?:een|n) {_BO}\b",
    )
)

_WERKWOORDEN = frozenset(
    "is zijn was moet moeten wordt worden heeft hebben krijgt krijgen vraagt vragen gaat gaan kan kunnen zou zouden"
    " mag mogen valt vallen komt komen".split()
)
_VOORNAAMWOORDEN = frozenset("er ervoor hiervoor daarvoor erbij hier daar we wij jullie ik je jij u men".split())
_BIJWOORDEN = frozenset(
    "eigenlijk nu echt wel nog ook dan toch even al misschien soms nou inderdaad eens zo dus nu wel graag aub svp"
    " alsjeblieft alstublieft please hoor".split()
)
_VOOR_DE_NAAM = _WERKWOORDEN | _VOORNAAMWOORDEN | _BIJWOORDEN | {"of", "voor", "bij"}
"""Words in front of the name that belong to the sentence ("is er eigenlijk voor de ...")."""
_NA_DE_NAAM = (
    _WERKWOORDEN | _BIJWOORDEN | {"nodig", "vereist", "verplicht", "of", "niet", "ja", "nee", "dat", "dit", "denk", "ik", "je"}
)
"""Words after the name that belong to the sentence ("... nodig of niet", "... is dat nodig")."""
_VAAG = frozenset(
    "dit dat deze die het de een mijn ons onze jullie hun zijn haar iets zoiets project opdracht programma traject"
    " opgave idee plan aanpak klus ding werk verzoek".split()
)
"""A "name" made only of these words is no name ("mijn project", "dit plan")."""
_ONBEPAALD = frozenset({"iets", "zoiets", "wat"})
"""A "name" that starts with one of these is a description ("iets nieuws opzetten"), not a name."""
_STUK = re.compile(r"[^\W_]+(?:'[^\W_]+)*|&")
"""A piece of the original text that `normaliseer` keeps as one or more words."""


def opdracht_in_tekst(tekst: str) -> str | None:
    """The words where the opdracht stands in the text (normalised, sentence words still around it); else None."""
    kern = normaliseer(tekst)[:300]
    for patroon in _PATRONEN:
        gevonden = patroon.search(kern)
        if gevonden:
            return gevonden.group("opdracht").strip() or None
    return None


def opdrachtnaam(gevonden: str | None, tekst: str) -> str | None:
    """The name in `gevonden` (normalised words where the name stands in `tekst`) without the sentence
    around it, as the user typed it in `tekst`; None when nothing but sentence words or a vague word is left."""
    woorden = normaliseer(gevonden or "").split()
    while woorden and woorden[0] in _VOOR_DE_NAAM:
        woorden.pop(0)
    while woorden and woorden[-1] in _NA_DE_NAAM:
        woorden.pop()
    if not woorden or woorden[0] in _ONBEPAALD or all(w in _VAAG for w in woorden):
        return None
    return _zoals_getypt(woorden, tekst) or " ".join(woorden)


def _zoals_getypt(woorden: list[str], tekst: str) -> str | None:
    """The stretch of `tekst` whose normalised words are `woorden` (its first occurrence), or None."""
    getypt: list[tuple[str, int, int]] = []
    for stuk in _STUK.finditer(tekst):
        getypt.extend((woord, stuk.start(), stuk.end()) for woord in normaliseer(stuk.group()).split())
    n = len(woorden)
    for begin in range(len(getypt) - n + 1):
        if all(getypt[begin + i][0] == woorden[i] for i in range(n)):
            return tekst[getypt[begin][1] : getypt[begin + n - 1][2]]
    return None
