"""Issue 13: the bestuursopdracht check forgives, through the turn pipeline:
"stop" keeps the answers and the next start continues; "weet ik niet"; "terug"; "vraag 2 moest nee
zijn"; natural ja/nee; a command at the name prompt is a command; a stray "2" is not a note; and
with the card open in Teams, a typed answer continues in the chat while another question is routed."""

from __future__ import annotations

import pytest

from dialogen.teksten import Teksten
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import ALS, aantal_checks, alle_checks, invulling, kaart_van

KNOP_WEET_NIET = "Weet ik niet"


@pytest.fixture
def console(bot_client, kennisbank) -> TestGesprek:
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = ALS
    return gesprek


async def test_stop_bewaart_de_antwoorden_en_de_volgende_start_gaat_verder(console, services):
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    for antwoord in ("ja", "ja", "nee"):
        await console.stuur(antwoord)
    gestopt = tekst_van(await console.stuur("stop"))
    assert "Je antwoorden voor **Nieuwbouw zwembad** heb ik bewaard" in gestopt
    assert await aantal_checks(services) == 0
    assert "Er loopt nu niets" in tekst_van(await console.stuur("stop"))
    verder = tekst_van(await console.stuur("bestuursopdracht check"))
    assert "Vraag 4 van 13" in verder
    assert Teksten.laad().tekst("formulier.hervat", aantal=3) in verder  # it says it continues
    for _ in range(4, 14):
        await console.stuur("nee")
    resultaat = tekst_van(await console.stuur("Geen notitie"))
    assert "gelden 2 van de 13 criteria" in resultaat
    [check] = await alle_checks(services)
    assert [a["geldt"] for a in check.antwoorden][:3] == [True, True, False]
    opnieuw = tekst_van(await console.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    assert "Vraag 1 van 13" in opnieuw  # finished: nothing parked any more


async def test_weet_ik_niet_terug_correctie_en_natuurlijk_ja_nee(console, services):
    eerste = await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    assert KNOP_WEET_NIET in [a["title"] for a in eerste[-1]["suggestedActions"]["actions"]]
    assert "Vraag 2 van 13" in tekst_van(await console.stuur("weet ik niet"))
    assert "Vraag 1 van 13" in tekst_van(await console.stuur("terug"))
    assert "Vraag 2 van 13" in tekst_van(await console.stuur("nee hoor"))
    assert "Vraag 3 van 13" in tekst_van(await console.stuur("klopt"))
    correctie = tekst_van(await console.stuur("oeps, vraag 2 moest nee zijn"))
    assert "Vraag 2 is aangepast: **Nee**" in correctie and "Vraag 3 van 13" in correctie
    assert "Vraag 4 van 13" in tekst_van(await console.stuur("ja, er zijn veel partijen bij betrokken"))
    assert "Vraag 5 van 13" in tekst_van(await console.stuur("welnee"))
    assert "Vraag 6 van 13" in tekst_van(await console.stuur("weet niet zeker"))
    assert "Antwoord met **ja** of **nee**" in tekst_van(await console.stuur("paarse olifant"))
    for _ in range(6, 14):
        await console.stuur("nee")
    assert "Dat lijkt een antwoord op een vraag" in tekst_van(await console.stuur("2"))
    resultaat = tekst_van(await console.stuur("Geen notitie"))
    assert "**Weet je nog niet (1):**" in resultaat
    [check] = await alle_checks(services)
    assert [n for n, a in enumerate(check.antwoorden, 1) if a["geldt"]] == [3]  # only "ja, er zijn veel partijen"


async def test_een_commando_bij_de_naamvraag_is_een_commando(console, services):
    await console.stuur("bestuursopdracht check")
    antwoord = tekst_van(await console.stuur("mijn checks"))
    assert "nog geen bestuursopdracht-checks" in antwoord
    assert "Vraag 1 van" not in tekst_van(await console.stuur("hallo")).met_knoppen
    assert await aantal_checks(services) == 0


async def test_getypt_antwoord_terwijl_de_kaart_open_is(gesprek: TestGesprek, services):
    gesprek.als = ALS
    kaart = kaart_van(await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    vraag = tekst_van(await gesprek.stuur("ja"))
    assert "Vraag 2 van 13" in vraag  # the chat takes over from the card
    await gesprek.stuur(waarde=invulling(kaart, 4))  # the card still works and ends the typed check
    assert await aantal_checks(services) == 1
    assert "Er loopt nu niets" in tekst_van(await gesprek.stuur("stop"))


async def test_andere_vraag_terwijl_de_kaart_open_is(gesprek: TestGesprek, services):
    gesprek.als = ALS
    kaart = kaart_van(await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    antwoord = tekst_van(await gesprek.stuur("wie is de ambtelijk opdrachtgever van binnenstad?"))
    assert "Binnenstad" in antwoord and "Antwoord met" not in antwoord.met_knoppen
    await gesprek.stuur(waarde=invulling(kaart, 0))
    assert await aantal_checks(services) == 1


async def test_hulp_en_stop_terwijl_de_kaart_open_is(gesprek: TestGesprek, services):
    gesprek.als = ALS
    kaart_van(await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    hulp = tekst_van(await gesprek.stuur("help"))
    assert "Bestuursopdracht nodig?" in hulp and "Vraag 1 van" not in hulp.met_knoppen  # the card is the question
    gestopt = tekst_van(await gesprek.stuur("stop"))
    assert "gestopt" in gestopt and "bewaard" not in gestopt.met_knoppen  # nothing was typed in the chat
    assert kaart_van(await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad"))  # a fresh card
