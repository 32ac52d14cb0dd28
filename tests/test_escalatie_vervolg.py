"""Follow-ups in an escalation conversation ("en daarna?", "en als het over afdelingen heen gaat?"),
through the real turn pipeline on both example kennisbanken: after a route the conversation
remembers it (`dialogen.gespreksgeheugen.Route`) and a follow-up gets the step it asks for
(`kennisbank.escalatie.vervolg`), not "welke situatie bedoel je". Rules, steps and texts come from
the data, so these tests hold for any kennisbank; the questions are written for these tests."""

from __future__ import annotations

import pytest

from dialogen.herkenning import Herkend
from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.vervolg import gevraagde_stap
from kennisbank.zoeken.normaliseren import normaliseer
from tests.conftest import TestGesprek, tekst_van

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
TEKSTEN = Teksten.laad()
ROUTE_KOP = TEKSTEN.tekst("escalatie.route_kop")
VRAAG_SITUATIE = TEKSTEN.tekst("escalatie.vraag_situatie")


def _kop(regel: EscalatieRegel, nummer: int) -> str:
    return TEKSTEN.tekst("escalatie.vervolg_kop", situatie=regel.situatie, nummer=nummer, totaal=len(regel.route))


def _toelichting(regel: EscalatieRegel, nummer: int) -> str:
    return " ".join(regel.route[nummer - 1].toelichting.split())


def _langste_route(kennisbank) -> EscalatieRegel:
    return max(kennisbank.bestanden.escalatie, key=lambda r: len(r.route))


@pytest.mark.beide_kennisbanken
def test_a_follow_up_naming_a_steps_condition_gets_that_step_and_otherwise_the_next(kennisbank):
    for regel in kennisbank.bestanden.escalatie:
        for nummer, stap in enumerate(regel.route, start=1):
            if stap.wanneer:
                assert gevraagde_stap(regel, 1, f"oke, en {stap.wanneer}?") == nummer, (regel.id, stap.wanneer)
        for vervolg in ("en daarna", "en dan?"):
            assert gevraagde_stap(regel, 1, vervolg) == (2 if len(regel.route) > 1 else None), (regel.id, vervolg)
        assert gevraagde_stap(regel, len(regel.route), "en daarna") is None, regel.id


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_en_daarna_walks_the_route_given_last_step_by_step(gesprek: TestGesprek, kennisbank):
    regel = _langste_route(kennisbank)
    assert len(regel.route) >= 3
    route = tekst_van(await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": regel.id}))
    assert ROUTE_KOP in route
    for nummer in range(2, len(regel.route) + 1):
        tekst = tekst_van(await gesprek.stuur("en daarna?"))
        assert _kop(regel, nummer) in tekst and _toelichting(regel, nummer) in tekst, (nummer, tekst)
        assert ROUTE_KOP not in tekst and VRAAG_SITUATIE not in tekst
    assert TEKSTEN.tekst("escalatie.vervolg_laatste") in tekst
    einde = tekst_van(await gesprek.stuur("en daarna?"))
    assert TEKSTEN.tekst("escalatie.vervolg_einde", situatie=regel.situatie, totaal=len(regel.route)) in einde
    assert _toelichting(regel, len(regel.route)) in einde


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_a_follow_up_naming_a_later_steps_condition_jumps_to_that_step(gesprek: TestGesprek, kennisbank):
    regel, nummer = next(
        (r, n) for r in kennisbank.bestanden.escalatie for n, s in enumerate(r.route, start=1) if n >= 3 and s.wanneer
    )
    await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": regel.id})
    tekst = tekst_van(await gesprek.stuur(f"oke, en {regel.route[nummer - 1].wanneer}?"))
    assert _kop(regel, nummer) in tekst and _toelichting(regel, nummer) in tekst, tekst


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_a_new_situation_after_a_route_is_a_new_route_and_without_a_route_there_is_no_step(
    gesprek: TestGesprek, kennisbank
):
    eerste, tweede = kennisbank.bestanden.escalatie[0], kennisbank.bestanden.escalatie[-1]
    await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": eerste.id})
    nieuw = tekst_van(await gesprek.stuur(tweede.situatie))
    assert tweede.situatie in nieuw and ROUTE_KOP in nieuw, nieuw
    assert _kop(tweede, 2) in tekst_van(await gesprek.stuur("en daarna?"))  # the new route is the one remembered
    ander = TestGesprek(gesprek.client, kennisbank)
    zonder = tekst_van(await ander.stuur("en daarna?"))
    assert ROUTE_KOP not in zonder and "stap 2 van" not in zonder  # nothing to follow up on: no step of any route


class _OnzekerVervolg:
    """The real recogniser, except that `tekst` is an unsure follow-up (`zekerheid` 0.3): the router
    would ask the documents first, had the feature not said it follows up on its own answer."""

    def __init__(self, echte, tekst: str) -> None:
        self.echte, self.tekst = echte, tekst

    def commando(self, tekst: str):
        return self.echte.commando(tekst)

    def herken(self, tekst: str) -> Herkend:
        if tekst != self.tekst:
            return self.echte.herken(tekst)
        return Herkend(intentie="escalatie.vervolg", tekst=tekst, kern=normaliseer(tekst), zekerheid=0.3, nabijheid=0.5)


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_an_unsure_follow_up_on_a_route_goes_to_the_route_before_the_documents(
    gesprek: TestGesprek, kennisbank, services, monkeypatch
):
    monkeypatch.setattr(services.router, "herkenner", _OnzekerVervolg(services.router.herkenner, "en daarna?"))
    regel = _langste_route(kennisbank)
    await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": regel.id})
    tekst = tekst_van(await gesprek.stuur("en daarna?"))
    assert _kop(regel, 2) in tekst and _toelichting(regel, 2) in tekst, tekst
    zonder = tekst_van(await TestGesprek(gesprek.client, kennisbank).stuur("en daarna?"))
    assert "stap 2 van" not in zonder  # no route in that conversation: the router's usual readers
