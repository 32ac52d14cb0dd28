"""How the overview's words are written: dates, shortened texts, the directeur's name and the
group heading. The figures themselves are `rapportage.cijfers`; `dialogen.rapportage.overzichtkaart`
shows them."""

from __future__ import annotations

from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.zoeken.datums import datum_tekst
from rapportage import Overzicht

MAX_TOELICHTING = 160


datum = datum_tekst
"""'4 december 2026' (`kennisbank.zoeken.datums.datum_tekst`), the name the rapportage texts use."""


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
