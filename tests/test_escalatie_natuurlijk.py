"""Issue 11 point 4 — every escalation and working rule reachable in natural words, through the turn
pipeline: the rule is picked by its nearest voorbeeldvraag, close rules are offered as a choice, a
yes/no question (only) gets "Nee." first, answers are short with the quote behind "Toon bron", and
nobody is told to escalate to themselves.

The intent is forced (`met_intentie`): these tests are about the feature's handling of what the
classifier sends, not about the classifier. The questions here are written apart from the voorbeeldvragen in the kennisbank (a test checks that
none is also a training example).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import is_bestuurlijk
from kennisbank.escalatie.vragen import DREMPEL, VRAAGDREMPEL, RegelZoeker
from kennisbank.kennisbank import Kennisbank
from kennisbank.zoeken.normaliseren import normaliseer
from tests.conftest import TestGesprek, tekst_van
from tests.test_escalatie_gesprek import DIRECTE_VRAGEN, ISSUE_VRAGEN
from tests.test_escalatie_vragen import VRAGEN
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

VRAAG = "escalatie.vraag"

TEKSTEN = Teksten.laad()

# At least one natural question per rule, as people type them in Teams (the issue's misses first).
NATUURLIJKE_VRAGEN = [
    ("we gaan over het budget heen, wat nu?", "budget-overschrijding"),
    ("ik kom geld tekort voor mijn project", "budget-overschrijding"),
    ("er is niks begroot voor deze klus, wie moet dat goedkeuren?", "geen-budget"),
    ("mag ik al aan de slag voordat er een opdracht ligt?", "geen-opdracht-geen-werk"),
    ("wat gebeurt er als het CMT het onderling niet eens wordt?", "cmt-geen-overeenstemming"),
    ("we hebben dit jaar geld over, wat nu", "budget-onderschrijding"),
    ("mag ik geld van het ene programma naar het andere overzetten?", "tekort-overschot-compenseren"),
    ("binnen ons programmaonderdeel geld verschuiven, moet dat langs het college?", "tekort-overschot-compenseren"),
    ("ik ben als procesverantwoordelijke vastgelopen, wie kan ik om hulp vragen?", "procesverantwoordelijke-in-team"),
    ("ik wil de wethouder een probleem melden maar heb nog geen oplossing, mag dat?", "knelpunt-melden-bestuur"),
    ("wat het college vraagt kan niet binnen de middelen", "wat-vraag-past-niet"),
    ("team wonen en team zorg zijn het oneens, kan de wethouder kiezen?", "ambtelijk-meningsverschil"),
    ("de concerndirectie is verdeeld, wie beslist?", "cmt-geen-overeenstemming"),
    ("we hebben te weinig mensen voor de uitvoering", "knelpunt-uitvoering"),
    ("ons traject zit helemaal vast, wie krijgt het weer in beweging?", "proces-loopt-stroef"),
    (
        "mijn opdrachtgever heeft het mandaat gekregen van de concerndirecteur, bij wie kan ik hoger op?",
        "doorgemandateerd-opdrachtgeverschap",
    ),
    ("kunnen we van dit werk een echt project maken, wie besluit dat?", "andere-sturingsvorm"),
    ("naar wie moet ik als medewerker eerst met een vraag?", "eerste-aanspreekpunt-medewerker"),
    ("mag ik mijn nota zonder afstemming naar de wethouder sturen?", "voorstel-aan-college"),
    ("ik heb nog geen opdracht, kan ik toch al beginnen?", "geen-opdracht-geen-werk"),
    ("er is geen geld voor dit plan, wie moet het goedkeuren", "geen-budget"),
]


def _regels(kennisbank: Kennisbank) -> dict[str, EscalatieRegel]:
    return {r.id: r for r in kennisbank.bestanden.escalatie}


def _stappen(tekst: str) -> list[str]:
    return re.findall(r"^\d+\. .*$", tekst, flags=re.MULTILINE)


def _knoppen(antwoorden: list[dict]) -> list[str]:
    return [a["title"] for b in antwoorden for a in ((b.get("suggestedActions") or {}).get("actions") or [])]


def test_no_test_question_is_a_training_example(kennisbank: Kennisbank) -> None:
    voorbeelden = {normaliseer(v) for r in kennisbank.bestanden.escalatie for v in r.voorbeeldvragen}
    voorbeelden |= {normaliseer(v) for v in TEKSTEN.lijst("escalatie.geen_regel_vragen")}
    vragen = [v for v, _ in NATUURLIJKE_VRAGEN + ISSUE_VRAGEN + VRAGEN + ONDERSCHEIDINGEN] + list(DIRECTE_VRAGEN.values())
    vragen.append(ZWAK_GELIJKENDE_VRAAG)
    dubbel = [v for v in vragen if normaliseer(v) in voorbeelden]
    assert not dubbel


def test_every_rule_has_natural_voorbeeldvragen_and_a_test_question(kennisbank: Kennisbank) -> None:
    for regel in kennisbank.bestanden.escalatie:
        assert len(regel.voorbeeldvragen) >= 12, regel.id
    assert {r for _, r in NATUURLIJKE_VRAGEN} == set(_regels(kennisbank))


@pytest.mark.parametrize(("vraag", "regel_id"), NATUURLIJKE_VRAGEN)
async def test_natural_question_gets_its_rule(
    gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str, regel_id: str, met_intentie
) -> None:
    met_intentie(VRAAG)
    regel = _regels(kennisbank)[regel_id]
    antwoorden = await gesprek.stuur(vraag)
    tekst = antwoorden[0]["text"]
    assert tekst.startswith(f"**{regel.situatie}**"), tekst
    assert _stappen(tekst), tekst
    if regel.ambtelijk:
        for stap in _stappen(tekst):
            assert not re.search(r"wethouder|college|gemeenteraad|portefeuillehouder", stap, re.IGNORECASE), stap


@pytest.mark.parametrize(
    ("vraag", "nee"),
    [
        ("mag ik al aan de slag voordat er een opdracht ligt?", True),
        ("hoi! kan ik een meningsverschil met team zorg bij de wethouder leggen?", True),
        ("wie moet mij een opdracht geven, ik heb er nog geen en wil beginnen", False),
        ("we hebben onenigheid met een ander team, wat is dan de route", False),
    ],
)
async def test_nee_only_answers_a_yes_no_question(gesprek: TestGesprek, vraag: str, nee: bool, met_intentie) -> None:
    met_intentie(VRAAG)
    tekst = (await gesprek.stuur(vraag))[0]["text"]
    tweede = tekst.split("\n\n")[1]
    assert tweede.startswith("Nee.") == nee, tekst
    assert ("Nee." in tekst) == nee


@pytest.mark.parametrize(
    "regel_id", ["budget-overschrijding", "geen-opdracht-geen-werk", "wat-vraag-past-niet", "ambtelijk-meningsverschil"]
)
async def test_answer_is_short_with_dont_and_quote_behind_buttons(
    gesprek: TestGesprek, kennisbank: Kennisbank, regel_id: str
) -> None:
    regel = _regels(kennisbank)[regel_id]
    antwoorden = await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": regel_id, "onderwerp": "jeugdagenda"})
    assert len(antwoorden) == 1
    tekst = antwoorden[0]["text"]
    assert len(tekst) <= 600, (len(tekst), tekst)
    assert " ".join(regel.citaat.split()) not in tekst
    kaart = antwoorden[0]["attachments"][0]["content"]
    knoppen = {a["title"]: tekst_van([{"attachments": [{"content": a["card"]}]}]) for a in kaart["actions"]}
    # The bron line is in the text, or (when the answer would be too long) only under "Toon bron".
    assert f"Bron: {kennisbank.bron_tekst(regel.bron)}" in tekst + knoppen[TEKSTEN.tekst("escalatie.knop_bron")]
    assert " ".join(regel.citaat.split()) in knoppen[TEKSTEN.tekst("escalatie.knop_bron")]
    for niet in regel.niet_doen:
        assert niet.tekst in knoppen[TEKSTEN.tekst("escalatie.knop_niet_doen")]


async def test_console_gets_everything_as_text(bot_client, kennisbank: Kennisbank) -> None:
    regel = _regels(kennisbank)["geen-opdracht-geen-werk"]
    gesprek = TestGesprek(bot_client, kennisbank, kanaal="console")
    antwoorden = await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": regel.id})
    assert not any(a.get("attachments") for a in antwoorden)
    # The short answer first; what is behind the buttons in Teams follows as a second message.
    assert " ".join(regel.citaat.split()) not in antwoorden[0]["text"]
    assert " ".join(regel.citaat.split()) in antwoorden[-1]["text"]
    for niet in regel.niet_doen:
        assert niet.tekst in antwoorden[-1]["text"]


async def test_close_rules_are_offered_as_a_choice_then_answered(
    gesprek: TestGesprek, kennisbank: Kennisbank, met_intentie
) -> None:
    met_intentie(VRAAG)
    regels = _regels(kennisbank)
    antwoorden = await gesprek.stuur("proces loopt stroef en te weinig capaciteit")
    kaart = antwoorden[0]["attachments"][0]["content"]
    assert kaart["text"] == TEKSTEN.tekst("escalatie.vraag_bedoel_je")
    assert {k["title"] for k in kaart["buttons"]} == {
        regels["proces-loopt-stroef"].situatie,
        regels["knelpunt-uitvoering"].situatie,
    }
    keuze = next(k for k in kaart["buttons"] if k["title"] == regels["knelpunt-uitvoering"].situatie)
    tekst = (await gesprek.stuur(keuze["value"]))[0]["text"]
    assert tekst.startswith(f"**{regels['knelpunt-uitvoering'].situatie}**")


@pytest.mark.parametrize("antwoord", ["de tweede", "2"])
async def test_the_choice_can_be_typed(gesprek: TestGesprek, kennisbank: Kennisbank, antwoord: str, met_intentie) -> None:
    met_intentie(VRAAG)
    antwoorden = await gesprek.stuur("proces loopt stroef en te weinig capaciteit")
    tweede = antwoorden[0]["attachments"][0]["content"]["buttons"][1]["title"]
    tekst = (await gesprek.stuur(antwoord))[0]["text"]
    assert tekst.startswith(f"**{tweede}**")


async def test_none_of_the_choices_gets_an_honest_answer(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie(VRAAG)
    await gesprek.stuur("proces loopt stroef en te weinig capaciteit")
    tekst = tekst_van(await gesprek.stuur("geen van beide"))
    assert tekst == TEKSTEN.tekst("escalatie.keuze_geen")


async def test_the_asker_is_never_told_to_escalate_to_themselves(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie(VRAAG)
    gesprek.als = "marcel-kossen"  # ambtelijk opdrachtgever of the jeugdagenda
    tekst = (await gesprek.stuur("we zijn het oneens met een ander team over de jeugdagenda, wat nu?"))[0]["text"]
    stappen = _stappen(tekst)
    assert "Marcel Kossen" not in tekst
    assert "dat ben je zelf" in stappen[0]
    assert "Concerndirectie" in stappen[1]


def test_no_ambtelijk_rule_reaches_the_bestuur(kennisbank: Kennisbank) -> None:
    for regel in kennisbank.bestanden.escalatie:
        if regel.ambtelijk:
            assert not any(is_bestuurlijk(w, kennisbank) for w in regel.betrokkenen), regel.id


async def test_no_close_rule_is_no_confident_answer(gesprek: TestGesprek, services, met_intentie) -> None:
    met_intentie(VRAAG)
    feature = services.router.features["escalatie"]
    uitkomsten: list[bool | None] = []
    origineel = feature.behandel

    async def behandel(dc, herkend):
        uitkomsten.append(await origineel(dc, herkend))
        return uitkomsten[-1]

    feature.behandel = behandel
    tekst = tekst_van(await gesprek.stuur("hoeveel vakantiedagen heb ik nog?"))
    assert uitkomsten == [False]  # the router tries the documents next, then says it does not know
    assert "Zo ga je te werk" not in tekst.met_knoppen


async def test_the_asker_who_holds_the_first_role_is_told_what_that_role_does(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie(VRAAG)
    gesprek.als = "marcel-kossen"  # budgethouder (ambtelijk opdrachtgever) of the jeugdagenda
    tekst = (await gesprek.stuur("voor de jeugdagenda gaan we over het budget heen, wat nu?"))[0]["text"]
    eerste = _stappen(tekst)[0]
    assert "dat ben je zelf" in eerste and "Los het tekort op binnen je eigen budgetten" in eerste
    assert "Marcel Kossen" not in tekst


@pytest.mark.beide_kennisbanken
def test_held_out_voorbeeldvragen_come_back_to_their_rule(kennisbank: Kennisbank) -> None:
    """Held-out floor: each voorbeeldvraag, held out, is matched against the other examples (the
    nearest examples leave-one-out, the model in 10 folds). Fails when an edit makes a rule (nearly)
    unreachable or lets rules swallow each other. Measured 2026-12-05 with the model: reached (chosen
    or offered) 93 % / 88 %, chosen outright 83 % / 79 %, wrong 2.4 % / 2.8 % (voorbeeld /
    voorbeeld_cmt), every rule at least 72 % reached."""
    regels = kennisbank.bestanden.escalatie
    zoeker = RegelZoeker(regels, TEKSTEN.lijst("escalatie.geen_regel_vragen"))
    bereikt: Counter[str] = Counter()
    totaal: Counter[str] = Counter()
    gekozen = fout = 0
    for regel, veld, _, keuze in zoeker.zonder_zichzelf():
        if veld != "voorbeeldvragen":
            continue
        totaal[regel.id] += 1
        bereikt[regel.id] += regel in keuze.kandidaten
        gekozen += keuze.regel is regel
        fout += keuze.regel is not None and keuze.regel is not regel
    alle = sum(totaal.values())
    assert sum(bereikt.values()) >= 0.85 * alle, (sum(bereikt.values()), alle)
    assert gekozen >= 0.72 * alle, (gekozen, alle)
    assert fout <= 0.04 * alle, fout
    for regel in regels:
        assert bereikt[regel.id] >= 0.6 * totaal[regel.id], (regel.id, bereikt[regel.id], totaal[regel.id])


# Distinctions between close rules (issue 11 point 4), in words that are not the rules' examples.
ONDERSCHEIDINGEN = [
    ("we zitten 50.000 euro boven ons budget", "budget-overschrijding"),
    ("we hebben geen budget voor dit werk, wie beslist", "geen-budget"),
    ("er blijft budget over dit jaar, wat mag ik ermee", "budget-onderschrijding"),
    ("mag ik geld van het ene programmaonderdeel naar het andere schuiven?", "tekort-overschot-compenseren"),
    ("de concerndirecteuren zijn het oneens over mijn voorstel", "cmt-geen-overeenstemming"),
    ("de afdeling ruimte en wij zitten niet op één lijn over het plan, wie beslist er?", "ambtelijk-meningsverschil"),
    ("kan ik mijn nota rechtstreeks naar de wethouder sturen?", "voorstel-aan-college"),
    ("mag ik een probleem bij het college neerleggen zonder oplossingsrichting?", "knelpunt-melden-bestuur"),
    ("de procesverantwoordelijke in ons team weet het ook niet meer, wie nu?", "procesverantwoordelijke-in-team"),
]

ZWAK_GELIJKENDE_VRAAG = "er hangt geen prijskaartje aan deze klus"
"""Only weakly similar to the geen-budget examples (its similarity between VRAAGDREMPEL and DREMPEL),
though the model points there. When the examples change, pick a sentence in that zone again: the
earlier ones ("... geen cent begroot ...", "aan deze klus hangt geen prijskaartje in de begroting")
became clear geen-budget questions once the rule had more voorbeeldvragen and the model."""


@pytest.mark.parametrize(("vraag", "regel_id"), ONDERSCHEIDINGEN)
async def test_close_rules_are_told_apart(
    gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str, regel_id: str, met_intentie
) -> None:
    met_intentie(VRAAG)
    tekst = (await gesprek.stuur(vraag))[0]["text"]
    assert tekst.startswith(f"**{_regels(kennisbank)[regel_id].situatie}**"), tekst


async def test_a_weakly_similar_question_is_asked_back_not_answered(
    gesprek: TestGesprek, kennisbank: Kennisbank, met_intentie
) -> None:
    met_intentie(VRAAG)
    vraag = ZWAK_GELIJKENDE_VRAAG
    zoeker = RegelZoeker(kennisbank.bestanden.escalatie, TEKSTEN.lijst("escalatie.geen_regel_vragen"))
    keuze = zoeker.zoek(vraag)
    beste = zoeker.scores(vraag)[0]
    assert keuze.regel is None and keuze.zwak and VRAAGDREMPEL <= beste.gelijkenis < DREMPEL, (keuze, beste)
    kaart = (await gesprek.stuur(vraag))[0]["attachments"][0]["content"]
    assert kaart["text"] == TEKSTEN.tekst("escalatie.vraag_bedoel_je_een")
    assert [k["title"] for k in kaart["buttons"]] == [_regels(kennisbank)["geen-budget"].situatie]


async def test_a_weak_guess_gives_way_to_an_onderwerp_named_in_full(
    gesprek: TestGesprek, kennisbank: Kennisbank, met_intentie
) -> None:
    """Read as an escalation, but only weakly like one rule, and the jeugdagenda is named: the router
    answers the onderwerp (its opdrachtgever) instead of a "Bedoelde je" about a guess."""
    met_intentie(VRAAG)
    vraag = "de jeugdagenda heeft geen prijskaartje"
    zoeker = RegelZoeker(kennisbank.bestanden.escalatie, TEKSTEN.lijst("escalatie.geen_regel_vragen"))
    assert zoeker.zoek("heeft geen prijskaartje").zwak
    antwoorden = await gesprek.stuur(vraag)
    tekst = tekst_van(antwoorden)
    assert TEKSTEN.tekst("escalatie.vraag_bedoel_je_een") not in tekst.met_knoppen
    assert "Marcel Kossen" in tekst, tekst
