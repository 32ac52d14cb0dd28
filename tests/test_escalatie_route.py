"""Issue 4/16 — the betrokkenen of a route resolve to names through the onderwerp, the organen, the roles and the asker."""

from __future__ import annotations

import pytest

from kennisbank.escalatie.model import EscalatieRegel, Wie
from kennisbank.escalatie.route import is_bestuurlijk, personen_voor, route_voor
from kennisbank.kennisbank import Kennisbank

CONCERNDIRECTIE = ["Ardwin Lantain", "Jelle Arentsen", "Marcel Kossen", "Flora van Houwelingen"]

# rule id -> per step: (betrokkene, names for the jeugdagenda, asked by Daan Bakker (teammanager))
JEUGDAGENDA_ROUTES = {
    "ambtelijk-meningsverschil": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("orgaan:concerndirectie", CONCERNDIRECTIE)],
    "cmt-geen-overeenstemming": [("orgaan:concerndirectie", CONCERNDIRECTIE), ("rol:algemeen-directeur", ["Ardwin Lantain"])],
    "knelpunt-uitvoering": [("lijn:teammanager", []), ("rol:adjunct-directeur", ["Bram de Wit"])],
    "wat-vraag-past-niet": [
        ("opdrachtgever:ambtelijk", ["Marcel Kossen"]),
        ("orgaan:concerndirectie", CONCERNDIRECTIE),
        ("rol:algemeen-directeur", ["Ardwin Lantain"]),
    ],
    "proces-loopt-stroef": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("orgaan:concerndirectie", CONCERNDIRECTIE)],
    "knelpunt-melden-bestuur": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("opdrachtgever:bestuurlijk", [])],
    "geen-budget": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("orgaan:concerndirectie", CONCERNDIRECTIE)],
    "tekort-overschot-compenseren": [
        ("opdrachtgever:ambtelijk", ["Marcel Kossen"]),
        ("orgaan:college", []),
        ("orgaan:gemeenteraad", []),
    ],
    "budget-overschrijding": [
        ("opdrachtgever:ambtelijk", ["Marcel Kossen"]),
        ("orgaan:college", []),
        ("orgaan:gemeenteraad", []),
    ],
    "budget-onderschrijding": [
        ("opdrachtgever:ambtelijk", ["Marcel Kossen"]),
        ("orgaan:college", []),
        ("orgaan:gemeenteraad", []),
    ],
    "geen-opdracht-geen-werk": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("opdrachtgever:bestuurlijk", [])],
    "doorgemandateerd-opdrachtgeverschap": [
        ("opdrachtgever:gedelegeerd", ["Bram de Wit"]),
        ("opdrachtgever:ambtelijk", ["Marcel Kossen"]),
        ("orgaan:concerndirectie", CONCERNDIRECTIE),
    ],
    "andere-sturingsvorm": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("orgaan:concerndirectie", CONCERNDIRECTIE)],
    "procesverantwoordelijke-in-team": [
        ("opdrachtgever:gedelegeerd", ["Bram de Wit"]),
        ("rol:strategisch-manager", ["Marcel Kossen"]),
    ],
    "eerste-aanspreekpunt-medewerker": [("lijn:teammanager", []), ("lijn:afdelingshoofd", [])],
    "voorstel-aan-college": [("opdrachtgever:ambtelijk", ["Marcel Kossen"]), ("opdrachtgever:bestuurlijk", [])],
}


def _regel(kennisbank: Kennisbank, regel_id: str) -> EscalatieRegel:
    return next(r for r in kennisbank.bestanden.escalatie if r.id == regel_id)


@pytest.mark.parametrize("regel_id", sorted(JEUGDAGENDA_ROUTES))
def test_route_for_the_jeugdagenda_names_the_right_persons(kennisbank: Kennisbank, regel_id: str) -> None:
    route = route_voor(_regel(kennisbank, regel_id), kennisbank.onderwerpen["jeugdagenda"], kennisbank)
    assert [s.nummer for s in route] == list(range(1, len(route) + 1))
    assert [(s.betrokkenen[0].sleutel, [p.naam for p in s.betrokkenen[0].personen]) for s in route] == JEUGDAGENDA_ROUTES[
        regel_id
    ]


