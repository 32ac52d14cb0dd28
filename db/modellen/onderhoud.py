"""Maintenance jobs that one bot instance at a time may run (e.g. pruning old rows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.gemeente import GemeenteGebonden


class Onderhoudsclaim(GemeenteGebonden, Base):
    """A lease on a maintenance job of one gemeente: the instance whose `eigenaar` is here runs it
    until `verloopt_op`."""

    __tablename__ = "onderhoudsclaim"

    gemeente: Mapped[str] = mapped_column(String(100), primary_key=True)
    taak: Mapped[str] = mapped_column(String(100), primary_key=True)
    eigenaar: Mapped[str] = mapped_column(String(32))
    verloopt_op: Mapped[datetime]
