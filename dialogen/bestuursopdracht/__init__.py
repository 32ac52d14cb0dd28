"""The bestuursopdracht check (issue 3): card and text path, direct questions, 'mijn checks'."""

from dialogen.bestuursopdracht.functie import BestuursopdrachtFunctie

__all__ = ["BestuursopdrachtFunctie"]
