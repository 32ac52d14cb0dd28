"""Issue 11, point 5, end to end with the real recogniser and router (no stand-ins): a documents
question gets a quote, a gemeente's own document dropped into its kennisbank is found even for a
topic the classifier calls out of scope, and a question about lunch gets no passage."""

from __future__ import annotations

import shutil
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from kennisbank.laden import laad_kennisbank
from tests.conftest import Gesprek, Klok, tekst_van


async def test_documentvraag_krijgt_citaat(gesprek: Gesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("wanneer stel je een bestuurlijke opdracht op?"))
    assert tekst.startswith(
        "Uit *Operatie dubbelslag in uitvoering (21 juni 2011)* (Deventer), sectie *Factsheet VI – Hoe werken we?*:"
    ), tekst
    assert "> - Aan complexe opgaven met bestuurlijke impact of gevoeligheid, ligt altijd een bestuuropdracht" in tekst


async def test_lunch_krijgt_geen_citaat(gesprek: Gesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("waar kan ik hier lunchen?"))
    assert "Uit *" not in tekst and "> " not in tekst, tekst


async def test_eigen_document_wordt_gevonden(tmp_path: Path, database_url: str, klok: Klok) -> None:
    kopie = tmp_path / "kennisbank"
    shutil.copytree(STANDAARD_KENNISBANK, kopie)
    (kopie / "documenten" / "Inkoopbeleid 2026.txt").write_text(
        "Vanaf een opdrachtwaarde van 50.000 euro vraagt de budgethouder altijd advies aan het inkoopteam.\n\n"
        "Het inkoopteam toetst elke meervoudig onderhandse aanbesteding vooraf.\n",
        encoding="utf-8",
    )
    settings = Settings(database_url=database_url, kennisbank=kopie, herinneringen=False)
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    try:
        gesprek = Gesprek(client, laad_kennisbank(kopie))
        eerste = tekst_van(await gesprek.stuur("wanneer moet ik advies vragen aan het inkoopteam?"))
        tweede = tekst_van(await gesprek.stuur("wie toetst een meervoudig onderhandse aanbesteding?"))
    finally:
        await client.close()
    assert eerste.startswith("Uit *Inkoopbeleid 2026* (Voorbeeldgemeente):"), eerste
    assert "> Vanaf een opdrachtwaarde van 50.000 euro" in eerste
    assert "> Het inkoopteam toetst elke meervoudig onderhandse aanbesteding vooraf." in tweede
