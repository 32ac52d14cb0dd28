"""Build what an app derives from a kennisbank once per test run, not once per test.

Loading and validating the kennisbank, training the intent classifier and the escalation rule
scorer, indexing the documents and reading the texts (YAML, about 50 ms: without this, four tenths
of a conversation test's time) take about 1.5 s per app; most tests build an app. These are
read-only once built, so a test run shares them per kennisbank folder (a changed file in a
folder — a test editing its own copy — loads it again, and parses only the YAML text it has not
seen yet). Production builds them once at start-up.

`KENNISBANKEN` are the shipped example kennisbanken of different shapes; `laad_eenmaal(map_)` is the
memoized loader the tests' `kennisbank` fixture uses (one load per folder per run).
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import STANDAARD_KENNISBANK

KENNISBANKEN: dict[str, Path] = {
    map_.name: map_ for map_ in sorted(p.parent for p in STANDAARD_KENNISBANK.parent.glob("*/organisatie.yaml"))
}
"""Every shipped example (a folder in kennisbank/ with an organisatie.yaml): `voorbeeld` (concerndirectie,
lente/herfst) and `voorbeeld_cmt` (CMT, voorjaars- and najaarsnota); a third one joins by itself.
Conversation tests of generic behaviour run on each (marker `beide_kennisbanken`)."""
assert {"voorbeeld", "voorbeeld_cmt"} <= set(KENNISBANKEN), KENNISBANKEN


def _vingerafdruk(map_: Path) -> tuple:
    """Every file under the folder with its size and modification time."""
    if not map_.exists():
        return ()
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in map_.rglob("*") if p.is_file()))


def laad_eenmaal(map_: Path) -> Any:
    """The kennisbank in `map_`, loaded once per test run (again when a file in it changed)."""
    from kennisbank.laden import laad_kennisbank

    sleutel = (Path(map_).resolve(), _vingerafdruk(Path(map_)))
    if sleutel not in _GELADEN:
        _GELADEN[sleutel] = laad_kennisbank(Path(map_))
    return _GELADEN[sleutel]


_GELADEN: dict[tuple, Any] = {}


def _onthoud(bouw: Callable[..., Any], sleutel: Callable[..., Any]) -> Callable[..., Any]:
    gebouwd: dict[Any, tuple[Any, Any]] = {}

    def eenmaal(*args: Any, **kwargs: Any) -> Any:
        k = sleutel(*args, **kwargs)
        if k not in gebouwd:
            gebouwd[k] = (bouw(*args, **kwargs), (args, kwargs))  # keep the inputs alive: ids stay unique
        return gebouwd[k][0]

    return eenmaal


def _yaml_eenmaal(lees: Callable[[str, str], Any]) -> Callable[[str, str], Any]:
    """`lees_yaml_tekst` once per text: tests that load an edited copy of a kennisbank parse only the
    file they changed (PyYAML's pure-Python parser is most of a kennisbank's load time). Each caller
    gets its own deep copy, so no test sees another's data."""
    gelezen: dict[tuple[str, str], Any] = {}

    def eenmaal(tekst: str, naam: str) -> Any:
        sleutel = (hashlib.sha256(tekst.encode("utf-8", "surrogatepass")).hexdigest(), naam)
        if sleutel not in gelezen:
            gelezen[sleutel] = lees(tekst, naam)
        return copy.deepcopy(gelezen[sleutel])

    return eenmaal


def _modelcache_van_de_run() -> Path | None:
    """The run's model cache (tests/conftest.py sets MODELCACHE): an app a test builds in code reads
    its trained classifier from there too, so a kennisbank copy with the same examples is not trained again."""
    waarde = os.environ.get("MODELCACHE", "").strip()
    return Path(waarde) if waarde and waarde.lower() not in ("nee", "uit") else None


def _teksten_eenmaal(laad: Callable[..., Any]) -> Callable[..., Any]:
    """`Teksten.laad` once per texts folder, kennisbank folder (as their files are now) and kennisbank."""

    def sleutel(map_: Path | None = None, *, kennisbank_map: Path | None = None, kennisbank: Any = None) -> tuple:
        mappen = tuple((Path(m).resolve(), _vingerafdruk(Path(m))) if m is not None else None for m in (map_, kennisbank_map))
        return mappen, id(kennisbank)

    eenmaal = _onthoud(lambda map_=None, **k: laad(**k) if map_ is None else laad(map_, **k), sleutel)
    return classmethod(lambda cls, *args, **kwargs: eenmaal(*args, **kwargs))


@pytest.fixture(scope="session", autouse=True)
def kennis_eenmaal_per_testrun() -> Iterator[None]:
    import bot.services as services
    import dialogen.escalatie.feature as escalatie
    import kennisbank.documenten.lezen as documenten_lezen
    import kennisbank.yaml_lezen as yaml_lezen
    from dialogen.teksten import Teksten

    maak_herkenner = services.maak_herkenner
    with pytest.MonkeyPatch.context() as mp:
        lees_eenmaal = _yaml_eenmaal(yaml_lezen.lees_yaml_tekst)
        mp.setattr(yaml_lezen, "lees_yaml_tekst", lees_eenmaal)
        mp.setattr(documenten_lezen, "lees_yaml_tekst", lees_eenmaal)
        mp.setattr(Teksten, "laad", _teksten_eenmaal(Teksten.laad))
        mp.setattr(
            services,
            "laad_kennisbank",
            _onthoud(
                services.laad_kennisbank,
                lambda map_, *a, **k: (Path(map_).resolve(), _vingerafdruk(Path(map_)), a, tuple(k.items())),
            ),
        )
        mp.setattr(
            services,
            "maak_herkenner",
            _onthoud(
                lambda kennisbank, map_, modelcache=None: maak_herkenner(
                    kennisbank, map_, modelcache or _modelcache_van_de_run()
                ),
                lambda kennisbank, map_, modelcache=None: (id(kennisbank), str(map_), str(modelcache)),
            ),
        )
        mp.setattr(
            services,
            "Zoeker",
            _onthoud(services.Zoeker, lambda kennisbank, **k: (id(kennisbank), tuple(sorted(k.items())))),
        )
        mp.setattr(
            services,
            "passagezoeker_van",
            _onthoud(services.passagezoeker_van, lambda kennisbank: id(kennisbank)),
        )
        mp.setattr(
            escalatie,
            "RegelZoeker",
            _onthoud(
                escalatie.RegelZoeker,
                lambda regels, geen_regel=(), **k: (tuple(id(r) for r in regels), tuple(geen_regel), tuple(sorted(k.items()))),
            ),
        )
        yield
