"""Statusupdates for the lente- and herfstrapportage (issue 5)."""

from dialogen.rapportage.feature import RapportageFeature

__all__ = ["RapportageFeature"]
