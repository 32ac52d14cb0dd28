"""The bestuursopdracht check: the model of `bestuursopdracht.yaml` and the advice logic.

Which criteria hold → their weights add up → `nodig`, `twijfel` or `niet_nodig`, with the
thresholds the organisation chose in the data: `nodig` >= 1, an optional twijfel zone
(1 <= twijfel < nodig), weighted criteria (`gewicht`, default 1) and mandatory ones (`verplicht`:
if one of those holds, a bestuursopdracht is needed whatever the count). The advice texts per
outcome are data too (`adviezen`; `twijfel` only when there is a twijfel zone).
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
    gewicht: int = Field(default=1, ge=1)
    """How much this criterium counts towards the threshold."""
    verplicht: bool = False
    """If this criterium holds, a bestuursopdracht is needed whatever the others."""
    bron: Bron


class Drempel(Model):
    nodig: int = Field(ge=1)
    """From this many criteria on, a bestuursopdracht is needed."""
    twijfel: int | None = Field(default=None, ge=1)
    """From this many (and below `nodig`): discuss it (optional; without it there is no twijfel)."""
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
    twijfel: Advies | None = None
    """Required when the drempel has a twijfel zone."""
    niet_nodig: Advies


class Verantwoordelijkheden(Model):
    """What the ambtelijk opdrachtgever is responsible for (verbatim points)."""

    tekst: str
    punten: list[str] = Field(min_length=1)
    citaat: str | None = None
    bron: Bron


class KaderVraag(Model):
    """A direct question answered from the data; recognised by intent `vraag_<id>`."""

    id: str
    vraag: str
    antwoord: list[Stap] = Field(min_length=1)
    niet_in_bronnen: str | None = None
    """What the sources do not say about the question (how long it takes, who writes it): said
    honestly after the answer instead of left to guessing."""


class BestuursopdrachtKader(Model):
    versie: str = Field(min_length=1)
    grondslag: list[Stap] = Field(default_factory=list)
    criteria: list[Criterium] = Field(min_length=1)
    drempel: Drempel
    ambtelijk_opdrachtgever: Verantwoordelijkheden | None = None
    adviezen: Adviezen
    vragen: list[KaderVraag] = Field(default_factory=list)

    @model_validator(mode="after")
    def _drempel_past(self) -> "BestuursopdrachtKader":
        totaal = self.totaal_gewicht
        d = self.drempel
        if d.twijfel is not None and not d.twijfel < d.nodig:
            raise ValueError(f"drempel: twijfel ({d.twijfel}) moet kleiner zijn dan nodig ({d.nodig})")
        if d.twijfel is not None and self.adviezen.twijfel is None:
            raise ValueError("adviezen: de drempel heeft een twijfelzone, dus 'adviezen.twijfel' is nodig")
        if d.twijfel is None and self.adviezen.twijfel is not None:
            raise ValueError("adviezen: er staat een advies 'twijfel', maar de drempel heeft geen 'twijfel'")
        if d.nodig > totaal:
            wat = "het aantal criteria" if all(c.gewicht == 1 for c in self.criteria) else "de som van de gewichten"
            raise ValueError(f"drempel: nodig ({d.nodig}) is meer dan {wat} ({totaal}); dan is hij nooit nodig")
        ids = [c.id for c in self.criteria]
        if dubbel := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"criteria: id '{dubbel[0]}' staat er meer dan één keer in")
        return self

    @property
    def totaal_gewicht(self) -> int:
        return sum(c.gewicht for c in self.criteria)

    @property
    def verplichte(self) -> list[Criterium]:
        return [c for c in self.criteria if c.verplicht]

    @property
    def kenmerk(self) -> str:
        """Short fingerprint of criteria and thresholds: changes whenever the check would."""
        inhoud = {
            "criteria": [[c.id, c.tekst] for c in self.criteria],
            "drempel": [self.drempel.nodig, self.drempel.twijfel],
        }
        if any(c.gewicht != 1 or c.verplicht for c in self.criteria):  # unchanged for plain kaders
            inhoud["gewichten"] = [[c.id, c.gewicht, c.verplicht] for c in self.criteria]
        data = json.dumps(inhoud, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(data).hexdigest()[:12]

    def criterium(self, criterium_id: str) -> Criterium | None:
        return next((c for c in self.criteria if c.id == criterium_id), None)

    def vraag(self, vraag_id: str) -> KaderVraag | None:
        return next((v for v in self.vragen if v.id == vraag_id), None)

    def uitkomst(self, score: int, verplicht: bool = False) -> Uitkomst:
        """The outcome for a score (summed weights); a mandatory criterium that holds means nodig."""
        if verplicht or score >= self.drempel.nodig:
            return Uitkomst.NODIG
        if self.drempel.twijfel is not None and score >= self.drempel.twijfel:
            return Uitkomst.TWIJFEL
        return Uitkomst.NIET_NODIG

    def advies(self, uitkomst: Uitkomst) -> Advies:
        return getattr(self.adviezen, uitkomst.value) or self.adviezen.nodig


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
    def score(self) -> int:
        """The summed weights of the criteria that hold (equals `aantal` without weights)."""
        return sum(c.gewicht for c in self.geldend)

    @property
    def verplicht_geldend(self) -> tuple[Criterium, ...]:
        return tuple(c for c in self.geldend if c.verplicht)

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
    uitkomst = kader.uitkomst(sum(c.gewicht for c in ja), any(c.verplicht for c in ja))
    return Beoordeling(kader, ja, nee, uitkomst)
