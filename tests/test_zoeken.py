"""Unit tests of kennisbank.zoeken on a small in-memory kennisbank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kennisbank.bestanden import KennisbankBestanden
from kennisbank.kennisbank import Kennisbank
from kennisbank.zoeken import (
    BedoeldeU,
    BegripGevonden,
    MeerdereOnderwerpen,
    NietGevonden,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    VraagSoort,
    Zoeker,
    ontleed,
)
from kennisbank.zoeken.normaliseren import Splitser, normaliseer

BRON = {"document": "d", "sectie": "s"}


def _onderwerp(id_, naam, soort, ao, aliassen=(), **extra):
    return {
        "id": id_,
        "naam": naam,
        "soort": soort,
        "ambtelijk_opdrachtgever": ao,
        "aliassen": list(aliassen),
        "bron": BRON,
        **extra,
    }


@pytest.fixture(scope="module")
def kennisbank() -> Kennisbank:
    bestanden = KennisbankBestanden.model_validate(
        {
            "organisatie": {
                "naam": "Testgemeente",
                "documenten": [{"id": "d", "titel": "T", "organisatie": "Test"}],
                "soorten_onderwerp": [
                    {"id": "agenda", "naam": "Agenda"},
                    {"id": "project", "naam": "Project"},
                    {"id": "concernaspect", "naam": "Concernaspect"},
                ],
            },
            "personen": [
                {"id": "jelle", "naam": "Jelle Arentsen", "functie": "concerndirecteur", "bron": BRON},
                {"id": "marcel", "naam": "Marcel Kossen", "functie": "concerndirecteur", "bron": BRON},
                {"id": "flora", "naam": "Flora van Houwelingen", "functie": "concerndirecteur", "bron": BRON},
            ],
            "onderwerpen": [
                _onderwerp("jeugdagenda", "Jeugdagenda", "agenda", "marcel", ["jeugd"]),
                _onderwerp("sociale-agenda", "Sociale agenda", "agenda", "marcel"),
                _onderwerp("duurzaamheidsagenda", "Duurzaamheidsagenda", "agenda", "flora"),
                _onderwerp("binnenstad", "Binnenstad", "project", "jelle"),
                _onderwerp(
                    "pilot-gebiedsgericht-werken", "Pilot gebiedsgericht werken", "project", "jelle", ["gebiedsgericht werken"]
                ),
                _onderwerp(
                    "gebiedsgericht-werken-en-programmeren",
                    "Gebiedsgericht werken & programmeren",
                    "concernaspect",
                    "flora",
                    ["gebiedsgericht werken"],
                ),
                _onderwerp(
                    "kcc", "B&B centraal / doorontwikkeling KCC", "concernaspect", "jelle", ["KCC", "klantcontactcentrum"]
                ),
                _onderwerp("rud", "RUD (regionale uitvoeringsdienst)", "project", "flora", ["RUD"]),
                _onderwerp("oud-project", "Stadhuisplein", "project", "jelle", geldig_tot="2020-01-01"),
                _onderwerp("nieuw-project", "Stationsgebied", "project", "marcel", geldig_vanaf="2030-01-01"),
            ],
            "rollen": [
                {"id": "teamondersteuner", "naam": "Teamondersteuner", "omschrijving": "x", "bron": BRON},
            ],
            "soorten_werk": [
                {
                    "id": "regulier",
                    "naam": "Reguliere taken, wettelijke taken, dienstverlening",
                    "ambtelijk_opdrachtgever": "team",
                    "aliassen": ["reguliere taken", "wettelijke taken"],
                    "bron": BRON,
                },
            ],
            "begrippen": [
                {"id": "sectorcontract", "term": "Sectorcontract", "uitleg": "x", "bron": BRON},
                {
                    "id": "doorgemandateerd-opdrachtgeverschap",
                    "term": "Doorgemandateerd opdrachtgeverschap",
                    "uitleg": "x",
                    "bron": BRON,
                },
            ],
        }
    )
    return Kennisbank(bestanden=bestanden, pad=Path("."))


@pytest.fixture(scope="module")
def zoeker(kennisbank) -> Zoeker:
    return Zoeker(kennisbank, vandaag=date(2025, 6, 1))


def test_normaliseer_strips_case_diacritics_punctuation():
    assert normaliseer("  Facilitair &  Financiën?! ") == "facilitair en financien"


def test_splitser_splits_compounds_with_linking_s():
    splitser = Splitser(["jeugd"])
    assert splitser.splits("duurzaamheidsagenda") == ("duurzaamheid", "agenda")
    assert splitser.splits("jeugdagenda") == ("jeugd", "agenda")
    assert splitser.splits("binnenstad") == ("binnenstad",)


@pytest.mark.parametrize(
    "tekst, kern, soort",
    [
        ("Wie is ambtelijk opdrachtgever voor de Jeugdagenda?", "jeugdagenda", VraagSoort.OPDRACHTGEVER),
        ("AO binnenstad?", "binnenstad", VraagSoort.OPDRACHTGEVER),
        ("bij wie moet ik zijn voor het KCC", "kcc", VraagSoort.OPDRACHTGEVER),
        ("wie gaat er eigenlijk over duurzaamheid", "duurzaamheid", VraagSoort.OPDRACHTGEVER),
        ("waar is Flora opdrachtgever voor?", "flora", VraagSoort.PERSOON),
        ("wat doet een teamondersteuner?", "teamondersteuner", VraagSoort.ROL_OF_PERSOON),
        ("wat betekent doorgemandateerd opdrachtgeverschap", "doorgemandateerd opdrachtgeverschap", VraagSoort.UITLEG),
        ("RUD", "rud", VraagSoort.ONBEKEND),
    ],
)
def test_ontleed(tekst, kern, soort):
    vraag = ontleed(tekst)
    assert (vraag.kern, vraag.soort) == (kern, soort)


@pytest.mark.parametrize(
    "vraag, onderwerp_id",
    [
        ("wie is ambtelijk opdrachtgever voor de jeugdagenda?", "jeugdagenda"),
        ("AO binnenstad?", "binnenstad"),
        ("wie gaat over duurzaamheid", "duurzaamheidsagenda"),
        ("bij wie moet ik zijn voor het KCC", "kcc"),
        ("opdrachtgever RUD", "rud"),
        ("jeugdagneda", "jeugdagenda"),
        ("binnestad", "binnenstad"),
        ("jeugd agenda", "jeugdagenda"),
        ("DUURZAAMHEIDS AGENDA", "duurzaamheidsagenda"),
        ("wie is ao voor het klantcontactcentrum", "kcc"),
    ],
)
def test_onderwerp_in_all_forms(zoeker, vraag, onderwerp_id):
    antwoord = zoeker.beantwoord(vraag)
    assert isinstance(antwoord, OnderwerpGevonden), antwoord
    assert antwoord.onderwerp.id == onderwerp_id
    assert not antwoord.onzeker and not zoeker.onzeker(antwoord)


def test_ambiguous_alias_gives_several(zoeker):
    antwoord = zoeker.beantwoord("wie gaat over gebiedsgericht werken?")
    assert isinstance(antwoord, MeerdereOnderwerpen)
    assert {o.id for o in antwoord.onderwerpen} == {
        "pilot-gebiedsgericht-werken",
        "gebiedsgericht-werken-en-programmeren",
    }


@pytest.mark.parametrize(
    "vraag",
    [
        "wie is opdrachtgever voor de marsmissie",
        "AO voor het zwembad",
        "wie gaat over de kerstmarkt",
        "wie is AO voor projecten",
        "agenda",
        "werk",
        "wie gaat over het beleid?",
        "",
    ],
)
def test_unknown_topics_never_give_a_name(zoeker, vraag):
    antwoord = zoeker.beantwoord(vraag)
    assert isinstance(antwoord, NietGevonden), antwoord
    assert antwoord.onzeker
    assert antwoord.suggesties and not {"Jelle Arentsen", "Marcel Kossen"} & set(antwoord.suggesties)


@pytest.mark.parametrize(
    "vraag, persoon_id",
    [
        ("waar is Flora van Houwelingen opdrachtgever voor?", "flora"),
        ("wat doet Jelle", "jelle"),
        ("waar gaat kossen over", "marcel"),
        ("waar is flora van houwelinge ao van", "flora"),
        ("marcel", "marcel"),
    ],
)
def test_reverse_lookup(zoeker, vraag, persoon_id):
    antwoord = zoeker.beantwoord(vraag)
    assert isinstance(antwoord, PersoonGevonden), antwoord
    assert antwoord.persoon.id == persoon_id


def test_person_groups_valid_onderwerpen_by_soort(zoeker):
    antwoord = zoeker.beantwoord("wat doet jelle")
    ids = {s: [o.id for o in os] for s, os in antwoord.onderwerpen_per_soort.items()}
    assert ids == {"project": ["binnenstad", "pilot-gebiedsgericht-werken"], "concernaspect": ["kcc"]}


def test_soort_werk_begrip_rol(zoeker):
    assert isinstance(zoeker.beantwoord("wie is AO voor reguliere taken?"), SoortWerkGevonden)
    begrip = zoeker.beantwoord("wat is een sectorcontract?")
    assert isinstance(begrip, BegripGevonden) and begrip.begrip.id == "sectorcontract"
    uitleg = zoeker.beantwoord("wat betekent doorgemandateerd opdrachtgeverschap?")
    assert isinstance(uitleg, BegripGevonden) and uitleg.begrip.id == "doorgemandateerd-opdrachtgeverschap"
    rol = zoeker.beantwoord("wat doet een teamondersteuner?")
    assert isinstance(rol, RolGevonden) and rol.rol.id == "teamondersteuner"


def test_only_onderwerpen_valid_today(kennisbank):
    vandaag = Zoeker(kennisbank, vandaag=date(2025, 6, 1))
    assert isinstance(vandaag.beantwoord("wie is ao voor het stadhuisplein"), NietGevonden)
    assert isinstance(vandaag.beantwoord("wie is ao voor het stationsgebied"), NietGevonden)
    vroeger = Zoeker(kennisbank, vandaag=date(2019, 6, 1))
    assert vroeger.beantwoord("wie is ao voor het stadhuisplein").onderwerp.id == "oud-project"
    assert vandaag.beantwoord("stationsgebied", vandaag=date(2031, 1, 1)).onderwerp.id == "nieuw-project"


def test_close_but_unsure_offers_choices(zoeker):
    antwoord = zoeker.beantwoord("wie gaat over sociale media")
    assert isinstance(antwoord, BedoeldeU | NietGevonden)
    if isinstance(antwoord, BedoeldeU):
        assert [k.id for k in antwoord.kandidaten] == ["sociale-agenda"]
        assert antwoord.onzeker


def test_answers_carry_core_and_scores(zoeker):
    antwoord = zoeker.beantwoord("Wie is AO voor de Binnenstad?")
    assert antwoord.vraag_kern == "binnenstad"
    assert antwoord.kandidaten[0].id == "binnenstad" and antwoord.kandidaten[0].score == 1.0
