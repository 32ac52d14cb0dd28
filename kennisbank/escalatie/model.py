"""The records of `escalatie.yaml`: rules with a route of steps expressed in roles.

Roles are a closed set (`EscalatieRol`); `kennisbank.escalatie.route` knows how to turn each into
persons. A rule with `ambtelijk: true` may not contain a bestuurlijke role (`BESTUURLIJKE_ROLLEN`),
and a rule about menings- of visieverschillen must be `ambtelijk` — both checked at load.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import Field, model_validator

from kennisbank.model import Bron, Model

EscalatieRol = Literal[
    "ambtelijk_opdrachtgever",
    "gedelegeerd_opdrachtgever",
    "strategisch_manager",
    "budgethouder",
    "adjunct_directeur",
    "leidinggevende",
    "teammanager",
    "afdelingshoofd",
    "concerndirectie",
    "algemeen_directeur",
    "gemeentesecretaris",
    "bestuurlijk_opdrachtgever",
    "collegelid",
    "college",
    "gemeenteraad",
]
ROLLEN: tuple[str, ...] = get_args(EscalatieRol)

BESTUURLIJKE_ROLLEN = frozenset({"bestuurlijk_opdrachtgever", "collegelid", "college", "gemeenteraad"})
"""Roles of the bestuur (wethouder, college, raad): forbidden in the route of an `ambtelijk` rule."""

ONDERWERP_ROLLEN = frozenset(
    {
        "ambtelijk_opdrachtgever",
        "gedelegeerd_opdrachtgever",
        "strategisch_manager",
        "budgethouder",
        "adjunct_directeur",
        "bestuurlijk_opdrachtgever",
        "collegelid",
    }
)
"""Roles that only an onderwerp turns into a name."""

_VERSCHIL_WOORDEN = ("meningsverschil", "visieverschil", "verschil van mening", "verschil van inzicht")

VERSCHIL_IN_VRAAG = (*_VERSCHIL_WOORDEN, "verschil van visie", "oneens", "onenigheid", "niet eens", "conflict", "ruzie")
"""Words that make a question about a difference of opinion: only `ambtelijk` rules may answer it."""


class NietDoen(Model):
    """Something not to do; `bron` only when it comes from another place than the rule's bron."""

    tekst: str = Field(min_length=1)
    bron: Bron | None = None
    citaat: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _tekst_alleen(cls, waarde: Any) -> Any:
        return {"tekst": waarde} if isinstance(waarde, str) else waarde


class EscalatieStap(Model):
    """One step of a route: who (a role, possibly together with others), when, and what happens."""

    rol: EscalatieRol
    samen_met: list[EscalatieRol] = Field(default_factory=list)
    wanneer: str | None = None
    """Condition for this step, e.g. 'over programmaonderdelen heen'."""
    toelichting: str = Field(min_length=1)
    bron: Bron | None = None
    """Only when this step comes from another place than the rule's bron."""
    citaat: str | None = None

    @property
    def rollen(self) -> list[str]:
        return [self.rol, *self.samen_met]


class EscalatieRegel(Model):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    groep: str = Field(min_length=1)
    """Heading in the guided dialog's first choice, e.g. 'Meningsverschil'."""
    situatie: str = Field(min_length=1)
    """Short title shown as a choice."""
    omschrijving: str = Field(min_length=1)
    kort_antwoord: str | None = None
    """The short answer, shown above the route."""
    ja_nee: Literal["ja", "nee"] | None = None
    """The answer to the rule's yes/no question ('mag ik …?'); said first only when the question was one."""
    ambtelijk: bool = False
    """True: an ambtelijke matter; its route may never reach college, wethouder or raad."""
    trefwoorden: list[str] = Field(min_length=1)
    """Phrases that identify a direct question; all words of one phrase must occur."""
    voorbeeldvragen: list[str] = Field(default_factory=list)
    """Questions as people type them; the rule is picked by the nearest voorbeeldvraag (see `vragen`)."""
    route: list[EscalatieStap] = Field(min_length=1)
    niet_doen: list[NietDoen] = Field(default_factory=list)
    voorwaarden: list[str] = Field(default_factory=list)
    bron: Bron
    citaat: str | None = None
    """Verbatim quote from the bron."""

    @model_validator(mode="after")
    def _ambtelijk_blijft_ambtelijk(self) -> "EscalatieRegel":
        teksten = [self.situatie, self.omschrijving, *self.trefwoorden]
        over_verschil = any(w in t.lower() for t in teksten for w in _VERSCHIL_WOORDEN)
        if over_verschil and not self.ambtelijk:
            raise ValueError(
                "een regel over menings- of visieverschillen moet 'ambtelijk: true' hebben "
                "(ambtelijke meningsverschillen gaan nooit naar het college of een wethouder)"
            )
        if self.ambtelijk:
            verboden = [r for stap in self.route for r in stap.rollen if r in BESTUURLIJKE_ROLLEN]
            if verboden:
                raise ValueError(
                    f"regel '{self.id}' is ambtelijk, maar de route gaat naar {', '.join(verboden)}; "
                    "een ambtelijke regel mag niet naar college, collegelid, bestuurlijk opdrachtgever "
                    "of gemeenteraad escaleren"
                )
        return self

    @property
    def rollen(self) -> set[str]:
        return {r for stap in self.route for r in stap.rollen}

    @property
    def heeft_onderwerp_nodig(self) -> bool:
        """True when an onderwerp turns at least one role of the route into a name."""
        return bool(self.rollen & ONDERWERP_ROLLEN)

    def bronnen(self) -> list[tuple[Bron, str | None]]:
        """The rule's bron first, then every other bron of its steps and don'ts, without doubles."""
        gezien: list[tuple[Bron, str | None]] = [(self.bron, self.citaat)]
        for bron, citaat in [(s.bron, s.citaat) for s in self.route] + [(n.bron, n.citaat) for n in self.niet_doen]:
            if bron is not None and all(bron != b for b, _ in gezien):
                gezien.append((bron, citaat))
        return gezien
