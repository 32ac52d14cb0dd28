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
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.modellen.fundament import BotStatus


class EtagConflict(Exception):
    """The stored item changed since it was read (another turn or instance wrote it)."""


class SqlStorage(Storage):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine  # Core statements on a connection: this runs on every turn

    async def read(self, keys: list[str]) -> dict[str, Any]:
        if not keys:
            return {}
        stmt = select(BotStatus.sleutel, BotStatus.data, BotStatus.etag).where(BotStatus.sleutel.in_(keys))
        async with self._engine.connect() as verbinding:
            rijen = (await verbinding.execute(stmt)).all()
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
        async with self._engine.begin() as verbinding:
            for sleutel, waarde in changes.items():
                await self._schrijf(verbinding, sleutel, waarde)

    async def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        async with self._engine.begin() as verbinding:
            await verbinding.execute(delete(BotStatus).where(BotStatus.sleutel.in_(keys)))

    async def _schrijf(self, verbinding: AsyncConnection, sleutel: str, waarde: Any) -> None:
        verwacht = _etag(waarde)
        nieuwe_etag = uuid.uuid4().hex
        data = jsonpickle.encode(_zonder_etag(waarde), keys=True)
        if verwacht in (None, "*"):
            bijgewerkt = await verbinding.execute(
                update(BotStatus).where(BotStatus.sleutel == sleutel).values(data=data, etag=nieuwe_etag)
            )
            if bijgewerkt.rowcount == 0:
                await self._voeg_toe(verbinding, sleutel, data, nieuwe_etag)
        else:
            bijgewerkt = await verbinding.execute(
                update(BotStatus)
                .where(BotStatus.sleutel == sleutel, BotStatus.etag == verwacht)
                .values(data=data, etag=nieuwe_etag)
            )
            if bijgewerkt.rowcount == 0:
                raise EtagConflict(f"Status {sleutel!r} is intussen gewijzigd (eTag {verwacht}).")
        _zet_etag(waarde, nieuwe_etag)

    async def _voeg_toe(self, verbinding: AsyncConnection, sleutel: str, data: str, etag: str) -> None:
        try:
            async with verbinding.begin_nested():
                await verbinding.execute(insert(BotStatus).values(sleutel=sleutel, data=data, etag=etag))
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
