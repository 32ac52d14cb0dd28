"""An unexpected error inside a turn keeps the dialog (issue 10: never a wiped conversation): the
failed turn saved nothing, so the next message continues where the user was. Only a conversation
that fails again right away starts fresh, so one broken step cannot trap anyone."""

from __future__ import annotations

import pytest

from dialogen.bestuursopdracht.dialoog import CheckDialogen
from tests.conftest import TestGesprek, berichttekst_van, tekst_van

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

ALS = "marcel-kossen"
FOUT = "er ging iets mis aan mijn kant"


@pytest.fixture
def console(bot_client, kennisbank) -> TestGesprek:
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    gesprek.als = ALS
    return gesprek


def _breek_eenmalig(monkeypatch: pytest.MonkeyPatch, keer: int = 1) -> None:
    origineel = CheckDialogen.ja_of_nee
    teller = {"over": keer}

    def stuk(self, tekst):
        if teller["over"] > 0:
            teller["over"] -= 1
            raise RuntimeError("kapotte stap (test)")
        return origineel(self, tekst)

    monkeypatch.setattr(CheckDialogen, "ja_of_nee", stuk)


async def _tot_vraag_twee(console: TestGesprek) -> None:
    await console.stuur("bestuursopdracht check")
    vraag1 = berichttekst_van(await console.stuur("Nieuwbouw zwembad"))
    assert "Vraag 1 van" in vraag1, vraag1
    vraag2 = berichttekst_van(await console.stuur("ja"))
    assert "Vraag 2 van" in vraag2, vraag2


async def test_een_fout_in_een_stap_bewaart_het_gesprek(console, monkeypatch) -> None:
    await _tot_vraag_twee(console)
    _breek_eenmalig(monkeypatch)
    fout = tekst_van(await console.stuur("nee"))
    assert FOUT in fout and "bewaard" in fout
    vervolg = tekst_van(await console.stuur("nee"))
    assert FOUT not in vervolg.met_knoppen
    assert "Vraag 3 van" in vervolg, vervolg  # question 2 answered now, on to 3


async def test_twee_fouten_achter_elkaar_beginnen_opnieuw(console, monkeypatch) -> None:
    await _tot_vraag_twee(console)
    _breek_eenmalig(monkeypatch, keer=2)
    assert FOUT in tekst_van(await console.stuur("nee"))
    tweede = tekst_van(await console.stuur("nee"))
    assert "weer iets mis" in tweede and "opnieuw" in tweede
    # The dialog is gone: a ja/nee answer is no longer taken as a criterium answer.
    daarna = tekst_van(await console.stuur("bestuursopdracht check"))
    assert "Om welke opdracht gaat het?" in daarna
