"""Words that mean the same in a question about the documents, as data a gemeente can extend.

`synoniemen.yaml` next to this module holds general Dutch variants written from the documents'
vocabulary ("bij elkaar komen" for "vergaderen"); a kennisbank adds its own groups in
`documenten/synoniemen.yaml`. The file is a list of groups, each a list of at least two words or
phrases. A mistake gives a Dutch melding with file and line.
"""

from __future__ import annotations

from pathlib import Path

from kennisbank.meldingen import Melding
from kennisbank.yaml_lezen import lees_yaml

BESTAND = "synoniemen.yaml"
STANDAARD = Path(__file__).resolve().with_name(BESTAND)


def lees_synoniemen(pad: Path, naam: str) -> tuple[list[list[str]], list[Melding]]:
    """The groups in `pad` (absent file: none); a wrong group is left out with a melding."""
    if not pad.is_file():
        return [], []
    gelezen, meldingen = lees_yaml(pad, naam)
    if gelezen is None:
        return [], meldingen
    if not isinstance(gelezen.data, list):
        return [], [
            *meldingen,
            Melding(naam, 1, "verwacht een lijst van groepen, bijvoorbeeld: - [vergaderen, bij elkaar komen]"),
        ]
    groepen: list[list[str]] = []
    for i, groep in enumerate(gelezen.data):
        regel = gelezen.regels.regel((i,))
        if not isinstance(groep, list) or not all(isinstance(f, str) and f.strip() for f in groep):
            meldingen.append(
                Melding(naam, regel, "een groep is een lijst van woorden of woordgroepen, bijvoorbeeld [toetsen, beoordelen]")
            )
        elif len(groep) < 2:
            meldingen.append(Melding(naam, regel, "een groep heeft minstens twee woorden of woordgroepen nodig"))
        else:
            groepen.append([f.strip() for f in groep])
    return groepen, meldingen


def standaard_synoniemen() -> list[list[str]]:
    """The groups shipped with the bot (a mistake there is a bug: it raises)."""
    groepen, meldingen = lees_synoniemen(STANDAARD, f"kennisbank/documenten/{BESTAND}")
    if meldingen:
        raise ValueError("\n".join(str(m) for m in meldingen))
    return groepen
