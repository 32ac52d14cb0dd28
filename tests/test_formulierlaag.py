"""Issue 13, one form layer: the statusupdate's text questions and card inputs come from the same slots
(`dialogen.formulier`); the text path forgives as the check does (stop keeps, terug, numbers shown
where a number may be typed). Through the turn pipeline."""

from __future__ import annotations

from dialogen.rapportage.updateformulier import kaartslots
from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_gesprek import aantal, kaarten, versies


async def test_kaartvelden_komen_uit_de_slots(gesprek: TestGesprek, services):
    gesprek.als = "jelle-arentsen"
    kaart = kaarten(await gesprek.stuur("statusupdate binnenstad"))[0]
    velden = [e for e in kaart["body"] if e.get("type", "").startswith("Input.")]
    slots = kaartslots(services.diensten.teksten, services.kennisbank.bestanden.rapportage)
    assert [v["id"] for v in velden] == [s.naam for s in slots]
    status = velden[0]
    assert status["isRequired"] and status["wrap"] and status["value"] == "op-koers"  # wrapped, not cut off


async def test_stop_bewaart_de_statusupdate_in_de_chat(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "jelle-arentsen"
    await console.stuur("statusupdate binnenstad")
    await console.stuur("Afwijking")
    await console.stuur("Vertraging door bezwaren")
    gestopt = tekst_van(await console.stuur("stop"))
    assert "gestopt" in gestopt and "heb ik bewaard" in gestopt
    assert await aantal(services) == 0
    verder = tekst_van(await console.stuur("statusupdate binnenstad"))
    assert "ik ga verder waar je was" in verder and "financieel effect" in verder
    assert "Geef een korte toelichting" in tekst_van(await console.stuur("terug"))
    assert "financieel effect" in tekst_van(await console.stuur("Vertraging door bezwaren en beroep"))
    await console.stuur("Geen")
    assert "Klopt dit?" in tekst_van(await console.stuur("Extra juridische capaciteit"))
    assert "versie 1" in tekst_van(await console.stuur("klopt"))
    [rij] = await versies(services, "binnenstad")
    assert rij.toelichting == "Vertraging door bezwaren en beroep"


async def test_onderwerpkeuze_toont_nummers_en_neemt_een_nummer(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "marcel-kossen"
    vraag = tekst_van(await console.stuur("statusupdate"))
    assert "typ het nummer" in vraag and "\n1. " in vraag and "\n2. " in vraag
    tweede = vraag.split("\n2. ", 1)[1].split("\n", 1)[0]
    assert f"Hoe staat **{tweede}** ervoor" in tekst_van(await console.stuur("2"))


async def test_getypt_antwoord_terwijl_de_updatekaart_open_is(gesprek: TestGesprek, services):
    gesprek.als = "jelle-arentsen"
    assert kaarten(await gesprek.stuur("statusupdate binnenstad"))
    assert "Klopt dit?" in tekst_van(await gesprek.stuur("Op koers"))
    assert "versie 1" in tekst_van(await gesprek.stuur("ja"))
    [rij] = await versies(services, "binnenstad")
    assert rij.status == "op-koers"


async def test_andere_vraag_terwijl_de_updatekaart_open_is_en_kaart_werkt_nog(gesprek: TestGesprek, services):
    from tests.test_rapportage_gesprek import klik

    gesprek.als = "jelle-arentsen"
    formulier = kaarten(await gesprek.stuur("statusupdate binnenstad"))[0]
    antwoord = tekst_van(await gesprek.stuur("wie is de ambtelijk opdrachtgever van de jeugdagenda?"))
    assert "Marcel Kossen" in antwoord and "Kies een status" not in antwoord.met_knoppen
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Op koers, niets te melden")))[0]
    assert "versie 1" in tekst_van(await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen")))


async def test_geen_lijst_en_knoppen_in_een_bericht(bot_client, kennisbank):
    from tests.test_teams_weergave import _geen_lijst_met_knoppen

    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "marcel-kossen"
    keuze = await console.stuur("statusupdate")  # numbered onderwerpen
    samenvatting = await console.stuur("1") + await console.stuur("Op koers")  # the summary is a list
    for antwoorden in (keuze, samenvatting):
        assert any((a.get("suggestedActions") or {}).get("actions") for a in antwoorden)
        _geen_lijst_met_knoppen(antwoorden)
    assert "Klopt dit?" in tekst_van(samenvatting)
