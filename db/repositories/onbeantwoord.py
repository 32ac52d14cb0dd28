"""Questions the bot could not answer, for maintainers adding aliases and examples."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import CursorResult, Insert, bindparam, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.base import nu
from db.engine import ZONDER_FSYNC
from db.gemeente import gemeente_van
from db.modellen.fundament import OnbeantwoordeVraag

_VELDEN = ("gemeente", "vraag", "kern", "uitkomst", "kandidaten", "gesteld_op")


@cache
def _invoegen(postgres: bool) -> Insert:
    """One INSERT with bind parameters, built once; on PostgreSQL committed without waiting for the
    disk (`ZONDER_FSYNC`: a logged question is lost only in a crash of the database server)."""
    kolommen = OnbeantwoordeVraag.__table__.c
    waarden = [bindparam(k, type_=kolommen[k].type) for k in _VELDEN]
    if not postgres:
        return insert(OnbeantwoordeVraag).values(dict(zip(_VELDEN, waarden, strict=True)))
    return insert(OnbeantwoordeVraag).from_select(list(_VELDEN), select(*waarden).where(ZONDER_FSYNC))


async def log_onbeantwoord(
    sessies: async_sessionmaker[AsyncSession], vraag: str, kern: str, uitkomst: str, kandidaten: list[dict[str, Any]]
) -> None:
    """Log one unanswered question of the sessions' gemeente as ONE statement: on PostgreSQL a single
    round trip on an autocommit connection (no BEGIN, no COMMIT, no disk flush), on SQLite one short
    transaction. Never who asked."""
    engine: AsyncEngine = sessies.kw["bind"]
    postgres = engine.dialect.name == "postgresql"
    waarden = {
        "gemeente": gemeente_van(sessies),
        "vraag": vraag[:1000],
        "kern": kern[:1000],
        "uitkomst": uitkomst,
        "kandidaten": kandidaten,
        "gesteld_op": nu(),
    }
    if postgres:
        async with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as verbinding:
            await verbinding.execute(_invoegen(True), waarden)
        return
    async with engine.begin() as verbinding:
        await verbinding.execute(_invoegen(False), waarden)


class OnbeantwoordRepository:
    def __init__(self, sessie: AsyncSession) -> None:
        self.sessie = sessie

    def voeg_toe(self, vraag: str, kern: str, uitkomst: str, kandidaten: list[dict]) -> None:
        self.sessie.add(OnbeantwoordeVraag(vraag=vraag, kern=kern, uitkomst=uitkomst, kandidaten=kandidaten))

    async def recent(self, aantal: int = 50) -> Sequence[OnbeantwoordeVraag]:
        stmt = select(OnbeantwoordeVraag).order_by(OnbeantwoordeVraag.gesteld_op.desc(), OnbeantwoordeVraag.id.desc())
        return (await self.sessie.scalars(stmt.limit(aantal))).all()

    async def wis_ouder_dan(self, grens: datetime) -> int:
        """Remove questions asked before `grens`; returns how many."""
        resultaat = await self.sessie.execute(delete(OnbeantwoordeVraag).where(OnbeantwoordeVraag.gesteld_op < grens))
        return cast(CursorResult[Any], resultaat).rowcount or 0  # a DELETE's result is a CursorResult
