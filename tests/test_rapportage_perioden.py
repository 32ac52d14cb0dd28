"""Issue 5: rapportage periods as kennisbank data — open period, previous period, reminders."""

import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from kennisbank.laden import laad_kennisbank, lees_kennisbank
from kennisbank.rapportage import Rapportage

VOORBEELD = Path(__file__).parents[1] / "kennisbank" / "voorbeeld"
AMS = "Europe/Amsterdam"


@pytest.fixture(scope="module")
def rapportage() -> Rapportage:
    kennisbank = laad_kennisbank(VOORBEELD)
    assert kennisbank.bestanden.rapportage is not None
    return kennisbank.bestanden.rapportage


def _basis(**periode) -> dict:
    bron = {"document": "x", "sectie": "1"}
    return {
        "statussen": [{"id": "op-koers", "naam": "Op koers", "uitleg": "goed", "ernst": 0, "bron": bron}],
        "bedragen": {"maximum": 1000, "bron": bron},
        "perioden": [
            {
                "id": "p",
                "naam": "P",
                "soort": "lente",
                "peildatum": "2027-04-01",
                "deadline": "2027-05-01",
                "bron": bron,
                **periode,
            }
        ],
    }


def test_vandaag_is_de_herfstrapportage_2026_open(rapportage):
    periode = rapportage.open_periode(date(2026, 11, 22))
    assert periode is not None and periode.naam == "Herfstrapportage 2026"
    assert periode.peildatum == date(2026, 10, 1)


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2026, 10, 1), "herfst-2026"),  # peildatum: first open day
        (date(2026, 12, 4), "herfst-2026"),  # deadline day itself is open
        (date(2026, 12, 5), None),
        (date(2027, 3, 31), None),
        (date(2027, 4, 1), "lente-2027"),
        (date(2027, 10, 15), "herfst-2027"),
    ],
)
def test_open_periode_grenzen(rapportage, dag, verwacht):
    periode = rapportage.open_periode(dag)
    assert (periode.id if periode else None) == verwacht


def test_actuele_periode_na_de_deadline_is_de_laatste_gepeilde(rapportage):
    assert rapportage.actuele_periode(date(2027, 1, 15)).id == "herfst-2026"
    assert rapportage.volgende_periode(date(2027, 1, 15)).id == "lente-2027"


def test_vorige_periode(rapportage):
    assert rapportage.vorige_periode(rapportage.periode("lente-2027")).id == "herfst-2026"
    assert rapportage.vorige_periode(rapportage.periode("herfst-2026")).id == "lente-2026"
    assert rapportage.vorige_periode(rapportage.periode("lente-2026")) is None


def test_dag_telt_in_nederlandse_tijd(rapportage):
    # 4 december 23:30 UTC is already 5 december in Amsterdam: deadline passed.
    nu = datetime(2026, 12, 4, 23, 30, tzinfo=timezone.utc)
    assert rapportage.dag(nu) == date(2026, 12, 5)
    assert rapportage.open_periode(rapportage.dag(nu)) is None


def test_herinnering_die_nu_aan_de_beurt_is(rapportage):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(AMS)
    assert rapportage.te_versturen_herinnering(datetime(2026, 11, 16, 8, 59, tzinfo=zone)) is None
    periode, moment = rapportage.te_versturen_herinnering(datetime(2026, 11, 16, 9, 0, tzinfo=zone))
    assert (periode.id, moment) == ("herfst-2026", datetime(2026, 11, 16, 9, 0, tzinfo=zone))
    # missed moments are not piled up: only the latest one due
    _, moment = rapportage.te_versturen_herinnering(datetime(2026, 12, 3, 10, 0, tzinfo=zone))
    assert moment == datetime(2026, 12, 3, 9, 0, tzinfo=zone)
    assert rapportage.te_versturen_herinnering(datetime(2026, 12, 5, 10, 0, tzinfo=zone)) is None


