"""Questions the lookup could not answer confidently, for maintainers adding aliases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.modellen.fundament import OnbeantwoordeVraag


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
