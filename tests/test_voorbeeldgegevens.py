"""Issue 16 point 5 — honest sources: invented data (bron `voorbeeld`, or a document marked
`voorbeeld: true`) is never shown under a real document's source alone; it is labelled."""

from __future__ import annotations

from kennisbank.kennisbank import Kennisbank
from tests.conftest import Gesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)


def test_the_example_marks_its_invented_document(kennisbank: Kennisbank):
    bram = kennisbank.persoon("bram-de-wit")
    assert kennisbank.is_voorbeeld(bram.bron)
    assert not kennisbank.is_voorbeeld(kennisbank.onderwerpen["jeugdagenda"].bron)


async def test_an_invented_delegate_is_labelled_beside_the_real_source(gesprek: Gesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.wie")
    tekst = tekst_van(await gesprek.stuur("wie is opdrachtgever van de jeugdagenda?"))
    regel = next(r for r in tekst.splitlines() if "Bram de Wit" in r)
    assert "verzonnen voorbeeldpersoon" in regel, tekst
    bron = next(r for r in tekst.splitlines() if r.startswith("_Bron:"))
    assert "Deventer" in bron and "Fictieve voorbeeldgegevens" in bron, bron
    echte = next(r for r in tekst.splitlines() if "Marcel Kossen" in r)
    assert "verzonnen" not in echte


async def test_an_invented_persons_portfolio_is_labelled(gesprek: Gesprek, met_intentie):
    met_intentie("opdrachtgever.persoon")
    tekst = tekst_van(await gesprek.stuur("waar is Bram de Wit opdrachtgever van?"))
    assert "verzonnen voorbeeldpersoon" in tekst and "Fictieve voorbeeldgegevens" in tekst, tekst
