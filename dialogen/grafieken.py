"""Charts in a card (issue 13): one series, three renderings, so the numbers cannot differ.

- Teams draws the Adaptive Card chart element (`Chart.HorizontalBar.Stacked`, `Chart.VerticalBar`);
- a client that does not know it (Web Chat) shows the element's `fallback`: a PNG of the same series
  (`dialogen.grafiekbeeld`), as a data URI, so no link and no internet are needed;
- the console, which shows no images, reads the image's own `fallback`: the card's text bars
  (`dialogen.kaarten_tekst` follows `fallback` for any element it cannot show).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from dialogen.grafiekbeeld import teken

GOED, WAARSCHUWING, AANDACHT, NEUTRAAL = "good", "warning", "attention", "neutral"
"""Chart colours as Teams names them; `grafiekbeeld` has the same four."""


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
    beeld = base64.b64encode(teken(grafiek)).decode("ascii")
    terugval = {
        "type": "Image",
        "url": f"data:image/png;base64,{beeld}",
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
