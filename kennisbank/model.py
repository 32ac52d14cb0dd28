"""Typed model of a kennisbank folder: one YAML file per top-level field of `Kennisbank`.

The YAML format is documented in docs/kennisbank-formaat.md. Every fact carries a `bron`
(document id + section). Cross-references (persoon ids, document ids, soort ids) are checked
after parsing, in `kennisbank.controles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


class Orgaan(Model):
    """A body or level of the organisation (concerndirectie, CMT, directie, college, raad, ...).

    Members are named persons (`leden`) and/or everyone holding one of `leden_met_rol`; a body
    without members gets no names in a route (e.g. the raad). `bestuurlijk` bodies (college, raad)
    may never be a step of an `ambtelijk` escalation rule."""

    id: str = Field(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")
    naam: str = Field(min_length=1)
    bestuurlijk: bool = False
    leden: list[str] = Field(default_factory=list)
    """Persoon ids."""
    leden_met_rol: list[str] = Field(default_factory=list)
    """Rol ids (rollen.yaml): every person with one of these roles is a member too."""
    omschrijving: str | None = None
    bron: Bron | None = None


class Opdrachtgeverslabel(Model):
    """How this organisation calls one opdrachtgever role."""

    naam: str | None = None
    """Label of the role in a route, e.g. 'Ambtelijk opdrachtgever'."""
    functie: str | None = None
    """What its holders are called as a group heading, e.g. 'directeur' ('Per directeur')."""


class Organisatie(Model):
    naam: str
    documenten: list[Document]
    soorten_onderwerp: list[SoortOnderwerp]
    organen: list[Orgaan] = Field(default_factory=list)
    """Bodies and levels, referred to by escalation steps (`orgaan: <id>`)."""
    opdrachtgevers: dict[Opdrachtgeversrol, Opdrachtgeverslabel] = Field(default_factory=dict)
    """Optional labels per opdrachtgever role; without them the product's default texts are used."""

    structuur: Any = Field(default=None, exclude=True)
    """Gone (issue 16): only here so that an old file gets a Dutch message at the right line."""

    @field_validator("structuur")
    @classmethod
    def _geen_structuur(cls, waarde: Any) -> Any:
        if waarde is not None:
            raise ValueError(
                "'structuur' bestaat niet meer: beschrijf de organen (concerndirectie, CMT, college, ...) "
                "onder 'organen' met id, naam, leden en bestuurlijk (zie docs/kennisbank-formaat.md); "
                "de algemeen directeur of gemeentesecretaris is een rol van een persoon (rollen in personen.yaml)"
            )
        return waarde

    def orgaan(self, orgaan_id: str) -> Orgaan | None:
        return next((o for o in self.organen if o.id == orgaan_id), None)

    def functie_van(self, rol: Opdrachtgeversrol) -> str | None:
        """What the holders of this opdrachtgever role are called as a group ('directeur'), if set."""
        eigen = self.opdrachtgevers.get(rol)
        return eigen.functie if eigen else None


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

    def overlapt(self, van: date, tot: date) -> bool:
        """Held on some day from `van` to `tot` (both included)."""
        return (self.vanaf is None or self.vanaf <= tot) and (self.tot is None or van <= self.tot)


class Onderwerp(Model):
    id: str
    naam: str
    soort: str
    ambtelijk_opdrachtgever: str
    bestuurlijk_opdrachtgever: str | None = None
    """Persoon id of the portefeuillehouder, when known."""
    gedelegeerd_opdrachtgever: str | None = None
    """Persoon id of the doorgemandateerd/gedelegeerd opdrachtgever, when known."""
    betrokkenen: list[str] = Field(default_factory=list)
    """Persoon ids of other people of this onderwerp (e.g. the adjunct-directeur of the samenwerkingsverband
    that carries it out); an escalation step to a rol with `bij_onderwerp: true` names those with that rol."""
    omschrijving: str | None = None
    aliassen: list[str] = Field(default_factory=list)
    geldig_vanaf: date | None = None
    geldig_tot: date | None = None
    historie: list[Toewijzing] = Field(default_factory=list)
    """Earlier holders of the three roles; the `<rol>_opdrachtgever` field holds the role from
    the day after the last `tot` of that role (or from geldig_vanaf) on."""
    bron: Bron

    def geldig_op(self, dag: date) -> bool:
        return (self.geldig_vanaf is None or self.geldig_vanaf <= dag) and (self.geldig_tot is None or dag <= self.geldig_tot)

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

    def personen_op(self, dag: date | None) -> list[str]:
        """Persoon ids of everyone this onderwerp names on `dag`: its opdrachtgevers and betrokkenen."""
        ids = [self.opdrachtgever_op(rol, dag) for rol in OPDRACHTGEVERSROLLEN] + self.betrokkenen
        return [i for i in dict.fromkeys(ids) if i]

    def opdrachtgever_op(self, rol: Opdrachtgeversrol, dag: date | None) -> str | None:
        """THE accessor: persoon id holding `rol` for this onderwerp on `dag` (None = current holder)."""
        termijn = self.termijn_op(rol, dag)
        return termijn.persoon if termijn else None


class Rol(Model):
    id: str
    naam: str
    """Also the role's label in escalation routes."""
    omschrijving: str
    verantwoordelijkheden: list[str] = Field(default_factory=list)
    aliassen: list[str] = Field(default_factory=list)
    bestuurlijk: bool = False
    """A role of the bestuur (wethouder, college, raad): never a step of an `ambtelijk` escalation rule."""
    opdrachtgever: Opdrachtgeversrol | None = None
    """For an onderwerp this role is its opdrachtgever of this kind (e.g. budgethouder -> ambtelijk);
    without an onderwerp, nobody."""
    bij_onderwerp: bool = False
    """In a route, only the onderwerp's own people with this role count (its opdrachtgevers and
    betrokkenen), e.g. the adjunct-directeur of the samenwerkingsverband; without an
    onderwerp, nobody. Otherwise a route names everyone with this role."""
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
