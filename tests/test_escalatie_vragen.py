"""Issue 4 — direct questions are matched to the right escalation rule, or to none (never a wrong one)."""

from __future__ import annotations

import numpy as np
import pytest

from dialogen.teksten import Teksten
from kennisbank.escalatie import vragen
from kennisbank.escalatie.route import is_bestuurlijk
from kennisbank.escalatie.vragen import RegelZoeker, onderwerp_in_tekst, zonder_onderwerp
from kennisbank.kennisbank import Kennisbank

# Questions as teamondersteuners ask them; at least one per seed rule.
VRAGEN = [
    ("mag ik een meningsverschil met een ander team bij de wethouder neerleggen?", "ambtelijk-meningsverschil"),
    ("Mag ik een visieverschil aan het college voorleggen?", "ambtelijk-meningsverschil"),
    ("ik ben het oneens met een collega van een ander team", "ambtelijk-meningsverschil"),
    ("er is geen budget voor mijn opdracht, wie beslist?", "geen-budget"),
    ("het is niet begroot, wie geeft goedkeuring?", "geen-budget"),
    ("mag ik een tekort op het ene programmaonderdeel dekken met een overschot op een ander?", "tekort-overschot-compenseren"),
    ("we lopen vast op capaciteit in de uitvoering", "knelpunt-uitvoering"),
    ("we hebben handen tekort in de uitvoering", "knelpunt-uitvoering"),
    ("het CMT komt er niet uit", "cmt-geen-overeenstemming"),
    ("wie heeft de doorslaggevende stem als de concerndirectie het oneens is?", "cmt-geen-overeenstemming"),
    ("het project loopt stroef, wie trekt het vlot?", "proces-loopt-stroef"),
    ("kan ik een probleem bij de wethouder melden?", "knelpunt-melden-bestuur"),
    ("mag ik mijn voorstel rechtstreeks aan het college voorleggen?", "voorstel-aan-college"),
    ("mijn opdrachtgever is doorgemandateerd, waar escaleer ik?", "doorgemandateerd-opdrachtgeverschap"),
    ("we willen van lijnsturing naar projectsturing, wie beslist?", "andere-sturingsvorm"),
    ("de opdracht past niet binnen de kaders", "wat-vraag-past-niet"),
    ("de WAT-vraag is niet uit te voeren binnen de middelen", "wat-vraag-past-niet"),
    ("de procesverantwoordelijke in ons team is opdrachtgever, bij wie kan ik verder?", "procesverantwoordelijke-in-team"),
    ("wie is mijn eerste aanspreekpunt als medewerker?", "eerste-aanspreekpunt-medewerker"),
    ("er is geen budgget voor de jeugdagenda", "geen-budget"),  # typo
]

NIET_OVER_ESCALATIE = [
    "wie is opdrachtgever voor de jeugdagenda?",
    "wat is een sectorcontract?",
    "hoe laat is het",
    "ik wil escaleren",
    "waar moet ik heen met een knelpunt?",
    "moet dit een bestuursopdracht worden?",
    "",
]


@pytest.fixture(scope="module")
def zoeker(kennisbank: Kennisbank) -> RegelZoeker:
    return RegelZoeker(kennisbank.bestanden.escalatie, Teksten.laad().lijst("escalatie.geen_regel_vragen"))


@pytest.mark.parametrize(("vraag", "regel_id"), VRAGEN)
def test_direct_question_finds_its_rule(zoeker: RegelZoeker, kennisbank: Kennisbank, vraag: str, regel_id: str) -> None:
    keuze = zoeker.zoek(zonder_onderwerp(vraag, onderwerp_in_tekst(vraag, kennisbank)))
    assert keuze.regel is not None and keuze.regel.id == regel_id, [r.id for r in keuze.kandidaten]


def test_every_rule_is_reachable_by_its_own_voorbeeldvragen(kennisbank: Kennisbank, zoeker: RegelZoeker) -> None:
    for regel in kennisbank.bestanden.escalatie:
        assert regel.voorbeeldvragen, regel.id
        for vraag in regel.voorbeeldvragen:
            keuze = zoeker.zoek(vraag)
            assert keuze.regel is not None and keuze.regel.id == regel.id, (vraag, [r.id for r in keuze.kandidaten])


@pytest.mark.parametrize("vraag", NIET_OVER_ESCALATIE)
def test_unrelated_or_generic_question_gives_no_rule(zoeker: RegelZoeker, vraag: str) -> None:
    keuze = zoeker.zoek(vraag)
    assert keuze.regel is None and keuze.kandidaten == ()


def test_a_tie_gives_candidates_not_a_rule(zoeker: RegelZoeker) -> None:
    # "proces loopt stroef" (proces-loopt-stroef) and "te weinig capaciteit" (knelpunt-uitvoering) weigh the same.
    keuze = zoeker.zoek("proces loopt stroef en te weinig capaciteit")
    assert keuze.regel is None
    assert {r.id for r in keuze.kandidaten} == {"proces-loopt-stroef", "knelpunt-uitvoering"}


@pytest.mark.parametrize(
    "vraag",
    [
        "mag ik een meningsverschil met een ander team bij de wethouder neerleggen?",
        "ik heb een visieverschil met team x, mag ik naar het college?",
        "meningsverschil, kan ik naar de gemeenteraad?",
        "we hebben een conflict met de afdeling, mag ik dat aan de portefeuillehouder melden?",
        "verschil van mening met een collega: wethouder inschakelen?",
    ],
)
def test_a_meningsverschil_is_never_answered_with_a_bestuurlijke_route(
    zoeker: RegelZoeker, kennisbank: Kennisbank, vraag: str
) -> None:
    keuze = zoeker.zoek(vraag)
    assert keuze.kandidaten, vraag
    for regel in keuze.kandidaten:
        assert regel.ambtelijk and not any(is_bestuurlijk(w, kennisbank) for w in regel.betrokkenen), (vraag, regel.id)


@pytest.mark.parametrize(
    ("tekst", "onderwerp_id"),
    [
        ("er is geen budget voor de jeugdagenda", "jeugdagenda"),
        ("meningsverschil over de Duurzaamheidsagenda", "duurzaamheidsagenda"),
        ("het CMT komt er niet uit", None),
        ("we lopen vast op capaciteit in de uitvoering", None),
    ],
)
def test_onderwerp_named_in_a_question(kennisbank: Kennisbank, tekst: str, onderwerp_id: str | None) -> None:
    onderwerp = onderwerp_in_tekst(tekst, kennisbank)
    assert (onderwerp.id if onderwerp else None) == onderwerp_id


@pytest.mark.parametrize(
    "vraag",
    ["we gaan over het budget heen, wat nu?", "het CMT komt er niet uit", "mijn laptop doet het niet", "xyz"],
)
def test_the_direct_vector_is_the_vectorizers_vector(zoeker: RegelZoeker, vraag: str) -> None:
    """`scores` builds a question's vector by hand (scikit-learn's per-call overhead was most of the
    time); it must be the vector the vectorizers give."""
    kern = vragen._kern(vraag)
    verwacht = zoeker._vectoren([kern]).toarray().ravel()
    kolommen, waarden, _ = zoeker._vector(kern)
    gekregen = np.zeros_like(verwacht)
    gekregen[kolommen] = waarden
    assert np.allclose(gekregen, verwacht)
