"""Dates in Dutch text: "1 maart 2024", "1-3-2024", "01/03/2024", "2024-03-01", "1 mrt",
"vandaag", "gisteren", "morgen", "vorig jaar" and "in 2023" (a whole year), with their character span.

Pure: `vind_datums(tekst, vandaag)` returns `Datum`s; a day without a year takes `vandaag`'s year.
Impossible dates ("31 februari") are skipped, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_MAAND = "|".join(sorted(MAANDEN, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_CIJFERS = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")
_WOORDEN = re.compile(rf"\b(\d{{1,2}})(?:e|ste|de)?\s+({_MAAND})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_RELATIEF = re.compile(r"\b(vandaag|gisteren|morgen|eergisteren|overmorgen)\b", re.IGNORECASE)
_JAAR = re.compile(r"\b(vorig|vorige|dit|volgend|volgende)\s+jaar\b", re.IGNORECASE)
_LOS_JAARTAL = re.compile(r"\b(?:in|anno|tijdens|gedurende)\s+(?:het\s+jaar\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
"""A year on its own only after a preposition: "in 2023" (not "lenterapportage 2027")."""

_VERSCHUIVING = {"vandaag": 0, "gisteren": -1, "eergisteren": -2, "morgen": 1, "overmorgen": 2}
_JAAR_VERSCHUIVING = {"vorig": -1, "vorige": -1, "dit": 0, "volgend": 1, "volgende": 1}


@dataclass(frozen=True)
class Datum:
    """A date (or a whole year: `tot` is then Dec 31) mentioned at tekst[begin:eind]."""

    van: date
    tot: date
    begin: int
    eind: int
    tekst: str


def vind_datums(tekst: str, vandaag: date) -> list[Datum]:
    """Every date in `tekst`, in order of appearance; overlapping forms are found once."""
    gevonden: list[Datum] = []
    bezet: list[tuple[int, int]] = []

    def voeg_toe(jaar: int, maand: int, dag: int, m: re.Match[str]) -> None:
        if any(b < m.end() and m.start() < e for b, e in bezet):
            return
        try:
            waarde = date(jaar, maand, dag)
        except ValueError:
            return
        bezet.append((m.start(), m.end()))
        gevonden.append(Datum(waarde, waarde, m.start(), m.end(), m.group(0)))

    for m in _ISO.finditer(tekst):
        voeg_toe(int(m.group(1)), int(m.group(2)), int(m.group(3)), m)
    for m in _CIJFERS.finditer(tekst):
        jaar = int(m.group(3))
        voeg_toe(jaar + 2000 if jaar < 100 else jaar, int(m.group(2)), int(m.group(1)), m)
    for m in _WOORDEN.finditer(tekst):
        jaar = int(m.group(3)) if m.group(3) else vandaag.year
        voeg_toe(jaar, MAANDEN[m.group(2).lower()], int(m.group(1)), m)
    for m in _RELATIEF.finditer(tekst):
        dag = vandaag + timedelta(days=_VERSCHUIVING[m.group(1).lower()])
        voeg_toe(dag.year, dag.month, dag.day, m)
    def heel_jaar(jaar: int, m: re.Match[str]) -> None:
        if not any(b < m.end() and m.start() < e for b, e in bezet):
            bezet.append((m.start(), m.end()))
            gevonden.append(Datum(date(jaar, 1, 1), date(jaar, 12, 31), m.start(), m.end(), m.group(0)))

    for m in _JAAR.finditer(tekst):
        heel_jaar(vandaag.year + _JAAR_VERSCHUIVING[m.group(1).lower()], m)
    for m in _LOS_JAARTAL.finditer(tekst):
        heel_jaar(int(m.group(1)), m)
    return sorted(gevonden, key=lambda d: d.begin)
