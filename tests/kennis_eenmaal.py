"""Build what an app derives from a kennisbank once per test run, not once per test.

Loading and validating the kennisbank, training the intent classifier and the escalation rule
scorer, and indexing the documents take about 1.5 s per app; most tests build an app. These are
read-only once built, so a test run shares them per kennisbank folder (a changed file in a
folder — a test editing its own copy — loads it again). Production builds them once at start-up.

`KENNISBANKEN` are the shipped example kennisbanken of different shapes; `laad_eenmaal(map_)` is the
memoized loader the tests' `kennisbank` fixture uses (one load per folder per run).
"""

from __future__ import annotations

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


@pytest.fixture(scope="session", autouse=True)
def kennis_eenmaal_per_testrun() -> Iterator[None]:
    import bot.services as services
    import dialogen.escalatie.feature as escalatie

    with pytest.MonkeyPatch.context() as mp:
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
            _onthoud(services.maak_herkenner, lambda kennisbank, map_: (id(kennisbank), str(map_))),
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
