"""Dates in Dutch text: "1 maart 2024", "1-3-2024", "01/03/2024", "2024-03-01", "1 mrt",
"vandaag", "gisteren", "morgen", "vorig jaar" and "in 2023" (a whole year), "maart 2024" (a month),
"begin/medio/eind 2023" and "het begin van vorig jaar" (part of a year), with their character span.
"tot eind 2023", "tot 2024", "tot en met maart 2024" and "vanaf begin 2024" are the one day that ends
(or starts) such a stretch.

Pure: `vind_datums(tekst, vandaag)` returns `Datum`s; a day without a year takes `vandaag`'s year.
Impossible dates ("31 februari") are skipped, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MAANDNAMEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
"""The months in order, as written in a date ("4 december 2026")."""
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

_JAAR_OF_RELATIEF = r"((?:19|20)\d\d|vorige?\s+jaar|dit\s+jaar|volgende?\s+jaar)"
_DEEL = re.compile(
    rf"\b(begin|eind|einde|halverwege|medio|midden)\s+(?:van\s+)?(?:het\s+jaar\s+)?{_JAAR_OF_RELATIEF}\b", re.IGNORECASE
)
"""Part of a year: "begin 2024", "eind van 2023", "halverwege vorig jaar"."""
_DEEL_MAANDEN = {"begin": (1, 3), "halverwege": (6, 7), "medio": (6, 7), "midden": (6, 7), "eind": (10, 12), "einde": (10, 12)}
_MAAND_JAAR = re.compile(rf"\b({_MAAND})\.?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
"""A month of a year: "maart 2024" (a day in front of it makes it one day, found earlier)."""
_DAG_ERVOOR = re.compile(r"\d(?:e|ste|de)?\s+$")
_GRENS = re.compile(r"\b(tot\s+en\s+met|t/m|tot|vanaf|sinds|per)\s+(?:het\s+|de\s+)?$", re.IGNORECASE)
"""In front of a stretch of time: the one day it ends or starts ("tot eind 2023")."""
_TOT_JAAR = re.compile(r"\b(tot\s+en\s+met|t/m|tot|vanaf|sinds)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
"""A year after tot/vanaf ("tot 2024": until 2024 began), which is no year on its own."""

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

    def stuk(van: date, tot: date, m: re.Match[str]) -> None:
        if not any(b < m.end() and m.start() < e for b, e in bezet):
            bezet.append((m.start(), m.end()))
            gevonden.append(Datum(van, tot, m.start(), m.end(), m.group(0)))

    for m in _TOT_JAAR.finditer(tekst):
        jaar = int(m.group(2))
        stuk(date(jaar, 1, 1), date(jaar, 12, 31), m)
    for m in _DEEL.finditer(tekst):
        jaar = _jaar_van(m.group(2), vandaag)
        eerste, laatste = _DEEL_MAANDEN[m.group(1).lower()]
        stuk(date(jaar, eerste, 1), _laatste_dag(jaar, laatste), m)
    for m in _MAAND_JAAR.finditer(tekst):
        if _DAG_ERVOOR.search(tekst[max(0, m.start() - 6) : m.start()]):
            continue  # an impossible day ("31 februari 2024") is skipped, not read as the month
        jaar, maand = int(m.group(2)), MAANDEN[m.group(1).lower()]
        stuk(date(jaar, maand, 1), _laatste_dag(jaar, maand), m)
    for m in _JAAR.finditer(tekst):
        heel_jaar(vandaag.year + _JAAR_VERSCHUIVING[m.group(1).lower()], m)
    for m in _LOS_JAARTAL.finditer(tekst):
        heel_jaar(int(m.group(1)), m)
    return sorted((_met_grens(d, tekst) for d in gevonden), key=lambda d: d.begin)


def _jaar_van(woorden: str, vandaag: date) -> int:
    """A year written out ("2023") or relative to today ("vorig jaar")."""
    if woorden.isdigit():
        return int(woorden)
    return vandaag.year + _JAAR_VERSCHUIVING[woorden.split()[0].lower()]


def _laatste_dag(jaar: int, maand: int) -> date:
    return (date(jaar + 1, 1, 1) if maand == 12 else date(jaar, maand + 1, 1)) - timedelta(days=1)


def _met_grens(datum: Datum, tekst: str) -> Datum:
    """A stretch of time after "tot", "tot en met", "vanaf" or "sinds" is the one day at its edge:
    "tot en met 2023" and "tot eind 2023" its last day, "tot 2024" and "tot begin 2024" the day
    before it, "vanaf maart 2024" its first day."""
    if datum.van == datum.tot:
        return datum
    woorden = datum.tekst.lower()
    grens = _TOT_JAAR.match(datum.tekst) or _GRENS.search(tekst[max(0, datum.begin - 20) : datum.begin])
    if grens is None:
        return datum
    soort = " ".join(grens.group(1).lower().split())
    if soort in ("vanaf", "sinds", "per"):
        dag = datum.van
    elif soort in ("tot en met", "t/m") or woorden.startswith(("eind", "einde")):
        dag = datum.tot
    else:
        dag = datum.van - timedelta(days=1)
    return Datum(dag, dag, datum.begin, datum.eind, datum.tekst)


def gevraagde_dag(tekst: str, vandaag: date) -> date:
    """The one day a question is about: the day it names ("op 1 maart 2024"), else the first day of
    a month or year it names that does not hold today ("in maart 2023"), else today."""
    datums = vind_datums(tekst, vandaag)
    dag = next((d.van for d in datums if d.van == d.tot), None)
    if dag is None:
        dag = next((d.van for d in datums if not d.van <= vandaag <= d.tot), vandaag)
    return dag


def datum_tekst(dag: date) -> str:
    """A day as Dutch text: '4 december 2026'."""
    return f"{dag.day} {MAANDNAMEN[dag.month - 1]} {dag.year}"


def periode_tekst(van: date, tot: date) -> str:
    """A year or month as Dutch text ("2023", "maart 2024"), another stretch of days as "van ... tot en met ..."."""
    if (van.month, van.day, tot.month, tot.day) == (1, 1, 12, 31) and van.year == tot.year:
        return str(van.year)
    if van.day == 1 and (van.year, van.month) == (tot.year, tot.month) and tot == _laatste_dag(tot.year, tot.month):
        return f"{MAANDNAMEN[van.month - 1]} {van.year}"
    return f"van {datum_tekst(van)} tot en met {datum_tekst(tot)}"
