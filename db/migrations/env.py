"""Alembic environment: runs on a connection handed over by db.migreren (the normal path),
or opens its own async engine from sqlalchemy.url when Alembic's CLI is used directly."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

import db.modellen  # noqa: F401  (registers every table on Base.metadata)
from db.base import Base

config = context.config
target_metadata = Base.metadata


def _run(verbinding: Connection) -> None:
    context.configure(
        connection=verbinding,
        target_metadata=target_metadata,
        render_as_batch=verbinding.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine() -> None:
    from db.engine import maak_engine

    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("Geen database-URL: geef sqlalchemy.url mee aan Alembic (zie db.migreren.alembic_config).")
    engine = maak_engine(url)
    async with engine.begin() as verbinding:
        await verbinding.run_sync(_run)
    await engine.dispose()


verbinding = config.attributes.get("connection")
if verbinding is not None:
    _run(verbinding)
else:
    asyncio.run(_run_with_own_engine())
