"""Issue 13, wording and layout in Teams: a list and suggested actions never share one message
(the Agents Playground shows such a message as raw markdown; text after a list runs into its last
item), and an overview with nothing submitted does not call the silence good news."""

from __future__ import annotations

import re

from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_export import _geef_door
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

LIJST = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s", re.MULTILINE)
CONTROLLER = "noor-visser"


def _geen_lijst_met_knoppen(antwoorden: list[dict]) -> None:
    for activiteit in antwoorden:
        if (activiteit.get("suggestedActions") or {}).get("actions"):
            assert not LIJST.search(activiteit.get("text") or ""), activiteit["text"]


async def test_overview_with_nothing_submitted_is_not_good_news(gesprek: TestGesprek, met_intentie):
    met_intentie("rapportage.overzicht")
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("overzicht herfst 2026")
    tekst = tekst_van(antwoorden)
    assert "0 van 38" in tekst
    assert "alles is op koers" not in tekst.met_knoppen and "nog niets doorgegeven" in tekst
    _geen_lijst_met_knoppen(antwoorden)


async def test_overview_is_a_card_in_teams_and_split_text_in_the_console(gesprek: TestGesprek, met_intentie):
    await _geef_door(
        gesprek, "bram-de-wit", "jeugdagenda", status="afwijking", toelichting="Wachtlijst groeit", maatregel="Extra inzet"
    )
    met_intentie("rapportage.overzicht")
    gesprek.als = CONTROLLER
    antwoorden = await gesprek.stuur("overzicht herfst 2026")
    assert "alles is op koers" not in tekst_van(antwoorden).met_knoppen
    assert [a.get("text") for a in antwoorden] == [None] and antwoorden[0]["attachments"]  # one card, no markdown
    assert not any((a.get("suggestedActions") or {}).get("actions") for a in antwoorden)
    console = TestGesprek(gesprek.client, gesprek.kennisbank, kanaal="console")
    antwoorden = await console.stuur("overzicht herfst 2026", als=CONTROLLER)
    assert any(LIJST.search(a.get("text") or "") for a in antwoorden)
    knoppen = [a for a in antwoorden if (a.get("suggestedActions") or {}).get("actions")]
    assert knoppen and knoppen[-1]["text"] == "Wat wil je nu doen?"
    _geen_lijst_met_knoppen(antwoorden)


async def test_all_good_still_says_no_news_is_good_news(gesprek: TestGesprek, met_intentie):
    await _geef_door(gesprek, "jelle-arentsen", "binnenstad", status="op-koers", toelichting="Loopt volgens plan")
    met_intentie("rapportage.overzicht")
    gesprek.als = CONTROLLER
    assert "Niets gemeld als afwijking of aandachtspunt: alles is op koers." in tekst_van(
        await gesprek.stuur("overzicht herfst 2026")
    )


async def test_criteria_list_and_button_come_in_separate_messages(gesprek: TestGesprek, met_intentie):
    met_intentie("bestuursopdracht.vraag_criteria")
    antwoorden = await gesprek.stuur("welke criteria gelden voor een bestuursopdracht?")
    assert any(LIJST.search(a.get("text") or "") for a in antwoorden)
    assert any((a.get("suggestedActions") or {}).get("actions") for a in antwoorden)
    _geen_lijst_met_knoppen(antwoorden)
