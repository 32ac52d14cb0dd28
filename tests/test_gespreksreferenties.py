"""Where a user can be reached proactively: stored from their personal chat, updated when it
changes (one upsert statement on PostgreSQL), never from a group chat. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.modellen.fundament import Gespreksreferentie
from tests.conftest import TestGesprek

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


async def _referenties(services) -> list[Gespreksreferentie]:
    async with services.sessies() as sessie:
        return list(await sessie.scalars(select(Gespreksreferentie)))


async def test_the_personal_conversation_is_stored_and_follows_a_change(bot_client, kennisbank, services):
    eerste = TestGesprek(bot_client, kennisbank, gesprek_id="a:persoonlijk-1")
    eerste.als = "marcel-kossen"
    await eerste.stuur("help")
    [rij] = await _referenties(services)
    assert (rij.gebruiker_id, rij.persoon_id) == ("29:marcel-kossen", "marcel-kossen")
    assert rij.referentie["conversation"]["id"] == "a:persoonlijk-1"
    assert rij.referentie["serviceUrl"] == "https://smba.example.invalid/emea/" and "activityId" not in rij.referentie
    tweede = TestGesprek(bot_client, kennisbank, gesprek_id="a:persoonlijk-2")
    tweede.als = "marcel-kossen"
    await tweede.stuur("help")
    [rij] = await _referenties(services)
    assert rij.referentie["conversation"]["id"] == "a:persoonlijk-2"
    groep = TestGesprek(bot_client, kennisbank, gesprek_id="19:groep@thread.v2", soort="groupChat")
    groep.als = "marcel-kossen"
    await groep.stuur("help")
    [rij] = await _referenties(services)
    assert rij.referentie["conversation"]["id"] == "a:persoonlijk-2"
