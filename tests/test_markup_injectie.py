"""Issue 10 item 7: user text (toelichting, maatregel, opdracht, notitie) is shown literally
wherever another person or a card shows it: Markdown and inline HTML are escaped, so
`[Klik hier](https://evil.example/login)` is never a live link. Through the turn pipeline."""

from __future__ import annotations

import re

import pytest

from bot.console_weergave import geef_weer
from dialogen.opmaak import letterlijk
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import invulling, kaart_van
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

LINK = "[Klik hier](https://evil.example/login)"
OPMAAK = "**Dringend** <a href='https://evil.example'>x</a> `code` _schuin_"


def zonder_opmaak(tekst: str) -> bool:
    """No Markdown link, bold, code or HTML tag survives once escaped characters are set aside."""
    kaal = re.sub(r"\\.", "", tekst)
    return not re.search(r"\[[^\]]*\]\(|\*\*|<a\b|`|(?<!\w)_\w", kaal)


@pytest.mark.parametrize("tekst", [LINK, OPMAAK, "- lijst\n1. nummer\n# kop", "12.500 euro; 3+4=7!"])
def test_letterlijk_laat_de_tekens_staan_maar_zonder_werking(tekst):
    veilig = letterlijk(tekst)
    assert re.sub(r"\\(.)", r"\1", veilig) == tekst  # unescaped, exactly what was typed
    assert zonder_opmaak(veilig)
    assert not re.search(r"(?m)^\s*(?:[-+#]|\d+[.)]\s)", veilig)


async def test_toelichting_in_het_overzicht_van_de_controller(gesprek: TestGesprek):
    gesprek.als = "jelle-arentsen"
    formulier = kaarten(await gesprek.stuur("statusupdate binnenstad"))[0]
    samenvatting = await gesprek.stuur(
        waarde=klik(formulier, "Controleren", status="afwijking", toelichting=LINK, maatregel=OPMAAK)
    )
    feiten = [f["value"] for k in kaarten(samenvatting) for e in k["body"] if e.get("type") == "FactSet" for f in e["facts"]]
    assert letterlijk(LINK) in feiten and letterlijk(OPMAAK) in feiten
    await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Bevestigen"))

    overzicht = tekst_van(await gesprek.stuur("overzicht rapportage", als="noor-visser"))
    assert "Binnenstad" in overzicht and letterlijk(LINK) in overzicht and letterlijk(OPMAAK) in overzicht
    assert LINK not in overzicht.met_knoppen and zonder_opmaak(overzicht.split("Binnenstad", 1)[1].split("\n", 2)[1])


async def test_opdracht_en_notitie_van_de_check(gesprek: TestGesprek):
    gesprek.als = "marcel-kossen"
    await gesprek.stuur("bestuursopdracht check")
    kaart = kaart_van(await gesprek.stuur(LINK))
    assert letterlijk(LINK) in kaart["body"][0]["text"] and LINK not in kaart["body"][0]["text"]
    resultaat = tekst_van(await gesprek.stuur(waarde=invulling(kaart, 4, notitie=OPMAAK)))
    assert letterlijk(LINK) in resultaat and letterlijk(OPMAAK) in resultaat
    assert LINK not in resultaat.met_knoppen and OPMAAK not in resultaat.met_knoppen
    lijst = tekst_van(await gesprek.stuur("mijn checks"))
    assert letterlijk(LINK) in lijst and LINK not in lijst.met_knoppen


def test_de_console_toont_de_tekst_zoals_getypt():
    weergave = geef_weer([{"type": "message", "text": f"Toelichting: {letterlijk(LINK)} en **vet**"}])
    assert weergave.regels == [f"Toelichting: {LINK} en vet"]
