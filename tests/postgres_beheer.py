"""A throw-away PostgreSQL database for tests that need one of their own (a crashing bot process,
migrations from an old schema): created on the test server and dropped afterwards."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from db.engine import DatabaseTijden, maak_engine
from tests.conftest import POSTGRES_URL, SKIP_POSTGRES

BEHEER_TIJDEN = DatabaseTijden(verbinden=30, opdracht=120, pool=30)
"""CREATE/DROP DATABASE take long on a busy shared server (the app's statement timeout is 10 s)."""


async def voer_beheer_uit(url: str, sql: str) -> None:
    """Run `sql` (statements separated by ';') in autocommit, as CREATE/DROP DATABASE need."""
    engine = maak_engine(url, tijden=BEHEER_TIJDEN).execution_options(isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as verbinding:
            for opdracht in sql.split(";"):
                await verbinding.execute(sa.text(opdracht))
    finally:
        await engine.dispose()


@contextmanager
def tijdelijke_database(voorvoegsel: str) -> Iterator[str]:
    """The URL of a new, empty database named `<voorvoegsel>_<random>`, dropped on exit."""
    naam = f"{voorvoegsel}_{uuid.uuid4().hex[:10]}"
    beheer = make_url(POSTGRES_URL).render_as_string(False)
    try:
        asyncio.run(voer_beheer_uit(beheer, f'CREATE DATABASE "{naam}"'))
    except Exception as fout:  # noqa: BLE001
        if SKIP_POSTGRES:
            pytest.skip(f"PostgreSQL niet bereikbaar: {fout}")
        raise
    try:
        yield make_url(POSTGRES_URL).set(database=naam).render_as_string(False)
    finally:
        asyncio.run(voer_beheer_uit(beheer, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
