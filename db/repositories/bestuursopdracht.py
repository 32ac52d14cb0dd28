"""Stored bestuursopdracht checks: save once per `sleutel`, recall per user, export."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import inspect, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.gemeente import gemeente_van
from db.modellen.bestuursopdracht import BestuursopdrachtCheck


class BestuursopdrachtRepository:
    def __init__(self, sessie: AsyncSession) -> None:
        self.sessie = sessie

    async def bewaar(self, check: BestuursopdrachtCheck) -> tuple[BestuursopdrachtCheck, bool]:
        """Store the unsaved `check` unless its sleutel is already stored; returns (the stored row,
        newly stored) — `check` itself stays unsaved.

        Uses INSERT … ON CONFLICT DO NOTHING, so two concurrent submits of one card also store one row.
        The sleutel is unique within the session's gemeente: another gemeente's sleutel finds nothing.
        """
        dialect = self.sessie.get_bind().dialect.name
        per_dialect: dict[str, Callable[[type[BestuursopdrachtCheck]], postgresql.Insert | sqlite.Insert]] = {
            "postgresql": postgresql.insert,
            "sqlite": sqlite.insert,
        }
        invoegen = per_dialect[dialect]
        velden = {
            a.key: getattr(check, a.key) for a in inspect(BestuursopdrachtCheck).column_attrs if a.key not in ("id", "gemeente")
        }
        stmt = (
            invoegen(BestuursopdrachtCheck)
            .values(**{k: v for k, v in velden.items() if v is not None}, gemeente=gemeente_van(self.sessie))
            .on_conflict_do_nothing(index_elements=["gemeente", "sleutel"])
            .returning(BestuursopdrachtCheck.id)
        )
        nieuw_id = (await self.sessie.execute(stmt)).scalar_one_or_none()
        rij = await self.met_sleutel(check.sleutel)
        assert rij is not None
        return rij, nieuw_id is not None

    async def met_sleutel(self, sleutel: str) -> BestuursopdrachtCheck | None:
        stmt = select(BestuursopdrachtCheck).where(BestuursopdrachtCheck.sleutel == sleutel)
        return (await self.sessie.scalars(stmt.execution_options(populate_existing=True))).one_or_none()

    async def van_gebruiker(
        self, gebruiker_id: str, persoon_id: str | None = None, aantal: int = 10
    ) -> Sequence[BestuursopdrachtCheck]:
        """The user's latest checks, newest first (matched on user id, or on kennisbank persoon)."""
        voorwaarde = BestuursopdrachtCheck.gebruiker_id == gebruiker_id
        if persoon_id:
            voorwaarde = or_(voorwaarde, BestuursopdrachtCheck.persoon_id == persoon_id)
        stmt = (
            select(BestuursopdrachtCheck)
            .where(voorwaarde)
            .order_by(BestuursopdrachtCheck.uitgevoerd_op.desc(), BestuursopdrachtCheck.id.desc())
        )
        return (await self.sessie.scalars(stmt.limit(aantal))).all()

    async def alle(self, persoon_id: str | None = None) -> Sequence[BestuursopdrachtCheck]:
        """Every check in order of execution (for the export), optionally of one persoon."""
        stmt = select(BestuursopdrachtCheck).order_by(BestuursopdrachtCheck.uitgevoerd_op, BestuursopdrachtCheck.id)
        if persoon_id:
            stmt = stmt.where(BestuursopdrachtCheck.persoon_id == persoon_id)
        return (await self.sessie.scalars(stmt)).all()
