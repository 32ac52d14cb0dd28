"""Statusupdates for the lente- and herfstrapportage (issue 5)."""

from dialogen.rapportage.functie import RapportageFunctie

__all__ = ["RapportageFunctie"]
