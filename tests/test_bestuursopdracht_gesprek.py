"""Issue 3: the bestuursopdracht check through the real turn pipeline (HTTP, expectReplies):
card path, text path, threshold boundaries, resubmission and retries, stop/opnieuw, restart,
direct questions and 'mijn checks' (storing the check: also tests/test_bestuursopdracht_opslag.py,
on both databases).

Tests marked `beide_kennisbanken` run on every shipped example with its own criteria and threshold
(the first: 13 criteria, nodig 4 with a twijfel zone; the CMT example: one aspect is enough); the
others check the first example's own numbers and texts."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.app import create_app
from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from kennisbank.bestuursopdracht import beoordeel
from tests.conftest import TestGesprek, berichttekst_van, tekst_van

ALS = "marcel-kossen"


def kaart_van(activiteiten: list[dict[str, Any]]) -> dict[str, Any]:
    kaarten = [
        b["content"]
        for a in activiteiten
        for b in a.get("attachments") or []
        if b.get("contentType") == "application/vnd.microsoft.card.adaptive"
    ]
    assert len(kaarten) == 1, tekst_van(activiteiten)
    return kaarten[0]


def toggles(kaart: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for c in kaart["body"] if c.get("type") == "Container" for i in c["items"] if i["type"] == "Input.Toggle"]


def submit(kaart: dict[str, Any], titel: str = "Bekijk advies") -> dict[str, Any]:
    return next(a["data"] for a in kaart["actions"] if a["title"] == titel)


def invulling(kaart: dict[str, Any], aan: int, notitie: str = "") -> dict[str, Any]:
    """What Teams sends for this card with the first `aan` toggles switched on."""
    waarde = dict(submit(kaart))
    for nummer, toggle in enumerate(toggles(kaart)):
        waarde[toggle["id"]] = toggle["valueOn"] if nummer < aan else toggle["valueOff"]
    waarde["notitie"] = notitie
    return waarde


async def aantal_checks(services) -> int:
    async with services.sessies() as sessie:
        return await sessie.scalar(select(func.count()).select_from(BestuursopdrachtCheck))


async def alle_checks(services) -> list[BestuursopdrachtCheck]:
    async with services.sessies() as sessie:
        return list((await sessie.scalars(select(BestuursopdrachtCheck).order_by(BestuursopdrachtCheck.id))).all())


@pytest.fixture
def console(bot_client, kennisbank) -> TestGesprek:
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = ALS
    return gesprek


@pytest.fixture
def teams(gesprek) -> TestGesprek:
    gesprek.als = ALS
    return gesprek


@pytest.fixture
def opdrachtgever(gesprek, voorbeelden) -> TestGesprek:
    """A Teams conversation of an ambtelijk opdrachtgever of the loaded kennisbank."""
    gesprek.als = voorbeelden.opdrachtgever_met_onderwerpen().id
    return gesprek


def verwacht(kader, aan: int):
    """The advice when the first `aan` criteria hold, and its stored outcome."""
    beoordeling = beoordeel(kader, [c.id for c in kader.criteria[:aan]])
    return beoordeling.advies.titel, beoordeling.uitkomst.value


def grenzen(kader) -> list[int]:
    """Numbers of criteria that hold around each boundary of the threshold, and all of them."""
    randen = {0, kader.drempel.nodig - 1, kader.drempel.nodig, len(kader.criteria)}
    if kader.drempel.twijfel:
        randen |= {kader.drempel.twijfel - 1, kader.drempel.twijfel}
    return sorted(a for a in randen if 0 <= a <= len(kader.criteria))


# --- start and card path ----------------------------------------------------------------------


@pytest.mark.beide_kennisbanken
@pytest.mark.parametrize("vraag", ["moet dit een bestuursopdracht worden?", "bestuursopdracht check"])
async def test_start_vraagt_om_de_opdracht_op_elk_voorbeeld(opdrachtgever, vraag) -> None:
    assert "Om welke opdracht gaat het?" in tekst_van(await opdrachtgever.stuur(vraag))


@pytest.mark.beide_kennisbanken
async def test_kaart_toont_de_criteria_van_de_kennisbank(opdrachtgever, kennisbank) -> None:
    await opdrachtgever.stuur("bestuursopdracht check")
    kaart = kaart_van(await opdrachtgever.stuur("Nieuwe fietsenstalling"))
    kader = kennisbank.bestanden.bestuursopdracht
    assert [t["title"] for t in toggles(kaart)] == [c.tekst for c in kader.criteria]
    tekst = tekst_van([{"attachments": [{"content": kaart}]}])
    assert all(c.uitleg in tekst for c in kader.criteria)
    assert submit(kaart)["kenmerk"] == kader.kenmerk


@pytest.mark.beide_kennisbanken
async def test_drempelgrenzen_van_elk_voorbeeld_via_de_kaart(opdrachtgever, kennisbank, services) -> None:
    kader = kennisbank.bestanden.bestuursopdracht
    uitkomsten = []
    for aan in grenzen(kader):
        kaart = kaart_van(await opdrachtgever.stuur("bestuursopdracht check voor nieuwe fietsenstalling"))
        tekst = tekst_van(await opdrachtgever.stuur(waarde=invulling(kaart, aan)))
        titel, uitkomst = verwacht(kader, aan)
        assert f"**Advies: {titel}**" in tekst, (aan, tekst)
        assert f"gelden {aan} van de {len(kader.criteria)} criteria" in tekst
        uitkomsten.append(uitkomst)
    assert [c.advies for c in await alle_checks(services)] == uitkomsten
    assert uitkomsten[0] == "niet_nodig" and uitkomsten[-1] == "nodig"


@pytest.mark.beide_kennisbanken
async def test_tekstpad_van_elk_voorbeeld(kennisbank, bot_client, voorbeelden, services) -> None:
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = voorbeelden.opdrachtgever_met_onderwerpen().id
    kader = kennisbank.bestanden.bestuursopdracht
    n = len(kader.criteria)
    tekst = tekst_van(await console.stuur("bestuursopdracht check voor nieuwe fietsenstalling"))
    assert f"Ik stel je {n} korte vragen" in tekst and f"Vraag 1 van {n}" in tekst and kader.criteria[0].tekst in tekst
    for nummer in range(2, n + 1):
        tekst = tekst_van(await console.stuur("ja" if nummer - 1 <= kader.drempel.nodig else "nee"))
        assert f"Vraag {nummer} van {n}" in tekst and kader.criteria[nummer - 1].tekst in tekst
    await console.stuur("nee")
    tekst = tekst_van(await console.stuur("Geen notitie"))
    aan = min(kader.drempel.nodig, n - 1)
    titel, uitkomst = verwacht(kader, aan)
    assert f"**Advies: {titel}**" in tekst and f"gelden {aan} van de {n} criteria" in tekst
    [check] = await alle_checks(services)
    assert check.advies == uitkomst and check.kanaal == "console"


@pytest.mark.beide_kennisbanken
async def test_hoeveel_criteria_uit_de_kennisbank(opdrachtgever, kennisbank) -> None:
    drempel = kennisbank.bestanden.bestuursopdracht.drempel
    tekst = " ".join(tekst_van(await opdrachtgever.stuur("Hoeveel criteria moeten gelden?")).split())
    assert " ".join(drempel.keuze.split()) in tekst
    assert kennisbank.bron_tekst(drempel.bron) in tekst


@pytest.mark.parametrize(
    "vraag", ["moet dit een bestuursopdracht worden?", "bestuursopdracht check", "check criteria bestuursopdracht"]
)
async def test_start_vraagt_om_de_opdracht(teams, vraag) -> None:
    antwoord = tekst_van(await teams.stuur(vraag))
    assert "Om welke opdracht gaat het?" in antwoord


async def test_kaart_met_alle_criteria_als_toggle_met_uitleg(teams, kennisbank) -> None:
    await teams.stuur("bestuursopdracht check")
    kaart = kaart_van(await teams.stuur("Nieuwbouw zwembad"))
    kader = kennisbank.bestanden.bestuursopdracht
    assert kaart["version"] == "1.5"
    assert [t["title"] for t in toggles(kaart)] == [c.tekst for c in kader.criteria]
    tekst = tekst_van([{"attachments": [{"content": kaart}]}])
    for criterium in kader.criteria:
        assert criterium.uitleg in tekst
    assert "Vanaf 4 criteria is een bestuursopdracht nodig, bij 2 tot 3" in tekst
    assert any(i.get("id") == "notitie" for i in kaart["body"])
    data = submit(kaart)
    assert data["actie"] == "bestuursopdracht.beoordeel" and data["opdracht"] == "Nieuwbouw zwembad"
    assert data["sleutel"] and data["kenmerk"] == kader.kenmerk


async def test_opdracht_in_de_vraag_en_koppeling_met_onderwerp(teams) -> None:
    antwoorden = await teams.stuur("moet de Jeugdagenda een bestuursopdracht worden?")
    kaart = kaart_van(antwoorden)
    tekst = tekst_van(antwoorden)
    assert "**Jeugdagenda**" in berichttekst_van(antwoorden)  # the linked onderwerp, named on the card itself
    assert "Marcel Kossen" in tekst
    assert submit(kaart)["onderwerp_id"] == "jeugdagenda"


@pytest.mark.parametrize(
    ("aan", "titel"),
    [
        (0, "Geen bestuursopdracht nodig"),
        (1, "Geen bestuursopdracht nodig"),
        (2, "Twijfel – bespreek het in de concerndirectie"),
        (3, "Twijfel – bespreek het in de concerndirectie"),
        (4, "Bestuursopdracht nodig"),
        (13, "Bestuursopdracht nodig"),
    ],
)
async def test_drempelgrenzen_via_de_kaart(teams, services, aan, titel) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    antwoorden = await teams.stuur(waarde=invulling(kaart, aan))
    tekst = tekst_van(antwoorden)
    assert f"**Advies: {titel}**" in tekst
    assert f"gelden {aan} van de 13 criteria" in tekst
    assert "Bronnen: Deventer, Operatie dubbelslag in uitvoering (21 juni 2011), factsheet" in tekst
    [check] = await alle_checks(services)
    assert check.aantal_geldend == aan
    assert [a["geldt"] for a in check.antwoorden] == [True] * aan + [False] * (13 - aan)
    assert check.advies == {0: "niet_nodig", 1: "niet_nodig", 2: "twijfel", 3: "twijfel"}.get(aan, "nodig")


async def test_resultaat_nodig_noemt_vervolgstappen_en_ambtelijk_opdrachtgever(teams, services) -> None:
    kaart = kaart_van(await teams.stuur("moet de jeugdagenda een bestuursopdracht worden?"))
    tekst = tekst_van(await teams.stuur(waarde=invulling(kaart, 5, notitie="Raad wil dit in 2027 af")))
    assert "Bespreek de bestuursopdracht in de concerndirectie" in tekst
    assert "Het college stelt de bestuursopdracht vast" in tekst
    assert "SMART" in tekst
    assert "(3) het beschikbaar stellen van budget" in tekst
    assert "motivatie (wil iets te bereiken), middelen (budget)" in tekst
    assert "Voor Jeugdagenda is de ambtelijk opdrachtgever waarschijnlijk **Marcel Kossen**" in tekst
    assert "**Notitie:** Raad wil dit in 2027 af" in tekst
    [check] = await alle_checks(services)
    assert check.notitie == "Raad wil dit in 2027 af" and check.onderwerp_id == "jeugdagenda"
    assert check.persoon_id == ALS and check.kanaal == "msteams"


async def test_resultaat_niet_nodig_noemt_lijnsturing_en_parafenlijst(teams) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwe printers"))
    tekst = tekst_van(await teams.stuur(waarde=invulling(kaart, 1)))
    assert "lijnsturing, tenzij" in tekst
    assert "parafenlijst" in tekst
    assert "Zoetermeer" in tekst


@pytest.fixture
async def kanaaldienst():
    """Stands in for the Teams channel service: records the messages the bot sends proactively."""
    verstuurd: list[dict[str, Any]] = []

    async def versturen(request: web.Request) -> web.Response:
        verstuurd.append(await request.json())
        return web.json_response({"id": f"antwoord-{len(verstuurd)}"})

    app = web.Application()
    app.router.add_post("/v3/conversations/{gesprek}/activities", versturen)
    app.router.add_post("/v3/conversations/{gesprek}/activities/{activiteit}", versturen)
    server = TestServer(app)
    await server.start_server()
    yield str(server.make_url("/")), verstuurd
    await server.close()


async def test_kaart_als_invoke_wordt_vervangen_door_samenvatting(teams, services, kanaaldienst) -> None:
    url, verstuurd = kanaaldienst
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    activiteit = teams.activiteit(
        type="invoke",
        name="adaptiveCard/action",
        replyToId="kaart-7",
        serviceUrl=url,
        value={"action": {"type": "Action.Execute", "data": invulling(kaart, 2)}, "trigger": "manual"},
    )
    del activiteit["deliveryMode"]
    status, body = await teams.post(activiteit)
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert body["value"]["body"][0]["text"] == (
        "Ingevuld: **Nieuwbouw zwembad** – Twijfel – bespreek het in de concerndirectie (2 van 13 criteria)."
    )
    assert "**Advies: Twijfel – bespreek het in de concerndirectie**" in tekst_van(verstuurd)
    assert await aantal_checks(services) == 1


# --- resubmission and retries ---------------------------------------------------------------------


async def test_zelfde_kaart_twee_keer_insturen_bewaart_een_check(teams, services) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    eerste = tekst_van(await teams.stuur(waarde=invulling(kaart, 4)))
    tweede = tekst_van(await teams.stuur(waarde=invulling(kaart, 1)))
    assert "Bestuursopdracht nodig" in eerste
    assert "was al opgeslagen" in tweede and "**Bestuursopdracht nodig**" in tweede
    [check] = await alle_checks(services)
    assert check.advies == "nodig"


@pytest.mark.beide_kennisbanken
async def test_herhaalde_levering_door_het_kanaal_bewaart_een_check(teams, services) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    activiteit = teams.activiteit(value=invulling(kaart, 3), text="")
    status1, _ = await teams.post(activiteit)
    status2, _ = await teams.post(activiteit)
    assert (status1, status2) == (200, 200)
    assert await aantal_checks(services) == 1


async def test_twee_kaarten_zijn_twee_checks(teams, services) -> None:
    eerste = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    tweede = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    await teams.stuur(waarde=invulling(eerste, 1))
    await teams.stuur(waarde=invulling(tweede, 5))
    assert [c.advies for c in await alle_checks(services)] == ["niet_nodig", "nodig"]


async def test_kaart_van_oude_criteria_geeft_nieuwe_kaart(teams, services) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    waarde = invulling(kaart, 4) | {"kenmerk": "oud"}
    antwoorden = await teams.stuur(waarde=waarde)
    assert "De criteria zijn intussen aangepast" in tekst_van(antwoorden)
    assert submit(kaart_van(antwoorden))["sleutel"] != waarde["sleutel"]
    assert await aantal_checks(services) == 0


@pytest.mark.parametrize(
    "waarde",
    [
        {"actie": "bestuursopdracht.beoordeel"},
        {"actie": "bestuursopdracht.beoordeel", "sleutel": 5, "opdracht": "x"},
        {"actie": "bestuursopdracht.beoordeel", "sleutel": "s", "opdracht": "  "},
    ],
)
@pytest.mark.beide_kennisbanken
async def test_kapotte_kaartdata_geeft_nette_melding(teams, services, waarde) -> None:
    tekst = tekst_van(await teams.stuur(waarde=waarde))
    assert "Deze kaart kan ik niet (meer) verwerken" in tekst
    assert await aantal_checks(services) == 0


# --- stop and opnieuw -------------------------------------------------------------------------------


@pytest.mark.beide_kennisbanken
async def test_stoppen_op_de_kaart(teams, services) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    tekst = tekst_van(await teams.stuur(waarde=submit(kaart, "Stoppen")))
    assert "Er is niets opgeslagen" in tekst
    assert await aantal_checks(services) == 0


@pytest.mark.beide_kennisbanken
async def test_opnieuw_op_de_kaart_geeft_verse_kaart(teams) -> None:
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    nieuw = kaart_van(await teams.stuur(waarde=submit(kaart, "Opnieuw beginnen")))
    assert submit(nieuw)["sleutel"] != submit(kaart)["sleutel"]
    assert submit(nieuw)["opdracht"] == "Nieuwbouw zwembad"


@pytest.mark.beide_kennisbanken
async def test_stop_terwijl_de_bot_om_de_opdracht_vraagt(teams, services) -> None:
    await teams.stuur("bestuursopdracht check")
    assert "gestopt" in tekst_van(await teams.stuur("stop"))
    assert "Er loopt nu niets" in tekst_van(await teams.stuur("stop"))


# --- text path (console: no cards) -------------------------------------------------------------------


async def beantwoord_alle(console: TestGesprek, ja: set[int]) -> str:
    laatste = ""
    for nummer in range(1, 14):
        laatste = tekst_van(await console.stuur("ja" if nummer in ja else "nee"))
    return laatste


async def test_tekstpad_vraagt_elk_criterium_met_ja_nee_knoppen(console, kennisbank, services) -> None:
    antwoorden = await console.stuur("moet de nieuwbouw van het zwembad een bestuursopdracht worden?")
    assert not any(a.get("attachments") for a in antwoorden)
    tekst = tekst_van(antwoorden)
    assert "Ik stel je 13 korte vragen" in tekst
    kader = kennisbank.bestanden.bestuursopdracht
    assert "Vraag 1 van 13" in tekst and kader.criteria[0].tekst in tekst and kader.criteria[0].uitleg in tekst
    knoppen = [a["title"] for a in antwoorden[-1]["suggestedActions"]["actions"]]
    assert knoppen == ["Ja", "Nee", "Weet ik niet"]
    for nummer in range(2, 14):
        tekst = tekst_van(await console.stuur("Ja" if nummer <= 3 else "nee"))
        assert f"Vraag {nummer} van 13" in tekst and kader.criteria[nummer - 1].tekst in tekst
    tekst = tekst_van(await console.stuur("nee"))
    assert "notitie" in tekst
    tekst = tekst_van(await console.stuur("Geen notitie"))
    assert "**Advies: Twijfel – bespreek het in de concerndirectie**" in tekst
    assert "gelden 2 van de 13 criteria" in tekst
    [check] = await alle_checks(services)
    assert check.advies == "twijfel" and check.notitie is None and check.kanaal == "console"
    assert check.opdracht == "De nieuwbouw van het zwembad"


@pytest.mark.parametrize(
    ("ja", "advies"),
    [(set(), "niet_nodig"), ({1}, "niet_nodig"), ({1, 2}, "twijfel"), ({5, 6, 7}, "twijfel"), ({1, 2, 3, 13}, "nodig")],
)
async def test_drempelgrenzen_via_tekst(console, services, ja, advies) -> None:
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    await beantwoord_alle(console, ja)
    await console.stuur("Oud stadhuis staat leeg; wethouder wil snel besluit")
    [check] = await alle_checks(services)
    assert check.advies == advies
    assert {n + 1 for n, a in enumerate(check.antwoorden) if a["geldt"]} == ja
    assert check.notitie == "Oud stadhuis staat leeg; wethouder wil snel besluit"


@pytest.mark.beide_kennisbanken
async def test_onduidelijk_antwoord_wordt_opnieuw_gevraagd(console, kennisbank) -> None:
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    antwoorden = await console.stuur("misschien")
    assert "Antwoord met **ja** of **nee**" in tekst_van(antwoorden)
    assert f"Vraag 2 van {len(kennisbank.bestanden.bestuursopdracht.criteria)}" in tekst_van(await console.stuur("ja"))


async def test_opnieuw_begint_bij_vraag_een_en_stop_slaat_niets_op(console, services) -> None:
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    await console.stuur("ja")
    await console.stuur("ja")
    tekst = tekst_van(await console.stuur("opnieuw"))
    assert "We beginnen opnieuw" in tekst and "Vraag 1 van 13" in tekst
    await console.stuur("ja")
    assert "gestopt" in tekst_van(await console.stuur("stop"))
    assert await aantal_checks(services) == 0
    assert "Er loopt nu niets" in tekst_van(await console.stuur("stop"))


@pytest.mark.beide_kennisbanken
async def test_hulp_tijdens_de_check_herhaalt_de_vraag(console, kennisbank) -> None:
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    tekst = tekst_van(await console.stuur("help"))
    assert "Bestuursopdracht nodig?" in tekst and f"Vraag 1 van {len(kennisbank.bestanden.bestuursopdracht.criteria)}" in tekst


@pytest.mark.beide_kennisbanken
async def test_herhaalde_levering_in_tekstpad_telt_een_antwoord(console, services, kennisbank) -> None:
    await console.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    activiteit = console.activiteit(text="ja")
    await console.post(activiteit)
    await console.post(activiteit)
    assert f"Vraag 3 van {len(kennisbank.bestanden.bestuursopdracht.criteria)}" in tekst_van(await console.stuur("nee"))


async def test_check_hervat_na_herstart_van_de_bot(settings, klok, kennisbank) -> None:
    eerste = TestClient(TestServer(create_app(settings, klok=klok)))
    await eerste.start_server()
    gesprek = TestGesprek(eerste, kennisbank, kanaal="console")
    gesprek.als = ALS
    await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad")
    for _ in range(5):
        await gesprek.stuur("ja")
    await eerste.close()

    tweede = TestClient(TestServer(create_app(settings, klok=klok)))
    await tweede.start_server()
    try:
        gesprek.client = tweede
        assert "Vraag 7 van 13" in tekst_van(await gesprek.stuur("nee"))
        await beantwoord_rest(gesprek, van=7)
        tekst = tekst_van(await gesprek.stuur("Geen notitie"))
        assert "**Advies: Bestuursopdracht nodig**" in tekst and "gelden 5 van de 13" in tekst
    finally:
        await tweede.close()


async def beantwoord_rest(gesprek: TestGesprek, van: int) -> None:
    for _ in range(van, 14):
        await gesprek.stuur("nee")


# --- direct questions and 'mijn checks' ---------------------------------------------------------------


async def test_hoeveel_criteria(teams) -> None:
    tekst = tekst_van(await teams.stuur("Hoeveel criteria moeten gelden?"))
    assert "gelden 4 of meer criteria, dan is een bestuursopdracht nodig" in tekst
    assert "“Een bestuurlijke opdracht wordt opgesteld als er sprake is van een strategisch complexe" in tekst
    assert "Fictieve voorbeeldgegevens" in tekst and "factsheet VI" in tekst


async def test_wie_stelt_de_ambtelijk_opdrachtgever_vast(teams) -> None:
    tekst = tekst_van(await teams.stuur("Wie stelt de ambtelijk opdrachtgever vast?"))
    assert "De concerndirectie." in tekst
    assert (
        "Alle bestuursopdrachten worden besproken in de concerndirectie, die ook vaststelt wie de ambtelijk opdrachtgever is."
        in tekst
    )
    assert "Bron: Deventer" in tekst


async def test_wat_staat_er_in_een_bestuursopdracht(teams) -> None:
    tekst = tekst_van(await teams.stuur("wat staat er in een bestuursopdracht?"))
    assert "SMART" in tekst and "randvoorwaarden" in tekst and "Zoetermeer" in tekst


async def test_mijn_checks_toont_eigen_checks_nieuwste_eerst(teams, kennisbank, bot_client, klok) -> None:
    assert "nog geen bestuursopdracht-checks" in tekst_van(await teams.stuur("mijn checks"))
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    await teams.stuur(waarde=invulling(kaart, 4))
    klok.zet(klok.moment.replace(hour=14, minute=5))
    kaart = kaart_van(await teams.stuur("bestuursopdracht check voor nieuwe printers"))
    await teams.stuur(waarde=invulling(kaart, 0))
    ander = TestGesprek(bot_client, kennisbank)
    ander.als = "jelle-arentsen"
    kaart = kaart_van(await ander.stuur("bestuursopdracht check voor binnenstad"))
    await ander.stuur(waarde=invulling(kaart, 2))

    tekst = tekst_van(await teams.stuur("mijn checks"))
    assert tekst.index("Nieuwe printers") < tekst.index("Nieuwbouw zwembad")
    assert "22-11-2026 14:05 · **Nieuwe printers** · Geen bestuursopdracht nodig (0 van 13)" in tekst
    assert "22-11-2026 10:00 · **Nieuwbouw zwembad** · Bestuursopdracht nodig (4 van 13)" in tekst
    assert "Binnenstad" not in tekst.met_knoppen
