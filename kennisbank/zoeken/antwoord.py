"""What a lookup returns: one frozen dataclass per kind of answer.

Every answer carries `vraag_kern` (the normalised core that was matched) and `kandidaten` (the best
scored records, best first) so the caller can log questions that were not answered confidently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kennisbank.model import Begrip, Onderwerp, Persoon, Rol, SoortWerk

SOORT_ONDERWERP = "onderwerp"
SOORT_PERSOON = "persoon"
SOORT_SOORT_WERK = "soort_werk"
SOORT_BEGRIP = "begrip"
SOORT_ROL = "rol"
SOORT_SOORT_ONDERWERP = "soort_onderwerp"
SOORT_PERIODE = "periode"


@dataclass(frozen=True)
class Kandidaat:
    """A scored record: `soort` is one of the SOORT_* constants, `id` its kennisbank id."""

    soort: str
    id: str
    naam: str
    score: float


@dataclass(frozen=True)
class Antwoord:
    vraag_kern: str
    kandidaten: tuple[Kandidaat, ...] = field(default=(), kw_only=True)

    @property
    def onzeker(self) -> bool:
        """True when the question should be logged as not confidently answered."""
        return False


@dataclass(frozen=True)
class OnderwerpGevonden(Antwoord):
    onderwerp: Onderwerp
    score: float


@dataclass(frozen=True)
class MeerdereOnderwerpen(Antwoord):
    """Several onderwerpen: named in one question (`gevraagd`: answer each), or matching equally
    well (list each with its opdrachtgever)."""

    onderwerpen: tuple[Onderwerp, ...]
    gevraagd: bool = False


@dataclass(frozen=True)
class BedoeldeU(Antwoord):
    """Close but not confident: offer these as 'Bedoelde je …?' choices."""

    # Inherited `kandidaten` holds the choices.

    @property
    def onzeker(self) -> bool:
        return True


@dataclass(frozen=True)
class PersoonGevonden(Antwoord):
    persoon: Persoon
    onderwerpen_per_soort: dict[str, list[Onderwerp]]
    """Onderwerpen where the person is (ambtelijk/gedelegeerd/bestuurlijk) opdrachtgever on the day
    asked (the one day the question names, else today), by soort id."""


@dataclass(frozen=True)
class SoortWerkGevonden(Antwoord):
    soort_werk: SoortWerk


@dataclass(frozen=True)
class BegripGevonden(Antwoord):
    begrip: Begrip


@dataclass(frozen=True)
class RolGevonden(Antwoord):
    rol: Rol


@dataclass(frozen=True)
class NietGevonden(Antwoord):
    """No match. Never names a person: `suggesties` are onderwerp names to help the user ask."""

    suggesties: tuple[str, ...] = ()

    @property
    def onzeker(self) -> bool:
        return True
