"""Issue 5 through the turn pipeline (real app over HTTP, expectReplies):
card and text paths, required fields, editing with history, idempotency, refusals, overviews.

The tests at the end (marked `beide_kennisbanken`) run on every shipped example with its own
periods, statuses and people; the others use the first example's herfst 2026 and its people."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.services import TIJDZONE
from db.modellen.rapportage import Statusupdate
from db.repositories.rapportage import StatusupdateRepository, bewaar_statusupdate
from tests.conftest import TestGesprek, knoppen_van, tekst_van
from tests.kennis_voorbeelden import datum_tekst

# --- helpers: read what the bot sent, click what a user would click ------------------------


def kaarten(activiteiten: list[dict]) -> list[dict]:
    return [
        b["content"]
        for a in activiteiten
        for b in a.get("attachments") or []
        if b.get("contentType") == "application/vnd.microsoft.card.adaptive"
    ]


def _alle_acties(knoop: Any):
    if isinstance(knoop, dict):
        if knoop.get("type", "").startswith("Action."):
            yield knoop
        for waarde in knoop.values():
            yield from _alle_acties(waarde)
    elif isinstance(knoop, list):
        for item in knoop:
            yield from _alle_acties(item)


def knop(kaart: dict, titel: str, onderwerp_id: str | None = None) -> dict:
    """The submit data of the button with this title (on the row of this onderwerp)."""
    for actie in _alle_acties(kaart):
        data = actie.get("data") or {}
        if actie.get("title") == titel and (onderwerp_id is None or data.get("onderwerp_id") == onderwerp_id):
            return actie
    raise AssertionError(f"geen knop {titel!r} in {[a.get('title') for a in _alle_acties(kaart)]}")


def invoervelden(kaart: dict) -> dict[str, str]:
    return {e["id"]: e.get("value", "") for e in kaart["body"] if e.get("type", "").startswith("Input.")}


def klik(kaart: dict, titel: str, onderwerp_id: str | None = None, **invoer: str) -> dict:
    """What Teams posts for a click: the action's data, plus the card's inputs unless the action
    says associatedInputs none."""
    actie = knop(kaart, titel, onderwerp_id)
    waarde = dict(actie["data"])
    if actie.get("associatedInputs") != "none":
        waarde = {**invoervelden(kaart), **invoer, **waarde}
    return waarde


async def versies(services, onderwerp_id: str | None = None, periode_id: str = "herfst-2026") -> list[Statusupdate]:
    async with services.sessies() as sessie:
        return list(await StatusupdateRepository(sessie).historie(periode_id, onderwerp_id))


async def aantal(services) -> int:
    async with services.sessies() as sessie:
        return await sessie.scalar(select(func.count()).select_from(Statusupdate))


# --- card path ------------------------------------------------------------------------------


async def test_op_koers_in_twee_klikken(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    assert "Herfstrapportage 2026" in tekst_van([{"attachments": [{"content": keuze}]}])
    samenvatting = await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda"))  # klik 1
    kaart = kaarten(samenvatting)[0]
    assert "Op koers" in tekst_van(samenvatting) and "Klopt dit?" in tekst_van(samenvatting)
    assert await aantal(services) == 0  # nothing stored before confirming
    antwoord = await gesprek.stuur(waarde=klik(kaart, "Bevestigen"))  # klik 2
    assert "opgeslagen als versie 1" in tekst_van(antwoord)
    [opgeslagen] = await versies(services, "sociale-agenda")
    assert (opgeslagen.status, opgeslagen.ingediend_door, opgeslagen.versie) == ("op-koers", "marcel-kossen", 1)
    assert opgeslagen.ingediend_door_aad == "3f2b6c1e-5a7d-4e21-9b0c-1a2d3e4f5a03"
    # submitted at the app's clock (22 November in these tests), not the machine's wall clock
    assert opgeslagen.ingediend_op.astimezone(TIJDZONE).date() == services.diensten.klok().date()


async def test_afwijking_via_kaart_met_bedrag(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    assert formulier["body"][0]["text"] == "Statusupdate: Jeugdagenda"
    samenvatting = await gesprek.stuur(
        waarde=klik(
            formulier,
            "Controleren",
            status="afwijking",
            toelichting="Aanbesteding vertraagd",
            financieel="tegenvaller",
            bedrag="€ 12.500",
            maatregel="Tijdelijke inhuur",
        )
    )
    assert "Tegenvaller van € 12.500,00" in tekst_van(samenvatting)
    await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Bevestigen"))
    [rij] = await versies(services, "jeugdagenda")
    assert (rij.status, rij.financieel_soort, rij.financieel_bedrag, rij.maatregel) == (
        "afwijking",
        "tegenvaller",
        Decimal("12500.00"),
        "Tijdelijke inhuur",
    )


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ({"status": "aandachtspunt", "toelichting": ""}, "Bij **Aandachtspunt** is een toelichting verplicht."),
        ({"status": "afwijking", "toelichting": "Te laat"}, "Bij **Afwijking** hoort een maatregel"),
        ({"status": "op-koers", "financieel": "meevaller", "bedrag": ""}, "Vul het bedrag van de meevaller in"),
        ({"status": "op-koers", "financieel": "meevaller", "bedrag": "-5"}, "kan niet negatief zijn"),
        ({"status": "op-koers", "financieel": "meevaller", "bedrag": "12,500"}, "Bedoel je € 12,50 of € 12.500"),
        ({"status": "op-koers", "financieel": "tegenvaller", "bedrag": "3 mld"}, "lijkt een tikfout"),
        ({"status": "op-koers", "financieel": "geen", "bedrag": "500"}, "zonder meevaller of tegenvaller"),
    ],
)
async def test_verplichte_velden_en_bedragen_via_kaart(gesprek: TestGesprek, services, invoer, verwacht):
    gesprek.als = "marcel-kossen"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    antwoord = await gesprek.stuur(waarde=klik(formulier, "Controleren", **invoer))
    assert verwacht in tekst_van(antwoord)
    opnieuw = kaarten(antwoord)[0]
    # nothing the user typed is lost: the card comes back with their values
    for veld, waarde in invoer.items():
        assert invoervelden(opnieuw)[veld] == waarde
    assert await aantal(services) == 0


async def test_wijzigen_houdt_historie_en_vult_vooraf_in(gesprek: TestGesprek, services):
    gesprek.als = "bram-de-wit"  # gedelegeerd opdrachtgever of the jeugdagenda
    formulier = kaarten(await gesprek.stuur("statusupdate"))[0]  # his only onderwerp: the form at once
    samenvatting = await gesprek.stuur(
        waarde=klik(formulier, "Controleren", status="aandachtspunt", toelichting="Personeelstekort")
    )
    await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Bevestigen"))

    formulier = kaarten(await gesprek.stuur("wijzig statusupdate jeugdagenda"))[0]
    assert invoervelden(formulier)["status"] == "aandachtspunt"
    assert invoervelden(formulier)["toelichting"] == "Personeelstekort"
    assert "Ingevuld met je vorige update: Aandachtspunt (versie 1" in tekst_van([{"attachments": [{"content": formulier}]}])
    samenvatting = await gesprek.stuur(waarde=klik(formulier, "Controleren", status="op-koers", toelichting="Opgelost"))
    # 'Wijzigen' on the summary brings the form back with what was entered
    terug = kaarten(await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Wijzigen")))[0]
    assert invoervelden(terug)["toelichting"] == "Opgelost"
    samenvatting = await gesprek.stuur(waarde=klik(terug, "Controleren"))
    antwoord = await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Bevestigen"))
    assert "versie 2" in tekst_van(antwoord)
    historie = await versies(services, "jeugdagenda")
    assert [(v.versie, v.status, v.toelichting) for v in historie] == [
        (1, "aandachtspunt", "Personeelstekort"),
        (2, "op-koers", "Opgelost"),
    ]


async def test_dubbelklik_en_kanaalherhaling_geven_geen_dubbele(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(keuze, "Op koers", "jeugdagenda")))[0]
    bevestig = klik(samenvatting, "Bevestigen")
    eerste = await gesprek.stuur(waarde=bevestig, id="activiteit-1")
    herhaling = await gesprek.stuur(waarde=bevestig, id="activiteit-1")  # channel retry: same id
    dubbelklik = await gesprek.stuur(waarde=bevestig)  # second click: new activity id
    assert "versie 1" in tekst_van(eerste)
    assert "opgeslagen" not in tekst_van(herhaling).met_knoppen
    assert "had ik al ontvangen (versie 1)" in tekst_van(dubbelklik)
    assert await aantal(services) == 1


async def test_bevestigde_kaart_wordt_vervangen(gesprek: TestGesprek, services):
    """The summary is replaced by a receipt without a Bevestigen button (when the channel can update)."""
    gesprek.als = "marcel-kossen"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Op koers, niets te melden")))[0]
    vervangen = []
    from dialogen import kaarten as kaarten_module

    origineel = kaarten_module.vervang_kaart

    def spion(context, bijlage):
        vervangen.append(bijlage.content)
        origineel(context, bijlage)

    import dialogen.rapportage.feature as feature_module

    feature_module.vervang_kaart = spion
    try:
        await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen"), replyToId="kaart-1")
    finally:
        feature_module.vervang_kaart = origineel
    [ontvangen] = vervangen
    titels = [a.get("title") for a in _alle_acties(ontvangen)]
    assert "Bevestigen" not in titels and "Wijzigen" in titels


# --- refusals -------------------------------------------------------------------------------


async def test_weigering_noemt_wie_wel_mag(gesprek: TestGesprek, services):
    gesprek.als = "lotte-jansen"
    antwoord = tekst_van(await gesprek.stuur("statusupdate jeugdagenda"))
    assert "kun jij geen statusupdate doorgeven" in antwoord
    assert "Marcel Kossen of Bram de Wit" in antwoord


async def test_vervalste_kaart_wordt_geweigerd(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Op koers, niets te melden")))[0]
    antwoord = await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen"), als="daan-bakker")
    assert "kun jij geen statusupdate doorgeven" in tekst_van(antwoord)
    assert await aantal(services) == 0


async def test_geen_opdrachtgever_en_onbekende_gebruiker(gesprek: TestGesprek):
    assert "geen ambtelijk of gedelegeerd opdrachtgever" in tekst_van(await gesprek.stuur("statusupdate", als="daan-bakker"))
    gesprek.als = None
    assert "Ik weet niet wie je bent" in tekst_van(await gesprek.stuur("statusupdate"))


async def test_na_de_deadline_niet_meer_wijzigen(gesprek: TestGesprek, services, klok):
    gesprek.als = "marcel-kossen"
    formulier = kaarten(await gesprek.stuur("statusupdate jeugdagenda"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Op koers, niets te melden")))[0]
    klok.zet(datetime(2026, 12, 5, 8, 0, tzinfo=TIJDZONE))
    antwoord = tekst_van(await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen")))
    assert "De deadline van de **Herfstrapportage 2026** was 4 december 2026" in antwoord
    assert await aantal(services) == 0
    geen = tekst_van(await gesprek.stuur("statusupdate"))
    assert "De volgende is de **Lenterapportage 2027**: doorgeven kan van 1 april 2027 tot en met 8 mei 2027" in geen
    assert "het overzicht van de **Herfstrapportage 2026** bekijken" in geen and "controller" in geen


async def test_overzicht_alleen_voor_controller_en_opdrachtgevers(gesprek: TestGesprek):
    antwoord = tekst_van(await gesprek.stuur("overzicht rapportage", als="daan-bakker"))
    assert "voor controllers en opdrachtgevers" in antwoord and "Noor Visser" in antwoord


# --- overview and 'wie moet nog?' -----------------------------------------------------------


async def _vul(services, periode: str, onderwerp: str, status: str, sleutel: str, **velden) -> None:
    await bewaar_statusupdate(
        services.sessies,
        Statusupdate(periode_id=periode, onderwerp_id=onderwerp, status=status, ingediend_door="test", sleutel=sleutel, **velden),
    )


async def test_overzicht_voor_controller_afwijkingen_eerst_en_vergelijking(gesprek: TestGesprek, services):
    await _vul(services, "lente-2026", "binnenstad", "op-koers", "l1")
    await _vul(services, "lente-2026", "jeugdagenda", "op-koers", "l2")
    await _vul(services, "herfst-2026", "binnenstad", "aandachtspunt", "h1", toelichting="Ondernemers ongerust")
    await _vul(
        services,
        "herfst-2026",
        "jeugdagenda",
        "afwijking",
        "h2",
        toelichting="Wachtlijsten",
        maatregel="Regionale inkoop",
        financieel_soort="tegenvaller",
        financieel_bedrag=Decimal("250000"),
    )
    await _vul(services, "herfst-2026", "sociale-agenda", "op-koers", "h3")
    antwoord = tekst_van(await gesprek.stuur("overzicht rapportage", als="noor-visser"))
    assert "Doorgegeven: **3 van 38** onderwerpen · op koers 1, aandachtspunt 1, afwijking 1" in antwoord
    assert "Vorige keer (Lenterapportage 2026): 2 doorgegeven · op koers 2" in antwoord
    assert antwoord.index("**Afwijking** – Jeugdagenda") < antwoord.index("**Aandachtspunt** – Binnenstad")
    assert "_(vorige periode: op koers)_" in antwoord
    assert "Maatregel: Regionale inkoop" in antwoord
    assert "tegenvaller van € 250.000,00" in antwoord
    assert "- Marcel Kossen: 2 van 8 doorgegeven" in antwoord
    assert "- Jelle Arentsen: 1 van 9 doorgegeven" in antwoord


async def test_overzicht_van_opdrachtgever_toont_alleen_eigen_portefeuille(gesprek: TestGesprek, services):
    await _vul(services, "herfst-2026", "binnenstad", "afwijking", "x1", toelichting="Geheim", maatregel="m")
    antwoord = tekst_van(await gesprek.stuur("overzicht rapportage", als="marcel-kossen"))
    assert "0 van 8" in antwoord and "Binnenstad" not in antwoord.met_knoppen and "Jelle Arentsen" not in antwoord.met_knoppen


async def test_overzicht_van_een_genoemde_periode(gesprek: TestGesprek, services):
    await _vul(services, "lente-2026", "binnenstad", "op-koers", "p1")
    antwoord = tekst_van(await gesprek.stuur("overzicht lente 2026", als="noor-visser"))
    assert "**Lenterapportage 2026**" in antwoord and "**1 van 38**" in antwoord


async def test_wie_moet_nog(gesprek: TestGesprek, services):
    await _vul(services, "herfst-2026", "jeugdagenda", "op-koers", "w1")
    antwoord = tekst_van(await gesprek.stuur("wie moet nog?", als="noor-visser"))
    assert "37 onderwerpen" in antwoord
    regel = next(r for r in antwoord.splitlines() if r.startswith("- **Marcel Kossen**"))
    assert "Jeugdagenda" not in regel and "Sociale agenda" in regel
    assert "Duurzaamheidsagenda (via Lotte Jansen)" in antwoord


# --- text path (console chat, no cards) -----------------------------------------------------


async def test_tekstpad_in_de_console(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "jelle-arentsen"
    vraag = await console.stuur("voortgang doorgeven")
    assert not kaarten(vraag)
    assert "Binnenstad" in [a["title"] for a in vraag[-1]["suggestedActions"]["actions"]]  # the list, then the buttons
    stappen = [
        ("binnenstad", "Hoe staat **Binnenstad** ervoor"),
        ("misschien", "Kies een status"),
        ("Afwijking", "Geef een korte toelichting"),
        ("Vertraging door bezwaren", "financieel effect"),
        ("Tegenvaller", "Hoe groot is de tegenvaller"),
        ("12,500", "Bedoel je € 12,50 of € 12.500"),
        ("1,2 mln", "Welke maatregel"),
        ("Extra juridische capaciteit", "Klopt dit?"),
    ]
    for tekst, verwacht in stappen:
        assert verwacht in tekst_van(await console.stuur(tekst)), tekst
    antwoord = tekst_van(await console.stuur("Bevestigen"))
    assert "opgeslagen als versie 1" in antwoord
    [rij] = await versies(services, "binnenstad")
    assert (rij.status, rij.financieel_bedrag, rij.maatregel) == (
        "afwijking",
        Decimal("1200000.00"),
        "Extra juridische capaciteit",
    )


async def test_tekstpad_op_koers_in_twee_antwoorden_en_wijzigen(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    assert "Hoe staat **Jeugdagenda** ervoor" in tekst_van(await console.stuur("statusupdate"))
    assert "Klopt dit?" in tekst_van(await console.stuur("Op koers"))
    assert "versie 1" in tekst_van(await console.stuur("Bevestigen"))
    # wijzig: previous answer offered, 'Wijzigen' on the summary goes back without losing anything
    assert "Vorige keer: Op koers" in tekst_van(await console.stuur("wijzig statusupdate"))
    await console.stuur("Aandachtspunt")
    await console.stuur("Minder aanmeldingen dan verwacht")
    assert "Klopt dit?" in tekst_van(await console.stuur("Geen"))
    assert "Hoe staat" in tekst_van(await console.stuur("Wijzigen"))
    antwoorden = await console.stuur("Aandachtspunt")
    vraag = tekst_van(antwoorden)
    # a draft is 'Net ingevuld', never 'Vorige keer' (that is for submitted versions only; issue 13)
    assert 'Net ingevuld: "Minder aanmeldingen dan verwacht"' in vraag and "Zelfde als net" in knoppen_van(antwoorden)
    assert "Vorige keer" not in vraag.met_knoppen
    assert "financieel effect" in tekst_van(await console.stuur("Zelfde als net"))
    assert "Klopt dit?" in tekst_van(await console.stuur("Geen"))
    assert "versie 2" in tekst_van(await console.stuur("ja"))
    assert [(v.versie, v.status) for v in await versies(services, "jeugdagenda")] == [(1, "op-koers"), (2, "aandachtspunt")]
    assert (await versies(services, "jeugdagenda"))[1].toelichting == "Minder aanmeldingen dan verwacht"


async def test_stop_bewaart_niets(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    await console.stuur("statusupdate")
    await console.stuur("Op koers")
    assert "gestopt" in tekst_van(await console.stuur("stop"))
    assert await aantal(services) == 0


# --- on every example: its own periods, statuses and people -------------------------------------


def _statussen(kennisbank):
    rapportage = kennisbank.bestanden.rapportage
    snel = rapportage.snelste_status
    uitleg = next(s for s in rapportage.statussen if s.toelichting_verplicht and not s.maatregel_verplicht)
    maatregel = next(s for s in rapportage.statussen if s.maatregel_verplicht)
    return snel, uitleg, maatregel


@pytest.fixture
def open_periode(klok, voorbeelden):
    """The clock inside an open period of the loaded kennisbank; that period."""
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    return periode


@pytest.mark.beide_kennisbanken
async def test_snelste_status_in_twee_klikken_op_elk_voorbeeld(
    gesprek: TestGesprek, services, kennisbank, voorbeelden, open_periode
):
    manager = voorbeelden.opdrachtgever_met_onderwerpen()
    onderwerp = voorbeelden.ambtelijk_van(manager)[0]
    snel, _, _ = _statussen(kennisbank)
    gesprek.als = manager.id
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    assert open_periode.naam in tekst_van([{"attachments": [{"content": keuze}]}])
    samenvatting = await gesprek.stuur(waarde=klik(keuze, snel.naam, onderwerp.id))
    assert snel.naam in tekst_van(samenvatting) and "Klopt dit?" in tekst_van(samenvatting)
    assert await aantal(services) == 0
    assert "opgeslagen als versie 1" in tekst_van(await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Bevestigen")))
    [rij] = await versies(services, onderwerp.id, open_periode.id)
    assert (rij.status, rij.ingediend_door, rij.versie) == (snel.id, manager.id, 1)


@pytest.mark.beide_kennisbanken
async def test_verplichte_velden_met_de_statussen_van_elk_voorbeeld(
    gesprek: TestGesprek, services, kennisbank, voorbeelden, open_periode
):
    onderwerp = voorbeelden.onderwerp()
    _, uitleg, maatregel = _statussen(kennisbank)
    gesprek.als = voorbeelden.ao(onderwerp).id
    formulier = kaarten(await gesprek.stuur(f"statusupdate {onderwerp.naam}"))[0]
    assert formulier["body"][0]["text"] == f"Statusupdate: {onderwerp.naam}"
    antwoord = tekst_van(await gesprek.stuur(waarde=klik(formulier, "Controleren", status=uitleg.id, toelichting="")))
    assert f"Bij **{uitleg.naam}** is een toelichting verplicht." in antwoord
    antwoord = tekst_van(await gesprek.stuur(waarde=klik(formulier, "Controleren", status=maatregel.id, toelichting="Te laat")))
    assert f"Bij **{maatregel.naam}** hoort een maatregel" in antwoord
    assert await aantal(services) == 0


@pytest.mark.beide_kennisbanken
async def test_gedelegeerde_geeft_door_en_een_ander_hoort_wie_wel_mag(
    gesprek: TestGesprek, services, kennisbank, voorbeelden, open_periode
):
    onderwerp = voorbeelden.met_gedelegeerd()
    ao, gd = voorbeelden.ao(onderwerp), voorbeelden.gedelegeerd(onderwerp)
    antwoord = tekst_van(await gesprek.stuur(f"statusupdate {onderwerp.naam}", als=voorbeelden.buitenstaander().id))
    assert "kun jij geen statusupdate doorgeven" in antwoord and f"{ao.naam} of {gd.naam}" in antwoord
    snel, _, _ = _statussen(kennisbank)
    gesprek.als = gd.id
    formulier = kaarten(await gesprek.stuur(f"statusupdate {onderwerp.naam}"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Controleren", status=snel.id)))[0]
    assert "versie 1" in tekst_van(await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen")))
    [rij] = await versies(services, onderwerp.id, open_periode.id)
    assert rij.ingediend_door == gd.id


@pytest.mark.beide_kennisbanken
async def test_na_de_deadline_en_zonder_open_periode_op_elk_voorbeeld(
    gesprek: TestGesprek, services, kennisbank, voorbeelden, open_periode, klok
):
    onderwerp = voorbeelden.onderwerp()
    snel, _, _ = _statussen(kennisbank)
    gesprek.als = voorbeelden.ao(onderwerp).id
    formulier = kaarten(await gesprek.stuur(f"statusupdate {onderwerp.naam}"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Controleren", status=snel.id)))[0]
    na = open_periode.deadline + timedelta(days=1)
    klok.zet(datetime(na.year, na.month, na.day, 8, 0, tzinfo=TIJDZONE))
    antwoord = tekst_van(await gesprek.stuur(waarde=klik(samenvatting, "Bevestigen")))
    assert f"De deadline van de **{open_periode.naam}** was {datum_tekst(open_periode.deadline)}" in antwoord
    assert await aantal(services) == 0
    klok.zet(voorbeelden.gesloten_moment())
    rapportage = kennisbank.bestanden.rapportage
    volgende = rapportage.volgende_periode(klok().date())
    geen = tekst_van(await gesprek.stuur("statusupdate"))
    assert f"De volgende is de **{volgende.naam}**" in geen and "controller" in geen


@pytest.mark.beide_kennisbanken
async def test_overzicht_en_wie_moet_nog_op_elk_voorbeeld(gesprek: TestGesprek, services, kennisbank, voorbeelden, open_periode):
    onderwerp = voorbeelden.onderwerp()
    _, _, maatregel = _statussen(kennisbank)
    await _vul(services, open_periode.id, onderwerp.id, maatregel.id, "e1", toelichting="Loopt uit", maatregel="Bijsturen")
    totaal = sum(o.geldig_op(open_periode.peildatum) for o in kennisbank.bestanden.onderwerpen)
    controller = voorbeelden.controller()
    antwoord = tekst_van(await gesprek.stuur("overzicht rapportage", als=controller.id))
    assert f"**{open_periode.naam}**" in antwoord and f"**1 van {totaal}**" in antwoord
    assert f"**{maatregel.naam}** – {onderwerp.naam}" in antwoord and "Maatregel: Bijsturen" in antwoord
    nog = tekst_van(await gesprek.stuur("wie moet nog?", als=controller.id))
    assert f"{totaal - 1} onderwerpen" in nog
    antwoord = tekst_van(await gesprek.stuur("overzicht rapportage", als=voorbeelden.buitenstaander().id))
    assert "voor controllers en opdrachtgevers" in antwoord and controller.naam in antwoord


@pytest.mark.beide_kennisbanken
async def test_tekstpad_in_de_console_op_elk_voorbeeld(bot_client, kennisbank, services, voorbeelden, open_periode):
    onderwerp = voorbeelden.onderwerp()
    _, uitleg, _ = _statussen(kennisbank)
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = voorbeelden.ao(onderwerp).id
    assert f"Hoe staat **{onderwerp.naam}** ervoor" in tekst_van(await console.stuur(f"statusupdate {onderwerp.naam}"))
    assert "Kies een status" in tekst_van(await console.stuur("misschien"))
    assert "Geef een korte toelichting" in tekst_van(await console.stuur(uitleg.naam))
    assert "financieel effect" in tekst_van(await console.stuur("Minder aanmeldingen"))
    assert "Klopt dit?" in tekst_van(await console.stuur("Geen"))
    assert "versie 1" in tekst_van(await console.stuur("Bevestigen"))
    [rij] = await versies(services, onderwerp.id, open_periode.id)
    assert (rij.status, rij.toelichting) == (uitleg.id, "Minder aanmeldingen")
