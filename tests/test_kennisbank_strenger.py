"""Issue 16 point 6 — a stricter `kennisbank check`: cycles in leidinggevende and delegation,
a real indentation message, Dutch instead of pydantic's English, and no warning for a successor
that takes over an alias when the validity doesn't overlap. (Empty files: test_kennisbank_fouten.)"""

from __future__ import annotations

from datetime import time
from typing import Literal

import pytest
from pydantic import Field, ValidationError

from kennisbank.laden import lees_kennisbank
from kennisbank.model import Model
from kennisbank.validatiefouten import vertaal
from kennisbank.yaml_lezen import Regels
from tests.test_kennisbank_fouten import Kopie, assert_melding, kb  # noqa: F401 (fixture)


def test_leidinggevende_kring(kb: Kopie) -> None:
    kb.vervang(
        "personen.yaml",
        "  rollen: [concerndirecteur]\n  email: anna@teststad.nl",
        "  rollen: [concerndirecteur]\n  leidinggevende: carla\n  email: anna@teststad.nl",
    )
    assert_melding(
        kb.enige_fout(), "personen.yaml", 12, "de keten van leidinggevenden vormt een kring", "anna → carla → bram → anna"
    )


def test_leidinggevende_van_zichzelf(kb: Kopie) -> None:
    kb.vervang("personen.yaml", "  leidinggevende: bram\n", "  leidinggevende: carla\n")
    assert_melding(kb.enige_fout(), "personen.yaml", 16, "vormt een kring", "carla → carla")


def test_delegatie_kring(kb: Kopie) -> None:
    kb.vervang(
        "onderwerpen.yaml",
        "  ambtelijk_opdrachtgever: anna\n",
        "  ambtelijk_opdrachtgever: carla\n  gedelegeerd_opdrachtgever: bram\n",
    )
    assert_melding(kb.enige_fout(), "onderwerpen.yaml", 16, "de delegatie", "vormt een kring")


def test_inspringing_krijgt_een_echte_melding(kb: Kopie) -> None:
    kb.vervang(
        "personen.yaml",
        "  naam: Bram Jansen\n  functie: Concerndirecteur\n",
        "  naam: Bram Jansen\n   functie: Concerndirecteur\n",
    )
    assert_melding(kb.enige_fout(), "personen.yaml", 9, "inspringing klopt niet", "recht onder elkaar")


def test_te_weinig_inspringing(kb: Kopie) -> None:
    kb.vervang(
        "personen.yaml", "  naam: Bram Jansen\n  functie: Concerndirecteur\n", "  naam: Bram Jansen\n functie: Concerndirecteur\n"
    )
    assert_melding(kb.enige_fout(), "personen.yaml", 9, "inspringing klopt niet")


def test_geen_engels_van_pydantic(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  naam: Renovatie stadhuis\n", "  naam: Renovatie stadhuis\n  geldig_vanaf: 2025-13-45\n")
    for melding in lees_kennisbank(kb.pad).meldingen:
        for engels in (" or ", "Input should", "should be", "Field required", "Value error"):
            assert engels not in melding.tekst, str(melding)


class _Keuze(Model):
    soort: Literal["lente", "herfst"]
    gewicht: int = Field(ge=1)
    punten: list[str] = Field(min_length=1)
    tijd: time


def test_pydantic_soorten_fout_in_het_nederlands() -> None:
    with pytest.raises(ValidationError) as fout:
        _Keuze.model_validate({"soort": "zomer", "gewicht": 0, "punten": [], "tijd": "negen uur"})
    teksten = [m.tekst for m in vertaal(fout.value, "x.yaml", Regels(), _Keuze)]
    assert teksten == [
        "veld 'soort' heeft een ongeldige waarde 'zomer'; kies uit: 'lente' of 'herfst'",
        "veld 'gewicht' moet minstens 1 zijn, maar is 0",
        "veld 'punten' moet minstens 1 item(s) bevatten",
        "veld 'tijd' is geen geldige tijd: 'negen uur' (verwacht UU:MM)",
    ]


def test_opvolger_met_zelfde_alias_zonder_overlap_geeft_geen_waarschuwing(kb: Kopie) -> None:
    opvolger = (
        "- id: wonen-nieuw\n  naam: Wonen nieuw\n  soort: agenda\n  ambtelijk_opdrachtgever: bram\n"
        "  aliassen: [woningbouw]\n  geldig_vanaf: 2029-01-01\n  bron: {document: sturingskader, sectie: bijlage A}\n"
    )
    tekst = (kb.pad / "onderwerpen.yaml").read_text(encoding="utf-8")
    kb.schrijf("onderwerpen.yaml", tekst + opvolger)
    assert lees_kennisbank(kb.pad).meldingen == []
    kb.vervang("onderwerpen.yaml", "  geldig_vanaf: 2029-01-01\n", "  geldig_vanaf: 2028-06-01\n")
    (melding,) = lees_kennisbank(kb.pad).meldingen
    assert melding.ernst == "waarschuwing" and "woningbouw" in melding.tekst
