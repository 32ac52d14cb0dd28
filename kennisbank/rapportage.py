"""Lente- en herfstrapportage as data: periods, statuses and amount limits (`rapportage.yaml`).

When is a period *open*? A period accepts (and lets you correct) statusupdates from `open_vanaf`
(default: its peildatum) up to and including its `deadline`, both whole days in the
organisation's time zone. Open windows of two periods may not overlap, so at most one period is
open on any day. The *actuele* period (for overviews and "wie moet nog?") is the open one or, when
none is open, the last period whose peildatum has passed.

A reminder moment is a date (sent at `herinnering_tijd`) or a date-time in the organisation's
time zone. The reminder due at a moment `nu` is the latest moment not after `nu`, while the period
is still open; earlier moments that were missed (the bot was down) are not sent on top of it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PlainValidator, field_validator, model_validator

from kennisbank.model import Bron, Model

SOORTEN_PERIODE = ("lente", "herfst")


def _moment(waarde: object) -> date | datetime:
    """A reminder moment: a date stays a date (sent at herinnering_tijd), a date-time stays one."""
    if isinstance(waarde, date):  # includes datetime
        return waarde
    if isinstance(waarde, str):
        tekst = waarde.strip()
        try:
            if "T" in tekst or " " in tekst:
                return datetime.fromisoformat(tekst)
            return date.fromisoformat(tekst)
        except ValueError:
            pass
    raise ValueError(f"herinnering {waarde!r} is geen datum (JJJJ-MM-DD) of datum met tijd (JJJJ-MM-DDTUU:MM)")


Moment = Annotated[date | datetime, PlainValidator(_moment)]


class Periode(Model):
    """One rapportage round, e.g. "Lenterapportage 2027" with peildatum 1 april 2027."""

    id: str
    naam: str
    soort: Literal["lente", "herfst"]
    peildatum: date
    open_vanaf: date | None = None
    """First day updates are accepted; default the peildatum."""
    deadline: date
    """Last day updates are accepted and may be corrected (inclusive)."""
    herinneringen: list[Moment] = Field(default_factory=list)
    bron: Bron

    @property
    def begin(self) -> date:
        return self.open_vanaf or self.peildatum

    def is_open(self, dag: date) -> bool:
        return self.begin <= dag <= self.deadline

    @model_validator(mode="after")
    def _volgorde(self) -> "Periode":
        if self.deadline < self.begin:
            raise ValueError(f"deadline ({self.deadline}) ligt vóór het begin van de periode ({self.begin})")
        for moment in self.herinneringen:
            dag = moment.date() if isinstance(moment, datetime) else moment
            if not self.begin <= dag <= self.deadline:
                raise ValueError(
                    f"herinnering {dag} valt buiten de periode ({self.begin} t/m {self.deadline})"
                )
        return self


class Status(Model):
    """A status a manager can report, e.g. op koers / aandachtspunt / afwijking."""

    id: str
    naam: str
    uitleg: str
    ernst: int
    """Higher is more serious; overviews list the most serious first."""
    toelichting_verplicht: bool = False
    maatregel_verplicht: bool = False
    aliassen: list[str] = Field(default_factory=list)
    bron: Bron


class Bedraggrenzen(Model):
    """What a financial effect (mee- or tegenvaller) may be, in euro."""

    maximum: Decimal = Field(gt=0)
    bron: Bron


class Rapportagelijn(Model):
    """Who reports to whom, in which document and when (answers "aan wie rapporteert de directeur?")."""

    wie: str = Field(min_length=1)
    """Who reports, as said mid-sentence: "de sectordirecteuren"."""
    aan: str = Field(min_length=1)
    wat: str = Field(min_length=1)
    """In which rapportage, and when."""
    woorden: list[str] = Field(min_length=1)
    """How people name the reporter in a question ("directeur", "sectordirecteur")."""
    citaat: str | None = None
    bron: Bron


class Rapportage(Model):
    tijdzone: str = "Europe/Amsterdam"
    herinnering_tijd: time = time(9, 0)
    inzage_rollen: list[str] = Field(default_factory=lambda: ["controller"])
    """Rol ids that see every onderwerp's updates and may export them."""
    statussen: list[Status] = Field(min_length=1)
    bedragen: Bedraggrenzen
    perioden: list[Periode] = Field(min_length=1)
    lijnen: list[Rapportagelijn] = Field(default_factory=list)
    """Who reports to whom (optional)."""

    @field_validator("tijdzone")
    @classmethod
    def _bekende_tijdzone(cls, waarde: str) -> str:
        try:
            ZoneInfo(waarde)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"onbekende tijdzone '{waarde}' (bijvoorbeeld Europe/Amsterdam)") from None
        return waarde

    @model_validator(mode="after")
    def _geen_overlap(self) -> "Rapportage":
        gesorteerd = sorted(self.perioden, key=lambda p: p.begin)
        for eerder, later in zip(gesorteerd, gesorteerd[1:]):
            if later.begin <= eerder.deadline:
                raise ValueError(
                    f"perioden '{eerder.id}' en '{later.id}' overlappen: '{later.id}' begint vóór of op "
                    f"de deadline van '{eerder.id}' ({eerder.deadline})"
                )
        return self

    # -- periods -------------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tijdzone)

    def dag(self, nu: datetime) -> date:
        """The calendar day of `nu` in the organisation's time zone."""
        return nu.astimezone(self.zone).date()

    def periode(self, periode_id: str) -> Periode | None:
        return next((p for p in self.perioden if p.id == periode_id), None)

    def open_periode(self, dag: date) -> Periode | None:
        return next((p for p in self.perioden if p.is_open(dag)), None)

    def actuele_periode(self, dag: date) -> Periode | None:
        """The open period, else the last one whose peildatum has passed, else the first one."""
        open_ = self.open_periode(dag)
        if open_ is not None:
            return open_
        verleden = [p for p in self.perioden if p.peildatum <= dag]
        if verleden:
            return max(verleden, key=lambda p: p.peildatum)
        return None

    def volgende_periode(self, dag: date) -> Periode | None:
        """The first period that opens after `dag`."""
        later = [p for p in self.perioden if p.begin > dag]
        return min(later, key=lambda p: p.begin) if later else None

    def vorige_periode(self, periode: Periode) -> Periode | None:
        """The period with the latest peildatum before this one's (for comparisons)."""
        eerder = [p for p in self.perioden if p.peildatum < periode.peildatum]
        return max(eerder, key=lambda p: p.peildatum) if eerder else None

    def zoek_periode(self, tekst: str) -> Periode | None:
        """A period named in free text: its id, or 'lente'/'herfst' plus a year ('herfst 2026')."""
        kern = tekst.casefold()
        for periode in self.perioden:
            if periode.id.casefold() in kern or periode.naam.casefold() in kern:
                return periode
        for periode in self.perioden:
            jaar = str(periode.peildatum.year)
            if periode.soort in kern and jaar in kern:
                return periode
        return None

    # -- reminders -----------------------------------------------------------------------------

    def herinneringsmomenten(self, periode: Periode) -> list[datetime]:
        """The reminder moments of a period as aware datetimes, in order."""
        momenten = []
        for moment in periode.herinneringen:
            if isinstance(moment, datetime):
                momenten.append(moment if moment.tzinfo else moment.replace(tzinfo=self.zone))
            else:
                momenten.append(datetime.combine(moment, self.herinnering_tijd, tzinfo=self.zone))
        return sorted(momenten)

    def te_versturen_herinnering(self, nu: datetime) -> tuple[Periode, datetime] | None:
        """The (period, moment) whose reminder is due at `nu`, if any (see the module docstring)."""
        periode = self.open_periode(self.dag(nu))
        if periode is None:
            return None
        verstreken = [m for m in self.herinneringsmomenten(periode) if m <= nu]
        return (periode, verstreken[-1]) if verstreken else None

    # -- statuses ------------------------------------------------------------------------------

    def status(self, status_id: str | None) -> Status | None:
        return next((s for s in self.statussen if s.id == status_id), None)

    def zoek_status(self, tekst: str) -> Status | None:
        """A status from an answer like 'op koers', 'Afwijking' or an alias."""
        kern = " ".join(tekst.casefold().replace("-", " ").split())
        for status in self.statussen:
            namen = [status.id, status.naam, *status.aliassen]
            if any(kern == " ".join(n.casefold().replace("-", " ").split()) for n in namen):
                return status
        return None

    @property
    def snelste_status(self) -> Status:
        """The least serious status: the 'op koers' that needs no further answers."""
        return min(self.statussen, key=lambda s: s.ernst)