def test_wat_vraag_goes_to_the_directeur_together_with_the_adjunct_directeur(kennisbank: Kennisbank) -> None:
    eerste = route_voor(_regel(kennisbank, "wat-vraag-past-niet"), kennisbank.onderwerpen["jeugdagenda"], kennisbank)[0]
    assert [(b.sleutel, [p.naam for p in b.personen]) for b in eerste.betrokkenen] == [
        ("opdrachtgever:ambtelijk", ["Marcel Kossen"]),
        ("rol:adjunct-directeur", ["Bram de Wit"]),
    ]


def test_without_onderwerp_only_structural_roles_get_names(kennisbank: Kennisbank) -> None:
    route = route_voor(_regel(kennisbank, "wat-vraag-past-niet"), None, kennisbank)
    assert [[p.naam for p in s.betrokkenen[0].personen] for s in route] == [[], CONCERNDIRECTIE, ["Ardwin Lantain"]]


def test_another_onderwerp_gives_its_own_opdrachtgever(kennisbank: Kennisbank) -> None:
    route = route_voor(_regel(kennisbank, "ambtelijk-meningsverschil"), kennisbank.onderwerpen["duurzaamheidsagenda"], kennisbank)
    assert [p.naam for p in route[0].betrokkenen[0].personen] == ["Flora van Houwelingen"]


def _wie(**velden) -> Wie:
    return Wie.model_validate(velden)


def test_the_askers_line_gives_teammanager_and_leidinggevende_never_a_guess(kennisbank: Kennisbank) -> None:
    daan = kennisbank.persoon("daan-bakker")  # teammanager; leidinggevende Bram de Wit (adjunct-directeur)
    assert [p.naam for p in personen_voor(_wie(leidinggevende=True), kennisbank, vrager=daan)] == ["Bram de Wit"]
    # Nobody above Daan is an afdelingshoofd or teammanager: no name rather than a wrong one.
    assert personen_voor(_wie(lijn="afdelingshoofd"), kennisbank, vrager=daan) == ()
    assert personen_voor(_wie(lijn="teammanager"), kennisbank, vrager=daan) == ()
    assert personen_voor(_wie(lijn="teammanager"), kennisbank, vrager=None) == ()
    assert personen_voor(_wie(leidinggevende=True), kennisbank, vrager=None) == ()


def test_lijn_finds_the_nearest_holder_up_any_number_of_levels(kennisbank: Kennisbank) -> None:
    from kennisbank.model import Bron, Persoon

    medewerker = Persoon(
        id="test-medewerker",
        naam="Test",
        functie="Medewerker",
        leidinggevende="daan-bakker",
        bron=Bron(document="voorbeeld", sectie="test"),
    )
    # test-medewerker -> Daan Bakker (teammanager) -> Bram de Wit (adjunct-directeur)
    #                 -> Marcel Kossen (concerndirecteur) -> Ardwin Lantain (algemeen directeur)
    verwacht = {
        "teammanager": ["Daan Bakker"],
        "adjunct-directeur": ["Bram de Wit"],
        "concerndirecteur": ["Marcel Kossen"],
        "algemeen-directeur": ["Ardwin Lantain"],
        "controller": [],
    }
    for rol, namen in verwacht.items():
        assert [p.naam for p in personen_voor(_wie(lijn=rol), kennisbank, vrager=medewerker)] == namen, rol


def test_lijn_stops_at_a_cycle_in_the_line(kennisbank: Kennisbank) -> None:
    from kennisbank.model import Bron, Persoon

    bron = Bron(document="voorbeeld", sectie="test")
    a = Persoon(id="ringa", naam="A", functie="x", leidinggevende="ringb", bron=bron)
    b = Persoon(id="ringb", naam="B", functie="x", leidinggevende="ringa", bron=bron)
    kopie = Kennisbank(
        kennisbank.bestanden.model_copy(update={"personen": [*kennisbank.bestanden.personen, a, b]}), kennisbank.pad
    )
    assert personen_voor(_wie(lijn="teammanager"), kopie, vrager=a) == ()


