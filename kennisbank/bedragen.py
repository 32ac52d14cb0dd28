"""Euro amounts in Dutch notation: parse what a manager types, format for people.

Understood: "12500", "12.500", "€ 12.500", "12.500,50", "12,5k", "12,5 duizend", "1,2 mln",
"1,2 miljoen", "0,5 mld", "EUR 300". Refused with a reason code (the dialog shows the Dutch text
for it): negative amounts, zero, more than two decimals, ambiguous separators ("12,500"),
English notation ("12,500.50") and amounts above the kennisbank maximum.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

CENT = Decimal("0.01")
MAX_CIJFERS = 15
"""Digits before the comma that are read at all; more is 'te_groot'."""
_REKENEN = Context(prec=40)
"""Our own precision: the thread's default context is not ours (a botbuilder dependency sets it to
15 digits at import), and a quantize beyond it raises InvalidOperation."""

_VERMENIGVULDIGERS = {
    "k": Decimal(1_000),
    "dzd": Decimal(1_000),
    "duizend": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "mio": Decimal(1_000_000),
    "miljoen": Decimal(1_000_000),
    "mld": Decimal(1_000_000_000),
    "miljard": Decimal(1_000_000_000),
}
_VALUTA = re.compile(r"€|\beur(o|os)?\b")
_VORM = re.compile(r"^(?P<getal>[0-9][0-9.,]*)(?P<eenheid>[a-z]+)?$")
_DUIZENDTALLEN = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")


class BedragFout(ValueError):
    """An amount that cannot be accepted. `reden` is one of: leeg, onleesbaar, negatief, nul,
    dubbelzinnig, engels, te_veel_decimalen, te_groot."""

    def __init__(self, reden: str, tekst: str) -> None:
        super().__init__(f"{reden}: {tekst!r}")
        self.reden = reden
        self.tekst = tekst


def lees_bedrag(tekst: str, maximum: Decimal | None = None) -> Decimal:
    """The amount in `tekst` as a positive Decimal with two decimals, or BedragFout."""
    with localcontext(_REKENEN):
        return _lees_bedrag(tekst, maximum)


def _lees_bedrag(tekst: str, maximum: Decimal | None) -> Decimal:
    origineel = tekst
    kern = (tekst or "").casefold()
    kern = _VALUTA.sub(" ", kern)
    kern = re.sub(r"[\s\u00a0\u202f']+", "", kern).rstrip(",-").removesuffix(",")
    if not kern:
        raise BedragFout("leeg", origineel)
    if kern.startswith(("-", "min", "−")):
        raise BedragFout("negatief", origineel)
    kern = kern.removeprefix("+")
    gevonden = _VORM.match(kern)
    if not gevonden:
        raise BedragFout("onleesbaar", origineel)
    eenheid = gevonden["eenheid"]
    if eenheid is not None and eenheid not in _VERMENIGVULDIGERS:
        raise BedragFout("onleesbaar", origineel)
    getal = _getal(gevonden["getal"], origineel, met_eenheid=eenheid is not None)
    if eenheid is not None:
        getal *= _VERMENIGVULDIGERS[eenheid]
    try:
        if getal != getal.quantize(CENT):
            raise BedragFout("te_veel_decimalen", origineel)
        getal = getal.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise BedragFout("te_groot", origineel) from None
    if getal == 0:
        raise BedragFout("nul", origineel)
    if maximum is not None and getal > maximum:
        raise BedragFout("te_groot", origineel)
    return getal


def _getal(tekst: str, origineel: str, *, met_eenheid: bool) -> Decimal:
    """Digits with Dutch separators: '.' groups thousands, ',' starts the decimals."""
    if tekst.count(",") > 1:
        raise BedragFout("onleesbaar", origineel)
    geheel, komma, decimalen = tekst.partition(",")
    if komma and "." in decimalen:
        raise BedragFout("engels", origineel)
    if "." in geheel:
        if _DUIZENDTALLEN.match(geheel):
            geheel = geheel.replace(".", "")
        elif not komma and geheel.count(".") == 1 and re.fullmatch(r"[0-9]+\.[0-9]{1,2}", geheel):
            if not met_eenheid:
                raise BedragFout("dubbelzinnig", origineel)  # "1.2": € 1,20, or € 1.200 in shorthand?
            # "12.5k": a decimal point before a unit.
            geheel, decimalen, komma = geheel.split(".")[0], geheel.split(".")[1], ","
        else:
            raise BedragFout("onleesbaar", origineel)
    if komma and not decimalen:
        raise BedragFout("onleesbaar", origineel)
    if len(geheel.lstrip("0")) > MAX_CIJFERS:
        raise BedragFout("te_groot", origineel)
    if komma and len(decimalen) == 3 and not met_eenheid:
        raise BedragFout("dubbelzinnig", origineel)  # "12,500": 12,5 or twaalfduizend vijfhonderd?
    try:
        return Decimal(f"{geheel}.{decimalen}" if komma else geheel)
    except InvalidOperation:
        raise BedragFout("onleesbaar", origineel) from None


def twee_lezingen(tekst: str) -> tuple[Decimal, Decimal] | None:
    """The two amounts an ambiguous text can mean ("1,200" and "1.2": € 1,20 or € 1.200), else None."""
    kern = re.sub(r"[\s\u00a0\u202f']+", "", _VALUTA.sub(" ", (tekst or "").casefold()))
    gevonden = re.fullmatch(r"([0-9]+)([.,])([0-9]{1,3})", kern)
    if gevonden is None:
        return None
    geheel, teken, rest = gevonden.groups()
    if (teken == "," and len(rest) != 3) or (teken == "." and len(rest) > 2):
        return None
    with localcontext(_REKENEN):
        getal = Decimal(f"{geheel}.{rest}")
        klein = getal.quantize(CENT, rounding=ROUND_HALF_UP)
        if klein != getal:
            return None  # "12,505" has no reading in euro and cents
        groot = (Decimal(geheel + rest) if teken == "," else getal * 1000).quantize(CENT)
    if klein == 0:
        return None
    return klein, groot


def formatteer_bedrag(bedrag: Decimal | int | float) -> str:
    """'€ 12.500,00': Dutch thousands dots and decimal comma."""
    with localcontext(_REKENEN):
        waarde = Decimal(str(bedrag)).quantize(CENT, rounding=ROUND_HALF_UP)
    teken = "-" if waarde < 0 else ""
    geheel, _, centen = f"{abs(waarde):.2f}".partition(".")
    groepen = f"{int(geheel):,}".replace(",", ".")
    return f"€ {teken}{groepen},{centen}"
