"""The figures of one period's overview: per onderwerp its latest update (and the previous
period's), grouped per directeur; counts per status, who submitted and who did not, the
afwijkingen most serious first, the financial balance. Pure computation on kennisbank records and
stored `Statusupdate` rows; chat cards, the export and a dashboard show them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from db.modellen.rapportage import Financieel, Statusupdate
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode, Rapportage
from rapportage.regels import Rapportageregels


@dataclass(frozen=True)
class Statustelling:
    """Latest versions per status: every status rapportage.yaml knows (0 included, in its order),
    and apart those with a status it does not know (stored before a status was renamed or removed,
    or by a newer version during a rolling upgrade), so the counts always add up to the total."""

    per_status: dict[str, int]
    onbekend: int = 0

    @property
    def totaal(self) -> int:
        return sum(self.per_status.values()) + self.onbekend


def tel(statussen: Iterable[str], rapportage: Rapportage) -> Statustelling:
    """Count status ids as `Statustelling`: known ones per status, the rest as `onbekend`."""
    per_status = {s.id: 0 for s in rapportage.statussen}
    onbekend = 0
    for status in statussen:
        if status in per_status:
            per_status[status] += 1
        else:
            onbekend += 1
    return Statustelling(per_status, onbekend)


@dataclass(frozen=True)
class Regel:
    onderwerp: Onderwerp
    laatste: Statusupdate | None
    vorige: Statusupdate | None
    """Latest version in the previous period (for 'was: ...')."""


@dataclass
class Groep:
    directeur: Persoon | None
    regels: list[Regel] = field(default_factory=list)

    @property
    def ingediend(self) -> list[Regel]:
        return [r for r in self.regels if r.laatste is not None]

    @property
    def ontbrekend(self) -> list[Regel]:
        return [r for r in self.regels if r.laatste is None]

    def statustelling(self, rapportage: Rapportage) -> Statustelling:
        """This directeur's latest versions per status (unknown statuses apart)."""
        return tel((r.laatste.status for r in self.regels if r.laatste is not None), rapportage)


@dataclass
class Overzicht:
    periode: Periode
    vorige_periode: Periode | None
    groepen: list[Groep]
    rapportage: Rapportage
    kennisbank: Kennisbank

    @property
    def regels(self) -> list[Regel]:
        return [r for g in self.groepen for r in g.regels]

    @property
    def ingediend(self) -> int:
        return sum(1 for r in self.regels if r.laatste is not None)

    @property
    def ingediend_vorige(self) -> int:
        return sum(1 for r in self.regels if r.vorige is not None)

    def telling(self, vorige: bool = False) -> Counter[str]:
        """Latest versions per status id (of the previous period with `vorige`)."""
        versies = (r.vorige if vorige else r.laatste for r in self.regels)
        return Counter(v.status for v in versies if v is not None)

    def statustelling(self, vorige: bool = False) -> Statustelling:
        """`telling` per known status, with the versions of a status rapportage.yaml does not know
        counted apart (`Statustelling.onbekend`): its total is always `ingediend` (`ingediend_vorige`)."""
        versies = (r.vorige if vorige else r.laatste for r in self.regels)
        return tel((v.status for v in versies if v is not None), self.rapportage)

    def ernst(self, regel: Regel) -> int:
        status = self.rapportage.status(regel.laatste.status) if regel.laatste else None
        return status.ernst if status else 0

    @property
    def signalen(self) -> list[Regel]:
        """Submitted updates that are not 'geen bericht, goed bericht', most serious first."""
        laagste = self.rapportage.snelste_status.ernst
        regels = [r for r in self.regels if r.laatste is not None and self.ernst(r) > laagste]
        return sorted(regels, key=lambda r: (-self.ernst(r), r.onderwerp.naam))

    def totaal(self, soort: Financieel) -> Decimal:
        """The sum of the latest versions' meevallers or tegenvallers."""
        return sum(
            (
                r.laatste.financieel_bedrag
                for r in self.regels
                if r.laatste is not None and r.laatste.financieel_bedrag is not None and r.laatste.financieel_soort == soort
            ),
            start=Decimal(0),
        )

    def saldo(self) -> Decimal:
        """Meevallers minus tegenvallers of the latest versions."""
        return self.totaal(Financieel.MEEVALLER) - self.totaal(Financieel.TEGENVALLER)


def maak_overzicht(
    kennisbank: Kennisbank,
    periode: Periode,
    onderwerpen: list[Onderwerp],
    laatste: Mapping[str, Statusupdate],
    vorige: Mapping[str, Statusupdate],
) -> Overzicht:
    """Group per directeur (`Rapportageregels.directeur_id`), in the kennisbank's order."""
    regels = Rapportageregels(kennisbank)
    groepen: dict[str, Groep] = {}
    for onderwerp in onderwerpen:
        sleutel = regels.directeur_id(onderwerp, periode.peildatum)
        groep = groepen.setdefault(sleutel, Groep(kennisbank.persoon(sleutel)))
        groep.regels.append(Regel(onderwerp, laatste.get(onderwerp.id), vorige.get(onderwerp.id)))
    rapportage = regels.rapportage
    return Overzicht(periode, rapportage.vorige_periode(periode), list(groepen.values()), rapportage, kennisbank)


def is_te_laat(ingediend_op: datetime, periode: Periode, zone: ZoneInfo) -> bool:
    """Submitted after the deadline day (a late update the controller allowed)."""
    return ingediend_op.astimezone(zone).date() > periode.deadline
