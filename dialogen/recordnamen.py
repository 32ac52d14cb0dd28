"""Which known record a text names, for the turn router: a bare name that no example sentence
resembles ("Regiekamer", a surname) goes to the lookup, and a text that names a record exactly goes
to the feature that answers about it (an onderwerp: the lookup; a rapportage period: its facts); a
question that plainly asks for an organisation record (a body's members) beats a document passage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from dialogen.herkenning import TERUGVAL
from dialogen.organisatievragen import lees_vraag as lees_organisatievraag
from kennisbank.rapportage import Rapportage
from kennisbank.zoeken import (
    BegripGevonden,
    MeerdereOnderwerpen,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    Zoeker,
)
from kennisbank.zoeken.normaliseren import normaliseer

RAPPORTAGE_FEITEN = "rapportage.vraag"
"""The intent that answers facts about a rapportage period (peildatum, deadline)."""


def naamherkenning(zoeker: Zoeker) -> Callable[[str], bool]:
    """Whether a text confidently names a known record (a bare "Regiekamer" or a surname), or asks
    about the organisation's own records (a body's members, "mijn leidinggevende")."""
    gevonden = (OnderwerpGevonden, MeerdereOnderwerpen, PersoonGevonden, SoortWerkGevonden, BegripGevonden, RolGevonden)
    vraagt_record = recordvraagherkenning(zoeker)

    def noemt_bekende_naam(tekst: str) -> bool:
        antwoord = zoeker.beantwoord(tekst)
        if isinstance(antwoord, gevonden) and not antwoord.onzeker:
            return True
        return vraagt_record(tekst)

    return noemt_bekende_naam


def recordvraagherkenning(zoeker: Zoeker) -> Callable[[str], bool]:
    """Whether a text plainly asks for a record of the organisation rather than an explanation (who
    sits in a body, "mijn leidinggevende", "de controller van mijn afdeling"; `dialogen.organisatievragen`)."""

    def vraagt_record(tekst: str) -> bool:
        return lees_organisatievraag(tekst, zoeker.kennisbank, zoeker) is not None

    return vraagt_record


def eigenaarherkenning(zoeker: Zoeker, klok: Callable[[], datetime]) -> Callable[[str], str | None]:
    """The intent that answers about a record a text names exactly: an onderwerp (valid today) by
    name or alias -> the lookup; else a rapportage period, kind of round or status -> its facts;
    else None."""

    def genoemd_voor(tekst: str) -> str | None:
        vandaag = klok().date()
        if zoeker.onderwerpen_genoemd(tekst, vandaag=vandaag):
            return TERUGVAL
        if zoeker.noemt_periode(tekst, vandaag=vandaag) or noemt_status(tekst, zoeker.kennisbank.bestanden.rapportage):
            return RAPPORTAGE_FEITEN
        return None

    return genoemd_voor


def noemt_status(tekst: str, rapportage: Rapportage | None) -> bool:
    """The text names a status of a statusupdate: by its name ("aandachtspunt"), or by an alias
    next to the word status ("status rood")."""
    if rapportage is None:
        return False
    woorden = f" {normaliseer(tekst)} "
    met_status = " status " in woorden or " statussen " in woorden
    return any(
        f" {normaliseer(naam)} " in woorden
        for status in rapportage.statussen
        for naam in (status.naam, *(status.aliassen if met_status else ()))
    )
