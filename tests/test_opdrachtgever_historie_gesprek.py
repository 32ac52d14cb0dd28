"""Chat about dates and history (issue 12) through the turn pipeline: a day, since when, who was it
before, what changed at a reorganisation; a question without a date means today."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import Gesprek, tekst_van
from tests.kennis_voorbeelden import datum_tekst
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)


async def test_who_was_it_on_a_day(gesprek: Gesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("welke wethouder had besturen en ontwikkelen op 1 maart 2023?"))
    assert "Op 1 maart 2023 was **Sanne Mulder** (Wethouder _(verzonnen voorbeeldpersoon)_) bestuurlijk opdrachtgever van **Besturen & ontwikkelen**" in tekst
    assert "fictieve herverdeling 1 januari 2024" in tekst  # the source is the invented example, not the document
    tekst = tekst_van(await gesprek.stuur("wie was gedelegeerd opdrachtgever van de duurzaamheidsagenda op 1 maart 2023"))
    assert "**Bram de Wit**" in tekst and "Lotte Jansen" not in tekst


async def test_since_when_and_before(gesprek: Gesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("sinds wanneer is Ruben Hoekstra portefeuillehouder van besturen en ontwikkelen?"))
    assert "**Ruben Hoekstra** is bestuurlijk opdrachtgever van **Besturen & ontwikkelen** sinds 1 januari 2024." in tekst
    tekst = tekst_van(await gesprek.stuur("wie was hiervoor gedelegeerd opdrachtgever van de duurzaamheidsagenda?"))
    assert "Vóór **Lotte Jansen** was **Bram de Wit** (Adjunct-directeur _(verzonnen voorbeeldpersoon)_) gedelegeerd opdrachtgever van **Duurzaamheidsagenda**, tot en met 31 december 2023." in tekst
    tekst = tekst_van(await gesprek.stuur("sinds wanneer is Marcel Kossen opdrachtgever van de jeugdagenda"))
    assert "sinds 21 juni 2011" in tekst


async def test_what_changed_at_the_reorganisation(gesprek: Gesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wat veranderde er bij de herverdeling van 1 januari?"))
    assert "Op 1 januari 2024 veranderde:" in tekst
    assert "- **Besturen & ontwikkelen**, bestuurlijk opdrachtgever: Sanne Mulder → Ruben Hoekstra" in tekst
    assert "- **Duurzaamheidsagenda**, gedelegeerd opdrachtgever: Bram de Wit → Lotte Jansen" in tekst
    tekst = tekst_van(await gesprek.stuur("wat veranderde er op 1 januari 2025?"))
    assert "geen wisseling van opdrachtgevers op 1 januari 2025" in tekst


async def test_without_a_date_it_is_today(gesprek: Gesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wie is de portefeuillehouder van BDO?"))
    assert "Sanne Mulder" in tekst and "Ruben Hoekstra" not in tekst


@pytest.mark.parametrize(
    ("vraag", "verwacht"),
    [
        ("wie was ambtelijk opdrachtgever voor de duurzaamheidsagenda op 1 maart 2024?", "Op 1 maart 2024 was **Flora van Houwelingen**"),
        ("wat veranderde er bij de herverdeling van 1 januari?", "Op 1 januari 2024 veranderde:"),
        ("sinds wanneer is Ruben Hoekstra wethouder voor besturen en ontwikkelen?", "sinds 1 januari 2024"),
    ],
)
async def test_the_real_recogniser_routes_history_questions(gesprek: Gesprek, vraag: str, verwacht: str):
    assert verwacht in tekst_van(await gesprek.stuur(vraag))


async def test_the_bestuurlijk_answer_names_the_invented_wethouder_as_such(gesprek: Gesprek, met_intentie):
    met_intentie("opdrachtgever.bestuurlijk")
    tekst = tekst_van(await gesprek.stuur("welke wethouder gaat over besturen en ontwikkelen?"))
    assert "**Ruben Hoekstra**, Wethouder _(verzonnen voorbeeldpersoon)_" in tekst
    assert "Sanne Mulder" not in tekst  # today's holder, not the one before the herverdeling


def _wissel(kennisbank):
    """The first past holder in the data: onderwerp, the history entry, and who holds the role today."""
    for onderwerp in kennisbank.bestanden.onderwerpen:
        for wissel in onderwerp.historie:
            opvolger = onderwerp.opdrachtgever_op(wissel.rol, wissel.tot + timedelta(days=1))
            if wissel.persoon and opvolger and opvolger == onderwerp.opdrachtgever_op(wissel.rol, None):
                return onderwerp, wissel, kennisbank.personen[wissel.persoon], kennisbank.personen[opvolger]
    raise AssertionError("geen historie in de voorbeeldkennisbank")


@pytest.mark.beide_kennisbanken
async def test_history_of_every_example(gesprek: Gesprek, kennisbank, met_intentie):
    onderwerp, wissel, oud, nieuw = _wissel(kennisbank)
    dag, wisseldag = wissel.tot, wissel.tot + timedelta(days=1)
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur(f"wie was {wissel.rol} opdrachtgever van {onderwerp.naam} op {datum_tekst(dag)}?"))
    assert f"Op {datum_tekst(dag)} was **{oud.naam}**" in tekst and f"**{onderwerp.naam}**" in tekst
    tekst = tekst_van(await gesprek.stuur(f"sinds wanneer is {nieuw.naam} {wissel.rol} opdrachtgever van {onderwerp.naam}?"))
    assert f"sinds {datum_tekst(wisseldag)}" in tekst
    tekst = tekst_van(await gesprek.stuur(f"wat veranderde er op {datum_tekst(wisseldag)}?"))
    assert f"Op {datum_tekst(wisseldag)} veranderde:" in tekst
    assert f"- **{onderwerp.naam}**, {wissel.rol} opdrachtgever: {oud.naam} → {nieuw.naam}" in tekst
