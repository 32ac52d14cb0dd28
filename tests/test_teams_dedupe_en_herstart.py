"""Duplicate deliveries are handled once; dialog state lives in the database across app restarts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.modellen.fundament import OnbeantwoordeVraag, VerwerkteActiviteit
from tests.conftest import TestGesprek, berichttekst_van, tekst_van

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


async def test_same_activity_id_twice_is_processed_once(gesprek: TestGesprek, services):
    eerste = await gesprek.stuur("wie gaat over de marsmissie", id="teams-retry-1")
    tweede = await gesprek.stuur("wie gaat over de marsmissie", id="teams-retry-1")
    assert eerste and tweede == []
    async with services.sessies() as sessie:
        assert await sessie.scalar(select(func.count()).select_from(OnbeantwoordeVraag)) == 1
        assert await sessie.scalar(select(func.count()).select_from(VerwerkteActiviteit)) == 1


async def test_same_activity_id_in_another_conversation_is_processed(bot_client, kennisbank):
    een = TestGesprek(bot_client, kennisbank)
    twee = TestGesprek(bot_client, kennisbank)
    ao = kennisbank.personen[kennisbank.onderwerpen["jeugdagenda"].ambtelijk_opdrachtgever].naam
    assert ao in berichttekst_van(await een.stuur("AO jeugdagenda", id="zelfde-id"))
    assert ao in berichttekst_van(await twee.stuur("AO jeugdagenda", id="zelfde-id"))  # answered, not dropped


async def test_unknown_topic_is_logged_without_identity(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    antwoorden = await gesprek.stuur("wie is opdrachtgever voor de kerstmarkt?")
    assert berichttekst_van(antwoorden).startswith(services.diensten.teksten.tekst("opdrachtgever.niet_gevonden"))
    assert not [p.naam for p in services.kennisbank.bestanden.personen if p.naam in tekst_van(antwoorden).met_knoppen]
    async with services.sessies() as sessie:
        rij = (await sessie.scalars(select(OnbeantwoordeVraag))).one()
    assert "kerstmarkt" in rij.vraag
    assert rij.uitkomst == "NietGevonden"
    kolommen = set(OnbeantwoordeVraag.__table__.columns.keys())
    assert kolommen == {"id", "gemeente", "vraag", "kern", "uitkomst", "kandidaten", "gesteld_op"}  # no asker


async def test_concurrent_turn_in_the_same_conversation_keeps_the_newer_state(gesprek: TestGesprek, services, monkeypatch):
    """Two instances answer the same conversation at once: the later save meets an eTag conflict.
    The user is asked to resend (only that, not the stale question); the other turn's state is kept."""
    import asyncio
    import contextvars

    from bot.sql_storage import SqlStorage

    await gesprek.stuur("ik wil escaleren")  # a dialog is waiting for a choice
    opslag = SqlStorage(services.engine)
    sleutel = f"msteams/conversations/{gesprek.gesprek_id}"
    origineel = services.router.verwerk

    async def met_andere_instantie(turn_context):
        await origineel(turn_context)
        anders = (await opslag.read([sleutel]))[sleutel]  # the other instance saves in the meantime
        await asyncio.create_task(opslag.write({sleutel: anders}), context=contextvars.Context())

    monkeypatch.setattr(services.router, "verwerk", met_andere_instantie)
    antwoorden = await gesprek.stuur("Meningsverschil")
    assert len(antwoorden) == 1, antwoorden
    antwoord = tekst_van(antwoorden)
    assert "kruiste een ander bericht" in antwoord
    assert "er ging iets mis" not in antwoord.met_knoppen
    monkeypatch.setattr(services.router, "verwerk", origineel)
    assert (await opslag.read([sleutel]))[sleutel]["DialogState"].dialog_stack  # still there


async def test_a_dialog_alternates_between_two_instances(bot_client, settings, klok, kennisbank):
    """Behind a load balancer each message may reach another instance: the dialog state lives in
    the database, so the escalation choices continue wherever the next message lands."""
    from aiohttp.test_utils import TestClient, TestServer

    from bot.app import create_app

    tweede = TestClient(TestServer(create_app(settings, klok=klok)))
    await tweede.start_server()
    try:
        op_a = TestGesprek(bot_client, kennisbank, gesprek_id="lb-gesprek")
        op_b = TestGesprek(tweede, kennisbank, gesprek_id="lb-gesprek")
        assert "Waar gaat het over?" in tekst_van(await op_a.stuur("ik wil escaleren"))
        vervolg = tekst_van(await op_b.stuur("Meningsverschil"))
        assert "Waar gaat het over?" not in vervolg.met_knoppen and "herken ik niet" not in vervolg.met_knoppen
        assert "er ging iets mis" not in vervolg.met_knoppen
        # the same activity delivered to the other instance too (a retry) is handled once
        assert await op_a.stuur("help", id="lb-1")
        assert await op_b.stuur("help", id="lb-1") == []
    finally:
        await tweede.close()
