"""The router's development questions (tests/begrip/ontwikkelvragen.yaml, measured with
`python -m bench.ontwikkelvragen`) are well formed and stay apart from the training examples: a
question that is also an example sentence would measure what the classifier memorised."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.ontwikkelvragen import BESTAND, KENNISBANKEN, berichten_vooraf, helft, laad, verwachte_intenties
from dialogen.intentiedata import laad_intenties
from kennisbank.laden import laad_kennisbank
from tests.test_natuurlijke_vragen import _trainingsvoorbeelden
from tests.vragen.natuurlijk.beoordeling import normaliseer

LABELS = {"bevat", "niet_bevat", "noemt", "mag_noemen", "onbekend"}
BORAP = BESTAND.with_name("ontwikkelvragen_borap.yaml")
"""The bestuursopdracht and rapportage questions, with the intents that are right."""
RAPPORTAGE = BESTAND.with_name("ontwikkelvragen_rapportage.yaml")
"""Updates and questions about one onderwerp (session 7), with the intents that are right."""
RAPPORTAGE_2 = BESTAND.with_name("ontwikkelvragen_rapportage_2.yaml")
"""A manager's statement of how one onderwerp stands; filling in and the purpose of the rapportage."""
ESCALATIE = BESTAND.with_name("ontwikkelvragen_escalatie.yaml")
"""Follow-ups in an escalation conversation, budget shifts, one criterium, the check's facts while it runs."""
BESTUURSOPDRACHT = BESTAND.with_name("ontwikkelvragen_bestuursopdracht.yaml")
"""How a bestuursopdracht comes about (who writes, discusses, decides; how long), the criteria without the check."""


def test_the_development_questions_are_well_formed():
    per_kennisbank = laad()
    assert set(per_kennisbank) == {"voorbeeld", "voorbeeld_cmt"}
    assert sum(len(v) for v in per_kennisbank.values()) >= 100
    for naam, vragen in per_kennisbank.items():
        kennisbank = laad_kennisbank(KENNISBANKEN / naam)
        assert not [v.als for v in vragen if kennisbank.persoon(v.als) is None], naam
        assert not [v.vraag for v in vragen if not v.labels or set(v.labels) - LABELS], naam
        genoemd = {n for v in vragen for n in (*v.labels.get("noemt", []), *v.labels.get("mag_noemen", []))}
        namen = {p.naam for p in kennisbank.bestanden.personen}
        assert genoemd <= namen, genoemd - namen
        dubbel = [n for n, aantal in Counter(normaliseer(v.vraag) for v in vragen).items() if aantal > 1]
        assert not dubbel, dubbel
        assert {v.familie for v in vragen} >= {"uitleg", "lijsten", "persoon", "bestuurlijk", "rapportage", "grenzen"}


def test_the_bestuursopdracht_and_rapportage_questions_are_well_formed_and_name_known_intents():
    per_kennisbank = laad(BORAP)
    verwacht = verwachte_intenties(BORAP)
    for naam, vragen in per_kennisbank.items():
        kennisbank = laad_kennisbank(KENNISBANKEN / naam)
        assert not [v.als for v in vragen if kennisbank.persoon(v.als) is None], naam
        assert not [v.vraag for v in vragen if not v.labels or set(v.labels) - LABELS], naam
        assert not [v.vraag for v in vragen if (naam, v.vraag) not in verwacht], naam
        assert {v.familie for v in vragen} == {"bestuursopdracht", "rapportage"}
        leer, toets = helft(vragen, "leer"), helft(vragen, "toets")
        assert not {v.vraag for v in leer} & {v.vraag for v in toets} and len(leer) + len(toets) == len(vragen)
    assert sum(len(v) for v in per_kennisbank.values()) >= 110


@pytest.mark.parametrize(
    ("bestand", "families", "minimaal"),
    [
        (RAPPORTAGE, {"update_met_status", "invullen", "status_onderwerp", "grenzen"}, 50),
        (RAPPORTAGE_2, {"mededeling", "doel_en_invullen"}, 40),
    ],
    ids=["rapportage", "rapportage_2"],
)
def test_the_rapportage_questions_are_well_formed_and_name_known_intents(bestand, families, minimaal):
    per_kennisbank = laad(bestand)
    verwacht = verwachte_intenties(bestand)
    assert set(per_kennisbank) == {"voorbeeld", "voorbeeld_cmt"}
    for naam, vragen in per_kennisbank.items():
        kennisbank = laad_kennisbank(KENNISBANKEN / naam)
        assert not [v.als for v in vragen if kennisbank.persoon(v.als) is None], naam
        assert not [v.vraag for v in vragen if not v.labels or set(v.labels) - LABELS], naam
        assert not [v.vraag for v in vragen if (naam, v.vraag) not in verwacht], naam
        assert {v.familie for v in vragen} == families
    bekend = set(laad_intenties())
    assert not {intentie for i in verwacht.values() for intentie in i} - bekend
    assert sum(len(v) for v in per_kennisbank.values()) >= minimaal


def test_the_escalation_questions_are_well_formed_and_their_conversations_are_known():
    per_kennisbank = laad(ESCALATIE)
    vooraf = berichten_vooraf(ESCALATIE)
    assert set(per_kennisbank) == {"voorbeeld", "voorbeeld_cmt"}
    for naam, vragen in per_kennisbank.items():
        kennisbank = laad_kennisbank(KENNISBANKEN / naam)
        assert not [v.als for v in vragen if kennisbank.persoon(v.als) is None], naam
        assert not [v.vraag for v in vragen if not v.labels or set(v.labels) - LABELS], naam
        assert {v.familie for v in vragen} >= {"vervolg", "budget", "criterium", "drempel_in_check"}
        assert all((naam, v.familie, v.vraag) in vooraf for v in vragen if v.familie in ("vervolg", "drempel_in_check"))
    assert sum(len(v) for v in per_kennisbank.values()) >= 50


@pytest.mark.parametrize(
    "bestand",
    [BESTAND, BORAP, RAPPORTAGE, RAPPORTAGE_2, ESCALATIE, BESTUURSOPDRACHT],
    ids=["ontwikkelvragen", "borap", "rapportage", "rapportage_2", "escalatie", "bestuursopdracht"],
)
def test_no_development_question_is_a_training_example(bestand):
    voorbeelden = _trainingsvoorbeelden()
    gelijk = [v.vraag for vragen in laad(bestand).values() for v in vragen if normaliseer(v.vraag) in voorbeelden]
    assert not gelijk, gelijk
