"""Load a kennisbank folder: one `<field>.yaml` per field of `KennisbankBestanden`, validated.

`laad_kennisbank(pad)` returns the `Kennisbank` or raises `KennisbankFout` listing every mistake
with file and line. `lees_kennisbank(pad)` never raises for bad data: it returns the kennisbank
(or None) plus all meldingen, warnings included — that is what `python -m kennisbank check` uses.
The loader knows no file names: a field added to KennisbankBestanden is a file read from then on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from kennisbank.bestanden import KennisbankBestanden
from kennisbank.controles import controleer
from kennisbank.documenten.laden import lees_documenten_van
from kennisbank.kennisbank import Kennisbank
from kennisbank.meldingen import KennisbankFout, Melding, gesorteerd, suggestie
from kennisbank.validatiefouten import vertaal, zonder_none
from kennisbank.yaml_lezen import EXTENSIE, LEEG, GelezenBestand, Regels, bestandsnaam, lees_yaml

log = logging.getLogger(__name__)


@dataclass
class Leesresultaat:
    """Outcome of reading a folder: the kennisbank when there are no errors, and every melding."""

    kennisbank: Kennisbank | None
    meldingen: list[Melding] = field(default_factory=list)

    @property
    def fouten(self) -> list[Melding]:
        return [m for m in self.meldingen if m.is_fout]

    @property
    def waarschuwingen(self) -> list[Melding]:
        return [m for m in self.meldingen if not m.is_fout]


def laad_kennisbank(pad: Path) -> Kennisbank:
    """The validated kennisbank in folder `pad`; raises `KennisbankFout` when anything is wrong."""
    resultaat = lees_kennisbank(pad)
    if resultaat.kennisbank is None:
        raise KennisbankFout(resultaat.meldingen)
    for melding in resultaat.waarschuwingen:
        log.warning("kennisbank: %s", melding)
    return resultaat.kennisbank


def lees_kennisbank(pad: Path, soort: type[KennisbankBestanden] = KennisbankBestanden) -> Leesresultaat:
    """Read, validate and cross-check folder `pad`, collecting all meldingen.

    `soort` is the files model; only tests pass a subclass (to show the loader is generic).
    """
    pad = Path(pad)
    if not pad.is_dir():
        tekst = "map bestaat niet" if not pad.exists() else "is geen map"
        return Leesresultaat(None, [Melding(str(pad), None, f"{tekst}; geef de map van de kennisbank op")])
    velden = soort.model_fields
    meldingen = _onbekende_bestanden(pad, list(velden))
    waarden: dict[str, Any] = {}
    regels: dict[str, Regels] = {}
    for veld, info in velden.items():
        bestand = pad / bestandsnaam(veld)
        if not bestand.exists():
            if info.is_required():
                meldingen.append(Melding(bestandsnaam(veld), None, "verplicht bestand ontbreekt"))
            else:
                waarden[veld] = info.get_default(call_default_factory=True)
            continue
        gelezen, problemen = lees_yaml(bestand, bestandsnaam(veld))
        if gelezen is None and not info.is_required() and [p.tekst for p in problemen] == [LEEG]:
            # An empty optional file is as good as a missing one, but probably not what was meant.
            meldingen.append(
                Melding(bestandsnaam(veld), None, f"{LEEG}; het wordt behandeld alsof het ontbreekt", "waarschuwing")
            )
            waarden[veld] = info.get_default(call_default_factory=True)
            continue
        meldingen += problemen
        if gelezen is None:
            continue
        regels[veld] = gelezen.regels
        waarde, problemen = _valideer(gelezen, info.annotation)
        meldingen += problemen
        if not problemen:
            waarden[veld] = waarde
    meldingen += controleer(waarden, regels)
    meldingen += lees_documenten_van(pad, waarden.get("organisatie"))[1]  # documenten/: the source texts
    kennisbank = None
    if not any(m.is_fout for m in meldingen):
        try:
            kennisbank = Kennisbank(soort.model_validate(waarden), pad)
        except ValidationError as fout:  # a model validator across files
            meldingen += vertaal(fout, "kennisbank", Regels(), soort)
    return Leesresultaat(kennisbank, gesorteerd(meldingen))


def _valideer(gelezen: GelezenBestand, soort: Any) -> tuple[Any, list[Melding]]:
    """Validate one file's data against the annotation of its field."""
    vorm = _verwachte_vorm(soort)
    data = gelezen.data
    regel = gelezen.regels.regel(())
    if vorm == "lijst" and not isinstance(data, list):
        return None, [Melding(gelezen.naam, regel, f"verwacht een lijst (regels met '- '), maar het bestand bevat {_vorm(data)}")]
    if vorm == "velden" and not isinstance(data, dict):
        return None, [Melding(gelezen.naam, regel, f"verwacht velden ('sleutel: waarde'), maar het bestand bevat {_vorm(data)}")]
    try:
        return TypeAdapter(soort).validate_python(data), []
    except ValidationError as fout:
        return None, vertaal(fout, gelezen.naam, gelezen.regels, soort)


def _verwachte_vorm(soort: Any) -> str | None:
    soort = zonder_none(soort)
    if get_origin(soort) is list:
        return "lijst"
    if isinstance(soort, type) and issubclass(soort, BaseModel):
        return "velden"
    return None


def _vorm(data: object) -> str:
    if isinstance(data, list):
        return "een lijst"
    if isinstance(data, dict):
        return "velden ('sleutel: waarde')"
    return f"losse tekst ({str(data)[:40]!r})"


def _onbekende_bestanden(pad: Path, velden: list[str]) -> list[Melding]:
    """Warn about YAML files the loader will not read (often a misspelt file name)."""
    bekend = {bestandsnaam(v) for v in velden}
    meldingen = []
    for bestand in sorted(pad.iterdir()):
        if bestand.suffix in (EXTENSIE, ".yml") and bestand.name not in bekend:
            tekst = "onbekend bestand, wordt niet gelezen" + suggestie(bestand.name, sorted(bekend))
            meldingen.append(Melding(bestand.name, None, tekst, "waarschuwing"))
    return meldingen
