"""Declarative base with a naming convention, so constraint names are stable across databases."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """Aware datetimes stored as UTC and read back aware, also on SQLite (which drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, waarde: datetime | None, dialect) -> datetime | None:
        if waarde is None:
            return None
        if waarde.tzinfo is None:
            raise ValueError("tijdstippen moeten een tijdzone hebben")
        return waarde.astimezone(timezone.utc)

    def process_result_value(self, waarde: datetime | None, dialect) -> datetime | None:
        if waarde is None:
            return None
        return waarde.replace(tzinfo=timezone.utc) if waarde.tzinfo is None else waarde.astimezone(timezone.utc)


E = TypeVar("E", bound=StrEnum)


class OnbekendeWaarde(str):
    """A stored value the enum does not have, kept as its raw text: written by a newer version (a
    rolling upgrade adds a member before every instance knows it). It equals no member, so code that
    compares falls through to its default; code that shows it uses a neutral label (`bekend` is False).
    Written back unchanged it stays as it was."""

    __slots__ = ()
    bekend = False

    @property
    def value(self) -> str:
        return str(self)


class TekstEnum(TypeDecorator[E | OnbekendeWaarde], Generic[E]):
    """A `StrEnum` stored as its plain value in a VARCHAR (no database enum type, so the column is
    the same as a `String` one and a new member needs no migration) and read back as the enum.
    Writing a value the enum doesn't have raises instead of storing it (an `OnbekendeWaarde` read
    from the database is written back as it was).

    Reading a value the enum doesn't have gives an `OnbekendeWaarde` and one log line per value,
    never an exception: the row, the turn and the overview survive a newer version's value.
    `streng=True` raises instead, for a column whose value steers a protocol that cannot guess."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], lengte: int, *, streng: bool = False) -> None:
        super().__init__(lengte)
        self.enum = enum
        self.streng = streng
        self._gemeld: set[str] = set()

    def process_bind_param(self, waarde: str | None, dialect) -> str | None:
        if waarde is None:
            return None
        if isinstance(waarde, OnbekendeWaarde):
            return str(waarde)
        return self.enum(waarde).value

    def process_result_value(self, waarde: str | None, dialect) -> E | OnbekendeWaarde | None:
        if waarde is None:
            return None
        try:
            return self.enum(waarde)
        except ValueError:
            if self.streng:
                raise
        if waarde not in self._gemeld and len(self._gemeld) < 100:
            self._gemeld.add(waarde)
            log.warning(
                "Onbekende waarde %r voor %s in de database (door een nieuwere versie geschreven?); "
                "gelezen als onbekend, de rij blijft zoals hij is",
                waarde[:40],
                self.enum.__name__,
            )
        return OnbekendeWaarde(waarde)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}


def nu() -> datetime:
    """Current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)
