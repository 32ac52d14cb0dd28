"""Run Alembic migrations from code (start-up, `python -m bot db upgrade`, tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIES = Path(__file__).parent / "migrations"
MIGRATIE_SLOT = 4_711_2027  # PostgreSQL advisory lock id: one instance migrates at a time


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


async def upgrade(engine: AsyncEngine, revisie: str = "head", *, standaard_gemeente: str | None = None) -> None:
    """Bring the database to `revisie`; safe when several instances start at once.

    `standaard_gemeente`: the gemeente that rows stored before there were gemeenten move into
    (migration 0006); the first of the GEMEENTEN configuration, `standaard` when not given."""
    async with engine.begin() as verbinding:
        if engine.dialect.name == "postgresql":
            await verbinding.execute(text("SELECT pg_advisory_xact_lock(:slot)"), {"slot": MIGRATIE_SLOT})
        await verbinding.run_sync(_upgrade_sync, revisie, standaard_gemeente)


async def downgrade(engine: AsyncEngine, revisie: str) -> None:
    async with engine.begin() as verbinding:
        await verbinding.run_sync(_downgrade_sync, revisie)


async def huidige_revisie(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    async with engine.connect() as verbinding:
        return await verbinding.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def _upgrade_sync(verbinding: Connection, revisie: str, standaard_gemeente: str | None = None) -> None:
    config = alembic_config()
    config.attributes["connection"] = verbinding
    config.attributes["standaard_gemeente"] = standaard_gemeente
    command.upgrade(config, revisie)


def _downgrade_sync(verbinding: Connection, revisie: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = verbinding
    command.downgrade(config, revisie)
