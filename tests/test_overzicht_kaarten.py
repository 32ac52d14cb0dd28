"""Issue 13: the overview and 'wie moet nog' as Adaptive Cards with filters and paging, through the
turn pipeline on SQLite and PostgreSQL: cards as Teams sends them (a message with empty text and a
`value`, and the `adaptiveCard/action` invoke), twice, after a restart, and as text in the console.
A controller chases missing reports from the 'wie moet nog' card."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from db.modellen.rapportage import Statusupdate
from db.repositories.rapportage import bewaar_statusupdate
from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_gesprek import _alle_acties, kaarten
from tests.test_rapportage_herinneringen import _praat

pytestmark = pytest.mark.beide_databases  # paging, order and filters come from the database: SQLite and PostgreSQL

CONTROLLER = "noor-visser"


async def _vul(services, onderwerp: str, status: str, periode: str = "herfst-2026", **velden) -> None:
    await bewaar_statusupdate(
        services.sessies,
        Statusupdate(
            periode_id=periode,
            onderwerp_id=onderwerp,
            status=status,
            ingediend_door="test",
            sleutel=f"{periode}-{onderwerp}",
            toelichting=velden.pop("toelichting", f"Toelichting {onderwerp}"),
            **velden,
        ),
    )


def knop(kaart: dict, titel: str) -> dict:
    for actie in _alle_acties(kaart):
        if actie.get("title") == titel:
            return actie
    raise AssertionError(f"geen knop {titel!r} in {[a.get('title') for a in _alle_acties(kaart)]}")


def elementen(knoop: Any, soort: str) -> list[dict]:
    """Every card element of this type, also inside containers and fallbacks."""
    gevonden = []
    if isinstance(knoop, dict):
        if knoop.get("type") == soort:
            gevonden.append(knoop)
        for waarde in knoop.values():
            gevonden += elementen(waarde, soort)
    elif isinstance(knoop, list):
        for item in knoop:
            gevonden += elementen(item, soort)
    return gevonden


def titels(kaart: dict) -> list[str]:
    return [a.get("title") for a in _alle_acties(kaart)]


async def klik(gesprek: TestGesprek, kaart: dict, titel: str, **invoer: Any) -> list[dict]:
    """What Teams posts for an Action.Submit: a message with empty text and the data (+ inputs)."""
    return await gesprek.stuur(waarde={**knop(kaart, titel)["data"], **invoer})


async def _signalen(services, aantal: int) -> list[str]:
    """`aantal` onderwerpen with an afwijking (every one with a maatregel)."""
    ids = [o.id for o in services.kennisbank.bestanden.onderwerpen][:aantal]
    for onderwerp in ids:
        await _vul(services, onderwerp, "afwijking", maatregel="Bijsturen")
    return ids


async def test_overzicht_is_een_kaart_met_balken_en_pagina_s(gesprek: TestGesprek, services):
    await _signalen(services, 13)
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("overzicht rapportage")
    assert len(antwoorden) == 1 and not antwoorden[0].get("text")
    kaart = kaarten(antwoorden)[0]
    tekst = tekst_van(antwoorden)
    assert "Doorgegeven: **13 van 38** onderwerpen" in tekst
    assert "`█" in tekst and "Pagina 1 van 2" in tekst
    assert tekst.count("**Afwijking** –") == 10
    assert {"Volgende pagina", "Wie moet nog?", "Alle onderwerpen", "Filteren"} <= set(titels(kaart))
    assert "Vorige pagina" not in titels(kaart)

    tweede = await klik(gesprek, kaart, "Volgende pagina")
    pagina_2 = tekst_van(tweede)
    assert "Pagina 2 van 2" in pagina_2 and pagina_2.count("**Afwijking** –") == 3
    assert "Vorige pagina" in titels(kaarten(tweede)[0])
    assert tekst_van(await klik(gesprek, kaart, "Volgende pagina")) == pagina_2  # the same button again


async def test_filter_op_directeur_en_status_uit_de_kaart(gesprek: TestGesprek, services):
    await _vul(services, "binnenstad", "aandachtspunt")
    await _vul(services, "jeugdagenda", "afwijking", maatregel="Inkoop")
    await _vul(services, "sociale-agenda", "op-koers")
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    filteren = knop(kaart, "Filteren")
    velden = {e["id"] for e in filteren["card"]["body"]}
    assert velden == {"filter_periode_id", "filter_directeur", "filter_soort", "filter_weergave"}
    gefilterd = tekst_van(await klik(gesprek, filteren["card"], "Toon", filter_directeur="marcel-kossen", filter_weergave="alle"))
    assert "Filter: Marcel Kossen · alle onderwerpen" in gefilterd
    assert "Doorgegeven: **2 van 8** onderwerpen" in gefilterd
    assert (
        "Jeugdagenda" in gefilterd
        and "Binnenstad" not in gefilterd.met_knoppen
        and "Nog niet doorgegeven** – Sociale agenda" not in gefilterd.met_knoppen
    )
    alleen = tekst_van(await klik(gesprek, filteren["card"], "Toon", filter_directeur="*", filter_weergave="aandachtspunt"))
    assert "**Aandachtspunt:**" in alleen and "Binnenstad" in alleen and "Jeugdagenda" not in alleen.met_knoppen
    assert "Doorgegeven: **3 van 38**" in alleen


async def test_onbekende_of_vervalste_filterwaarden_worden_genegeerd(gesprek: TestGesprek, services):
    await _vul(services, "binnenstad", "aandachtspunt")
    gesprek.als = "marcel-kossen"  # an opdrachtgever: only his own portfolio, whatever the card says
    antwoord = tekst_van(
        await gesprek.stuur(
            waarde={
                "actie": "rapportage.overzicht",
                "periode_id": "herfst-2026",
                "directeur": "jelle-arentsen",
                "weergave": "<b>",
                "pagina": "-4",
                "soort": "bestaat-niet",
            }
        )
    )
    assert "0 van 8" in antwoord and "Binnenstad" not in antwoord.met_knoppen
    onbekend = tekst_van(await gesprek.stuur(waarde={"actie": "rapportage.overzicht", "periode_id": "herfst-1900x"}))
    assert onbekend.startswith("Deze knop ken ik niet")


async def test_kaart_als_invoke_geeft_de_volgende_pagina_in_het_antwoord(gesprek: TestGesprek, services, connector):
    await _signalen(services, 12)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    activiteit = gesprek.activiteit(
        type="invoke",
        name="adaptiveCard/action",
        replyToId="kaart-1",
        serviceUrl=connector.url,
        value={"action": {"type": "Action.Execute", "data": knop(kaart, "Volgende pagina")["data"]}, "trigger": "manual"},
    )
    del activiteit["deliveryMode"]
    status, body = await gesprek.post(activiteit)
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Pagina 2 van 2" in tekst_van([{"attachments": [{"content": body["value"]}]}])


async def test_kaart_werkt_na_een_herstart(gesprek: TestGesprek, services, settings, klok, kennisbank):
    await _signalen(services, 11)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    nieuw = TestClient(TestServer(create_app(settings, klok=klok)))
    await nieuw.start_server()
    try:
        na_herstart = TestGesprek(nieuw, kennisbank, gesprek_id=gesprek.gesprek_id)
        na_herstart.als = CONTROLLER
        assert "Pagina 2 van 2" in tekst_van(await klik(na_herstart, kaart, "Volgende pagina"))
    finally:
        await nieuw.close()


async def test_wie_moet_nog_kaart_en_nabellen(bot_client, gesprek: TestGesprek, services, connector, kennisbank):
    await _praat(bot_client, kennisbank, connector, "marcel-kossen")
    await _vul(services, "jeugdagenda", "op-koers")
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("wie moet nog?"))[0]
    tekst = tekst_van([{"attachments": [{"content": kaart}]}])
    assert "37 onderwerpen" in tekst and "Duurzaamheidsagenda (via Lotte Jansen)" in tekst
    assert "Herinner Marcel Kossen" in titels(kaart)

    antwoord = tekst_van(await klik(gesprek, kaart, "Herinner Marcel Kossen"))
    assert "Herinnering gestuurd aan Marcel Kossen" in antwoord
    berichten = connector.per_gesprek()["dm-marcel-kossen"]
    assert len(berichten) == 1 and "Noor Visser vraagt je" in berichten[0] and "Sociale agenda" in berichten[0]
    assert "Jeugdagenda" not in berichten[0]  # submitted already

    nog_eens = tekst_van(await klik(gesprek, kaart, "Herinner Marcel Kossen"))
    assert "kreeg vandaag al een herinnering" in nog_eens
    assert len(connector.per_gesprek()["dm-marcel-kossen"]) == 1


async def test_alleen_de_controller_kan_nabellen(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    kaart = kaarten(await gesprek.stuur("wie moet nog?"))[0]
    assert not any(t.startswith("Herinner") for t in titels(kaart))
    geweigerd = tekst_van(
        await gesprek.stuur(waarde={"actie": "rapportage.herinner", "periode_id": "herfst-2026", "directeur": "marcel-kossen"})
    )
    assert "alleen de controller" in geweigerd


async def test_de_console_krijgt_de_kaart_als_tekst_met_knoppen(bot_client, kennisbank, services):
    await _signalen(services, 12)
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = CONTROLLER
    antwoorden = await console.stuur("overzicht rapportage")
    assert not kaarten(antwoorden)
    tekst = tekst_van(antwoorden)
    assert "Doorgegeven: **12 van 38** onderwerpen" in tekst and "Pagina 1 van 2" in tekst
    knoppen = {a["title"]: a["value"] for x in antwoorden for a in (x.get("suggestedActions") or {}).get("actions", [])}
    assert knoppen["Volgende pagina"] == "overzicht rapportage Herfstrapportage 2026 pagina 2"
    assert "Pagina 2 van 2" in tekst_van(await console.stuur(knoppen["Volgende pagina"]))
    wie = await console.stuur(knoppen["Wie moet nog?"])
    assert "Nog niet doorgegeven voor de **Herfstrapportage 2026**: 26 onderwerpen" in tekst_van(wie)
    herinner = {a["title"]: a["value"] for x in wie for a in (x.get("suggestedActions") or {}).get("actions", [])}
    assert herinner["Herinner Marcel Kossen"] == "herinner Marcel Kossen"
    antwoord = tekst_van(await console.stuur("herinner Marcel Kossen"))
    assert "kan ik niet bereiken" in antwoord  # nobody chatted with the bot in this test


async def test_getypt_filter_met_naam_en_vorige_periode(gesprek: TestGesprek, services):
    await _vul(services, "binnenstad", "afwijking", periode="lente-2026", maatregel="m")
    await _vul(services, "jeugdagenda", "afwijking", periode="lente-2026", maatregel="m")
    gesprek.als = CONTROLLER
    tekst = tekst_van(await gesprek.stuur("overzicht rapportage lente 2026 Marcel Kossen"))
    assert "**Lenterapportage 2026**" in tekst and "Filter: Marcel Kossen" in tekst
    assert "Jeugdagenda" in tekst and "Binnenstad" not in tekst.met_knoppen


async def test_verdeling_per_directeur_en_financieel_saldo_als_balken(gesprek: TestGesprek, services):
    await _vul(services, "jeugdagenda", "afwijking", maatregel="Inkoop", financieel_soort="tegenvaller", financieel_bedrag=250000)
    await _vul(services, "sociale-agenda", "op-koers", financieel_soort="meevaller", financieel_bedrag=50000)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    rijen = [[k["items"][0]["text"] for k in e["columns"]] for e in elementen(kaart, "ColumnSet")]  # the charts' text fallbacks
    marcel = next(r for r in rijen if r[0].startswith("- Marcel Kossen"))
    assert marcel[1] == "`AO░░░░░░`"  # afwijking, op koers, 6 still missing
    tegen = next(r for r in rijen if r[0] == "Tegenvaller")
    mee = next(r for r in rijen if r[0] == "Meevaller")
    assert tegen[1] == "`██████████`" and mee[1] == "`██░░░░░░░░`" and tegen[2] == "€ 250.000,00"


async def test_een_onbekende_status_telt_apart_mee_zodat_de_tellingen_kloppen(gesprek: TestGesprek, services):
    """A status rapportage.yaml does not know (renamed, or stored by a newer version during a rolling
    upgrade) is counted as 'overig/onbekend': the counts per status add up to what was submitted."""
    await _vul(services, "jeugdagenda", "afwijking", maatregel="Inkoop")
    await _vul(services, "sociale-agenda", "status-van-morgen")
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("overzicht rapportage")
    tekst = tekst_van(antwoorden)
    assert "Doorgegeven: **2 van 38** onderwerpen · op koers 0, aandachtspunt 0, afwijking 1, overig/onbekend 1" in tekst
    rijen = [[k["items"][0]["text"] for k in e["columns"]] for e in elementen(kaarten(antwoorden)[0], "ColumnSet")]
    assert ["Overig/onbekend", "`█░░░░░░░░░`", "1", "vorige keer 0"] in rijen
    marcel = next(r for r in rijen if r[0].startswith("- Marcel Kossen"))
    assert marcel[1] == "`A?░░░░░░`"  # afwijking, the unknown one, 6 still missing


async def test_zonder_onbekende_status_geen_regel_overig(gesprek: TestGesprek, services):
    await _vul(services, "jeugdagenda", "afwijking", maatregel="Inkoop")
    gesprek.als = CONTROLLER
    assert "overig/onbekend" not in tekst_van(await gesprek.stuur("overzicht rapportage")).lower()


async def test_herinner_zonder_naam_is_gewoon_wie_moet_nog(gesprek: TestGesprek):
    gesprek.als = "marcel-kossen"
    antwoord = tekst_van(await gesprek.stuur("herinner me"))
    assert "Nog niet doorgegeven voor de **Herfstrapportage 2026**" in antwoord and "controller" not in antwoord.met_knoppen


async def test_kaartsubmit_als_teams_bericht_vervangt_de_kaart_zonder_kopie(gesprek: TestGesprek, services, connector):
    """Issue 13 item 7, seen in the Agents Playground: Teams posts Action.Submit as a message with
    replyToId; the clicked card is replaced in place, and the same card is not also sent again."""
    await _signalen(services, 12)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]

    antwoord = await gesprek.stuur(waarde=knop(kaart, "Volgende pagina")["data"], replyToId="kaart-1", serviceUrl=connector.url)

    assert [activiteit_id for activiteit_id, _ in connector.bijgewerkt] == ["kaart-1"]
    assert "Pagina 2 van 2" in tekst_van([connector.bijgewerkt[0][1]])
    assert kaarten(antwoord) == []


async def test_kaart_die_niet_bijgewerkt_kan_worden_komt_als_nieuw_bericht(gesprek: TestGesprek, services, connector):
    await _signalen(services, 12)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    connector.faal_bijwerken.add("kaart-1")

    antwoord = await gesprek.stuur(waarde=knop(kaart, "Volgende pagina")["data"], replyToId="kaart-1", serviceUrl=connector.url)

    assert connector.bijgewerkt == []
    assert len(kaarten(antwoord)) == 1 and "Pagina 2 van 2" in tekst_van(antwoord)
    bijwerken = f"PUT /v3/conversations/{gesprek.gesprek_id}/activities/kaart-1"
    assert [v for v in connector.verzoeken if v.startswith("PUT ")] == [bijwerken]  # tests: KANAAL_HERHALINGEN=0


def _tekstblokken(element: object) -> list[dict]:
    if isinstance(element, dict):
        eigen = [element] if element.get("type") == "TextBlock" else []
        return eigen + [b for waarde in element.values() for b in _tekstblokken(waarde)]
    if isinstance(element, list):
        return [b for waarde in element for b in _tekstblokken(waarde)]
    return []


async def test_geen_tekst_in_de_overzichtkaart_wordt_afgekapt(gesprek: TestGesprek, services):
    """Seen in the Agents Playground: the per-directeur row labels were cut off ('…doorgege'); every text wraps."""
    await _signalen(services, 12)
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    blokken = _tekstblokken(kaart)
    assert blokken and all(blok.get("wrap") for blok in blokken), [b["text"] for b in blokken if not b.get("wrap")]
