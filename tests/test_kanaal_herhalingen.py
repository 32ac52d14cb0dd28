"""KANAAL_HERHALINGEN: a failed call to the channel is retried that many times (msrest's backoff: the
first retry at once), through the turn pipeline against a fake connector whose card update fails.
The tests' own setting is 0 (tests/conftest.py `settings`): their channel fails on purpose or does not exist."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.settings import Settings
from tests.conftest import TestGesprek, tekst_van
from tests.test_overzicht_kaarten import CONTROLLER, _signalen, knop
from tests.test_rapportage_gesprek import kaarten


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, kanaal_herhalingen=1)


async def test_a_failed_card_update_is_retried_as_often_as_set(gesprek: TestGesprek, services, connector):
    await _signalen(services, 12)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    connector.faal_bijwerken.add("kaart-1")

    antwoord = await gesprek.stuur(waarde=knop(kaart, "Volgende pagina")["data"], replyToId="kaart-1", serviceUrl=connector.url)

    bijwerken = f"PUT /v3/conversations/{gesprek.gesprek_id}/activities/kaart-1"
    assert [v for v in connector.verzoeken if v.startswith("PUT ")] == [bijwerken, bijwerken]  # once, and one retry
    assert connector.bijgewerkt == [] and "Pagina 2 van 2" in tekst_van(antwoord)  # then it comes as a new message
