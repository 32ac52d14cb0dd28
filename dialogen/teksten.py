"""Dutch user-facing texts, kept in YAML files (`dialogen/teksten/<naam>.yaml`) that a
non-programmer can edit. Keys are `<naam>.<sleutel>`; values are str.format templates or lists."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

STANDAARD_MAP = Path(__file__).parent / "teksten"


class TekstOntbreekt(KeyError):
    """A text key is used that no texts file defines."""


class Teksten:
    def __init__(self, waarden: dict[str, Any]) -> None:
        self._waarden = waarden

    @classmethod
    def laad(cls, map_: Path = STANDAARD_MAP) -> "Teksten":
        waarden: dict[str, Any] = {}
        for bestand in sorted(map_.glob("*.yaml")):
            inhoud = yaml.safe_load(bestand.read_text(encoding="utf-8")) or {}
            if not isinstance(inhoud, dict):
                raise ValueError(f"{bestand}: verwacht sleutels met teksten")
            for sleutel, waarde in inhoud.items():
                waarden[f"{bestand.stem}.{sleutel}"] = waarde
        return cls(waarden)

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
        return str(waarde).format(**velden).strip()

    def lijst(self, sleutel: str) -> list[str]:
        waarde = self.ruw(sleutel)
        return [str(w) for w in waarde] if isinstance(waarde, list) else [str(waarde)]
