"""A card invoke that takes longer than Teams waits is acknowledged first and finished later
with a message in the conversation."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.conftest import Gesprek


async def _kanaal(ontvangen: list[dict], binnen: asyncio.Event) -> TestServer:
    async def connector(request: web.Request) -> web.Response:
        ontvangen.append(await request.json())
        binnen.set()
        return web.json_response({"id": "bericht-1"})

    app = web.Application()
    app.router.add_post("/v3/conversations/{gesprek}/activities", connector)
    app.router.add_post("/v3/conversations/{gesprek}/activities/{activiteit}", connector)
    server = TestServer(app)
    await server.start_server()
    return server


def _invoke(gesprek: Gesprek, service_url: str) -> dict:
    activiteit = gesprek.activiteit(
        type="invoke",
        name="adaptiveCard/action",
        value={"action": {"type": "Action.Execute", "data": {"actie": "opdrachtgever.bestaat-niet"}}},
        serviceUrl=service_url,
    )
    del activiteit["deliveryMode"]
    return activiteit


async def test_slow_invoke_is_acknowledged_then_finished_proactively(gesprek: Gesprek, services, monkeypatch):
    ontvangen: list[dict] = []
    binnen = asyncio.Event()
    kanaal = await _kanaal(ontvangen, binnen)
    origineel = services.gesprek.verwerk

    async def traag(turn_context):
        await asyncio.sleep(0.5)
        await origineel(turn_context)

    monkeypatch.setattr(services.gesprek, "verwerk", traag)
    monkeypatch.setattr(services.bot, "invoke_tijdslimiet", 0.05)
    try:
        status, body = await gesprek.post(_invoke(gesprek, str(kanaal.make_url("/"))))
        assert status == 200
        assert body["statusCode"] == 200 and "bezig" in body["value"]
        assert not ontvangen
        await asyncio.wait_for(binnen.wait(), 5)
        assert "Deze knop ken ik niet" in ontvangen[0]["text"]
    finally:
        await kanaal.close()


async def test_fast_invoke_is_answered_in_the_invoke_response(gesprek: Gesprek, services):
    ontvangen: list[dict] = []
    kanaal = await _kanaal(ontvangen, asyncio.Event())
    try:
        status, body = await gesprek.post(_invoke(gesprek, str(kanaal.make_url("/"))))
        assert status == 200
        assert body["statusCode"] == 200 and body["value"] == "Verwerkt."
        assert "Deze knop ken ik niet" in ontvangen[0]["text"]  # the reply was sent before the response
    finally:
        await kanaal.close()
