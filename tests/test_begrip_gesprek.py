"""Issue 11, the second blind set: general causes of wrong answers, each fixed and checked through
the real turn pipeline over HTTP (SQLite and PostgreSQL). The questions here are written for these
tests; none comes from the natural question set."""

from __future__ import annotations

from datetime import datetime

import pytest

from dialogen.opdrachtgever_historie import datum_tekst
from tests.conftest import Gesprek, tekst_van
from tests.vragen.natuurlijk.beoordeling import heeft_kaart

MOMENT = datetime.fromisoformat("2026-11-22T10:00:00+01:00")


@pytest.fixture(autouse=True)
def _herfst(klok):
    klok.zet(MOMENT)


# --- bestuursopdracht: a question about the criteria never starts the check ---------------------


@pytest.mark.parametrize(
    "vraag",
    [
        "hoe bepalen jullie of iets een bestuursopdracht wordt, welke criteria tellen?",
        "is 'resultaat onzeker' een criterium voor een bestuursopdracht?",
        "telt 'tijd en budget beperkt' als criterium voor een bestuursopdracht",
    ],
)
async def test_a_criteria_question_lists_the_criteria_and_starts_no_check(gesprek: Gesprek, kennisbank, vraag):
    antwoorden = await gesprek.stuur(vraag)
    assert not heeft_kaart(antwoorden, "bestuursopdracht-check"), tekst_van(antwoorden)
    tekst = tekst_van(antwoorden)
    eerste = kennisbank.bestanden.bestuursopdracht.criteria[0].tekst
    assert eerste in tekst


async def test_a_named_opdracht_still_starts_the_check(gesprek: Gesprek):
    antwoorden = await gesprek.stuur("moet de herinrichting van het havenkwartier een bestuursopdracht worden?")
    assert heeft_kaart(antwoorden, "bestuursopdracht-check") or "havenkwartier" in tekst_van(antwoorden).lower()


# --- history: a whole year ("in 2023") ----------------------------------------------------------


async def test_a_year_on_its_own_asks_who_held_the_role_that_year(gesprek: Gesprek, kennisbank):
    onderwerp = kennisbank.onderwerpen["besturen-en-ontwikkelen"]
    eerder = next(t for t in onderwerp.historie if t.rol == "bestuurlijk")
    vroeger = kennisbank.persoon(eerder.persoon).naam
    nu = kennisbank.persoon(onderwerp.bestuurlijk_opdrachtgever).naam
    tekst = tekst_van(await gesprek.stuur(f"welke wethouder had besturen en ontwikkelen in {eerder.tot.year}?"))
    assert vroeger in tekst and nu not in tekst
    tekst = tekst_van(await gesprek.stuur(f"en wie was het in {eerder.tot.year + 1}, de bestuurlijk opdrachtgever van besturen & ontwikkelen"))
    assert nu in tekst and vroeger not in tekst


async def test_a_year_names_the_holder_from_the_day_they_started(gesprek: Gesprek, kennisbank):
    onderwerp = kennisbank.onderwerpen["bdo"]
    eerder = next(t for t in onderwerp.historie if t.rol == "bestuurlijk")
    tekst = tekst_van(await gesprek.stuur(f"wie was in {eerder.vanaf.year} bestuurlijk opdrachtgever van BDO?"))
    assert kennisbank.persoon(eerder.persoon).naam in tekst
    assert datum_tekst(eerder.vanaf) in tekst
    assert "geen bestuurlijk opdrachtgever" not in tekst  # the part of the year before is left out
