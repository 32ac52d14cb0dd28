"""Issue 11, point 5, through the turn pipeline: a question the documents answer gets a literal
quote with its source; one they don't answer gets no passage; a gemeente's own document dropped
into its kennisbank is found.

The real app with all features; only the recogniser is replaced by one that calls every message a
`documenten.vraag`, so these tests show the feature's own behaviour whatever the classifier learns.
(End to end with the real recogniser and router: tests/test_documenten_router.py.)
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import GEMEENTEBOT, create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from dialogen.documenten import DocumentenFeature
from dialogen.herkenning import Herkend, Herkenner
from kennisbank.laden import laad_kennisbank
from kennisbank.zoeken.normaliseren import normaliseer
from tests.conftest import Klok, TestGesprek, tekst_van


@pytest.fixture(autouse=True)
def als_documentvraag(monkeypatch: pytest.MonkeyPatch) -> None:
    def herken(self: Herkenner, tekst: str) -> Herkend:
        return Herkend("documenten.vraag", tekst, normaliseer(tekst))

    monkeypatch.setattr(Herkenner, "herken", herken)


async def start(settings: Settings, klok: Klok) -> TestClient:
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    return client


@pytest.fixture
async def client(settings: Settings, klok: Klok) -> AsyncIterator[TestClient]:
    client = await start(settings, klok)
    yield client
    await client.close()


async def test_vraag_krijgt_letterlijk_citaat_met_bron(client: TestClient) -> None:
    gesprek = TestGesprek(client, laad_kennisbank(STANDAARD_KENNISBANK))
    antwoorden = await gesprek.stuur("Hoi! Wanneer verschijnt de kadernota eigenlijk?")
    assert len(antwoorden) == 1
    tekst = tekst_van(antwoorden)
    assert tekst.startswith("Uit *Zo werkt Amersfoort – Contractmanagement* (Amersfoort), sectie *Kadernota*:")
    assert "> De kadernota verschijnt in het voorjaar en is de voorloper op de begroting." in tekst
    bron = (STANDAARD_KENNISBANK / "documenten" / "amersfoort-contractmanagement.md").read_text(encoding="utf-8")
    for regel in tekst.split("\n")[1:]:
        citaat = regel.removeprefix("> ").removesuffix(" …")
        assert citaat in bron or not citaat or citaat.startswith("Uit *"), regel
    assert len(tekst) <= 900
    # what a kadernota IS: the kennisbank's own begrip (a curated definition with its source), not a passage
    begrip = tekst_van(await gesprek.stuur("wat is eigenlijk een kadernota?"))
    assert begrip.startswith("**Kadernota**") and "Bron: Amersfoort, Zo werkt Amersfoort – Contractmanagement" in begrip


@pytest.mark.beide_kennisbanken
async def test_elk_voorbeeld_citeert_letterlijk_uit_zijn_eigen_documenten(client: TestClient, kennisbank) -> None:
    passages = client.app[GEMEENTEBOT].router.features["documenten"].zoeker.passages
    titels = {p.document.titel for p in passages}
    namen = [p.naam for p in kennisbank.bestanden.personen]
    passage = next(
        p
        for p in passages[len(passages) // 2 :]
        if len(p.tekst.split()) >= 15 and not any(n in p.tekst for n in namen) and not p.tekst.startswith(("-", "1."))
    )
    gesprek = TestGesprek(client, kennisbank)
    tekst = tekst_van(await gesprek.stuur(" ".join(passage.tekst.split()[:12])))
    assert any(tekst.startswith(f"Uit *{titel}*") for titel in titels), tekst
    assert " ".join(passage.tekst.split()[:8]) in " ".join(tekst.split()), (passage.tekst, tekst)


@pytest.mark.beide_kennisbanken
async def test_onbeantwoordbare_vraag_krijgt_geen_passage(client: TestClient, kennisbank) -> None:
    gesprek = TestGesprek(client, kennisbank)
    for vraag in ("waar kan ik hier lunchen?", "de printer op de tweede doet het niet"):
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert "Uit *" not in tekst.met_knoppen and "> " not in tekst.met_knoppen, tekst


async def test_eigen_document_van_de_gemeente_wordt_gevonden(tmp_path: Path, database_url: str, klok: Klok) -> None:
    kopie = tmp_path / "kennisbank"
    shutil.copytree(STANDAARD_KENNISBANK, kopie)
    (kopie / "documenten" / "Inkoopbeleid 2026.txt").write_text(
        "Vanaf een opdrachtwaarde van 50.000 euro vraagt de budgethouder altijd advies aan het inkoopteam.\n\n"
        "Het inkoopteam toetst elke meervoudig onderhandse aanbesteding vooraf.\n",
        encoding="utf-8",
    )
    settings = Settings(database_url=database_url, kennisbank=kopie, herinneringen=False)
    client = await start(settings, klok)
    try:
        gesprek = TestGesprek(client, laad_kennisbank(kopie))
        tekst = tekst_van(await gesprek.stuur("wanneer moet ik advies vragen aan het inkoopteam?"))
    finally:
        await client.close()
    assert tekst.startswith("Uit *Inkoopbeleid 2026* (Voorbeeldgemeente):")
    assert "> Vanaf een opdrachtwaarde van 50.000 euro vraagt de budgethouder altijd advies aan het inkoopteam." in tekst


async def test_standaard_app_start_met_de_documentenfunctie(bot_client: TestClient) -> None:
    """Registered in dialogen/register.py: the app builds the passage index once at start-up."""
    features = bot_client.app[GEMEENTEBOT].router.features
    assert isinstance(features["documenten"], DocumentenFeature)
    assert features["documenten"].zoeker.passages
