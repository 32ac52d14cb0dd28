"""Resolving the steps of a route to persons, from the kennisbank's data only.

Each `Wie` of a step resolves by its kind:
- `opdrachtgever`: the onderwerp's holder of that opdrachtgever role on the asked day;
- `rol`: when the role says `opdrachtgever:`, that opdrachtgever of the onderwerp; when it says
  `bij_onderwerp`, the onderwerp's own people with the role; otherwise everyone with the role;
- `orgaan`: the body's `leden` plus everyone with one of its `leden_met_rol`;
- `lijn`: the nearest person up the asker's leidinggevende chain who has the role (any number of
  levels; a cycle in the chain stops the search);
- `leidinggevende`: the asker's direct leidinggevende.
A betrokkene nobody is known for resolves to no persons — never to a guess. Labels come from the
data too (`label`, the role's or body's naam, the organisation's opdrachtgever labels); only the
generic ones (opdrachtgever without a label, leidinggevende, the `lijn` phrase) are product texts,
returned here as `None` so the caller fills them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kennisbank.escalatie.model import EscalatieRegel, EscalatieStap, Wie, waarom_bestuurlijk
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon


@dataclass(frozen=True)
class Betrokkene:
    """One `Wie` of a step and the persons who hold it (empty when not known)."""

    wie: Wie
    personen: tuple[Persoon, ...]
    bestuurlijk: bool
    """A role or body of the bestuur (from the data), or the bestuurlijk opdrachtgever."""

    @property
    def sleutel(self) -> str:
        return self.wie.sleutel


@dataclass(frozen=True)
class RouteStap:
    nummer: int
    stap: EscalatieStap
    betrokkenen: tuple[Betrokkene, ...]
    """The step's own betrokkene first, then its samen_met ones."""


def is_bestuurlijk(wie: Wie, kennisbank: Kennisbank) -> bool:
    """Whether `wie` points at the bestuur: a bestuurlijke role or body, or the bestuurlijk opdrachtgever."""
    rollen = {r.id: r for r in kennisbank.bestanden.rollen}
    organen = {o.id: o for o in kennisbank.organisatie.organen}
    return waarom_bestuurlijk(wie, rollen, organen) is not None


def heeft_onderwerp_nodig(regel: EscalatieRegel, kennisbank: Kennisbank) -> bool:
    """True when an onderwerp turns at least one betrokkene of the route into a name."""
    return any(_via_onderwerp(w, kennisbank) for w in regel.betrokkenen)


def _via_onderwerp(wie: Wie, kennisbank: Kennisbank) -> bool:
    if wie.opdrachtgever is not None:
        return True
    rol = kennisbank.rol(wie.rol) if wie.rol else None
    return bool(rol and (rol.opdrachtgever or rol.bij_onderwerp))


def personen_voor(
    wie: Wie,
    kennisbank: Kennisbank,
    onderwerp: Onderwerp | None = None,
    vrager: Persoon | None = None,
    dag: date | None = None,
) -> tuple[Persoon, ...]:
    """Who `wie` is for this onderwerp and asker on `dag` (None = now); empty when not known."""
    ids: list[str | None]
    if wie.opdrachtgever is not None:
        ids = [onderwerp.opdrachtgever_op(wie.opdrachtgever, dag)] if onderwerp else []
    elif wie.rol is not None:
        rol = kennisbank.rol(wie.rol)
        if rol is not None and rol.opdrachtgever is not None:
            ids = [onderwerp.opdrachtgever_op(rol.opdrachtgever, dag)] if onderwerp else []
        elif rol is not None and rol.bij_onderwerp:
            eigen = onderwerp.personen_op(dag) if onderwerp else []
            ids = [i for i in eigen if (p := kennisbank.persoon(i)) is not None and rol.id in p.rollen]
        else:
            ids = [p.id for p in kennisbank.personen_met_rol(wie.rol)]
    elif wie.orgaan is not None:
        ids = _leden(wie.orgaan, kennisbank)
    elif wie.lijn is not None:
        ids = _omhoog_met_rol(wie.lijn, kennisbank, vrager)
    else:
        ids = [vrager.leidinggevende] if vrager else []
    personen = [kennisbank.persoon(i) for i in dict.fromkeys(ids)]
    return tuple(p for p in personen if p is not None)


def _leden(orgaan_id: str, kennisbank: Kennisbank) -> list[str | None]:
    orgaan = kennisbank.organisatie.orgaan(orgaan_id)
    if orgaan is None:
        return []
    met_rol = [p.id for p in kennisbank.bestanden.personen if set(p.rollen) & set(orgaan.leden_met_rol)]
    return [*orgaan.leden, *met_rol]


def _omhoog_met_rol(rol_id: str, kennisbank: Kennisbank, vrager: Persoon | None) -> list[str | None]:
    """The first person up the asker's line who has role `rol_id` (any number of levels)."""
    persoon, gezien = vrager, set()
    while persoon is not None and persoon.leidinggevende and persoon.id not in gezien:
        gezien.add(persoon.id)
        persoon = kennisbank.persoon(persoon.leidinggevende)
        if persoon is not None and rol_id in persoon.rollen:
            return [persoon.id]
    return []


def label_van(wie: Wie, kennisbank: Kennisbank) -> str | None:
    """The label the data gives `wie` (its own, the role's or body's naam, the organisation's
    opdrachtgever label); None when the product's default text should be used."""
    if wie.label:
        return wie.label
    if wie.opdrachtgever is not None:
        eigen = kennisbank.organisatie.opdrachtgevers.get(wie.opdrachtgever)
        return eigen.naam if eigen else None
    if wie.orgaan is not None:
        orgaan = kennisbank.organisatie.orgaan(wie.orgaan)
        return orgaan.naam if orgaan else wie.orgaan
    if wie.rol is not None:
        rol = kennisbank.rol(wie.rol)
        return rol.naam if rol else wie.rol
    return None


def route_voor(
    regel: EscalatieRegel,
    onderwerp: Onderwerp | None,
    kennisbank: Kennisbank,
    vrager: Persoon | None = None,
    dag: date | None = None,
) -> list[RouteStap]:
    """The rule's steps, numbered, with the persons for every betrokkene where they are known."""
    return [
        RouteStap(
            nummer,
            stap,
            tuple(
                Betrokkene(w, personen_voor(w, kennisbank, onderwerp, vrager, dag), is_bestuurlijk(w, kennisbank))
                for w in stap.wie
            ),
        )
        for nummer, stap in enumerate(regel.route, start=1)
    ]
