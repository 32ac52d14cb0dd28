"""Issue 10 (turn level): input that used to crash a turn with "Sorry, er ging iets mis" and wipe
the dialog — a bedrag of 27+ digits, a lone surrogate, "opnieuw" in a statusupdate, a message too
long to analyse — gets a specific Dutch message, and the waiting dialog goes on (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogen.invoercontrole import MAX_BERICHT
from kennisbank.bedragen import BedragFout, lees_bedrag
from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_gesprek import kaarten, klik, versies

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

FOUT = "er ging iets mis aan mijn kant"


@pytest.fixture
def console(bot_client, kennisbank) -> TestGesprek:
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = "jelle-arentsen"
    return gesprek


async def _tot_bedrag(console: TestGesprek) -> None:
    for tekst in ("voortgang doorgeven", "binnenstad", "Afwijking", "Vertraging door bezwaren"):
        await console.stuur(tekst)
    assert "Hoe groot is de tegenvaller" in tekst_van(await console.stuur("Tegenvaller"))


async def _rond_af(console: TestGesprek, services) -> None:
    assert "Welke maatregel" in tekst_van(await console.stuur("1,2 mln"))
    assert "Klopt dit?" in tekst_van(await console.stuur("Extra juridische capaciteit"))
    assert "opgeslagen als versie 1" in tekst_van(await console.stuur("Bevestigen"))
    [rij] = await versies(services, "binnenstad")
    assert (rij.toelichting, rij.financieel_bedrag) == ("Vertraging door bezwaren", Decimal("1200000.00"))


@pytest.mark.parametrize("bedrag", ["1" * 27, "9" * 40 + " mld", "1" * 1900, "1." + "111." * 12 + "111"])
async def test_een_bedrag_van_veel_cijfers_in_de_tekstdialoog(console, services, bedrag):
    await _tot_bedrag(console)
    antwoord = tekst_van(await console.stuur(bedrag))
    assert FOUT not in antwoord.met_knoppen
    assert "dat lijkt een tikfout" in antwoord and "Hoe groot is de tegenvaller" in antwoord
    await _rond_af(console, services)


async def test_een_bedrag_van_veel_cijfers_op_de_kaart(gesprek: TestGesprek, services):
    gesprek.als = "jelle-arentsen"
    kaart = kaarten(await gesprek.stuur("statusupdate binnenstad"))[0]
    waarde = klik(kaart, "Controleren", status="afwijking", toelichting="Vertraging", financieel="tegenvaller", bedrag="1" * 27)
    antwoord = tekst_van(await gesprek.stuur(waarde=waarde))
    assert FOUT not in antwoord.met_knoppen and "dat lijkt een tikfout" in antwoord
    assert await versies(services) == []


def test_lees_bedrag_weigert_te_veel_cijfers_met_een_reden():
    for tekst in ("1" * 27, "1" * 4300, "9" * 20 + " miljard"):
        with pytest.raises(BedragFout) as fout:
            lees_bedrag(tekst)
        assert fout.value.reden == "te_groot"
    assert lees_bedrag("9" * 15) == Decimal("9" * 15)


@pytest.mark.parametrize("tekst", ["x\ud800y", "\udfff", "Vertraging \ud83d door bezwaren"])
async def test_een_losse_surrogaat_in_een_wachtende_dialoog(console, services, tekst):
    for stap in ("voortgang doorgeven", "binnenstad"):
        await console.stuur(stap)
    assert "Geef een korte toelichting" in tekst_van(await console.stuur("Afwijking"))
    antwoord = tekst_van(await console.stuur(tekst))
    assert FOUT not in antwoord.met_knoppen
    assert "tekens die ik niet kan lezen" in antwoord and "Geef een korte toelichting" in antwoord
    await console.stuur("Vertraging door bezwaren")
    assert "Hoe groot is de tegenvaller" in tekst_van(await console.stuur("Tegenvaller"))
    await _rond_af(console, services)


async def test_een_losse_surrogaat_in_kaartdata(gesprek: TestGesprek, services):
    gesprek.als = "jelle-arentsen"
    kaart = kaarten(await gesprek.stuur("statusupdate binnenstad"))[0]
    waarde = klik(kaart, "Controleren", status="afwijking", toelichting="Vertraging \ud800")
    antwoord = tekst_van(await gesprek.stuur(waarde=waarde))
    assert FOUT not in antwoord.met_knoppen and "tekens die ik niet kan lezen" in antwoord
    assert await versies(services) == []


async def test_opnieuw_tijdens_een_statusupdate(console, services):
    for stap in ("voortgang doorgeven", "binnenstad", "Afwijking"):
        await console.stuur(stap)
    antwoord = tekst_van(await console.stuur("opnieuw"))
    assert FOUT not in antwoord.met_knoppen
    assert "We beginnen opnieuw" in antwoord and "Voor welk onderwerp" in antwoord
    await _tot_bedrag_na_start(console)
    await _rond_af(console, services)


async def _tot_bedrag_na_start(console: TestGesprek) -> None:
    for tekst in ("binnenstad", "Afwijking", "Vertraging door bezwaren"):
        await console.stuur(tekst)
    assert "Hoe groot is de tegenvaller" in tekst_van(await console.stuur("Tegenvaller"))


async def test_opnieuw_met_een_enkel_onderwerp(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    await console.stuur("statusupdate")
    antwoord = tekst_van(await console.stuur("opnieuw"))
    assert FOUT not in antwoord.met_knoppen and "Hoe staat **Jeugdagenda** ervoor" in antwoord
    assert "Klopt dit?" in tekst_van(await console.stuur("Op koers"))
    assert "versie 1" in tekst_van(await console.stuur("Bevestigen"))


async def test_een_te_lang_bericht_laat_de_dialoog_staan(console, services):
    for stap in ("voortgang doorgeven", "binnenstad"):
        await console.stuur(stap)
    assert "Geef een korte toelichting" in tekst_van(await console.stuur("Afwijking"))
    antwoord = tekst_van(await console.stuur("aantal criteria " * 1750))  # 28 KB
    assert "Dat is te lang" in antwoord and str(MAX_BERICHT) in antwoord
    assert "Geef een korte toelichting" in antwoord
    await console.stuur("Vertraging door bezwaren")
    assert "Hoe groot is de tegenvaller" in tekst_van(await console.stuur("Tegenvaller"))
    await _rond_af(console, services)


async def test_een_te_lang_bericht_zonder_dialoog(gesprek: TestGesprek):
    gesprek.als = "jelle-arentsen"
    antwoord = tekst_van(await gesprek.stuur("x" * (MAX_BERICHT + 1)))
    assert "Dat is te lang" in antwoord
    assert "Dat is te lang" not in tekst_van(await gesprek.stuur("wie is opdrachtgever voor " + "x" * 100)).met_knoppen
