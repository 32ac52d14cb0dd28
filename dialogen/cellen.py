"""Spreadsheet cell neutralising lives in `kennisbank.cellen` (the kennisbank's portfolio export
uses it too, and kennisbank modules import nothing from dialogen); kept for existing imports."""

from kennisbank.cellen import FORMULE_BEGIN, csv_cel, is_formuleachtig, neutraliseer_xlsx_cel

__all__ = ["FORMULE_BEGIN", "csv_cel", "is_formuleachtig", "neutraliseer_xlsx_cel"]
