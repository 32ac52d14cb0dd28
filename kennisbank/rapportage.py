"""Rapportage rounds as data: periods, statuses and amount limits (`rapportage.yaml`).

Periods have any names and kinds (`soort`, e.g. lente, najaarsnota), any number a year, each with
the words users say (`aliassen`). A period is either dated (`perioden`) or a yearly rule
(`jaarlijks`: a peildatum as day and month, with the opening, deadline and reminders in days
relative to it), so the list never runs out. A yearly rule makes the period `<id>-<jaar>` named
`naam` with `{jaar}` filled in; a dated period with the same id replaces that year's.

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

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PlainValidator, field_validator, model_validator

from kennisbank.model import Bron, Model

_JAAR = re.compile(r"\b(\d{4})\b")
_WOORD = re.compile(r"[^\w]+")
JAREN_RONDOM = 2
"""How many years either side of a day the yearly rules are materialised for lookups."""


def _woorden(tekst: str) -> str:
    """Lower-case words separated by single spaces, padded (for whole-word matching)."""
    return f" {_WOORD.sub(' ', tekst.casefold()).strip()} "


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

    id: str = Field(min_length=1)
    naam: str = Field(min_length=1)
    soort: str = Field(min_length=1)
    """The kind of round (any id: lente, najaarsnota, slotwijziging)."""
    aliassen: list[str] = Field(default_factory=list)
    """The words users say for this kind of round ("voorjaar", "voorjaarsnota")."""
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
                raise ValueError(f"herinnering {dag} valt buiten de periode ({self.begin} t/m {self.deadline})")
        return self


def _dag_en_maand(waarde: object) -> tuple[int, int]:
    """A yearly peildatum as "MM-DD" ("04-01" is 1 april); 29 februari is not every year."""
    if isinstance(waarde, str):
        delen = waarde.strip().split("-")
        if len(delen) == 2 and all(d.isdigit() for d in delen):
            maand, dag = int(delen[0]), int(delen[1])
            try:
                date(2024, maand, dag)
            except ValueError:
                pass
            else:
                if (maand, dag) != (2, 29):
                    return maand, dag
    raise ValueError(f'peildatum {waarde!r} is geen maand en dag (MM-DD, bijvoorbeeld "04-01" voor 1 april)')


DagEnMaand = Annotated[tuple[int, int], PlainValidator(_dag_en_maand)]


class JaarlijksePeriode(Model):
    """A rapportage round every year: peildatum as month and day, the rest in days relative to it."""

    id: str = Field(min_length=1)
    """Kind and id prefix: the period of 2027 gets id `<id>-2027`."""
    naam: str = Field(min_length=1)
    """Name with `{jaar}`: "Lenterapportage {jaar}"."""
    aliassen: list[str] = Field(default_factory=list)
    peildatum: DagEnMaand
    open_vanaf: int = 0
    """First day updates are accepted, in days after (negative: before) the peildatum."""
    deadline: int
    """Last day updates are accepted, in days after the peildatum."""
    herinneringen: list[int] = Field(default_factory=list)
    """Reminder days, in days after the peildatum (sent at herinnering_tijd)."""
    vanaf_jaar: int | None = None
    """The first year of the rule (optional)."""
    bron: Bron

    @model_validator(mode="after")
    def _volgorde(self) -> "JaarlijksePeriode":
        if "{jaar}" not in self.naam:
            raise ValueError(f"naam '{self.naam}' moet {{jaar}} bevatten, bijvoorbeeld 'Lenterapportage {{jaar}}'")
        if self.deadline < self.open_vanaf:
            raise ValueError(f"deadline ({self.deadline} dagen) ligt vóór open_vanaf ({self.open_vanaf} dagen)")
        if self.deadline - self.open_vanaf >= 365:
            raise ValueError("een jaarlijkse periode mag niet langer dan een jaar open zijn")
        for dagen in self.herinneringen:
            if not self.open_vanaf <= dagen <= self.deadline:
                raise ValueError(
                    f"herinnering {dagen} dagen na de peildatum valt buiten de periode "
                    f"({self.open_vanaf} t/m {self.deadline} dagen)"
                )
        return self

    def in_jaar(self, jaar: int) -> "Periode | None":
        """This rule's period with its peildatum in `jaar` (None before `vanaf_jaar`)."""
        if self.vanaf_jaar is not None and jaar < self.vanaf_jaar:
            return None
        peildatum = date(jaar, *self.peildatum)
        dag = lambda n: peildatum + timedelta(days=n)  # noqa: E731
        return Periode(
            id=f"{self.id}-{jaar}",
            naam=self.naam.replace("{jaar}", str(jaar)),
            soort=self.id,
            aliassen=self.aliassen,
            peildatum=peildatum,
            open_vanaf=dag(self.open_vanaf),
            deadline=dag(self.deadline),
            herinneringen=[dag(n) for n in self.herinneringen],
            bron=self.bron,
        )


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
    perioden: list[Periode] = Field(default_factory=list)
    """Dated periods (optional when there are yearly rules)."""
    jaarlijks: list[JaarlijksePeriode] = Field(default_factory=list)
    """Yearly rules: a period every year, so the list never runs out."""
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
        if not self.perioden and not self.jaarlijks:
            raise ValueError("er staan geen perioden in: geef 'perioden' (met datums) of 'jaarlijks' (elk jaar)")
        ids = [r.id for r in self.jaarlijks]
        if len(set(ids)) != len(ids):
            raise ValueError(f"jaarlijkse perioden hebben dezelfde id: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}")
        jaren = [p.peildatum.year for p in self.perioden] or [2026]
        alle: dict[str, Periode] = {}
        for jaar in range(min(jaren) - 1, max(jaren) + 3):
            alle.update(self._van_jaar(jaar))
        gesorteerd = sorted(alle.values(), key=lambda p: p.begin)
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

    def _van_jaar(self, jaar: int) -> dict[str, Periode]:
        """The periods with their peildatum in `jaar`: the yearly rules', replaced by dated ones."""
        perioden = {p.id: p for r in self.jaarlijks if (p := r.in_jaar(jaar)) is not None}
        perioden.update({p.id: p for p in self.perioden if p.peildatum.year == jaar})
        return perioden

    def perioden_rond(self, dag: date, jaren: int = JAREN_RONDOM) -> list[Periode]:
        """Every period with a peildatum within `jaren` years of `dag`, plus all dated ones, by peildatum."""
        alle: dict[str, Periode] = {p.id: p for p in self.perioden}
        for jaar in range(dag.year - jaren, dag.year + jaren + 1):
            alle.update(self._van_jaar(jaar))
        return sorted(alle.values(), key=lambda p: p.peildatum)

    def periode(self, periode_id: str) -> Periode | None:
        """A period by id: a dated one, or `<rule id>-<jaar>` of a yearly rule."""
        vast = next((p for p in self.perioden if p.id == periode_id), None)
        if vast is not None:
            return vast
        soort, _, jaar = periode_id.rpartition("-")
        regel = next((r for r in self.jaarlijks if r.id == soort), None)
        if regel is None or not jaar.isdigit() or len(jaar) != 4:
            return None
        return regel.in_jaar(int(jaar))

    def open_periode(self, dag: date) -> Periode | None:
        return next((p for p in self.perioden_rond(dag, 1) if p.is_open(dag)), None)

    def actuele_periode(self, dag: date) -> Periode | None:
        """The open period, else the last one whose peildatum has passed."""
        open_ = self.open_periode(dag)
        if open_ is not None:
            return open_
        verleden = [p for p in self.perioden_rond(dag) if p.peildatum <= dag]
        return max(verleden, key=lambda p: p.peildatum) if verleden else None

    def laatst_gesloten_periode(self, dag: date) -> Periode | None:
        """The period whose deadline passed last (for "bekijk het overzicht van ...")."""
        voorbij = [p for p in self.perioden_rond(dag) if p.deadline < dag]
        return max(voorbij, key=lambda p: p.deadline) if voorbij else None

    def volgende_periode(self, dag: date) -> Periode | None:
        """The first period that opens after `dag`."""
        later = [p for p in self.perioden_rond(dag) if p.begin > dag]
        return min(later, key=lambda p: p.begin) if later else None

    def vorige_periode(self, periode: Periode) -> Periode | None:
        """The period with the latest peildatum before this one's (for comparisons)."""
        eerder = [p for p in self.perioden_rond(periode.peildatum) if p.peildatum < periode.peildatum]
        return max(eerder, key=lambda p: p.peildatum) if eerder else None

    def soort_woorden(self) -> dict[str, list[str]]:
        """Per kind of period, the words users say for it: its id, its aliases, its names without year."""
        woorden: dict[str, list[str]] = {}
        for regel in self.jaarlijks:
            namen = [regel.id, regel.naam.replace("{jaar}", "").strip(), *regel.aliassen]
            woorden.setdefault(regel.id, []).extend(namen)
        for periode in self.perioden:
            naam = _JAAR.sub("", periode.naam).strip()
            woorden.setdefault(periode.soort, []).extend([periode.soort, naam, *periode.aliassen])
        return {soort: list(dict.fromkeys(w for w in lijst if w.strip())) for soort, lijst in woorden.items()}

    def soort_naam(self, soort: str, jaar: int) -> str:
        """How a period of this kind in `jaar` is called, also when there is none ("Lenterapportage 2031")."""
        regel = next((r for r in self.jaarlijks if r.id == soort), None)
        if regel is not None:
            return regel.naam.replace("{jaar}", str(jaar))
        periode = next((p for p in self.perioden if p.soort == soort), None)
        return _JAAR.sub(str(jaar), periode.naam) if periode and _JAAR.search(periode.naam) else f"{soort} {jaar}"

    def soort_in_tekst(self, tekst: str) -> str | None:
        """The kind of period a text names by one of its words (the longest word wins)."""
        kern = _woorden(tekst)
        beste: tuple[int, str] | None = None
        for soort, woorden in self.soort_woorden().items():
            for woord in woorden:
                if _woorden(woord) in kern and (beste is None or len(woord) > beste[0]):
                    beste = (len(woord), soort)
        return beste[1] if beste else None

    def zoek_periode(self, tekst: str, dag: date | None = None) -> Periode | None:
        """A period named in free text: its id or name, or a kind's word with or without a year
        ("overzicht najaarsnota 2026", "herfst"); without a year, the latest of that kind that has
        opened by `dag` (else the next one)."""
        kern = _woorden(tekst)
        jaar_ = _JAAR.search(kern)
        jaar = int(jaar_.group(1)) if jaar_ else None
        rond = dag or (date(jaar, 7, 1) if jaar else None) or date.today()
        kandidaten = self.perioden_rond(rond if jaar is None else date(jaar, 7, 1))
        for periode in kandidaten:
            if _woorden(periode.id) in kern or _woorden(periode.naam) in kern:
                return periode
        soort = self.soort_in_tekst(tekst)
        if soort is None:
            return None
        van_soort = [p for p in kandidaten if p.soort == soort]
        if jaar is not None:
            return next((p for p in van_soort if p.peildatum.year == jaar), None)
        begonnen = [p for p in van_soort if p.begin <= rond]
        if begonnen:
            return max(begonnen, key=lambda p: p.begin)
        return min(van_soort, key=lambda p: p.begin, default=None)

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

    def statussen_in_tekst(self, tekst: str) -> list[Status]:
        """The statuses a sentence names, by name, id or alias as whole words ("de jeugdagenda staat
        op rood": afwijking), least serious first; each once. The longest words win: a phrase that
        one status names takes its words from a shorter one inside it ("achter op schema" is no
        "op schema")."""
        woorden = _woorden(tekst)
        namen = sorted(
            (
                (naam, status)
                for status in self.statussen
                for n in (status.naam, status.id.replace("-", " "), *status.aliassen)
                if (naam := _woorden(n).strip())
            ),
            key=lambda paar: -len(paar[0]),
        )
        genoemd: list[Status] = []
        for naam, status in namen:
            if f" {naam} " in woorden:
                woorden = woorden.replace(f" {naam} ", " | ")
                if status not in genoemd:
                    genoemd.append(status)
        return sorted(genoemd, key=lambda s: s.ernst)

    @property
    def snelste_status(self) -> Status:
        """The least serious status: the 'op koers' that needs no further answers."""
        return min(self.statussen, key=lambda s: s.ernst)
