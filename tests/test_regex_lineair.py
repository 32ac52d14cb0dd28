"""Issue 10 item 4: no regular expression on user text may backtrack super-linearly. Each pattern
gets pathological inputs built from its own words (a prefix that starts a match, then one word or
all of them repeated, with no ending that completes it) at two lengths; the work at 4x the length
must stay near 4x (linear), far from 16x (quadratic) or 64x (cubic). The work is the CPU time of the
test's own thread (`time.thread_time`, not the clock on the wall: time spent waiting while other
processes run is not counted), the minimum of several runs, with a small absolute allowance, so a
busy machine does not make it flaky.

Every module-level pattern in kennisbank/, dialogen/ and bot/teams.py is found by itself, and so are
the rules and groups of dialogen/intenties/*.yaml. On top of that, `TurnRouter.verwerk` analyses no
more than 2,000 characters (tests/test_invoer_in_beurt.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterator

import pytest

import dialogen
import kennisbank
from bot import teams
from dialogen.intentiedata import laad_intenties
from kennisbank import bedragen
from kennisbank.zoeken import normaliseren, vraag

KORT, LANG = 1000, 4000
MAX_FACTOR = 8.0
"""Linear gives about 4; quadratic 16."""
SPELING = 0.003
"""Seconds of absolute allowance (timer noise on tiny inputs)."""


def _patronen() -> list[re.Pattern[str]]:
    """Every compiled pattern at module level (also inside tuples) in kennisbank/, dialogen/ and
    bot/teams.py: what is added later is checked too."""
    modules = [teams]
    for pakket in (kennisbank, dialogen):
        namen = [m.name for m in pkgutil.walk_packages(pakket.__path__, f"{pakket.__name__}.")]
        modules += [importlib.import_module(naam) for naam in namen if not naam.endswith("__main__")]
    gevonden: dict[str, re.Pattern[str]] = {}

    def verzamel(waarde: object) -> None:
        if isinstance(waarde, re.Pattern):
            gevonden.setdefault(waarde.pattern, waarde)
        elif isinstance(waarde, (tuple, list)):
            for item in waarde:
                verzamel(item)

    for module in modules:
        for waarde in vars(module).values():
            verzamel(waarde)
    for intentie in laad_intenties().values():  # the command rules and entity groups in the yaml
        verzamel(intentie.regels)
        verzamel(intentie.groepen)
    return list(gevonden.values())


def pathologische_invoer(patroon: str, lengte: int) -> Iterator[str]:
    """Texts that make a backtracking engine try hard: the pattern's first words, then a run of
    one of its words (or all of them) that never completes a match."""
    alle = re.findall(r"[a-z]+", patroon) or ["a"]
    woorden = list(dict.fromkeys(alle))
    for aantal in range(0, 5):
        begin = " ".join(alle[:aantal]) + " " if aantal else ""
        for stuk in [*woorden, " ".join(woorden), "<at>", "1.", "a"]:
            yield (begin + (stuk + " ") * (lengte // (len(stuk) + 1) + 1))[:lengte]


def _kosten(doe: Callable[[str], object], teksten: list[str]) -> float:
    totaal = 0.0
    for tekst in teksten:
        beste = float("inf")
        for _ in range(3):
            start = time.thread_time()
            doe(tekst)
            beste = min(beste, time.thread_time() - start)
        totaal += beste
    return totaal


def _is_lineair(doe: Callable[[str], object], bron: str) -> None:
    kort = _kosten(doe, list(pathologische_invoer(bron, KORT)))
    assert kort < 0.5, f"{bron[:80]!r}: {kort:.2f} s op {KORT} tekens"
    lang = _kosten(doe, list(pathologische_invoer(bron, LANG)))
    assert lang <= MAX_FACTOR * kort + SPELING, f"{bron[:80]!r}: {kort * 1000:.2f} ms -> {lang * 1000:.2f} ms"


@pytest.mark.parametrize("patroon", _patronen(), ids=lambda p: p.pattern[:40])
def test_patroon_is_lineair(patroon: re.Pattern[str]) -> None:
    _is_lineair(lambda tekst: (patroon.search(tekst), patroon.sub(" ", tekst)), patroon.pattern)


def test_de_fout_uit_het_issue_wordt_gevonden() -> None:
    """The test itself can fail: the old filler pattern (unbounded `*` after a lazy group) is caught."""
    oud = re.compile(r"^waar (?:gaat|gaan) (.+?) (?:allemaal |eigenlijk )*over$")
    with pytest.raises(AssertionError):
        _is_lineair(lambda tekst: oud.search(tekst), oud.pattern)


@pytest.mark.parametrize("functie", [vraag.ontleed, normaliseren.normaliseer])
def test_vraag_ontleden_is_lineair(functie) -> None:
    bron = " ".join(p.pattern for p, _ in vraag._PATRONEN[:4]) + " aantal criteria wie is opdrachtgever"
    _is_lineair(functie, bron)


def test_bedrag_lezen_is_lineair() -> None:
    def lees(tekst: str) -> None:
        try:
            bedragen.lees_bedrag(tekst)
        except bedragen.BedragFout:
            pass

    _is_lineair(lees, "eur 12.500,50 mln k 1.1.1")
