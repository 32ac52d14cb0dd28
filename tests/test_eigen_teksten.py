"""Issue 16 point 4 — texts overridable per kennisbank (`teksten/` in the kennisbank, key by key),
`kennisbank check` reports an override key that doesn't exist (file:line), and the default texts
and the manifest template name nothing of the example organisation: their examples come from the
loaded kennisbank."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.settings import STANDAARD_KENNISBANK, Settings
from dialogen.teksten import STANDAARD_MAP, Teksten, eigen_teksten_fouten
from kennisbank.__main__ import main
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek, tekst_van

MANIFEST = Path(__file__).parents[1] / "manifest" / "manifest.template.json"


def _namen_van_het_voorbeeld() -> set[str]:
    b = laad_kennisbank(STANDAARD_KENNISBANK).bestanden
    namen = {o.naam for o in b.onderwerpen} | {p.naam for p in b.personen} | {p.naam.split()[-1] for p in b.personen}
    return namen | {d.organisatie for d in b.organisatie.documenten} | {b.organisatie.naam}


def test_default_texts_and_manifest_name_nothing_of_the_example() -> None:
    teksten = "\n".join(p.read_text(encoding="utf-8") for p in sorted(STANDAARD_MAP.glob("*.yaml")))
    teksten += MANIFEST.read_text(encoding="utf-8")
    gevonden = sorted(
        n for n in _namen_van_het_voorbeeld() if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", teksten, re.IGNORECASE)
    )
    assert gevonden == []


@pytest.fixture
def eigen_pad(tmp_path: Path) -> Path:
    map_ = tmp_path / "kb"
    shutil.copytree(STANDAARD_KENNISBANK, map_)
    (map_ / "teksten").mkdir(exist_ok=True)
    (map_ / "teksten" / "algemeen.yaml").write_text('leeg_bericht: "Typ eens iets, collega."\n', encoding="utf-8")
    return map_


@pytest.fixture
def settings(database_url: str, eigen_pad: Path) -> Settings:
    return Settings(database_url=database_url, kennisbank=eigen_pad, herinneringen=False)


@pytest.fixture
def kennisbank(eigen_pad: Path) -> Kennisbank:
    return laad_kennisbank(eigen_pad)


async def test_an_override_wins_and_the_examples_come_from_the_data(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    assert tekst_van(await gesprek.stuur("   ")) == "Typ eens iets, collega."
    hulp = tekst_van(await gesprek.stuur("help"))
    eerste = kennisbank.bestanden.onderwerpen[0].naam.lower()
    assert f"opdrachtgever voor de {eerste}?" in hulp, hulp
    assert '"overzicht lenterapportage"' in hulp, hulp
    assert "{voorbeeld" not in hulp.met_knoppen


def test_check_reports_an_unknown_override_key(eigen_pad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (eigen_pad / "teksten" / "algemeen.yaml").write_text('leeg_bericht: "x"\nleeg_berichtt: "y"\n', encoding="utf-8")
    (eigen_pad / "teksten" / "algemen.yaml").write_text('hulp: "x"\n', encoding="utf-8")
    meldingen = [str(m) for m in eigen_teksten_fouten(eigen_pad)]
    assert (
        meldingen[0]
        == "teksten/algemeen.yaml:2: onbekende tekst 'leeg_berichtt': die bestaat niet in algemeen.yaml (bedoelde je 'leeg_bericht'?)"
    )
    assert meldingen[1].startswith("teksten/algemen.yaml: onbekend tekstenbestand")
    assert main(["check", str(eigen_pad)]) == 1
    assert "teksten/algemeen.yaml:2: onbekende tekst 'leeg_berichtt'" in capsys.readouterr().out


def test_without_a_kennisbank_the_placeholders_are_neutral() -> None:
    assert "{" not in Teksten.laad().tekst("algemeen.leeg_bericht")
