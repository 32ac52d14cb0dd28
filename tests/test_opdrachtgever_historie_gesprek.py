"""Chat about dates and history (issue 12) through the turn pipeline: a day, since when, who was it
before, what changed at a reorganisation; a question without a date means today."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TestGesprek, tekst_van
from tests.kennis_voorbeelden import datum_tekst
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)


async def test_who_was_it_on_a_day(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("welke wethouder had besturen en ontwikkelen op 1 maart 2023?"))
    assert (
        "Op 1 maart 2023 was **Sanne Mulder** (Wethouder _(verzonnen voorbeeldpersoon)_) bestuurlijk opdrachtgever van **Besturen & ontwikkelen**"
        in tekst
    )
    assert "fictieve herverdeling 1 januari 2024" in tekst  # the source is the invented example, not the document
    tekst = tekst_van(await gesprek.stuur("wie was gedelegeerd opdrachtgever van de duurzaamheidsagenda op 1 maart 2023"))
    assert "**Bram de Wit**" in tekst and "Lotte Jansen" not in tekst.met_knoppen


async def test_since_when_and_before(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("sinds wanneer is Ruben Hoekstra portefeuillehouder van besturen en ontwikkelen?"))
    assert "**Ruben Hoekstra** is bestuurlijk opdrachtgever van **Besturen & ontwikkelen** sinds 1 januari 2024." in tekst
    tekst = tekst_van(await gesprek.stuur("wie was hiervoor gedelegeerd opdrachtgever van de duurzaamheidsagenda?"))
    assert (
        "Vóór **Lotte Jansen** was **Bram de Wit** (Adjunct-directeur _(verzonnen voorbeeldpersoon)_) gedelegeerd opdrachtgever van **Duurzaamheidsagenda**, tot en met 31 december 2023."
        in tekst
    )
    tekst = tekst_van(await gesprek.stuur("sinds wanneer is Marcel Kossen opdrachtgever van de jeugdagenda"))
    assert "sinds 21 juni 2011" in tekst


async def test_what_changed_at_the_reorganisation(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wat veranderde er bij de herverdeling van 1 januari?"))
    assert "Op 1 januari 2024 veranderde:" in tekst
    assert "- **Besturen & ontwikkelen**, bestuurlijk opdrachtgever: Sanne Mulder → Ruben Hoekstra" in tekst
    assert "- **Duurzaamheidsagenda**, gedelegeerd opdrachtgever: Bram de Wit → Lotte Jansen" in tekst
    tekst = tekst_van(await gesprek.stuur("wat veranderde er op 1 januari 2025?"))
    assert "geen wisseling van opdrachtgevers op 1 januari 2025" in tekst


async def test_without_a_date_it_is_today(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wie is de portefeuillehouder van BDO?"))
    assert "Sanne Mulder" in tekst and "Ruben Hoekstra" not in tekst.met_knoppen


@pytest.mark.parametrize(
    ("vraag", "verwacht"),
    [
        (
            "wie was ambtelijk opdrachtgever voor de duurzaamheidsagenda op 1 maart 2024?",
            "Op 1 maart 2024 was **Flora van Houwelingen**",
        ),
        ("wat veranderde er bij de herverdeling van 1 januari?", "Op 1 januari 2024 veranderde:"),
        ("sinds wanneer is Ruben Hoekstra wethouder voor besturen en ontwikkelen?", "sinds 1 januari 2024"),
    ],
)
async def test_the_real_recogniser_routes_history_questions(gesprek: TestGesprek, vraag: str, verwacht: str):
    assert verwacht in tekst_van(await gesprek.stuur(vraag))


async def test_the_bestuurlijk_answer_names_the_invented_wethouder_as_such(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.bestuurlijk")
    tekst = tekst_van(await gesprek.stuur("welke wethouder gaat over besturen en ontwikkelen?"))
    assert "**Ruben Hoekstra**, Wethouder _(verzonnen voorbeeldpersoon)_" in tekst
    assert "Sanne Mulder" not in tekst.met_knoppen  # today's holder, not the one before the herverdeling


def _wissel(kennisbank):
    """The first past holder in the data: onderwerp, the history entry, and who holds the role today."""
    for onderwerp in kennisbank.bestanden.onderwerpen:
        for wissel in onderwerp.historie:
            opvolger = onderwerp.opdrachtgever_op(wissel.rol, wissel.tot + timedelta(days=1))
            if wissel.persoon and opvolger and opvolger == onderwerp.opdrachtgever_op(wissel.rol, None):
                return onderwerp, wissel, kennisbank.personen[wissel.persoon], kennisbank.personen[opvolger]
    raise AssertionError("geen historie in de voorbeeldkennisbank")


@pytest.mark.beide_kennisbanken
async def test_history_of_every_example(gesprek: TestGesprek, kennisbank, met_intentie):
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


# --- reverse lookups on the day asked, follow-ups about the previous answer (issue 12, leftovers d, e) ---


async def test_reverse_lookup_uses_the_day_asked(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.persoon")
    tekst = tekst_van(await gesprek.stuur("waar was Sanne Mulder op 1 maart 2023 opdrachtgever voor?"))
    assert "Op 1 maart 2023 was **Sanne Mulder**" in tekst
    assert "Besturen & ontwikkelen (bestuurlijk)" in tekst and "BDO" not in tekst.met_knoppen
    tekst = tekst_van(await gesprek.stuur("waar is Sanne Mulder opdrachtgever voor?"))  # no day: today
    assert "BDO (tijdelijk) (bestuurlijk)" in tekst and "Besturen & ontwikkelen" not in tekst.met_knoppen
    tekst = tekst_van(await gesprek.stuur("wat was Bram de Wit op 1 juni 2023 opdrachtgever voor"))
    assert "Duurzaamheidsagenda (gedelegeerd)" in tekst
    assert "Duurzaamheidsagenda" not in tekst_van(await gesprek.stuur("wat is Bram de Wit opdrachtgever voor")).met_knoppen


@pytest.mark.parametrize("intentie", ["opdrachtgever.wie", "opdrachtgever.vraag", None])
async def test_reverse_lookup_on_a_day_whatever_the_recogniser_says(gesprek: TestGesprek, met_intentie, intentie):
    met_intentie(intentie)
    tekst = tekst_van(await gesprek.stuur("waar was Sanne Mulder op 1 maart 2023 opdrachtgever voor?"))
    assert (
        "Op 1 maart 2023 was **Sanne Mulder**" in tekst and "Besturen & ontwikkelen" in tekst and "BDO" not in tekst.met_knoppen
    )


async def test_reverse_lookup_of_a_wethouder_on_a_day(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.bestuurlijk")
    tekst = tekst_van(await gesprek.stuur("waar was Ruben Hoekstra op 1 maart 2023 wethouder van?"))
    assert "Op 1 maart 2023 was **Ruben Hoekstra**" in tekst and "BDO (tijdelijk)" in tekst
    assert "Besturen & ontwikkelen" not in tekst.met_knoppen


def test_the_zoeker_answers_a_reverse_lookup_for_the_day_in_the_question(kennisbank):
    from datetime import date

    from kennisbank.zoeken import PersoonGevonden, Zoeker

    zoeker = Zoeker(kennisbank, vandaag=date(2026, 11, 22))
    antwoord = zoeker.beantwoord("waar was Sanne Mulder op 1 maart 2023 opdrachtgever voor")
    assert isinstance(antwoord, PersoonGevonden)
    assert [o.id for groep in antwoord.onderwerpen_per_soort.values() for o in groep] == ["besturen-en-ontwikkelen"]
    antwoord = zoeker.beantwoord("waar is Sanne Mulder opdrachtgever voor")
    assert [o.id for groep in antwoord.onderwerpen_per_soort.values() for o in groep] == ["bdo"]


async def test_before_that_without_a_name_is_about_the_previous_answer(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.bestuurlijk")
    assert "Sanne Mulder" in tekst_van(await gesprek.stuur("wie is de wethouder van BDO?"))
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wie was het hiervoor?"))
    assert (
        "Vóór **Sanne Mulder** was **Ruben Hoekstra**" in tekst
        and "bestuurlijk opdrachtgever van **BDO (tijdelijk)**, tot en met 31 december 2023" in tekst
    )
    tekst = tekst_van(await gesprek.stuur("en daarvoor?"))  # one step further back
    assert "**Ruben Hoekstra** is de eerste bestuurlijk opdrachtgever van **BDO (tijdelijk)** die de kennisbank kent." in tekst
    # another onderwerp named: from then on the follow-ups are about that one, in its role
    met_intentie("opdrachtgever.wie")
    assert "Lotte Jansen" in tekst_van(await gesprek.stuur("wie is gedelegeerd opdrachtgever van de duurzaamheidsagenda?"))
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("en wie was het daarvoor"))
    assert "Vóór **Lotte Jansen** was **Bram de Wit**" in tekst and "**Duurzaamheidsagenda**" in tekst
    tekst = tekst_van(await gesprek.stuur("sinds wanneer?"))
    assert "**Lotte Jansen** is gedelegeerd opdrachtgever van **Duurzaamheidsagenda** sinds 1 januari 2024." in tekst


async def test_before_that_without_any_onderwerp_in_the_conversation_says_so(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wie was het hiervoor?"))
    assert "In dit gesprek is nog geen onderwerp genoemd" in tekst


async def test_follow_up_with_the_real_recogniser(gesprek: TestGesprek):
    assert "Sanne Mulder" in tekst_van(await gesprek.stuur("wie is de portefeuillehouder van BDO?"))
    assert "Vóór **Sanne Mulder** was **Ruben Hoekstra**" in tekst_van(await gesprek.stuur("wie was het hiervoor?"))


@pytest.mark.beide_kennisbanken
async def test_reverse_lookup_and_follow_up_on_every_example(gesprek: TestGesprek, kennisbank, met_intentie):
    onderwerp, wissel, oud, nieuw = _wissel(kennisbank)
    dag = datum_tekst(wissel.tot)
    met_intentie("opdrachtgever.persoon")
    tekst = tekst_van(await gesprek.stuur(f"waar was {oud.naam} op {dag} opdrachtgever voor?"))
    assert f"Op {dag} was **{oud.naam}**" in tekst and onderwerp.naam in tekst
    met_intentie("opdrachtgever.wie")
    assert nieuw.naam in tekst_van(await gesprek.stuur(f"wie is {wissel.rol} opdrachtgever van {onderwerp.naam}?"))
    met_intentie("opdrachtgever.historie")
    tekst = tekst_van(await gesprek.stuur("wie was het hiervoor?"))
    assert f"Vóór **{nieuw.naam}** was **{oud.naam}**" in tekst and f"**{onderwerp.naam}**" in tekst
