"""Issue 13: 'mijn checks' as an Adaptive Card with paging and a filter on advies, through the turn
pipeline on SQLite and PostgreSQL (a submit as Teams sends it, twice), and as text in the console."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.repositories.bestuursopdracht import BestuursopdrachtRepository
from tests.conftest import TestGesprek, tekst_van
from tests.test_overzicht_kaarten import klik, titels
from tests.test_rapportage_gesprek import kaarten

pytestmark = pytest.mark.beide_databases  # paging, order and filters come from the database: SQLite and PostgreSQL

ALS = "marcel-kossen"


async def _checks(services, klok, adviezen: list[str]) -> None:
    async with services.sessies.begin() as sessie:
        repo = BestuursopdrachtRepository(sessie)
        for nummer, advies in enumerate(adviezen):
            await repo.bewaar(
                BestuursopdrachtCheck(
                    sleutel=f"s{nummer}",
                    gebruiker_id="iemand",
                    aad_object_id=None,
                    persoon_id=ALS,
                    gebruiker_naam="M",
                    kanaal="msteams",
                    opdracht=f"Opdracht {nummer:02d}",
                    onderwerp_id=None,
                    antwoorden=[],
                    aantal_geldend=nummer,
                    advies=advies,
                    notitie=None,
                    criteria_versie="1",
                    criteria_kenmerk="k",
                    uitgevoerd_op=klok.moment + timedelta(minutes=nummer),
                )
            )


async def test_mijn_checks_kaart_pagineert_en_filtert(gesprek: TestGesprek, services, klok):
    await _checks(services, klok, ["nodig", "twijfel", "niet_nodig"] * 4)  # 12 checks
    gesprek.als = ALS
    kaart = kaarten(await gesprek.stuur("mijn checks"))[0]
    tekst = tekst_van([{"attachments": [{"content": kaart}]}])
    assert "Pagina 1 van 2" in tekst and tekst.index("Opdracht 11") < tekst.index("Opdracht 04")
    assert "Opdracht 03" not in tekst.met_knoppen
    tweede = tekst_van(await klik(gesprek, kaart, "Volgende pagina"))
    assert "Pagina 2 van 2" in tweede and "Opdracht 00" in tweede and "Opdracht 11" not in tweede.met_knoppen
    assert tekst_van(await klik(gesprek, kaart, "Volgende pagina")) == tweede  # the same button twice
    twijfel = await klik(gesprek, kaart, "Twijfel")
    gefilterd = tekst_van(twijfel)
    assert "Opdracht 10" in gefilterd and "Opdracht 11" not in gefilterd.met_knoppen and "Pagina" not in gefilterd.met_knoppen
    assert "Alle checks" in titels(kaarten(twijfel)[0])


async def test_vervalst_filter_valt_terug_op_alle_checks(gesprek: TestGesprek, services, klok):
    await _checks(services, klok, ["nodig", "twijfel"])
    gesprek.als = ALS
    tekst = tekst_van(await gesprek.stuur(waarde={"actie": "bestuursopdracht.mijn_checks", "advies": "<script>", "pagina": "x"}))
    assert "Opdracht 00" in tekst and "Opdracht 01" in tekst


async def test_mijn_checks_in_de_console(bot_client, kennisbank, services, klok):
    await _checks(services, klok, ["nodig", "twijfel", "niet_nodig"] * 4)
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = ALS
    antwoorden = await console.stuur("mijn checks")
    assert not kaarten(antwoorden)
    knoppen = {a["title"]: a["value"] for x in antwoorden for a in (x.get("suggestedActions") or {}).get("actions", [])}
    assert knoppen["Volgende pagina"] == "mijn checks pagina 2" and knoppen["Niet nodig"] == "mijn checks niet nodig"
    assert "Pagina 2 van 2" in tekst_van(await console.stuur(knoppen["Volgende pagina"]))
    niet_nodig = tekst_van(await console.stuur(knoppen["Niet nodig"]))
    assert "Opdracht 11" in niet_nodig and "Opdracht 10" not in niet_nodig.met_knoppen


async def test_bladeren_als_teams_bericht_vervangt_de_kaart_zonder_kopie(gesprek: TestGesprek, services, klok, connector):
    """Seen in the Agents Playground: Action.Submit arrives with replyToId; one card, replaced in place."""
    await _checks(services, klok, ["nodig", "twijfel", "niet_nodig"] * 4)
    gesprek.als = ALS
    kaart = kaarten(await gesprek.stuur("mijn checks"))[0]
    knop = next(a for a in kaart["actions"] if a.get("title") == "Volgende pagina")

    antwoord = await gesprek.stuur(waarde=knop["data"], replyToId="kaart-1", serviceUrl=connector.url)

    assert [activiteit_id for activiteit_id, _ in connector.bijgewerkt] == ["kaart-1"]
    assert "Pagina 2 van 2" in tekst_van([connector.bijgewerkt[0][1]])
    assert kaarten(antwoord) == []
