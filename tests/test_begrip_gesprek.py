"""Issue 11, the second blind set: general causes of wrong answers, each fixed and checked through
the real turn pipeline over HTTP. The questions here are written for these
tests; none comes from the natural question set."""

from __future__ import annotations

from datetime import datetime

import pytest

from dialogen.opdrachtgever_historie import datum_tekst
from tests.conftest import TestGesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)
from tests.vragen.natuurlijk.beoordeling import heeft_kaart

MOMENT = datetime.fromisoformat("2026-11-22T10:00:00+01:00")


@pytest.fixture(autouse=True)
def _herfst(klok):
    klok.zet(MOMENT)


# --- bestuursopdracht: a question about the criteria never starts the check ---------------------


@pytest.mark.parametrize(
    ("vraag", "criterium"),
    [
        ("hoe bepalen jullie of iets een bestuursopdracht wordt, welke criteria tellen?", None),
        ("is 'resultaat onzeker' een criterium voor een bestuursopdracht?", "resultaat-onzeker"),
        ("telt 'tijd en budget beperkt' als criterium voor een bestuursopdracht", "tijd-en-budget-beperkt"),
    ],
)
async def test_a_criteria_question_lists_the_criteria_and_starts_no_check(gesprek: TestGesprek, kennisbank, vraag, criterium):
    """The criteria listed; a question about one criterium named gets that one, explained as one of them."""
    antwoorden = await gesprek.stuur(vraag)
    assert not heeft_kaart(antwoorden, "bestuursopdracht-check"), tekst_van(antwoorden)
    tekst = tekst_van(antwoorden)
    kader = kennisbank.bestanden.bestuursopdracht
    if criterium is None:
        assert kader.criteria[0].tekst in tekst
    else:
        genoemd = kader.criterium(criterium)
        assert genoemd is not None and genoemd.tekst in tekst and genoemd.uitleg in tekst, tekst
        assert str(len(kader.criteria)) in tekst  # one of the criteria


async def test_a_named_opdracht_still_starts_the_check(gesprek: TestGesprek):
    antwoorden = await gesprek.stuur("moet de herinrichting van het havenkwartier een bestuursopdracht worden?")
    assert heeft_kaart(antwoorden, "bestuursopdracht-check") and "havenkwartier" in tekst_van(antwoorden).lower()


# --- history: a whole year ("in 2023") ----------------------------------------------------------


async def test_a_year_on_its_own_asks_who_held_the_role_that_year(gesprek: TestGesprek, kennisbank):
    onderwerp = kennisbank.onderwerpen["besturen-en-ontwikkelen"]
    eerder = next(t for t in onderwerp.historie if t.rol == "bestuurlijk")
    vroeger = kennisbank.persoon(eerder.persoon).naam
    nu = kennisbank.persoon(onderwerp.bestuurlijk_opdrachtgever).naam
    tekst = tekst_van(await gesprek.stuur(f"welke wethouder had besturen en ontwikkelen in {eerder.tot.year}?"))
    assert vroeger in tekst and nu not in tekst.met_knoppen
    tekst = tekst_van(
        await gesprek.stuur(f"en wie was het in {eerder.tot.year + 1}, de bestuurlijk opdrachtgever van besturen & ontwikkelen")
    )
    assert nu in tekst and vroeger not in tekst.met_knoppen


async def test_a_year_names_the_holder_from_the_day_they_started(gesprek: TestGesprek, kennisbank):
    onderwerp = kennisbank.onderwerpen["bdo"]
    eerder = next(t for t in onderwerp.historie if t.rol == "bestuurlijk")
    tekst = tekst_van(await gesprek.stuur(f"wie was in {eerder.vanaf.year} bestuurlijk opdrachtgever van BDO?"))
    assert kennisbank.persoon(eerder.persoon).naam in tekst
    assert datum_tekst(eerder.vanaf) in tekst
    assert "geen bestuurlijk opdrachtgever" not in tekst.met_knoppen  # the part of the year before is left out


# --- a greeting in front of a question ------------------------------------------------------------


@pytest.mark.parametrize(
    ("vraag", "onderwerp_id"),
    [
        ("Hallo, wie gaat er over juridische zaken?", "juridisch-en-inkoop"),
        ("goedemiddag! bij wie moet ik zijn voor de regie kamer", "regiekamer"),
        ("hoi wie doet de concern control", "concerncontrol"),
    ],
)
async def test_a_greeting_before_the_question_is_no_greeting(gesprek: TestGesprek, kennisbank, vraag, onderwerp_id):
    tekst = tekst_van(await gesprek.stuur(vraag))
    onderwerp = kennisbank.onderwerpen[onderwerp_id]
    assert onderwerp.naam in tekst and kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever).naam in tekst


