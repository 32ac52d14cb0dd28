"""Text normalisation shared by the index and the questions.

`normaliseer` lowercases, strips diacritics and punctuation and collapses spaces; `termen` drops
Dutch function words; `Splitser` splits Dutch compounds ("duurzaamheidsagenda" -> "duurzaamheid",
"agenda") on heads it knows, so "jeugd agenda", "jeugdagenda" and "duurzaamheid" meet the names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NIET_WOORD = re.compile(r"[^a-z0-9]+")
_SPATIES = re.compile(r"\s+")

STOPWOORDEN = frozenset(
    """
    de het een den der des t n s en of van voor in op aan met bij over onder naar om tot uit
    door te ter is zijn was wordt worden er dat die dit deze welk welke waar
    ik je jij u we wij mij me mijn ons onze hij zij ze hun hem haar dan toch nou even eigenlijk
    ook nog al dus maar wel graag eens mag kan kun kunt moet moeten zou zouden heeft hebben
    """.split()
)
"""Function words: they never make or break a match (not "wat"/"hoe": WAT-vraag vs HOE-vraag)."""

GENERIEKE_WOORDEN = frozenset(
    """
    agenda agendas ag project projecten programma programmas team teams werk werken beleid
    zaken taak taken opgave opgaven ontwikkeling ontwikkelopgave aspect concernaspect centraal
    pilot algemeen overig overige regulier gemeente gemeentelijk gemeentelijke organisatie
    dienst diensten thema themas dossier dossiers onderwerp onderwerpen portefeuille
    """.split()
)
"""Words too general to identify an onderwerp on their own: their weight is reduced."""

KOPPEN = (
    "agenda",
    "programma",
    "project",
    "projecten",
    "beleid",
    "werk",
    "werken",
    "zaken",
    "taken",
    "opgave",
    "ontwikkeling",
    "dienstverlening",
    "dienst",
    "beheer",
    "plan",
    "team",
    "teams",
    "zorg",
    "contract",
    "overleg",
    "kader",
    "nota",
    "brief",
    "rapportage",
    "management",
    "samenwerking",
    "opdracht",
    "opdrachtgever",
    "opdrachtgeverschap",
    "begroting",
    "huisvesting",
)
"""Common Dutch compound heads in this domain; the kennisbank's own words are added per index."""

_VERBINDINGEN = ("s", "en", "e")
_MIN_DEEL = 3


def zonder_accenten(tekst: str) -> str:
    if tekst.isascii():  # most text: nothing to strip
        return tekst
    return "".join(teken for teken in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(teken))


def normaliseer(tekst: str) -> str:
    """'Wie is AO voor de Duurzaamheids-agenda?' -> 'wie is ao voor de duurzaamheids agenda'."""
    tekst = zonder_accenten(tekst).lower().replace("&", " en ").replace("'", "")
    return _SPATIES.sub(" ", _NIET_WOORD.sub(" ", tekst)).strip()


def woorden(tekst: str) -> list[str]:
    return normaliseer(tekst).split()


def termen(genormaliseerd: str) -> list[str]:
    """Words of an already normalised text without function words."""
    return [w for w in genormaliseerd.split() if w not in STOPWOORDEN]


class Splitser:
    """Splits compounds into known parts; `woordenschat` are whole words seen in the kennisbank."""

    def __init__(self, woordenschat: Iterable[str]) -> None:
        self._koppen = frozenset([k for k in KOPPEN] + [w for w in woordenschat if len(w) >= 4 and w not in STOPWOORDEN])
        self._cache: dict[str, tuple[str, ...]] = {}

    def splits(self, woord: str) -> tuple[str, ...]:
        """'duurzaamheidsagenda' -> ('duurzaamheid', 'agenda'); unknown words stay whole."""
        resultaat = self._cache.get(woord)
        if resultaat is None:
            resultaat = self._splits(woord, diepte=0)
            if len(self._cache) < 50_000:
                self._cache[woord] = resultaat
        return resultaat

    def _splits(self, woord: str, diepte: int) -> tuple[str, ...]:
        if len(woord) < 2 * _MIN_DEEL + 1 or diepte > 3:
            return (woord,)
        # Longest known head first: 'ontwikkelopgave' before 'opgave'.
        for begin in range(_MIN_DEEL, len(woord) - _MIN_DEEL + 1):
            kop = woord[begin:]
            if kop not in self._koppen:
                continue
            voor = _zonder_verbinding(woord[:begin], self._koppen)
            if len(voor) < _MIN_DEEL:
                continue
            return (*self._splits(voor, diepte + 1), kop)
        return (woord,)

    def termen(self, genormaliseerd: str) -> list[str]:
        """Function words dropped, compounds split."""
        uit: list[str] = []
        for woord in termen(genormaliseerd):
            uit.extend(self.splits(woord))
        return uit


def _zonder_verbinding(voor: str, bekend: frozenset[str]) -> str:
    """Drop a linking 's'/'en'/'e' ('duurzaamheids' -> 'duurzaamheid') when that looks right."""
    if voor in bekend:
        return voor
    for verbinding in _VERBINDINGEN:
        kaal = voor[: -len(verbinding)]
        if voor.endswith(verbinding) and len(kaal) >= _MIN_DEEL:
            if kaal in bekend or (verbinding == "s" and kaal.endswith(("heid", "ing", "schap", "teit", "tijd", "dom"))):
                return kaal
    return voor
