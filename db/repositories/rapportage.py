"""Statusupdates (versioned, idempotent) and reminder leases.

`StatusupdateRepository` composes queries on a session the caller owns (scoped to the session's
gemeente, see `db.gemeente`). `bewaar_statusupdate`
is the one unit of work that owns its transactions: it adds a new version and retries when a
concurrent submission for the same onderwerp took the version number first.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, inspect, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.base import nu
from db.gemeente import gemeente_van
from db.modellen.rapportage import Herinnering, Herinneringsresultaat, Statusupdate

POGINGEN = 20


@dataclass(frozen=True)
class Opgeslagen:
    update: Statusupdate
    nieuw: bool
    """False when this sleutel had been stored before (retry or double click)."""


class StatusupdateRepository:
    def __init__(self, sessie: AsyncSession) -> None:
        self.sessie = sessie

    async def bij_sleutel(self, sleutel: str) -> Statusupdate | None:
        return await self.sessie.scalar(select(Statusupdate).where(Statusupdate.sleutel == sleutel))

    async def laatste(self, periode_id: str, onderwerp_id: str) -> Statusupdate | None:
        stmt = (
            select(Statusupdate)
            .where(Statusupdate.periode_id == periode_id, Statusupdate.onderwerp_id == onderwerp_id)
            .order_by(Statusupdate.versie.desc())
            .limit(1)
        )
        return await self.sessie.scalar(stmt)

    async def laatste_per_onderwerp(self, periode_id: str, onderwerp_ids: Sequence[str] | None = None) -> dict[str, Statusupdate]:
        """The latest version of every onderwerp that has one in this period."""
        hoogste = (
            select(Statusupdate.onderwerp_id, func.max(Statusupdate.versie).label("versie"))
            .where(Statusupdate.periode_id == periode_id)
            .group_by(Statusupdate.onderwerp_id)
        )
        if onderwerp_ids is not None:
            hoogste = hoogste.where(Statusupdate.onderwerp_id.in_(list(onderwerp_ids)))
        hoogste_sub = hoogste.subquery()
        stmt = (
            select(Statusupdate)
            .join(
                hoogste_sub,
                (Statusupdate.onderwerp_id == hoogste_sub.c.onderwerp_id) & (Statusupdate.versie == hoogste_sub.c.versie),
            )
            .where(Statusupdate.periode_id == periode_id)
        )
        return {u.onderwerp_id: u for u in (await self.sessie.scalars(stmt)).all()}

    async def historie(self, periode_id: str, onderwerp_id: str | None = None) -> Sequence[Statusupdate]:
        """Every version, per onderwerp oldest first."""
        stmt = select(Statusupdate).where(Statusupdate.periode_id == periode_id)
        if onderwerp_id is not None:
            stmt = stmt.where(Statusupdate.onderwerp_id == onderwerp_id)
        stmt = stmt.order_by(Statusupdate.onderwerp_id, Statusupdate.versie)
        return (await self.sessie.scalars(stmt)).all()

    async def laatste_voor_onderwerp(self, onderwerp_id: str) -> Statusupdate | None:
        """The most recent version in any period (to pre-fill a new period's card)."""
        stmt = (
            select(Statusupdate)
            .where(Statusupdate.onderwerp_id == onderwerp_id)
            .order_by(Statusupdate.ingediend_op.desc(), Statusupdate.id.desc())
            .limit(1)
        )
        return await self.sessie.scalar(stmt)

    async def vergrendel(self, periode_id: str, onderwerp_id: str) -> None:
        """PostgreSQL: serialise submissions for one onderwerp until the transaction ends, so
        concurrent ones queue instead of racing for the same versie. SQLite serialises writes itself."""
        if self.sessie.get_bind().dialect.name == "postgresql":
            await self.sessie.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:sleutel))"),
                {"sleutel": f"statusupdate:{gemeente_van(self.sessie)}:{periode_id}:{onderwerp_id}"},
            )

    async def voeg_versie_toe(self, nieuw: Statusupdate) -> Statusupdate:
        """Insert a copy of the unsaved `nieuw` as the next version (`nieuw` itself stays unsaved, so a
        retry can copy it again); raises IntegrityError when a concurrent insert won."""
        huidige = await self.sessie.scalar(
            select(func.max(Statusupdate.versie)).where(
                Statusupdate.periode_id == nieuw.periode_id, Statusupdate.onderwerp_id == nieuw.onderwerp_id
            )
        )
        velden = {
            a.key: getattr(nieuw, a.key) for a in inspect(Statusupdate).column_attrs if a.key not in ("id", "versie", "gemeente")
        }
        rij = Statusupdate(**{k: v for k, v in velden.items() if v is not None}, versie=(huidige or 0) + 1)
        self.sessie.add(rij)
        await self.sessie.flush()
        return rij


