"""Issue 5: Dutch euro amounts for the financial effect of a statusupdate."""

from decimal import Decimal

import pytest

from kennisbank.bedragen import BedragFout, formatteer_bedrag, lees_bedrag

MAXIMUM = Decimal("50000000")


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("12500", "12500.00"),
        ("12.500", "12500.00"),
        ("€ 12.500", "12500.00"),
        ("€12.500,-", "12500.00"),
        ("12.500,50", "12500.50"),
        ("1.234.567,89", "1234567.89"),
        ("12,5k", "12500.00"),
        ("12,5 K", "12500.00"),
        ("12,5 duizend", "12500.00"),
        ("1,2 mln", "1200000.00"),
        ("1,2 miljoen", "1200000.00"),
        ("EUR 300", "300.00"),
        ("300 euro", "300.00"),
        ("12.5k", "12500.00"),
        ("0,50", "0.50"),
        ("+750", "750.00"),
        ("  45 000 ", "45000.00"),
    ],
)
def test_leest_nederlandse_notatie(tekst, verwacht):
    assert lees_bedrag(tekst, MAXIMUM) == Decimal(verwacht)


@pytest.mark.parametrize(
    ("tekst", "reden"),
    [
        ("-5", "negatief"),
        ("- € 5", "negatief"),
        ("min 5", "negatief"),
        ("0", "nul"),
        ("0,00", "nul"),
        ("", "leeg"),
        ("   ", "leeg"),
        ("veel", "onleesbaar"),
        ("12 appels", "onleesbaar"),
        ("1,2,3", "onleesbaar"),
        ("12.50.1", "onleesbaar"),
        ("12,500", "dubbelzinnig"),
        ("12,500.50", "engels"),
        ("12,505", "dubbelzinnig"),
        ("12,5055", "te_veel_decimalen"),
        ("60 mln", "te_groot"),
        ("1 mld", "te_groot"),
        ("50.000.000,01", "te_groot"),
    ],
)
def test_weigert_met_reden(tekst, reden):
    with pytest.raises(BedragFout) as fout:
        lees_bedrag(tekst, MAXIMUM)
    assert fout.value.reden == reden


def test_maximum_zelf_mag_wel():
    assert lees_bedrag("50 mln", MAXIMUM) == Decimal("50000000.00")


@pytest.mark.parametrize(
    ("bedrag", "tekst"),
    [
        (Decimal("12500"), "€ 12.500,00"),
        (Decimal("0.5"), "€ 0,50"),
        (Decimal("1234567.891"), "€ 1.234.567,89"),
        (Decimal("999"), "€ 999,00"),
    ],
)
def test_formatteert_als_euro(bedrag, tekst):
    assert formatteer_bedrag(bedrag) == tekst


def test_rondreis():
    for tekst in ["€ 12.500,00", "€ 1.234.567,89", "€ 0,50"]:
        assert formatteer_bedrag(lees_bedrag(tekst, MAXIMUM)) == tekst
