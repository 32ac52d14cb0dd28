"""Completed bestuursopdracht checks: who, when, which opdracht, the answer per criterion, the
advice and the version of the criteria. One row per card instance (`sleutel`)."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, OnbekendeWaarde, TekstEnum, UtcDateTime, nu
from db.gemeente import GemeenteGebonden
from kennisbank.bestuursopdracht import Uitkomst


class Antwoord(TypedDict):
    """One criterium as it was answered, a snapshot readable without the kennisbank."""

    id: str
    tekst: str
    geldt: bool


class BestuursopdrachtCheck(GemeenteGebonden, Base):
    """Unsaved, it is also what `BestuursopdrachtRepository.bewaar` takes: one type for the record."""

    __tablename__ = "bestuursopdracht_check"
    __table_args__ = (UniqueConstraint("gemeente", "sleutel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(64))
    """Generated when the card (or text check) starts; a second submit finds the first row."""
    gebruiker_id: Mapped[str] = mapped_column(String(400), index=True)
    """Who: aad object id when known, otherwise the channel's user id."""
    aad_object_id: Mapped[str | None] = mapped_column(String(100))
    persoon_id: Mapped[str | None] = mapped_column(String(200), index=True)
    gebruiker_naam: Mapped[str | None] = mapped_column(String(200))
    kanaal: Mapped[str | None] = mapped_column(String(50))
    opdracht: Mapped[str] = mapped_column(Text)
    onderwerp_id: Mapped[str | None] = mapped_column(String(200))
    antwoorden: Mapped[list[Antwoord]] = mapped_column(JSON)
    """Per criterium, in order."""
    aantal_geldend: Mapped[int] = mapped_column(Integer)
    advies: Mapped[Uitkomst | OnbekendeWaarde] = mapped_column(TekstEnum(Uitkomst, 20))
    notitie: Mapped[str | None] = mapped_column(Text)
    criteria_versie: Mapped[str] = mapped_column(String(100))
    criteria_kenmerk: Mapped[str] = mapped_column(String(64))
    uitgevoerd_op: Mapped[datetime] = mapped_column(UtcDateTime(), default=nu, index=True)