class Sloten:
    """In-process queue per (periode, onderwerp): concurrent submissions for one onderwerp wait here
    without holding a database connection; the advisory lock still serialises across instances."""

    def __init__(self) -> None:
        self._sloten: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = weakref.WeakValueDictionary()

    def slot(self, periode_id: str, onderwerp_id: str) -> asyncio.Lock:
        sleutel = (periode_id, onderwerp_id)
        slot = self._sloten.get(sleutel)
        if slot is None:
            slot = asyncio.Lock()
            self._sloten[sleutel] = slot
        return slot


async def bewaar_statusupdate(
    sessies: async_sessionmaker[AsyncSession], nieuw: Statusupdate, sloten: Sloten | None = None
) -> Opgeslagen:
    """Store the unsaved `nieuw` (content, `ingediend_door`, `sleutel`) as the next version exactly
    once per sleutel, in its own transaction; returns the stored row."""
    if sloten is None:
        return await _bewaar(sessies, nieuw)
    async with sloten.slot(nieuw.periode_id, nieuw.onderwerp_id):
        return await _bewaar(sessies, nieuw)


async def _bewaar(sessies: async_sessionmaker[AsyncSession], nieuw: Statusupdate) -> Opgeslagen:
    laatste_fout: Exception | None = None
    for poging in range(POGINGEN):
        try:
            async with sessies.begin() as sessie:
                repo = StatusupdateRepository(sessie)
                await repo.vergrendel(nieuw.periode_id, nieuw.onderwerp_id)
                bestaand = await repo.bij_sleutel(nieuw.sleutel)
                if bestaand is not None:
                    return Opgeslagen(bestaand, nieuw=False)
                return Opgeslagen(await repo.voeg_versie_toe(nieuw), nieuw=True)
        except (IntegrityError, OperationalError) as fout:
            # Another transaction took this versie or this sleutel (or SQLite was busy): look again.
            laatste_fout = fout
            await asyncio.sleep(0.005 * (poging + 1))
    raise RuntimeError("statusupdate kon niet worden opgeslagen") from laatste_fout


class HerinneringRepository:
    def __init__(self, sessie: AsyncSession) -> None:
        self.sessie = sessie

    async def verstuurd_of_bezig(self, periode_id: str, moment: datetime, *, verlopen_voor: datetime | None = None) -> set[str]:
        """Persons whose reminder is done or being sent; a `bezig` claim from before
        `verlopen_voor` (its lease expired: the sender died) does not count."""
        stmt = select(Herinnering.persoon_id).where(Herinnering.periode_id == periode_id, Herinnering.moment == moment)
        if verlopen_voor is not None:
            stmt = stmt.where((Herinnering.resultaat != Herinneringsresultaat.BEZIG) | (Herinnering.geclaimd_op >= verlopen_voor))
        return set((await self.sessie.scalars(stmt)).all())

    async def alle(self, periode_id: str | None = None) -> Sequence[Herinnering]:
        stmt = select(Herinnering).order_by(Herinnering.id)
        if periode_id is not None:
            stmt = stmt.where(Herinnering.periode_id == periode_id)
        return (await self.sessie.scalars(stmt)).all()


async def claim_herinnering(
    sessies: async_sessionmaker[AsyncSession],
    periode_id: str,
    moment: datetime,
    persoon_id: str,
    *,
    tijd: datetime | None = None,
    lease: timedelta | None = None,
) -> int | None:
    """Take the lease for one reminder; None when another instance (or an earlier pass) has it.
    With `lease`, a claim still `bezig` after that long (its sender died) is taken over."""
    tijd = tijd or nu()
    try:
        async with sessies.begin() as sessie:
            rij = Herinnering(periode_id=periode_id, moment=moment, persoon_id=persoon_id, geclaimd_op=tijd)
            sessie.add(rij)
            await sessie.flush()
            return rij.id
    except IntegrityError:
        if lease is None:
            return None
    async with sessies.begin() as sessie:
        sleutel = (Herinnering.periode_id == periode_id, Herinnering.moment == moment, Herinnering.persoon_id == persoon_id)
        overgenomen = await sessie.execute(
            update(Herinnering)
            .where(*sleutel, Herinnering.resultaat == Herinneringsresultaat.BEZIG, Herinnering.geclaimd_op < tijd - lease)
            .values(geclaimd_op=tijd)
        )
        if cast(CursorResult[Any], overgenomen).rowcount != 1:  # an UPDATE's result is a CursorResult
            return None
        return await sessie.scalar(select(Herinnering.id).where(*sleutel))


async def markeer_herinnering(
    sessies: async_sessionmaker[AsyncSession], herinnering_id: int, resultaat: Herinneringsresultaat
) -> None:
    async with sessies.begin() as sessie:
        await sessie.execute(
            update(Herinnering)
            .where(Herinnering.id == herinnering_id)
            .values(resultaat=resultaat, verstuurd_op=nu() if resultaat == Herinneringsresultaat.VERSTUURD else None)
        )


async def geef_herinnering_vrij(sessies: async_sessionmaker[AsyncSession], herinnering_id: int) -> None:
    """Drop a lease whose send failed, so a later pass tries again."""
    async with sessies.begin() as sessie:
        rij = await sessie.get(Herinnering, herinnering_id)
        if rij is not None:
            await sessie.delete(rij)
