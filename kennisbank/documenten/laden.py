"""The documents of a loaded kennisbank: `<kennisbank>/documenten/`, titles from organisatie.yaml."""

from __future__ import annotations

from pathlib import Path

from kennisbank.documenten.lezen import MAP, lees_documenten
from kennisbank.documenten.model import Brondocument
from kennisbank.kennisbank import Kennisbank
from kennisbank.meldingen import KennisbankFout, Melding
from kennisbank.model import Organisatie


def lees_documenten_van(pad: Path, organisatie: Organisatie | None) -> tuple[list[Brondocument], list[Melding]]:
    """Documents and meldingen of kennisbank folder `pad` (the loader adds these meldingen to its own)."""
    bekend = {d.id: d for d in organisatie.documenten} if organisatie else {}
    return lees_documenten(Path(pad) / MAP, bekend, organisatie.naam if organisatie else "")


def documenten_van(kennisbank: Kennisbank) -> list[Brondocument]:
    """The documents of a loaded kennisbank; raises `KennisbankFout` when a file is wrong."""
    documenten, meldingen = lees_documenten_van(kennisbank.pad, kennisbank.organisatie)
    if any(m.is_fout for m in meldingen):
        raise KennisbankFout(meldingen)
    return documenten
