"""Findings about a kennisbank folder (`Melding`) and the error that carries them (`KennisbankFout`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process, utils

Ernst = Literal["fout", "waarschuwing"]


@dataclass(frozen=True)
class Melding:
    """One mistake (or warning) in one file, at one line when known (1-based)."""

    bestand: str
    regel: int | None
    tekst: str
    ernst: Ernst = "fout"

    @property
    def is_fout(self) -> bool:
        return self.ernst == "fout"

    def __str__(self) -> str:
        plek = self.bestand if self.regel is None else f"{self.bestand}:{self.regel}"
        voorvoegsel = "waarschuwing: " if self.ernst == "waarschuwing" else ""
        return f"{plek}: {voorvoegsel}{self.tekst}"


def gesorteerd(meldingen: Iterable[Melding]) -> list[Melding]:
    """Meldingen by file, then line (file-level meldingen first), keeping the original order otherwise."""
    return sorted(meldingen, key=lambda m: (m.bestand, m.regel or 0))


def rapport(meldingen: Iterable[Melding]) -> str:
    """The readable multi-line report: one melding per line plus a count."""
    lijst = gesorteerd(meldingen)
    fouten = sum(m.is_fout for m in lijst)
    waarschuwingen = len(lijst) - fouten
    regels = [str(m) for m in lijst]
    regels.append(f"{_aantal(fouten, 'fout', 'fouten')}, {_aantal(waarschuwingen, 'waarschuwing', 'waarschuwingen')}.")
    return "\n".join(regels)


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


class KennisbankFout(Exception):
    """The kennisbank could not be loaded; `meldingen` lists every mistake (and warning) found."""

    def __init__(self, meldingen: Iterable[Melding]) -> None:
        self.meldingen: list[Melding] = gesorteerd(meldingen)
        super().__init__(self.__str__())

    @property
    def fouten(self) -> list[Melding]:
        return [m for m in self.meldingen if m.is_fout]

    def __str__(self) -> str:
        return "De kennisbank bevat fouten:\n" + rapport(self.meldingen)


def suggestie(waarde: object, kandidaten: Iterable[str]) -> str:
    """' (bedoelde je 'x'?)' for the closest candidate, or '' when nothing is close enough."""
    if not isinstance(waarde, str) or not waarde:
        return ""
    beste = process.extractOne(waarde, list(kandidaten), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=70)
    return f" (bedoelde je '{beste[0]}'?)" if beste else ""
