"""A question that asks for a date, a frequency or a number gets the sentence that holds it, through
the turn pipeline with the real recogniser and router, on both example kennisbanken.

The question words ('wanneer', 'hoe vaak', 'hoeveel') are no search terms, and 'datum' or 'percentage'
are words the fact's sentence never uses; before `kennisbank.documenten.antwoordsoort` these got
"weet ik niet" or the sentence next to the fact."""

from __future__ import annotations

import pytest

from tests.conftest import TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN


async def test_welke_datum_citeert_de_gegevens_van_de_brief(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("welke datum staat er op de raadsinformatiebrief over de ambtelijke organisatie"))
    assert tekst.startswith("Uit *Raadsinformatiebrief 2014-089"), tekst
    assert ", sectie *Gegevens*:" in tekst and "9 september 2014" in tekst, tekst


async def test_welk_percentage_citeert_de_zin_met_het_percentage(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("welk percentage van het werk van sob past in een contract"))
    assert ", sectie *Denk na wat je wilt*:" in tekst, tekst
    assert "25 procent" in tekst, tekst


@pytest.mark.parametrize("kennisbank_map", [KENNISBANKEN["voorbeeld_cmt"]], ids=["voorbeeld_cmt"], indirect=True)
async def test_wanneer_citeert_de_datum_van_het_postscriptum(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("wanneer heeft het college de notitie zo doen we dat besproken"))
    assert tekst.startswith("Uit *Zo doen wij dat! Sturen en besturen in Zoetermeer* (Zoetermeer), sectie *Postscriptum"), tekst
    assert "20 maart 2012" in tekst, tekst


@pytest.mark.parametrize("kennisbank_map", [KENNISBANKEN["voorbeeld_cmt"]], ids=["voorbeeld_cmt"], indirect=True)
async def test_hoeveel_zonder_wie_citeert_het_getal_en_niet_de_onderwerpen_van_een_directeur(gesprek: TestGesprek) -> None:
    """'hoeveel directeuren': read as a lookup, it listed the onderwerpen of the first director; a
    passage with a number before 'directeuren' answers it. Counting a person's onderwerpen stays the
    lookup's."""
    tekst = tekst_van(await gesprek.stuur("hoeveel directeuren zijn er bij ons"))
    assert tekst.startswith("Uit *Zo doen wij dat! Sturen en besturen in Zoetermeer*"), tekst
    assert "drie directeuren" in tekst and "onderwerpen" not in tekst, tekst
    tekst = tekst_van(await gesprek.stuur("hoeveel onderwerpen heeft de directeur stad"))
    assert "is opdrachtgever voor" in tekst and "Uit *" not in tekst, tekst
