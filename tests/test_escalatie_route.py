"""Issue 4 — roles in a route resolve to names through the onderwerp, the structuur and the asker."""

from __future__ import annotations

import pytest

from kennisbank.escalatie.model import ROLLEN, EscalatieRegel
from kennisbank.escalatie.route import personen_voor_rol, route_voor
from kennisbank.kennisbank import Kennisbank

CONCERNDIRECTIE = ["Ardwin Lantain", "Jelle Arentsen", "Marcel Kossen", "Flora van Houwelingen"]

# rule id -> per step: (role, names for the jeugdagenda, asked by Daan Bakker (teammanager))
JEUGDAGENDA_ROUTES = {
    "ambtelijk-meningsverschil": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("concerndirectie", CONCERNDIRECTIE)],
    "cmt-geen-overeenstemming": [("concerndirectie", CONCERNDIRECTIE), ("algemeen_directeur", ["Ardwin Lantain"])],
    "knelpunt-uitvoering": [("teammanager", []), ("adjunct_directeur", ["Bram de Wit"])],
    "wat-vraag-past-niet": [
        ("ambtelijk_opdrachtgever", ["Marcel Kossen"]),
        ("concerndirectie", CONCERNDIRECTIE),
        ("algemeen_directeur", ["Ardwin Lantain"]),
    ],
    "proces-loopt-stroef": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("concerndirectie", CONCERNDIRECTIE)],
    "knelpunt-melden-bestuur": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("collegelid", [])],
    "geen-budget": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("concerndirectie", CONCERNDIRECTIE)],
    "tekort-overschot-compenseren": [("budgethouder", ["Marcel Kossen"]), ("college", []), ("gemeenteraad", [])],
    "budget-overschrijding": [("budgethouder", ["Marcel Kossen"]), ("college", []), ("gemeenteraad", [])],
    "budget-onderschrijding": [("budgethouder", ["Marcel Kossen"]), ("college", []), ("gemeenteraad", [])],
    "geen-opdracht-geen-werk": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("bestuurlijk_opdrachtgever", [])],
    "doorgemandateerd-opdrachtgeverschap": [
        ("gedelegeerd_opdrachtgever", ["Bram de Wit"]),
        ("ambtelijk_opdrachtgever", ["Marcel Kossen"]),
        ("concerndirectie", CONCERNDIRECTIE),
    ],
    "andere-sturingsvorm": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("concerndirectie", CONCERNDIRECTIE)],
    "procesverantwoordelijke-in-team": [("gedelegeerd_opdrachtgever", ["Bram de Wit"]), ("strategisch_manager", ["Marcel Kossen"])],
    "eerste-aanspreekpunt-medewerker": [("teammanager", []), ("afdelingshoofd", [])],
    "voorstel-aan-college": [("ambtelijk_opdrachtgever", ["Marcel Kossen"]), ("collegelid", [])],
}


def _regel(kennisbank: Kennisbank, regel_id: str) -> EscalatieRegel:
    return next(r for r in kennisbank.bestanden.escalatie if r.id == regel_id)


@pytest.mark.parametrize("regel_id", sorted(JEUGDAGENDA_ROUTES))
def test_route_for_the_jeugdagenda_names_the_right_persons(kennisbank: Kennisbank, regel_id: str) -> None:
    route = route_voor(_regel(kennisbank, regel_id), kennisbank.onderwerpen["jeugdagenda"], kennisbank)
    assert [s.nummer for s in route] == list(range(1, len(route) + 1))
    assert [(s.betrokkenen[0].rol, [p.naam for p in s.betrokkenen[0].personen]) for s in route] == JEUGDAGENDA_ROUTES[regel_id]


def test_wat_vraag_goes_to_the_directeur_together_with_the_adjunct_directeur(kennisbank: Kennisbank) -> None:
    eerste = route_voor(_regel(kennisbank, "wat-vraag-past-niet"), kennisbank.onderwerpen["jeugdagenda"], kennisbank)[0]
    assert [(b.rol, [p.naam for p in b.personen]) for b in eerste.betrokkenen] == [
        ("ambtelijk_opdrachtgever", ["Marcel Kossen"]),
        ("adjunct_directeur", ["Bram de Wit"]),
    ]


def test_without_onderwerp_only_structural_roles_get_names(kennisbank: Kennisbank) -> None:
    route = route_voor(_regel(kennisbank, "wat-vraag-past-niet"), None, kennisbank)
    assert [[p.naam for p in s.betrokkenen[0].personen] for s in route] == [[], CONCERNDIRECTIE, ["Ardwin Lantain"]]


def test_another_onderwerp_gives_its_own_opdrachtgever(kennisbank: Kennisbank) -> None:
    route = route_voor(_regel(kennisbank, "ambtelijk-meningsverschil"), kennisbank.onderwerpen["duurzaamheidsagenda"], kennisbank)
    assert [p.naam for p in route[0].betrokkenen[0].personen] == ["Flora van Houwelingen"]


def test_the_askers_line_gives_teammanager_and_leidinggevende_never_a_guess(kennisbank: Kennisbank) -> None:
    daan = kennisbank.persoon("daan-bakker")  # teammanager; leidinggevende Bram de Wit (adjunct-directeur)
    assert [p.naam for p in personen_voor_rol("leidinggevende", kennisbank, vrager=daan)] == ["Bram de Wit"]
    # Bram is an adjunct-directeur, not an afdelingshoofd or teammanager: no name rather than a wrong one.
    assert personen_voor_rol("afdelingshoofd", kennisbank, vrager=daan) == ()
    assert personen_voor_rol("teammanager", kennisbank, vrager=daan) == ()
    assert personen_voor_rol("teammanager", kennisbank, vrager=None) == ()


def test_teammanager_is_found_up_the_line(kennisbank: Kennisbank) -> None:
    from kennisbank.model import Bron, Persoon

    medewerker = Persoon(id="test-medewerker", naam="Test", functie="Medewerker", leidinggevende="daan-bakker",
                         bron=Bron(document="voorbeeld", sectie="test"))
    assert [p.naam for p in personen_voor_rol("teammanager", kennisbank, vrager=medewerker)] == ["Daan Bakker"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_role_resolves_without_error(kennisbank: Kennisbank, rol: str) -> None:
    for onderwerp in [None, *kennisbank.bestanden.onderwerpen]:
        personen = personen_voor_rol(rol, kennisbank, onderwerp, kennisbank.persoon("daan-bakker"))
        if rol in ("college", "gemeenteraad"):
            assert personen == ()


def test_bronnen_list_the_rule_first_then_other_sections(kennisbank: Kennisbank) -> None:
    bronnen = _regel(kennisbank, "proces-loopt-stroef").bronnen()
    assert [b.sectie for b, _ in bronnen] == ["factsheet VII", "factsheet IV", "factsheet VI"]
