"""The records of `escalatie.yaml`: rules with a route of steps that point at people.

A step names who to go to in one of five ways (`Wie`), all resolved from the kennisbank's data by
`kennisbank.escalatie.route`: the onderwerp's opdrachtgever (`opdrachtgever`), a role from
rollen.yaml (`rol`), a body from organisatie.yaml (`orgaan`), the nearest person up the asker's
leidinggevende chain with a role (`lijn`), or the asker's own leidinggevende. No role or body is
known to the code: whether one is bestuurlijk is a property in rollen.yaml / organisatie.yaml, and
`kennisbank.controles` refuses a bestuurlijke step in an `ambtelijk` rule (with file and line).
A rule about menings- of visieverschillen must be `ambtelijk` — checked here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, model_validator

from kennisbank.model import Bron, Model, Opdrachtgeversrol, Orgaan, Rol

WIE_VELDEN = ("opdrachtgever", "rol", "orgaan", "lijn", "leidinggevende")
"""The ways a step can point at people; exactly one per step (and per `samen_met` item)."""


class Wie(Model):
    """Who a step points at: exactly one of the `WIE_VELDEN`, optionally with its own label."""

    opdrachtgever: Opdrachtgeversrol | None = None
    """The onderwerp's ambtelijk, gedelegeerd or bestuurlijk opdrachtgever."""
    rol: str | None = None
    """A rol id from rollen.yaml: everyone with that role (or, when the role says `opdrachtgever:`,
    that opdrachtgever of the onderwerp)."""
    orgaan: str | None = None
    """An orgaan id from organisatie.yaml (organen): its members."""
    lijn: str | None = None
    """A rol id: the nearest person up the asker's leidinggevende chain with that role."""
    leidinggevende: bool | None = None
    """`true`: the asker's direct leidinggevende."""
    label: str | None = None
    """Shown instead of the role's or body's own name."""

    @model_validator(mode="before")
    @classmethod
    def _alleen_een_rol(cls, waarde: Any) -> Any:
        return {"rol": waarde} if isinstance(waarde, str) else waarde

    @model_validator(mode="after")
    def _precies_een(self) -> "Wie":
        if self.leidinggevende is False:
            raise ValueError("'leidinggevende: false' zegt niet naar wie; schrijf 'leidinggevende: true' of kies een andere vorm")
        gezet = [v for v in WIE_VELDEN if getattr(self, v) is not None]
        if len(gezet) != 1:
            keuze = ", ".join(WIE_VELDEN)
            if not gezet:
                raise ValueError(f"zeg naar wie deze stap gaat met één van: {keuze}")
            raise ValueError(f"een stap gaat naar één soort betrokkene, maar heeft {' én '.join(gezet)}; kies één van: {keuze}")
        return self

    @property
    def soort(self) -> str:
        """Which of the `WIE_VELDEN` this is."""
        return next(v for v in WIE_VELDEN if getattr(self, v) is not None)

    @property
    def sleutel(self) -> str:
        """A short identity, e.g. 'opdrachtgever:ambtelijk', 'orgaan:college', 'leidinggevende'."""
        waarde = getattr(self, self.soort)
        return self.soort if waarde is True else f"{self.soort}:{waarde}"


_VERSCHIL_WOORDEN = ("meningsverschil", "visieverschil", "verschil van mening", "verschil van inzicht")

VERSCHIL_IN_VRAAG = (*_VERSCHIL_WOORDEN, "verschil van visie", "oneens", "onenigheid", "niet eens", "conflict", "ruzie")
"""Words that make a question about a difference of opinion: only `ambtelijk` rules may answer it."""


def waarom_bestuurlijk(wie: Wie, rollen: Mapping[str, Rol], organen: Mapping[str, Orgaan]) -> str | None:
    """What makes `wie` point at the bestuur according to the data (in Dutch), or None: the
    bestuurlijk opdrachtgever, a body or role with `bestuurlijk: true`, or a role that is the
    onderwerp's bestuurlijk opdrachtgever."""
    if wie.opdrachtgever == "bestuurlijk":
        return "de bestuurlijk opdrachtgever"
    orgaan = organen.get(wie.orgaan or "")
    if orgaan is not None and orgaan.bestuurlijk:
        return f"'{orgaan.naam}' (bestuurlijk in organisatie.yaml)"
    rol = rollen.get(wie.rol or wie.lijn or "")
    if rol is not None and (rol.bestuurlijk or rol.opdrachtgever == "bestuurlijk"):
        return f"'{rol.naam}' (bestuurlijk in rollen.yaml)"
    return None


class NietDoen(Model):
    """Something not to do; `bron` only when it comes from another place than the rule's bron."""

    tekst: str = Field(min_length=1)
    bron: Bron | None = None
    citaat: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _tekst_alleen(cls, waarde: Any) -> Any:
        return {"tekst": waarde} if isinstance(waarde, str) else waarde


class EscalatieStap(Wie):
    """One step of a route: who (possibly together with others), when, and what happens."""

    samen_met: list[Wie] = Field(default_factory=list)
    wanneer: str | None = None
    """Condition for this step, e.g. 'over programmaonderdelen heen'."""
    toelichting: str = Field(min_length=1)
    bron: Bron | None = None
    """Only when this step comes from another place than the rule's bron."""
    citaat: str | None = None

    @property
    def wie(self) -> list[Wie]:
        """The step's own betrokkene first, then its samen_met ones."""
        return [self, *self.samen_met]


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
        return self

    @property
    def betrokkenen(self) -> list[Wie]:
        """Every `Wie` of every step, in route order."""
        return [w for stap in self.route for w in stap.wie]

    def bronnen(self) -> list[tuple[Bron, str | None]]:
        """The rule's bron first, then every other bron of its steps and don'ts, without doubles."""
        gezien: list[tuple[Bron, str | None]] = [(self.bron, self.citaat)]
        for bron, citaat in [(s.bron, s.citaat) for s in self.route] + [(n.bron, n.citaat) for n in self.niet_doen]:
            if bron is not None and all(bron != b for b, _ in gezien):
                gezien.append((bron, citaat))
        return gezien
