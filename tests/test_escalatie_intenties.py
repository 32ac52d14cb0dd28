"""Issue 4 — escalation questions reach the escalatie feature, not the opdrachtgever lookup."""

from __future__ import annotations

import pytest

from bot.services import maak_herkenner
from dialogen.herkenning import Herkenner
from kennisbank.kennisbank import Kennisbank
from tests.test_escalatie_gesprek import DIRECTE_VRAGEN, ISSUE_VRAGEN
from tests.test_escalatie_vragen import VRAGEN


@pytest.fixture(scope="module")
def herkenner(kennisbank: Kennisbank) -> Herkenner:
    """Trained as the app does: the example questions of the escalation rules are examples too."""
    return maak_herkenner(kennisbank, None)


def test_every_example_question_routes_to_escalatie(herkenner: Herkenner, kennisbank: Kennisbank) -> None:
    # The rules' voorbeeldvragen train the choice of rule within escalatie (kennisbank.escalatie.vragen).
    vragen = list(DIRECTE_VRAGEN.values()) + [v for v, _ in ISSUE_VRAGEN + VRAGEN]
    verkeerd = [(v, herkenner.herken(v).intentie) for v in vragen if herkenner.herken(v).feature != "escalatie"]
    assert not verkeerd


@pytest.mark.parametrize(
    "vraag", ["ik wil escaleren", "waar moet ik heen met een knelpunt?", "Escalatie", "Waar kan ik terecht met een knelpunt"]
)
def test_generic_questions_start_the_dialog(herkenner: Herkenner, vraag: str) -> None:
    assert herkenner.herken(vraag).intentie == "escalatie.start"


@pytest.mark.parametrize(
    "vraag",
    [
        "wie is opdrachtgever voor de jeugdagenda?",
        "wie is ambtelijk opdrachtgever voor de sociale agenda?",
        "wat is het CMT?",
        "wat doet een procesverantwoordelijke?",
        "wat betekent doorgemandateerd opdrachtgeverschap?",
        "wat is lijnsturing?",
        "waar is Flora van Houwelingen opdrachtgever voor?",
        "AO binnenstad?",
    ],
)
def test_lookup_and_definition_questions_stay_elsewhere(herkenner: Herkenner, vraag: str) -> None:
    assert herkenner.herken(vraag).feature != "escalatie"