async def test_a_bare_greeting_is_still_welcomed(gesprek: TestGesprek, services):
    tekst = tekst_van(await gesprek.stuur("goedemiddag"))
    assert tekst.startswith(services.diensten.teksten.tekst("algemeen.welkom").split("!")[0])


# --- persons: the asker, soort filters, function, leidinggevende, who holds a rol ---------------


async def test_ik_and_mijn_mean_the_asker(gesprek: TestGesprek, kennisbank):
    van_hem = [o.naam for o in kennisbank.onderwerpen_van("marcel-kossen")]
    tekst = tekst_van(await gesprek.stuur("welke dingen vallen onder mijn portefeuille als opdrachtgever?", als="marcel-kossen"))
    assert all(naam in tekst for naam in van_hem), tekst
    anders = tekst_van(await gesprek.stuur("waar ben ik allemaal AO van", als="jelle-arentsen"))
    assert "Jelle Arentsen" in anders and van_hem[0] not in anders.met_knoppen


async def test_a_soort_named_with_a_person_filters_the_list(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("welke bedrijfsvoering doet Flora van Houwelingen"))
    van_haar = kennisbank.onderwerpen_van("flora-van-houwelingen")
    assert all(o.naam in tekst for o in van_haar if o.soort == "bedrijfsvoering")
    assert not any(o.naam in tekst.met_knoppen for o in van_haar if o.soort != "bedrijfsvoering"), tekst


async def test_a_soort_without_a_person_lists_that_soort(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("wat hoort er allemaal bij bedrijfsvoering"))
    onderwerpen = kennisbank.bestanden.onderwerpen
    assert all(o.naam in tekst for o in onderwerpen if o.soort == "bedrijfsvoering"), tekst
    assert not any(o.naam in tekst.met_knoppen for o in onderwerpen if o.soort == "project")


async def test_function_and_leidinggevende_of_a_person(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("welke functie heeft Noor Visser eigenlijk"))
    assert "Controller" in tekst
    tekst = tekst_van(await gesprek.stuur("wie is de baas van Lotte Jansen?"))
    assert kennisbank.persoon(kennisbank.persoon("lotte-jansen").leidinggevende).naam in tekst


async def test_who_holds_a_rol(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("wie is bij ons de controller?"))
    assert all(p.naam in tekst for p in kennisbank.personen_met_rol("controller"))
    uitleg = tekst_van(await gesprek.stuur("wat doet een controller"))
    assert not any(p.naam in uitleg.met_knoppen for p in kennisbank.personen_met_rol("controller"))


# --- a soort werk named exactly needs no 'Bedoelde je' -------------------------------------------


async def test_a_soort_werk_named_in_a_longer_sentence_is_answered(gesprek: TestGesprek, kennisbank):
    antwoorden = await gesprek.stuur("wie is ambtelijk opdrachtgever voor een strategische opgave uit het coalitieprogramma?")
    tekst = tekst_van(antwoorden)
    soort = next(s for s in kennisbank.bestanden.soorten_werk if s.id == "strategische-agenda")
    assert soort.naam in tekst and "Bedoelde je" not in tekst.met_knoppen


async def test_geef_me_a_list_is_not_about_the_asker(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("geef me even alle projecten op een rij", als="marcel-kossen"))
    projecten = [o.naam for o in kennisbank.bestanden.onderwerpen if o.soort == "project"]
    assert all(naam in tekst for naam in projecten), tekst


# --- escalation: a rule is chosen on its two nearest examples -------------------------------------


@pytest.mark.parametrize(
    ("vraag", "regel_id"),
    [
        ("we hebben een onderschrijding, wat nu?", "budget-onderschrijding"),
        ("het project is duurder uitgevallen dan begroot", "budget-overschrijding"),
    ],
)
async def test_one_shared_keyword_does_not_make_a_tie(gesprek: TestGesprek, kennisbank, vraag, regel_id):
    antwoorden = await gesprek.stuur(vraag)
    regel = next(r for r in kennisbank.bestanden.escalatie if r.id == regel_id)
    assert antwoorden[0]["text"].startswith(f"**{regel.situatie}**"), tekst_van(antwoorden)


def test_two_nearest_examples_decide_not_one(kennisbank):
    from kennisbank.escalatie.vragen import RegelZoeker

    regels = kennisbank.bestanden.escalatie
    zoeker = RegelZoeker(regels)
    # A keyword that two rules share ties on the nearest example alone; the second example decides.
    keuze = zoeker.zoek("onderschrijding")
    assert keuze.regel is not None and keuze.regel.id == "budget-onderschrijding", [r.id for r in keuze.kandidaten]


