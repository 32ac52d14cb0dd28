"""Loading valid kennisbank folders, and the `python -m kennisbank` command line."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kennisbank.__main__ import main
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank, lees_kennisbank

ROOT = Path(__file__).parent.parent
GELDIG = Path(__file__).parent / "kennisbank_fixtures" / "geldig"
VOORBEELD = ROOT / "kennisbank" / "voorbeeld"


def test_geldige_kennisbank_laadt() -> None:
    kennisbank = laad_kennisbank(GELDIG)
    assert isinstance(kennisbank, Kennisbank)
    assert kennisbank.pad == GELDIG
    assert kennisbank.organisatie.naam == "Gemeente Teststad"
    assert sorted(kennisbank.personen) == ["anna", "bram", "carla", "wethouder-dirk"]
    wonen = kennisbank.onderwerpen["wonen"]
    assert wonen.geldig_vanaf == date(2025, 1, 1)
    assert wonen.aliassen == ["woningbouw", "huisvesting"]
    assert kennisbank.organisatie.documenten[0].id == "sturingskader"
    assert kennisbank.organisatie.orgaan("directie").leden == ["anna", "bram"]
    assert kennisbank.organisatie.orgaan("raad").bestuurlijk
    assert [o.id for o in kennisbank.onderwerpen_van("bram")] == ["wonen", "jeugd"]
    assert kennisbank.bestanden.personen[3].bron.sectie == "bijlage 1"


def test_pad_als_tekst() -> None:
    assert laad_kennisbank(str(GELDIG)).organisatie.naam == "Gemeente Teststad"  # type: ignore[arg-type]


def test_datum_als_tekst_in_tekstveld(tmp_path: Path) -> None:
    """A date-looking value in a text field stays text (PyYAML would make it a date)."""
    shutil.copytree(GELDIG, tmp_path / "kb")
    bestand = tmp_path / "kb" / "rollen.yaml"
    bestand.write_text(bestand.read_text(encoding="utf-8").replace('sectie: "3"', "sectie: 2024-03-01"), encoding="utf-8")
    assert laad_kennisbank(tmp_path / "kb").bestanden.rollen[0].bron.sectie == "2024-03-01"


def test_waarschuwingen_worden_gelogd_niet_gegooid(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copytree(GELDIG, tmp_path / "kb")
    (tmp_path / "kb" / "notities.yaml").write_text("- iets\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kennisbank.laden"):
        laad_kennisbank(tmp_path / "kb")
    assert "notities.yaml: waarschuwing: onbekend bestand" in caplog.text


def test_bom_wordt_geaccepteerd(tmp_path: Path) -> None:
    shutil.copytree(GELDIG, tmp_path / "kb")
    bestand = tmp_path / "kb" / "begrippen.yaml"
    bestand.write_bytes(b"\xef\xbb\xbf" + bestand.read_bytes())
    assert len(laad_kennisbank(tmp_path / "kb").bestanden.begrippen) == 2


def test_voorbeeld_kennisbank_laadt_zonder_fouten() -> None:
    resultaat = lees_kennisbank(VOORBEELD)
    assert resultaat.fouten == [], "\n".join(map(str, resultaat.fouten))
    assert resultaat.kennisbank is not None
    assert resultaat.kennisbank.personen and resultaat.kennisbank.onderwerpen
    assert laad_kennisbank(VOORBEELD).organisatie.naam == resultaat.kennisbank.organisatie.naam


def test_check_voorbeeld(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VOORBEELD)]) == 0
    assert "Kennisbank is in orde." in capsys.readouterr().out


# --- command line -----------------------------------------------------------------------------


def test_check_geldig(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(GELDIG)]) == 0
    uitvoer = capsys.readouterr().out
    assert "Kennisbank van Gemeente Teststad" in uitvoer
    assert "personen.yaml: 4 personen" in uitvoer
    assert "onderwerpen.yaml: 3 onderwerpen (Agenda: 2, Project: 1)" in uitvoer
    assert "organisatie.yaml: 2 documenten, 2 soorten onderwerp" in uitvoer
    assert "rollen.yaml: 1 rollen" in uitvoer
    assert "soorten_werk.yaml: 1 soorten werk" in uitvoer
    assert "begrippen.yaml: 2 begrippen" in uitvoer
    assert uitvoer.rstrip().endswith("Kennisbank is in orde.")


def test_check_toont_waarschuwingen_en_slaagt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(GELDIG, tmp_path / "kb")
    (tmp_path / "kb" / "begrippen.yaml").unlink()
    (tmp_path / "kb" / "rolen.yaml").write_text("- id: x\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "kb")]) == 0
    uitvoer = capsys.readouterr().out
    assert "begrippen.yaml: ontbreekt (niet verplicht)" in uitvoer
    assert "rolen.yaml: waarschuwing: onbekend bestand, wordt niet gelezen (bedoelde je 'rollen.yaml'?)" in uitvoer
    assert "0 fouten, 1 waarschuwing." in uitvoer


def test_check_fouten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(GELDIG, tmp_path / "kb")
    bestand = tmp_path / "kb" / "personen.yaml"
    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("leidinggevende: bram", "leidinggevende: piet"), encoding="utf-8"
    )
    (tmp_path / "kb" / "begrippen.yaml").write_text("", encoding="utf-8")
    assert main(["check", str(tmp_path / "kb")]) == 1
    regels = capsys.readouterr().out.splitlines()
    assert regels == [
        f"Kennisbank {tmp_path / 'kb'} is NIET in orde:",
        "begrippen.yaml: waarschuwing: bestand is leeg; het wordt behandeld alsof het ontbreekt",
        "personen.yaml:16: leidinggevende 'piet' bestaat niet in personen.yaml",
        "1 fout, 1 waarschuwing.",
    ]


def test_check_map_bestaat_niet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nergens")]) == 1
    assert "map bestaat niet" in capsys.readouterr().out


def test_zonder_opdracht_toont_gebruik(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    uitvoer = capsys.readouterr().out
    assert "gebruik: python -m kennisbank" in uitvoer
    assert "check" in uitvoer


def test_check_zonder_pad_geeft_gebruik(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    assert "PAD" in capsys.readouterr().err


def test_als_module_via_subprocess(tmp_path: Path) -> None:
    omgeving = {**os.environ, "PYTHONPATH": str(ROOT)}
    goed = subprocess.run(
        [sys.executable, "-m", "kennisbank", "check", str(GELDIG)], capture_output=True, text=True, env=omgeving
    )
    assert goed.returncode == 0, goed.stderr
    assert "personen.yaml: 4 personen" in goed.stdout
    shutil.copytree(GELDIG, tmp_path / "kb")
    (tmp_path / "kb" / "onderwerpen.yaml").write_text("- id: x\n  naam: [\n", encoding="utf-8")
    fout = subprocess.run(
        [sys.executable, "-m", "kennisbank", "check", str(tmp_path / "kb")], capture_output=True, text=True, env=omgeving
    )
    assert fout.returncode == 1
    assert "onderwerpen.yaml:3: ongeldige YAML" in fout.stdout
    assert "Traceback" not in fout.stdout + fout.stderr
    leeg = subprocess.run([sys.executable, "-m", "kennisbank"], capture_output=True, text=True, env=omgeving)
    assert leeg.returncode == 2 and "gebruik:" in leeg.stdout
