"""A botbuilder `Storage` in the SQL database, with eTag optimistic concurrency.

The Python SDK ships only MemoryStorage (and Azure stores); this keeps dialog and user state in
our own database, so a conversation survives a restart and several instances can share it.
Values are serialised with jsonpickle (the SDK's own state objects, e.g. DialogState).

Inside `with opslag.beurt() as buffer:` writes are held in `buffer` instead of committed, so the
turn transaction (`bot.middleware.DubbeleLeveringFilter`) can write them together with the
activity's marker: `await opslag.schrijf_uit(verbinding, buffer)`.

`Gespreksstatus` and `Gebruikersstatus` are the SDK's conversation and user state on this storage,
serialising each turn's state once: the SDK tells a changed state by serialising it for a "hash"
when it is read and again at the end of the turn, and then the storage serialises it a third
time to write it (and the SDK a fourth time for the next hash). Here the stored text is the hash.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import jsonpickle
from botbuilder.core import ConversationState, Storage, TurnContext, UserState
from botbuilder.core.bot_state import BotState, CachedBotState
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import ClauseElement

from bot import beurtopdrachten
from db.base import nu
from db.driveropdracht import Driveropdracht
from db.gemeente import STANDAARD_GEMEENTE
from db.modellen.fundament import BotStatus
from dialogen.gespreksgeheugen import EIGENSCHAP as GESPREKSGEHEUGEN

LICHTE_EIGENSCHAPPEN = frozenset({GESPREKSGEHEUGEN})
"""Conversation-state properties whose change alone is not worth a disk flush (see `ZONDER_FSYNC`)."""


class EtagConflict(Exception):
    """The stored item changed since it was read (another turn or instance wrote it)."""


@dataclass
class _Wijziging:
    verwacht: str | None
    data: str
    etag: str


@dataclass
class Schrijfbuffer:
    """The state writes of one turn, held until the turn transaction commits them."""

    open: bool = True
    doorgegeven: bool = False
    """The turn handed its end to work that outlives it (`bot.nawerk`): leaving `beurt()` keeps this open."""
    wijzigingen: dict[str, _Wijziging] = field(default_factory=dict)
    vooraf: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    """Rows read ahead in the claim transaction (None: no row), served once by `read`."""
    gelezen: dict[str, str] = field(default_factory=dict)
    """The stored data this turn read, per key: to tell a light change from a real one."""

    def is_licht(self) -> bool:
        """Do the held writes change only light properties (`LICHTE_EIGENSCHAPPEN`) of what was read?"""
        return bool(self.wijzigingen) and all(
            sleutel in self.gelezen and _zonder_licht(self.gelezen[sleutel]) == _zonder_licht(w.data)
            for sleutel, w in self.wijzigingen.items()
        )

    def houd_vast(self, sleutel: str, wijziging: _Wijziging) -> None:
        eerder = self.wijzigingen.get(sleutel)
        if eerder is not None:  # saved twice in one turn: check against what the turn read
            wijziging.verwacht = eerder.verwacht
        self.wijzigingen[sleutel] = wijziging


_BUFFER: ContextVar[Schrijfbuffer | None] = ContextVar("sturingsbot_schrijfbuffer", default=None)


class SqlStorage(Storage):
    """The state of one gemeente: every row it reads or writes has `gemeente`."""

    def __init__(self, engine: AsyncEngine, gemeente: str = STANDAARD_GEMEENTE) -> None:
        self.gemeente = gemeente
        self._engine = engine  # Core statements on a connection: this runs on every turn
        self._autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._schrijfslot = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        self.is_postgres = engine.dialect.name == "postgresql"
        self._driveropdrachten: dict[int, tuple[ClauseElement, Driveropdracht]] = {}
        """SQLite has one writer at a time: our turns queue here, in order, instead of in SQLite's
        busy handler (which sleeps and retries, and made the slowest turns take seconds)."""

    @asynccontextmanager
    async def autocommit(self) -> AsyncIterator[AsyncConnection]:
        """A connection where each statement commits by itself: no BEGIN/COMMIT round trips.
        On SQLite one short transaction instead: switching aiosqlite to autocommit and back costs
        two extra trips to its thread."""
        if self._schrijfslot is not None:
            async with self.schrijf_transactie() as verbinding:
                yield verbinding
            return
        async with self._autocommit_engine.connect() as verbinding:
            yield verbinding

    @asynccontextmanager
    async def schrijf_transactie(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction on the engine (on SQLite after the turns queued before it)."""
        if self._schrijfslot is None:
            async with self._engine.begin() as verbinding:
                yield verbinding
            return
        async with self._engine.connect() as verbinding:  # checking out and back in: outside the queue
            async with self._schrijfslot:
                async with verbinding.begin():
                    yield verbinding

    @contextmanager
    def beurt(self) -> Iterator[Schrijfbuffer]:
        """Hold this task's writes (and those of tasks it starts) until `buffer.open` turns False."""
        buffer = Schrijfbuffer()
        token = _BUFFER.set(buffer)
        try:
            yield buffer
        finally:
            if not buffer.doorgegeven:
                buffer.open = False
            _BUFFER.reset(token)

    async def schrijf_uit(self, verbinding: AsyncConnection, buffer: Schrijfbuffer) -> None:
        """Write the held changes in the caller's transaction; EtagConflict if one is stale."""
        buffer.open = False
        for sleutel, wijziging in buffer.wijzigingen.items():
            await self._schrijf_rij(verbinding, sleutel, wijziging)

    async def schrijf_met_klaar(self, buffer: Schrijfbuffer, claim_id: int, eigenaar: str) -> bool:
        """PostgreSQL, one held state document: write it and mark the turn's activity `klaar` in ONE
        statement (`bot.beurtopdrachten.status_met_klaar`), without a disk flush when the change is
        light. False when nothing was written (a stale eTag or a lost claim; the caller finds out which)."""
        buffer.open = False
        licht = buffer.is_licht()
        ((sleutel, wijziging),) = buffer.wijzigingen.items()
        overschrijven = wijziging.verwacht in (None, "*")
        parameters = {
            **beurtopdrachten.status_parameters(self.gemeente, sleutel, wijziging.data, wijziging.etag, wijziging.verwacht, nu()),
            **beurtopdrachten.klaar_parameters(claim_id, eigenaar),
        }
        try:
            async with self.autocommit() as verbinding:
                await self.driver_rijen(verbinding, beurtopdrachten.status_met_klaar(overschrijven, licht), parameters)
        except DBAPIError as fout:
            if _sqlstate(fout) != DELING_DOOR_NUL:
                raise
            return False
        return True

    async def driver_rijen(
        self, verbinding: AsyncConnection, opdracht: ClauseElement, parameters: dict[str, Any]
    ) -> Sequence[Any]:
        """PostgreSQL: run one of the turn's fixed statements straight on the driver (`db.driveropdracht`),
        compiled once per statement; rows are asyncpg records (`rij["kolom"]`)."""
        bekend = self._driveropdrachten.get(id(opdracht))
        if bekend is None or bekend[0] is not opdracht:
            bekend = (opdracht, Driveropdracht(opdracht, self._engine.dialect))
            self._driveropdrachten[id(opdracht)] = bekend
        return await bekend[1].rijen(self._engine, verbinding, parameters)

    async def lees_vooruit(self, verbinding: AsyncConnection, buffer: Schrijfbuffer, sleutels: list[str]) -> None:
        """Read these items in the caller's transaction; the turn's first `read` of them needs no query."""
        stmt = select(BotStatus.sleutel, BotStatus.data, BotStatus.etag).where(
            BotStatus.gemeente == self.gemeente, BotStatus.sleutel.in_(sleutels)
        )
        self.neem_vooraf(buffer, sleutels, [(r.sleutel, r.data, r.etag) for r in (await verbinding.execute(stmt)).all()])

    @staticmethod
    def neem_vooraf(buffer: Schrijfbuffer, sleutels: list[str], rijen: list[tuple[str, str, str]]) -> None:
        """Rows (sleutel, data, etag) read ahead by the caller, for the turn's first `read`."""
        buffer.vooraf = dict.fromkeys(sleutels)
        for sleutel, data, etag in rijen:
            buffer.vooraf[sleutel] = (data, etag)
            buffer.gelezen[sleutel] = data

    async def read(self, keys: list[str]) -> dict[str, Any]:
        if not keys:
            return {}
        buffer = _BUFFER.get()
        if buffer is not None and buffer.open and all(sleutel in buffer.vooraf for sleutel in keys):
            gelezen: dict[str, Any] = {}
            for sleutel in keys:
                bewaard = buffer.vooraf.pop(sleutel)
                if bewaard is not None:
                    gelezen[sleutel] = _decodeer(*bewaard)
            return gelezen
        stmt = select(BotStatus.sleutel, BotStatus.data, BotStatus.etag).where(
            BotStatus.gemeente == self.gemeente, BotStatus.sleutel.in_(keys)
        )
        async with self._engine.connect() as verbinding:
            rijen = (await verbinding.execute(stmt)).all()
            gelezen = {}
            for rij in rijen:
                gelezen[rij.sleutel] = _decodeer(rij.data, rij.etag)
                if buffer is not None and buffer.open:
                    buffer.gelezen[rij.sleutel] = rij.data
            return gelezen

    @staticmethod
    def gelezen_tekst(sleutel: str) -> str | None:
        """The stored text (serialisation without eTag) of what this turn last read under `sleutel`."""
        buffer = _BUFFER.get()
        return buffer.gelezen.get(sleutel) if buffer is not None else None

    async def write(self, changes: dict[str, Any]) -> None:
        if changes is None:
            raise ValueError("changes is verplicht")
        await self.schrijf_met_tekst({sleutel: (waarde, None) for sleutel, waarde in changes.items()})

    async def schrijf_met_tekst(self, changes: dict[str, tuple[Any, str | None]]) -> None:
        """`write`, given each item's serialisation (`codeer`) where the caller has it already."""
        if not changes:
            return
        buffer = _BUFFER.get()
        if buffer is not None and buffer.open:
            for sleutel, (waarde, tekst) in changes.items():
                buffer.houd_vast(sleutel, _bereid_voor(waarde, tekst))
                _zet_etag(waarde, buffer.wijzigingen[sleutel].etag)
            return
        geschreven = {sleutel: _bereid_voor(waarde, tekst) for sleutel, (waarde, tekst) in changes.items()}
        async with self.schrijf_transactie() as verbinding:
            for sleutel, wijziging in geschreven.items():
                await self._schrijf_rij(verbinding, sleutel, wijziging)
        for sleutel, (waarde, _tekst) in changes.items():
            _zet_etag(waarde, geschreven[sleutel].etag)

    async def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        buffer = _BUFFER.get()
        if buffer is not None:
            for sleutel in keys:
                buffer.wijzigingen.pop(sleutel, None)
                buffer.vooraf.pop(sleutel, None)
        async with self.schrijf_transactie() as verbinding:
            await verbinding.execute(delete(BotStatus).where(BotStatus.gemeente == self.gemeente, BotStatus.sleutel.in_(keys)))

    async def _schrijf_rij(self, verbinding: AsyncConnection, sleutel: str, wijziging: _Wijziging) -> None:
        verwacht, data, nieuwe_etag = wijziging.verwacht, wijziging.data, wijziging.etag
        if verwacht in (None, "*"):
            bijgewerkt = await verbinding.execute(
                update(BotStatus)
                .where(BotStatus.gemeente == self.gemeente, BotStatus.sleutel == sleutel)
                .values(data=data, etag=nieuwe_etag)
            )
            if bijgewerkt.rowcount == 0:
                await self._voeg_toe(verbinding, sleutel, data, nieuwe_etag)
        else:
            bijgewerkt = await verbinding.execute(
                update(BotStatus)
                .where(BotStatus.gemeente == self.gemeente, BotStatus.sleutel == sleutel, BotStatus.etag == verwacht)
                .values(data=data, etag=nieuwe_etag)
            )
            if bijgewerkt.rowcount == 0:
                raise EtagConflict(f"Status {sleutel!r} is intussen gewijzigd (eTag {verwacht}).")

    async def _voeg_toe(self, verbinding: AsyncConnection, sleutel: str, data: str, etag: str) -> None:
        try:
            async with verbinding.begin_nested():
                await verbinding.execute(insert(BotStatus).values(gemeente=self.gemeente, sleutel=sleutel, data=data, etag=etag))
        except IntegrityError:
            raise EtagConflict(f"Status {sleutel!r} is tegelijk door een ander aangemaakt.") from None


