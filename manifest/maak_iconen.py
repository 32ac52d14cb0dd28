"""Draw the two Teams app icons: a ship's steering wheel (stuurwiel, for 'sturing').

- `color.png`: 192×192, full colour — a white wheel with a gold hub on municipal blue;
- `outline.png`: 32×32, the same wheel in pure white on a transparent background.

Both are drawn at 4× and scaled down, so edges are smooth. The output is committed; run this
script only after changing the design: `python manifest/maak_iconen.py`.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from PIL import Image, ImageDraw

MAP = Path(__file__).resolve().parent
KLEUR_GROOTTE = 192
OMTREK_GROOTTE = 32
OVERSAMPLING = 4

BLAUW = (21, 78, 151)  # #154E97, also the manifest's accentColor
WIT = (255, 255, 255)
GOUD = (245, 180, 0)


Kleur = int | tuple[int, int, int]


def _stuurwiel(
    teken: ImageDraw.ImageDraw,
    grootte: int,
    *,
    naaf_kleur: Kleur,
    gat_kleur: Kleur,
    wiel_kleur: Kleur,
    spaak: float = 10,
    binnenspaak: float = 10,
    rand: tuple[float, float] = (54, 40),
    naaf: float = 20,
    naafgat: float = 8,
) -> None:
    """A wheel with a rim, eight spokes with handles and a hub, scaled to a square of `grootte`.
    Measures are in 192-px units; the tiny icon uses bolder handles, a thinner rim and no hole in the hub."""
    m = grootte / 2
    e = grootte / 192  # all measures below are in 192-px units

    def cirkel(straal: float, kleur: Kleur, x: float = m, y: float = m) -> None:
        teken.ellipse((x - straal * e, y - straal * e, x + straal * e, y + straal * e), fill=kleur)

    for k in range(8):
        hoek = math.pi / 8 + k * math.pi / 4
        cos, sin = math.cos(hoek), math.sin(hoek)
        teken.line((m, m, m + 70 * e * cos, m + 70 * e * sin), fill=wiel_kleur, width=round(spaak * e))
        cirkel(10, wiel_kleur, m + 72 * e * cos, m + 72 * e * sin)  # handle
    cirkel(rand[0], wiel_kleur)  # rim, drawn as a filled disc with the inside cut out
    cirkel(rand[1], gat_kleur)
    for k in range(8):  # spokes again, inside the rim
        hoek = math.pi / 8 + k * math.pi / 4
        teken.line(
            (m, m, m + (rand[1] + 4) * e * math.cos(hoek), m + (rand[1] + 4) * e * math.sin(hoek)),
            fill=wiel_kleur,
            width=round(binnenspaak * e),
        )
    cirkel(naaf, naaf_kleur)  # hub
    if naafgat:
        cirkel(naafgat, gat_kleur)


def kleuricoon() -> Image.Image:
    """192×192 RGB: white wheel, gold hub, on blue."""
    groot = KLEUR_GROOTTE * OVERSAMPLING
    beeld = Image.new("RGB", (groot, groot), BLAUW)
    _stuurwiel(ImageDraw.Draw(beeld), groot, naaf_kleur=GOUD, gat_kleur=BLAUW, wiel_kleur=WIT)
    return beeld.resize((KLEUR_GROOTTE, KLEUR_GROOTTE), Image.Resampling.LANCZOS)


def omtrekicoon() -> Image.Image:
    """32×32 RGBA: pure white, the shape only in the alpha channel (Teams requires this)."""
    groot = OMTREK_GROOTTE * OVERSAMPLING
    masker = Image.new("L", (groot, groot), 0)
    _stuurwiel(
        ImageDraw.Draw(masker),
        groot,
        naaf_kleur=255,
        gat_kleur=0,
        wiel_kleur=255,
        spaak=14,
        binnenspaak=9,
        rand=(60, 46),
        naaf=17,
        naafgat=0,
    )
    masker = masker.resize((OMTREK_GROOTTE, OMTREK_GROOTTE), Image.Resampling.LANCZOS)
    beeld = Image.new("RGBA", (OMTREK_GROOTTE, OMTREK_GROOTTE), (*WIT, 0))
    beeld.putalpha(masker)
    return beeld


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Teken color.png en outline.png voor het Teams-pakket.")
    parser.add_argument("--map", type=Path, default=MAP, help="uitvoermap (standaard: manifest/)")
    argumenten = parser.parse_args(argv)
    argumenten.map.mkdir(parents=True, exist_ok=True)
    kleuricoon().save(argumenten.map / "color.png", optimize=True)
    omtrekicoon().save(argumenten.map / "outline.png", optimize=True)
    print(f"Iconen geschreven naar {argumenten.map}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
