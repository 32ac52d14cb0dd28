"""Typed model of a kennisbank folder: one YAML file per top-level field of `Kennisbank`.

The YAML format is documented in docs/kennisbank-formaat.md. Every fact carries a `bron`
(document id + section). Cross-references (persoon ids, document ids, soort ids) are checked
after parsing, in `kennisbank.controles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Opdrachtgeversrol = Literal["ambtelijk", "gedelegeerd", "bestuurlijk"]
"""The three opdrachtgever roles an onderwerp has; field `<rol>_opdrachtgever` holds the current one."""
OPDRACHTGEVERSROLLEN: tuple[Opdrachtgeversrol, ...] = ("ambtelijk", "gedelegeerd", "bestuurlijk")


class Model(BaseModel):
    """Base for every kennisbank record: unknown keys are an error, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Bron(Model):
    """Where a fact comes from: a document declared in organisatie.yaml and a section in it."""

    document: str
    sectie: str


class Document(Model):
    id: str
    titel: str
    organisatie: str
    bestand: str | None = None
    voorbeeld: bool = False
    """Invented data, no real document: answers label what cites it as voorbeeldgegevens."""


class SoortOnderwerp(Model):
    """A kind of onderwerp, e.g. `agenda` (programmatisch) or `project`."""

    id: str
    naam: str
    omschrijving: str | None = None
    aliassen: list[str] = Field(default_factory=list)
    bron: Bron | None = None


class Structuur(Model):
    """Who holds the top positions; escalation routes resolve roles to these persons."""

    algemeen_directeur: str | None = None
    gemeentesecretaris: str | None = None
    concerndirectie: list[str] = Field(default_factory=list)
    bron: Bron | None = None


class Organisatie(Model):
    naam: str
    documenten: list[Document]
    soorten_onderwerp: list[SoortOnderwerp]
    structuur: Structuur = Structuur()


class Persoon(Model):
    id: str
    naam: str
    functie: str
    rollen: list[str] = Field(default_factory=list)
    """Rol ids (from rollen.yaml), e.g. `concerndirecteur`, `controller`."""
    leidinggevende: str | None = None
    """Persoon id of the next official level (e.g. adjunct-directeur -> concerndirecteur)."""
    aad_object_id: str | None = None
    email: str | None = None
    bron: Bron


class Toewijzing(Model):
    """A past holder of one opdrachtgever role of an onderwerp: `persoon` from `vanaf` up to and including `tot`."""

    rol: Opdrachtgeversrol
    persoon: str | None = None
    """Empty: nobody held the role in this period (e.g. before the first portefeuillehouder)."""
    vanaf: date | None = None
    """Empty: from the onderwerp's geldig_vanaf (or always)."""
    tot: date
    bron: Bron | None = None


@dataclass(frozen=True)
class Termijn:
    """One holder of a role over a period (both ends inclusive; None = open)."""

    persoon: str | None
    vanaf: date | None
    tot: date | None

    def omvat(self, dag: date) -> bool:
        return (self.vanaf is None or self.vanaf <= dag) and (self.tot is None or dag <= self.tot)


class Onderwerp(Model):
    id: str
    naam: str
    soort: str
    ambtelijk_opdrachtgever: str
    bestuurlijk_opdrachtgever: str | None = None
    """Persoon id of the portefeuillehouder, when known."""
    gedelegeerd_opdrachtgever: str | None = None
    """Persoon id of the doorgemandateerd/gedelegeerd opdrachtgever, when known."""
    adjunct_directeur: str | None = None
    """Persoon id of the adjunct-directeur of the samenwerkingsverband that carries it out."""
    omschrijving: str | None = None
    aliassen: list[str] = Field(default_factory=list)
    geldig_vanaf: date | None = None
    geldig_tot: date | None = None
    historie: list[Toewijzing] = Field(default_factory=list)
    """Earlier holders of the three roles; the `<rol>_opdrachtgever` field holds the role from
    the day after the last `tot` of that role (or from geldig_vanaf) on."""
    bron: Bron

    def geldig_op(self, dag: date) -> bool:
        return (self.geldig_vanaf is None or self.geldig_vanaf <= dag) and (
            self.geldig_tot is None or dag <= self.geldig_tot
        )

    def termijnen(self, rol: Opdrachtgeversrol) -> list[Termijn]:
        """Every holder of `rol` in time order, the current one (if any) last and open-ended."""
        eerder = sorted((t for t in self.historie if t.rol == rol), key=lambda t: t.tot)
        termijnen = [Termijn(t.persoon, t.vanaf or self.geldig_vanaf, t.tot) for t in eerder]
        huidig = getattr(self, f"{rol}_opdrachtgever")
        if huidig:
            vanaf = eerder[-1].tot + timedelta(days=1) if eerder else self.geldig_vanaf
            termijnen.append(Termijn(huidig, vanaf, self.geldig_tot))
        return termijnen

    def termijn_op(self, rol: Opdrachtgeversrol, dag: date | None) -> Termijn | None:
        """The holder of `rol` on `dag` with their period; `dag` None = the current (latest) holder."""
        termijnen = self.termijnen(rol)
        if dag is None:
            return termijnen[-1] if getattr(self, f"{rol}_opdrachtgever") else None
        return next((t for t in termijnen if t.omvat(dag)), None)

    def opdrachtgever_op(self, rol: Opdrachtgeversrol, dag: date | None) -> str | None:
        """THE accessor: persoon id holding `rol` for this onderwerp on `dag` (None = current holder)."""
        termijn = self.termijn_op(rol, dag)
        return termijn.persoon if termijn else None


class Rol(Model):
    id: str
    naam: str
    omschrijving: str
    verantwoordelijkheden: list[str] = Field(default_factory=list)
    aliassen: list[str] = Field(default_factory=list)
    bron: Bron


class SoortWerk(Model):
    """A row of a 'principe afspraken' table: which kind of work gets which ambtelijk opdrachtgever."""

    id: str
    naam: str
    ambtelijk_opdrachtgever: str
    delegeerbaar_aan: str | None = None
    toelichting: str | None = None
    aliassen: list[str] = Field(default_factory=list)
    bron: Bron


class Begrip(Model):
    id: str
    term: str
    uitleg: str
    aliassen: list[str] = Field(default_factory=list)
    bron: Bron
