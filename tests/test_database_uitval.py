"""Issue 10, item 6: a stopped or hung PostgreSQL never hangs the bot. Users get a Dutch message,
/healthz answers 503 within a few seconds, and the bot recovers by itself when the database is
back — with the conversation's dialog intact.

The test starts its own PostgreSQL (initdb + pg_ctl in a temp folder) so it can stop it, and puts
a TCP proxy in front of it that it can stall.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import GEZONDHEID_TIMEOUT, create_app
from bot.settings import Settings
from db.engine import DatabaseTijden
from tests.conftest import SKIP_POSTGRES, TestGesprek, tekst_van
from tests.postgres_instantie import StilTeLeggenProxy, TijdelijkePostgres, postgres_bin

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),  # the fixtures' database is not used
]
TIJDEN = DatabaseTijden(verbinden=2.0, opdracht=3.0, pool=2.0)
NIET_BEREIKBAAR = "gegevens nu even niet bereiken"


@pytest.fixture(scope="module")
def postgres() -> Iterator[TijdelijkePostgres]:
    """Like the other PostgreSQL tests: fail without PostgreSQL, unless STURINGSBOT_SKIP_POSTGRES=1."""
    if postgres_bin() is None:
        if SKIP_POSTGRES:
            pytest.skip("initdb/pg_ctl niet gevonden en STURINGSBOT_SKIP_POSTGRES=1")
        pytest.fail("initdb/pg_ctl van PostgreSQL niet gevonden (nodig voor de uitvaltest).", pytrace=False)
    instantie = TijdelijkePostgres()
    instantie.start()
    yield instantie
    instantie.opruimen()


@pytest.fixture
async def proxy(postgres: TijdelijkePostgres) -> AsyncIterator[StilTeLeggenProxy]:
    voor = StilTeLeggenProxy(postgres.poort)
    await voor.start()
    yield voor
    voor.hervat()
    await voor.stop()


async def _app(settings: Settings, url: str, klok) -> TestClient:
    instellingen = dataclasses.replace(settings, database_url=url, database_tijden=TIJDEN)
    client = TestClient(TestServer(create_app(instellingen, klok=klok)))
    await client.start_server()
    return client


async def _gezondheid(client: TestClient) -> int:
    antwoord = await client.get("/healthz")
    await antwoord.read()
    return antwoord.status


async def _wacht_tot_gezond(client: TestClient, seconden: float = 20) -> None:
    async with asyncio.timeout(seconden):
        while await _gezondheid(client) != 200:
            await asyncio.sleep(0.2)


def _geen_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    fouten = [(r.name, r.getMessage()[:150]) for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not fouten, fouten


async def test_stopped_postgres_gives_dutch_message_503_and_recovers(postgres, settings, klok, kennisbank, caplog):
    client = await _app(settings, postgres.url, klok)
    try:
        gesprek = TestGesprek(client, kennisbank)
        assert await _gezondheid(client) == 200
        await gesprek.stuur("ik wil escaleren")
        postgres.stop()
        async with asyncio.timeout(8):
            assert await _gezondheid(client) == 503
        async with asyncio.timeout(15):
            antwoord = tekst_van(await gesprek.stuur("Geld en budget"))
        assert NIET_BEREIKBAAR in antwoord
        postgres.start()
        await _wacht_tot_gezond(client)
        vervolg = tekst_van(await gesprek.stuur("Geld en budget"))
        assert NIET_BEREIKBAAR not in vervolg.met_knoppen and "budget" in vervolg.lower()  # the dialog went on
    finally:
        if not _draait(postgres):
            postgres.start()
        await client.close()
    _geen_tracebacks(caplog)


async def test_hung_postgres_gives_dutch_message_503_and_recovers(postgres, proxy, settings, klok, kennisbank, caplog):
    client = await _app(settings, proxy.url(), klok)
    try:
        gesprek = TestGesprek(client, kennisbank)
        assert await _gezondheid(client) == 200
        await gesprek.stuur("ik wil escaleren")
        proxy.stil()
        async with asyncio.timeout(GEZONDHEID_TIMEOUT + 1):
            assert await _gezondheid(client) == 503
        async with asyncio.timeout(20):
            antwoord = tekst_van(await gesprek.stuur("Geld en budget"))
        assert NIET_BEREIKBAAR in antwoord
        proxy.hervat()
        await _wacht_tot_gezond(client)
        vervolg = tekst_van(await gesprek.stuur("Geld en budget"))
        assert NIET_BEREIKBAAR not in vervolg.met_knoppen and "budget" in vervolg.lower()
    finally:
        proxy.hervat()
        await client.close()
    _geen_tracebacks(caplog)


async def test_the_first_turn_after_a_database_restart_is_answered(postgres, settings, klok, kennisbank, caplog):
    """The pool is not pinged before use: a connection that died with the restart must not cost a
    user's turn (it is retried on a fresh connection), nor make /healthz fail."""
    client = await _app(settings, postgres.url, klok)
    try:
        gesprek = TestGesprek(client, kennisbank)
        await gesprek.stuur("ik wil escaleren")
        postgres.stop()
        postgres.start()
        vervolg = tekst_van(await gesprek.stuur("Geld en budget"))  # no health check in between
        assert NIET_BEREIKBAAR not in vervolg.met_knoppen and "budget" in vervolg.lower()
        postgres.stop()
        postgres.start()
        assert await _gezondheid(client) == 200
    finally:
        if not _draait(postgres):
            postgres.start()
        await client.close()
    _geen_tracebacks(caplog)


def _draait(postgres: TijdelijkePostgres) -> bool:
    return (postgres.data / "postmaster.pid").exists()


async def test_locked_sqlite_gives_the_dutch_message_within_the_busy_timeout(settings, klok, kennisbank, caplog, tmp_path):
    """SQLite: another writer holding the lock longer than the busy timeout is an outage too."""
    import sqlite3

    bestand = tmp_path / "vergrendeld.db"
    client = await _app(settings, f"sqlite+aiosqlite:///{bestand}", klok)
    try:
        gesprek = TestGesprek(client, kennisbank)
        await gesprek.stuur("ik wil escaleren")
        slot = sqlite3.connect(bestand)
        slot.execute("BEGIN EXCLUSIVE")
        try:
            async with asyncio.timeout(TIJDEN.opdracht * 4):
                antwoord = tekst_van(await gesprek.stuur("Geld en budget"))
        finally:
            slot.rollback()
            slot.close()
        assert NIET_BEREIKBAAR in antwoord
        vervolg = tekst_van(await gesprek.stuur("Geld en budget"))
        assert NIET_BEREIKBAAR not in vervolg.met_knoppen and "budget" in vervolg.lower()
    finally:
        await client.close()
    _geen_tracebacks(caplog)
