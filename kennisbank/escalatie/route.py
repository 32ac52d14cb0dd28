"""Resolving the roles of a route to persons.

Roles come from the onderwerp (ambtelijk, gedelegeerd and bestuurlijk opdrachtgever,
adjunct-directeur), from the organisation's structuur (concerndirectie, algemeen directeur,
gemeentesecretaris) and from the asker's line (`Persoon.leidinggevende`). A role nobody is known
for resolves to no persons — never to a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kennisbank.escalatie.model import BESTUURLIJKE_ROLLEN, ROLLEN, EscalatieRegel, EscalatieStap
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Opdrachtgeversrol, Persoon


@dataclass(frozen=True)
class Betrokkene:
    """A role in a step and the persons who hold it (empty when not known)."""

    rol: str
    personen: tuple[Persoon, ...]

    @property
    def bestuurlijk(self) -> bool:
        return self.rol in BESTUURLIJKE_ROLLEN


@dataclass(frozen=True)
class RouteStap:
    nummer: int
    stap: EscalatieStap
    betrokkenen: tuple[Betrokkene, ...]
    """The step's rol first, then its samen_met roles."""


@dataclass(frozen=True)
class _Context:
    kennisbank: Kennisbank
    onderwerp: Onderwerp | None
    vrager: Persoon | None
    dag: date | None = None
    """The day the question is about; None = the current opdrachtgevers."""


def _van_onderwerp(veld: str) -> Callable[[_Context], list[str | None]]:
    return lambda c: [getattr(c.onderwerp, veld)] if c.onderwerp else []


def _opdrachtgever(rol: Opdrachtgeversrol) -> Callable[[_Context], list[str | None]]:
    """The onderwerp's holder of `rol` on the asked day (Onderwerp.opdrachtgever_op)."""
    return lambda c: [c.onderwerp.opdrachtgever_op(rol, c.dag)] if c.onderwerp else []


def _leidinggevende_met_rol(rol_id: str) -> Callable[[_Context], list[str | None]]:
    """The first person up the asker's line who has role `rol_id` (never a guess)."""

    def zoek(c: _Context) -> list[str | None]:
        persoon, gezien = c.vrager, set()
        while persoon is not None and persoon.leidinggevende and persoon.id not in gezien:
            gezien.add(persoon.id)
            persoon = c.kennisbank.persoon(persoon.leidinggevende)
            if persoon is not None and rol_id in persoon.rollen:
                return [persoon.id]
        return []

    return zoek


_OPLOSSERS: dict[str, Callable[[_Context], list[str | None]]] = {
    "ambtelijk_opdrachtgever": _opdrachtgever("ambtelijk"),
    "gedelegeerd_opdrachtgever": _opdrachtgever("gedelegeerd"),
    # De Bilt: the strategisch manager is the eindverantwoordelijke ambtelijk opdrachtgever.
    "strategisch_manager": _opdrachtgever("ambtelijk"),
    # Deventer factsheet VII: opdrachtgeverschap is coupled to budgethouderschap.
    "budgethouder": _opdrachtgever("ambtelijk"),
    "adjunct_directeur": _van_onderwerp("adjunct_directeur"),
    "bestuurlijk_opdrachtgever": _opdrachtgever("bestuurlijk"),
    "collegelid": _opdrachtgever("bestuurlijk"),
    "leidinggevende": lambda c: [c.vrager.leidinggevende] if c.vrager else [],
    "teammanager": _leidinggevende_met_rol("teammanager"),
    "afdelingshoofd": _leidinggevende_met_rol("afdelingshoofd"),
    "concerndirectie": lambda c: list(c.kennisbank.organisatie.structuur.concerndirectie),
    "algemeen_directeur": lambda c: [c.kennisbank.organisatie.structuur.algemeen_directeur],
    "gemeentesecretaris": lambda c: [c.kennisbank.organisatie.structuur.gemeentesecretaris],
    "college": lambda c: [],
    "gemeenteraad": lambda c: [],
}
if set(_OPLOSSERS) != set(ROLLEN):  # a role added to EscalatieRol needs a resolver here
    raise RuntimeError(f"rollen zonder oplosser: {sorted(set(ROLLEN) - set(_OPLOSSERS))}")

def personen_voor_rol(
    rol: str, kennisbank: Kennisbank, onderwerp: Onderwerp | None = None, vrager: Persoon | None = None,
    dag: date | None = None,
) -> tuple[Persoon, ...]:
    """Who holds `rol` for this onderwerp and asker on `dag` (None = now); empty when not known."""
    context = _Context(kennisbank, onderwerp, vrager, dag)
    personen = [kennisbank.persoon(i) for i in _OPLOSSERS[rol](context)]
    return tuple(p for p in personen if p is not None)


def route_voor(
    regel: EscalatieRegel,
    onderwerp: Onderwerp | None,
    kennisbank: Kennisbank,
    vrager: Persoon | None = None,
    dag: date | None = None,
) -> list[RouteStap]:
    """The rule's steps, numbered, with the persons for every role where they are known."""
    return [
        RouteStap(
            nummer,
            stap,
            tuple(Betrokkene(r, personen_voor_rol(r, kennisbank, onderwerp, vrager, dag)) for r in stap.rollen),
        )
        for nummer, stap in enumerate(regel.route, start=1)
    ]
