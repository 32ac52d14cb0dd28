"""A card invoke that takes longer than Teams waits is acknowledged first and finished later
with a message in the conversation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select, update

from db.base import nu
from db.modellen.fundament import BEZIG, KLAAR, VerwerkteActiviteit
from tests.conftest import TestGesprek
from tests.test_beurttransactie import filter_van
from tests.test_rapportage_gesprek import kaarten, klik, versies


def _invoke(gesprek: TestGesprek, service_url: str) -> dict:
    activiteit = gesprek.activiteit(
        type="invoke",
        name="adaptiveCard/action",
        value={"action": {"type": "Action.Execute", "data": {"actie": "opdrachtgever.bestaat-niet"}}},
        serviceUrl=service_url,
    )
    del activiteit["deliveryMode"]
    return activiteit


async def test_slow_invoke_is_acknowledged_then_finished_proactively(gesprek: TestGesprek, services, monkeypatch, connector):
    origineel = services.router.verwerk
    vrijgave = asyncio.Event()

    async def traag(turn_context):
        await vrijgave.wait()  # the work is held until the invoke has been answered
        await origineel(turn_context)

    monkeypatch.setattr(services.router, "verwerk", traag)
    monkeypatch.setattr(services.bot, "invoke_tijdslimiet", 0.05)
    async with asyncio.timeout(10):  # only a guard against hanging
        status, body = await gesprek.post(_invoke(gesprek, connector.url))
    assert status == 200
    assert body["statusCode"] == 200 and "bezig" in body["value"]
    assert not connector.berichten
    vrijgave.set()
    ontvangen = await connector.wacht_op(1)
    assert "Deze knop ken ik niet" in ontvangen[0]["text"]


async def test_fast_invoke_is_answered_in_the_invoke_response(gesprek: TestGesprek, connector):
    status, body = await gesprek.post(_invoke(gesprek, connector.url))
    assert status == 200
    assert body["statusCode"] == 200 and body["value"] == "Verwerkt."
    assert "Deze knop ken ik niet" in connector.verstuurd[0]["text"]  # sent before the response


# --- the turn of a slow invoke counts as done only when its work is (issue 10, leftover a) ------


async def _status(services, activiteit_id: str) -> str | None:
    async with services.sessies() as sessie:
        return await sessie.scalar(select(VerwerkteActiviteit.status).where(VerwerkteActiviteit.activiteit_id == activiteit_id))


async def _bevestig_invoke(gesprek: TestGesprek, service_url: str, id: str) -> dict:
    """A status update card up to its last step, and the invoke of its Bevestigen button."""
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    kaart = kaarten(await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda")))[0]
    activiteit = gesprek.activiteit(
        type="invoke",
        name="adaptiveCard/action",
        id=id,
        serviceUrl=service_url,
        value={"action": {"type": "Action.Execute", "data": klik(kaart, "Bevestigen")}},
    )
    del activiteit["deliveryMode"]
    return activiteit


def _traag(services, monkeypatch) -> tuple[list[None], asyncio.Event]:
    """Card work held until the test releases it: the first run waits for the returned event, a
    next one does not. Returns the runs (one entry per run) and the event."""
    origineel = services.router.verwerk
    runs: list[None] = []
    vrijgave = asyncio.Event()

    async def traag(turn_context):
        if turn_context.activity.type == "invoke":
            runs.append(None)
            if len(runs) == 1:
                await vrijgave.wait()
        await origineel(turn_context)

    monkeypatch.setattr(services.router, "verwerk", traag)
    monkeypatch.setattr(services.bot, "invoke_tijdslimiet", 0.05)
    return runs, vrijgave


async def _lopend_werk_klaar(services) -> None:
    await asyncio.wait_for(services.bot.wacht_op_lopend_werk(), 10)


async def test_acknowledged_invoke_stays_claimed_until_its_work_is_saved(gesprek: TestGesprek, services, monkeypatch, connector):
    activiteit = await _bevestig_invoke(gesprek, connector.url, "traag-bevestig")
    _, vrijgave = _traag(services, monkeypatch)
    status, body = await gesprek.post(activiteit)
    assert status == 200 and "bezig" in body["value"]
    assert await _status(services, "traag-bevestig") == BEZIG  # acknowledged, not done
    vrijgave.set()
    await _lopend_werk_klaar(services)
    assert await _status(services, "traag-bevestig") == KLAAR
    assert len(await versies(services, "sociale-agenda")) == 1
    assert any("opgeslagen" in (a.get("text") or "") for a in connector.verstuurd)


async def test_retry_while_acknowledged_work_runs_waits_and_stores_once(gesprek: TestGesprek, services, monkeypatch, connector):
    activiteit = await _bevestig_invoke(gesprek, connector.url, "traag-herhaald")
    runs, vrijgave = _traag(services, monkeypatch)
    status, body = await gesprek.post(activiteit)
    assert status == 200 and "bezig" in body["value"]
    dedupe = filter_van(services)
    wacht_op_de_ander = dedupe._neem_over_na_afloop

    async def herhaling_wacht(*args, **kwargs):
        assert await _status(services, "traag-herhaald") == BEZIG  # the first run still works ...
        vrijgave.set()  # ... and finishes while the retry waits for it
        return await wacht_op_de_ander(*args, **kwargs)

    monkeypatch.setattr(dedupe, "_neem_over_na_afloop", herhaling_wacht)
    status, body = await gesprek.post(activiteit)  # Teams retries while the first run still works
    assert status == 200 and body["statusCode"] == 200
    assert vrijgave.is_set()  # the retry did wait for the running work
    await _lopend_werk_klaar(services)
    assert len(runs) == 1
    assert len(await versies(services, "sociale-agenda")) == 1
    assert await _status(services, "traag-herhaald") == KLAAR


async def test_acknowledged_invoke_whose_process_died_is_rerun_on_retry(gesprek: TestGesprek, services, monkeypatch, connector):
    activiteit = await _bevestig_invoke(gesprek, connector.url, "traag-gestorven")
    runs, _ = _traag(services, monkeypatch)  # never released: the process dies first
    status, body = await gesprek.post(activiteit)
    assert status == 200 and "bezig" in body["value"]
    for taak in list(services.bot._lopend):  # the process dies while the work runs
        taak.cancel()
    await asyncio.gather(*services.bot._lopend, return_exceptions=True)
    await asyncio.sleep(0)  # one loop pass for the cancelled tasks' callbacks (a yield, not a wait)
    assert await _status(services, "traag-gestorven") == BEZIG
    assert await versies(services, "sociale-agenda") == []
    async with services.sessies.begin() as sessie:  # ... and its lease runs out
        await sessie.execute(
            update(VerwerkteActiviteit)
            .where(VerwerkteActiviteit.activiteit_id == "traag-gestorven")
            .values(verloopt_op=nu() - timedelta(seconds=1))
        )
    monkeypatch.setattr(services.bot, "invoke_tijdslimiet", 5)
    status, body = await gesprek.post(activiteit)  # Teams retries: the work runs again
    assert status == 200 and body["statusCode"] == 200 and "bezig" not in str(body["value"])
    assert len(runs) == 2
    assert len(await versies(services, "sociale-agenda")) == 1
    assert await _status(services, "traag-gestorven") == KLAAR
