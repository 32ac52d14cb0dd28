"""Issue 11 point 4 — criteria and threshold questions are answered from the data and kept apart
from starting the check; a request to check starts it, with the opdracht's name from the text."""

from __future__ import annotations

import pytest

from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import kaart_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

TEKSTEN = Teksten.laad()


def _knoppen(antwoorden: list[dict]) -> list[dict]:
    return [a for b in antwoorden for a in ((b.get("suggestedActions") or {}).get("actions") or [])]


@pytest.mark.parametrize(
    ("intentie", "vraag"),
    [
        # The classifier's intent for it, and the old start intent with the full text.
        ("bestuursopdracht.vraag_criteria", "noem eens een paar criteria voor een bestuursopdracht"),
        ("bestuursopdracht.start", "noem eens een paar criteria voor een bestuursopdracht"),
        ("bestuursopdracht.vraag_criteria", "welke criteria gelden er voor een bestuursopdracht?"),
        ("bestuursopdracht.start", "wat zijn de criteria van een bestuursopdracht"),
    ],
)
async def test_criteria_question_lists_the_criteria_and_offers_the_check(
    gesprek: TestGesprek, kennisbank: Kennisbank, intentie: str, vraag: str, met_intentie
) -> None:
    gesprek.als = "marcel-kossen"
    met_intentie(intentie)
    antwoorden = await gesprek.stuur(vraag)
    met_intentie(None)
    tekst = tekst_van(antwoorden)
    kader = kennisbank.bestanden.bestuursopdracht
    for criterium in kader.criteria:
        assert criterium.tekst in tekst
    assert "Gelden er 4 of meer, dan is een bestuursopdracht nodig" in tekst
    assert f"Bron: {kennisbank.bron_tekst(kader.criteria[0].bron)}" in tekst
    assert "Om welke opdracht gaat het?" not in tekst.met_knoppen
    assert not any(b.get("attachments") for b in antwoorden)  # no check card
    knop = _knoppen(antwoorden)[0]
    assert knop["title"] == TEKSTEN.tekst("bestuursopdracht.criteria_knop")
    # The check was not started: the next question is answered as a new question.
    volgende = tekst_van(await gesprek.stuur("wie is ambtelijk opdrachtgever voor de sociale agenda?"))
    assert "Marcel Kossen" in volgende
    # The button starts the check.
    gestart = tekst_van(await gesprek.stuur(knop["value"]))
    assert "Om welke opdracht gaat het?" in gestart


async def test_check_request_with_a_name_starts_the_check_for_that_opdracht(gesprek: TestGesprek, met_intentie) -> None:
    gesprek.als = "marcel-kossen"
    met_intentie("bestuursopdracht.start")  # the classifier gives no regex group: the name comes from the text
    antwoorden = await gesprek.stuur("kun je checken of de herinrichting van het marktplein een bestuursopdracht moet worden?")
    kaart = kaart_van(antwoorden)
    assert "De herinrichting van het marktplein" in tekst_van([{"attachments": [{"content": kaart}]}])


async def test_threshold_question_is_answered_not_started(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("vanaf hoeveel criteria is een bestuursopdracht nodig?"))
    assert "gelden 4 of meer criteria, dan is een bestuursopdracht nodig" in tekst
    assert "Om welke opdracht gaat het?" not in tekst.met_knoppen


async def test_criteria_intent_that_asks_for_the_check_starts_it(gesprek: TestGesprek, met_intentie) -> None:
    gesprek.als = "marcel-kossen"
    met_intentie("bestuursopdracht.vraag_criteria")
    tekst = tekst_van(await gesprek.stuur("check de criteria voor een bestuursopdracht"))
    assert "Om welke opdracht gaat het?" in tekst


@pytest.mark.parametrize(
    "vraag",
    [
        "ik wil graag checken of ik een bestuursopdracht nodig heb",
        "kun je nagaan of ons nieuwe project een bestuursopdracht wordt",
    ],
)
async def test_a_check_request_naming_only_vague_words_asks_for_the_opdracht(
    gesprek: TestGesprek, vraag: str, met_intentie
) -> None:
    gesprek.als = "marcel-kossen"
    met_intentie("bestuursopdracht.start")  # "ik" and "ons nieuwe project" are read as the name, but name nothing
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert "Om welke opdracht gaat het?" in tekst, tekst