DELING_DOOR_NUL = "22012"


def _sqlstate(fout: DBAPIError) -> str | None:
    for oorzaak in (fout.orig, getattr(fout.orig, "__cause__", None)):
        code = getattr(oorzaak, "sqlstate", None) or getattr(oorzaak, "pgcode", None)
        if code:
            return code
    return None


def _zonder_licht(data: str) -> Any:
    """The stored document without its light properties (a state document is a JSON object)."""
    try:
        waarde = json.loads(data)
    except ValueError:
        return data
    if isinstance(waarde, dict):
        return {k: v for k, v in waarde.items() if k not in LICHTE_EIGENSCHAPPEN}
    return waarde


def _decodeer(data: str, etag: str) -> Any:
    waarde = jsonpickle.decode(data, keys=True)
    _zet_etag(waarde, etag)
    return waarde


def codeer(waarde: Any) -> str:
    """The stored text of a state item (without its eTag)."""
    return jsonpickle.encode(_zonder_etag(waarde), keys=True)


def _bereid_voor(waarde: Any, tekst: str | None = None) -> _Wijziging:
    """Serialise now (later changes to the object are not written), with a new eTag."""
    return _Wijziging(_etag(waarde), codeer(waarde) if tekst is None else tekst, uuid.uuid4().hex)


