"""Stand or update (`dialogen.rapportage.bedoeling`), through the real turn pipeline on both example
kennisbanken: a message about one onderwerp that the classifier is unsure about ("status X", "X ligt
op koers") is the stand for whoever cannot submit for it, and for whoever can: the stand when asked
as a question, the update with the status filled in when it names one, else the question which of
the two. The onderwerp named is no reason to answer with its record (the lookup) while the classifier
is sure it is one of the rapportage's questions about an onderwerp. An update that names a status
fills it in, on the card and in the text questions; a status word inside the onderwerp's own name
does not count."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import GEMEENTEBOT
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Rapportage, Status
from tests.conftest import TestGesprek, knoppen_van, tekst_van
from tests.kennis_voorbeelden import Voorbeelden
from tests.test_begrip_namen import Wijziging, gesprek_met, pas_yaml_aan  # noqa: F401 (fixture)
from tests.test_rapportage_gesprek import invoervelden, kaarten
from tests.vaste_intentie import VasteHerkenner, met_intentie  # noqa: F401 (fixture)

pytestmark = pytest.mark.beide_kennisbanken

STATUS, UPDATE = "rapportage.status", "rapportage.update"
ONZEKER_STATUS = ((UPDATE, 0.3), ("opdrachtgever.wie", 0.1))
"""The runners-up of a status question the classifier is unsure of (0.45): together sure it is the
rapportage about one onderwerp (0.75), not sure which of its questions."""
NOG_NIET = "Nog niet doorgegeven"


def rapportage(voorbeelden: Voorbeelden) -> Rapportage:
    assert voorbeelden.kennisbank.bestanden.rapportage is not None
    return voorbeelden.kennisbank.bestanden.rapportage


def ernstigste(voorbeelden: Voorbeelden) -> Status:
    return max(rapportage(voorbeelden).statussen, key=lambda s: s.ernst)


def eigen_onderwerp(voorbeelden: Voorbeelden) -> tuple[str, Onderwerp]:
    """An ambtelijk opdrachtgever (id) and one of their onderwerpen."""
    persoon = voorbeelden.opdrachtgever_met_onderwerpen(1)
    return persoon.id, voorbeelden.ambtelijk_van(persoon)[0]


def update_kaart(antwoorden: list[dict], onderwerp: Onderwerp) -> dict | None:
    """The update card of `onderwerp` (its inputs), or None."""
    for kaart in kaarten(antwoorden):
        if kaart["body"][0].get("text", "").endswith(onderwerp.naam) and "status" in invoervelden(kaart):
            return kaart
    return None


async def test_wie_niet_doorgeeft_krijgt_de_stand(gesprek: TestGesprek, voorbeelden, met_intentie):
    _, onderwerp = eigen_onderwerp(voorbeelden)
    gesprek.als = voorbeelden.controller().id
    met_intentie(STATUS, 0.45, ONZEKER_STATUS)
    antwoorden = await gesprek.stuur(f"status {onderwerp.naam.lower()}")
    tekst = tekst_van(antwoorden)
    assert NOG_NIET in tekst and onderwerp.naam in tekst
    assert "Ambtelijk opdrachtgever:" not in tekst.met_knoppen  # not the lookup's record
    assert update_kaart(antwoorden, onderwerp) is None


async def test_wie_doorgeeft_wordt_gevraagd_wat_bedoeld_is(gesprek: TestGesprek, voorbeelden, met_intentie, services):
    gesprek.als, onderwerp = eigen_onderwerp(voorbeelden)
    teksten = services.diensten.teksten
    met_intentie(STATUS, 0.45, ONZEKER_STATUS)
    antwoorden = await gesprek.stuur(f"status {onderwerp.naam.lower()}")
    assert teksten.tekst("rapportage.stand_of_update", onderwerp=onderwerp.naam) in tekst_van(antwoorden)
    assert knoppen_van(antwoorden) == [teksten.tekst("rapportage.keuze_stand"), teksten.tekst("rapportage.keuze_update")]
    assert update_kaart(await gesprek.stuur("de tweede"), onderwerp) is not None  # typed: the update card

    await gesprek.stuur(f"status {onderwerp.naam.lower()}")
    assert NOG_NIET in tekst_van(await gesprek.stuur(teksten.tekst("rapportage.keuze_stand")))  # the stand

    await gesprek.stuur(f"status {onderwerp.naam.lower()}")
    assert teksten.tekst("rapportage.stand_of_update_welke") in tekst_van(await gesprek.stuur("ja"))  # which of the two?
    assert onderwerp.naam in tekst_van(await gesprek.stuur("nee"))  # neither: nothing happens, how to ask is said


async def test_een_vraag_van_wie_doorgeeft_is_de_stand(gesprek: TestGesprek, voorbeelden, met_intentie):
    gesprek.als, onderwerp = eigen_onderwerp(voorbeelden)
    met_intentie(STATUS, 0.45, ONZEKER_STATUS)
    for vraag in (f"status {onderwerp.naam.lower()}?", f"hoe zit het met {onderwerp.naam.lower()}"):
        antwoorden = await gesprek.stuur(vraag)
        assert NOG_NIET in tekst_van(antwoorden), vraag
        assert update_kaart(antwoorden, onderwerp) is None, vraag
    antwoorden = await gesprek.stuur(f"status {onderwerp.naam.lower()} vorige rapportage")  # a past round
    assert "Niet doorgegeven voor de" in tekst_van(antwoorden) and update_kaart(antwoorden, onderwerp) is None
    met_intentie(STATUS, 0.95)  # sure: the stand, with its button to submit
    antwoorden = await gesprek.stuur(f"status {onderwerp.naam.lower()}")
    assert NOG_NIET in tekst_van(antwoorden) and "Doorgeven" in knoppen_van(antwoorden)


async def test_wie_doorgeeft_en_een_status_noemt_krijgt_de_kaart_met_die_status(gesprek: TestGesprek, voorbeelden, met_intentie):
    gesprek.als, onderwerp = eigen_onderwerp(voorbeelden)
    status = ernstigste(voorbeelden)
    met_intentie(STATUS, 0.45, ONZEKER_STATUS)
    kaart = update_kaart(await gesprek.stuur(f"{onderwerp.naam} {status.naam.lower()}"), onderwerp)
    assert kaart is not None and invoervelden(kaart)["status"] == status.id
    met_intentie(UPDATE)  # recognised as an update: the status it names is filled in as well
    kaart = update_kaart(await gesprek.stuur(f"{onderwerp.naam}: {status.naam.lower()}, wil ik doorgeven"), onderwerp)
    assert kaart is not None and invoervelden(kaart)["status"] == status.id


async def test_de_genoemde_status_in_de_tekstvragen(bot_client, kennisbank, voorbeelden, met_intentie, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als, onderwerp = eigen_onderwerp(voorbeelden)
    status = ernstigste(voorbeelden)
    assert status.toelichting_verplicht
    met_intentie(UPDATE)
    tekst = tekst_van(await console.stuur(f"{onderwerp.naam} staat op {status.naam.lower()}, dat wil ik doorgeven"))
    assert services.diensten.teksten.tekst("rapportage.vraag_toelichting") in tekst  # the status is answered already
    assert "Hoe staat" not in tekst


def _met_statuswoord_in_de_naam(voorbeelden: Voorbeelden) -> list[Onderwerp]:
    return [o for o in voorbeelden.onderwerpen() if rapportage(voorbeelden).statussen_in_tekst(o.naam) and voorbeelden.ao(o)]


def _onderwerp_met_statuswoord(voorbeelden: Voorbeelden) -> Wijziging:
    """A kennisbank without an onderwerp whose name holds a status word gets one on a copy: an
    onderwerp like the first with an ambtelijk opdrachtgever, named after a word of a status."""

    def wijzig(map_: Path) -> None:
        if _met_statuswoord_in_de_naam(voorbeelden):
            return  # the data has the case
        woord = next(a for s in rapportage(voorbeelden).statussen for a in s.aliassen if a.isalpha())
        voorbeeld = voorbeelden.onderwerp(lambda o: o.ambtelijk_opdrachtgever is not None)
        nieuw = {
            "id": "met-statuswoord",
            "naam": f"{woord.capitalize()} samenwerken in de regio",
            "soort": voorbeeld.soort,
            "ambtelijk_opdrachtgever": voorbeeld.ambtelijk_opdrachtgever,
            "geldig_vanaf": voorbeeld.geldig_vanaf,
            "bron": voorbeeld.bron.model_dump(),
        }
        pas_yaml_aan(map_, "onderwerpen.yaml", lambda onderwerpen: onderwerpen.append(nieuw))

    return wijzig


async def test_een_statuswoord_in_de_naam_van_het_onderwerp_is_geen_status(gesprek_met, voorbeelden, monkeypatch):
    """ "Goed werkgever": "goed" is a word for a status of the second example, not in this sentence."""
    gesprek, kennisbank = await gesprek_met(_onderwerp_met_statuswoord(voorbeelden))
    voorbeelden = Voorbeelden(kennisbank, voorbeelden.dag)
    onderwerpen = _met_statuswoord_in_de_naam(voorbeelden)
    assert onderwerpen, kennisbank.organisatie.naam
    onderwerp = onderwerpen[0]
    console = TestGesprek(gesprek.client, kennisbank, kanaal="console")
    console.als = voorbeelden.ao(onderwerp).id
    services = gesprek.client.app[GEMEENTEBOT]
    monkeypatch.setattr(services.router, "herkenner", VasteHerkenner(UPDATE))
    tekst = tekst_van(await console.stuur(f"statusupdate {onderwerp.naam.lower()}"))
    assert (
        services.diensten.teksten.tekst("rapportage.vraag_status", onderwerp=onderwerp.naam, periode="").split("(")[0] in tekst
    ), tekst


async def test_een_naam_maakt_een_onzekere_rapportagevraag_geen_opzoekvraag(gesprek: TestGesprek, voorbeelden, met_intentie):
    """Unsure which rapportage question about one onderwerp: still the rapportage. Unsure between the
    export and a question about an onderwerp: the record named answers (the lookup), as before."""
    _, onderwerp = eigen_onderwerp(voorbeelden)
    gesprek.als = voorbeelden.controller().id
    met_intentie(STATUS, 0.35, (("rapportage.overzicht", 0.3), ("opdrachtgever.wie", 0.2)))
    tekst = tekst_van(await gesprek.stuur(f"{onderwerp.naam.lower()} in de rapportage"))
    assert NOG_NIET in tekst and "Ambtelijk opdrachtgever:" not in tekst.met_knoppen
    met_intentie("rapportage.export", 0.35, ((STATUS, 0.3), ("opdrachtgever.wie", 0.2)))
    tekst = tekst_van(await gesprek.stuur(f"{onderwerp.naam.lower()} in de rapportage"))
    assert "Ambtelijk opdrachtgever:" in tekst and NOG_NIET not in tekst
