"""A botbuilder `Storage` in the SQL database, with eTag optimistic concurrency.

The Python SDK ships only MemoryStorage (and Azure stores); this keeps dialog and user state in
our own database, so a conversation survives a restart and several instances can share it.
Values are serialised with jsonpickle (the SDK's own state objects, e.g. DialogState).
"""

from __future__ import annotations

import uuid
from typing import Any

import jsonpickle
from botbuilder.core import Storage
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.modellen.fundament import BotStatus


class EtagConflict(Exception):
    """The stored item changed since it was read (another turn or instance wrote it)."""


class SqlStorage(Storage):
    def __init__(self, sessies: async_sessionmaker[AsyncSession]) -> None:
        self._sessies = sessies

    async def read(self, keys: list[str]) -> dict[str, Any]:
        if not keys:
            return {}
        async with self._sessies() as sessie:
            rijen = (await sessie.execute(select(BotStatus).where(BotStatus.sleutel.in_(keys)))).scalars()
            gelezen: dict[str, Any] = {}
            for rij in rijen:
                waarde = jsonpickle.decode(rij.data, keys=True)
                _zet_etag(waarde, rij.etag)
                gelezen[rij.sleutel] = waarde
            return gelezen

    async def write(self, changes: dict[str, Any]) -> None:
        if changes is None:
            raise ValueError("changes is verplicht")
        if not changes:
            return
        async with self._sessies.begin() as sessie:
            for sleutel, waarde in changes.items():
                await self._schrijf(sessie, sleutel, waarde)

    async def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        async with self._sessies.begin() as sessie:
            await sessie.execute(delete(BotStatus).where(BotStatus.sleutel.in_(keys)))

    async def _schrijf(self, sessie: AsyncSession, sleutel: str, waarde: Any) -> None:
        verwacht = _etag(waarde)
        nieuwe_etag = uuid.uuid4().hex
        data = jsonpickle.encode(_zonder_etag(waarde), keys=True)
        if verwacht in (None, "*"):
            bijgewerkt = await sessie.execute(
                update(BotStatus).where(BotStatus.sleutel == sleutel).values(data=data, etag=nieuwe_etag)
            )
            if bijgewerkt.rowcount == 0:
                await self._voeg_toe(sessie, sleutel, data, nieuwe_etag)
        else:
            bijgewerkt = await sessie.execute(
                update(BotStatus)
                .where(BotStatus.sleutel == sleutel, BotStatus.etag == verwacht)
                .values(data=data, etag=nieuwe_etag)
            )
            if bijgewerkt.rowcount == 0:
                raise EtagConflict(f"Status {sleutel!r} is intussen gewijzigd (eTag {verwacht}).")
        _zet_etag(waarde, nieuwe_etag)

    async def _voeg_toe(self, sessie: AsyncSession, sleutel: str, data: str, etag: str) -> None:
        try:
            async with sessie.begin_nested():
                await sessie.execute(insert(BotStatus).values(sleutel=sleutel, data=data, etag=etag))
        except IntegrityError:
            raise EtagConflict(f"Status {sleutel!r} is tegelijk door een ander aangemaakt.") from None


def _etag(waarde: Any) -> str | None:
    if isinstance(waarde, dict):
        return waarde.get("e_tag")
    return getattr(waarde, "e_tag", None)


def _zet_etag(waarde: Any, etag: str) -> None:
    if isinstance(waarde, dict):
        waarde["e_tag"] = etag
    elif hasattr(waarde, "e_tag"):
        waarde.e_tag = etag


def _zonder_etag(waarde: Any) -> Any:
    if isinstance(waarde, dict) and "e_tag" in waarde:
        return {k: v for k, v in waarde.items() if k != "e_tag"}
    return waarde
