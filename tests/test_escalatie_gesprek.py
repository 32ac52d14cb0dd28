"""Issue 4 — escalation routes through the real turn pipeline (HTTP, expectReplies).

Every seed rule is reached twice: through the guided dialog ("ik wil escaleren" → group →
situation → onderwerp) and through a direct question in one turn. Each answer is checked for the
route (numbered steps, in order, with the names for the Jeugdagenda), the don'ts and the source.
Every rule of every shipped example is also reached through the guided dialog with an onderwerp
from that example's data; generic behaviour (stop, wrong choice, help, ...) runs on both examples.
"""

from __future__ import annotations

import re

import pytest
import yaml

from dialogen.kaarten import knoptitel, zonder_nadruk
from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import heeft_onderwerp_nodig
from kennisbank.kennisbank import Kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN
from tests.test_escalatie_route import JEUGDAGENDA_ROUTES

TEKSTEN = Teksten.laad()

# How each betrokkene of the example's routes is labelled: from rollen.yaml, organisatie.yaml, a
# step's own label, or the product's generic text.
LABELS = {
    "opdrachtgever:ambtelijk": ("Ambtelijk opdrachtgever", "Budgethouder"),
    "opdrachtgever:gedelegeerd": ("Gedelegeerd (doorgemandateerd) opdrachtgever",),
    "opdrachtgever:bestuurlijk": ("Bestuurlijk opdrachtgever (portefeuillehouder)", "Collegelid (wethouder, portefeuillehouder)"),
    "rol:strategisch-manager": ("Strategisch manager (eindverantwoordelijk ambtelijk opdrachtgever)",),
    "rol:adjunct-directeur": ("Adjunct-directeur",),
    "rol:algemeen-directeur": ("Algemeen directeur",),
    "lijn:teammanager": ("Je (team)manager",),
    "lijn:afdelingshoofd": ("Het afdelingshoofd",),
    "orgaan:concerndirectie": ("Concerndirectie",),
    "orgaan:college": ("College van B&W",),
    "orgaan:gemeenteraad": ("Gemeenteraad",),
}
BESTUURLIJKE_LABELS = ("Bestuurlijk opdrachtgever", "Collegelid", "College van B&W", "Gemeenteraad")

# One direct question per seed rule, as teamondersteuners ask it; the onderwerp named where the
# route has roles an onderwerp fills in.
DIRECTE_VRAGEN = {
    "ambtelijk-meningsverschil": "Mag ik een meningsverschil met een ander team over de jeugdagenda bij de wethouder neerleggen?",
    "cmt-geen-overeenstemming": "Het CMT komt er niet uit",
    "knelpunt-uitvoering": "We lopen vast op capaciteit in de uitvoering van de jeugdagenda",
    "wat-vraag-past-niet": "De opdracht voor de jeugdagenda past niet binnen de kaders, waar moet ik heen?",
    "proces-loopt-stroef": "Het project voor de jeugdagenda loopt stroef, wie trekt het vlot?",
    "knelpunt-melden-bestuur": "Kan ik een probleem met de jeugdagenda bij de wethouder melden?",
    "geen-budget": "Er is geen budget voor mijn opdracht in de jeugdagenda, wie beslist?",
    "tekort-overschot-compenseren": "Mag ik een tekort op het ene programmaonderdeel van de jeugdagenda dekken met een overschot op een ander?",
    "doorgemandateerd-opdrachtgeverschap": "De jeugdagenda is doorgemandateerd, waar escaleer ik?",
    "andere-sturingsvorm": "We willen de jeugdagenda van lijnsturing naar projectsturing brengen, wie beslist?",
    "procesverantwoordelijke-in-team": "Bij de jeugdagenda is de procesverantwoordelijke in ons team opdrachtgever, bij wie kan ik verder terecht?",
    "eerste-aanspreekpunt-medewerker": "Wie is mijn eerste aanspreekpunt als medewerker?",
    "voorstel-aan-college": "Mag ik mijn voorstel over de jeugdagenda rechtstreeks aan het college voorleggen?",
}

# The exact questions from the issue (no onderwerp named).
ISSUE_VRAGEN = [
    ("mag ik een meningsverschil met een ander team bij de wethouder neerleggen?", "ambtelijk-meningsverschil"),
    ("er is geen budget voor mijn opdracht, wie beslist?", "geen-budget"),
    ("mag ik een tekort op het ene programmaonderdeel dekken met een overschot op een ander?", "tekort-overschot-compenseren"),
    ("we lopen vast op capaciteit in de uitvoering", "knelpunt-uitvoering"),
    ("het CMT komt er niet uit", "cmt-geen-overeenstemming"),
]


