"""A short Dutch summary of a loaded kennisbank: what each file contains."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from kennisbank.documenten import MAP, documenten_van, passages
from kennisbank.kennisbank import Kennisbank
from kennisbank.yaml_lezen import bestandsnaam


def samenvatting(kennisbank: Kennisbank) -> list[str]:
    """One line per file of the kennisbank, e.g. 'personen.yaml: 12 personen'."""
    regels = [f"Kennisbank van {kennisbank.organisatie.naam} ({kennisbank.pad})"]
    bestanden = kennisbank.bestanden
    for veld in type(bestanden).model_fields:
        waarde = getattr(bestanden, veld)
        naam = bestandsnaam(veld)
        if not (kennisbank.pad / naam).exists():
            regels.append(f"  {naam}: ontbreekt (niet verplicht)")
        elif isinstance(waarde, list):
            regels.append(f"  {naam}: {len(waarde)} {veld.replace('_', ' ')}{_per_soort(kennisbank, veld)}")
        elif isinstance(waarde, BaseModel):
            regels.append(f"  {naam}: {_inhoud(waarde)}")
    if (kennisbank.pad / MAP).is_dir():
        documenten = documenten_van(kennisbank)
        secties = sum(len(d.secties) for d in documenten)
        regels.append(f"  {MAP}/: {len(documenten)} documenten, {secties} secties, {len(passages(documenten))} passages")
    return regels


def _per_soort(kennisbank: Kennisbank, veld: str) -> str:
    if veld != "onderwerpen":
        return ""
    aantallen = Counter(o.soort for o in kennisbank.bestanden.onderwerpen)
    if not aantallen:
        return ""
    volgorde = [s.id for s in kennisbank.organisatie.soorten_onderwerp]
    soorten = sorted(aantallen, key=lambda s: (volgorde.index(s) if s in volgorde else len(volgorde), s))
    delen = [f"{kennisbank.soort_naam(soort)}: {aantallen[soort]}" for soort in soorten]
    return f" ({', '.join(delen)})"


def _inhoud(model: BaseModel) -> str:
    """'3 documenten, 2 soorten onderwerp' for the list fields of a mapping file."""
    delen = [
        f"{len(getattr(model, naam))} {naam.replace('_', ' ')}"
        for naam in type(model).model_fields
        if isinstance(getattr(model, naam), list)
    ]
    return ", ".join(delen) or "aanwezig"
