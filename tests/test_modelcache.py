"""The trained intent classifier kept on disk between starts (MODELCACHE, `dialogen.modelcache`):
a model read back recognises exactly as the one trained; it is only read for exactly the same
examples and settings, never from a damaged or foreign file, and a folder that cannot be written
only costs the training."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sklearn.svm import LinearSVC

from bot.settings import STANDAARD_MODELCACHE, Settings
from dialogen import modelcache
from dialogen.herkenning import Herkenner
from dialogen.intentiedata import Intentie, laad_intenties

ZINNEN = [
    "wie is de ao van de rud",
    "Goedemorgen! Snelle vraag: wie stelt de begroting vast? Alvast bedankt",
    "we komen geld tekort voor het projcet",
    "hoi",
    "stop",
    "wat is het weer morgen in Parijs",
    "statusupdate jeugdagenda",
    "",
]


@pytest.fixture(scope="module")
def intenties() -> dict[str, Intentie]:
    return laad_intenties()


@pytest.fixture(scope="module")
def getraind(intenties: dict[str, Intentie]) -> Herkenner:
    """The recogniser trained without a cache: what every model read back must equal."""
    return Herkenner(intenties)


@pytest.fixture(scope="module")
def opgeslagen(intenties: dict[str, Intentie], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The model file the bot writes for these examples (copied into a test's own folder to spoil it)."""
    map_ = tmp_path_factory.mktemp("modelcache")
    Herkenner(intenties, modelcache=map_)
    [bestand] = modelbestanden(map_)
    return bestand


def modelbestanden(map_: Path) -> list[Path]:
    return sorted(map_.glob(f"{modelcache.VOORVOEGSEL}*.npz"))


def zonder_training(monkeypatch: pytest.MonkeyPatch) -> None:
    def niet_trainen(*args, **kwargs):
        raise AssertionError("getraind terwijl het model in de cache staat")

    monkeypatch.setattr(LinearSVC, "fit", niet_trainen)  # the class dialogen.classificatie trains


def test_a_model_read_back_recognises_exactly_as_the_trained_one(intenties, getraind, tmp_path, monkeypatch) -> None:
    eerste = Herkenner(intenties, modelcache=tmp_path)  # trains and writes
    [bestand] = modelbestanden(tmp_path)
    zonder_training(monkeypatch)
    gelezen = Herkenner(intenties, modelcache=tmp_path)
    voorbeelden = [v for i in intenties.values() for v in i.voorbeelden]
    for zin in ZINNEN + voorbeelden:
        assert gelezen.herken(zin) == getraind.herken(zin) == eerste.herken(zin), zin
    kernen = [gelezen.voorbereiding.voor_model(v) for v in voorbeelden[:200]]
    assert (gelezen.classificeerder.vectoriseer(kernen) != getraind.classificeerder.vectoriseer(kernen)).nnz == 0
    assert modelbestanden(tmp_path) == [bestand]


def test_other_examples_are_another_model(intenties, tmp_path) -> None:
    Herkenner(intenties, modelcache=tmp_path)
    naam = "opdrachtgever.wie"
    anders = {**intenties, naam: replace(intenties[naam], voorbeelden=[*intenties[naam].voorbeelden, "wie trekt de kar bij X"])}
    Herkenner(anders, modelcache=tmp_path)
    assert len(modelbestanden(tmp_path)) == 2


@pytest.mark.parametrize("bederf", ["onzin", "afgekapt", "ander_model", "pickle"])
def test_a_damaged_or_foreign_file_is_not_used(intenties, getraind, opgeslagen, tmp_path, caplog, bederf) -> None:
    bestand = tmp_path / opgeslagen.name
    shutil.copyfile(opgeslagen, bestand)
    if bederf == "onzin":
        bestand.write_bytes(b"geen model")
    elif bederf == "afgekapt":
        bestand.write_bytes(bestand.read_bytes()[: bestand.stat().st_size // 2])
    elif bederf == "ander_model":  # a valid model file of other examples under this name
        naam = "opdrachtgever.wie"
        anders = {**intenties, naam: replace(intenties[naam], voorbeelden=intenties[naam].voorbeelden[:-5])}
        andere_map = tmp_path / "ander"
        Herkenner(anders, modelcache=andere_map)
        [ander] = modelbestanden(andere_map)
        bestand.write_bytes(ander.read_bytes())
    else:  # arrays that need pickle (code) to read
        with bestand.open("wb") as uit:
            np.savez(uit, kop=np.array([{"sleutel": bestand.stem}], dtype=object))
    with caplog.at_level(logging.WARNING, logger="dialogen.modelcache"):
        herkenner = Herkenner(intenties, modelcache=tmp_path)
    assert "niet gebruikt" in caplog.text
    assert all(herkenner.herken(z) == getraind.herken(z) for z in ZINNEN)
    assert (
        modelcache._lees(bestand, bestand.stem.removeprefix(modelcache.VOORVOEGSEL), *_teksten_en_labels(herkenner)) is not None
    )


def _teksten_en_labels(herkenner: Herkenner) -> tuple[list[str], list[str]]:
    labels = [str(label) for label in herkenner.classificeerder._labels]
    return labels, labels  # only the number of examples and the set of intents are checked against the file


def test_a_folder_that_cannot_be_written_only_costs_the_training(intenties, getraind, tmp_path, caplog) -> None:
    geen_map = tmp_path / "een-bestand"
    geen_map.write_text("x")
    with caplog.at_level(logging.WARNING, logger="dialogen.modelcache"):
        herkenner = Herkenner(intenties, modelcache=geen_map)
    assert "kon niet worden geschreven" in caplog.text
    assert herkenner.herken("wie is de ao van de rud").intentie == getraind.herken("wie is de ao van de rud").intentie


def test_only_the_newest_models_are_kept(intenties, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(modelcache, "BEWAREN", 2)
    naam = "opdrachtgever.wie"
    for nummer in range(3):
        extra = [f"wie trekt de kar bij project {nummer}"]
        Herkenner(
            {**intenties, naam: replace(intenties[naam], voorbeelden=intenties[naam].voorbeelden + extra)}, modelcache=tmp_path
        )
    assert len(modelbestanden(tmp_path)) == 2


def test_modelcache_setting() -> None:
    assert Settings.uit_omgeving({}).modelcache == STANDAARD_MODELCACHE
    assert Settings.uit_omgeving({"MODELCACHE": "/var/cache/sturingsbot"}).modelcache == Path("/var/cache/sturingsbot")
    assert Settings.uit_omgeving({"MODELCACHE": "nee"}).modelcache is None
    assert Settings().modelcache is None
