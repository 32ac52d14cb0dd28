"""Issue 16 point 1 — the organisation's shape as data: bodies (organen), roles with their labels
and whether they are bestuurlijk, escalation steps that point at an opdrachtgever, a role, a body
or the nearest person up the line with a role. Mistakes get a Dutch message with file and line;
a kennisbank of another shape (a CMT, a 'directeur' step, its own labels) answers through the turn
pipeline with its own words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.settings import STANDAARD_KENNISBANK, Settings
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank, lees_kennisbank
from kennisbank.meldingen import Melding
from tests.conftest import TestGesprek, knoppen_van, tekst_van


def _kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "kb"
    shutil.copytree(STANDAARD_KENNISBANK, doel)
    return doel


def _vervang(map_: Path, bestand: str, oud: str, nieuw: str, aantal: int = 1) -> None:
    pad = map_ / bestand
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count(oud) == aantal, (bestand, oud, tekst.count(oud))
    pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")


def _fouten(map_: Path) -> list[Melding]:
    resultaat = lees_kennisbank(map_)
    assert resultaat.kennisbank is None
    return resultaat.fouten


def _regel_van(map_: Path, bestand: str, tekst: str) -> int:
    """The 1-based line number of the only line of `bestand` that contains `tekst`."""
    regels = [n for n, r in enumerate((map_ / bestand).read_text(encoding="utf-8").splitlines(), 1) if tekst in r]
    assert len(regels) == 1, regels
    return regels[0]


# --- load errors ----------------------------------------------------------------------------


def test_old_fixed_role_id_gets_the_new_notation_with_file_and_line(tmp_path: Path) -> None:
    kb = _kopie(tmp_path)
    _vervang(
        kb,
        "escalatie.yaml",
        "    - lijn: teammanager\n      label: Je (team)manager\n      toelichting: >-\n        Los het eerst op",
        "    - rol: teammanager_oud\n      toelichting: >-\n        Los het eerst op",
    )
    _vervang(
        kb,
        "escalatie.yaml",
        "    - opdrachtgever: gedelegeerd\n      toelichting: De doorgemandateerd",
        "    - rol: gedelegeerd_opdrachtgever\n      toelichting: De doorgemandateerd",
    )
    fouten = _fouten(kb)
    oud = next(f for f in fouten if "gedelegeerd_opdrachtgever" in f.tekst)
    assert oud.bestand == "escalatie.yaml" and oud.regel == _regel_van(kb, "escalatie.yaml", "rol: gedelegeerd_opdrachtgever")
    assert "oude notatie" in oud.tekst and "opdrachtgever: gedelegeerd" in oud.tekst
    onbekend = next(f for f in fouten if "teammanager_oud" in f.tekst)
    assert "bestaat niet in rollen.yaml" in onbekend.tekst and "teammanager" in onbekend.tekst  # suggestion


def test_unknown_body_or_line_role_is_named_with_a_suggestion(tmp_path: Path) -> None:
    kb = _kopie(tmp_path)
    _vervang(
        kb,
        "escalatie.yaml",
        "    - orgaan: concerndirectie\n      wanneer: als de ambtelijk opdrachtgevers er samen niet uitkomen",
        "    - orgaan: concerndirectei\n      wanneer: als de ambtelijk opdrachtgevers er samen niet uitkomen",
    )
    _vervang(kb, "escalatie.yaml", "    - lijn: afdelingshoofd", "    - lijn: afdelingshooft")
    fouten = {f.tekst: f for f in _fouten(kb)}
    orgaan = next(f for t, f in fouten.items() if "concerndirectei" in t)
    assert "orgaan 'concerndirectei' bestaat niet in de organen van organisatie.yaml" in orgaan.tekst
    assert "concerndirectie" in orgaan.tekst.split("bestaat niet")[1]
    assert orgaan.regel == _regel_van(kb, "escalatie.yaml", "orgaan: concerndirectei")
    lijn = next(f for t, f in fouten.items() if "afdelingshooft" in t)
    assert lijn.regel == _regel_van(kb, "escalatie.yaml", "lijn: afdelingshooft") and "afdelingshoofd" in lijn.tekst


def test_a_step_with_two_kinds_or_none_is_refused_in_dutch(tmp_path: Path) -> None:
    kb = _kopie(tmp_path)
    _vervang(
        kb,
        "escalatie.yaml",
        "    - rol: algemeen-directeur\n",
        "    - rol: algemeen-directeur\n      orgaan: concerndirectie\n",
        aantal=2,
    )
    fouten = _fouten(kb)
    assert len(fouten) == 2
    assert all(f.bestand == "escalatie.yaml" and f.regel and "rol én orgaan" in f.tekst for f in fouten)


@pytest.mark.parametrize(
    ("stap", "waarom"),
    [
        ("orgaan: college", "'College van B&W' (bestuurlijk in organisatie.yaml)"),
        ("orgaan: gemeenteraad", "'Gemeenteraad' (bestuurlijk in organisatie.yaml)"),
        ("opdrachtgever: bestuurlijk", "de bestuurlijk opdrachtgever"),
        ("rol: college", "bestuurlijk in rollen.yaml"),
        ("lijn: bestuurlijk-opdrachtgever-deventer", "bestuurlijk in rollen.yaml"),
    ],
)
def test_an_ambtelijk_rule_refuses_every_bestuurlijke_step(tmp_path: Path, stap: str, waarom: str) -> None:
    kb = _kopie(tmp_path)
    # The second step of the ambtelijk meningsverschil, and as samen_met of its first step.
    _vervang(
        kb,
        "escalatie.yaml",
        "    - orgaan: concerndirectie\n      wanneer: als de ambtelijk opdrachtgevers er samen niet uitkomen",
        f"    - {stap}\n      wanneer: als de ambtelijk opdrachtgevers er samen niet uitkomen",
    )
    fouten = _fouten(kb)
    assert len(fouten) == 1, fouten
    regels = (kb / "escalatie.yaml").read_text(encoding="utf-8").splitlines()
    regel = 1 + next(
        n for n, r in enumerate(regels) if r == f"    - {stap}" and "als de ambtelijk opdrachtgevers" in regels[n + 1]
    )
    assert fouten[0].bestand == "escalatie.yaml" and fouten[0].regel == regel
    assert "regel 'ambtelijk-meningsverschil' is ambtelijk, maar stap 2 gaat naar" in fouten[0].tekst
    assert waarom in fouten[0].tekst and "nooit naar het college(lid)" in fouten[0].tekst


def test_an_ambtelijk_rule_refuses_a_bestuurlijke_samen_met_and_a_role_made_bestuurlijk(tmp_path: Path) -> None:
    kb = _kopie(tmp_path)
    _vervang(
        kb,
        "escalatie.yaml",
        "        - rol: adjunct-directeur\n",
        "        - rol: adjunct-directeur\n        - opdrachtgever: bestuurlijk\n",
    )
    _vervang(kb, "escalatie.yaml", "- id: wat-vraag-past-niet\n", "- id: wat-vraag-past-niet\n  ambtelijk: true\n")
    fouten = _fouten(kb)
    assert any("wat-vraag-past-niet" in f.tekst and "bestuurlijk opdrachtgever" in f.tekst for f in fouten), fouten
    # The same rule is fine until the data says the concerndirecteur is bestuurlijk.
    kb2 = _kopie(tmp_path / "twee")
    _vervang(
        kb2,
        "rollen.yaml",
        "  aliassen:\n    - concern directeur\n",
        "  bestuurlijk: true\n  aliassen:\n    - concern directeur\n",
    )
    _vervang(
        kb2,
        "escalatie.yaml",
        "    - lijn: teammanager\n      label: Je (team)manager\n      toelichting: >-\n        Los het eerst op",
        "    - lijn: concerndirecteur\n      toelichting: >-\n        Los het eerst op",
    )
    fouten = _fouten(kb2)
    assert len(fouten) == 1, fouten
    fout = fouten[0]
    assert "knelpunt-uitvoering" in fout.tekst and "'Concerndirecteur' (bestuurlijk in rollen.yaml)" in fout.tekst
    assert fout.regel == _regel_van(kb2, "escalatie.yaml", "lijn: concerndirecteur")


def test_body_members_must_exist(tmp_path: Path) -> None:
    kb = _kopie(tmp_path)
    _vervang(kb, "organisatie.yaml", "      - marcel-kossen\n", "      - marcel-kosen\n")
    (fout,) = _fouten(kb)
    assert fout.bestand == "organisatie.yaml" and fout.regel == _regel_van(kb, "organisatie.yaml", "- marcel-kosen")
    assert "'marcel-kosen' bestaat niet in personen.yaml" in fout.tekst and "marcel-kossen" in fout.tekst


# --- a kennisbank of another shape, through the turn pipeline --------------------------------


def _cmt_vorm(kb: Path) -> Path:
    """The example reshaped: a CMT of all directeuren (by role) instead of a concerndirectie, the
    concerndirecteur called 'Directeur', a 'directeur' step up the line, its own labels."""
    organisatie = yaml.safe_load((kb / "organisatie.yaml").read_text(encoding="utf-8"))
    organisatie["organen"][0] = {
        "id": "cmt",
        "naam": "CMT",
        "leden": ["ardwin-lantain"],
        "leden_met_rol": ["concerndirecteur"],
        "bron": {"document": "zoetermeer-sturen", "sectie": "4"},
    }
    organisatie["opdrachtgevers"] = {"ambtelijk": {"naam": "Opdrachtgevend directeur", "functie": "sectordirecteur"}}
    (kb / "organisatie.yaml").write_text(yaml.safe_dump(organisatie, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _vervang(kb, "escalatie.yaml", "orgaan: concerndirectie", "orgaan: cmt", aantal=7)
    _vervang(
        kb,
        "escalatie.yaml",
        "    - lijn: teammanager\n      label: Je (team)manager\n      toelichting: >-\n        Los het eerst op",
        "    - lijn: concerndirecteur\n      toelichting: >-\n        Los het eerst op",
    )
    _vervang(
        kb, "rollen.yaml", "- id: concerndirecteur\n  naam: Concerndirecteur\n", "- id: concerndirecteur\n  naam: Directeur\n"
    )
    _vervang(
        kb,
        "bestuursopdracht.yaml",
        "titel: Twijfel – bespreek het in de concerndirectie",
        "titel: Twijfel – leg het voor aan het CMT",
    )
    return kb


@pytest.fixture
def ander_pad(tmp_path: Path) -> Path:
    return _cmt_vorm(_kopie(tmp_path))


@pytest.fixture
def kennisbank(ander_pad: Path) -> Kennisbank:
    return laad_kennisbank(ander_pad)


@pytest.fixture
def settings(database_url: str, ander_pad: Path) -> Settings:
    return Settings(database_url=database_url, kennisbank=ander_pad, herinneringen=False)


def _stappen(tekst: str) -> list[str]:
    return [r for r in tekst.splitlines() if r[:1].isdigit() and ". " in r[:4]]


async def test_another_shape_answers_with_its_own_bodies_labels_and_line(gesprek: TestGesprek) -> None:
    # Daan Bakker -> Bram de Wit (adjunct-directeur) -> Marcel Kossen (role concerndirecteur, 'Directeur'):
    # the directeur step skips a level to find the nearest person with the role.
    gesprek.als = "daan-bakker"
    tekst = tekst_van(await gesprek.stuur("We lopen vast op capaciteit in de uitvoering van de jeugdagenda"))
    stappen = _stappen(tekst)
    assert stappen[0].startswith("1. **Je directeur** (Marcel Kossen)"), tekst
    assert "**Adjunct-directeur** (Bram de Wit)" in stappen[1]

    tekst = tekst_van(await gesprek.stuur("Het CMT komt er niet uit"))
    stappen = _stappen(tekst)
    assert "**CMT** (Ardwin Lantain, Jelle Arentsen, Marcel Kossen en Flora van Houwelingen)" in stappen[0], tekst
    assert "Concerndirectie" not in "\n".join(stappen)

    tekst = tekst_van(
        await gesprek.stuur("Mag ik een meningsverschil met een ander team over de jeugdagenda bij de wethouder neerleggen?")
    )
    stappen = _stappen(tekst)
    assert stappen[0].startswith("1. **Opdrachtgevend directeur** (Marcel Kossen)"), tekst
    assert "**CMT**" in stappen[1]


async def test_guided_dialog_of_another_shape_uses_its_labels(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    regel = next(r for r in kennisbank.bestanden.escalatie if r.id == "cmt-geen-overeenstemming")
    await gesprek.stuur("ik wil escaleren")
    antwoorden = await gesprek.stuur(regel.groep)
    tekst = tekst_van(await gesprek.stuur(regel.situatie)) if regel.situatie in knoppen_van(antwoorden) else tekst_van(antwoorden)
    assert "**CMT** (" in tekst and "**Algemeen directeur** (Ardwin Lantain)" in tekst, tekst


async def test_threshold_text_takes_the_twijfel_advice_from_the_data(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("welke criteria gelden er voor een bestuursopdracht?"))
    assert "bij 2 tot 3: twijfel – leg het voor aan het CMT" in tekst, tekst
    assert "concerndirectie" not in tekst.met_knoppen


def test_overview_heading_names_the_organisations_function(kennisbank: Kennisbank) -> None:
    import json
    from datetime import date

    from dialogen.rapportage.filter import ALLE, Filter, FilterTaal
    from dialogen.rapportage.overzichtkaart import OverzichtKaart
    from dialogen.teksten import Teksten
    from rapportage import maak_overzicht

    def kaarttekst(kb: Kennisbank) -> str:
        teksten = Teksten.laad()
        rapportage = kb.bestanden.rapportage
        periode = rapportage.perioden_rond(date(2026, 12, 5))[0]
        overzicht = maak_overzicht(kb, periode, kb.bestanden.onderwerpen, {}, {})
        kaart = OverzichtKaart(teksten, FilterTaal(teksten, kb, rapportage), voor=None, inzage=False)
        return json.dumps(kaart.maak(overzicht, Filter(periode.id, weergave=ALLE)).content, ensure_ascii=False)

    assert "**Per sectordirecteur:**" in kaarttekst(kennisbank)
    assert "**Per directeur:**" in kaarttekst(laad_kennisbank(STANDAARD_KENNISBANK))


async def test_export_first_column_is_named_as_the_organisation_does(kennisbank: Kennisbank, sessies) -> None:
    from datetime import date

    from dialogen.rapportage.exportbestand import bouw_export
    from dialogen.teksten import Teksten
    from rapportage import Rapportagestand

    periode = kennisbank.bestanden.rapportage.perioden_rond(date(2026, 12, 5))[0]
    export = await bouw_export(Rapportagestand(kennisbank, sessies), Teksten.laad(), periode)
    assert export.kolommen[:2] == ["Sectordirecteur", "Onderwerp"]


def test_a_broken_rollen_file_gives_no_follow_up_noise_in_escalatie(tmp_path: Path) -> None:
    kb = _kopie(tmp_path)
    _vervang(
        kb,
        "rollen.yaml",
        "- id: strategisch-manager\n  naam: Strategisch manager\n",
        "- id: strategisch-manager\n  naam: [Strategisch manager]\n",
    )
    fouten = _fouten(kb)
    assert {f.bestand for f in fouten} == {"rollen.yaml"}, fouten