def _regel(kennisbank: Kennisbank, regel_id: str) -> EscalatieRegel:
    return next(r for r in kennisbank.bestanden.escalatie if r.id == regel_id)


def _stappen(tekst: str) -> list[str]:
    return re.findall(r"^\d+\. .*$", tekst, flags=re.MULTILINE)


def _controleer_toelichting(tekst: str, stap: str, nummer: int, toelichting: str) -> None:
    """A step's explanation is in the step, or (an answer shortened to 600 characters) behind "Meer
    uitleg" in full, the step keeping at most its first sentence."""
    toelichting = " ".join(toelichting.split())
    if toelichting not in stap:
        assert TEKSTEN.tekst("escalatie.uitleg_stap", nummer=nummer, toelichting=toelichting) in tekst, (stap, tekst)
        assert not stap.endswith(toelichting), stap


def _controleer_antwoord(tekst: str, regel: EscalatieRegel, kennisbank: Kennisbank, *, met_namen: bool) -> None:
    assert f"**{regel.situatie}**" in tekst
    stappen = _stappen(tekst)
    verwacht = JEUGDAGENDA_ROUTES[regel.id]
    assert [s.split(".", 1)[0] for s in stappen] == [str(n) for n in range(1, len(verwacht) + 1)], tekst
    for nummer, (regelstap, (stap, (rol, namen))) in enumerate(zip(regel.route, zip(stappen, verwacht)), start=1):
        assert any(f"**{label}**" in stap for label in LABELS[rol]), (stap, rol)
        _controleer_toelichting(tekst, stap, nummer, regelstap.toelichting)
        if met_namen or rol in ("orgaan:concerndirectie", "rol:algemeen-directeur"):
            for naam in namen:
                assert naam in stap, (stap, naam)
    for niet in regel.niet_doen:
        assert f"- {niet.tekst}" in tekst
    assert f"Bron: {kennisbank.bron_tekst(regel.bron)}" in tekst
    assert " ".join(regel.citaat.split()) in tekst


def _knoppen(antwoorden: list[dict]) -> list[str]:
    return [a["title"] for b in antwoorden for a in ((b.get("suggestedActions") or {}).get("actions") or [])]


@pytest.mark.parametrize("regel_id", sorted(DIRECTE_VRAGEN))
async def test_direct_question_answers_in_one_turn(gesprek: TestGesprek, kennisbank: Kennisbank, regel_id: str) -> None:
    regel = _regel(kennisbank, regel_id)
    antwoorden = await gesprek.stuur(DIRECTE_VRAGEN[regel_id])
    assert len(antwoorden) == 1
    tekst = tekst_van(antwoorden)
    _controleer_antwoord(tekst, regel, kennisbank, met_namen=True)
    if heeft_onderwerp_nodig(regel, kennisbank):
        assert "(onderwerp: Jeugdagenda)" in tekst
    # Answered in one turn: the next message is a new question, not an answer to a prompt.
    volgende = tekst_van(await gesprek.stuur("wie is ambtelijk opdrachtgever voor de sociale agenda?"))
    assert "Marcel Kossen" in volgende and "Zo ga je te werk" not in volgende.met_knoppen


@pytest.mark.parametrize(("vraag", "regel_id"), ISSUE_VRAGEN)
async def test_questions_from_the_issue(gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str, regel_id: str) -> None:
    regel = _regel(kennisbank, regel_id)
    tekst = tekst_van(await gesprek.stuur(vraag))
    _controleer_antwoord(tekst, regel, kennisbank, met_namen=False)
    # The rule's short answer: visible, or its later sentences behind "Meer uitleg" (answers ≤ 600 characters).
    for zin in re.split(r"(?<=\.)\s+", " ".join(regel.kort_antwoord.split())):
        assert zin in tekst, zin
    if heeft_onderwerp_nodig(regel, kennisbank):
        assert TEKSTEN.tekst("escalatie.tip_onderwerp") in tekst


