"""The trained intent classifier on disk, so a restart does not train it again (MODELCACHE).

Training takes most of a second at every start-up (`python -m bot`, each gemeente); the trained
numbers only change when what it learns from changes. `classificeerder(teksten, labels, map_)`
returns the model trained on exactly these example sentences: from `map_` when a file made for
them is there, otherwise trained now and written there for the next start.

Never stale, never foreign:
- the file name is a SHA-256 over everything the numbers depend on: the prepared example
  sentences and their intents in order, the feature and SVM settings, the source of
  `dialogen.classificatie` and the versions of Python, numpy, SciPy and scikit-learn. Any change
  gives another name, so an old file is simply not found (the newest `BEWAREN` files are kept);
- the file holds that key as well, and is only used when it matches and every array has the
  shape the key's examples imply; anything else (a truncated, edited or unreadable file) is
  ignored with a warning and the model is trained as without a cache;
- it is a NumPy `.npz` read with `allow_pickle=False`: plain numbers and text, no code is run;
- it is written to a temporary file in the same folder and renamed, so a reader never sees half
  a file, and several processes may share the folder.
A folder that cannot be written is a warning, not an error: the bot trains at every start as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import tempfile
from pathlib import Path

import numpy as np

from dialogen import classificatie
from dialogen.classificatie import Classificeerder

log = logging.getLogger(__name__)

VOORVOEGSEL = "herkenner-"
BEWAREN = 8
"""Model files kept in the folder (the most recently used): one per gemeente's kennisbank, and a few
older ones for a rollback."""


def classificeerder(teksten: list[str], labels: list[str], map_: Path | None) -> Classificeerder:
    """The classifier trained on `teksten` with `labels`: from the cache folder `map_` when it has
    this model, else trained (and stored in `map_`). `map_` None: always trained, nothing stored."""
    if map_ is None:
        return Classificeerder(teksten, labels)
    sleutel = modelsleutel(teksten, labels)
    pad = Path(map_) / f"{VOORVOEGSEL}{sleutel}.npz"
    if pad.is_file():
        geladen = _lees(pad, sleutel, teksten, labels)
        if geladen is not None:
            _raak_aan(pad)
            return geladen
    model = Classificeerder(teksten, labels)
    _bewaar(model, pad, sleutel)
    return model


def modelsleutel(teksten: list[str], labels: list[str]) -> str:
    """SHA-256 over everything the trained numbers depend on (see module docstring)."""
    import scipy
    import sklearn

    inhoud = {
        "classificatie": hashlib.sha256(Path(classificatie.__file__).read_bytes()).hexdigest(),
        "versies": [platform.python_version(), np.__version__, scipy.__version__, sklearn.__version__],
        "instellingen": Classificeerder.instellingen(),
        "teksten": teksten,
        "labels": labels,
    }
    return hashlib.sha256(json.dumps(inhoud, ensure_ascii=False).encode("utf-8")).hexdigest()


def _lees(pad: Path, sleutel: str, teksten: list[str], labels: list[str]) -> Classificeerder | None:
    try:
        with pad.open("rb") as ruw, np.load(ruw, allow_pickle=False) as bestand:
            kop = json.loads(bytes(bestand["kop"]).decode("utf-8"))
            if kop.get("sleutel") != sleutel:
                raise ValueError("de sleutel in het bestand hoort bij andere voorbeelden")
            return Classificeerder.uit_toestand(
                klassen=kop["klassen"],
                labels=labels,
                woordenlijsten=kop["woordenlijsten"],
                idf=[bestand["idf_tekens"], bestand["idf_woorden"]],
                gewichten=bestand["gewichten"],
                intercept=bestand["intercept"],
                voorbeelden=(bestand["data"], bestand["indices"], bestand["indptr"]),
                aantal_voorbeelden=len(teksten),
            )
    except Exception as fout:  # noqa: BLE001 — any unusable file: train as without a cache
        log.warning("Modelcache %s niet gebruikt (%s); de herkenner wordt opnieuw getraind.", pad, fout)
        return None


def _bewaar(model: Classificeerder, pad: Path, sleutel: str) -> None:
    toestand = model.toestand()
    kop = {"sleutel": sleutel, "klassen": toestand["klassen"], "woordenlijsten": toestand["woordenlijsten"]}
    tijdelijk: str | None = None
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=pad.parent, prefix=f".{pad.stem}-", suffix=".tmp", delete=False) as uit:
            tijdelijk = uit.name
            data, indices, indptr = toestand["voorbeelden"]
            np.savez(
                uit,
                kop=np.frombuffer(json.dumps(kop, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
                idf_tekens=toestand["idf"][0],
                idf_woorden=toestand["idf"][1],
                gewichten=toestand["gewichten"],
                intercept=toestand["intercept"],
                data=data,
                indices=indices,
                indptr=indptr,
            )
        os.replace(tijdelijk, pad)
        tijdelijk = None
        _ruim_op(pad.parent)
    except OSError as fout:
        log.warning("Modelcache %s kon niet worden geschreven (%s); de bot traint bij elke start.", pad.parent, fout)
    finally:
        if tijdelijk is not None:
            Path(tijdelijk).unlink(missing_ok=True)


def _raak_aan(pad: Path) -> None:
    """Mark a file as used now (what `_ruim_op` keeps)."""
    try:
        os.utime(pad)
    except OSError:
        pass


def _ruim_op(map_: Path) -> None:
    """Keep the `BEWAREN` most recently used model files (another process may be doing the same)."""
    gebruikt: list[tuple[int, Path]] = []
    for pad in map_.glob(f"{VOORVOEGSEL}*.npz"):
        try:
            gebruikt.append((pad.stat().st_mtime_ns, pad))
        except FileNotFoundError:
            continue
    for _, oud in sorted(gebruikt, reverse=True)[BEWAREN:]:
        oud.unlink(missing_ok=True)
