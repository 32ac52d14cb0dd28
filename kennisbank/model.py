"""Typed model of a kennisbank folder: one YAML file per top-level field of `Kennisbank`.

The YAML format is documented in docs/kennisbank-formaat.md. Every fact carries a `bron`
(document id + section). Cross-references (persoon ids, document ids, soort ids) are checked
after parsing, in `kennisbank.controles`.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


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
    bron: Bron

    def geldig_op(self, dag: date) -> bool:
        return (self.geldig_vanaf is None or self.geldig_vanaf <= dag) and (
            self.geldig_tot is None or dag <= self.geldig_tot
        )


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
