"""What kind of answer a question asks for, and whether a passage holds one.

"Wanneer ...?" asks for a date, "hoe vaak ...?" for a frequency, "hoeveel <woord> ...?" for a
number with that word. The question words themselves are dropped from the search terms (they say
how someone asks, not what about), so without this the sentence with the date, the frequency or the
number weighs the same as the sentence next to it that shares the question's other words.
Pure text rules on normalised text (`kennisbank.zoeken.normaliseren.normaliseer`).
"""

from __future__ import annotations

import re
from enum import Enum


class Antwoordsoort(Enum):
    DATUM = "datum"
    FREQUENTIE = "frequentie"
    AANTAL = "aantal"


_VRAAG = (
    (Antwoordsoort.FREQUENTIE, re.compile(r"\bhoe ?(vaak|dikwijls)\b|\bhoeveel (keer|maal)\b|\bhoe regelmatig\b")),
    (
        Antwoordsoort.DATUM,
        re.compile(
            r"\bwanneer\b|\bwelke? (datum|dag|maand|jaar|jaartal|periode)\b|\bop welke datum\b"
            r"|\bwat is de datum\b|\bsinds wanneer\b|\bper wanneer\b|\bhoe lang geleden\b"
        ),
    ),
    (Antwoordsoort.AANTAL, re.compile(r"\bhoe ?veel\b|\bwelk (percentage|bedrag|aantal)\b|\bhoe groot\b")),
)

SOORTWOORDEN: dict[Antwoordsoort, frozenset[str]] = {
    Antwoordsoort.DATUM: frozenset("maand jaar jaartal periode moment".split()),
    Antwoordsoort.FREQUENTIE: frozenset("keer maal frequentie".split()),
    Antwoordsoort.AANTAL: frozenset("aantal percentage bedrag".split()),
}
"""Words of a question that name the kind of answer ('in welk jaar', 'welk percentage'): a
passage that holds such an answer holds what they ask, though it never uses the word."""
DAGWOORDEN = frozenset("datum dag".split())
"""... and those that only a day's date answers ('op welke datum': '20 maart 2012', not '2012')."""

_MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december"
_MAAND = _MAANDEN.replace(" ", "|")
_DAG = re.compile(rf"\b([1-9]|[12]\d|3[01]) ({_MAAND})\b")
_DATUM = re.compile(rf"\b({_MAAND})\b|\b(1[89]|20)\d\d\b|\b(voorjaar|najaar|kwartaal|zomer|winter)\b")
_FREQUENTIE = re.compile(
    r"\b(dagelijks|wekelijks|tweewekelijks|maandelijks|jaarlijks|halfjaarlijks|tweejaarlijks|driejaarlijks"
    r"|periodiek)\b|\b(keer|maal) (per|in de)\b|\bper (dag|week|maand|kwartaal|jaar)\b"
    r"|\b(elke|iedere|ieder|elk) (dag|week|maand|kwartaal|jaar)\b"
)
_GETALWOORDEN = frozenset(
    """
    twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien twintig
    dertig veertig vijftig zestig zeventig tachtig negentig honderd duizend miljoen miljard
    tientallen honderden duizenden enkele
    """.split()
)


def gevraagde_soort(vraag: str) -> Antwoordsoort | None:
    """The kind of answer normalised question `vraag` asks for, or None (any answer)."""
    for soort, patroon in _VRAAG:
        if patroon.search(vraag):
            return soort
    return None


_WIE = re.compile(r"\bwie\b|\bopdrachtgever|\bportefeuillehouder|\bwethouder")


def vraagt_wie(vraag: str) -> bool:
    """Whether normalised question `vraag` asks who (a person, a role): what the kennisbank's records
    answer ('wie beslist', 'welke wethouder', 'de opdrachtgever van ...'), not a passage."""
    return bool(_WIE.search(vraag))


def heeft_dag(tekst: str) -> bool:
    """A day's date ('9 september 2014', '1 mei')."""
    return bool(_DAG.search(tekst))


def heeft_datum(tekst: str) -> bool:
    """Any date: a day, a month, a year, a season or quarter."""
    return bool(_DATUM.search(tekst))


def heeft_frequentie(tekst: str) -> bool:
    return bool(_FREQUENTIE.search(tekst))


def getal_voor(woorden: list[str]) -> list[int]:
    """Indices of the words of `woorden` that are a number ('300', 'drie', 'tien')."""
    return [i for i, woord in enumerate(woorden) if woord.isdigit() or woord in _GETALWOORDEN]
