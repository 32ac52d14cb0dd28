"""The controller's picture of one period: who submitted, status counts, deviations first,
compared with the previous period. Pure computation on kennisbank records and stored versions;
`regels_overzicht` / `regels_wie_moet_nog` turn it into Dutch chat text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from dialogen.opmaak import letterlijk
from dialogen.teksten import Teksten
from kennisbank.bedragen import formatteer_bedrag
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


def datum(dag) -> str:
    """'4 december 2026'."""
    maanden = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")
    return f"{dag.day} {maanden[dag.month - 1]} {dag.year}"


def _kort(tekst: str | None) -> str:
    tekst = " ".join((tekst or "").split())
    return tekst if len(tekst) <= MAX_TOELICHTING else tekst[: MAX_TOELICHTING - 1] + "…"


def _naam(persoon: Persoon | None, teksten: Teksten) -> str:
    return persoon.naam if persoon else teksten.tekst("rapportage.onbekende_directeur")


def regels_overzicht(overzicht: Overzicht, teksten: Teksten) -> list[str]:
    t = teksten.tekst
    rapportage = overzicht.rapportage
    p = overzicht.periode
    regels = [t("rapportage.overzicht_kop", periode=p.naam, peildatum=datum(p.peildatum), deadline=datum(p.deadline))]
    telling = overzicht.telling()
    tellingen = ", ".join(f"{s.naam.lower()} {telling.get(s.id, 0)}" for s in rapportage.statussen)
    regels.append(t("rapportage.overzicht_totaal", ingediend=overzicht.ingediend, totaal=len(overzicht.regels), tellingen=tellingen))
    if overzicht.vorige_periode is not None:
        vorige = overzicht.telling(vorige=True)
        tellingen_vorig = ", ".join(f"{s.naam.lower()} {vorige.get(s.id, 0)}" for s in rapportage.statussen)
        regels.append(t("rapportage.overzicht_vorige", periode=overzicht.vorige_periode.naam,
                        ingediend=overzicht.ingediend_vorige, tellingen=tellingen_vorig))
    saldo = overzicht.saldo()
    if saldo:
        regels.append(t("rapportage.overzicht_saldo", saldo=formatteer_bedrag(saldo)))
    signalen = overzicht.signalen
    if signalen:
        regels.append(t("rapportage.overzicht_signalen_kop"))
        for r in signalen:
            laatste = r.laatste
            if laatste is None:  # signalen are submitted updates only
                continue
            status = rapportage.status(laatste.status)
            was = ""
            if r.vorige is not None and r.vorige.status != laatste.status:
                vorige_status = rapportage.status(r.vorige.status)
                was = t("rapportage.overzicht_was", status=(vorige_status.naam if vorige_status else r.vorige.status).lower())
            regels.append(t("rapportage.overzicht_signaal", status=status.naam if status else laatste.status,
                            onderwerp=r.onderwerp.naam, toelichting=letterlijk(_kort(laatste.toelichting)), was=was))
            if laatste.maatregel:
                regels.append(t("rapportage.overzicht_maatregel", maatregel=letterlijk(_kort(laatste.maatregel))))
            if laatste.financieel_bedrag is not None:
                regels.append(t("rapportage.overzicht_financieel", soort=laatste.financieel_soort,
                                bedrag=formatteer_bedrag(laatste.financieel_bedrag)))
    elif overzicht.ingediend == 0:  # nothing submitted yet: silence is not good news here
        regels.append(t("rapportage.overzicht_nog_niets"))
    else:
        regels.append(t("rapportage.overzicht_geen_signalen"))
    regels.append(t("rapportage.overzicht_per_directeur_kop", functie=_functie_ambtelijk(overzicht.kennisbank, teksten)))
    for groep in overzicht.groepen:
        regels.append(t("rapportage.overzicht_directeur", naam=_naam(groep.directeur, teksten),
                        ingediend=len(groep.ingediend), totaal=len(groep.regels)))
    return regels


def _functie_ambtelijk(kennisbank: Kennisbank, teksten: Teksten) -> str:
    """What the organisation calls its ambtelijk opdrachtgevers as a group heading (organisatie.yaml)."""
    return kennisbank.organisatie.functie_van("ambtelijk") or teksten.tekst("rapportage.functie_ambtelijk")


def regels_wie_moet_nog(overzicht: Overzicht, teksten: Teksten) -> list[str]:
    t = teksten.tekst
    p = overzicht.periode
    ontbrekend = [g for g in overzicht.groepen if g.ontbrekend]
    if not ontbrekend:
        return [t("rapportage.wie_moet_nog_niemand", periode=p.naam)]
    aantal = sum(len(g.ontbrekend) for g in ontbrekend)
    regels = [t("rapportage.wie_moet_nog_kop", periode=p.naam, aantal=aantal, deadline=datum(p.deadline))]
    for groep in ontbrekend:
        namen = ", ".join(_met_gedelegeerde(r.onderwerp, overzicht, teksten) for r in groep.ontbrekend)
        regels.append(t("rapportage.wie_moet_nog_regel", naam=_naam(groep.directeur, teksten), onderwerpen=namen))
    return regels


def _met_gedelegeerde(onderwerp: Onderwerp, overzicht: Overzicht, teksten: Teksten) -> str:
    peildatum = overzicht.periode.peildatum
    gedelegeerd = onderwerp.opdrachtgever_op("gedelegeerd", peildatum)
    if not gedelegeerd or gedelegeerd == onderwerp.opdrachtgever_op("ambtelijk", peildatum):
        return onderwerp.naam
    persoon = overzicht.kennisbank.persoon(gedelegeerd)
    return teksten.tekst("rapportage.wie_moet_nog_via", onderwerp=onderwerp.naam, naam=persoon.naam if persoon else gedelegeerd)
