"""Issue 11, the third blind set: answer-side gaps, each fixed at its general cause and checked through
the real turn pipeline over HTTP (SQLite and PostgreSQL, both example kennisbanken where generic).
The questions are written for these tests; none comes from a natural question set."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kennisbank.kennisbank import Kennisbank
from kennisbank.rapportage import Periode
from tests.conftest import TIJDZONE, Gesprek, Klok, tekst_van
from tests.kennis_voorbeelden import datum_tekst

pytestmark = pytest.mark.beide_kennisbanken


# --- rapportage: "volgende/komende" is the next moment from today, also inside the open round -------


def _ronde_met_herinneringen(kennisbank: Kennisbank) -> Periode:
    """A round of 2026 with at least two reminders (both examples have one)."""
    rapportage = kennisbank.bestanden.rapportage
    return next(p for p in rapportage.perioden_rond(datetime(2026, 7, 1).date()) if p.peildatum.year == 2026 and len(p.herinneringen) >= 2)


@pytest.mark.parametrize(
    ("vraag", "verwacht"),
    [
        ("wanneer komt de volgende herinnering voor de {ronde}?", "herinnering"),
        ("wat is de komende deadline van de {ronde}", "deadline"),
        ("eerstvolgende peildatum {ronde}?", "peildatum"),
    ],
)
async def test_the_next_moment_of_an_open_round_is_in_that_round(
    gesprek: Gesprek, klok: Klok, kennisbank: Kennisbank, vraag: str, verwacht: str
) -> None:
    ronde = _ronde_met_herinneringen(kennisbank)
    eerste, tweede = sorted(d.date() if isinstance(d, datetime) else d for d in ronde.herinneringen)[:2]
    klok.zet(datetime.combine(eerste + timedelta(days=1), datetime.min.time(), TIJDZONE).replace(hour=10))
    tekst = tekst_van(await gesprek.stuur(vraag.format(ronde=ronde.aliassen[0])))
    assert ronde.naam in tekst, tekst
    volgend_jaar = ronde.naam.replace(str(ronde.peildatum.year), str(ronde.peildatum.year + 1))
    assert volgend_jaar not in tekst
    moment = {"herinnering": tweede, "deadline": ronde.deadline, "peildatum": ronde.peildatum}[verwacht]
    assert datum_tekst(moment) in tekst
    if verwacht == "herinnering":
        assert tekst.index(datum_tekst(tweede)) < tekst.index(datum_tekst(eerste)), "the next reminder comes first"


async def test_the_next_opening_is_the_round_that_has_not_opened_yet(gesprek: Gesprek, klok: Klok, kennisbank: Kennisbank) -> None:
    ronde = _ronde_met_herinneringen(kennisbank)
    klok.zet(datetime.combine(ronde.begin + timedelta(days=1), datetime.min.time(), TIJDZONE).replace(hour=10))
    volgende = kennisbank.bestanden.rapportage.volgende_periode(klok().date())
    tekst = tekst_van(await gesprek.stuur("wanneer gaat de volgende rapportage open?"))
    assert volgende is not None and volgende.naam in tekst and ronde.naam not in tekst, tekst
