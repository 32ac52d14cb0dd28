"""Issue 13 through the turn pipeline (SQLite and PostgreSQL): a gedelegeerd opdrachtgever sees whose
update prefills the form and the ambtelijk opdrachtgever gets a notice; after the deadline an
opdrachtgever asks the controller for a late update in Teams, the controller allows it with one click,
and the late version is marked in the overview."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.services import TIJDZONE
from tests.conftest import TestGesprek, tekst_van
from tests.test_overzicht_kaarten import knop
from tests.test_rapportage_gesprek import kaarten, klik
from tests.test_rapportage_herinneringen import _praat

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

NA_DEADLINE = datetime(2026, 12, 7, 10, 0, tzinfo=TIJDZONE)


async def _geef_door(gesprek: TestGesprek, serviceurl: str, status_knop: str = "Op koers, niets te melden") -> list[dict]:
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda", serviceUrl=serviceurl))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, status_knop), serviceUrl=serviceurl))[0]
    return await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen"), serviceUrl=serviceurl)


async def test_gedelegeerde_ziet_wiens_update_en_de_ao_krijgt_bericht(bot_client, kennisbank, connector):
    marcel = await _praat(bot_client, kennisbank, connector, "marcel-kossen")
    await _geef_door(marcel, connector.url)
    assert connector.per_gesprek() == {}  # the ambtelijk opdrachtgever himself: no notice
    bram = TestGesprek(bot_client, kennisbank, gesprek_id="dm-bram-de-wit")
    bram.als = "bram-de-wit"
    formulier = tekst_van(await bram.stuur("statusupdate jeugdagenda", serviceUrl=connector.url))
    assert "Ingevuld met de update van **Marcel Kossen**" in formulier
    bevestiging = tekst_van(await _geef_door(bram, connector.url))
    assert (
        "opgeslagen als versie 2" in bevestiging and "Ik heb Marcel Kossen (ambtelijk opdrachtgever) laten weten" in bevestiging
    )
    [melding] = connector.per_gesprek()["dm-marcel-kossen"]
    assert (
        "Bram de Wit heeft de statusupdate voor **Jeugdagenda** (Herfstrapportage 2026) doorgegeven: Op koers (versie 2)"
        in melding
    )


async def test_late_update_vragen_toestaan_en_gemarkeerd(bot_client, kennisbank, connector, klok):
    noor = await _praat(bot_client, kennisbank, connector, "noor-visser")
    bram = await _praat(bot_client, kennisbank, connector, "bram-de-wit")
    klok.zet(NA_DEADLINE)
    geweigerd = await bram.stuur("statusupdate", serviceUrl=connector.url)
    assert "Er is nu geen rapportageperiode open" in tekst_van(geweigerd)
    vraag = knop(kaarten(geweigerd)[0], "Vraag om een late update")
    gevraagd = tekst_van(await bram.stuur(waarde=vraag["data"], serviceUrl=connector.url))
    assert "Ik heb het gevraagd aan Noor Visser" in gevraagd
    [(_, verzoek)] = [(g, a) for g, a in connector.berichten if g == "dm-noor-visser"]
    kaart = verzoek["attachments"][0]["content"]
    assert "Bram de Wit vraagt of de statusupdate voor **Jeugdagenda**" in kaart["body"][0]["text"]

    # someone else than the controller cannot allow it, even with the card's data
    toestaan = knop(kaart, "Toestaan voor Bram de Wit")["data"]
    assert "alleen de controller" in tekst_van(await bram.stuur(waarde=toestaan, serviceUrl=connector.url))
    assert "Toegestaan: Bram de Wit" in tekst_van(await noor.stuur(waarde=toestaan, serviceUrl=connector.url))
    assert "er verandert niets" in tekst_van(await noor.stuur(waarde=toestaan, serviceUrl=connector.url))
    assert any("staat je late statusupdate voor **Jeugdagenda**" in t for t in connector.per_gesprek()["dm-bram-de-wit"])

    bevestiging = tekst_van(await _geef_door(bram, connector.url))
    assert "late statusupdate voor **Jeugdagenda** (Herfstrapportage 2026) is opgeslagen als versie 1" in bevestiging
    overzicht = tekst_van(await noor.stuur("overzicht rapportage herfst 2026 alle onderwerpen", serviceUrl=connector.url))
    assert "Op koers** – Jeugdagenda" in overzicht and "Na de deadline doorgegeven" in overzicht


async def test_late_update_getypt_in_de_console(bot_client, kennisbank, klok):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    klok.zet(NA_DEADLINE)
    eerst = await console.stuur("statusupdate")
    keuzes = [a["value"] for x in eerst for a in (x.get("suggestedActions") or {}).get("actions", [])]
    assert keuzes == ["late update jeugdagenda"]
    antwoord = tekst_van(await console.stuur("late update jeugdagenda"))
    assert "Ik kon de controller (Noor Visser) niet bereiken" in antwoord  # nobody chatted with the bot here
