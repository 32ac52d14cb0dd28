"""One criterium of the bestuursopdracht check explained, and the check's own facts asked while it
runs, through the real turn pipeline on both example kennisbanken.

"wat betekent het criterium X" / "wat bedoelen ze met <criterium>" gets that criterium (its words,
what it means, its source), not the bare list (`kennisbank.criteria`, `recordnamen.criteriumvraagherkenning`).
The threshold or a kader question asked while a check waits does not end with "typ bestuursopdracht
check" (`dialogen.tussenvraag.wachtende_dialoog`). Criteria and texts come from the data, so these
tests hold for any kennisbank; the questions are written for these tests."""

from __future__ import annotations

import pytest

from dialogen.teksten import Teksten
from kennisbank.criteria import genoemd_criterium
from tests.conftest import TestGesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
TEKSTEN = Teksten.laad()
VERWIJS = TEKSTEN.tekst("bestuursopdracht.verwijs_check")
VERDER_CHECK = TEKSTEN.tekst("formulier.verder_met", wat=TEKSTEN.tekst("bestuursopdracht.check_naam"))
CRITERIA_KOP = TEKSTEN.tekst("bestuursopdracht.criteria_kop")


@pytest.mark.beide_kennisbanken
def test_every_criterium_is_found_by_its_own_words_and_a_list_question_by_none(kennisbank):
    kader = kennisbank.bestanden.bestuursopdracht
    for criterium in kader.criteria:
        assert genoemd_criterium(kader, f"wat bedoelen ze met {criterium.tekst}") == criterium, criterium.id
    for vraag in ("welke criteria gelden voor een bestuursopdracht", "hoeveel criteria moeten gelden", "is het een criterium"):
        assert genoemd_criterium(kader, vraag) is None, vraag


@pytest.mark.beide_kennisbanken
def test_a_word_that_several_criteria_share_names_none_of_them(kennisbank):
    kader = kennisbank.bestanden.bestuursopdracht
    woorden = [set(c.tekst.lower().split()) for c in kader.criteria]
    gedeeld = sorted({w for i, a in enumerate(woorden) for b in woorden[i + 1 :] for w in a & b if len(w) > 3})
    assert gedeeld  # both examples have one ("karakter", "belang", ...)
    for woord in gedeeld:
        assert genoemd_criterium(kader, f"wat betekent {woord}") is None, woord


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_a_criterium_named_is_explained_with_its_source_not_listed(gesprek: TestGesprek, kennisbank):
    kader = kennisbank.bestanden.bestuursopdracht
    eerste, tweede, laatste = kader.criteria[0], kader.criteria[1], kader.criteria[-1]
    for vraag, criterium in (
        (f"wat betekent het criterium {eerste.tekst.lower()}?", eerste),
        (f"hoi, wat bedoelen ze eigenlijk met {tweede.tekst.lower()}", tweede),
        (f"{laatste.tekst.lower()}, wat houdt dat criterium in", laatste),
    ):
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert criterium.uitleg in tekst and kennisbank.bron_tekst(criterium.bron) in tekst, (vraag, tekst)
        anderen = [c.tekst for c in kader.criteria if c is not criterium and c.tekst not in criterium.tekst]
        assert not [a for a in anderen if a in tekst], (vraag, tekst)  # not the list
    lijst = tekst_van(await gesprek.stuur("welke criteria gelden er voor een bestuursopdracht?"))
    assert CRITERIA_KOP in lijst and all(c.tekst in lijst for c in kader.criteria)


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_the_threshold_asked_during_a_check_does_not_say_start_a_check(bot_client, kennisbank):
    los = TestGesprek(bot_client, kennisbank, kanaal="console")
    apart = tekst_van(await los.stuur("hoeveel criteria moeten gelden?"))
    assert kennisbank.bestanden.bestuursopdracht.drempel.keuze.split()[0] in apart and VERWIJS in apart
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    await gesprek.stuur("bestuursopdracht check")
    eerste = tekst_van(await gesprek.stuur("nieuwbouw sporthal oost"))
    tekst = tekst_van(await gesprek.stuur("hoeveel criteria moeten gelden?"))
    assert apart.removesuffix(VERWIJS).strip() in tekst, tekst  # the same answer ...
    assert VERWIJS not in tekst and "bestuursopdracht check" not in tekst.met_knoppen  # ... without pointing at a check
    assert VERDER_CHECK in tekst and eerste.splitlines()[-1] in tekst  # and the check asks its question again


@pytest.mark.beide_kennisbanken
def test_one_typed_word_close_to_two_words_of_a_criterium_is_one_word(kennisbank):
    """'nieuwe' is close to both 'nieuwe' and 'nieuw' of one criterium: still one short word, no criterium."""
    kader = kennisbank.bestanden.bestuursopdracht
    assert genoemd_criterium(kader, "check de criteria voor het nieuwe mobiliteitsplan") is None


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
@pytest.mark.parametrize("intentie", ["bestuursopdracht.vraag_criteria", "bestuursopdracht.start"])
async def test_checking_the_criteria_for_a_named_opdracht_starts_its_check(
    gesprek: TestGesprek, kennisbank, met_intentie, intentie
):
    met_intentie(intentie)
    antwoorden = await gesprek.stuur("check de criteria voor het nieuwe mobiliteitsplan")
    met_intentie(None)
    kaart = tekst_van([a for a in antwoorden if a.get("attachments")])
    assert "mobiliteitsplan" in kaart, tekst_van(antwoorden)  # the check card for that opdracht
    berichten = tekst_van([a for a in antwoorden if not a.get("attachments")])  # no criterium explained beside it
    assert not [c.uitleg for c in kennisbank.bestanden.bestuursopdracht.criteria if c.uitleg in berichten], berichten
