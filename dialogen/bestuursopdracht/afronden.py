"""Completing a check: judge the answers against the kader and store the result once per sleutel."""

from __future__ import annotations

from dataclasses import dataclass

from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.repositories.bestuursopdracht import BestuursopdrachtRepository
from dialogen.featureservices import FeatureServices
from dialogen.gebruiker import Gebruiker
from dialogen.kaarteigenaar import eigen_sleutel, eigenaar
from kennisbank.bestuursopdracht import Beoordeling, BestuursopdrachtKader, beoordeel

MAX_OPDRACHT = 200
MAX_SLEUTEL = 64


@dataclass(frozen=True)
class Invulling:
    """What the user filled in, from the card or from the text questions."""

    sleutel: str
    opdracht: str
    onderwerp_id: str | None
    geldend: tuple[str, ...]
    notitie: str | None
    kanaal: str | None


@dataclass(frozen=True)
class Afgerond:
    beoordeling: Beoordeling
    check: BestuursopdrachtCheck
    nieuw: bool
    """False when this sleutel was stored before: `check` is then the first stored one."""


async def rond_af(
    diensten: FeatureServices, kader: BestuursopdrachtKader, gebruiker: Gebruiker, invulling: Invulling
) -> Afgerond:
    """Judge and store; raises OnbekendCriterium when an answer names a criterium not in the kader."""
    beoordeling = beoordeel(kader, invulling.geldend)
    antwoorden = beoordeling.antwoorden()
    nieuwe = BestuursopdrachtCheck(
        sleutel=eigen_sleutel(gebruiker, invulling.sleutel),
        gebruiker_id=gebruiker_sleutel(gebruiker),
        aad_object_id=gebruiker.aad_object_id,
        persoon_id=gebruiker.persoon_id,
        gebruiker_naam=gebruiker.persoon.naam if gebruiker.persoon else gebruiker.naam,
        kanaal=invulling.kanaal,
        opdracht=invulling.opdracht,
        onderwerp_id=invulling.onderwerp_id,
        antwoorden=[{"id": c.id, "tekst": c.tekst, "geldt": antwoorden[c.id]} for c in kader.criteria],
        aantal_geldend=beoordeling.aantal,
        advies=beoordeling.uitkomst,
        notitie=invulling.notitie or None,
        criteria_versie=kader.versie,
        criteria_kenmerk=kader.kenmerk,
        uitgevoerd_op=diensten.klok(),
    )
    async with diensten.sessies.begin() as sessie:
        check, nieuw = await BestuursopdrachtRepository(sessie).bewaar(nieuwe)
    return Afgerond(beoordeling, check, nieuw)


def gebruiker_sleutel(gebruiker: Gebruiker) -> str:
    """Who, for storing and recalling (see dialogen.kaarteigenaar.eigenaar)."""
    return eigenaar(gebruiker)
