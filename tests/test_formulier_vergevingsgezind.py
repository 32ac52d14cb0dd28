"""Issue 13, forms that forgive: a required toelichting or maatregel must say something ("-", "x",
"." do not), and an amount that can mean two things is asked back ("Bedoel je € 1,20 of
€ 1.200?") instead of silently becoming one of them. Through the pipeline, as card submits."""

from __future__ import annotations

import pytest

from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_gesprek import kaarten, klik

ALS, ONDERWERP = "bram-de-wit", "jeugdagenda"


async def _controleer(gesprek: TestGesprek, **invoer: str) -> list[dict]:
    gesprek.als = ALS
    formulier = kaarten(await gesprek.stuur(f"statusupdate {ONDERWERP}"))[0]
    return await gesprek.stuur(waarde=klik(formulier, "Controleren", **invoer))


@pytest.mark.parametrize("leeg", ["-", "x", ".", "...", " - "])
async def test_a_required_text_must_say_something(gesprek: TestGesprek, leeg: str):
    antwoord = await _controleer(gesprek, status="afwijking", toelichting=leeg, maatregel="Regionale inkoop")
    tekst = tekst_van(antwoord)
    assert "toelichting verplicht" in tekst and "Bevestigen" not in tekst.met_knoppen
    antwoord = await _controleer(gesprek, status="afwijking", toelichting="Wachtlijst groeit", maatregel=leeg)
    assert "hoort een maatregel" in tekst_van(antwoord)


@pytest.mark.parametrize("bedrag", ["1.2", "1,200"])
async def test_an_ambiguous_amount_is_asked_back(gesprek: TestGesprek, bedrag: str):
    antwoord = await _controleer(
        gesprek, status="aandachtspunt", toelichting="Hogere prijzen", financieel="tegenvaller", bedrag=bedrag
    )
    tekst = tekst_van(antwoord)
    assert "Bedoel je € 1,20 of € 1.200" in tekst and "Bevestigen" not in tekst.met_knoppen
    formulier = kaarten(antwoord)[-1]  # the form comes back with what was typed
    antwoord = await gesprek.stuur(
        waarde=klik(
            formulier,
            "Controleren",
            status="aandachtspunt",
            toelichting="Hogere prijzen",
            financieel="tegenvaller",
            bedrag="1.200",
        )
    )
    assert "Bevestigen" in tekst_van(antwoord) and "€ 1.200" in tekst_van(antwoord)


async def test_console_asks_back_too(bot_client, kennisbank):
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = ALS
    await gesprek.stuur(f"statusupdate {ONDERWERP}")
    await gesprek.stuur("aandachtspunt")
    assert "toelichting verplicht" in tekst_van(await gesprek.stuur("-"))
