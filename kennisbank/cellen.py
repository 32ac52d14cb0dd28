"""Spreadsheet cells from user text that Excel or LibreOffice must never run as a formula (CSV/
formula injection, OWASP): text starting with = + - @, a tab or a carriage return. Numbers and
dates stay numbers and dates; only text is neutralised."""

from __future__ import annotations

from typing import Any

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def is_formuleachtig(waarde: Any) -> bool:
    """Text a spreadsheet would read as a formula (also after leading spaces)."""
    return isinstance(waarde, str) and waarde.lstrip(" ").startswith(FORMULE_BEGIN)


def csv_cel(waarde: Any, als_tekst=str) -> str:
    """The cell text for csv: formula-like text gets a leading apostrophe, as OWASP advises."""
    tekst = als_tekst(waarde)
    return f"'{tekst}" if is_formuleachtig(waarde) else tekst


def neutraliseer_xlsx_cel(cel) -> None:
    """An openpyxl cell whose text looks like a formula: stored as text, shown as typed."""
    if is_formuleachtig(cel.value):
        cel.data_type = "s"
        cel.quotePrefix = True
