"""The escalation development and control sets (tests/escalatie_ontwikkel.yaml, escalatie_controle.yaml)
stay measurements, never training data: no question in them is a voorbeeldvraag, trefwoord, geen-regel
question or intent example, and every label is a rule of its kennisbank. `bench.escalatie` measures the
rule choice on them."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.escalatie import CONTROLESET, GEEN, ontwikkelvragen
from dialogen.teksten import Teksten
from kennisbank.zoeken.normaliseren import normaliseer
from tests.kennis_eenmaal import KENNISBANKEN, laad_eenmaal
from tests.yamlboom import strings_in

ROOT = Path(__file__).resolve().parent.parent


def _trainingsvoorbeelden() -> set[str]:
    voorbeelden = set(Teksten.laad().lijst("escalatie.geen_regel_vragen"))
    for pad in [*ROOT.glob("dialogen/**/intenties/**/*.y*ml"), *ROOT.glob("kennisbank/**/intenties/**/*.y*ml")]:
        voorbeelden |= set(strings_in(yaml.safe_load(pad.read_text(encoding="utf-8"))))
    for map_ in KENNISBANKEN.values():
        for regel in laad_eenmaal(map_).bestanden.escalatie:
            voorbeelden |= {regel.situatie, *regel.voorbeeldvragen, *regel.trefwoorden}
    return {normaliseer(v) for v in voorbeelden}


def test_no_development_question_is_a_training_example() -> None:
    voorbeelden = _trainingsvoorbeelden()
    sets = [ontwikkelvragen(), ontwikkelvragen(CONTROLESET)]
    dubbel = [v for set_ in sets for vragen in set_.values() for v, _ in vragen if normaliseer(v) in voorbeelden]
    assert not dubbel


def test_every_label_is_a_rule_and_every_rule_is_asked() -> None:
    set_ = ontwikkelvragen()
    assert set(set_) == set(KENNISBANKEN)
    for naam, vragen in set_.items():
        regels = {r.id for r in laad_eenmaal(KENNISBANKEN[naam]).bestanden.escalatie}
        labels = {r for _, r in vragen} - {GEEN}
        assert labels == regels, (naam, labels ^ regels)
    assert sum(1 for vragen in set_.values() for _, r in vragen if r != GEEN) >= 80
    for naam, vragen in ontwikkelvragen(CONTROLESET).items():
        regels = {r.id for r in laad_eenmaal(KENNISBANKEN[naam]).bestanden.escalatie}
        assert {r for _, r in vragen} <= regels | {GEEN}, naam
