"""The host over HTTP: expectReplies, normal delivery to serviceUrl, bad input, health, greeting, help."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from tests.conftest import Gesprek, tekst_van


async def test_jeugdagenda_expect_replies_names_marcel_kossen_and_source(gesprek: Gesprek):
    antwoorden = await gesprek.stuur("wie is ambtelijk opdrachtgever voor de jeugdagenda?")
    tekst = tekst_van(antwoorden)
    assert "Marcel Kossen" in tekst
    assert "Bron: Deventer" in tekst and "factsheet V" in tekst
    assert antwoorden[0]["replyToId"]


async def test_healthz_reports_database_and_kennisbank(bot_client: TestClient):
    antwoord = await bot_client.get("/healthz")
    assert antwoord.status == 200
    body = await antwoord.json()
    assert body["status"] == "ok" and body["kennisbank"] == "Voorbeeldgemeente" and body["onderwerpen"] > 30


async def test_malformed_json_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", data=b"{niet json", headers={"Content-Type": "application/json"})
    assert antwoord.status == 400
    assert "JSON" in (await antwoord.json())["fout"]


async def test_activity_without_type_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", json={"text": "hallo"})
    assert antwoord.status == 400


async def test_activity_without_conversation_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", json={"type": "message", "text": "hallo"})
    assert antwoord.status == 400


async def test_wrong_content_type_gets_415(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", data="hallo", headers={"Content-Type": "text/plain"})
    assert antwoord.status == 415


async def test_json_array_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", json=[1, 2])
    assert antwoord.status == 400


async def test_install_greets_in_dutch(gesprek: Gesprek):
    tekst = tekst_van(await gesprek.installeer())
    assert "Sturingsbot" in tekst and "help" in tekst


async def test_help_shows_examples(gesprek: Gesprek):
    for woord in ("help", "Hulp"):
        tekst = tekst_van(await gesprek.stuur(woord))
        assert "Dit kan ik voor je doen" in tekst
        assert "jeugdagenda" in tekst


async def test_empty_message_gets_a_friendly_answer(gesprek: Gesprek):
    tekst = tekst_van(await gesprek.stuur("   "))
    assert "Ik zie geen tekst" in tekst


async def test_teams_mention_is_stripped_in_personal_chat(gesprek: Gesprek):
    antwoorden = await gesprek.stuur(
        "<at>Sturingsbot</at> wie is opdrachtgever voor de jeugdagenda",
        entities=[{"type": "mention", "text": "<at>Sturingsbot</at>", "mentioned": {"id": "28:sturingsbot", "name": "Sturingsbot"}}],
    )
    assert "Marcel Kossen" in tekst_van(antwoorden)


async def test_normal_delivery_posts_reply_to_service_url(settings, klok, kennisbank, unused_tcp_port_factory):
    ontvangen: list[dict] = []
    binnen = asyncio.Event()

    async def connector(request: web.Request) -> web.Response:
        ontvangen.append(await request.json())
        binnen.set()
        return web.json_response({"id": "antwoord-1"})

    kanaal = web.Application()
    kanaal.router.add_post("/v3/conversations/{gesprek}/activities/{activiteit}", connector)
    kanaal.router.add_post("/v3/conversations/{gesprek}/activities", connector)
    kanaal_server = TestServer(kanaal)
    await kanaal_server.start_server()
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    try:
        gesprek = Gesprek(client, kennisbank, kanaal="directline")
        activiteit = gesprek.activiteit(text="AO jeugdagenda", serviceUrl=str(kanaal_server.make_url("/")))
        del activiteit["deliveryMode"]
        status, _ = await gesprek.post(activiteit)
        assert status in (200, 201, 202)
        await asyncio.wait_for(binnen.wait(), 5)
        assert "Marcel Kossen" in ontvangen[0]["text"]
        assert ontvangen[0]["conversation"]["id"] == gesprek.gesprek_id
    finally:
        await client.close()
        await kanaal_server.close()


async def test_bare_opdrachtgever_command_asks_for_the_onderwerp(gesprek: Gesprek):
    """The Teams command 'opdrachtgever' has no onderwerp: ask for one, with examples to tap."""
    antwoorden = await gesprek.stuur("opdrachtgever")
    assert "Voor welk onderwerp" in antwoorden[0]["text"]
    voorbeelden = [a["value"] for a in antwoorden[0]["suggestedActions"]["actions"]]
    assert "Marcel Kossen" in tekst_van(await gesprek.stuur(voorbeelden[0]))
