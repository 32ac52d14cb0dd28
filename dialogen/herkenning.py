"""Intent recognition from patterns kept as data (`dialogen/intenties/<functie>.yaml`).

Each file holds a list of intents:

    - intentie: check            # full name becomes "<functie>.check"
      prioriteit: 50             # higher wins when several match
      patronen:                  # regular expressions on the normalised text
        - 'bestuursopdracht.*check'

Normalised text: lowercase, no diacritics, punctuation as spaces, single spaces. Text that matches
no intent goes to the fallback intent (the opdrachtgever lookup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kennisbank.zoeken.normaliseren import normaliseer

STANDAARD_MAP = Path(__file__).parent / "intenties"
TERUGVAL = "opdrachtgever.vraag"


@dataclass(frozen=True)
class Herkend:
    intentie: str
    tekst: str
    kern: str
    groepen: dict[str, str] = field(default_factory=dict)

    @property
    def functie(self) -> str:
        return self.intentie.split(".", 1)[0]


@dataclass(frozen=True)
class _Intentie:
    naam: str
    prioriteit: int
    patronen: tuple[re.Pattern[str], ...]


class Herkenner:
    def __init__(self, intenties: list[_Intentie]) -> None:
        self._intenties = sorted(intenties, key=lambda i: -i.prioriteit)

    @classmethod
    def laad(cls, map_: Path = STANDAARD_MAP) -> "Herkenner":
        intenties: list[_Intentie] = []
        for bestand in sorted(map_.glob("*.yaml")):
            for regel in yaml.safe_load(bestand.read_text(encoding="utf-8")) or []:
                try:
                    patronen = tuple(re.compile(p) for p in regel["patronen"])
                except re.error as fout:
                    raise ValueError(f"{bestand.name}: ongeldig patroon bij {regel.get('intentie')}: {fout}") from None
                intenties.append(
                    _Intentie(f"{bestand.stem}.{regel['intentie']}", int(regel.get("prioriteit", 10)), patronen)
                )
        return cls(intenties)

    def herken(self, tekst: str) -> Herkend:
        kern = normaliseer(tekst)
        for intentie in self._intenties:
            for patroon in intentie.patronen:
                gevonden = patroon.search(kern)
                if gevonden:
                    groepen = {k: v for k, v in gevonden.groupdict().items() if v}
                    return Herkend(intentie.naam, tekst, kern, groepen)
        return Herkend(TERUGVAL, tekst, kern)

    def intenties(self) -> list[str]:
        return [i.naam for i in self._intenties]
