"""The controller's picture of one period: who submitted, status counts, deviations first,
compared with the previous period. Pure computation on kennisbank records and stored versions;
`dialogen.rapportage.overzichtkaart` shows it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode, Rapportage

MAX_TOELICHTING = 160


class Versie(Protocol):
    onderwerp_id: str
    status: str
    versie: int
    toelichting: str | None
    maatregel: str | None
    financieel_soort: str | None
    financieel_bedrag: Decimal | None
    ingediend_op: datetime


@dataclass(frozen=True)
class Regel:
    onderwerp: Onderwerp
    laatste: Versie | None
    vorige: Versie | None
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
        versies = (r.vorige if vorige else r.laatste for r in self.regels)
        return Counter(v.status for v in versies if v is not None)

    def ernst(self, regel: Regel) -> int:
        status = self.rapportage.status(regel.laatste.status) if regel.laatste else None
        return status.ernst if status else 0

    @property
    def signalen(self) -> list[Regel]:
        """Submitted updates that are not 'geen bericht, goed bericht', most serious first."""
        laagste = self.rapportage.snelste_status.ernst
        regels = [r for r in self.regels if r.laatste is not None and self.ernst(r) > laagste]
        return sorted(regels, key=lambda r: (-self.ernst(r), r.onderwerp.naam))

    def saldo(self) -> Decimal:
        """Meevallers minus tegenvallers of the latest versions."""
        totaal = Decimal(0)
        for r in self.regels:
            if r.laatste is not None and r.laatste.financieel_bedrag is not None:
                teken = 1 if r.laatste.financieel_soort == "meevaller" else -1
                totaal += teken * r.laatste.financieel_bedrag
        return totaal


def maak_overzicht(
    kennisbank: Kennisbank,
    periode: Periode,
    onderwerpen: list[Onderwerp],
    laatste: Mapping[str, Versie],
    vorige: Mapping[str, Versie],
) -> Overzicht:
    """Group per directeur (ambtelijk opdrachtgever), in the kennisbank's order."""
    rapportage = kennisbank.bestanden.rapportage
    assert rapportage is not None
    groepen: dict[str, Groep] = {}
    for onderwerp in onderwerpen:
        sleutel = onderwerp.opdrachtgever_op("ambtelijk", periode.peildatum) or onderwerp.ambtelijk_opdrachtgever
        groep = groepen.setdefault(sleutel, Groep(kennisbank.persoon(sleutel)))
        groep.regels.append(Regel(onderwerp, laatste.get(onderwerp.id), vorige.get(onderwerp.id)))
    return Overzicht(periode, rapportage.vorige_periode(periode), list(groepen.values()), rapportage, kennisbank)


def is_te_laat(ingediend_op, periode: Periode, zone) -> bool:
    """Submitted after the deadline day (a late update the controller allowed)."""
    return ingediend_op.astimezone(zone).date() > periode.deadline


def datum(dag) -> str:
    """'4 december 2026'."""
    maanden = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")
    return f"{dag.day} {maanden[dag.month - 1]} {dag.year}"


def kort(tekst: str | None) -> str:
    tekst = " ".join((tekst or "").split())
    return tekst if len(tekst) <= MAX_TOELICHTING else tekst[: MAX_TOELICHTING - 1] + "…"


def directeur_naam(persoon: Persoon | None, teksten: Teksten) -> str:
    return persoon.naam if persoon else teksten.tekst("rapportage.onbekende_directeur")


def functie_ambtelijk(kennisbank: Kennisbank, teksten: Teksten) -> str:
    """What the organisation calls its ambtelijk opdrachtgevers as a group heading (organisatie.yaml)."""
    return kennisbank.organisatie.functie_van("ambtelijk") or teksten.tekst("rapportage.functie_ambtelijk")


def met_gedelegeerde(onderwerp: Onderwerp, overzicht: Overzicht, teksten: Teksten) -> str:
    peildatum = overzicht.periode.peildatum
    gedelegeerd = onderwerp.opdrachtgever_op("gedelegeerd", peildatum)
    if not gedelegeerd or gedelegeerd == onderwerp.opdrachtgever_op("ambtelijk", peildatum):
        return onderwerp.naam
    persoon = overzicht.kennisbank.persoon(gedelegeerd)
    return teksten.tekst("rapportage.wie_moet_nog_via", onderwerp=onderwerp.naam, naam=persoon.naam if persoon else gedelegeerd)
