"""Issue 16 point 1 on the CMT-shaped example (voorbeeld_cmt): its own escalation line — your
leidinggevende, the nearest afdelingshoofd, the nearest directeur up the line, then the CMT (a body
whose members are everyone with the role `cmt`) — through the turn pipeline, names from the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.escalatie.model import Wie
from kennisbank.escalatie.route import personen_voor
from kennisbank.kennisbank import Kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN

pytestmark = pytest.mark.parametrize("kennisbank_map", [KENNISBANKEN["voorbeeld_cmt"]], ids=["voorbeeld_cmt"], indirect=True)


def _boven(kennisbank: Kennisbank, persoon_id: str, rol: str) -> str:
    """The name of the nearest person up the line of `persoon_id` with `rol`, walked here by hand."""
    persoon = kennisbank.persoon(persoon_id)
    while persoon is not None and persoon.leidinggevende:
        persoon = kennisbank.persoon(persoon.leidinggevende)
        if persoon is not None and rol in persoon.rollen:
            return persoon.naam
    raise AssertionError(f"nobody above {persoon_id} with {rol}")


def _vrager(kennisbank: Kennisbank) -> str:
    """Someone with no role who has a teammanager, an afdelingshoofd and a directeur above them."""
    for persoon in kennisbank.bestanden.personen:
        if persoon.rollen or not persoon.aad_object_id:
            continue
        try:
            for rol in ("afdelingshoofd", "directeur"):
                _boven(kennisbank, persoon.id, rol)
        except AssertionError:
            continue
        return persoon.id
    raise AssertionError("the example has no such person")


def test_the_cmt_is_everyone_with_the_role_cmt(kennisbank_map: Path, kennisbank: Kennisbank) -> None:
    leden = [p.naam for p in personen_voor(Wie(orgaan="cmt"), kennisbank)]
    assert leden == [p.naam for p in kennisbank.bestanden.personen if "cmt" in p.rollen]
    assert len(leden) == 4  # the gemeentesecretaris and three directeuren (Zoetermeer §4)
    assert kennisbank.organisatie.orgaan("college").bestuurlijk and not kennisbank.organisatie.orgaan("cmt").bestuurlijk


async def test_a_disagreement_goes_up_the_line_to_the_directeur_then_the_cmt(
    kennisbank_map: Path, kennisbank: Kennisbank, gesprek: TestGesprek
) -> None:
    gesprek.als = vrager = _vrager(kennisbank)
    tekst = tekst_van(await gesprek.stuur("ik ben het oneens met een collega van een andere afdeling, wat nu?"))
    stappen = [r for r in tekst.splitlines() if r[:1].isdigit() and ". " in r[:4]]
    leidinggevende = kennisbank.persoon(kennisbank.persoon(vrager).leidinggevende).naam
    assert stappen[0].startswith(f"1. **Je leidinggevende** ({leidinggevende})"), tekst
    assert stappen[1].startswith(f"2. **Je afdelingshoofd** ({_boven(kennisbank, vrager, 'afdelingshoofd')})"), tekst
    assert f"**Je directeur** ({_boven(kennisbank, vrager, 'directeur')})" in stappen[2], tekst
    assert "**CMT** (" in stappen[3], tekst
    for stap in stappen:
        assert "College" not in stap and "Gemeenteraad" not in stap


async def test_without_a_known_asker_the_line_steps_have_no_names(kennisbank_map: Path, gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("ik ben het oneens met een collega van een andere afdeling, wat nu?"))
    stappen = [r for r in tekst.splitlines() if r[:1].isdigit() and ". " in r[:4]]
    assert "**Je directeur**" in stappen[2] and "(" not in stappen[2].split(":")[0], tekst
