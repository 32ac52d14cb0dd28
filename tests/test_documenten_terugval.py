"""Issue 11: when the lookup finds no record at all for a question, the documents answer it if a
passage is above their threshold — quoted verbatim with document and section, never as an
opdrachtgever — and otherwise the honest "niet gevonden" stays, without a name or a quote.

Through the real turn pipeline over HTTP; the intent is fixed (`met_intentie`) so that the question
reaches the lookup whatever the classifier would make of it, which is the case this rule is for."""

from __future__ import annotations

import pytest

from tests.conftest import TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)


def noemt_persoon(tekst: str, kennisbank) -> bool:
    return any(p.naam in tekst for p in kennisbank.bestanden.personen)


def citaatregels(tekst: str) -> list[str]:
    return [regel[2:].rstrip("…").strip() for regel in tekst.split("\n") if regel.startswith("> ") and len(regel) > 12]


@pytest.mark.parametrize(
    ("intentie", "vraag", "sectie"),
    [
        ("opdrachtgever.wie", "wie doet bij ons eigenlijk de doelmatigheidsonderzoeken?", "2 Sturen op resultaten"),
        ("opdrachtgever.persoon", "wie is het hoofd van een afdeling middelen", "Sectoren en afdelingen"),
    ],
)
async def test_lookup_without_record_quotes_the_documents(
    gesprek: TestGesprek, kennisbank, services, met_intentie, intentie: str, vraag: str, sectie: str
) -> None:
    met_intentie(intentie)
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert tekst.startswith("Uit *") and f"sectie *{sectie}*:" in tekst.split("\n", 1)[0], tekst
    assert "Ik ken dat onderwerp niet" not in tekst and "Ik vind niemand met die naam" not in tekst
    assert "opdrachtgever:" not in tekst.lower() and not noemt_persoon(tekst.met_knoppen, kennisbank)
    # no invented text: every quoted line stands in a passage of the documents
    passages = [p.tekst for p in services.router.diensten.passages.passages]
    regels = citaatregels(tekst)
    assert regels and all(any(regel in p for p in passages) for regel in regels), regels


@pytest.mark.parametrize(
    ("intentie", "vraag"),
    [
        ("opdrachtgever.wie", "wie is de ambtelijk opdrachtgever van de kermis?"),
        ("opdrachtgever.bestuurlijk", "welke wethouder is bestuurlijk opdrachtgever voor de kermis?"),
        ("opdrachtgever.wie", "wie is er opdrachtgever voor het zwembad en de sporthal"),
    ],
)
async def test_unknown_topic_keeps_the_honest_answer_without_name_or_quote(
    gesprek: TestGesprek, kennisbank, met_intentie, intentie: str, vraag: str
) -> None:
    """The lookup's own words ("ambtelijk opdrachtgever") are not what is asked: a passage about
    opdrachtgevers in general does not answer a question about an onderwerp the kennisbank lacks."""
    met_intentie(intentie)
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert "Ik ken dat onderwerp niet" in tekst, tekst
    assert "Uit *" not in tekst.met_knoppen and "> " not in tekst.met_knoppen
    assert not noemt_persoon(tekst.met_knoppen, kennisbank)


async def test_named_onderwerp_still_gets_the_structured_answer(gesprek: TestGesprek, kennisbank, met_intentie) -> None:
    met_intentie("opdrachtgever.wie")
    onderwerp = kennisbank.bestanden.onderwerpen[0]
    tekst = tekst_van(await gesprek.stuur(f"wie gaat er over {onderwerp.naam.lower()}?"))
    ao = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
    assert f"**{onderwerp.naam}**" in tekst and ao is not None and ao.naam in tekst
    assert "Uit *" not in tekst


@pytest.mark.parametrize("kennisbank_map", [KENNISBANKEN["voorbeeld_cmt"]], ids=["voorbeeld_cmt"], indirect=True)
@pytest.mark.parametrize("intentie", ["opdrachtgever.lijst", "opdrachtgever.persoon"])
async def test_unsure_lookup_about_an_unknown_asker_quotes_a_passage_that_holds_the_question(
    gesprek: TestGesprek, kennisbank, met_intentie, intentie: str
) -> None:
    """'waar ben ik als afdelingshoofd verantwoordelijk voor' from someone the kennisbank doesn't know,
    read without confidence as a lookup of one's own onderwerpen: the passage about the afdelingshoofd
    answers it, not "Ik weet niet wie je bent". Sure of the lookup, that honest answer stays."""
    vraag = "waar ben ik als afdelingshoofd verantwoordelijk voor"
    met_intentie(intentie, zekerheid=0.3)
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert tekst.startswith("Uit *Zo doen wij dat! Sturen en besturen in Zoetermeer* (Zoetermeer), sectie *Afdelingshoofden*:"), (
        tekst
    )
    assert "Ik weet niet wie je bent" not in tekst and not noemt_persoon(tekst.met_knoppen, kennisbank)
    met_intentie(intentie, zekerheid=0.95)
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert tekst.startswith("Ik weet niet wie je bent"), tekst
