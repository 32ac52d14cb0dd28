"""The documents of a loaded kennisbank: `<kennisbank>/documenten/`, titles from organisatie.yaml."""

from __future__ import annotations

from pathlib import Path

from kennisbank.documenten.lezen import MAP, lees_documenten
from kennisbank.documenten.model import Brondocument, Passage
from kennisbank.documenten.passages import passages
from kennisbank.documenten.synoniemen import BESTAND, lees_synoniemen, standaard_synoniemen
from kennisbank.documenten.zoeker import PassageZoeker
from kennisbank.kennisbank import Kennisbank
from kennisbank.meldingen import KennisbankFout, Melding
from kennisbank.model import Organisatie, Persoon
from kennisbank.zoeken.normaliseren import normaliseer


def lees_documenten_van(pad: Path, organisatie: Organisatie | None) -> tuple[list[Brondocument], list[Melding]]:
    """Documents and meldingen of kennisbank folder `pad` (the loader adds these meldingen to its own)."""
    bekend = {d.id: d for d in organisatie.documenten} if organisatie else {}
    map_ = Path(pad) / MAP
    documenten, meldingen = lees_documenten(map_, bekend, organisatie.naam if organisatie else "")
    meldingen += lees_synoniemen(map_ / BESTAND, f"{MAP}/{BESTAND}")[1]
    if map_.is_dir():
        gelezen = {d.id for d in documenten}
        for document in bekend.values():
            if document.bestand and document.id not in gelezen:
                tekst = (
                    f"document '{document.id}' uit organisatie.yaml heeft geen tekst in {MAP}/ "
                    f"(verwacht {MAP}/{document.id}.md); de bot kan er niet uit citeren"
                )
                meldingen.append(Melding(f"{MAP}/", None, tekst, "waarschuwing"))
    return documenten, meldingen


def documenten_van(kennisbank: Kennisbank) -> list[Brondocument]:
    """The documents of a loaded kennisbank; raises `KennisbankFout` when a file is wrong."""
    documenten, meldingen = lees_documenten_van(kennisbank.pad, kennisbank.organisatie)
    if any(m.is_fout for m in meldingen):
        raise KennisbankFout(meldingen)
    return documenten


def passagezoeker_van(kennisbank: Kennisbank) -> PassageZoeker:
    """The passage search the bot answers from: every passage except those naming a kennisbank person.

    Who holds which role comes from the kennisbank's records, which are kept current; a document
    may name someone who has moved on, so its passages are never quoted as an answer about people."""
    alle = passages(documenten_van(kennisbank))
    return PassageZoeker(zonder_personen(alle, kennisbank.bestanden.personen), synoniemen_van(kennisbank))


def synoniemen_van(kennisbank: Kennisbank) -> list[list[str]]:
    """Words for the same thing: the shipped groups, the kennisbank's `documenten/synoniemen.yaml`,
    and begrippen and rollen with their aliases."""
    bestanden = kennisbank.bestanden
    eigen, _ = lees_synoniemen(Path(kennisbank.pad) / MAP / BESTAND, f"{MAP}/{BESTAND}")
    return [
        *standaard_synoniemen(),
        *eigen,
        *([b.term, *b.aliassen] for b in bestanden.begrippen),
        *([r.naam, *r.aliassen] for r in bestanden.rollen),
    ]


def zonder_personen(alle: list[Passage], personen: list[Persoon]) -> list[Passage]:
    namen = [vorm for persoon in personen for vorm in _naamvormen(persoon.naam)]
    gehouden = []
    for passage in alle:
        tekst = f" {normaliseer(passage.tekst)} "
        if not any(f" {naam} " in tekst for naam in namen):
            gehouden.append(passage)
    return gehouden


def _naamvormen(naam: str) -> list[str]:
    """Full name, surname ('van Houwelingen' keeps its 'van') and first name (the portfolio table
    of a document names people by first name)."""
    woorden = normaliseer(naam).split()
    if not woorden:
        return []
    achternaam = woorden[-1]
    if len(achternaam) <= 3 and len(woorden) > 2:
        achternaam = " ".join(woorden[-2:])
    return [" ".join(woorden), achternaam, woorden[0]]
