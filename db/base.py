"""Declarative base with a naming convention, so constraint names are stable across databases."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

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


class TekstEnum(TypeDecorator[E], Generic[E]):
    """A `StrEnum` stored as its plain value in a VARCHAR (no database enum type, so the column is
    the same as a `String` one and a new member needs no migration) and read back as the enum.
    Writing a value the enum doesn't have raises instead of storing it."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], lengte: int) -> None:
        super().__init__(lengte)
        self.enum = enum

    def process_bind_param(self, waarde: str | None, dialect) -> str | None:
        return None if waarde is None else self.enum(waarde).value

    def process_result_value(self, waarde: str | None, dialect) -> E | None:
        return None if waarde is None else self.enum(waarde)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}


def nu() -> datetime:
    """Current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)
