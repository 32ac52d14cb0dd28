"""The shape of the organisation as data: who sits in a body (orgaan), who someone's line is, and which
holder of a rol is "yours" (the one nearest to you in the line). Works for any shape (a concerndirectie
with concerndirecteuren, a CMT with directeuren and afdelingshoofden): only `organen:` and the persons'
`rollen` and `leidinggevende` are read. Pure: no bot, no database.
"""

from __future__ import annotations

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Orgaan, Persoon
from kennisbank.zoeken.normaliseren import normaliseer


def leden(orgaan: Orgaan, kennisbank: Kennisbank) -> list[Persoon]:
    """The named members of a body, then everyone holding one of its member roles (each once)."""
    ids = [*orgaan.leden, *(p.id for p in kennisbank.bestanden.personen if set(p.rollen) & set(orgaan.leden_met_rol))]
    return [p for i in dict.fromkeys(ids) if (p := kennisbank.persoon(i)) is not None]


def orgaannamen(orgaan: Orgaan, kennisbank: Kennisbank) -> list[str]:
    """How people name a body: its name, its id, and the aliases of the rol with the same id (the
    CMT as a rol, "concernmanagementteam"); normalised, longest first."""
    rol = kennisbank.rol(orgaan.id)
    namen = [orgaan.naam, orgaan.id.replace("-", " "), *(rol.aliassen if rol else []), *([rol.naam] if rol else [])]
    return sorted({n for naam in namen if (n := normaliseer(naam))}, key=len, reverse=True)


def genoemde_organen(tekst: str, kennisbank: Kennisbank) -> list[Orgaan]:
    """The bodies a text names in full (whole words), in the order of organisatie.yaml."""
    woorden = f" {normaliseer(tekst)} "
    return [o for o in kennisbank.organisatie.organen if any(f" {naam} " in woorden for naam in orgaannamen(o, kennisbank))]


def lijn(persoon: Persoon, kennisbank: Kennisbank) -> list[Persoon]:
    """The person and everyone above them, nearest first (a loop in the data ends the line)."""
    uit = [persoon]
    while (baas := kennisbank.persoon(uit[-1].leidinggevende)) is not None and baas not in uit:
        uit.append(baas)
    return uit


def dichtstbij(houders: list[Persoon], vrager: Persoon, kennisbank: Kennisbank) -> list[Persoon]:
    """The holders nearest to `vrager` in the line: steps up from the asker to the first person they
    share a line with, plus the steps down to the holder (a tie keeps all of them)."""
    boven = {p.id: stap for stap, p in enumerate(lijn(vrager, kennisbank))}

    def afstand(houder: Persoon) -> float:
        return min((boven[p.id] + stap for stap, p in enumerate(lijn(houder, kennisbank)) if p.id in boven), default=float("inf"))

    if not houders:
        return []
    kortste = min(afstand(h) for h in houders)
    return [h for h in houders if afstand(h) == kortste]
