"""A question asked in between while a dialog waits (`dialogen.tussenvraag`), through the turn
pipeline: answered as if nothing waited, then the same step again with every answer kept; a valid
answer still goes to the step; at a free-text step a plain question is asked back; "stop" still
parks; a Teams retry of the side question adds nothing; a card submit after it still lands.

A side answer is checked against the answer the same question gets in a conversation where nothing
waits, so these tests hold whatever the answer's wording."""

from __future__ import annotations

import pytest

from db.repositories.rapportage import StatusupdateRepository
from dialogen.formulier import FormulierDialoog
from dialogen.teksten import Teksten
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import ALS, alle_checks, invulling, kaart_van

TEKSTEN = Teksten.laad()
VERDER_CHECK = TEKSTEN.tekst("formulier.verder_met", wat=TEKSTEN.tekst("bestuursopdracht.check_naam"))
VERDER_UPDATE = TEKSTEN.tekst("formulier.verder_met", wat=TEKSTEN.tekst("rapportage.update_naam"))
TERUGVRAAG = TEKSTEN.tekst("formulier.terugvraag")
JA_NEE = "Antwoord met **ja** of **nee**"
TUSSENVRAGEN = (
    "wat doet een gedelegeerd opdrachtgever eigenlijk",
    "hoe vaak rapporteren we per jaar",
    "wie is de baas van de jeugdagenda",
    "wat is het verschil tussen ambtelijk en bestuurlijk opdrachtgever",
)


@pytest.fixture
def console(bot_client, kennisbank) -> TestGesprek:
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = ALS
    return gesprek


@pytest.fixture
def los(bot_client, kennisbank) -> TestGesprek:
    """Another conversation, where nothing waits: the answer a question gets on its own."""
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = ALS
    return gesprek


async def test_tussenvragen_in_de_check_en_de_check_gaat_verder(console, los, services):
    start = tekst_van(await console.stuur("is er voor de herinrichting van het stationsplein een bestuursopdracht nodig?"))
    assert "Vraag 1 van 13" in start
    assert "Vraag 2 van 13" in tekst_van(await console.stuur("ja"))
    for vraag in TUSSENVRAGEN:
        antwoord = tekst_van(await console.stuur(vraag))
        zelf = tekst_van(await los.stuur(vraag))
        assert zelf in antwoord, vraag  # answered as if nothing waited
        assert JA_NEE not in antwoord
        assert antwoord.index(zelf) < antwoord.index(VERDER_CHECK) < antwoord.index("Vraag 2 van 13"), vraag
    assert "Vraag 3 van 13" in tekst_van(await console.stuur("nee"))  # ja/nee still answer the step
    assert "Vraag 4 van 13" in tekst_van(await console.stuur("weet ik niet"))
    assert JA_NEE in tekst_van(await console.stuur("paarse olifant"))  # nothing recognised: the step says so
    for _ in range(4, 14):
        await console.stuur("ja")
    resultaat = tekst_van(await console.stuur("Geen notitie"))
    assert "gelden 11 van de 13 criteria" in resultaat
    [check] = await alle_checks(services)
    assert check.opdracht == "De herinrichting van het stationsplein"
    assert [a["geldt"] for a in check.antwoorden][:4] == [True, False, False, True]


async def test_stop_na_een_tussenvraag_bewaart_de_antwoorden(console, services):
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    await console.stuur("ja")
    assert VERDER_CHECK in tekst_van(await console.stuur(TUSSENVRAGEN[0]))
    assert "heb ik bewaard" in tekst_van(await console.stuur("stop"))
    verder = tekst_van(await console.stuur("bestuursopdracht check"))
    assert "Vraag 2 van 13" in verder


async def test_een_vrije_tekst_met_een_vraag_wordt_teruggevraagd(console, los, services):
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    for _ in range(13):
        await console.stuur("nee")
    vraag = "wie is ambtelijk opdrachtgever voor de jeugdagenda?"
    teruggevraagd = await console.stuur(vraag)
    assert TERUGVRAAG in tekst_van(teruggevraagd)
    assert tekst_van(teruggevraagd).met_knoppen.count("mijn") >= 2  # both buttons
    beantwoord = tekst_van(await console.stuur(TEKSTEN.tekst("formulier.knop_beantwoord")))
    assert tekst_van(await los.stuur(vraag)) in beantwoord and VERDER_CHECK in beantwoord
    assert TEKSTEN.tekst("bestuursopdracht.vraag_notitie", opdracht="Nieuwbouw zwembad")[:20] in beantwoord
    assert TERUGVRAAG in tekst_van(await console.stuur(vraag))  # asked again: held again
    resultaat = tekst_van(await console.stuur(TEKSTEN.tekst("formulier.knop_mijn_antwoord")))
    assert f"**Notitie:** {vraag}" in resultaat  # the text held is the note, not typed again
    [check] = await alle_checks(services)
    assert check.notitie == vraag


