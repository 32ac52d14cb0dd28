"""Issue 16 point 3 — bestuursopdracht advice as data: any threshold (nodig >= 1, an optional
twijfel zone), mandatory and weighted criteria, advice texts per outcome; checked at load with a
Dutch message, file and line; through the turn pipeline with a kennisbank of another shape."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.settings import STANDAARD_KENNISBANK, Settings
from kennisbank.bestuursopdracht import Uitkomst, beoordeel
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank, lees_kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import invulling, kaart_van, toggles

ALS = "marcel-kossen"


def _schrijf(map_: Path, wijzig) -> Path:
    shutil.copytree(STANDAARD_KENNISBANK, map_)
    bestand = map_ / "bestuursopdracht.yaml"
    data = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    wijzig(data)
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return map_


def _een_aspect_genoeg(data: dict) -> None:
    """One mandatory aspect is enough; the second criterium counts double; no twijfel zone."""
    data["drempel"]["nodig"] = 3
    del data["drempel"]["twijfel"]
    del data["adviezen"]["twijfel"]
    data["criteria"][0]["verplicht"] = True
    data["criteria"][1]["gewicht"] = 2


@pytest.fixture
def ander_pad(tmp_path) -> Path:
    return _schrijf(tmp_path / "kb", _een_aspect_genoeg)


@pytest.fixture
def kennisbank(ander_pad) -> Kennisbank:
    return laad_kennisbank(ander_pad)


@pytest.fixture
def settings(database_url: str, ander_pad: Path) -> Settings:
    return Settings(database_url=database_url, kennisbank=ander_pad, herinneringen=False)


def test_the_example_keeps_its_threshold():
    kader = laad_kennisbank(STANDAARD_KENNISBANK).bestanden.bestuursopdracht
    ids = [c.id for c in kader.criteria]
    assert [beoordeel(kader, ids[:n]).uitkomst for n in range(6)] == [
        Uitkomst.NIET_NODIG,
        Uitkomst.NIET_NODIG,
        Uitkomst.TWIJFEL,
        Uitkomst.TWIJFEL,
        Uitkomst.NODIG,
        Uitkomst.NODIG,
    ]


def test_mandatory_weighted_and_no_twijfel(kennisbank):
    kader = kennisbank.bestanden.bestuursopdracht
    ids = [c.id for c in kader.criteria]
    assert beoordeel(kader, ids[:1]).uitkomst is Uitkomst.NODIG  # mandatory
    assert beoordeel(kader, ids[1:2]).uitkomst is Uitkomst.NIET_NODIG  # weight 2 < 3, no twijfel
    assert beoordeel(kader, ids[1:3]).score == 3 and beoordeel(kader, ids[1:3]).uitkomst is Uitkomst.NODIG
    assert beoordeel(kader, ids[2:4]).uitkomst is Uitkomst.NIET_NODIG


def test_threshold_of_one(tmp_path):
    def een(data):
        data["drempel"]["nodig"] = 1
        del data["drempel"]["twijfel"]
        del data["adviezen"]["twijfel"]

    kader = laad_kennisbank(_schrijf(tmp_path / "kb", een)).bestanden.bestuursopdracht
    ids = [c.id for c in kader.criteria]
    assert beoordeel(kader, []).uitkomst is Uitkomst.NIET_NODIG
    assert beoordeel(kader, ids[5:6]).uitkomst is Uitkomst.NODIG


@pytest.mark.parametrize(
    ("wijzig", "stuk"),
    [
        (lambda d: d["drempel"].pop("twijfel"), "de drempel heeft geen 'twijfel'"),
        (lambda d: d["adviezen"].pop("twijfel"), "'adviezen.twijfel' is nodig"),
        (lambda d: d["drempel"].update(twijfel=4), "twijfel (4) moet kleiner zijn dan nodig (4)"),
        (lambda d: d["drempel"].update(nodig=99), "nodig (99) is meer dan het aantal criteria (13)"),
        (lambda d: d["criteria"][0].update(gewicht=0), "gewicht"),
    ],
)
def test_wrong_thresholds_get_a_dutch_message_with_file_and_line(tmp_path, wijzig, stuk):
    resultaat = lees_kennisbank(_schrijf(tmp_path / "kb", wijzig))
    assert resultaat.kennisbank is None
    teksten = [str(f) for f in resultaat.fouten]
    assert any(t.startswith("bestuursopdracht.yaml:") and stuk in t for t in teksten), teksten


async def test_the_other_shape_through_the_pipeline(gesprek: TestGesprek, kennisbank):
    gesprek.als = ALS
    kaart = kaart_van(await gesprek.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    uitleg = tekst_van([{"attachments": [{"content": kaart}]}])
    assert "Vanaf 3 is een bestuursopdracht nodig" in uitleg and "altijd nodig" in uitleg
    assert "twijfel" not in uitleg.casefold()
    assert len(toggles(kaart)) == 13
    tekst = tekst_van(await gesprek.stuur(waarde=invulling(kaart, 1)))
    assert "**Advies: Bestuursopdracht nodig**" in tekst
    assert "gelden 1 van de 13 criteria" in tekst
