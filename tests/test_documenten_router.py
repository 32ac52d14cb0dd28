"""Issue 11, point 5, end to end with the real recogniser and router (no stand-ins): a documents
question gets a quote, a gemeente's own document dropped into its kennisbank is found even for a
topic the classifier calls out of scope, and a question about lunch gets no passage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from dialogen.teksten import Teksten
from kennisbank.laden import laad_kennisbank
from tests.conftest import Klok, TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN


async def test_documentvraag_krijgt_citaat(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("wanneer stel je een bestuurlijke opdracht op?"))
    assert tekst.startswith(
        "Uit *Operatie dubbelslag in uitvoering (21 juni 2011)* (Deventer), sectie *Factsheet VI – Hoe werken we?*:"
    ), tekst
    assert "> - Aan complexe opgaven met bestuurlijke impact of gevoeligheid, ligt altijd een bestuuropdracht" in tekst


async def test_lunch_krijgt_geen_citaat(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("waar kan ik hier lunchen?"))
    assert "Uit *" not in tekst.met_knoppen and "> " not in tekst.met_knoppen, tekst


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
        gesprek = TestGesprek(client, laad_kennisbank(kopie))
        eerste = tekst_van(await gesprek.stuur("wanneer moet ik advies vragen aan het inkoopteam?"))
        tweede = tekst_van(await gesprek.stuur("wie toetst een meervoudig onderhandse aanbesteding?"))
    finally:
        await client.close()
    assert eerste.startswith("Uit *Inkoopbeleid 2026* (Voorbeeldgemeente):"), eerste
    assert "> Vanaf een opdrachtwaarde van 50.000 euro" in eerste
    assert "> Het inkoopteam toetst elke meervoudig onderhandse aanbesteding vooraf." in tweede


ONBEKENDE_ONDERWERPEN = (
    "wie is de ambtelijk opdrachtgever van de kermis?",
    "wie beoordeelt het zwembadbeleid eigenlijk",
    "wanneer komt de werkgroep hondenbelasting bij elkaar",
    "wie moet ik bellen over de parkeervergunningen van het stadhuis",
)


async def test_onbekend_onderwerp_krijgt_geen_citaat_en_geen_naam(gesprek: TestGesprek) -> None:
    """Synonyms and typo correction widen the passage search; a topic the kennisbank does not know
    must still get the honest answer: no quote, and no person's name."""
    eerlijk = tuple(Teksten.laad().tekst(sleutel) for sleutel in ("algemeen.weet_ik_niet", "opdrachtgever.niet_gevonden"))
    namen = {deel for p in laad_kennisbank(STANDAARD_KENNISBANK).bestanden.personen for deel in p.naam.split() if len(deel) > 3}
    for vraag in ONBEKENDE_ONDERWERPEN:
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert "Uit *" not in tekst.met_knoppen and "> " not in tekst.met_knoppen, (vraag, tekst)
        assert not {w.strip("*.,!?:") for w in tekst.split()} & namen, (vraag, tekst)
        assert tekst.startswith(eerlijk), (vraag, tekst)


async def test_woord_dat_op_een_onderwerp_lijkt_wint_niet_van_een_zekere_documentvraag(gesprek: TestGesprek) -> None:
    """'juridische' resembles the onderwerp 'Juridisch & inkoop' without naming it; a documents
    question the classifier is sure of, with the lookup a distant runner-up, is quoted. Before,
    any lookup runner-up sent it to that onderwerp's opdrachtgever."""
    tekst = tekst_van(await gesprek.stuur("heeft de ondertekening van het sectorcontract juridische waarde"))
    assert tekst.startswith("Uit *Zo werkt Amersfoort – Contractmanagement* (Amersfoort), sectie *Rituelen*:"), tekst
    assert "Juridisch & inkoop" not in tekst, tekst


@pytest.mark.parametrize("kennisbank_map", [KENNISBANKEN["voorbeeld_cmt"]], ids=["voorbeeld_cmt"], indirect=True)
async def test_documentvraag_die_een_onderwerp_noemt_krijgt_de_passage_en_een_wie_vraag_het_record(
    gesprek: TestGesprek,
) -> None:
    """In the Voorbeeldstad the onderwerpen are the documents' topics ('Kwaliteitsmanagement'), so a
    documents question names one: a passage that holds all its words answers it, not the onderwerp's
    opdrachtgever. A question that asks who still gets the record."""
    tekst = tekst_van(await gesprek.stuur("welk model gebruikt kwaliteitsmanagement als leidraad"))
    assert tekst.startswith(
        "Uit *Zo doen wij dat! Sturen en besturen in Zoetermeer* (Zoetermeer), sectie *Kwaliteitsmanagement*:"
    ), tekst
    assert "INK-model" in tekst and "Ambtelijk opdrachtgever" not in tekst, tekst
    tekst = tekst_van(await gesprek.stuur("wie is eindverantwoordelijk voor het grondbedrijf"))
    assert tekst.startswith("**Grondbedrijf**") and "Ambtelijk opdrachtgever" in tekst, tekst
