"""Declarative base with a naming convention, so constraint names are stable across databases."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, MetaData
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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}


def nu() -> datetime:
    """Current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)
