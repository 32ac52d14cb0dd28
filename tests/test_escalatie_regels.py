"""Issue 4 — escalation rules as kennisbank data: shape, validation and the never-to-bestuur rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import is_bestuurlijk
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import lees_kennisbank
from tests.brondocumenten import seeds_map

VOORBEELD = Path(__file__).parents[1] / "kennisbank" / "voorbeeld"

SEED_REGELS = {
    # Deventer factsheet VI
    "ambtelijk-meningsverschil": ("deventer-dubbelslag", "factsheet VI"),
    "knelpunt-melden-bestuur": ("deventer-dubbelslag", "factsheet VI"),
    "voorstel-aan-college": ("deventer-dubbelslag", "factsheet VI"),
    # Deventer factsheet VII
    "proces-loopt-stroef": ("deventer-dubbelslag", "factsheet VII"),
    "geen-budget": ("deventer-dubbelslag", "factsheet VII"),
    "doorgemandateerd-opdrachtgeverschap": ("deventer-dubbelslag", "factsheet VII"),
    # Deventer factsheet IV
    "andere-sturingsvorm": ("deventer-dubbelslag", "factsheet IV"),
    # Deventer bijlage III
    "knelpunt-uitvoering": ("deventer-dubbelslag", "bijlage III"),
    "wat-vraag-past-niet": ("deventer-dubbelslag", "bijlage III"),
    # Amersfoort §5
    "tekort-overschot-compenseren": ("amersfoort-contractmanagement", "§5 Aanvullende afspraken, Budgetverantwoordelijkheid"),
    "budget-onderschrijding": ("amersfoort-contractmanagement", "§5 Aanvullende afspraken, Budgetverantwoordelijkheid"),
    "budget-overschrijding": ("amersfoort-contractmanagement", "§5 Aanvullende afspraken, Mee- en tegenvallers"),
    # Deventer factsheet VI (issue 11)
    "geen-opdracht-geen-werk": ("deventer-dubbelslag", "factsheet VI"),
    # De Bilt
    "procesverantwoordelijke-in-team": ("debilt-ambtelijk-opdrachtgever", "Procesverantwoordelijke"),
    # Zoetermeer
    "cmt-geen-overeenstemming": ("zoetermeer-sturen", "§4 Taken en verantwoordelijkheden, Concern Management Team"),
    "eerste-aanspreekpunt-medewerker": ("zoetermeer-sturen", "§4 Taken en verantwoordelijkheden, Managers"),
}


def _regel(**velden) -> dict:
    basis = {
        "id": "test",
        "groep": "Test",
        "situatie": "Test",
        "omschrijving": "Test",
        "trefwoorden": ["test"],
        "route": [{"opdrachtgever": "ambtelijk", "toelichting": "eerst hier"}],
        "bron": {"document": "deventer-dubbelslag", "sectie": "factsheet VI"},
    }
    basis.update(velden)
    return basis


def test_every_seed_rule_is_in_the_example_kennisbank_with_its_bron(kennisbank: Kennisbank) -> None:
    regels = {r.id: r for r in kennisbank.bestanden.escalatie}
    assert set(SEED_REGELS) <= set(regels)
    for regel_id, (document, sectie) in SEED_REGELS.items():
        regel = regels[regel_id]
        assert (regel.bron.document, regel.bron.sectie) == (document, sectie), regel_id
        assert regel.citaat, f"{regel_id}: citeer de bron letterlijk"


def test_quotes_are_verbatim_from_the_seed_documents(kennisbank: Kennisbank) -> None:
    """Every citaat (rule, step, don't) occurs in the document its bron names ('...' and '[...]' skip text)."""
    seeds = seeds_map()
    for regel in kennisbank.bestanden.escalatie:
        for bron, citaat in _citaten(regel):
            bestand = kennisbank.documenten[bron.document].bestand
            tekst = " ".join((seeds / bestand).read_text(encoding="utf-8").split())
            for stuk in citaat.replace("[...]", "...").split("..."):
                stuk = " ".join(stuk.split()).strip(" :;")
                assert stuk in tekst, f"{regel.id}: {stuk!r} staat niet in {bestand}"


def _citaten(regel: EscalatieRegel):
    if regel.citaat:
        yield regel.bron, regel.citaat
    for item in [*regel.route, *regel.niet_doen]:
        if item.citaat:
            yield item.bron or regel.bron, item.citaat


def test_no_rule_ever_routes_an_ambtelijk_meningsverschil_to_college_or_wethouder(kennisbank: Kennisbank) -> None:
    over_verschil = [
        r
        for r in kennisbank.bestanden.escalatie
        if any(
            w in f"{r.situatie} {r.omschrijving} {' '.join(r.trefwoorden)}".lower()
            for w in ("meningsverschil", "visieverschil", "oneens", "conflict")
        )
    ]
    assert {r.id for r in over_verschil} >= {"ambtelijk-meningsverschil", "cmt-geen-overeenstemming"}
    for regel in over_verschil:
        assert regel.ambtelijk, regel.id
        assert not any(is_bestuurlijk(w, kennisbank) for w in regel.betrokkenen), regel.id
        teksten = " ".join(s.toelichting.lower() for s in regel.route)
        assert "wethouder" not in teksten and "college" not in teksten, regel.id


def test_rule_about_meningsverschil_must_be_ambtelijk() -> None:
    with pytest.raises(ValidationError, match="ambtelijk: true"):
        EscalatieRegel.model_validate(_regel(trefwoorden=["meningsverschil"]))
    assert EscalatieRegel.model_validate(_regel(trefwoorden=["meningsverschil"], ambtelijk=True)).ambtelijk


def test_a_step_names_exactly_one_kind_of_betrokkene() -> None:
    with pytest.raises(ValidationError, match="één van: opdrachtgever, rol, orgaan, lijn, leidinggevende"):
        EscalatieRegel.model_validate(_regel(route=[{"toelichting": "x"}]))
    with pytest.raises(ValidationError, match="rol én orgaan"):
        EscalatieRegel.model_validate(_regel(route=[{"rol": "x", "orgaan": "y", "toelichting": "x"}]))
    with pytest.raises(ValidationError, match="opdrachtgever"):
        EscalatieRegel.model_validate(_regel(route=[{"opdrachtgever": "wethouder", "toelichting": "x"}]))
    with pytest.raises(ValidationError, match="leidinggevende: true"):
        EscalatieRegel.model_validate(_regel(route=[{"leidinggevende": False, "toelichting": "x"}]))
    stap = EscalatieRegel.model_validate(
        _regel(route=[{"leidinggevende": True, "samen_met": ["controller"], "toelichting": "x"}])
    ).route[0]
    assert [w.sleutel for w in stap.wie] == ["leidinggevende", "rol:controller"]  # a bare id in samen_met is a rol


def test_niet_doen_accepts_plain_text_or_text_with_bron() -> None:
    regel = EscalatieRegel.model_validate(
        _regel(niet_doen=["Niet zo.", {"tekst": "Ook niet zo.", "bron": {"document": "zoetermeer-sturen", "sectie": "§4"}}])
    )
    assert [n.tekst for n in regel.niet_doen] == ["Niet zo.", "Ook niet zo."]
    assert [b.document for b, _ in regel.bronnen()] == ["deventer-dubbelslag", "zoetermeer-sturen"]


def test_loader_reports_the_broken_rule_with_file_and_line(tmp_path: Path) -> None:
    shutil.copytree(VOORBEELD, tmp_path / "kb")
    bestand = tmp_path / "kb" / "escalatie.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    oud = "    - orgaan: concerndirectie\n      wanneer: als de ambtelijk opdrachtgevers er samen niet uitkomen"
    assert tekst.count(oud) == 1
    bestand.write_text(tekst.replace(oud, oud.replace("concerndirectie", "college")), encoding="utf-8")
    resultaat = lees_kennisbank(tmp_path / "kb")
    assert resultaat.kennisbank is None
    fouten = [m for m in resultaat.fouten if m.bestand == "escalatie.yaml"]
    assert len(fouten) == 1, resultaat.meldingen
    assert "college" in fouten[0].tekst and "ambtelijk" in fouten[0].tekst
    assert fouten[0].regel is not None


def test_loader_checks_the_bron_document_of_steps(tmp_path: Path) -> None:
    shutil.copytree(VOORBEELD, tmp_path / "kb")
    bestand = tmp_path / "kb" / "escalatie.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    oud = '        document: zoetermeer-sturen\n        sectie: "§4 Taken en verantwoordelijkheden, Afdelingshoofden"'
    assert tekst.count(oud) == 1
    bestand.write_text(tekst.replace(oud, oud.replace("zoetermeer-sturen", "zoetermeer")), encoding="utf-8")
    fouten = lees_kennisbank(tmp_path / "kb").fouten
    assert any(m.bestand == "escalatie.yaml" and "zoetermeer" in m.tekst for m in fouten), fouten


def test_ids_are_unique_and_every_rule_has_trefwoorden_and_a_route(kennisbank: Kennisbank) -> None:
    regels = kennisbank.bestanden.escalatie
    assert len({r.id for r in regels}) == len(regels)
    for regel in regels:
        assert regel.trefwoorden and regel.route and regel.niet_doen, regel.id
