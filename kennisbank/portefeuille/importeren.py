"""Import a portfolio table into a kennisbank folder's onderwerpen.yaml.

Rows are matched to onderwerpen by id, else by naam or alias; people by id, e-mail or name. A
changed opdrachtgever becomes a new dated entry: the old holder moves to `historie` with `tot` the
day before the row's `vanaf`. The YAML is updated round-trip (ruamel.yaml): comments, ids, order
and history stay. Nothing is written when there is any problem, or with `proef=True`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import OPDRACHTGEVERSROLLEN, Onderwerp, Opdrachtgeversrol, Persoon
from kennisbank.portefeuille.tabel import Probleem, Rij, lees_datum, lees_tabel, normaal

ONDERWERPEN = "onderwerpen.yaml"


@dataclass
class Importresultaat:
    problemen: list[Probleem] = field(default_factory=list)
    wijzigingen: list[str] = field(default_factory=list)
    """Readable lines, one per change ('Ruimtelijke agenda: bestuurlijk opdrachtgever ... vanaf ...')."""
    geschreven: bool = False


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def lees_yaml_lijst(pad: Path):
    return _yaml().load(pad.read_text(encoding="utf-8"))


def schrijf_yaml_lijst(pad: Path, data) -> None:
    """Dump a top-level list in the kennisbank's style ('- id:' at column 0, lists indented)."""
    uit = io.StringIO()
    _yaml().dump(data, uit)
    regels = [r[2:] if r.startswith("  ") and not r.lstrip().startswith("#") else r for r in uit.getvalue().splitlines(True)]
    pad.write_text("".join(regels), encoding="utf-8")


class Personenzoeker:
    """A cell to a persoon: id, e-mail or (part of) the name; ambiguous and unknown are problems."""

    def __init__(self, personen: list[Persoon]) -> None:
        self.personen = personen

    def zoek(self, tekst: str) -> tuple[Persoon | None, str | None]:
        sleutel = normaal(tekst)
        exact = [p for p in self.personen if sleutel in (p.id, normaal(p.naam), normaal(p.email or "-"))]
        if len(exact) == 1:
            return exact[0], None
        woorden = set(sleutel.replace(".", " ").split())
        deels = exact or [p for p in self.personen if woorden and woorden <= set(normaal(p.naam).split())]
        if len(deels) == 1:
            return deels[0], None
        if deels:
            return (
                None,
                f"naam '{tekst}' is niet eenduidig: {', '.join(p.naam for p in deels)}; gebruik de volledige naam of het e-mailadres",
            )
        return None, f"persoon '{tekst}' staat niet in personen.yaml"


def importeer(
    kennisbank: Kennisbank,
    bestand: Path,
    naar: Path,
    *,
    proef: bool = False,
    kolommen: dict[str, str] | None = None,
    blad: str | None = None,
    bron_document: str | None = None,
) -> Importresultaat:
    """Read `bestand`, plan the changes against `kennisbank`, and write `naar/onderwerpen.yaml`."""
    tabel = lees_tabel(bestand, kolommen, blad)
    resultaat = Importresultaat(list(tabel.problemen))
    if not tabel.rijen:
        if not resultaat.problemen:
            resultaat.problemen.append(Probleem("de tabel heeft geen gegevensrijen"))
        return resultaat
    doel = Path(naar) / ONDERWERPEN
    data = lees_yaml_lijst(doel) if doel.exists() else lees_yaml_lijst(kennisbank.pad / ONDERWERPEN)
    per_id = {str(item.get("id")): item for item in data}
    zoeker = Personenzoeker(list(kennisbank.bestanden.personen))
    gezien: dict[str, int] = {}
    for rij in tabel.rijen:
        _verwerk(rij, kennisbank, data, per_id, zoeker, gezien, resultaat, bron_document, bestand.name)
    if resultaat.problemen or proef or not resultaat.wijzigingen:
        return resultaat
    Path(naar).mkdir(parents=True, exist_ok=True)
    schrijf_yaml_lijst(doel, data)
    resultaat.geschreven = True
    return resultaat


