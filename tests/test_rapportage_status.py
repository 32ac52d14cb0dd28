"""Where one onderwerp stands ("hoe staat de jeugdagenda ervoor?", `rapportage.status`), through the
real turn pipeline over HTTP, on SQLite and PostgreSQL (the versions are read from the database):
a controller sees any onderwerp, a manager their own, anyone else is refused without the content;
the latest version with the one before it, nothing yet (who must, by when), a past round, a day,
an unknown onderwerp (no name), "Bedoelde je", the console, and both example kennisbanken."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from bot.services import TIJDZONE
from db.modellen.rapportage import Financieel, Statusupdate
from db.repositories.rapportage import bewaar_statusupdate
from dialogen.herkenning import Herkend
from kennisbank.zoeken.normaliseren import normaliseer
from tests.conftest import TestGesprek, knoppen_van, tekst_van
from tests.kennis_voorbeelden import Voorbeelden, datum_tekst
from tests.test_rapportage_gesprek import kaarten, klik
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

pytestmark = pytest.mark.beide_databases  # the versions shown come from the database

CONTROLLER = "noor-visser"
MANAGER = "marcel-kossen"  # ambtelijk opdrachtgever of the jeugdagenda (first example)
GEDELEGEERD = "bram-de-wit"  # gedelegeerd opdrachtgever of the jeugdagenda
LANG = "De aanbesteding is vertraagd omdat de markt krap is. " * 8


async def bewaar(services, onderwerp: str, status: str, op: datetime, door: str, periode: str = "herfst-2026", **velden):
    await bewaar_statusupdate(
        services.sessies,
        Statusupdate(
            periode_id=periode,
            onderwerp_id=onderwerp,
            status=status,
            ingediend_door=door,
            ingediend_op=op,
            sleutel=f"{periode}-{onderwerp}-{op.isoformat()}",
            **velden,
        ),
    )


async def twee_versies(services) -> None:
    await bewaar(
        services, "jeugdagenda", "aandachtspunt", datetime(2026, 10, 20, 9, tzinfo=TIJDZONE), MANAGER, toelichting="Krap"
    )
    await bewaar(
        services,
        "jeugdagenda",
        "afwijking",
        datetime(2026, 11, 18, 14, tzinfo=TIJDZONE),
        GEDELEGEERD,
        toelichting=LANG,
        financieel_soort=Financieel.TEGENVALLER,
        financieel_bedrag=Decimal("12500"),
        maatregel="Tijdelijke inhuur",
    )


async def test_controller_ziet_de_laatste_versie_met_de_vorige(gesprek: TestGesprek, services):
    await twee_versies(services)
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("hoe staat de jeugdagenda ervoor?")
    [kaart] = kaarten(antwoorden)
    tekst = tekst_van(antwoorden)
    assert "Statusupdate: Jeugdagenda" in tekst and "Herfstrapportage 2026" in tekst
    assert "Versie 2, doorgegeven op 18 november 2026 door Bram de Wit." in tekst
    assert "Eerder: aandachtspunt (versie 1)." in tekst
    assert "Afwijking" in tekst and "Tegenvaller van € 12.500,00" in tekst and "Tijdelijke inhuur" in tekst
    assert LANG.strip() not in tekst and "De aanbesteding is vertraagd" in tekst and "…" in tekst  # shortened
    assert "Na de deadline" not in tekst
    assert knoppen_van(antwoorden) == ["Overzicht"]  # a controller submits nothing
    overzicht = await gesprek.stuur(waarde=klik(kaart, "Overzicht"))
    assert "**Herfstrapportage 2026**" in tekst_van(overzicht) and "Alle onderwerpen" in tekst_van(overzicht)


async def test_manager_ziet_het_eigen_onderwerp_en_kan_bijwerken(gesprek: TestGesprek, services):
    await twee_versies(services)
    gesprek.als = MANAGER
    antwoorden = await gesprek.stuur("wat is de status van de jeugdagenda")
    assert "Versie 2" in tekst_van(antwoorden) and "Tijdelijke inhuur" in tekst_van(antwoorden)
    assert knoppen_van(antwoorden) == ["Bijwerken", "Overzicht"]
    formulier = kaarten(await gesprek.stuur(waarde=klik(kaarten(antwoorden)[0], "Bijwerken")))[0]
    assert formulier["body"][0]["text"] == "Statusupdate: Jeugdagenda"  # the update card, pre-filled


async def test_iemand_zonder_inzage_krijgt_de_inhoud_niet(gesprek: TestGesprek, services, voorbeelden: Voorbeelden):
    await twee_versies(services)
    gesprek.als = voorbeelden.buitenstaander().id
    tekst = tekst_van(await gesprek.stuur("hoe staat de jeugdagenda ervoor?"))
    assert "mag je niet inzien" in tekst and "Noor Visser" in tekst  # who can: the controllers
    assert "Doorgeven doet Marcel Kossen of Bram de Wit" in tekst  # and who submits it ("wie geeft X door")
    for inhoud in ("Afwijking", "Tijdelijke inhuur", "Versie", "12.500", "aanbesteding", "Nog niet"):
        assert inhoud not in tekst.met_knoppen
    gesprek.als = MANAGER  # a manager, about an onderwerp that is not theirs
    tekst = tekst_van(await gesprek.stuur("hoe staat de ruimtelijke agenda ervoor?"))
    assert "mag je niet inzien" in tekst and "Versie" not in tekst


async def test_nog_niet_doorgegeven_noemt_wie_en_de_deadline(gesprek: TestGesprek):
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("is de jeugdagenda al doorgegeven?")
    assert "Nog niet doorgegeven. Dat kan Marcel Kossen of Bram de Wit, uiterlijk 4 december 2026." in tekst_van(antwoorden)
    gesprek.als = GEDELEGEERD
    assert knoppen_van(await gesprek.stuur("hoe staat de jeugdagenda ervoor?")) == ["Doorgeven", "Overzicht"]


async def test_een_eerdere_ronde_en_een_dag(gesprek: TestGesprek, services, met_intentie):
    await bewaar(
        services, "jeugdagenda", "op-koers", datetime(2026, 5, 11, 9, tzinfo=TIJDZONE), MANAGER, periode="lente-2026"
    )  # after the lente deadline (8 May): a late update
    await twee_versies(services)
    gesprek.als = CONTROLLER
    met_intentie("rapportage.status")  # what is tested here: which round and which day
    lente = tekst_van(await gesprek.stuur("hoe stond de jeugdagenda ervoor in de lenterapportage"))
    assert "Lenterapportage 2026" in lente and "Op koers" in lente and "Versie 1" in lente
    assert "Na de deadline doorgegeven" in lente and "Afwijking" not in lente
    assert "Lenterapportage 2026" in tekst_van(await gesprek.stuur("jeugdagenda in de vorige rapportage"))
    op_dag = tekst_van(await gesprek.stuur("hoe stond de jeugdagenda ervoor op 1 november 2026"))
    assert "Stand op 1 november 2026:" in op_dag and "Aandachtspunt" in op_dag and "Versie 1" in op_dag
    assert "Afwijking" not in op_dag
    ervoor = tekst_van(await gesprek.stuur("hoe stond de jeugdagenda ervoor op 2 oktober 2026"))
    assert "Nog niet doorgegeven" in ervoor and "Versie" not in ervoor


async def test_rondes_zonder_update_en_een_onbekende_indiener(gesprek: TestGesprek, services, met_intentie):
    gesprek.als = CONTROLLER
    met_intentie("rapportage.status")
    voorbij = tekst_van(await gesprek.stuur("hoe stond de jeugdagenda ervoor in de lenterapportage"))
    assert "Niet doorgegeven voor de Lenterapportage 2026; de deadline was 8 mei 2026." in voorbij
    komend = tekst_van(await gesprek.stuur("jeugdagenda in de lenterapportage 2027"))
    assert "de Lenterapportage 2027 gaat open op 1 april 2027 (deadline 8 mei 2027)" in komend
    geen = tekst_van(await gesprek.stuur("hoe stond de jeugdagenda ervoor op 1 januari 2026"))
    assert "Ik vind geen rapportageronde" in geen and "Jeugdagenda" in geen
    await bewaar(services, "jeugdagenda", "op-koers", datetime(2026, 10, 20, 9, tzinfo=TIJDZONE), "vertrokken-collega")
    assert "door iemand die niet (meer) in de kennisbank staat" in tekst_van(await gesprek.stuur("status jeugdagenda"))


async def test_een_overzichtvraag_over_een_onderwerp_geeft_zijn_stand(gesprek: TestGesprek, services, met_intentie):
    await twee_versies(services)
    gesprek.als = CONTROLLER
    met_intentie("rapportage.overzicht")
    tekst = tekst_van(await gesprek.stuur("overzicht van de jeugdagenda"))
    assert "Statusupdate: Jeugdagenda" in tekst and "Versie 2" in tekst
    assert "Doorgegeven: **" not in tekst  # not the overview of every onderwerp


async def test_onbekend_onderwerp_zonder_naam(gesprek: TestGesprek, kennisbank, met_intentie):
    gesprek.als = CONTROLLER
    met_intentie("rapportage.status")
    tekst = tekst_van(await gesprek.stuur("hoe staat de kermis ervoor?"))
    assert "Ik ken dat onderwerp niet" in tekst
    assert not any(p.naam in tekst.met_knoppen for p in kennisbank.bestanden.personen)


async def test_zonder_onderwerp_over_de_hele_ronde_is_het_het_overzicht(
    gesprek: TestGesprek, services, met_intentie, monkeypatch
):
    gesprek.als = CONTROLLER
    met_intentie("rapportage.status")
    assert "Doorgegeven: **" in tekst_van(await gesprek.stuur("hoe staan alle onderwerpen ervoor?"))  # the whole round

    class OverzichtAlsTweede:  # the recogniser's runner-up is another rapportage question
        def commando(self, tekst: str) -> Herkend | None:
            return None

        def herken(self, tekst: str) -> Herkend:
            return Herkend(
                "rapportage.status", tekst, normaliseer(tekst), zekerheid=0.7, alternatieven=(("rapportage.overzicht", 0.3),)
            )

    monkeypatch.setattr(services.router, "herkenner", OverzichtAlsTweede())
    assert "Doorgegeven: **" in tekst_van(await gesprek.stuur("hoe staat het ervoor?"))


async def test_bedoelde_je_en_de_keuze_geeft_de_stand(gesprek: TestGesprek, kennisbank, met_intentie):
    gedeeld = next(
        a
        for o in kennisbank.bestanden.onderwerpen
        for a in o.aliassen
        if sum(a.lower() in (x.lower() for x in p.aliassen) for p in kennisbank.bestanden.onderwerpen) > 1
    )
    gesprek.als = CONTROLLER
    met_intentie("rapportage.status")
    vraag = await gesprek.stuur(f"hoe staat {gedeeld} ervoor?")
    assert "Bedoelde je" in tekst_van(vraag)
    keuzes = knoppen_van(vraag)
    assert len(keuzes) > 1
    met_intentie(None)
    antwoord = tekst_van(await gesprek.stuur("de eerste"))
    assert "Statusupdate: " in antwoord and "Nog niet doorgegeven" in antwoord


async def test_in_de_console_tekst_met_knoppen(bot_client, kennisbank, services):
    await twee_versies(services)
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = MANAGER
    antwoorden = await console.stuur("hoe staat de jeugdagenda ervoor?")
    assert not kaarten(antwoorden)
    assert "Versie 2, doorgegeven op 18 november 2026 door Bram de Wit." in tekst_van(antwoorden)
    assert {"Bijwerken", "Overzicht"} <= set(knoppen_van(antwoorden))
    bijwerken = next(
        a for b in antwoorden for a in (b.get("suggestedActions") or {}).get("actions") or [] if a["title"] == "Bijwerken"
    )
    assert bijwerken["value"] == "statusupdate Jeugdagenda"


@pytest.mark.beide_kennisbanken
async def test_op_elke_voorbeeldkennisbank(gesprek: TestGesprek, services, kennisbank, voorbeelden: Voorbeelden, klok):
    """Its own periods, statuses and people: a controller sees the update, the manager their own, an
    outsider nothing."""
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    onderwerp = voorbeelden.met_gedelegeerd()
    ao = voorbeelden.ao(onderwerp)
    rapportage = kennisbank.bestanden.rapportage
    ernstigste = max(rapportage.statussen, key=lambda s: s.ernst)
    await bewaar(
        services, onderwerp.id, ernstigste.id, moment, ao.id, periode=periode.id, toelichting="Vertraagd", maatregel="Bijsturen"
    )
    vraag = f"hoe staat {onderwerp.naam.lower()} ervoor?"
    gesprek.als = voorbeelden.controller().id
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert f"Statusupdate: {onderwerp.naam}" in tekst and periode.naam in tekst
    assert f"Versie 1, doorgegeven op {datum_tekst(moment.date())} door {ao.naam}." in tekst and ernstigste.naam in tekst
    gesprek.als = ao.id
    assert "Bijsturen" in tekst_van(await gesprek.stuur(vraag))
    gesprek.als = voorbeelden.buitenstaander().id
    geweigerd = tekst_van(await gesprek.stuur(vraag))
    assert "mag je niet inzien" in geweigerd and "Bijsturen" not in geweigerd and ernstigste.naam not in geweigerd
