"""Issue 10, item 11: no user text and no ids in the logs — not in a normal conversation, not on a
duplicate delivery, not for a Teams user whose e-mail can't be looked up (one line, no traceback),
and not in a database error (SQLAlchemy's `[parameters: …]` are hidden)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from bot.logboek import maskeer
from db.modellen.fundament import BotStatus
from tests.conftest import TestGesprek

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

MERKTEKST = "geheimproject-zeppelin"


async def test_no_user_text_or_ids_in_the_logs(bot_client, kennisbank, connector, caplog):
    caplog.set_level(logging.INFO)  # the production level (LOG_LEVEL); DEBUG may show more
    gesprek = TestGesprek(bot_client, kennisbank, gesprek_id="gesprek-merk-7f3a")
    activiteit = gesprek.activiteit(
        text=f"wie is opdrachtgever voor {MERKTEKST}",
        id="activiteit-merk-91c2",
        serviceUrl=connector.url,
        channelData={"tenant": {"id": "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"}},  # as Teams sends it
        **{"from": {"id": "29:gebruiker-merk-55d1", "name": "Onbekende Collega"}},
    )
    for _ in range(2):  # the second is a duplicate delivery
        status, _ = await gesprek.post(activiteit)
        assert status == 200
    assert connector.ledenvragen == ["29:gebruiker-merk-55d1"]  # the e-mail lookup failed (404)
    # aiohttp.access is at WARNING in production (`stel_logging_in`); here it logs the fake channel's URLs
    berichten = [r.getMessage() for r in caplog.records if r.name != "aiohttp.access"]
    for geheim in (MERKTEKST, "gesprek-merk", "activiteit-merk", "gebruiker-merk", "Onbekende Collega"):
        assert not any(geheim in b for b in berichten), (geheim, [b for b in berichten if geheim in b])
    email = [r for r in caplog.records if "E-mailadres" in r.getMessage()]
    assert len(email) == 1 and email[0].exc_info is None


async def test_database_errors_hide_the_parameters(engine):
    rij = {"gemeente": "standaard", "sleutel": f"sleutel-{MERKTEKST}", "data": MERKTEKST, "etag": "e"}
    async with engine.begin() as verbinding:
        await verbinding.execute(insert(BotStatus).values(**rij))
    with pytest.raises(IntegrityError) as fout:
        async with engine.begin() as verbinding:
            await verbinding.execute(insert(BotStatus).values(**rij))
    assert MERKTEKST not in str(fout.value)


def test_bearer_tokens_are_masked():
    assert maskeer("Authorization: Bearer eyJ0eXAi.abc.def verder") == "Authorization: Bearer *** verder"
    assert "eyJ" not in maskeer("headers={'authorization': 'eyJhbGciOi'}")
