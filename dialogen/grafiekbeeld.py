"""A `Grafiek` as a small PNG (Pillow, its built-in font): its title, horizontal bars, one row per `Balk`,
the name on the left, the parts with their values in the bar, the total on the right, a legend
below. Deterministic (the same series gives the same bytes) and a few kilobytes, so it fits in a
card as a data URI."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:
    from dialogen.grafieken import Grafiek

BREEDTE = 480
RIJ = 26
BALKHOOGTE = 18
MARGE = 8
LETTER = 13
MAX_NAAM = 170
"""Widest name column in pixels; longer names are shortened with '…'."""
KLEUREN = {
    "good": (84, 160, 40),
    "warning": (240, 168, 0),
    "attention": (209, 52, 56),
    "neutral": (200, 198, 196),
}
TEKST, ACHTERGROND, WIT = (50, 49, 48), (255, 255, 255), (255, 255, 255)
ZONDER_TEKEN = {"€": "EUR"}
"""Characters Pillow's built-in font has no glyph for, written out."""


def _kleur(naam: str) -> tuple[int, int, int]:
    return KLEUREN.get(naam, KLEUREN["neutral"])


def _schrijfbaar(tekst: str) -> str:
    for letterteken, vervanging in ZONDER_TEKEN.items():
        tekst = tekst.replace(letterteken, vervanging)
    return tekst


def _breedte(tekenaar: ImageDraw.ImageDraw, tekst: str, letter: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> int:
    links, _, rechts, _ = tekenaar.textbbox((0, 0), tekst, font=letter)
    return int(rechts - links)


def _kort(tekenaar: ImageDraw.ImageDraw, tekst: str, letter, max_breedte: int) -> str:
    if _breedte(tekenaar, tekst, letter) <= max_breedte:
        return tekst
    while tekst and _breedte(tekenaar, tekst + "…", letter) > max_breedte:
        tekst = tekst[:-1]
    return tekst.rstrip() + "…"


def teken(grafiek: Grafiek) -> bytes:
    letter = ImageFont.load_default(size=LETTER)
    proef = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    legenda = list(dict.fromkeys((d.legenda, d.kleur) for b in grafiek.balken for d in b.delen)) if grafiek.gestapeld else []
    naam_breedte = min(MAX_NAAM, max((_breedte(proef, b.titel, letter) for b in grafiek.balken), default=0))
    totalen = [sum(d.waarde for d in b.delen) for b in grafiek.balken]
    totaal_teksten = [_totaal(b, t, grafiek.gestapeld) for b, t in zip(grafiek.balken, totalen, strict=True)]
    totaal_breedte = max((_breedte(proef, t, letter) for t in totaal_teksten), default=0)
    balk_x = MARGE + naam_breedte + MARGE
    balk_breedte = max(40, BREEDTE - balk_x - MARGE - totaal_breedte - MARGE)
    grootste = max(totalen, default=0) or 1

    legenda_rijen = _legenda_rijen(proef, legenda, letter)
    hoogte = MARGE + RIJ + RIJ * len(grafiek.balken) + (RIJ * len(legenda_rijen) + MARGE if legenda_rijen else 0) + MARGE
    beeld = Image.new("RGB", (BREEDTE, hoogte), ACHTERGROND)
    tekenaar = ImageDraw.Draw(beeld)
    kop = ImageFont.load_default(size=LETTER + 2)
    tekenaar.text(
        (MARGE, MARGE + RIJ // 2),
        _kort(tekenaar, _schrijfbaar(grafiek.titel), kop, BREEDTE - 2 * MARGE),
        font=kop,
        fill=TEKST,
        anchor="lm",
    )
    for rij, (balk, totaal_tekst) in enumerate(zip(grafiek.balken, totaal_teksten, strict=True)):
        y = MARGE + RIJ + rij * RIJ
        midden = y + RIJ // 2
        tekenaar.text((MARGE, midden), _kort(tekenaar, balk.titel, letter, naam_breedte), font=letter, fill=TEKST, anchor="lm")
        x = float(balk_x)
        for deel in balk.delen:
            breedte = balk_breedte * max(deel.waarde, 0) / grootste
            if breedte <= 0:
                continue
            boven = midden - BALKHOOGTE // 2
            tekenaar.rectangle(
                (round(x), boven, max(round(x), round(x + breedte) - 1), boven + BALKHOOGTE - 1), fill=_kleur(deel.kleur)
            )
            etiket = _schrijfbaar(deel.etiket) or _getal(deel.waarde)
            if grafiek.gestapeld and _breedte(tekenaar, etiket, letter) + 6 <= breedte:
                tekstkleur = TEKST if deel.kleur in ("warning", "neutral") else WIT
                tekenaar.text((x + breedte / 2, midden), etiket, font=letter, fill=tekstkleur, anchor="mm")
            x += breedte
        tekenaar.text(
            (round(x) + MARGE if not grafiek.gestapeld else balk_x + balk_breedte + MARGE, midden),
            totaal_tekst,
            font=letter,
            fill=TEKST,
            anchor="lm",
        )
    y = MARGE + RIJ + RIJ * len(grafiek.balken) + MARGE
    for legenda_rij in legenda_rijen:
        x = MARGE
        midden = y + RIJ // 2
        for naam, kleur in legenda_rij:
            tekenaar.rectangle((x, midden - 5, x + 10, midden + 5), fill=_kleur(kleur))
            tekenaar.text((x + 14, midden), naam, font=letter, fill=TEKST, anchor="lm")
            x += 14 + _breedte(tekenaar, naam, letter) + 16
        y += RIJ
    uit = io.BytesIO()
    beeld.quantize(colors=32, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(uit, format="PNG", optimize=True)
    return uit.getvalue()


def _totaal(balk, totaal: float, gestapeld: bool) -> str:
    if gestapeld or not balk.delen:
        return _getal(totaal)
    return _schrijfbaar(balk.delen[0].etiket) or _getal(balk.delen[0].waarde)


def _getal(waarde: float) -> str:
    return str(int(waarde)) if float(waarde).is_integer() else f"{waarde:.2f}".replace(".", ",")


def _legenda_rijen(tekenaar: ImageDraw.ImageDraw, legenda: list[tuple[str, str]], letter) -> list[list[tuple[str, str]]]:
    rijen: list[list[tuple[str, str]]] = []
    x = MARGE
    for naam, kleur in legenda:
        breedte = 14 + _breedte(tekenaar, naam, letter) + 16
        if not rijen or x + breedte > BREEDTE - MARGE:
            rijen.append([])
            x = MARGE
        rijen[-1].append((naam, kleur))
        x += breedte
    return rijen
