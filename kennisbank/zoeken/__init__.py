"""Lookup: from a typed question to the record that answers it.

    zoeker = Zoeker(kennisbank)                # once at start-up: builds the index
    antwoord = zoeker.beantwoord("AO binnenstad?")
    match antwoord:
        case OnderwerpGevonden(onderwerp=o): ...        # confident single onderwerp
        case MeerdereOnderwerpen(onderwerpen=os): ...   # several match equally: list each
        case BedoeldeU(kandidaten=ks): ...              # close, not confident: "Bedoelde je …?"
        case PersoonGevonden(persoon=p, onderwerpen_per_soort=g): ...  # "waar is Flora AO voor?"
        case SoortWerkGevonden(soort_werk=s): ...       # "wie is AO voor reguliere taken?"
        case BegripGevonden(begrip=b): ...              # "wat is een sectorcontract?"
        case RolGevonden(rol=r): ...                    # "wat doet een teamondersteuner?"
        case NietGevonden(suggesties=s): ...            # never a person; s = onderwerp names

Every answer has `vraag_kern` (normalised core) and `kandidaten` (scored `Kandidaat`s, best
first); `antwoord.onzeker` (or `Zoeker.onzeker(antwoord)`) tells whether to log the question as not
confidently answered. Only onderwerpen valid on `vandaag` (constructor or per call) are matched.

Modules: `normaliseren` (text, compounds), `vraag` (boilerplate, question kind), `index`
(trigram retrieval + term/fuzzy re-ranking), `zoeker` (decision), `antwoord` (result types).
"""

from kennisbank.zoeken.antwoord import (
    Antwoord,
    BedoeldeU,
    BegripGevonden,
    Kandidaat,
    MeerdereOnderwerpen,
    NietGevonden,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
)
from kennisbank.zoeken.vraag import Vraag, VraagSoort, ontleed
from kennisbank.zoeken.zoeker import Drempels, Zoeker

__all__ = [
    "Antwoord",
    "BedoeldeU",
    "BegripGevonden",
    "Drempels",
    "Kandidaat",
    "MeerdereOnderwerpen",
    "NietGevonden",
    "OnderwerpGevonden",
    "PersoonGevonden",
    "RolGevonden",
    "SoortWerkGevonden",
    "Vraag",
    "VraagSoort",
    "Zoeker",
    "ontleed",
]