def _onderwerp_bij(rij: Rij, kennisbank: Kennisbank) -> Onderwerp | None:
    if (sleutel := rij.tekst("id")) and sleutel in kennisbank.onderwerpen:
        return kennisbank.onderwerpen[sleutel]
    naam = normaal(rij.tekst("naam"))
    for onderwerp in kennisbank.bestanden.onderwerpen:
        if naam in (normaal(onderwerp.naam), onderwerp.id) or naam in (normaal(a) for a in onderwerp.aliassen):
            return onderwerp
    return None


def _soort_bij(tekst: str, kennisbank: Kennisbank) -> str | None:
    sleutel = normaal(tekst)
    for soort in kennisbank.organisatie.soorten_onderwerp:
        if sleutel in (soort.id, normaal(soort.naam)) or sleutel in (normaal(a) for a in soort.aliassen):
            return soort.id
    return None


def _slug(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normaal(naam).replace("&", " en ")).strip("-")


def _verwerk(rij, kennisbank, data, per_id, zoeker, gezien, resultaat, bron_document, bestandsnaam) -> None:
    def probleem(tekst: str, veld: str | None = None) -> None:
        resultaat.problemen.append(Probleem(tekst, rij.blad, rij.nummer, rij.koppen.get(veld, veld) if veld else None))

    naam = rij.tekst("naam")
    if not naam and not rij.tekst("id"):
        probleem("rij zonder naam van het onderwerp", "naam")
        return
    onderwerp = _onderwerp_bij(rij, kennisbank)
    sleutel = onderwerp.id if onderwerp else _slug(naam)
    if sleutel in gezien:
        probleem(f"onderwerp '{naam or sleutel}' staat dubbel in de tabel (ook op rij {gezien[sleutel]})", "naam")
        return
    gezien[sleutel] = rij.nummer
    vanaf = None
    if rij.waarden.get("vanaf") is not None:
        vanaf = lees_datum(rij.waarden["vanaf"])
        if vanaf is None:
            probleem(f"datum '{rij.tekst('vanaf')}' kan ik niet lezen; schrijf bijvoorbeeld 1-1-2024 of 2024-01-01", "vanaf")
            return
    personen: dict[Opdrachtgeversrol, str | None] = {}
    for rol in OPDRACHTGEVERSROLLEN:
        if rol not in rij.koppen:
            continue
        tekst = rij.tekst(rol)
        if not tekst:
            if rol == "ambtelijk":
                probleem("de ambtelijk opdrachtgever ontbreekt", rol)
                return
            personen[rol] = None
            continue
        persoon, fout = zoeker.zoek(tekst)
        if fout:
            probleem(fout, rol)
            return
        personen[rol] = persoon.id
    soort = None
    if rij.tekst("soort"):
        soort = _soort_bij(rij.tekst("soort"), kennisbank)
        if soort is None:
            soorten = ", ".join(s.naam for s in kennisbank.organisatie.soorten_onderwerp)
            probleem(f"soort '{rij.tekst('soort')}' bestaat niet; kies uit: {soorten}", "soort")
            return
    afkortingen = [
        a.strip() for a in re.split(r"[;\n]", rij.tekst("afkortingen") if "afkortingen" in rij.koppen else "") if a.strip()
    ]
    if onderwerp is None:
        _nieuw(
            rij,
            sleutel,
            naam,
            soort,
            personen,
            vanaf,
            afkortingen,
            data,
            per_id,
            probleem,
            resultaat,
            bron_document,
            bestandsnaam,
        )
        return
    item = per_id[onderwerp.id]
    label = onderwerp.naam
    if naam and rij.tekst("id") == onderwerp.id and naam != onderwerp.naam:
        item["naam"] = naam
        resultaat.wijzigingen.append(f"{label}: naam wordt '{naam}'")
    if soort and soort != onderwerp.soort:
        item["soort"] = soort
        resultaat.wijzigingen.append(f"{label}: soort wordt '{soort}'")
    for rol, nieuw in personen.items():
        _wissel(onderwerp, item, rol, nieuw, vanaf, label, probleem, resultaat, kennisbank)
    bekend = {normaal(a) for a in onderwerp.aliassen} | {normaal(onderwerp.naam)}
    nieuwe = [a for a in afkortingen if normaal(a) not in bekend]
    if nieuwe:
        if "aliassen" not in item:
            _voeg_in(
                item,
                "aliassen",
                [],
                na=(
                    "omschrijving",
                    "betrokkenen",
                    "gedelegeerd_opdrachtgever",
                    "bestuurlijk_opdrachtgever",
                    "ambtelijk_opdrachtgever",
                ),
            )
        item["aliassen"].extend(nieuwe)
        resultaat.wijzigingen.append(f"{label}: afkortingen erbij: {', '.join(nieuwe)}")


