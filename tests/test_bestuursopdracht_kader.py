"""Issue 3: the bestuursopdracht kader in the kennisbank — data faithful to the seeds, thresholds
validated at load, and the pure advice logic at its boundaries."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kennisbank.bestuursopdracht import BestuursopdrachtKader, OnbekendCriterium, Uitkomst, beoordeel
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank, lees_kennisbank
from tests.brondocumenten import seeds_map

VOORBEELD = Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld"


@pytest.fixture(scope="module")
def voorbeeld() -> Kennisbank:
    return laad_kennisbank(VOORBEELD)


@pytest.fixture(scope="module")
def kader(voorbeeld: Kennisbank) -> BestuursopdrachtKader:
    assert voorbeeld.bestanden.bestuursopdracht is not None
    return voorbeeld.bestanden.bestuursopdracht


def _plat(tekst: str) -> str:
    """Whitespace-insensitive form, so a quote folded over YAML lines still compares exactly."""
    return re.sub(r"\s+", " ", tekst).strip()


def _seed(voorbeeld: Kennisbank, document_id: str) -> str:
    document = voorbeeld.documenten[document_id]
    assert document.bestand, f"document {document_id} heeft geen bestand"
    return _plat((seeds_map() / document.bestand).read_text(encoding="utf-8"))


# --- the data matches the seeds word for word -------------------------------------------------


def test_dertien_criteria_letterlijk_en_in_volgorde_van_factsheet_vi(voorbeeld, kader) -> None:
    bron = _seed(voorbeeld, "deventer-dubbelslag")
    begin = bron.index("aan een aantal van de onderstaande criteria wordt voldaan.")
    einde = bron.index("Naast de bestuurlijk opdrachtgever is er altijd")
    lijst = [regel.strip() for regel in bron[begin:einde].split(" - ")[1:]]
    assert len(kader.criteria) == 13
    posities = []
    for criterium in kader.criteria:
        assert f"- {criterium.tekst}" in bron[begin:einde], criterium.tekst
        posities.append(bron.index(f"- {criterium.tekst}", begin))
        assert criterium.bron.sectie == "factsheet VI"
    assert posities == sorted(posities)
    assert lijst, "structuur van het brondocument onverwacht"


def test_elk_citaat_staat_letterlijk_in_zijn_bron(voorbeeld, kader) -> None:
    stappen = [*kader.grondslag, kader.drempel, kader.adviezen.nodig, kader.adviezen.twijfel, kader.adviezen.niet_nodig]
    for advies in (kader.adviezen.nodig, kader.adviezen.twijfel, kader.adviezen.niet_nodig):
        stappen += advies.vervolgstappen
    for vraag in kader.vragen:
        stappen += vraag.antwoord
    assert kader.ambtelijk_opdrachtgever is not None
    stappen.append(kader.ambtelijk_opdrachtgever)
    gecontroleerd = 0
    for stap in stappen:
        if stap.citaat:
            assert _plat(stap.citaat) in _seed(voorbeeld, stap.bron.document), stap.citaat
            gecontroleerd += 1
    assert gecontroleerd >= 15
    bron = _seed(voorbeeld, "deventer-dubbelslag")
    for punt in kader.ambtelijk_opdrachtgever.punten:
        assert _plat(punt) in bron, punt
    assert len(kader.ambtelijk_opdrachtgever.punten) == 7


def test_drempel_is_keuze_van_de_organisatie_met_bron(voorbeeld, kader) -> None:
    assert (kader.drempel.nodig, kader.drempel.twijfel) == (4, 2)
    assert "een aantal van de onderstaande criteria" in kader.drempel.keuze
    assert kader.drempel.keuze_bron.document == "voorbeeld"
    assert "Voorbeeldgemeente" in voorbeeld.bron_tekst(kader.drempel.keuze_bron)


def test_adviezen_noemen_concerndirectie_lijnsturing_en_parafenlijst(kader) -> None:
    assert "concerndirectie" in kader.adviezen.twijfel.titel
    niet_nodig = kader.adviezen.niet_nodig
    assert "lijnsturing, tenzij" in niet_nodig.citaat
    assert any("parafenlijst" in stap.tekst for stap in niet_nodig.vervolgstappen)
    assert any("SMART" in stap.tekst for stap in kader.adviezen.nodig.vervolgstappen)
    assert {v.id for v in kader.vragen} == {"proces", "ambtelijk-opdrachtgever", "inhoud"}


# --- advice logic at the threshold boundaries ---------------------------------------------------


@pytest.mark.parametrize(
    ("aantal", "uitkomst"),
    [
        (0, Uitkomst.NIET_NODIG),
        (1, Uitkomst.NIET_NODIG),
        (2, Uitkomst.TWIJFEL),
        (3, Uitkomst.TWIJFEL),
        (4, Uitkomst.NODIG),
        (13, Uitkomst.NODIG),
    ],
)
def test_grenzen_van_de_drempel(kader, aantal, uitkomst) -> None:
    ids = [c.id for c in kader.criteria[:aantal]]
    beoordeling = beoordeel(kader, ids)
    assert beoordeling.uitkomst is uitkomst
    assert beoordeling.aantal == aantal and beoordeling.totaal == 13
    assert beoordeling.advies == kader.advies(uitkomst)
    assert [c.id for c in beoordeling.geldend] == ids
    assert sum(beoordeling.antwoorden().values()) == aantal
    assert list(beoordeling.antwoorden()) == [c.id for c in kader.criteria]


def test_volgorde_en_dubbele_ids_maken_niet_uit(kader) -> None:
    ids = [kader.criteria[5].id, kader.criteria[0].id, kader.criteria[5].id]
    beoordeling = beoordeel(kader, ids)
    assert [c.id for c in beoordeling.geldend] == [kader.criteria[0].id, kader.criteria[5].id]
    assert beoordeling.uitkomst is Uitkomst.TWIJFEL


def test_onbekend_criterium_wordt_geweigerd(kader) -> None:
    with pytest.raises(OnbekendCriterium, match="bestaat-niet"):
        beoordeel(kader, [kader.criteria[0].id, "bestaat-niet"])


def test_andere_drempel_uit_de_data_geldt_zonder_codewijziging(kader) -> None:
    ander = kader.model_copy(update={"drempel": kader.drempel.model_copy(update={"nodig": 6, "twijfel": 1})})
    assert beoordeel(ander, []).uitkomst is Uitkomst.NIET_NODIG
    assert beoordeel(ander, [c.id for c in kader.criteria[:1]]).uitkomst is Uitkomst.TWIJFEL
    assert beoordeel(ander, [c.id for c in kader.criteria[:5]]).uitkomst is Uitkomst.TWIJFEL
    assert beoordeel(ander, [c.id for c in kader.criteria[:6]]).uitkomst is Uitkomst.NODIG
    assert ander.kenmerk != kader.kenmerk


def test_kenmerk_is_stabiel_en_volgt_de_criteria(kader) -> None:
    assert kader.kenmerk == BestuursopdrachtKader.model_validate(kader.model_dump()).kenmerk
    criteria = list(kader.criteria)
    criteria[0] = criteria[0].model_copy(update={"tekst": "iets anders"})
    assert kader.model_copy(update={"criteria": criteria}).kenmerk != kader.kenmerk
    alleen_uitleg = list(kader.criteria)
    alleen_uitleg[0] = alleen_uitleg[0].model_copy(update={"uitleg": "andere uitleg"})
    assert kader.model_copy(update={"criteria": alleen_uitleg}).kenmerk == kader.kenmerk


# --- validation at load: a clear Dutch melding with file and line --------------------------------


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    shutil.copytree(VOORBEELD, tmp_path / "kb")
    return tmp_path / "kb"


def _vervang(pad: Path, oud: str, nieuw: str) -> None:
    bestand = pad / "bestuursopdracht.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    assert tekst.count(oud) == 1
    bestand.write_text(tekst.replace(oud, nieuw), encoding="utf-8")


def _enige_fout(pad: Path):
    resultaat = lees_kennisbank(pad)
    assert resultaat.kennisbank is None
    assert len(resultaat.fouten) == 1, "\n".join(map(str, resultaat.meldingen))
    return resultaat.fouten[0]


def test_twijfel_niet_onder_nodig_is_een_fout(kopie) -> None:
    _vervang(kopie, "  twijfel: 2\n", "  twijfel: 4\n")
    fout = _enige_fout(kopie)
    assert fout.bestand == "bestuursopdracht.yaml"
    assert "twijfel (4) moet kleiner zijn dan nodig (4)" in fout.tekst


def test_nodig_boven_aantal_criteria_is_een_fout(kopie) -> None:
    _vervang(kopie, "  nodig: 4\n", "  nodig: 14\n")
    fout = _enige_fout(kopie)
    assert fout.bestand == "bestuursopdracht.yaml"
    assert "nodig (14) is meer dan het aantal criteria (13)" in fout.tekst


def test_nul_als_drempel_is_een_fout(kopie) -> None:
    _vervang(kopie, "  twijfel: 2\n", "  twijfel: 0\n")
    fout = _enige_fout(kopie)
    assert fout.bestand == "bestuursopdracht.yaml" and fout.regel is not None


def test_onbekend_veld_is_een_fout(kopie) -> None:
    _vervang(kopie, "  nodig: 4\n", "  nodig: 4\n  vanaf: 3\n")
    fout = _enige_fout(kopie)
    assert fout.bestand == "bestuursopdracht.yaml" and "vanaf" in fout.tekst


def test_dubbel_criterium_id_is_een_fout(kopie) -> None:
    _vervang(kopie, "  - id: resultaat-onzeker\n", "  - id: langer-dan-een-jaar\n")
    fout = _enige_fout(kopie)
    assert fout.bestand == "bestuursopdracht.yaml" and "langer-dan-een-jaar" in fout.tekst


def test_onbekend_brondocument_is_een_fout(kopie) -> None:
    _vervang(kopie, "    sectie: keuze van de Voorbeeldgemeente (drempel bestuursopdracht)\n", "    sectie: keuze\n")
    _vervang(kopie, "  keuze_bron:\n    document: voorbeeld\n", "  keuze_bron:\n    document: verzonnen\n")
    fout = _enige_fout(kopie)
    assert fout.bestand == "bestuursopdracht.yaml" and "verzonnen" in fout.tekst


def test_bestand_is_optioneel(kopie) -> None:
    (kopie / "bestuursopdracht.yaml").unlink()
    resultaat = lees_kennisbank(kopie)
    assert resultaat.kennisbank is not None
    assert resultaat.kennisbank.bestanden.bestuursopdracht is None