def test_every_kind_of_betrokkene_resolves_from_the_data(kennisbank: Kennisbank) -> None:
    jeugd = kennisbank.onderwerpen["jeugdagenda"]
    namen = lambda wie, onderwerp=jeugd: [p.naam for p in personen_voor(wie, kennisbank, onderwerp)]  # noqa: E731
    assert namen(_wie(opdrachtgever="ambtelijk")) == ["Marcel Kossen"]
    assert namen(_wie(opdrachtgever="gedelegeerd")) == ["Bram de Wit"]
    assert namen(_wie(opdrachtgever="ambtelijk"), None) == []
    # A role that IS the onderwerp's ambtelijk opdrachtgever (rollen.yaml: opdrachtgever: ambtelijk).
    assert namen(_wie(rol="strategisch-manager")) == ["Marcel Kossen"]
    assert namen(_wie(rol="strategisch-manager"), None) == []
    # A role bound to the onderwerp (bij_onderwerp): only the onderwerp's own adjunct-directeur.
    assert namen(_wie(rol="adjunct-directeur")) == ["Bram de Wit"]
    assert namen(_wie(rol="adjunct-directeur"), kennisbank.onderwerpen["duurzaamheidsagenda"]) == ["Lotte Jansen"]
    assert namen(_wie(rol="adjunct-directeur"), None) == []
    # A plain role: everyone with it.
    assert namen(_wie(rol="concerndirecteur"), None) == ["Jelle Arentsen", "Marcel Kossen", "Flora van Houwelingen"]
    # A body: its leden; a body without leden gives no names.
    assert namen(_wie(orgaan="concerndirectie"), None) == CONCERNDIRECTIE
    assert namen(_wie(orgaan="college"), None) == []


def test_a_body_takes_members_by_role_too(kennisbank: Kennisbank) -> None:
    from kennisbank.model import Orgaan

    organisatie = kennisbank.organisatie.model_copy(
        update={"organen": [Orgaan(id="cmt", naam="CMT", leden=["ardwin-lantain"], leden_met_rol=["concerndirecteur"])]}
    )
    kopie = Kennisbank(kennisbank.bestanden.model_copy(update={"organisatie": organisatie}), kennisbank.pad)
    assert [p.naam for p in personen_voor(_wie(orgaan="cmt"), kopie)] == CONCERNDIRECTIE


def test_bestuurlijk_comes_from_the_data(kennisbank: Kennisbank) -> None:
    assert is_bestuurlijk(_wie(orgaan="college"), kennisbank)
    assert is_bestuurlijk(_wie(orgaan="gemeenteraad"), kennisbank)
    assert not is_bestuurlijk(_wie(orgaan="concerndirectie"), kennisbank)
    assert is_bestuurlijk(_wie(opdrachtgever="bestuurlijk"), kennisbank)
    assert not is_bestuurlijk(_wie(opdrachtgever="ambtelijk"), kennisbank)
    assert is_bestuurlijk(_wie(rol="college"), kennisbank)  # rollen.yaml: bestuurlijk: true
    assert not is_bestuurlijk(_wie(rol="concerndirecteur"), kennisbank)


def test_every_step_of_every_rule_resolves_without_error(kennisbank: Kennisbank) -> None:
    daan = kennisbank.persoon("daan-bakker")
    for regel, onderwerp in [(r, o) for r in kennisbank.bestanden.escalatie for o in [None, *kennisbank.bestanden.onderwerpen]]:
        for stap in route_voor(regel, onderwerp, kennisbank, daan):
            for betrokkene in stap.betrokkenen:
                if betrokkene.bestuurlijk and betrokkene.wie.orgaan:
                    assert betrokkene.personen == ()  # college and raad have no leden in the example


def test_bronnen_list_the_rule_first_then_other_sections(kennisbank: Kennisbank) -> None:
    bronnen = _regel(kennisbank, "proces-loopt-stroef").bronnen()
    assert [b.sectie for b, _ in bronnen] == ["factsheet VII", "factsheet IV", "factsheet VI"]
