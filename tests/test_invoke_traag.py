"""A card invoke that takes longer than Teams waits is acknowledged first and finished later
with a message in the conversation."""

from __future__ import annotations

import asyncio

from tests.conftest import Gesprek


def _invoke(gesprek: Gesprek, service_url: str) -> dict:
    activiteit = gesprek.activiteit(
        type="invoke",
        name="adaptiveCard/action",
        value={"action": {"type": "Action.Execute", "data": {"actie": "opdrachtgever.bestaat-niet"}}},
        serviceUrl=service_url,
    )
    del activiteit["deliveryMode"]
    return activiteit


async def test_slow_invoke_is_acknowledged_then_finished_proactively(gesprek: Gesprek, services, monkeypatch, connector):
    origineel = services.gesprek.verwerk

    async def traag(turn_context):
        await asyncio.sleep(0.5)
        await origineel(turn_context)

    monkeypatch.setattr(services.gesprek, "verwerk", traag)
    monkeypatch.setattr(services.bot, "invoke_tijdslimiet", 0.05)
    status, body = await gesprek.post(_invoke(gesprek, connector.url))
    assert status == 200
    assert body["statusCode"] == 200 and "bezig" in body["value"]
    assert not connector.berichten
    ontvangen = await connector.wacht_op(1)
    assert "Deze knop ken ik niet" in ontvangen[0]["text"]


async def test_fast_invoke_is_answered_in_the_invoke_response(gesprek: Gesprek, connector):
    status, body = await gesprek.post(_invoke(gesprek, connector.url))
    assert status == 200
    assert body["statusCode"] == 200 and body["value"] == "Verwerkt."
    assert "Deze knop ken ik niet" in connector.verstuurd[0]["text"]  # sent before the response
