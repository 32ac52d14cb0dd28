"""The whole kennisbank folder as one typed model: each field is read from `<field>.yaml`.

A feature that adds knowledge adds one field here (and its model in its own module).
Optional files may be absent; required ones are reported missing by the loader.
"""

from __future__ import annotations

from pydantic import Field

from kennisbank.bestuursopdracht import BestuursopdrachtKader
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.model import Begrip, Model, Onderwerp, Organisatie, Persoon, Rol, SoortWerk
from kennisbank.rapportage import Rapportage


class KennisbankBestanden(Model):
    organisatie: Organisatie
    personen: list[Persoon]
    onderwerpen: list[Onderwerp]
    rollen: list[Rol] = Field(default_factory=list)
    soorten_werk: list[SoortWerk] = Field(default_factory=list)
    begrippen: list[Begrip] = Field(default_factory=list)
    rapportage: Rapportage | None = None
    bestuursopdracht: BestuursopdrachtKader | None = None
    escalatie: list[EscalatieRegel] = Field(default_factory=list)
