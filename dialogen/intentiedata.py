"""Intents as data: example sentences per intent, read from YAML and validated with file and line.

The product's intents live in `dialogen/intenties/<feature>.yaml` (the file name is the owning
feature). Each file is a list of intents:

    - intentie: wie                      # full name becomes "<feature>.wie"
      suggestie: "wie is ambtelijk opdrachtgever voor {onderwerp}?"   # optional, offered as a button
      voorbeelden:                       # sentences as people type them; the classifier learns from these
        - wie is AO van de RUD
      regels:                            # optional: anchored regexes for command words only
        - '^(stop|annuleer)$'
      groepen:                           # optional: regexes that only fill in details (named groups)
        - '^statusupdate (voor )?(?P<onderwerp>.+)$'

A kennisbank may add to or replace the examples in `<kennisbank>/intenties/<feature>.yaml`:

    - intentie: wie
      vervang: nee                       # ja: these examples replace the product's examples
      voorbeelden:
        - wie trekt de kar bij ...

Every mistake is a `Melding` with file and line; `laad_intenties` raises `KennisbankFout` with all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from kennisbank.kennisbank import Kennisbank
from kennisbank.meldingen import KennisbankFout, Melding, suggestie
from kennisbank.yaml_lezen import GelezenBestand, lees_yaml

STANDAARD_MAP = Path(__file__).parent / "intenties"
KENNISBANK_SUBMAP = "intenties"

_VELDEN = {"intentie", "suggestie", "voorbeelden", "regels", "groepen"}
_VELDEN_KENNISBANK = {"intentie", "voorbeelden", "vervang"}
_GENESTE_KWANTOR = re.compile(r"\([^()]*[+*}][^()]*\)[+*{]")
"""A quantified group that itself contains a quantifier: the shape of catastrophic backtracking."""
_JA_NEE = {"ja": True, "nee": False, "true": True, "false": False}
_NAAM = re.compile(r"^[a-z][a-z_-]*$")


@dataclass
class Intentie:
    naam: str
    """Full name, "<feature>.<intentie>"."""
    voorbeelden: list[str] = field(default_factory=list)
    regels: list[re.Pattern[str]] = field(default_factory=list)
    groepen: list[re.Pattern[str]] = field(default_factory=list)
    suggestie: str | None = None

    @property
    def feature(self) -> str:
        """The name of the feature that owns the intent (its prefix, and the name of its file)."""
        return self.naam.split(".", 1)[0]


def voorbeelden_uit_kennisbank(kennisbank: Kennisbank) -> dict[str, list[str]]:
    """Example sentences a kennisbank's records carry, per intent: the `voorbeeldvragen` of its
    escalation rules teach `escalatie.vraag`."""
    return {"escalatie.vraag": [v for regel in kennisbank.bestanden.escalatie for v in regel.voorbeeldvragen]}


def laad_intenties(map_: Path = STANDAARD_MAP, kennisbank_map: Path | None = None) -> dict[str, Intentie]:
    """The product's intents, with the kennisbank's additions and replacements merged in."""
    meldingen: list[Melding] = []
    intenties: dict[str, Intentie] = {}
    for bestand in sorted(map_.glob("*.yaml")):
        intenties.update(_lees_product(bestand, meldingen))
    if kennisbank_map is not None and (kennisbank_map / KENNISBANK_SUBMAP).is_dir():
        for bestand in sorted((kennisbank_map / KENNISBANK_SUBMAP).iterdir()):
            if bestand.suffix in (".yaml", ".yml"):
                _voeg_kennisbank_toe(bestand, intenties, meldingen)
    fouten = [m for m in meldingen if m.is_fout]
    if fouten:
        raise KennisbankFout(meldingen)
    return intenties


def _lees_product(bestand: Path, meldingen: list[Melding]) -> dict[str, Intentie]:
    lijst = _lees_lijst(bestand, f"{bestand.parent.name}/{bestand.name}", meldingen)
    if lijst is None:
        return {}
    gelezen, items = lijst
    uit: dict[str, Intentie] = {}
    for i, item in enumerate(items):
        regel = gelezen.regels.regel((i,))
        if not _is_record(item, gelezen.naam, regel, _VELDEN, meldingen):
            continue
        naam = f"{bestand.stem}.{item['intentie']}"
        if naam in uit:
            meldingen.append(Melding(gelezen.naam, regel, f"intentie '{item['intentie']}' staat dubbel"))
            continue
        intentie = Intentie(naam)
        intentie.voorbeelden = _teksten(item, "voorbeelden", gelezen, i, meldingen)
        intentie.regels = _patronen(item, "regels", gelezen, i, meldingen, verankerd=True)
        intentie.groepen = _patronen(item, "groepen", gelezen, i, meldingen, verankerd=False)
        if item.get("suggestie") is not None:
            if isinstance(item["suggestie"], str) and item["suggestie"].strip():
                intentie.suggestie = item["suggestie"].strip()
            else:
                meldingen.append(Melding(gelezen.naam, gelezen.regels.regel((i, "suggestie")), "'suggestie' moet tekst zijn"))
        if not intentie.voorbeelden and not intentie.regels:
            meldingen.append(Melding(gelezen.naam, regel, f"intentie '{item['intentie']}' heeft geen voorbeelden of regels"))
        uit[naam] = intentie
    return uit


def _voeg_kennisbank_toe(bestand: Path, intenties: dict[str, Intentie], meldingen: list[Melding]) -> None:
    naam_bestand = f"{KENNISBANK_SUBMAP}/{bestand.name}"
    features = sorted({i.feature for i in intenties.values()})
    if bestand.stem not in features:
        tekst = f"onbekende functie '{bestand.stem}'; kies uit {', '.join(features)}" + suggestie(bestand.stem, features)
        meldingen.append(Melding(naam_bestand, None, tekst))
        return
    lijst = _lees_lijst(bestand, naam_bestand, meldingen)
    if lijst is None:
        return
    gelezen, items = lijst
    eigen = sorted(n.split(".", 1)[1] for n in intenties if n.startswith(f"{bestand.stem}."))
    for i, item in enumerate(items):
        regel = gelezen.regels.regel((i,))
        if not _is_record(item, naam_bestand, regel, _VELDEN_KENNISBANK, meldingen):
            continue
        intentie = intenties.get(f"{bestand.stem}.{item['intentie']}")
        if intentie is None:
            tekst = f"onbekende intentie '{item['intentie']}'; kies uit {', '.join(eigen)}" + suggestie(item["intentie"], eigen)
            meldingen.append(Melding(naam_bestand, gelezen.regels.regel((i, "intentie")), tekst))
            continue
        vervang = _JA_NEE.get(str(item.get("vervang", False)).lower())
        if vervang is None:
            meldingen.append(
                Melding(naam_bestand, gelezen.regels.regel((i, "vervang")), "'vervang' moet ja of nee (true/false) zijn")
            )
            continue
        voorbeelden = _teksten(item, "voorbeelden", gelezen, i, meldingen)
        if vervang and not voorbeelden:
            meldingen.append(Melding(naam_bestand, regel, "'vervang: ja' zonder voorbeelden laat de intentie leeg"))
            continue
        intentie.voorbeelden = voorbeelden if vervang else intentie.voorbeelden + voorbeelden


def _lees_lijst(bestand: Path, naam: str, meldingen: list[Melding]) -> tuple[GelezenBestand, list[object]] | None:
    """The file and its list of intents; None (with a melding) when it is not a YAML list."""
    gelezen, problemen = lees_yaml(bestand, naam)
    meldingen += problemen
    if gelezen is None:
        return None
    if not isinstance(gelezen.data, list):
        meldingen.append(Melding(naam, 1, "verwacht een lijst van intenties (regels met '- intentie: ...')"))
        return None
    return gelezen, gelezen.data


def _is_record(
    item: object, bestand: str, regel: int | None, velden: set[str], meldingen: list[Melding]
) -> TypeGuard[dict[str, Any]]:
    if not isinstance(item, dict):
        meldingen.append(Melding(bestand, regel, "verwacht velden als 'intentie:' en 'voorbeelden:'"))
        return False
    for sleutel in item:
        if sleutel not in velden:
            meldingen.append(Melding(bestand, regel, f"onbekend veld '{sleutel}'" + suggestie(str(sleutel), sorted(velden))))
            return False
    naam = item.get("intentie")
    if not isinstance(naam, str) or not _NAAM.match(naam):
        meldingen.append(Melding(bestand, regel, "'intentie' ontbreekt of is geen naam van kleine letters (zoals 'wie')"))
        return False
    return True


def _teksten(item: dict, veld: str, gelezen: GelezenBestand, i: int, meldingen: list[Melding]) -> list[str]:
    waarde = item.get(veld) or []
    if not isinstance(waarde, list):
        meldingen.append(
            Melding(gelezen.naam, gelezen.regels.regel((i, veld)), f"'{veld}' moet een lijst zijn (regels met '- ')")
        )
        return []
    uit = []
    for j, tekst in enumerate(waarde):
        if not isinstance(tekst, (str, int, float)) or not str(tekst).strip():
            meldingen.append(
                Melding(gelezen.naam, gelezen.regels.regel((i, veld, j)), f"een van de '{veld}' is leeg of geen tekst")
            )
            continue
        uit.append(str(tekst).strip())
    return uit


def _patronen(
    item: dict, veld: str, gelezen: GelezenBestand, i: int, meldingen: list[Melding], *, verankerd: bool
) -> list[re.Pattern[str]]:
    uit = []
    for j, patroon in enumerate(_teksten(item, veld, gelezen, i, meldingen)):
        regel = gelezen.regels.regel((i, veld, j))
        if verankerd and not (patroon.startswith("^") and patroon.endswith("$")):
            meldingen.append(Melding(gelezen.naam, regel, f"regel '{patroon}' moet met ^ beginnen en op $ eindigen"))
            continue
        if _GENESTE_KWANTOR.search(patroon):
            meldingen.append(
                Melding(
                    gelezen.naam,
                    regel,
                    f"patroon '{patroon}' herhaalt een groep met een herhaling erin; dat kan heel traag worden",
                )
            )
            continue
        try:
            uit.append(re.compile(patroon))
        except re.error as fout:
            meldingen.append(Melding(gelezen.naam, regel, f"ongeldig patroon '{patroon}': {fout}"))
    return uit
