"""Statusupdates for the lente- and herfstrapportage, and the reminders sent about them.

Every submission is a new row (`versie` 1, 2, ... per onderwerp and periode): nothing is
overwritten, overviews read the highest versie. `sleutel` makes a submission idempotent (the card
carries it, so a channel retry or double click finds the row it already made).
A `Herinnering` row is written *before* a reminder is sent: its unique key (gemeente, periode,
moment, persoon) is the lease that stops a second bot instance from sending the same reminder.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Index, Numeric, String, Text, UniqueConstraint, inspect
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, OnbekendeWaarde, TekstEnum, nu
from db.gemeente import GemeenteGebonden


class Financieel(StrEnum):
    """The kind of a financial effect an update reports (with an amount)."""

    MEEVALLER = "meevaller"
    TEGENVALLER = "tegenvaller"


class Herinneringsresultaat(StrEnum):
    BEZIG = "bezig"
    """Claimed, being sent (a lease: see `bot.herinneringen`)."""
    VERSTUURD = "verstuurd"
    GEEN_REFERENTIE = "geen_referentie"
    """The person never talked to the bot: nowhere to send it."""
    MISLUKT = "mislukt"
    LAAT_TOEGESTAAN = "laat_toegestaan"
    """Not a reminder: a controller's permission for a late update (person, period)."""


BOEKHOUDING = frozenset({"id", "gemeente", "versie", "ingediend_door", "ingediend_door_aad", "ingediend_op", "sleutel"})
"""Columns of a `Statusupdate` that say who stored which version when; the others are its content."""


class Statusupdate(GemeenteGebonden, Base):
    """One version of an onderwerp's update in a period. Unsaved, with only its content (and who),
    it is also what a validated submission is (`dialogen.rapportage.invoer.valideer`) and what
    `bewaar_statusupdate` stores as the next version: the one type every layer passes around."""

    __tablename__ = "statusupdate"
    __table_args__ = (
        UniqueConstraint("gemeente", "periode_id", "onderwerp_id", "versie"),
        UniqueConstraint("gemeente", "sleutel"),
        Index("ix_statusupdate_periode_onderwerp", "gemeente", "periode_id", "onderwerp_id"),
        CheckConstraint("versie >= 1", name="versie_positief"),
        CheckConstraint(
            "(financieel_soort IS NULL AND financieel_bedrag IS NULL) OR "
            f"(financieel_soort IN ({', '.join(repr(s.value) for s in Financieel)}) "
            "AND financieel_bedrag IS NOT NULL AND financieel_bedrag > 0)",
            name="financieel_compleet",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[str] = mapped_column(String(100))
    onderwerp_id: Mapped[str] = mapped_column(String(200))
    versie: Mapped[int]
    status: Mapped[str] = mapped_column(String(40))
    toelichting: Mapped[str | None] = mapped_column(Text)
    financieel_soort: Mapped[Financieel | OnbekendeWaarde | None] = mapped_column(TekstEnum(Financieel, 20))
    financieel_bedrag: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    maatregel: Mapped[str | None] = mapped_column(Text)
    ingediend_door: Mapped[str] = mapped_column(String(200))
    """Persoon id (kennisbank)."""
    ingediend_door_aad: Mapped[str | None] = mapped_column(String(100))
    ingediend_op: Mapped[datetime] = mapped_column(default=nu)
    sleutel: Mapped[str] = mapped_column(String(100))

    def inhoud(self) -> dict[str, Any]:
        """What the manager submitted: every column but the bookkeeping (`BOEKHOUDING`)."""
        return {a.key: getattr(self, a.key) for a in inspect(Statusupdate).column_attrs if a.key not in BOEKHOUDING}


class Herinnering(GemeenteGebonden, Base):
    __tablename__ = "herinnering"
    __table_args__ = (UniqueConstraint("gemeente", "periode_id", "moment", "persoon_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[str] = mapped_column(String(100))
    moment: Mapped[datetime]
    persoon_id: Mapped[str] = mapped_column(String(200))
    geclaimd_op: Mapped[datetime] = mapped_column(default=nu)
    verstuurd_op: Mapped[datetime | None]
    resultaat: Mapped[Herinneringsresultaat | OnbekendeWaarde] = mapped_column(
        TekstEnum(Herinneringsresultaat, 40), default=Herinneringsresultaat.BEZIG
    )