async def test_een_vrije_tekst_die_geen_losse_vraag_is_wordt_het_antwoord(console, services):
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    for _ in range(13):
        await console.stuur("nee")
    notitie = "wie is ambtelijk opdrachtgever voor de jeugdagenda? Dat zoeken we nog uit."  # a lookup, then more
    resultaat = tekst_van(await console.stuur(notitie))
    assert TERUGVRAAG not in resultaat and f"**Notitie:** {notitie}" in resultaat


async def test_een_herhaalde_tussenvraag_van_teams_telt_een_keer(gesprek: TestGesprek, services):
    gesprek.als = ALS
    kaart = kaart_van(await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    met_kaart = tekst_van(await gesprek.stuur(TUSSENVRAGEN[0]))  # the card is the question: not asked again
    assert met_kaart and VERDER_CHECK not in met_kaart and "Vraag 1 van 13" not in met_kaart
    assert "Vraag 2 van 13" in tekst_van(await gesprek.stuur("ja"))  # typed answers still take over from the card
    eerste = await gesprek.stuur(TUSSENVRAGEN[2], id="tussenvraag-1")
    assert VERDER_CHECK in tekst_van(eerste) and "Vraag 2 van 13" in tekst_van(eerste)
    assert await gesprek.stuur(TUSSENVRAGEN[2], id="tussenvraag-1") == []  # the retry is dropped
    assert "Vraag 3 van 13" in tekst_van(await gesprek.stuur("nee"))
    assert VERDER_CHECK in tekst_van(await gesprek.stuur(TUSSENVRAGEN[3]))
    resultaat = tekst_van(await gesprek.stuur(waarde=invulling(kaart, 4)))  # the card still works
    assert "gelden 4 van de 13 criteria" in resultaat
    assert await alle_checks(services)
    assert "Vraag 4 van 13" not in tekst_van(await gesprek.stuur("ja"))  # the card ended the typed check


async def test_tussenvraag_tijdens_de_statusupdate(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    los = TestGesprek(bot_client, kennisbank, kanaal="console")
    los.als = "bram-de-wit"
    assert "Hoe staat **Jeugdagenda** ervoor" in tekst_van(await console.stuur("statusupdate"))
    vraag = TUSSENVRAGEN[1]
    antwoord = tekst_van(await console.stuur(vraag))
    assert tekst_van(await los.stuur(vraag)) in antwoord
    assert VERDER_UPDATE in antwoord and "Hoe staat **Jeugdagenda** ervoor" in antwoord
    assert "Geef een korte toelichting" in tekst_van(await console.stuur("Aandachtspunt"))
    vraag = "wat is het verschil tussen ambtelijk en bestuurlijk opdrachtgever?"
    assert TERUGVRAAG in tekst_van(await console.stuur(vraag))  # a toelichting could be anything: asked back
    antwoord = tekst_van(await console.stuur("nee"))  # "Is dit je antwoord?" "nee": answered aside
    assert tekst_van(await los.stuur(vraag)) in antwoord
    assert VERDER_UPDATE in antwoord and "Geef een korte toelichting" in antwoord
    assert "financieel effect" in tekst_van(await console.stuur("Minder aanmeldingen dan verwacht"))
    assert "Klopt dit?" in tekst_van(await console.stuur("Geen"))
    assert "versie 1" in tekst_van(await console.stuur("Bevestigen"))
    async with services.sessies() as sessie:
        [rij] = await StatusupdateRepository(sessie).historie("herfst-2026", "jeugdagenda")
    assert (rij.status, rij.toelichting) == ("aandachtspunt", "Minder aanmeldingen dan verwacht")


async def test_de_stand_en_het_overzicht_tussen_de_statusupdate_door(bot_client, kennisbank, services):
    """Where one onderwerp stands and the overviews are answered aside; the update goes on with its answers."""
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    los = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = los.als = "bram-de-wit"
    vraag_status = "Hoe staat **Jeugdagenda** ervoor"
    assert vraag_status in tekst_van(await console.stuur("statusupdate"))
    assert "Geef een korte toelichting" in tekst_van(await console.stuur("Afwijking"))
    assert "financieel effect" in tekst_van(await console.stuur("Minder aanmeldingen dan verwacht"))
    for vraag in ("hoe staat de jeugdagenda ervoor?", "overzicht rapportage", "wie moet nog?"):
        antwoord = tekst_van(await console.stuur(vraag))
        zelf = tekst_van(await los.stuur(vraag))
        assert zelf and zelf in antwoord, vraag  # answered as if nothing waited
        assert antwoord.index(zelf) < antwoord.index(VERDER_UPDATE) < antwoord.index("financieel effect"), vraag
    assert "maatregel" in tekst_van(await console.stuur("Geen"))
    assert "Klopt dit?" in tekst_van(await console.stuur("Extra inhuur"))
    assert "versie 1" in tekst_van(await console.stuur("Bevestigen"))
    async with services.sessies() as sessie:
        [rij] = await StatusupdateRepository(sessie).historie("herfst-2026", "jeugdagenda")
    assert (rij.status, rij.toelichting, rij.maatregel) == ("afwijking", "Minder aanmeldingen dan verwacht", "Extra inhuur")


async def test_de_stand_tussen_de_check_door(console, los):
    assert "Vraag 1 van 13" in tekst_van(await console.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    vraag = "hoe staat de jeugdagenda ervoor?"
    antwoord = tekst_van(await console.stuur(vraag))
    zelf = tekst_van(await los.stuur(vraag))
    assert zelf in antwoord and antwoord.index(zelf) < antwoord.index(VERDER_CHECK) < antwoord.index("Vraag 1 van 13")
    assert "Vraag 2 van 13" in tekst_van(await console.stuur("ja"))


async def test_hulp_terwijl_de_terugvraag_openstaat_vraagt_die_opnieuw(console, services):
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    for _ in range(13):
        await console.stuur("nee")
    vraag = "wie is ambtelijk opdrachtgever voor de jeugdagenda?"
    assert TERUGVRAAG in tekst_van(await console.stuur(vraag))
    assert TERUGVRAAG in tekst_van(await console.stuur("help"))  # the question back still stands
    resultaat = tekst_van(await console.stuur("ja"))  # "Is dit je antwoord op de vraag?" ja
    assert f"**Notitie:** {vraag}" in resultaat


@pytest.mark.beide_kennisbanken
async def test_tussenvraag_tijdens_de_escalatieroute(bot_client, kennisbank, voorbeelden):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    los = TestGesprek(bot_client, kennisbank, kanaal="console")
    eerste = tekst_van(await console.stuur("ik wil escaleren"))
    vraag = TUSSENVRAGEN[1]  # not a situation: the step reads situations in other words too
    antwoord = tekst_van(await console.stuur(vraag))
    assert tekst_van(await los.stuur(vraag)) in antwoord
    verder = TEKSTEN.tekst("formulier.verder_met", wat=TEKSTEN.tekst("escalatie.gids_naam"))
    assert verder in antwoord and eerste.splitlines()[0] in antwoord.split(verder, 1)[1]  # the same question again


def test_elk_formulier_noemt_zichzelf_voor_het_verder_gaan(services):
    """ "We gaan verder met {wat}." needs each form's `<id>_naam` text (used only after a tussenvraag)."""
    formulieren = [d for f in services.router.features.values() for d in f.dialogen() if isinstance(d, FormulierDialoog)]
    assert len(formulieren) >= 3
    for formulier in formulieren:
        assert services.diensten.teksten.heeft(f"{formulier.id}_naam"), formulier.id


async def test_bedoelde_je_tussendoor_is_alleen_knoppen(console, services, kennisbank):
    """A lookup that asks "Bedoelde je A of B?" offers the buttons only: a typed "nee" answers the
    check (its question came last), a click is again a question asked in between."""
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    gedeeld = "gebiedsgericht werken"  # an alias two onderwerpen of the first example share
    assert sum(gedeeld in [a.lower() for a in o.aliassen] for o in kennisbank.onderwerpen.values()) == 2
    antwoorden = await console.stuur(f"wie is ao van {gedeeld}")
    tekst = tekst_van(antwoorden)
    assert TEKSTEN.tekst("opdrachtgever.bedoelde_je_knoppen") in tekst and "typ **nee**" not in tekst
    assert VERDER_CHECK in tekst and "Vraag 1 van 13" in tekst
    knop = next(a for b in antwoorden for a in (b.get("attachments") or []) if a["contentType"].endswith("hero"))
    klik = knop["content"]["buttons"][1]["value"]  # a full question
    assert "Vraag 2 van 13" in tekst_van(await console.stuur("nee"))
    geklikt = tekst_van(await console.stuur(klik))
    assert VERDER_CHECK in geklikt and "Vraag 2 van 13" in geklikt and "Ambtelijk opdrachtgever" in geklikt
