"""A statement that tells how one onderwerp stands ("X ligt achter op schema", "X: afwijking, budget
overschreden"), through the real turn pipeline on both example kennisbanken: the records named decide
(`dialogen.recordnamen.statusmeldingherkenning`), so an unsure classification, or one that is like no
example, is the update of that onderwerp with the status filled in, not the onderwerp's record (the
lookup); asked as a question it is not; a confident other intent stands. The status is found by the
longest of the kennisbank's words for it ("achter op schema" is no "op schema")."""

from __future__ import annotations

import pytest

from dialogen.herkenning import BUITEN_BEREIK
from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_gesprek import invoervelden
from tests.test_rapportage_stand_of_update import eigen_onderwerp, ernstigste, rapportage, update_kaart
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

pytestmark = pytest.mark.beide_kennisbanken

OPZOEKEN = "opdrachtgever.wie"


def alias(voorbeelden, status) -> str:
    """The longest word the kennisbank has for `status`: a phrase people type, not its name."""
    return max(status.aliassen, key=len)


async def test_een_onzekere_mededeling_is_de_update_met_die_status(gesprek: TestGesprek, voorbeelden, met_intentie):
    gesprek.als, onderwerp = eigen_onderwerp(voorbeelden)
    status = ernstigste(voorbeelden)
    zin = f"{onderwerp.naam.lower()} {alias(voorbeelden, status)}"
    for intentie in (OPZOEKEN, BUITEN_BEREIK, "rapportage.update"):
        met_intentie(intentie, 0.4, (("documenten.vraag", 0.2),))
        antwoorden = await gesprek.stuur(zin)
        kaart = update_kaart(antwoorden, onderwerp)
        assert kaart is not None and invoervelden(kaart)["status"] == status.id, intentie
        assert "Ambtelijk opdrachtgever:" not in tekst_van(antwoorden).met_knoppen, intentie
        await gesprek.stuur("stop")


async def test_een_vraag_of_een_zekere_andere_bedoeling_blijft(gesprek: TestGesprek, voorbeelden, met_intentie):
    gesprek.als, onderwerp = eigen_onderwerp(voorbeelden)
    status = ernstigste(voorbeelden)
    met_intentie(OPZOEKEN, 0.4, (("documenten.vraag", 0.2),))
    antwoorden = await gesprek.stuur(f"{onderwerp.naam.lower()} {alias(voorbeelden, status)}?")  # asked
    assert update_kaart(antwoorden, onderwerp) is None
    met_intentie(OPZOEKEN, 0.9)  # sure of the lookup: its record
    antwoorden = await gesprek.stuur(f"{onderwerp.naam.lower()} {alias(voorbeelden, status)}")
    assert update_kaart(antwoorden, onderwerp) is None and "Ambtelijk opdrachtgever:" in tekst_van(antwoorden).met_knoppen
    met_intentie(OPZOEKEN, 0.4, (("documenten.vraag", 0.2),))  # no status named: the lookup, as before
    antwoorden = await gesprek.stuur(f"{onderwerp.naam.lower()} morgen")
    assert update_kaart(antwoorden, onderwerp) is None


def test_de_langste_woorden_voor_een_status_winnen(voorbeelden):
    statussen = rapportage(voorbeelden)
    for status in statussen.statussen:
        for naam in status.aliassen:
            binnen = [s for s in statussen.statussen if s is not status for a in s.aliassen if f" {a} " in f" {naam} "]
            if binnen:  # a word of another status inside this one's phrase: the phrase decides
                assert statussen.statussen_in_tekst(f"het project {naam}") == [status], naam