def _wissel(onderwerp, item, rol, nieuw, vanaf, label, probleem, resultaat, kennisbank) -> None:
    """A changed holder: the old one to historie (tot = vanaf - 1 day), the new one in the field."""
    veld = f"{rol}_opdrachtgever"
    huidig = onderwerp.termijn_op(rol, None)
    oud = huidig.persoon if huidig else None
    if nieuw == oud:
        return

    def naam(pid: str | None) -> str:
        persoon = kennisbank.persoon(pid) if pid else None
        return persoon.naam if persoon else (pid or "niemand")

    if vanaf is None:
        probleem(
            f"{rol} opdrachtgever verandert ({naam(oud)} -> {naam(nieuw)}), maar de kolom vanaf is leeg; "
            "geef de datum van de wissel",
            "vanaf",
        )
        return
    start = huidig.vanaf if huidig else max((t.tot for t in onderwerp.historie if t.rol == rol), default=None)
    if start is not None and vanaf <= start:
        probleem(
            f"vanaf ({vanaf.isoformat()}) ligt niet na het begin van de huidige {rol} opdrachtgever ({start.isoformat()})",
            "vanaf",
        )
        return
    from ruamel.yaml.comments import CommentedMap

    if oud is not None or onderwerp.geldig_vanaf is None or vanaf > onderwerp.geldig_vanaf:
        regel = CommentedMap()
        regel["rol"] = rol
        regel["persoon"] = oud
        if huidig is not None and huidig.vanaf is not None and huidig.vanaf != onderwerp.geldig_vanaf:
            regel["vanaf"] = huidig.vanaf
        regel["tot"] = vanaf - timedelta(days=1)
        if "historie" not in item:
            _voeg_in(item, "historie", [], voor="bron")
        item["historie"].append(regel)
    if nieuw is None:
        item.pop(veld, None)
    elif veld in item:
        item[veld] = nieuw
    else:
        _voeg_in(item, veld, nieuw, na=("gedelegeerd_opdrachtgever", "bestuurlijk_opdrachtgever", "ambtelijk_opdrachtgever"))
    resultaat.wijzigingen.append(f"{label}: {rol} opdrachtgever {naam(oud)} -> {naam(nieuw)} vanaf {vanaf.isoformat()}")


def _voeg_in(item, sleutel, waarde, *, na=(), voor=None) -> None:
    """Insert a key after the first existing key of `na`, or before `voor`, else at the end."""
    sleutels = list(item.keys())
    for ander in na:
        if ander in item:
            item.insert(sleutels.index(ander) + 1, sleutel, waarde)
            return
    if voor in item:
        item.insert(sleutels.index(voor), sleutel, waarde)
        return
    item[sleutel] = waarde


def _nieuw(
    rij, sleutel, naam, soort, personen, vanaf, afkortingen, data, per_id, probleem, resultaat, bron_document, bestandsnaam
) -> None:
    from ruamel.yaml.comments import CommentedMap

    if soort is None:
        probleem(f"nieuw onderwerp '{naam}' heeft geen (bekende) soort", "soort")
        return
    if not personen.get("ambtelijk"):
        probleem(f"nieuw onderwerp '{naam}' heeft geen ambtelijk opdrachtgever", "ambtelijk")
        return
    if bron_document is None:
        probleem(f"nieuw onderwerp '{naam}': geef met --bron het document (id uit organisatie.yaml) waar dit staat")
        return
    item = CommentedMap()
    item["id"] = sleutel
    item["naam"] = naam
    item["soort"] = soort
    for rol in OPDRACHTGEVERSROLLEN:
        if personen.get(rol):
            item[f"{rol}_opdrachtgever"] = personen[rol]
    if afkortingen:
        item["aliassen"] = afkortingen
    if vanaf:
        item["geldig_vanaf"] = vanaf
    item["bron"] = CommentedMap(document=bron_document, sectie=f"import {bestandsnaam}, rij {rij.nummer}")
    data.append(item)
    per_id[sleutel] = item
    resultaat.wijzigingen.append(f"nieuw onderwerp: {naam} ({sleutel})")
