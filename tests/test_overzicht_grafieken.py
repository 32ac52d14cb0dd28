"""Issue 13 item 2: the status distribution per directeur and the mee-/tegenvallers as charts, through
the turn pipeline on SQLite and PostgreSQL. Teams gets the Adaptive Card chart element with the right
numbers; a client without charts its `fallback`, a PNG of the same series (a data URI); the console,
which shows no images, the text bars under that."""

from __future__ import annotations

import base64
import io
import json
from decimal import Decimal

from PIL import Image

from dialogen import grafieken
from dialogen.grafiekbeeld import teken
from dialogen.grafieken import Balk, Deel, Grafiek
from tests.conftest import TestGesprek, tekst_van
from tests.test_overzicht_kaarten import CONTROLLER, _vul, elementen
from tests.test_rapportage_gesprek import kaarten

TEAMS_MAX_BERICHT = 28 * 1024
"""Teams refuses a bot message larger than about 28 KB."""


def png_van(afbeelding: dict) -> Image.Image:
    kop, _, data = afbeelding["url"].partition(",")
    assert kop == "data:image/png;base64"
    return Image.open(io.BytesIO(base64.b64decode(data)))


async def test_verdeling_per_directeur_is_een_grafiek_met_de_juiste_aantallen(gesprek: TestGesprek, services):
    await _vul(services, "binnenstad", "aandachtspunt")
    await _vul(services, "jeugdagenda", "afwijking", maatregel="Inkoop")
    await _vul(services, "sociale-agenda", "op-koers")
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    [grafiek] = elementen(kaart, "Chart.HorizontalBar.Stacked")
    assert grafiek["title"] == "Status per directeur"
    per_directeur = {b["title"]: {d["legend"]: d["value"] for d in b["data"]} for b in grafiek["data"]}
    assert per_directeur["Marcel Kossen"] == {"Afwijking": 1, "Aandachtspunt": 0, "Op koers": 1, "Nog niet doorgegeven": 6}
    assert per_directeur["Jelle Arentsen"] == {"Afwijking": 0, "Aandachtspunt": 1, "Op koers": 0, "Nog niet doorgegeven": 8}
    assert sum(sum(d.values()) for d in per_directeur.values()) == 38
    kleuren = {d["legend"]: d["color"] for d in grafiek["data"][0]["data"]}
    assert kleuren == {
        "Afwijking": "attention",
        "Aandachtspunt": "warning",
        "Op koers": "good",
        "Nog niet doorgegeven": "neutral",
    }

    afbeelding = grafiek["fallback"]
    assert afbeelding["type"] == "Image" and afbeelding["altText"] == "Status per directeur"
    beeld = png_van(afbeelding)
    assert beeld.format == "PNG" and beeld.width == 480 and beeld.height > 4 * 26
    tekst = afbeelding["fallback"]
    assert tekst["type"] == "Container"
    regels = [json.dumps(e, ensure_ascii=False) for e in tekst["items"]]
    assert "Per directeur:" in regels[0]
    assert any("Marcel Kossen: 2 van 8 doorgegeven" in r and "`AO░░░░░░`" in r for r in regels)


async def test_mee_en_tegenvallers_als_staafgrafiek(gesprek: TestGesprek, services):
    await _vul(
        services,
        "jeugdagenda",
        "afwijking",
        maatregel="Inkoop",
        financieel_soort="tegenvaller",
        financieel_bedrag=Decimal("4500.50"),
    )
    await _vul(services, "binnenstad", "op-koers", financieel_soort="meevaller", financieel_bedrag=Decimal("1200"))
    await _vul(services, "sociale-agenda", "op-koers", financieel_soort="meevaller", financieel_bedrag=Decimal("300"))
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    [grafiek] = elementen(kaart, "Chart.VerticalBar")
    assert grafiek["title"] == "Mee- en tegenvallers"
    assert grafiek["data"] == [
        {"x": "Meevaller", "y": 1500.0, "color": "good"},
        {"x": "Tegenvaller", "y": 4500.5, "color": "attention"},
    ]
    assert png_van(grafiek["fallback"]).format == "PNG"
    tekst = json.dumps(grafiek["fallback"]["fallback"], ensure_ascii=False)
    assert "€ 1.500,00" in tekst and "€ 4.500,50" in tekst


async def test_zonder_financieel_effect_geen_staafgrafiek(gesprek: TestGesprek, services):
    await _vul(services, "binnenstad", "op-koers")
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    assert elementen(kaart, "Chart.VerticalBar") == []
    assert len(elementen(kaart, "Chart.HorizontalBar.Stacked")) == 1


async def test_per_directeur_gefilterd_of_wie_moet_nog_zonder_verdeling(gesprek: TestGesprek, services):
    await _vul(services, "binnenstad", "op-koers")
    gesprek.als = CONTROLLER
    assert elementen(kaarten(await gesprek.stuur("wie moet nog"))[0], "Chart.HorizontalBar.Stacked") == []
    gefilterd = kaarten(await gesprek.stuur("overzicht rapportage Marcel Kossen"))[0]
    assert elementen(gefilterd, "Chart.HorizontalBar.Stacked") == []


