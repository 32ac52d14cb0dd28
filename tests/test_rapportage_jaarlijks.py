"""Issue 16 point 2 — rapportage periods as data that never expire: yearly rules (peildatum as
month-day, opening, deadline and reminders relative to it), any kinds with the words users say,
dated periods beside them. Through the turn pipeline with the clock in 2026, 2027 and 2031."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError

from bot.services import TIJDZONE
from kennisbank.rapportage import Rapportage
from tests.conftest import Klok, TestGesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

BRON = {"document": "x", "sectie": "1"}


def _data(**extra) -> dict:
    """A shape unlike the example: voorjaarsnota, najaarsnota and slotwijziging, three a year."""
    regel = lambda id_, naam, peil, dl, aliassen: {  # noqa: E731
        "id": id_,
        "naam": naam,
        "aliassen": aliassen,
        "peildatum": peil,
        "deadline": dl,
        "bron": BRON,
    }
    return {
        "statussen": [{"id": "op-koers", "naam": "Op koers", "uitleg": "goed", "ernst": 0, "bron": BRON}],
        "bedragen": {"maximum": 1000, "bron": BRON},
        "jaarlijks": [
            regel("voorjaarsnota", "Voorjaarsnota {jaar}", "03-01", 30, ["voorjaar", "vjn"]),
            regel("najaarsnota", "Najaarsnota {jaar}", "09-01", 30, ["najaar", "njn"]),
            regel("slotwijziging", "Slotwijziging {jaar}", "12-01", 20, ["slot", "slotwijziging"]),
        ],
        **extra,
    }


def _rapportage(**extra) -> Rapportage:
    return Rapportage.model_validate(_data(**extra))


def test_any_kinds_any_number_a_year_found_by_their_words():
    rapportage = _rapportage()
    assert rapportage.zoek_periode("overzicht najaarsnota 2026").id == "najaarsnota-2026"
    assert rapportage.zoek_periode("overzicht njn 2031").naam == "Najaarsnota 2031"
    assert rapportage.zoek_periode("hoe staat de slotwijziging ervoor", date(2040, 12, 10)).id == "slotwijziging-2040"
    assert rapportage.open_periode(date(2055, 12, 15)).id == "slotwijziging-2055"
    assert rapportage.open_periode(date(2055, 12, 25)) is None
    assert rapportage.volgende_periode(date(2055, 12, 25)).id == "voorjaarsnota-2056"
    assert rapportage.vorige_periode(rapportage.periode("voorjaarsnota-2056")).id == "slotwijziging-2055"
    assert rapportage.periode("najaarsnota-2099").deadline == date(2099, 10, 1)
    assert rapportage.periode("lente-2026") is None and rapportage.zoek_periode("iets anders") is None


def test_a_dated_period_replaces_that_years_rule():
    uitzondering = {
        "id": "najaarsnota-2027",
        "naam": "Najaarsnota 2027 (later)",
        "soort": "najaarsnota",
        "peildatum": "2027-09-15",
        "deadline": "2027-10-31",
        "bron": BRON,
    }
    rapportage = _rapportage(perioden=[uitzondering])
    assert rapportage.open_periode(date(2027, 10, 20)).naam == "Najaarsnota 2027 (later)"
    assert rapportage.zoek_periode("najaarsnota 2027").deadline == date(2027, 10, 31)
    assert rapportage.open_periode(date(2028, 9, 20)).naam == "Najaarsnota 2028"


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"peildatum": "13-01"}, "geen maand en dag"),
        ({"naam": "Najaarsnota"}, "{jaar}"),
        ({"deadline": -3}, "deadline"),
        ({"herinneringen": [40]}, "buiten de periode"),
        ({"deadline": 200}, "overlappen"),
    ],
)
def test_wrong_yearly_rules_are_refused_in_dutch(wijziging, melding):
    data = _data()
    data["jaarlijks"][1] |= wijziging
    with pytest.raises(ValidationError, match=melding.replace("{", r"\{").replace("}", r"\}")):
        Rapportage.model_validate(data)


def _kaarttekst(activiteiten: list[dict]) -> str:
    return json.dumps([a.get("attachments") for a in activiteiten], ensure_ascii=False)


@pytest.mark.parametrize(
    ("moment", "periode"),
    [
        (datetime(2026, 4, 10, 9), "Lenterapportage 2026"),
        (datetime(2027, 10, 20, 9), "Herfstrapportage 2027"),
        (datetime(2031, 4, 10, 9), "Lenterapportage 2031"),
    ],
)
async def test_the_example_opens_every_year(gesprek: TestGesprek, klok: Klok, moment: datetime, periode: str):
    klok.zet(moment.replace(tzinfo=TIJDZONE))
    gesprek.als = "marcel-kossen"
    antwoord = await gesprek.stuur("statusupdate jeugdagenda")
    assert periode in _kaarttekst(antwoord) + tekst_van(antwoord)


async def test_no_period_open_says_what_you_can_do(gesprek: TestGesprek, klok: Klok):
    klok.zet(datetime(2031, 12, 20, 9, tzinfo=TIJDZONE))
    tekst = tekst_van(await gesprek.stuur("statusupdate", als="marcel-kossen"))
    assert "De volgende is de **Lenterapportage 2032**: doorgeven kan van 1 april 2032 tot en met 8 mei 2032" in tekst
    assert "het overzicht van de **Herfstrapportage 2031** bekijken" in tekst
    assert "controller" in tekst


async def test_overview_of_a_period_named_by_its_words(gesprek: TestGesprek, klok: Klok, met_intentie):
    met_intentie("rapportage.overzicht")
    klok.zet(datetime(2031, 5, 1, 9, tzinfo=TIJDZONE))
    tekst = tekst_van(await gesprek.stuur("overzicht najaar 2030", als="noor-visser"))
    assert "**Herfstrapportage 2030**" in tekst
    tekst = tekst_van(await gesprek.stuur("overzicht voorjaarsrapportage", als="noor-visser"))
    assert "**Lenterapportage 2031**" in tekst


async def test_facts_about_a_far_year(gesprek: TestGesprek, klok: Klok, met_intentie):
    met_intentie("rapportage.vraag")
    klok.zet(datetime(2031, 1, 5, 9, tzinfo=TIJDZONE))
    tekst = tekst_van(await gesprek.stuur("wanneer is de deadline van het voorjaar?"))
    assert "De deadline van de **Lenterapportage 2031** is **8 mei 2031**" in tekst


@pytest.mark.beide_kennisbanken
@pytest.mark.parametrize("jaar", [2027, 2031])
async def test_every_example_opens_every_year(gesprek: TestGesprek, klok: Klok, kennisbank, voorbeelden, jaar: int):
    """Each yearly rule of each example gives that year's period, far ahead: the examples never expire."""
    onderwerp = voorbeelden.onderwerp()
    gesprek.als = voorbeelden.ao(onderwerp).id
    for regel in kennisbank.bestanden.rapportage.jaarlijks:
        maand, dag = regel.peildatum
        klok.zet(datetime(jaar, maand, dag, 9, tzinfo=TIJDZONE) + timedelta(days=max(regel.open_vanaf, 0) + 1))
        antwoord = await gesprek.stuur(f"statusupdate {onderwerp.naam}")
        assert regel.naam.format(jaar=jaar) in _kaarttekst(antwoord) + tekst_van(antwoord)
