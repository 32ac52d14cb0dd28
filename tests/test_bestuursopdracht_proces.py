"""How a bestuursopdracht comes about, and the criteria asked for without the check, through the
real turn pipeline on both example kennisbanken.

"wie stelt een bestuursopdracht op / in welk overleg / wie besluit / hoe lang duurt het" is answered
from the kennisbank's question `proces` (intent `bestuursopdracht.vraag_proces`): every step with
its quote and source, and what the sources do not say (`niet_in_bronnen`), instead of the criteria,
the threshold or the ambtelijk opdrachtgever. A check word that is negated ("alleen de criteria,
geen check") lists the criteria instead of starting the check (`criteria.vraagt_check`). The facts
come from the data, so these tests hold for any kennisbank; the questions are written for them."""

from __future__ import annotations

import pytest

from dialogen.bestuursopdracht.criteria import vraagt_check
from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.teksten import Teksten
from tests.conftest import TestGesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
TEKSTEN = Teksten.laad()
CRITERIA_KOP = TEKSTEN.tekst("bestuursopdracht.criteria_kop")
CHECK_VRAAG = "Om welke opdracht gaat het?"


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
@pytest.mark.parametrize(
    "vraag",
    [
        "hoe loopt zo'n bestuursopdracht eigenlijk, van schrijven tot besluit?",
        "bij welk overleg moet ik zijn om een bestuursopdracht te laten bespreken",
        "hoe lang duurt het ongeveer voordat een bestuursopdracht vastgesteld is",
    ],
)
async def test_a_process_question_gets_the_steps_with_their_sources_and_what_the_sources_do_not_say(
    gesprek: TestGesprek, kennisbank, vraag: str
) -> None:
    kader = kennisbank.bestanden.bestuursopdracht
    proces = kader.vraag("proces")
    assert proces is not None and proces.niet_in_bronnen
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert proces.vraag in tekst, tekst
    for stap in proces.antwoord:
        assert stap.tekst in tekst and kennisbank.bron_tekst(stap.bron) in tekst, (vraag, stap.tekst)
    assert proces.niet_in_bronnen in tekst  # said honestly, not guessed
    assert CRITERIA_KOP not in tekst and kader.criteria[0].tekst not in tekst  # not the criteria
    assert kader.drempel.keuze not in tekst  # nor the threshold
    assert CHECK_VRAAG not in tekst.met_knoppen


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
@pytest.mark.parametrize(
    "vraag",
    [
        "geef alleen de criteria voor een bestuursopdracht, geen check",
        "de criteria zonder de toets graag",
        "noem de criteria maar start de check niet",
    ],
)
@pytest.mark.parametrize("intentie", [None, "bestuursopdracht.vraag_criteria", "bestuursopdracht.start"])
async def test_the_criteria_asked_without_the_check_are_listed_not_started(
    gesprek: TestGesprek, kennisbank, met_intentie, vraag: str, intentie: str | None
) -> None:
    """The classifier's own reading, and either intent it could give: the check word is negated."""
    met_intentie(intentie)
    antwoorden = await gesprek.stuur(vraag)
    met_intentie(None)
    tekst = tekst_van(antwoorden)
    kader = kennisbank.bestanden.bestuursopdracht
    assert CRITERIA_KOP in tekst and all(c.tekst in tekst for c in kader.criteria), tekst
    assert CHECK_VRAAG not in tekst.met_knoppen and not any(a.get("attachments") for a in antwoorden)  # no card
    # Nothing waits: the next message is a new question, not the opdracht's name.
    volgende = tekst_van(await gesprek.stuur("hoeveel criteria moeten gelden?"))
    assert kader.drempel.keuze.split()[0] in volgende and CHECK_VRAAG not in volgende


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_a_check_word_that_is_not_negated_still_starts_the_check(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie("bestuursopdracht.vraag_criteria")
    tekst = tekst_van(await gesprek.stuur("doe de check met me, niet alleen de criteria"))
    assert CHECK_VRAAG in tekst.met_knoppen and CRITERIA_KOP not in tekst


@pytest.mark.beide_kennisbanken
def test_vraagt_check_reads_a_negation_close_to_the_check_word(services, kennisbank) -> None:
    w = CheckWeergave(services.diensten, kennisbank.bestanden.bestuursopdracht)
    for tekst in ("bestuursopdracht check", "kun je checken of dit een bestuursopdracht is", "toets het nieuwe plan"):
        assert vraagt_check(tekst, w), tekst
    for tekst in ("alleen de criteria, geen check", "zonder de toets", "start de check niet", "ik hoef niet te testen"):
        assert not vraagt_check(tekst, w), tekst