async def test_console_krijgt_tekstbalken_en_geen_afbeelding(bot_client, kennisbank, services):
    await _vul(
        services, "jeugdagenda", "afwijking", maatregel="Inkoop", financieel_soort="tegenvaller", financieel_bedrag=Decimal("250")
    )
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = CONTROLLER
    antwoorden = await console.stuur("overzicht rapportage")
    assert not any(a.get("attachments") for a in antwoorden)
    tekst = tekst_van(antwoorden)
    assert "data:image" not in tekst.met_knoppen and "Chart." not in tekst.met_knoppen
    assert "Per directeur:" in tekst and "- Marcel Kossen: 1 van 8 doorgegeven  `A░░░░░░░`" in tekst
    assert "Tegenvaller  `██████████`  € 250,00" in tekst


async def test_volle_kaart_blijft_onder_de_teams_grens(gesprek: TestGesprek, services):
    statussen = ["afwijking", "aandachtspunt", "op-koers"]
    for nummer, onderwerp in enumerate(services.kennisbank.bestanden.onderwerpen):
        soort = "meevaller" if nummer % 2 else "tegenvaller"
        await _vul(
            services,
            onderwerp.id,
            statussen[nummer % 3],
            maatregel="Bijsturen met een langere maatregel " * 3,
            toelichting="Een toelichting zoals managers die schrijven, met wat context erbij. " * 3,
            financieel_soort=soort,
            financieel_bedrag=Decimal(1000 + nummer),
        )
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("overzicht rapportage alle onderwerpen")
    assert elementen(kaarten(antwoorden)[0], "Chart.HorizontalBar.Stacked")
    assert len(json.dumps(antwoorden[0], ensure_ascii=False).encode()) < TEAMS_MAX_BERICHT


def test_afbeelding_volgt_de_getallen():
    """The PNG is drawn from the series: the same numbers give the same image, other numbers another."""

    def grafiek(aantal: int) -> Grafiek:
        return Grafiek(
            "Status", (Balk("Een directeur", (Deel("Op koers", aantal, "good"), Deel("Nog niet", 3, "neutral"))),), gestapeld=True
        )

    assert teken(grafiek(2)) == teken(grafiek(2))
    assert teken(grafiek(2)) != teken(grafiek(5))
    breed = Image.open(io.BytesIO(teken(grafiek(5)))).convert("RGB")
    smal = Image.open(io.BytesIO(teken(grafiek(1)))).convert("RGB")
    groen = (84, 160, 40)

    def groene_pixels(beeld: Image.Image) -> int:
        return next((aantal for aantal, kleur in beeld.getcolors(1 << 16) or [] if kleur == groen), 0)

    assert groene_pixels(breed) > 2 * groene_pixels(smal) > 0


async def test_elke_reeks_wordt_eenmaal_getekend_zolang_de_getallen_gelijk_blijven(gesprek: TestGesprek, services, monkeypatch):
    """The card is built on every render, for Teams too (whose chart element hides the PNG): each
    series is drawn once. The same numbers again send the very same image without drawing it; a
    changed number draws that chart anew, and every image is what `teken` draws for its series."""
    getekend: list[Grafiek] = []

    def tel(grafiek: Grafiek) -> bytes:
        getekend.append(grafiek)
        return teken(grafiek)

    monkeypatch.setattr(grafieken, "teken", tel)
    grafieken._beeld_url.cache_clear()  # another test in this process may have drawn the same series
    await _vul(services, "binnenstad", "aandachtspunt", financieel_soort="meevaller", financieel_bedrag=Decimal("800"))
    gesprek.als = CONTROLLER

    def beelden(antwoorden: list[dict]) -> list[str]:
        kaart = kaarten(antwoorden)[0]
        return [e["url"] for e in elementen(kaart, "Image") if e["url"].startswith("data:image/png")]

    eerste = beelden(await gesprek.stuur("overzicht rapportage"))
    assert len(eerste) == 2 and len(getekend) == 2  # the distribution and the mee-/tegenvallers
    assert [base64.b64decode(u.partition(",")[2]) for u in eerste] == [teken(g) for g in getekend]

    assert beelden(await gesprek.stuur("overzicht rapportage")) == eerste
    assert len(getekend) == 2

    await _vul(services, "jeugdagenda", "afwijking", maatregel="Inkoop")
    derde = beelden(await gesprek.stuur("overzicht rapportage"))
    assert len(getekend) == 3 and getekend[-1].gestapeld  # only the distribution changed
    [nieuw] = [url for url in derde if url not in eerste]
    assert base64.b64decode(nieuw.partition(",")[2]) == teken(getekend[-1])
