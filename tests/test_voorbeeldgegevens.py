"""Issue 16 point 5 — honest sources: invented data (bron `voorbeeld`, or a document marked
`voorbeeld: true`) is never shown under a real document's source alone; it is labelled."""

from __future__ import annotations

import pytest

from kennisbank.kennisbank import Kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)


def test_the_example_marks_its_invented_document(kennisbank: Kennisbank):
    bram = kennisbank.persoon("bram-de-wit")
    assert kennisbank.is_voorbeeld(bram.bron)
    assert not kennisbank.is_voorbeeld(kennisbank.onderwerpen["jeugdagenda"].bron)


async def test_an_invented_delegate_is_labelled_beside_the_real_source(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.wie")
    tekst = tekst_van(await gesprek.stuur("wie is opdrachtgever van de jeugdagenda?"))
    regel = next(r for r in tekst.splitlines() if "Bram de Wit" in r)
    assert "verzonnen voorbeeldpersoon" in regel, tekst
    bron = next(r for r in tekst.splitlines() if r.startswith("_Bron:"))
    assert "Deventer" in bron and "Fictieve voorbeeldgegevens" in bron, bron
    echte = next(r for r in tekst.splitlines() if "Marcel Kossen" in r)
    assert "verzonnen" not in echte


async def test_an_invented_persons_portfolio_is_labelled(gesprek: TestGesprek, met_intentie):
    met_intentie("opdrachtgever.persoon")
    tekst = tekst_van(await gesprek.stuur("waar is Bram de Wit opdrachtgever van?"))
    assert "verzonnen voorbeeldpersoon" in tekst and "Fictieve voorbeeldgegevens" in tekst, tekst


@pytest.mark.beide_kennisbanken
async def test_invented_holders_of_real_onderwerpen_are_labelled_on_every_example(
    gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie
):
    """An onderwerp from a real document with an invented opdrachtgever: that person is labelled, and
    the source line names the invented data next to the real document."""

    def verzonnen_houder(onderwerp):
        for rol in ("gedelegeerd", "ambtelijk"):
            persoon = kennisbank.persoon(onderwerp.opdrachtgever_op(rol, voorbeelden.dag))
            if persoon is not None and kennisbank.is_voorbeeld(persoon.bron):
                return persoon
        return None

    onderwerp = voorbeelden.onderwerp(lambda o: not kennisbank.is_voorbeeld(o.bron) and verzonnen_houder(o) is not None)
    persoon = verzonnen_houder(onderwerp)
    met_intentie("opdrachtgever.wie")
    tekst = tekst_van(await gesprek.stuur(f"wie is opdrachtgever van {onderwerp.naam}?"))
    regel = next(r for r in tekst.splitlines() if persoon.naam in r)
    assert "verzonnen voorbeeldpersoon" in regel, tekst
    bron = next(r for r in tekst.splitlines() if "Bron:" in r)
    echt = kennisbank.documenten[onderwerp.bron.document]
    assert echt.titel in bron and "Fictieve voorbeeldgegevens" in bron, bron


@pytest.mark.beide_kennisbanken
@pytest.mark.parametrize("met_wethouder", [True, False])
async def test_the_bestuurlijk_answer_labels_invented_people_on_every_example(
    gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie, met_wethouder
):
    """Who is named in the bestuurlijk answer (the wethouder, or the AO who knows): when invented,
    labelled, and the invented data is in the source line next to the real document."""
    onderwerp = voorbeelden.met_bestuurlijk() if met_wethouder else voorbeelden.zonder_bestuurlijk()
    persoon = voorbeelden.bestuurlijk(onderwerp) if met_wethouder else voorbeelden.ao(onderwerp)
    met_intentie("opdrachtgever.bestuurlijk")
    tekst = tekst_van(await gesprek.stuur(f"welke wethouder gaat over {onderwerp.naam}?"))
    regel = next(r for r in tekst.splitlines() if persoon.naam in r)
    bron = next(r for r in tekst.splitlines() if "Bron:" in r)
    verzonnen = kennisbank.is_voorbeeld(persoon.bron)
    assert ("verzonnen voorbeeldpersoon" in regel) == verzonnen, tekst
    assert ("Fictieve voorbeeldgegevens" in bron) == (verzonnen or kennisbank.is_voorbeeld(onderwerp.bron)), bron
