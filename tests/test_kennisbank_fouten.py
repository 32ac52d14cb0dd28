"""Every kind of mistake in a kennisbank folder gives one clear melding with file and line.

Each test breaks a copy of tests/kennisbank_fixtures/geldig in one place and asserts the exact
file, line and the telling part of the message.
"""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from kennisbank import controles
from kennisbank.bestanden import KennisbankBestanden
from kennisbank.controles import TYPE_VERWIJZINGEN, UNIEK, VERWIJZINGEN, Verwijzing
from kennisbank.laden import laad_kennisbank, lees_kennisbank
from kennisbank.meldingen import KennisbankFout, Melding
from kennisbank.model import Bron, Model

GELDIG = Path(__file__).parent / "kennisbank_fixtures" / "geldig"


class Kopie:
    """A writable copy of the valid fixture kennisbank."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad

    def vervang(self, bestand: str, oud: str, nieuw: str) -> None:
        tekst = (self.pad / bestand).read_text(encoding="utf-8")
        assert tekst.count(oud) == 1, f"{oud!r} moet precies één keer in {bestand} staan"
        (self.pad / bestand).write_text(tekst.replace(oud, nieuw), encoding="utf-8")

    def vervang_regel(self, bestand: str, regel: int, nieuw: str) -> None:
        regels = (self.pad / bestand).read_text(encoding="utf-8").splitlines(keepends=True)
        regels[regel - 1] = nieuw + "\n"
        (self.pad / bestand).write_text("".join(regels), encoding="utf-8")

    def schrijf(self, bestand: str, tekst: str) -> None:
        (self.pad / bestand).write_text(tekst, encoding="utf-8")

    def meldingen(self) -> list[Melding]:
        return lees_kennisbank(self.pad).meldingen

    def enige_fout(self) -> Melding:
        """The one error the mistake must cause; fails when there are more (or none)."""
        resultaat = lees_kennisbank(self.pad)
        assert resultaat.kennisbank is None
        assert len(resultaat.fouten) == 1, "\n".join(map(str, resultaat.meldingen))
        return resultaat.fouten[0]


@pytest.fixture
def kb(tmp_path: Path) -> Kopie:
    shutil.copytree(GELDIG, tmp_path / "kb")
    return Kopie(tmp_path / "kb")


def assert_melding(melding: Melding, bestand: str, regel: int | None, *delen: str) -> None:
    assert (melding.bestand, melding.regel) == (bestand, regel), str(melding)
    for deel in delen:
        assert deel in melding.tekst, str(melding)


def test_fixture_is_geldig(kb: Kopie) -> None:
    assert kb.meldingen() == []


# --- files ---------------------------------------------------------------------------------


def test_yaml_syntaxfout_met_regel(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  naam: Renovatie stadhuis", "  naam: Renovatie: stadhuis")
    assert_melding(kb.enige_fout(), "onderwerpen.yaml", 13, "ongeldige YAML", "dubbele punt")


def test_tab_in_inspringing(kb: Kopie) -> None:
    kb.vervang("rollen.yaml", "  naam: Concerndirecteur", "\tnaam: Concerndirecteur")
    assert_melding(kb.enige_fout(), "rollen.yaml", 2, "tab-teken")


def test_lijstbestand_met_velden(kb: Kopie) -> None:
    kb.schrijf("begrippen.yaml", "# begrippen\nid: x\nterm: y\n")
    assert_melding(kb.enige_fout(), "begrippen.yaml", 2, "verwacht een lijst", "velden")


def test_veldenbestand_met_lijst(kb: Kopie) -> None:
    kb.schrijf("organisatie.yaml", "- naam: Teststad\n")
    fouten = lees_kennisbank(kb.pad).fouten
    assert_melding(fouten[0], "organisatie.yaml", 1, "verwacht velden", "een lijst")


def test_verplicht_bestand_ontbreekt(kb: Kopie) -> None:
    (kb.pad / "personen.yaml").unlink()
    assert_melding(kb.enige_fout(), "personen.yaml", None, "verplicht bestand ontbreekt")


def test_optioneel_bestand_mag_ontbreken(kb: Kopie) -> None:
    (kb.pad / "begrippen.yaml").unlink()
    (kb.pad / "soorten_werk.yaml").unlink()
    assert laad_kennisbank(kb.pad).bestanden.begrippen == []


def test_leeg_bestand(kb: Kopie) -> None:
    """Issue 16: an empty required file is an error; an empty optional one only a warning."""
    kb.schrijf("personen.yaml", "# nog niets\n")
    assert_melding(kb.enige_fout(), "personen.yaml", None, "bestand is leeg")


def test_leeg_optioneel_bestand_is_een_waarschuwing(kb: Kopie) -> None:
    kb.schrijf("begrippen.yaml", "# nog niets\n")
    resultaat = lees_kennisbank(kb.pad)
    assert resultaat.kennisbank is not None and resultaat.kennisbank.bestanden.begrippen == []
    (melding,) = resultaat.waarschuwingen
    assert_melding(melding, "begrippen.yaml", None, "bestand is leeg", "alsof het ontbreekt")


def test_niet_utf8(kb: Kopie) -> None:
    tekst = (kb.pad / "begrippen.yaml").read_text(encoding="utf-8")
    (kb.pad / "begrippen.yaml").write_bytes(
        tekst.replace("Wie de opdracht uitvoert", "Wie uitvoert: caf\u00e9").encode("latin-1")
    )
    assert_melding(kb.enige_fout(), "begrippen.yaml", 7, "geen geldige UTF-8", "0xe9")


def test_map_bestaat_niet(tmp_path: Path) -> None:
    resultaat = lees_kennisbank(tmp_path / "nergens")
    assert resultaat.kennisbank is None
    assert "map bestaat niet" in resultaat.fouten[0].tekst


def test_onbekend_bestand_is_waarschuwing(kb: Kopie) -> None:
    kb.schrijf("begrip.yaml", "- id: x\n")
    (waarschuwing,) = kb.meldingen()
    assert waarschuwing.ernst == "waarschuwing"
    assert_melding(waarschuwing, "begrip.yaml", None, "onbekend bestand", "bedoelde je 'begrippen.yaml'?")


# --- fields --------------------------------------------------------------------------------


def test_onbekend_veld_met_suggestie(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  ambtelijk_opdrachtgever: anna", "  ambtelijk_opdrachtgevr: anna")
    meldingen = lees_kennisbank(kb.pad).fouten
    onbekend = [m for m in meldingen if "onbekend veld" in m.tekst]
    assert len(onbekend) == 1
    assert_melding(
        onbekend[0],
        "onderwerpen.yaml",
        15,
        "onbekend veld 'ambtelijk_opdrachtgevr' (bedoelde je 'ambtelijk_opdrachtgever'?)",
    )
    assert str(onbekend[0]) == (
        "onderwerpen.yaml:15: onbekend veld 'ambtelijk_opdrachtgevr' (bedoelde je 'ambtelijk_opdrachtgever'?)"
    )


def test_onbekend_veld_genest(kb: Kopie) -> None:
    kb.vervang("organisatie.yaml", "    bestand: mandaatregeling.pdf", "    bestnd: mandaatregeling.pdf")
    assert_melding(kb.enige_fout(), "organisatie.yaml", 10, "onbekend veld 'bestnd' (bedoelde je 'bestand'?)")


def test_verplicht_veld_ontbreekt(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  naam: Renovatie stadhuis\n", "")
    assert_melding(kb.enige_fout(), "onderwerpen.yaml", 12, "verplicht veld 'naam' ontbreekt")


def test_verplicht_genest_veld_ontbreekt(kb: Kopie) -> None:
    kb.vervang("personen.yaml", '{document: sturingskader, sectie: "2.2"}', "{document: sturingskader}")
    assert_melding(kb.enige_fout(), "personen.yaml", 17, "verplicht veld 'bron.sectie' ontbreekt")


def test_lijst_waar_tekst_verwacht(kb: Kopie) -> None:
    kb.vervang("rollen.yaml", "  naam: Concerndirecteur", "  naam: [Concerndirecteur]")
    assert_melding(kb.enige_fout(), "rollen.yaml", 2, "veld 'naam' moet tekst zijn", "een lijst")


def test_getal_waar_tekst_verwacht(kb: Kopie) -> None:
    kb.vervang("soorten_werk.yaml", 'sectie: "4"', "sectie: 4.1")
    assert_melding(kb.enige_fout(), "soorten_werk.yaml", 4, "'bron.sectie' moet tekst zijn", "4.1", "aanhalingstekens")


def test_tekst_waar_lijst_verwacht(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  aliassen: [stadskantoor]", "  aliassen: stadskantoor")
    assert_melding(kb.enige_fout(), "onderwerpen.yaml", 16, "'aliassen' moet een lijst zijn", "'stadskantoor'")


def test_ongeldige_datum(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "geldig_tot: 2028-12-31", "geldig_tot: 2027-02-30")
    assert_melding(kb.enige_fout(), "onderwerpen.yaml", 10, "'geldig_tot' is geen geldige datum", "2027-02-30")


def test_dubbele_sleutel(kb: Kopie) -> None:
    kb.vervang("personen.yaml", "  functie: Wethouder\n", "  functie: Wethouder\n  naam: D. Bakker\n")
    assert_melding(kb.enige_fout(), "personen.yaml", 21, "sleutel 'naam' staat dubbel (ook op regel 19)")


def test_veldnaam_geen_tekst(kb: Kopie) -> None:
    kb.vervang(
        "rollen.yaml", "  omschrijving: Lid van de concerndirectie\n", "  omschrijving: Lid van de concerndirectie\n  12: x\n"
    )
    assert_melding(kb.enige_fout(), "rollen.yaml", 4, "ongeldige veldnaam 12")


# --- uniqueness ------------------------------------------------------------------------------


def test_dubbele_id(kb: Kopie) -> None:
    tekst = (kb.pad / "personen.yaml").read_text(encoding="utf-8")
    kb.schrijf(
        "personen.yaml", tekst + "- id: bram\n  naam: B. Jansen\n  functie: x\n  bron: {document: sturingskader, sectie: '1'}\n"
    )
    assert_melding(kb.enige_fout(), "personen.yaml", 22, "id 'bram' komt dubbel voor (ook op regel 7)")


def test_dubbele_id_in_geneste_lijst(kb: Kopie) -> None:
    kb.vervang("organisatie.yaml", "    naam: Project\n", "    naam: Project\n  - id: agenda\n    naam: Nog een agenda\n")
    assert_melding(kb.enige_fout(), "organisatie.yaml", 18, "id 'agenda' komt dubbel voor (ook op regel 12)")


def test_dubbele_term_hoofdletterongevoelig(kb: Kopie) -> None:
    kb.vervang("begrippen.yaml", "  term: Opdrachtnemer", "  term: opdrachtgever")
    assert_melding(kb.enige_fout(), "begrippen.yaml", 6, "term 'opdrachtgever' komt dubbel voor (ook op regel 2)")


# --- references ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("veld", "regel", "waarde"),
    [
        ("ambtelijk_opdrachtgever", 4, "bramm"),
        ("bestuurlijk_opdrachtgever", 5, "bramm"),
        ("gedelegeerd_opdrachtgever", 6, "bramm"),
        ("betrokkenen", 7, "[bramm]"),
    ],
)
def test_onderwerp_verwijst_naar_onbekende_persoon(kb: Kopie, veld: str, regel: int, waarde: str) -> None:
    kb.vervang_regel("onderwerpen.yaml", regel, f"  {veld}: {waarde}")
    assert_melding(
        kb.enige_fout(),
        "onderwerpen.yaml",
        regel,
        f"{veld} 'bramm' bestaat niet in personen.yaml (bedoelde je 'bram'?)",
    )


def test_onbekende_leidinggevende(kb: Kopie) -> None:
    kb.vervang("personen.yaml", "  leidinggevende: bram", "  leidinggevende: piet")
    assert_melding(kb.enige_fout(), "personen.yaml", 16, "leidinggevende 'piet' bestaat niet in personen.yaml")


def test_onbekende_rol(kb: Kopie) -> None:
    kb.vervang(
        "personen.yaml",
        "  rollen: [concerndirecteur]\n  leidinggevende",
        "  rollen: [concerndirecteur, controler]\n  leidinggevende",
    )
    assert_melding(kb.enige_fout(), "personen.yaml", 10, "rollen 'controler' bestaat niet in rollen.yaml")


def test_rol_zonder_rollenbestand(kb: Kopie) -> None:
    (kb.pad / "rollen.yaml").unlink()
    fouten = lees_kennisbank(kb.pad).fouten
    assert [(m.bestand, m.regel) for m in fouten] == [("personen.yaml", 4), ("personen.yaml", 10)]
    assert "bestaat niet in rollen.yaml (dat bestand ontbreekt)" in fouten[0].tekst


def test_onbekende_soort(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  soort: project", "  soort: projekt")
    assert_melding(
        kb.enige_fout(),
        "onderwerpen.yaml",
        14,
        "soort 'projekt' bestaat niet in organisatie.yaml (soorten_onderwerp)",
        "(bedoelde je 'project'?)",
    )


def test_onbekend_brondocument(kb: Kopie) -> None:
    kb.vervang("rollen.yaml", "document: sturingskader", "document: sturingkader")
    assert_melding(
        kb.enige_fout(),
        "rollen.yaml",
        6,
        "bron.document 'sturingkader' bestaat niet in organisatie.yaml (documenten)",
        "(bedoelde je 'sturingskader'?)",
    )


def test_onbekend_brondocument_in_organisatie(kb: Kopie) -> None:
    kb.vervang("organisatie.yaml", '{document: sturingskader, sectie: "2.1"}', '{document: kader, sectie: "2.1"}')
    assert_melding(kb.enige_fout(), "organisatie.yaml", 22, "bron.document 'kader' bestaat niet")


def test_orgaan_verwijst_naar_onbekende_persoon(kb: Kopie) -> None:
    kb.vervang("organisatie.yaml", "[anna, bram]", "[anna, brm]")
    assert_melding(kb.enige_fout(), "organisatie.yaml", 21, "organen.leden 'brm'", "bestaat niet in personen.yaml")


def test_orgaan_leden_met_onbekende_rol(kb: Kopie) -> None:
    kb.vervang("organisatie.yaml", "    leden: [anna, bram]\n", "    leden: [anna, bram]\n    leden_met_rol: [directuer]\n")
    assert_melding(kb.enige_fout(), "organisatie.yaml", 22, "leden_met_rol 'directuer'", "bestaat niet in rollen.yaml")


def test_oude_structuur_krijgt_een_migratiehint(kb: Kopie) -> None:
    kb.vervang("organisatie.yaml", "organen:\n", "structuur:\n  algemeen_directeur: anna\norganen:\n")
    fout = kb.enige_fout()
    assert (fout.bestand, fout.regel) == ("organisatie.yaml", 18)
    assert "'structuur' bestaat niet meer" in fout.tekst and "organen" in fout.tekst


def test_verwijzing_niet_gecontroleerd_als_doelbestand_kapot_is(kb: Kopie) -> None:
    kb.schrijf("personen.yaml", "- [\n")
    (fout,) = lees_kennisbank(kb.pad).fouten
    assert fout.bestand == "personen.yaml"


# --- periods and aliases ---------------------------------------------------------------------


def test_geldig_tot_voor_geldig_vanaf(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "geldig_tot: 2028-12-31", "geldig_tot: 2024-12-31")
    assert_melding(kb.enige_fout(), "onderwerpen.yaml", 10, "geldig_tot (2024-12-31) ligt vóór geldig_vanaf (2025-01-01)")


def test_gedeelde_alias_is_waarschuwing(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  aliassen: [stadskantoor]", "  aliassen: [stadskantoor, Woningbouw]")
    kennisbank = laad_kennisbank(kb.pad)  # does not raise
    assert kennisbank.onderwerpen["stadhuis"].aliassen == ["stadskantoor", "Woningbouw"]
    (waarschuwing,) = kb.meldingen()
    assert waarschuwing.ernst == "waarschuwing"
    assert_melding(waarschuwing, "onderwerpen.yaml", 16, "alias 'Woningbouw' hoort ook bij 'wonen' (regel 8)")


def test_een_naam_van_een_rol_en_een_begrip_samen_is_een_waarschuwing(kb: Kopie) -> None:
    """A rol and a begrip both answer "wat is X?": with a name in common the bot gives one or the
    other depending on the wording. Before: not checked at load."""
    kb.vervang("rollen.yaml", "  naam: Concerndirecteur\n", "  naam: Concerndirecteur\n  aliassen: [CD, Uitvoerder]\n")
    kennisbank = laad_kennisbank(kb.pad)  # does not raise
    assert kennisbank.bestanden.rollen[0].aliassen == ["CD", "Uitvoerder"]
    (waarschuwing,) = kb.meldingen()
    assert waarschuwing.ernst == "waarschuwing"
    assert_melding(
        waarschuwing,
        "rollen.yaml",
        3,
        "rol 'concerndirecteur' en begrip 'opdrachtnemer' (begrippen.yaml:8) delen de naam 'Uitvoerder'",
        "afhankelijk van hoe de vraag is gesteld",
    )


def test_een_begrip_en_een_soort_werk_mogen_een_naam_delen(kb: Kopie) -> None:
    """The begrip explains, the soort werk says who is opdrachtgever: different questions, so a shared
    name is often meant (the begrip "gebiedsagenda" and the soort werk of that name)."""
    kb.vervang("begrippen.yaml", "  aliassen: [uitvoerder]", "  aliassen: [uitvoerder, beleidsontwikkeling]")
    assert kb.meldingen() == []


# --- reporting --------------------------------------------------------------------------------


def test_alle_fouten_tegelijk_in_een_leesbaar_rapport(kb: Kopie) -> None:
    kb.vervang("onderwerpen.yaml", "  soort: project", "  soort: projekt")
    kb.vervang("personen.yaml", "  leidinggevende: bram", "  leidinggevende: piet")
    kb.vervang("rollen.yaml", "  naam: Concerndirecteur", "  naam: [Concerndirecteur]")
    with pytest.raises(KennisbankFout) as info:
        laad_kennisbank(kb.pad)
    assert [(m.bestand, m.regel) for m in info.value.meldingen] == [
        ("onderwerpen.yaml", 14),
        ("personen.yaml", 16),
        ("rollen.yaml", 2),
    ]
    regels = str(info.value).splitlines()
    assert regels[1].startswith("onderwerpen.yaml:14: soort 'projekt'")
    assert regels[2].startswith("personen.yaml:16: leidinggevende 'piet'")
    assert regels[-1] == "3 fouten, 0 waarschuwingen."


@pytest.mark.parametrize(
    "inhoud",
    [
        "- [\n",
        "&a [*a]\n",
        "!!python/object/apply:os.system [echo]\n",
        "123\n",
        "~\n",
        "---\n- id: a\n---\n- id: b\n",
        "? [a]\n: b\n",
        "- ~\n",
        "- {id: {a: 1}, naam: 1, functie: true, bron: []}\n",
        "- id: x\n  <<: {naam: y}\n",
        "- 2027-02-30\n",
    ],
)
def test_nooit_een_traceback(kb: Kopie, inhoud: str) -> None:
    kb.schrijf("personen.yaml", inhoud)
    resultaat = lees_kennisbank(kb.pad)
    assert resultaat.kennisbank is None
    assert resultaat.fouten and all(m.bestand == "personen.yaml" for m in resultaat.fouten)


# --- the registration tables ------------------------------------------------------------------


def _pad_bestaat(pad: str) -> bool:
    """Whether every part of a table path names a field (following list items for '[]')."""
    soort: typing.Any = KennisbankBestanden
    for stuk in pad.split("."):
        naam, lijst = stuk.removesuffix("[]"), stuk.endswith("[]")
        velden = soort.model_fields if isinstance(soort, type) and issubclass(soort, BaseModel) else {}
        if naam not in velden:
            return False
        soort = velden[naam].annotation
        soort = (
            next((a for a in typing.get_args(soort) if a is not type(None)), soort)
            if type(None) in typing.get_args(soort)
            else soort
        )
        if lijst:
            if typing.get_origin(soort) is not list:
                return False
            soort = typing.get_args(soort)[0]
    return True


def test_registratietabellen_noemen_bestaande_velden() -> None:
    paden = [p for v in VERWIJZINGEN for p in (v.van, v.naar)]
    paden += [naar for _, _, naar in TYPE_VERWIJZINGEN] + [u.pad for u in UNIEK]
    assert [p for p in paden if not _pad_bestaat(p)] == []
    assert not _pad_bestaat("onderwerpen[].bestaat_niet")


class Escalatiestap(Model):
    id: str
    naar: str
    bron: Bron


class MetEscalatie(KennisbankBestanden):
    escalatie: list[Escalatiestap] = []


def test_nieuw_bestand_en_verwijzing_registreren(kb: Kopie, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later feature adds a field (so a file) and a row in VERWIJZINGEN; nothing else changes."""
    monkeypatch.setattr(controles, "VERWIJZINGEN", controles.VERWIJZINGEN + (Verwijzing("escalatie[].naar", "personen[].id"),))
    kb.schrijf(
        "escalatie.yaml",
        "- id: stap-1\n  naar: anna\n  bron: {document: sturingskader, sectie: '5'}\n"
        "- id: stap-2\n  naar: bert\n  bron: {document: onbekend, sectie: '5'}\n",
    )
    resultaat = lees_kennisbank(kb.pad, soort=MetEscalatie)
    assert [str(m) for m in resultaat.meldingen] == [
        "escalatie.yaml:5: naar 'bert' bestaat niet in personen.yaml",
        "escalatie.yaml:6: bron.document 'onbekend' bestaat niet in organisatie.yaml (documenten)",
    ]


def test_nieuw_bestand_wordt_gevalideerd(kb: Kopie) -> None:
    kb.schrijf("escalatie.yaml", "- id: stap-1\n  naar: anna\n  toelichting: x\n  bron: {document: a, sectie: '5'}\n")
    (fout,) = lees_kennisbank(kb.pad, soort=MetEscalatie).fouten
    assert_melding(fout, "escalatie.yaml", 3, "onbekend veld 'toelichting'")


def test_zonder_tabelregel_geen_verwijzingscontrole(kb: Kopie) -> None:
    kb.schrijf("escalatie.yaml", "- id: stap-1\n  naar: bert\n  bron: {document: sturingskader, sectie: '5'}\n")
    resultaat = lees_kennisbank(kb.pad, soort=MetEscalatie)
    assert resultaat.meldingen == []
    assert resultaat.kennisbank is not None
    assert resultaat.kennisbank.bestanden.escalatie[0].naar == "bert"