class _GecodeerdeStatus(CachedBotState):
    """A turn's cached state whose "hash" is its stored text (None: nothing stored yet)."""

    def __init__(self, state: dict[str, Any] | None, tekst: str | None) -> None:
        self.state = state if state is not None else {}
        self.hash = tekst

    @property
    def is_changed(self) -> bool:
        return self.nieuwe_tekst() is not None

    def nieuwe_tekst(self) -> str | None:
        """The state's text when it differs from the stored one, else None."""
        tekst = codeer(self.state)
        return None if tekst == self.hash else tekst


class _EenmaalGecodeerd(BotState):
    """`BotState.load` and `save_changes` on a `SqlStorage`, serialising the state once per turn."""

    async def load(self, turn_context: TurnContext, force: bool = False) -> None:
        if not isinstance(self._storage, SqlStorage):
            await super().load(turn_context, force)
            return
        bewaard = self.get_cached_state(turn_context)
        if force or not bewaard or not bewaard.state:
            sleutel = self.get_storage_key(turn_context)
            waarde = (await self._storage.read([sleutel])).get(sleutel)
            tekst = None if waarde is None else self._storage.gelezen_tekst(sleutel) or codeer(waarde)
            turn_context.turn_state[self._context_service_key] = _GecodeerdeStatus(waarde, tekst)

    async def save_changes(self, turn_context: TurnContext, force: bool = False) -> None:
        bewaard = self.get_cached_state(turn_context)
        if not isinstance(bewaard, _GecodeerdeStatus) or not isinstance(self._storage, SqlStorage):
            await super().save_changes(turn_context, force)
            return
        tekst = bewaard.nieuwe_tekst()
        if tekst is None and force:
            tekst = codeer(bewaard.state)
        if tekst is not None:
            await self._storage.schrijf_met_tekst({self.get_storage_key(turn_context): (bewaard.state, tekst)})
            bewaard.hash = tekst


class Gespreksstatus(_EenmaalGecodeerd, ConversationState):
    """The SDK's `ConversationState`; on a `SqlStorage` it serialises the state once per turn."""


class Gebruikersstatus(_EenmaalGecodeerd, UserState):
    """The SDK's `UserState`; on a `SqlStorage` it serialises the state once per turn."""


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
