"""Charts in a card (issue 13): one series, three renderings, so the numbers cannot differ.

- Teams draws the Adaptive Card chart element (`Chart.HorizontalBar.Stacked`, `Chart.VerticalBar`);
- a client that does not know it (Web Chat) shows the element's `fallback`: a PNG of the same series
  (`dialogen.grafiekbeeld`), as a data URI, so no link and no internet are needed. The card is
  built for every channel on every render, so each series is drawn once and kept (`BEELDEN`
  most recent ones, keyed by the whole series): paging, filtering or refreshing the overview with
  the same numbers sends the same bytes without drawing them again;
- the console, which shows no images, reads the image's own `fallback`: the card's text bars
  (`dialogen.kaarten_tekst` follows `fallback` for any element it cannot show).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dialogen.grafiekbeeld import teken

GOED, WAARSCHUWING, AANDACHT, NEUTRAAL = "good", "warning", "attention", "neutral"
"""Chart colours as Teams names them; `grafiekbeeld` has the same four."""
BEELDEN = 256
"""Drawn charts kept (a few kilobytes each): the overview's two charts for many filters and gemeenten."""


@dataclass(frozen=True)
class Deel:
    legenda: str
    waarde: float
    kleur: str
    etiket: str = ""
    """How the value is written on the image ('3', '€ 12.000'); empty: the number."""


@dataclass(frozen=True)
class Balk:
    titel: str
    delen: tuple[Deel, ...]


@dataclass(frozen=True)
class Grafiek:
    titel: str
    balken: tuple[Balk, ...]
    gestapeld: bool
    """True: one stacked bar per `Balk` (a distribution); False: one bar per `Balk`, its one `Deel`."""


def kleuren_naar_ernst(ernsten: list[int]) -> dict[int, str]:
    """Least serious status green, most serious red, anything between orange."""
    gesorteerd = sorted(set(ernsten))
    return {e: GOED if i == 0 else AANDACHT if i == len(gesorteerd) - 1 else WAARSCHUWING for i, e in enumerate(gesorteerd)}


def kaartelement(grafiek: Grafiek, tekst: list[dict[str, Any]]) -> dict[str, Any]:
    """The chart element with its fallbacks: the PNG, and under that `tekst` (card elements)."""
    terugval = {
        "type": "Image",
        "url": beeld_url(grafiek),
        "altText": grafiek.titel,
        "fallback": {"type": "Container", "items": tekst},
    }
    if grafiek.gestapeld:
        return {
            "type": "Chart.HorizontalBar.Stacked",
            "title": grafiek.titel,
            "fallback": terugval,
            "data": [
                {"title": b.titel, "data": [{"legend": d.legenda, "value": d.waarde, "color": d.kleur} for d in b.delen]}
                for b in grafiek.balken
            ],
        }
    return {
        "type": "Chart.VerticalBar",
        "title": grafiek.titel,
        "showBarValues": True,
        "fallback": terugval,
        "data": [{"x": b.titel, "y": d.waarde, "color": d.kleur} for b in grafiek.balken for d in b.delen[:1]],
    }


def beeld_url(grafiek: Grafiek) -> str:
    """The PNG of `grafiek` as a data URI, drawn once per series (see module docstring)."""
    return _beeld_url(repr(grafiek), grafiek)


@lru_cache(maxsize=BEELDEN)
def _beeld_url(sleutel: str, grafiek: Grafiek) -> str:
    """`sleutel` is the series' repr, so values that compare equal but print differently (1 and 1.0)
    are kept apart and the image is always the one `teken` draws for exactly this series."""
    return f"data:image/png;base64,{base64.b64encode(teken(grafiek)).decode('ascii')}"