# --- a feature without an answer: an onderwerp named exactly still answers -----------------------


async def test_an_onderwerp_named_exactly_answers_when_the_feature_has_none(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("escalatie.vraag")  # read as an escalation, but no rule fits
    tekst = tekst_van(await gesprek.stuur("kort vraagje over het coalitieakkoord, bij wie zit dat eigenlijk?"))
    onderwerp = kennisbank.onderwerpen["coalitieakkoord"]
    assert onderwerp.naam in tekst and kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever).naam in tekst


async def test_without_an_onderwerp_the_answer_stays_honest(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("escalatie.vraag")
    tekst = tekst_van(await gesprek.stuur("kort vraagje over het dierenasiel, bij wie zit dat eigenlijk?"))
    assert not any(p.naam in tekst.met_knoppen for p in kennisbank.bestanden.personen), tekst


# --- explanations: a begrip or rol named in a longer sentence; lists of portefeuillehouders ------


@pytest.mark.parametrize(
    ("vraag", "term"),
    [
        ("wat komt er allemaal kijken bij het zijn van budgethouder", "Budgethouder"),
        ("leg me eens uit waar een adjunct directeur voor is", "Adjunct-directeur"),
    ],
)
async def test_a_begrip_or_rol_named_in_a_longer_sentence_is_explained(gesprek: TestGesprek, met_intentie, vraag, term):
    met_intentie("opdrachtgever.uitleg")
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert tekst.startswith(f"**{term}**"), tekst


async def test_all_portefeuillehouders_are_listed_and_the_rest_is_said_honestly(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.lijst")
    tekst = tekst_van(await gesprek.stuur("welke wethouders hebben welke onderwerpen?"))
    met = [o for o in kennisbank.bestanden.onderwerpen if o.bestuurlijk_opdrachtgever]
    assert all(o.naam in tekst and kennisbank.persoon(o.bestuurlijk_opdrachtgever).naam in tekst for o in met)
    assert str(len(kennisbank.bestanden.onderwerpen) - len(met)) in tekst
    assert not any(kennisbank.persoon(o.ambtelijk_opdrachtgever).naam in tekst.met_knoppen for o in met), tekst


# --- rapportage facts: reminders, and every kind of round at once ---------------------------------


async def test_reminder_days_of_the_open_period(gesprek: TestGesprek, kennisbank, met_intentie):
    from dialogen.rapportage.overzicht import datum

    met_intentie("rapportage.vraag")
    periode = kennisbank.bestanden.rapportage.periode("herfst-2026")
    tekst = tekst_van(await gesprek.stuur("krijg ik nog een seintje voordat de herfstrapportage sluit?"))
    assert periode.herinneringen and all(datum(d) in tekst for d in periode.herinneringen), tekst


async def test_a_question_about_all_rounds_names_each_kind(gesprek: TestGesprek, kennisbank, met_intentie):
    from dialogen.rapportage.overzicht import datum

    met_intentie("rapportage.vraag")
    tekst = tekst_van(await gesprek.stuur("wat zijn bij ons de peildata van de rapportages?"))
    rapportage = kennisbank.bestanden.rapportage
    for periode in (rapportage.periode("herfst-2026"), rapportage.periode("lente-2027")):
        assert datum(periode.peildatum) in tekst, tekst


async def test_a_period_named_in_a_history_question_gets_the_rapportage_facts(gesprek: TestGesprek, kennisbank, met_intentie):
    from dialogen.rapportage.overzicht import datum

    met_intentie("opdrachtgever.historie")  # "was" and a year read as history
    periode = kennisbank.bestanden.rapportage.periode("lente-2026")
    tekst = tekst_van(await gesprek.stuur("welke peildatum had de voorjaarsrapportage 2026 ook alweer"))
    assert datum(periode.peildatum) in tekst and "Bedoelde je" not in tekst.met_knoppen, tekst


async def test_a_previous_round_before_the_first_one_is_named_not_denied(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("rapportage.vraag")
    eerste = min(
        (p for p in kennisbank.bestanden.rapportage.perioden_rond(MOMENT.date()) if p.soort == "herfst"),
        key=lambda p: p.peildatum,
    )
    assert eerste.is_open(MOMENT.date())  # the first autumn round in the example is the open one
    tekst = tekst_van(await gesprek.stuur("wat was de deadline van de vorige najaarsrapportage?"))
    assert f"{eerste.peildatum.year - 1}" in tekst and "geen rapportageperioden" not in tekst.met_knoppen, tekst