async def test_meningsverschil_at_the_wethouder_is_a_clear_no_with_the_right_route(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("Mag ik een meningsverschil met een ander team bij de wethouder neerleggen?"))
    assert tekst.split("\n\n")[1].startswith("Nee.")
    stappen = _stappen(tekst)
    assert "Ambtelijk opdrachtgever" in stappen[0]
    for stap in stappen:
        assert not re.search(r"wethouder|college|gemeenteraad|portefeuillehouder", stap, re.IGNORECASE), stap


@pytest.mark.parametrize("regel_id", sorted(DIRECTE_VRAGEN))
async def test_guided_dialog_reaches_every_rule(gesprek: TestGesprek, kennisbank: Kennisbank, regel_id: str) -> None:
    regel = _regel(kennisbank, regel_id)
    antwoorden = await gesprek.stuur("ik wil escaleren")
    assert TEKSTEN.tekst("escalatie.vraag_groep") in tekst_van(antwoorden)
    assert regel.groep in _knoppen(antwoorden)
    antwoorden = await gesprek.stuur(regel.groep)
    in_groep = [r for r in kennisbank.bestanden.escalatie if r.groep == regel.groep]
    if len(in_groep) > 1:
        assert _knoppen(antwoorden) == [*(knoptitel(r.situatie) for r in in_groep), TEKSTEN.tekst("formulier.knop_terug")]
        antwoorden = await gesprek.stuur(regel.situatie)
    if heeft_onderwerp_nodig(regel, kennisbank):
        assert TEKSTEN.tekst("escalatie.knop_geen_onderwerp") in _knoppen(antwoorden)
        antwoorden = await gesprek.stuur("jeugdagenda")
    tekst = tekst_van(antwoorden)
    _controleer_antwoord(tekst, regel, kennisbank, met_namen=True)
    # The dialog has ended: a new question is a new question.
    assert "Marcel Kossen" in tekst_van(await gesprek.stuur("wie is ambtelijk opdrachtgever voor de sociale agenda?"))


async def test_guided_dialog_for_the_jeugdagenda_gives_kossen_concerndirectie_lantain(gesprek: TestGesprek) -> None:
    await gesprek.stuur("waar moet ik heen met een knelpunt?")
    await gesprek.stuur("2")  # Knelpunt of vastgelopen werk
    await gesprek.stuur("de opdracht past niet binnen de kaders of middelen")
    tekst = tekst_van(await gesprek.stuur("Jeugd agenda"))
    stappen = _stappen(tekst)
    assert "**Ambtelijk opdrachtgever** (Marcel Kossen) samen met **Adjunct-directeur** (Bram de Wit)" in stappen[0]
    assert "Concerndirectie" in stappen[1]
    assert "Algemeen directeur" in stappen[2] and "Ardwin Lantain" in stappen[2]


def _regels_per_kennisbank() -> list:
    """(kennisbank folder, rule id) for every rule of every shipped example."""
    return [
        pytest.param(map_, regel["id"], id=f"{naam}-{regel['id']}")
        for naam, map_ in KENNISBANKEN.items()
        for regel in yaml.safe_load((map_ / "escalatie.yaml").read_text(encoding="utf-8"))
    ]


def _noemt_ambtelijk_opdrachtgever(stap) -> bool:
    """Whether a route step (or one of its samen_met parts) is the onderwerp's ambtelijk opdrachtgever."""
    delen = [stap, *getattr(stap, "samen_met", [])]
    return any(
        getattr(d, "rol", d) == "ambtelijk_opdrachtgever" or getattr(d, "opdrachtgever", None) == "ambtelijk" for d in delen
    )


def _controleer_generiek(tekst: str, regel: EscalatieRegel, kennisbank: Kennisbank, voorbeelden, onderwerp) -> None:
    """The answer for any kennisbank: every step in order with its explanation, the onderwerp's
    ambtelijk opdrachtgever by name, no bestuur in an ambtelijke rule; the don'ts and the source."""
    assert f"**{regel.situatie}**" in tekst
    stappen = _stappen(tekst)
    assert len(stappen) == len(regel.route), tekst
    for nummer, (regelstap, stap) in enumerate(zip(regel.route, stappen), start=1):
        assert stap.startswith(f"{nummer}. "), stap
        _controleer_toelichting(tekst, stap, nummer, regelstap.toelichting)
        if onderwerp is not None and _noemt_ambtelijk_opdrachtgever(regelstap):
            assert voorbeelden.ao(onderwerp).naam in stap, stap
        if regel.ambtelijk:
            assert not re.search(r"wethouder|college|gemeenteraad|portefeuillehouder", stap.split(":")[0], re.IGNORECASE), stap
    for niet in regel.niet_doen:
        assert f"- {niet.tekst}" in tekst
    assert f"Bron: {kennisbank.bron_tekst(regel.bron)}" in tekst