def test_zoek_periode_en_status(rapportage):
    assert rapportage.zoek_periode("overzicht herfst 2026").id == "herfst-2026"
    assert rapportage.zoek_periode("lenterapportage 2027").id == "lente-2027"
    assert rapportage.zoek_periode("iets anders") is None
    assert rapportage.zoek_status("Op koers").id == "op-koers"
    assert rapportage.zoek_status("op-koers").id == "op-koers"
    assert rapportage.zoek_status("rood").id == "afwijking"
    assert rapportage.zoek_status("misschien") is None
    assert rapportage.snelste_status.id == "op-koers"


def test_statussen_volgen_de_bron(rapportage):
    afwijking = rapportage.status("afwijking")
    assert afwijking.toelichting_verplicht and afwijking.maatregel_verplicht
    assert rapportage.status("aandachtspunt").toelichting_verplicht
    assert not rapportage.status("op-koers").toelichting_verplicht


def test_elke_periode_heeft_een_bron(rapportage):
    assert all(p.bron.document == "amersfoort-contractmanagement" for p in rapportage.perioden)


def test_deadline_voor_begin_wordt_geweigerd():
    with pytest.raises(ValidationError, match="deadline"):
        Rapportage.model_validate(_basis(deadline="2027-03-01"))


def test_herinnering_buiten_periode_wordt_geweigerd():
    with pytest.raises(ValidationError, match="buiten de periode"):
        Rapportage.model_validate(_basis(herinneringen=["2027-06-01"]))


def test_onzin_herinnering_wordt_geweigerd():
    with pytest.raises(ValidationError, match="geen datum"):
        Rapportage.model_validate(_basis(herinneringen=["volgende week"]))


def test_overlappende_perioden_worden_geweigerd():
    data = _basis()
    tweede = dict(data["perioden"][0], id="q", peildatum="2027-04-20", deadline="2027-06-01")
    data["perioden"].append(tweede)
    with pytest.raises(ValidationError, match="overlappen"):
        Rapportage.model_validate(data)


def test_onbekend_veld_en_tijdzone_worden_geweigerd():
    with pytest.raises(ValidationError):
        Rapportage.model_validate(_basis(kleur="rood"))
    with pytest.raises(ValidationError, match="tijdzone"):
        Rapportage.model_validate({**_basis(), "tijdzone": "Europe/Nergens"})


def test_fout_in_bestand_wordt_gemeld_met_regel(tmp_path):
    map_ = tmp_path / "kb"
    shutil.copytree(VOORBEELD, map_)
    data = yaml.safe_load((map_ / "rapportage.yaml").read_text(encoding="utf-8"))
    data["jaarlijks"][0]["bron"]["document"] = "bestaat-niet"
    data["jaarlijks"][1]["deadline"] = "morgen"
    (map_ / "rapportage.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    resultaat = lees_kennisbank(map_)
    assert resultaat.kennisbank is None
    teksten = [str(m) for m in resultaat.fouten]
    assert any("rapportage.yaml" in t and "deadline" in t for t in teksten), teksten


def test_misspelt_inzage_rol_is_reported_with_file_and_line(tmp_path):
    """Regression: rapportage.inzage_rollen must name roles that exist (checked at load)."""
    from kennisbank.laden import lees_kennisbank

    map_ = tmp_path / "kb"
    shutil.copytree(Path(__file__).parent.parent / "kennisbank" / "voorbeeld", map_)
    bestand = map_ / "rapportage.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    assert "inzage_rollen: [controller]" in tekst
    bestand.write_text(tekst.replace("inzage_rollen: [controller]", "inzage_rollen: [controler]"), encoding="utf-8")
    regel = next(i for i, r in enumerate(bestand.read_text(encoding="utf-8").splitlines(), 1) if "controler" in r)
    fouten = lees_kennisbank(map_).fouten
    assert [(f.bestand, f.regel) for f in fouten] == [("rapportage.yaml", regel)]
    assert "controler" in fouten[0].tekst and "controller" in fouten[0].tekst
