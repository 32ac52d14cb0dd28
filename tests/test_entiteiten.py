"""The entity finder (kennisbank/zoeken/entiteiten.py), the dates and the 'Bedoelde je' answer
parser, on the shipped example kennisbank: pure functions, no bot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dialogen.keuzevraag import GEEN, WELKE, Keuze, kies
from kennisbank.zoeken import Zoeker
from kennisbank.zoeken.datums import vind_datums
from kennisbank.zoeken.entiteiten import EntiteitVinder, laad_afkortingen
from kennisbank.zoeken.index import Doel

VANDAAG = date(2025, 6, 1)


@pytest.fixture(scope="module")
def zoeker(kennisbank) -> Zoeker:
    return Zoeker(kennisbank, vandaag=VANDAAG)


def gevonden(zoeker: Zoeker, tekst: str, soort: str) -> list[tuple[str, str, bool]]:
    """(id, matched text, exact) of the best record per place, for one soort."""
    return [(v.beste.id, v.tekst, v.beste.exact) for v in zoeker.vind(tekst, frozenset({soort}))]


def test_several_onderwerpen_with_their_spans(zoeker):
    tekst = "wie zijn de opdrachtgevers van de RUD en de regionale brandweer"
    assert gevonden(zoeker, tekst, "onderwerp") == [
        ("regionale-uitvoeringsdienst", "RUD", True),
        ("regionale-brandweer", "regionale brandweer", True),
    ]


@pytest.mark.parametrize(
    ("tekst", "onderwerp_id"),
    [
        ("wie is AO v/d RUD", "regionale-uitvoeringsdienst"),  # abbreviation + alias
        ("ik zoek de ao van personeel en organisatie", "personeel-en-organisatie"),
        ("wie is ao voor p&o", "personeel-en-organisatie"),  # P&O from the general list
        ("we willen iets met de binnenstad doen, wie is daar ambtelijk de baas?", "binnenstad"),
        ("wie gaat over de duurzaamhiedsagenda?", "duurzaamheidsagenda"),  # typo
        ("wie gaat over de jeugd agenda", "jeugdagenda"),  # spacing
    ],
)
def test_onderwerp_wherever_it_stands(zoeker, tekst, onderwerp_id):
    ids = [i for i, _, _ in gevonden(zoeker, tekst, "onderwerp")]
    assert ids[:1] == [onderwerp_id]


def test_typo_is_never_exact_and_a_part_of_a_compound_is_not_exact(zoeker):
    ((_, _, exact_typo),) = gevonden(zoeker, "duurzaamhiedsagenda", "onderwerp")
    assert not exact_typo
    (jeugdzorg,) = zoeker.vind("wie gaat over jeugdzorg", frozenset({"onderwerp"}))
    assert not jeugdzorg.beste.exact and jeugdzorg.beste.score < zoeker.drempels.zeker


def test_longest_name_wins_over_a_shorter_alias_inside_it(zoeker):
    assert [g[0] for g in gevonden(zoeker, "wie gaat over DGB-personeel", "onderwerp")] == ["begeleiden-en-beheren"]


@pytest.mark.parametrize(
    "tekst", ["voor welke agenda's is Kossen ambtelijk opdrachtgever?", "wat doet Marcel Kossen", "marcel kosen?"]
)
def test_person_by_surname_full_name_or_typo(zoeker, tekst):
    assert [g[0] for g in gevonden(zoeker, tekst, "persoon")] == ["marcel-kossen"]


def test_surname_next_to_another_first_name_is_not_confident(zoeker, kennisbank):
    (lotte,) = [p for p in kennisbank.bestanden.personen if p.naam.endswith("Jansen")]
    (vermelding,) = zoeker.vind("waar is Piet Jansen AO van", frozenset({"persoon"}))
    assert vermelding.beste.id == lotte.id and vermelding.beste.score < zoeker.drempels.zeker
    (vermelding,) = zoeker.vind(f"Waar is {lotte.naam} AO van", frozenset({"persoon"}))
    assert vermelding.beste.exact


def test_possessive_of_a_name(zoeker):
    assert [(g[0], g[2]) for g in gevonden(zoeker, "wat is Jelle's portefeuille?", "persoon")] == [("jelle-arentsen", True)]
    assert [g[0] for g in gevonden(zoeker, "noem alle agenda's", "soort_onderwerp")] == ["agenda"]


def test_person_by_first_name(zoeker):
    assert [g[0] for g in gevonden(zoeker, "wat doet Flora eigenlijk", "persoon")] == ["flora-van-houwelingen"]


def test_roles_begrippen_soorten_and_periods(zoeker):
    assert "ambtelijk-opdrachtgever-deventer" in [g[0] for g in gevonden(zoeker, "wat doet een AO?", "rol")]
    assert [g[0] for g in gevonden(zoeker, "wat is een sectorcontract", "begrip")] == ["sectorcontract"]
    assert [g[0] for g in gevonden(zoeker, "welke projecten zijn er", "soort_onderwerp")] == ["project"]
    assert [g[0] for g in gevonden(zoeker, "wanneer is de peildatum van de herfstrapportage 2026?", "periode")] == ["herfst-2026"]


def test_unknown_words_find_nothing(zoeker):
    assert gevonden(zoeker, "wie is ambtelijk opdrachtgever voor de kerstmarkt?", "onderwerp") == []
    assert gevonden(zoeker, "", "onderwerp") == []


def test_two_onderwerpen_one_with_a_typo(zoeker):
    antwoord = zoeker.beantwoord("wie zijn de AO's van de RUD en de regionale brandwer?")
    assert [o.id for o in antwoord.onderwerpen] == ["regionale-uitvoeringsdienst", "regionale-brandweer"]
    assert antwoord.gevraagd


@pytest.mark.parametrize("vraag", ["wie gaat over sociale zaken en werkgelegenheid", "wie is ao voor de kerstmarkt"])
def test_part_of_a_name_in_an_unknown_topic_gives_no_answer(zoeker, vraag):
    antwoord = zoeker.beantwoord(vraag)
    assert type(antwoord).__name__ in {"NietGevonden", "BedoeldeU"}


def test_only_valid_onderwerpen(kennisbank):
    vroeger = Zoeker(kennisbank, vandaag=date(2000, 1, 1))
    assert vroeger.vind("wie is AO van de RUD", frozenset({"onderwerp"})) == []


def test_abbreviations_apply_to_names_too():
    vinder = EntiteitVinder([(Doel("onderwerp", "kcc", "Klantcontactcentrum"), "Klantcontactcentrum")])
    (vermelding,) = vinder.vind("wie gaat over het KCC?")
    assert vermelding.beste.id == "kcc" and vermelding.beste.exact and vermelding.tekst == "KCC"


def test_abbreviation_list_is_valid_and_a_mistake_is_a_dutch_message(tmp_path: Path):
    afkortingen = laad_afkortingen()
    assert afkortingen[("v", "d")] == ("van", "de")
    fout = tmp_path / "afkortingen.yaml"
    fout.write_text('"AO":\n', encoding="utf-8")
    with pytest.raises(ValueError, match="afkortingen.yaml: 'AO' heeft geen betekenis"):
        laad_afkortingen(fout)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("wie was AO op 1 maart 2024", date(2024, 3, 1)),
        ("wie was AO op 1-3-2024", date(2024, 3, 1)),
        ("peildatum 2024-03-01?", date(2024, 3, 1)),
        ("op 01/03/24", date(2024, 3, 1)),
        ("wat gebeurde er 3 okt", date(2025, 10, 3)),
        ("en gisteren dan", date(2025, 5, 31)),
    ],
)
def test_dutch_dates(tekst, verwacht):
    (datum,) = vind_datums(tekst, VANDAAG)
    assert datum.van == verwacht and tekst[datum.begin : datum.eind] == datum.tekst


def test_impossible_date_is_skipped_and_vorig_jaar_is_a_year():
    assert vind_datums("op 31 februari 2024", VANDAAG) == []
    (jaar,) = vind_datums("wie was het vorig jaar", VANDAAG)
    assert (jaar.van, jaar.tot) == (date(2024, 1, 1), date(2024, 12, 31))


KEUZES = [
    Keuze("Jeugdagenda", "o:j", "Wie is opdrachtgever voor Jeugdagenda?"),
    Keuze("Sociale agenda", "o:s", "Wie is opdrachtgever voor Sociale agenda?"),
]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("de eerste", 0), ("1", 0), ("nummer 2", 1), ("optie 2", 1), ("2", 1), ("de laatste", 1),
        ("jeugd", 0), ("de sociale", 1), ("Sociale agenda", 1), ("jeugdagnda", 0),
        ("Wie is opdrachtgever voor Sociale agenda?", 1),
        ("nee", GEEN), ("geen van beide", GEEN),
        ("ja", WELKE), ("3", None), ("wie gaat over duurzaamheid", None), ("agenda", None),
    ],
)  # fmt: skip
def test_typed_answers_to_bedoelde_je(tekst, verwacht):
    assert kies(tekst, KEUZES) == verwacht


def test_ja_only_with_one_candidate():
    assert kies("ja", KEUZES[:1]) == 0
    assert kies("ja klopt", KEUZES[:1]) == 0


@pytest.mark.parametrize(
    ("tekst", "van", "tot"),
    [
        ("wie was het tot eind 2023", "2023-12-31", "2023-12-31"),
        ("tot en met maart 2024", "2024-03-31", "2024-03-31"),
        ("tot 2024", "2023-12-31", "2023-12-31"),
        ("vanaf halverwege 2025", "2025-06-01", "2025-06-01"),
        ("in het begin van 2024", "2024-01-01", "2024-03-31"),
        ("aan het eind van vorig jaar", "2025-10-01", "2025-12-31"),
        ("in mei 2025", "2025-05-01", "2025-05-31"),
        ("op 31 februari 2024", None, None),
    ],
)
def test_parts_of_a_year_and_their_edges_are_dates(tekst: str, van: str | None, tot: str | None) -> None:
    gevonden = [(d.van.isoformat(), d.tot.isoformat()) for d in vind_datums(tekst, date(2026, 11, 22))]
    assert gevonden == ([(van, tot)] if van else [])