@pytest.mark.parametrize(("kennisbank_map", "regel_id"), _regels_per_kennisbank(), indirect=["kennisbank_map"])
async def test_every_rule_of_every_example_through_the_guided_dialog(
    gesprek: TestGesprek, kennisbank: Kennisbank, voorbeelden, regel_id: str
) -> None:
    regel = _regel(kennisbank, regel_id)
    antwoorden = await gesprek.stuur("ik wil escaleren")
    assert regel.groep in _knoppen(antwoorden)
    antwoorden = await gesprek.stuur(regel.groep)
    in_groep = [r for r in kennisbank.bestanden.escalatie if r.groep == regel.groep]
    if len(in_groep) > 1:
        assert _knoppen(antwoorden) == [*(knoptitel(r.situatie) for r in in_groep), TEKSTEN.tekst("formulier.knop_terug")]
        antwoorden = await gesprek.stuur(regel.situatie)
    onderwerp = None
    if heeft_onderwerp_nodig(regel, kennisbank):
        onderwerp = voorbeelden.met_gedelegeerd()
        assert TEKSTEN.tekst("escalatie.knop_geen_onderwerp") in _knoppen(antwoorden)
        antwoorden = await gesprek.stuur(onderwerp.naam.lower())
    _controleer_generiek(tekst_van(antwoorden), regel, kennisbank, voorbeelden, onderwerp)
    # The dialog has ended: a new question is a new question.
    ander = voorbeelden.onderwerp()
    assert voorbeelden.ao(ander).naam in tekst_van(await gesprek.stuur(f"wie is ambtelijk opdrachtgever voor {ander.naam}?"))


async def test_onderwerp_may_be_skipped_and_then_no_opdrachtgever_name_is_guessed(gesprek: TestGesprek) -> None:
    await gesprek.stuur("ik wil escaleren")
    await gesprek.stuur("Meningsverschil")
    await gesprek.stuur("Meningsverschil met een ander team of een collega")
    tekst = tekst_van(await gesprek.stuur("Geen onderwerp"))
    stappen = _stappen(tekst)
    assert stappen[0].startswith("1. **Ambtelijk opdrachtgever**:")
    assert "Marcel Kossen" not in stappen[0]


async def test_unknown_onderwerp_is_asked_again_then_given_up(gesprek: TestGesprek) -> None:
    await gesprek.stuur("ik wil escaleren")
    await gesprek.stuur("Geld en budget")
    antwoorden = await gesprek.stuur("Er is geen budget voor de opdracht")
    # the prompt carries suggested actions, so without bold (the Agents Playground shows it raw)
    assert zonder_nadruk(TEKSTEN.tekst("escalatie.vraag_onderwerp", situatie="Er is geen budget voor de opdracht")) in tekst_van(
        antwoorden
    )
    assert all("**" not in (a.get("text") or "") for a in antwoorden if a.get("suggestedActions"))
    eerste = tekst_van(await gesprek.stuur("qwxyz"))
    assert TEKSTEN.tekst("escalatie.onderwerp_onbekend", invoer="qwxyz") in eerste
    assert "Zo ga je te werk" not in eerste.met_knoppen
    tweede = tekst_van(await gesprek.stuur("zzzqq"))
    assert TEKSTEN.tekst("escalatie.onderwerp_opgegeven", invoer="zzzqq") in tweede
    assert "Zo ga je te werk" in tweede


@pytest.mark.beide_kennisbanken
async def test_wrong_choice_gets_a_clear_message_and_the_question_again(gesprek: TestGesprek) -> None:
    await gesprek.stuur("ik wil escaleren")
    antwoorden = await gesprek.stuur("7")
    assert TEKSTEN.tekst("escalatie.fout_keuze") in tekst_van(antwoorden)
    assert TEKSTEN.tekst("escalatie.vraag_groep") in tekst_van(antwoorden)


