"""Dutch user-facing texts, kept in YAML files (`dialogen/teksten/<naam>.yaml`) that a
non-programmer can edit. Keys are `<naam>.<sleutel>`; values are str.format templates or lists.

A kennisbank may override texts key by key in its own `teksten/<naam>.yaml` (same file names and
keys); a key the product doesn't have is a mistake (`eigen_teksten_fouten`, used by
`python -m kennisbank check`). The default texts name nothing of an example organisation: their
examples are placeholders (`{voorbeeld_onderwerp}`, `{voorbeeld_persoon}`, ...) filled from the
loaded kennisbank (`voorbeeldvelden`).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from kennisbank.kennisbank import Kennisbank
    from kennisbank.meldingen import Melding

STANDAARD_MAP = Path(__file__).parent / "teksten"
EIGEN_MAP = "teksten"
"""The folder inside a kennisbank with its own texts."""


class TekstOntbreekt(KeyError):
    """A text key is used that no texts file defines."""


class Teksten:
    def __init__(self, waarden: dict[str, Any], vast: dict[str, str] | None = None) -> None:
        self._waarden = waarden
        self._vast = dict(vast or {})

    @classmethod
    def laad(
        cls, map_: Path = STANDAARD_MAP, *, kennisbank_map: Path | None = None, kennisbank: "Kennisbank | None" = None
    ) -> "Teksten":
        """The default texts, overridden by the kennisbank's own `teksten/` (when given), with the
        example placeholders filled from `kennisbank` (when given)."""
        waarden = _lees_map(map_)
        if kennisbank_map is not None and (Path(kennisbank_map) / EIGEN_MAP).is_dir():
            eigen = _lees_map(Path(kennisbank_map) / EIGEN_MAP)
            waarden.update({k: v for k, v in eigen.items() if k in waarden})
        return cls(waarden, voorbeeldvelden(kennisbank) if kennisbank is not None else None)

    def heeft(self, sleutel: str) -> bool:
        return sleutel in self._waarden

    def ruw(self, sleutel: str) -> Any:
        try:
            return self._waarden[sleutel]
        except KeyError:
            raise TekstOntbreekt(sleutel) from None

    def tekst(self, sleutel: str, **velden: Any) -> str:
        """The text for `sleutel` with `velden` filled in; a list value picks one variant."""
        waarde = self.ruw(sleutel)
        if isinstance(waarde, list):
            waarde = random.choice(waarde)
        return str(waarde).format(**{**_LEGE_VOORBEELDEN, **self._vast, **velden}).strip()

    def lijst(self, sleutel: str) -> list[str]:
        waarde = self.ruw(sleutel)
        return [str(w) for w in waarde] if isinstance(waarde, list) else [str(waarde)]


_LEGE_VOORBEELDEN = {
    "voorbeeld_onderwerp": "het onderwerp",
    "voorbeeld_onderwerp_2": "het onderwerp",
    "voorbeeld_persoon": "de naam",
    "voorbeeld_achternaam": "de achternaam",
    "voorbeeld_periode": "en de naam van de periode",
    "voorbeeld_begrip": "begrip",
    "voorbeeld_rol": "rol",
    "voorbeeld_soort_werk": "regulier werk",
    "status_goed": "de gewone status",
    "status_goed_klein": "in orde",
    "statussen_lijst": "een van de statussen",
    "statussen_toelichting": "een status die uitleg vraagt",
    "statussen_signaal": "signalen",
}
"""Placeholders without a kennisbank (a test of one feature): neutral words, never a crash."""


def voorbeeldvelden(kennisbank: "Kennisbank") -> dict[str, str]:
    """The example placeholders from the data: the first two onderwerpen (lower case, as typed) and
    the first person who is ambtelijk opdrachtgever of one; the first rapportage period's name; the
    first begrip, rol and soort werk; the rapportage statuses in words."""
    onderwerpen = kennisbank.bestanden.onderwerpen
    namen = [o.naam for o in onderwerpen]
    velden = dict(_LEGE_VOORBEELDEN)
    if namen:
        velden["voorbeeld_onderwerp"] = namen[0].lower()
        velden["voorbeeld_onderwerp_2"] = (namen[1] if len(namen) > 1 else namen[0]).lower()
    ao_ids = [o.ambtelijk_opdrachtgever for o in onderwerpen]
    persoon = next((p for i in ao_ids if (p := kennisbank.persoon(i)) is not None), None)
    if persoon is not None:
        velden["voorbeeld_persoon"] = persoon.naam
        velden["voorbeeld_achternaam"] = persoon.naam.split()[-1]
    rapportage = kennisbank.bestanden.rapportage
    if rapportage is not None and rapportage.jaarlijks:
        velden["voorbeeld_periode"] = rapportage.jaarlijks[0].naam.replace("{jaar}", "").strip().lower()
    elif rapportage is not None and rapportage.perioden:
        velden["voorbeeld_periode"] = rapportage.perioden[-1].naam.lower()
    if rapportage is not None and rapportage.statussen:
        velden.update(_statusvelden(rapportage.statussen, rapportage.snelste_status))
    bestanden = kennisbank.bestanden
    if bestanden.begrippen:
        velden["voorbeeld_begrip"] = bestanden.begrippen[0].term.lower()
    if enkel := [r for r in bestanden.rollen if "(" not in r.naam and "/" not in r.naam]:
        velden["voorbeeld_rol"] = enkel[0].naam.lower()
    if bestanden.soorten_werk:
        eerste = bestanden.soorten_werk[0]
        velden["voorbeeld_soort_werk"] = (eerste.aliassen[0] if eerste.aliassen else eerste.naam).lower()
    return velden


def _statusvelden(statussen, goed) -> dict[str, str]:
    """The rapportage statuses in words: texts name the organisation's own statuses, never the example's."""

    def opsomming(namen: list[str], slot: str) -> str:
        return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} {slot} {namen[-1]}"

    namen = [s.naam.lower() for s in statussen]
    uitleg = [s.naam.lower() for s in statussen if s.toelichting_verplicht] or namen
    signaal = [s.naam.lower() for s in sorted(statussen, key=lambda s: -s.ernst) if s.ernst > goed.ernst] or namen
    return {
        "status_goed": goed.naam,
        "status_goed_klein": goed.naam.lower(),
        "statussen_lijst": opsomming(namen, "of"),
        "statussen_toelichting": opsomming(uitleg, "en"),
        "statussen_signaal": opsomming(signaal, "of"),
    }


def eigen_teksten_fouten(kennisbank_map: Path, map_: Path = STANDAARD_MAP) -> list["Melding"]:
    """Mistakes in a kennisbank's own `teksten/`: an unknown file or key (with file and line), or a
    file that is not 'sleutel: tekst'."""
    from kennisbank.meldingen import Melding, suggestie
    from kennisbank.yaml_lezen import lees_yaml

    eigen = Path(kennisbank_map) / EIGEN_MAP
    if not eigen.is_dir():
        return []
    standaard = _lees_map(map_)
    bestanden = sorted({k.split(".", 1)[0] for k in standaard})
    meldingen: list[Melding] = []
    for bestand in sorted(eigen.glob("*.yaml")):
        naam = f"{EIGEN_MAP}/{bestand.name}"
        if bestand.stem not in bestanden:
            tekst = "onbekend tekstenbestand" + suggestie(bestand.stem, bestanden)
            meldingen.append(Melding(naam, None, tekst))
            continue
        gelezen, problemen = lees_yaml(bestand, naam)
        meldingen += problemen
        if gelezen is None:
            continue
        if not isinstance(gelezen.data, dict):
            meldingen.append(Melding(naam, gelezen.regels.regel(()), "verwacht sleutels met teksten ('sleutel: tekst')"))
            continue
        sleutels = [k.split(".", 1)[1] for k in standaard if k.startswith(f"{bestand.stem}.")]
        for sleutel in gelezen.data:
            if str(sleutel) not in sleutels:
                tekst = f"onbekende tekst '{sleutel}': die bestaat niet in {bestand.name}" + suggestie(str(sleutel), sleutels)
                meldingen.append(Melding(naam, gelezen.regels.exact((str(sleutel),)), tekst))
    return meldingen


def _lees_map(map_: Path) -> dict[str, Any]:
    waarden: dict[str, Any] = {}
    for bestand in sorted(map_.glob("*.yaml")):
        inhoud = yaml.safe_load(bestand.read_text(encoding="utf-8")) or {}
        if not isinstance(inhoud, dict):
            raise ValueError(f"{bestand}: verwacht sleutels met teksten")
        for sleutel, waarde in inhoud.items():
            waarden[f"{bestand.stem}.{sleutel}"] = waarde
    return waarden
