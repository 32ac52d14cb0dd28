"""The bestuursopdracht check: the model of `bestuursopdracht.yaml` and the advice logic.

Which criteria hold → how many → `nodig`, `twijfel` or `niet_nodig`, with the thresholds the
organisation chose in the data (1 <= twijfel < nodig <= number of criteria).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field, model_validator

from kennisbank.model import Bron, Model


class Uitkomst(StrEnum):
    NODIG = "nodig"
    TWIJFEL = "twijfel"
    NIET_NODIG = "niet_nodig"


class Stap(Model):
    """One point of an answer or next step: our plain wording, the verbatim quote, its source."""

    tekst: str
    citaat: str | None = None
    bron: Bron


class Criterium(Model):
    id: str
    tekst: str
    """The source's words, verbatim."""
    uitleg: str
    """One line of plain Dutch."""
    bron: Bron


class Drempel(Model):
    nodig: int = Field(ge=1)
    """From this many criteria on, a bestuursopdracht is needed."""
    twijfel: int = Field(ge=1)
    """From this many (and below `nodig`): discuss it in the concerndirectie."""
    keuze: str
    """The organisation's choice, stated in words (the source names no number)."""
    citaat: str | None = None
    bron: Bron
    keuze_bron: Bron


class Advies(Model):
    titel: str
    tekst: str
    citaat: str | None = None
    bron: Bron
    vervolgstappen: list[Stap] = Field(default_factory=list)


class Adviezen(Model):
    nodig: Advies
    twijfel: Advies
    niet_nodig: Advies


class Verantwoordelijkheden(Model):
    """What the ambtelijk opdrachtgever is responsible for (verbatim points)."""

    tekst: str
    punten: list[str] = Field(min_length=1)
    citaat: str | None = None
    bron: Bron


class Vraag(Model):
    """A direct question answered from the data; recognised by intent `vraag_<id>`."""

    id: str
    vraag: str
    antwoord: list[Stap] = Field(min_length=1)


class BestuursopdrachtKader(Model):
    versie: str = Field(min_length=1)
    grondslag: list[Stap] = Field(default_factory=list)
    criteria: list[Criterium] = Field(min_length=1)
    drempel: Drempel
    ambtelijk_opdrachtgever: Verantwoordelijkheden | None = None
    adviezen: Adviezen
    vragen: list[Vraag] = Field(default_factory=list)

    @model_validator(mode="after")
    def _drempel_past(self) -> "BestuursopdrachtKader":
        aantal = len(self.criteria)
        d = self.drempel
        if not d.twijfel < d.nodig:
            raise ValueError(f"drempel: twijfel ({d.twijfel}) moet kleiner zijn dan nodig ({d.nodig})")
        if d.nodig > aantal:
            raise ValueError(f"drempel: nodig ({d.nodig}) is meer dan het aantal criteria ({aantal})")
        return self

    @property
    def kenmerk(self) -> str:
        """Short fingerprint of criteria and thresholds: changes whenever the check would."""
        inhoud = {
            "criteria": [[c.id, c.tekst] for c in self.criteria],
            "drempel": [self.drempel.nodig, self.drempel.twijfel],
        }
        data = json.dumps(inhoud, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(data).hexdigest()[:12]

    def criterium(self, criterium_id: str) -> Criterium | None:
        return next((c for c in self.criteria if c.id == criterium_id), None)

    def vraag(self, vraag_id: str) -> Vraag | None:
        return next((v for v in self.vragen if v.id == vraag_id), None)

    def uitkomst(self, aantal: int) -> Uitkomst:
        if aantal >= self.drempel.nodig:
            return Uitkomst.NODIG
        if aantal >= self.drempel.twijfel:
            return Uitkomst.TWIJFEL
        return Uitkomst.NIET_NODIG

    def advies(self, uitkomst: Uitkomst) -> Advies:
        return getattr(self.adviezen, uitkomst.value)


class OnbekendCriterium(ValueError):
    """An answer names a criterium the current kader does not have (e.g. an old card)."""


@dataclass(frozen=True)
class Beoordeling:
    """The outcome of one check."""

    kader: BestuursopdrachtKader
    geldend: tuple[Criterium, ...]
    niet_geldend: tuple[Criterium, ...]
    uitkomst: Uitkomst

    @property
    def aantal(self) -> int:
        return len(self.geldend)

    @property
    def totaal(self) -> int:
        return len(self.kader.criteria)

    @property
    def advies(self) -> Advies:
        return self.kader.advies(self.uitkomst)

    def antwoorden(self) -> dict[str, bool]:
        """Per criterium id (in the kader's order): does it hold."""
        geldend = {c.id for c in self.geldend}
        return {c.id: c.id in geldend for c in self.kader.criteria}


def beoordeel(kader: BestuursopdrachtKader, geldend: Iterable[str]) -> Beoordeling:
    """Advice for the criteria ids that hold; raises OnbekendCriterium for ids not in the kader."""
    ids = set(geldend)
    onbekend = ids - {c.id for c in kader.criteria}
    if onbekend:
        raise OnbekendCriterium(", ".join(sorted(onbekend)))
    ja = tuple(c for c in kader.criteria if c.id in ids)
    nee = tuple(c for c in kader.criteria if c.id not in ids)
    return Beoordeling(kader, ja, nee, kader.uitkomst(len(ja)))
