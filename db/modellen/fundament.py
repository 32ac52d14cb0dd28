"""Tables every feature relies on: bot state, processed activities, conversation references,
and questions the lookup could not answer confidently."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TekstEnum, nu
from db.gemeente import GemeenteGebonden


class BotStatus(GemeenteGebonden, Base):
    """One Bot Framework state document (conversation or user state), with an eTag."""

    __tablename__ = "bot_status"

    gemeente: Mapped[str] = mapped_column(String(100), primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(400), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    etag: Mapped[str] = mapped_column(String(64))
    gewijzigd_op: Mapped[datetime] = mapped_column(default=nu, onupdate=nu)


class Verwerking(StrEnum):
    """Where an incoming activity's turn is."""

    BEZIG = "bezig"
    KLAAR = "klaar"


BEZIG, KLAAR = Verwerking.BEZIG, Verwerking.KLAAR


class VerwerkteActiviteit(GemeenteGebonden, Base):
    """An incoming activity, claimed while its turn runs (`bezig`, with a lease) and `klaar` once its
    turn committed: a channel retry of a `klaar` id is dropped, one with an expired lease re-runs."""

    __tablename__ = "verwerkte_activiteit"
    __table_args__ = (UniqueConstraint("gemeente", "conversatie_id", "activiteit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversatie_id: Mapped[str] = mapped_column(String(400))
    activiteit_id: Mapped[str] = mapped_column(String(400))
    ontvangen_op: Mapped[datetime] = mapped_column(default=nu, index=True)
    status: Mapped[Verwerking] = mapped_column(TekstEnum(Verwerking, 10, streng=True), default=KLAAR, server_default=KLAAR.value)
    eigenaar: Mapped[str | None] = mapped_column(String(32))
    """The claim's token: only the turn holding it may mark the activity `klaar` or renew the lease."""
    verloopt_op: Mapped[datetime | None]
    """End of the lease of a `bezig` claim; after it, a retry takes the activity over."""


class Gespreksreferentie(GemeenteGebonden, Base):
    """Where to reach a user proactively (personal chat), stored on every turn."""

    __tablename__ = "gespreksreferentie"
    __table_args__ = (UniqueConstraint("gemeente", "gebruiker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gebruiker_id: Mapped[str] = mapped_column(String(400))
    aad_object_id: Mapped[str | None] = mapped_column(String(100), index=True)
    persoon_id: Mapped[str | None] = mapped_column(String(200), index=True)
    referentie: Mapped[dict[str, Any]] = mapped_column(JSON)
    """A Bot Framework ConversationReference, serialised (`ConversationReference.serialize()`)."""
    bijgewerkt_op: Mapped[datetime] = mapped_column(default=nu, onupdate=nu)


class OnbeantwoordeVraag(GemeenteGebonden, Base):
    """A question the lookup could not answer confidently. No identity of the asker."""

    __tablename__ = "onbeantwoorde_vraag"
    __table_args__ = (Index("ix_onbeantwoorde_vraag_gemeente", "gemeente"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vraag: Mapped[str] = mapped_column(Text)
    kern: Mapped[str] = mapped_column(Text)
    uitkomst: Mapped[str] = mapped_column(String(40))
    kandidaten: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """The closest records or intents: {"soort", "id", "naam", "score"}."""
    gesteld_op: Mapped[datetime] = mapped_column(default=nu, index=True)