async def test_typing_the_situation_at_the_first_question_skips_the_group(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    await gesprek.stuur("ik wil escaleren")
    tekst = tekst_van(await gesprek.stuur("het CMT komt er niet uit"))
    _controleer_antwoord(tekst, _regel(kennisbank, "cmt-geen-overeenstemming"), kennisbank, met_namen=True)


@pytest.mark.beide_kennisbanken
async def test_stop_ends_the_dialog(gesprek: TestGesprek, voorbeelden) -> None:
    onderwerp = voorbeelden.onderwerp()
    await gesprek.stuur("ik wil escaleren")
    await gesprek.stuur("stop")
    assert voorbeelden.ao(onderwerp).naam in tekst_van(
        await gesprek.stuur(f"wie is ambtelijk opdrachtgever voor {onderwerp.naam}?")
    )


async def test_card_action_answers_stateless_and_twice(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    regel = _regel(kennisbank, "wat-vraag-past-niet")
    waarde = {"actie": "escalatie.route", "regel": regel.id, "onderwerp": "jeugdagenda"}
    eerste = tekst_van(await gesprek.stuur(waarde=waarde))
    tweede = tekst_van(await gesprek.stuur(waarde=waarde))
    _controleer_antwoord(eerste, regel, kennisbank, met_namen=True)
    assert eerste == tweede


@pytest.mark.beide_kennisbanken
async def test_card_action_with_unknown_rule_gives_a_dutch_message(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": "bestaat-niet"}))
    assert tekst == TEKSTEN.tekst("escalatie.regel_onbekend")


@pytest.mark.beide_kennisbanken
async def test_console_chat_gets_text_with_suggested_actions(bot_client, kennisbank: Kennisbank, voorbeelden) -> None:
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    antwoorden = await console.stuur("ik wil escaleren")
    assert not any(a.get("attachments") for a in antwoorden)
    assert _knoppen(antwoorden)[0] == kennisbank.bestanden.escalatie[0].groep
    await console.stuur("1")
    eerste = kennisbank.bestanden.escalatie[0]
    tekst = tekst_van(await console.stuur("1"))
    if heeft_onderwerp_nodig(eerste, kennisbank):
        onderwerp = voorbeelden.onderwerp()
        tekst = tekst_van(await console.stuur(onderwerp.naam.lower()))
        assert voorbeelden.ao(onderwerp).naam in tekst
    assert "Zo ga je te werk" in tekst


@pytest.mark.beide_kennisbanken
async def test_escalatie_is_in_the_help(gesprek: TestGesprek) -> None:
    assert "Escaleren" in tekst_van(await gesprek.stuur("help"))


@pytest.mark.parametrize(
    "vraag",
    [
        "ik heb een visieverschil met team x, mag ik naar het college?",
        "meningsverschil met de afdeling, kan ik naar de gemeenteraad?",
        "we hebben een conflict met een ander team, mag ik dat aan de portefeuillehouder melden?",
    ],
)
@pytest.mark.beide_kennisbanken
async def test_no_answer_routes_a_meningsverschil_to_the_bestuur(gesprek: TestGesprek, vraag: str) -> None:
    tekst = tekst_van(await gesprek.stuur(vraag))
    stappen = _stappen(tekst)
    assert stappen, tekst
    for label in BESTUURLIJKE_LABELS:
        assert all(label not in stap for stap in stappen), (vraag, label, stappen)


@pytest.mark.beide_kennisbanken
async def test_another_feature_command_ends_the_escalation_choice(gesprek, voorbeelden):
    """Regression: 'statusupdate' during the escalation choices starts the status update instead
    of being refused as an unknown choice (the escalation steps hold nothing typed)."""
    manager = voorbeelden.opdrachtgever_met_onderwerpen()
    gesprek.als = manager.id
    assert "Waar gaat het over?" in tekst_van(await gesprek.stuur("ik wil escaleren"))
    antwoord = tekst_van(await gesprek.stuur("statusupdate"))
    assert "herken ik niet" not in antwoord.met_knoppen
    assert voorbeelden.ambtelijk_van(manager)[0].naam in antwoord  # his onderwerpen to report on
    assert "Waar gaat het over?" not in tekst_van(await gesprek.stuur("help")).met_knoppen


@pytest.mark.beide_kennisbanken
async def test_empty_message_repeats_the_waiting_question(gesprek):
    """Regression: an empty message during a dialog repeats the question instead of the
    'Ik zie geen tekst' greeting, so the next answer still lands on the right question."""
    await gesprek.stuur("ik wil escaleren")
    antwoord = tekst_van(await gesprek.stuur("  "))
    assert "Waar gaat het over?" in antwoord and "Ik zie geen tekst" not in antwoord.met_knoppen
