"""Moved to `dialogen.cellen` (the bot's export in Teams uses it too); kept for existing imports."""

from dialogen.cellen import FORMULE_BEGIN, csv_cel, is_formuleachtig, neutraliseer_xlsx_cel

__all__ = ["FORMULE_BEGIN", "csv_cel", "is_formuleachtig", "neutraliseer_xlsx_cel"]
