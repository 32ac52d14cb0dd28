"""Issue 14: the models and the migrations describe the same schema, on SQLite and PostgreSQL.
What `alembic check` does: autogenerate against a database migrated to head must find nothing
to do, so typing a column (a `StrEnum` stored as its string, a typed JSON column) never needs,
or silently lacks, a migration."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

import db.modellen  # noqa: F401 — every table on Base.metadata
from db.base import Base


def _verschillen(verbinding: Connection) -> list:
    context = MigrationContext.configure(verbinding, opts={"compare_type": True, "target_metadata": Base.metadata})
    return compare_metadata(context, Base.metadata)


async def test_autogenerate_finds_no_difference_after_the_migrations(engine: AsyncEngine) -> None:
    async with engine.connect() as verbinding:
        verschillen = await verbinding.run_sync(_verschillen)
    assert verschillen == []
