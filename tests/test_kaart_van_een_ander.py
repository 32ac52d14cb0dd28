"""Issue 10 item 2: in a group chat everyone sees a card, but only the person it was made for may
submit it. Another member's submit never uses up the owner's sleutel, never stores anything under
the wrong person, and never shows the owner's check (number, time, advice). Two users in one group
conversation, through the turn pipeline."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import invulling, kaart_van
from tests.test_rapportage_gesprek import kaarten, klik, versies

BOT = {"id": "28:sturingsbot", "name": "Sturingsbot"}
TAG = f"<at>{BOT['name']}</at>"
EIGENAAR, ANDER = "marcel-kossen", "bram-de-wit"  # both may submit for the jeugdagenda
GEWEIGERD = "Deze kaart is voor een collega gemaakt"


@pytest.fixture
def groep(bot_client, kennisbank) -> TestGesprek:
    return TestGesprek(bot_client, kennisbank, soort="groupChat", gesprek_id="19:meeting_groep@thread.v2")


async def vraag(groep: TestGesprek, als: str, tekst: str) -> list[dict]:
    """A message with the bot @mentioned, as a group chat requires."""
    return await groep.stuur(f"{TAG} {tekst}", als=als, entities=[{"type": "mention", "text": TAG, "mentioned": BOT}])


async def checks(services) -> list[BestuursopdrachtCheck]:
    async with services.sessies() as sessie:
        return list((await sessie.scalars(select(BestuursopdrachtCheck).order_by(BestuursopdrachtCheck.id))).all())


async def test_een_ander_kan_de_check_kaart_niet_versturen(groep, services, kennisbank):
    kaart = kaart_van(await vraag(groep, EIGENAAR, "bestuursopdracht check voor nieuwbouw zwembad"))
    assert "voor" in kaart["actions"][0]["data"]

    antwoord = tekst_van(await groep.stuur(waarde=invulling(kaart, 0), als=ANDER))
    assert GEWEIGERD in antwoord and "Advies" not in antwoord.met_knoppen
    assert await checks(services) == []

    antwoord = tekst_van(await groep.stuur(waarde=invulling(kaart, 5, notitie="van de eigenaar"), als=EIGENAAR))
    assert "**Advies: Bestuursopdracht nodig**" in antwoord
    [check] = await checks(services)
    assert (check.persoon_id, check.aantal_geldend, check.notitie) == (EIGENAAR, 5, "van de eigenaar")
    assert check.aad_object_id == kennisbank.persoon(EIGENAAR).aad_object_id

    # afterwards the other member still sees nothing of the owner's check through its sleutel
    for waarde in (invulling(kaart, 1), {**invulling(kaart, 0), "actie": "bestuursopdracht.annuleer"}):
        antwoord = tekst_van(await groep.stuur(waarde=waarde, als=ANDER))
        assert GEWEIGERD in antwoord
        assert f"nummer {check.id}" not in antwoord.met_knoppen and "Bestuursopdracht nodig" not in antwoord.met_knoppen
    assert len(await checks(services)) == 1


async def test_een_vervalste_eigenaar_gebruikt_de_sleutel_niet_op(groep, services, kennisbank):
    kaart = kaart_van(await vraag(groep, EIGENAAR, "bestuursopdracht check voor nieuwbouw zwembad"))
    vervalst = {**invulling(kaart, 0), "voor": kennisbank.persoon(ANDER).aad_object_id}
    antwoord = tekst_van(await groep.stuur(waarde=vervalst, als=ANDER))
    assert "Geen bestuursopdracht nodig" in antwoord  # stored as the sender's own check
    antwoord = tekst_van(await groep.stuur(waarde=invulling(kaart, 4), als=EIGENAAR))
    assert "**Advies: Bestuursopdracht nodig**" in antwoord and "al opgeslagen" not in antwoord.met_knoppen
    eerste, tweede = await checks(services)
    assert (eerste.persoon_id, eerste.aantal_geldend) == (ANDER, 0)
    assert (tweede.persoon_id, tweede.aantal_geldend) == (EIGENAAR, 4)
    # the owner's double click still finds the owner's own check
    assert "al opgeslagen" in tekst_van(await groep.stuur(waarde=invulling(kaart, 4), als=EIGENAAR))
    assert len(await checks(services)) == 2


async def test_een_kaart_zonder_eigenaar_telt_alleen_in_een_persoonlijk_gesprek(groep, gesprek, services):
    kaart = kaart_van(await vraag(groep, EIGENAAR, "bestuursopdracht check voor nieuwbouw zwembad"))
    oud = {k: v for k, v in invulling(kaart, 2).items() if k != "voor"}  # a card from before this change
    assert GEWEIGERD in tekst_van(await groep.stuur(waarde=oud, als=EIGENAAR))
    gesprek.als = EIGENAAR
    assert "Twijfel" in tekst_van(await gesprek.stuur(waarde=oud))
    assert len(await checks(services)) == 1


async def test_een_ander_kan_de_statusupdate_kaart_niet_versturen(groep, services):
    formulier = kaarten(await vraag(groep, EIGENAAR, "statusupdate jeugdagenda"))[0]
    invoer = {"status": "aandachtspunt", "toelichting": "Wachtlijst groeit"}
    antwoord = tekst_van(await groep.stuur(waarde=klik(formulier, "Controleren", **invoer), als=ANDER))
    assert GEWEIGERD in antwoord and "Klopt dit?" not in antwoord.met_knoppen

    samenvatting = kaarten(await groep.stuur(waarde=klik(formulier, "Controleren", **invoer), als=EIGENAAR))[0]
    antwoord = tekst_van(await groep.stuur(waarde=klik(samenvatting, "Bevestigen"), als=ANDER))
    assert GEWEIGERD in antwoord and "opgeslagen" not in antwoord.met_knoppen
    assert await versies(services, "jeugdagenda") == []

    assert "opgeslagen als versie 1" in tekst_van(await groep.stuur(waarde=klik(samenvatting, "Bevestigen"), als=EIGENAAR))
    [versie] = await versies(services, "jeugdagenda")
    assert (versie.ingediend_door, versie.toelichting) == (EIGENAAR, "Wachtlijst groeit")


async def test_een_ander_kan_de_snelle_knop_niet_gebruiken(groep, services):
    keuze = kaarten(await vraag(groep, EIGENAAR, "statusupdate"))[0]
    antwoord = tekst_van(await groep.stuur(waarde=klik(keuze, "Op koers", "jeugdagenda"), als=ANDER))
    assert GEWEIGERD in antwoord
    assert "Klopt dit?" in tekst_van(await groep.stuur(waarde=klik(keuze, "Op koers", "jeugdagenda"), als=EIGENAAR))


async def test_een_ander_beantwoordt_de_vraag_naar_de_opdracht_niet(groep, services):
    """The check's one text question in a group chat: a colleague's message is not taken as the answer
    (a colleague's question is answered in between, `dialogen.tussenvraag`)."""
    assert "Om welke opdracht gaat het?" in tekst_van(await vraag(groep, EIGENAAR, "bestuursopdracht check"))
    antwoord = tekst_van(await vraag(groep, ANDER, "Nieuwbouw sporthal"))
    assert "Ik wacht nog op het antwoord van de collega" in antwoord and "Om welke opdracht gaat het?" in antwoord
    antwoord = tekst_van(await vraag(groep, ANDER, "wie is opdrachtgever voor de jeugdagenda"))
    assert "Marcel Kossen" in antwoord and "Om welke opdracht gaat het?" in antwoord
    kaart = kaart_van(await vraag(groep, EIGENAAR, "Nieuwbouw zwembad"))
    assert "Nieuwbouw zwembad" in kaart["body"][0]["text"]
    await groep.stuur(waarde=invulling(kaart, 4), als=EIGENAAR)
    [check] = await checks(services)
    assert (check.persoon_id, check.opdracht) == (EIGENAAR, "Nieuwbouw zwembad")


@pytest.mark.parametrize("bezorging", ["normal", "expectReplies"])
async def test_een_kaart_van_een_ander_via_invoke_krijgt_de_weigering_als_antwoord(groep, services, connector, bezorging):
    """Teams' Action.Execute: the clicker sees the refusal as the invoke's answer (never "Verwerkt."),
    and the group chat gets no message about it."""
    formulier = kaarten(await vraag(groep, EIGENAAR, "statusupdate jeugdagenda"))[0]
    invoer = {"status": "aandachtspunt", "toelichting": "Wachtlijst groeit"}
    samenvatting = kaarten(await groep.stuur(waarde=klik(formulier, "Controleren", **invoer), als=EIGENAAR))[0]
    kaart = kaart_van(await vraag(groep, EIGENAAR, "bestuursopdracht check voor nieuwbouw zwembad"))
    for data in (klik(samenvatting, "Bevestigen"), invulling(kaart, 0)):
        activiteit = groep.activiteit(
            type="invoke",
            name="adaptiveCard/action",
            als=ANDER,
            serviceUrl=connector.url,
            deliveryMode=bezorging,
            value={"action": {"type": "Action.Execute", "data": data}},
        )
        status, body = await groep.post(activiteit)
        assert status == 200
        if bezorging == "expectReplies":  # the invoke response travels among the replies
            [antwoord] = [a["value"]["body"] for a in body["activities"] if a["type"] == "invokeResponse"]
            assert GEWEIGERD not in tekst_van([a for a in body["activities"] if a["type"] == "message"]).met_knoppen
        else:
            antwoord = body
        assert antwoord["statusCode"] == 200 and antwoord["value"].startswith(GEWEIGERD), antwoord
    assert not [a for a in connector.verstuurd if GEWEIGERD in (a.get("text") or "")]
    assert await versies(services, "jeugdagenda") == [] and await checks(services) == []
