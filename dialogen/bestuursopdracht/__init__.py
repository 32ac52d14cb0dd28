"""The bestuursopdracht check (issue 3): card and text path, direct questions, 'mijn checks'."""

from dialogen.bestuursopdracht.feature import BestuursopdrachtFeature

__all__ = ["BestuursopdrachtFeature"]
