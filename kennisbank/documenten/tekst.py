"""Dutch-aware terms for the passage index: lowercase, no diacritics, no function or question
words, compounds split on words the documents use, verb forms joined to the documents' infinitive,
typos corrected to the documents' words, and a light suffix stemmer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kennisbank.zoeken.normaliseren import STOPWOORDEN, Splitser, normaliseer

VRAAGWOORDEN = frozenset(
    """
    wie wat hoe waar wanneer waarom welk welke hoeveel waarvoor waarmee waarover wat's
    gaat gaan doet doen doe heb hebt word weet weten zit zitten staat staan krijg krijgt
    iemand iets alles niets niks jullie jou jouw zo als hier daar dat hoi hallo hey goedemorgen
    goedemiddag alvast bedankt dank thanks vraag vraagje even snel precies eigenlijk ergens
    niet allemaal bedoelen bedoeld bedoelt betekent betekenen verstaan houdt laat laten nu vaak veel lang
    volgens mogen kunnen wil willen
    """.split()
)
"""Words that say how someone asks, not what about: they never make a passage match."""

_WEG = STOPWOORDEN | VRAAGWOORDEN
_WAT_HOE = re.compile(r"\b(wat|hoe) ?vraag\b")
"""'WAT-vraag' and 'HOE-vraag' are terms of the documents, not question words."""
_LETTER_STREEP = re.compile(r"(?<![^\W\d_])([^\W\d_])-(?=[^\W\d_]{2})")
"""A single letter hyphened to a word is one word ('W-vragen', 'e-mail'): without this the letter is lost."""
_MIN_STAM = 4
_MIN_TYPO = 6
_MAX_ONTHOUDEN = 20_000
"""Remembered spellings and verb forms per index; beyond this (endless new words typed by users)
the memory starts over, so it never grows without bound."""
_MAX_WOORD = 40
"""Longer 'words' are noise (no Dutch compound in the documents comes close); skipping them keeps
the compound splitter linear."""


def stam(woord: str) -> str:
    """Light Dutch stemmer: 'budgetten' -> 'budget', 'rapportages' -> 'rapportag', 'begrotingen' -> 'begroting'."""
    if len(woord) <= _MIN_STAM or woord.isdigit():
        return woord
    if woord.endswith("heden"):
        return woord[:-5] + "heid"
    for uitgang in ("en", "s", "'s"):
        if woord.endswith(uitgang) and len(woord) - len(uitgang) >= _MIN_STAM:
            woord = woord[: -len(uitgang)]
            break
    if woord.endswith("e") and len(woord) > _MIN_STAM:
        woord = woord[:-1]
    for afleiding in ("ing", "er"):
        if woord.endswith(afleiding) and len(woord) - len(afleiding) >= 5:
            woord = woord[: -len(afleiding)]
            break
    if len(woord) > _MIN_STAM and woord[-1] == woord[-2] and woord[-1] not in "aeiou":
        woord = woord[:-1]
    return woord


class Termen:
    """Turns text into index terms; compound splitting, verb forms and typo correction use the
    documents' own words (`woordenschat`), so a word the documents use is never changed."""

    def __init__(self, woordenschat: Iterable[str]) -> None:
        woorden = set(woordenschat)
        self._splitser = Splitser(w for w in woorden if len(w) >= 5)
        self._woordenschat = frozenset(woorden)
        self._infinitief: dict[str, str] = {}
        self._spelling: dict[str, str] = {}
        self._lang = sorted(w for w in woorden if len(w) >= _MIN_TYPO - 1)

    def __call__(self, tekst: str) -> list[str]:
        """Index terms: each word's stem, plus the stems of its parts when it is a compound."""
        uit: list[str] = []
        for woord in self._woorden(tekst):
            uit.append(stam(woord))
            delen = self._splitser.splits(woord)
            if len(delen) > 1:
                uit.extend(stam(d) for d in delen if d not in _WEG)
        return uit

    def kerntermen(self, tekst: str) -> list[tuple[str, tuple[str, ...]]]:
        """What a question is about: each word once, as (stem, stems of its compound parts)."""
        uit: dict[str, tuple[str, ...]] = {}
        for woord in self._woorden(tekst):
            delen = self._splitser.splits(woord)
            uit.setdefault(stam(woord), tuple(stam(d) for d in delen) if len(delen) > 1 else ())
        return list(uit.items())

    def _woorden(self, tekst: str) -> list[str]:
        kern = _WAT_HOE.sub(r"\1vraag", normaliseer(_LETTER_STREEP.sub(r"\1", tekst)))
        return [self._werkwoord(self._gespeld(w)) for w in kern.split() if w not in _WEG and 2 <= len(w) <= _MAX_WOORD]

    def _gespeld(self, woord: str) -> str:
        """A typo of a documents' word becomes that word ('vergadring' -> 'vergadering'): one edit
        for words of 6 letters or more, two from 10; a word the documents use or a compound of
        their words stays as typed."""
        if len(woord) < _MIN_TYPO or woord in self._woordenschat or woord.isdigit():
            return woord
        if woord not in self._spelling:
            if len(self._spelling) >= _MAX_ONTHOUDEN:
                self._spelling.clear()
            grens = 2 if len(woord) >= 10 else 1
            gevonden = process.extractOne(woord, self._lang, scorer=Levenshtein.distance, score_cutoff=grens)
            beste = gevonden[0] if gevonden else woord
            if beste != woord and len(self._splitser.splits(woord)) > 1:
                beste = woord
            self._spelling[woord] = beste
        return self._spelling[woord]

    def _werkwoord(self, woord: str) -> str:
        """'toetst' -> 'toetsen', 'beoordeelt' -> 'beoordelen', 'stelt' -> 'stellen' when the documents
        use that infinitive (or plural): a verb's forms find each other, a noun ending in -t stays."""
        if len(woord) < 5 or not woord.endswith("t"):
            return woord
        if woord not in self._infinitief:
            if len(self._infinitief) >= _MAX_ONTHOUDEN:
                self._infinitief.clear()
            self._infinitief[woord] = next((k for k in _infinitieven(woord[:-1]) if k in self._woordenschat), woord)
        return self._infinitief[woord]


def _infinitieven(kern: str) -> list[str]:
    """Candidate infinitives of a verb stem: 'toets' -> toetsen, 'stel' -> stellen, 'beoordeel' -> beoordelen."""
    uit = [kern + "en", kern + kern[-1] + "en"]
    if len(kern) >= 3 and kern[-2] == kern[-3] and kern[-2] in "aeou" and kern[-1] not in "aeiou":
        uit.append(kern[:-2] + kern[-1] + "en")
    return uit
