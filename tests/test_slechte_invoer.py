"""Bad or hostile input over HTTP never gives a 500 or a trace: card data that is missing, of the
wrong type, or made up; odd activities. Every case gets a 2xx/4xx and, for messages, a Dutch reply."""

from __future__ import annotations

import pytest

from tests.conftest import TestGesprek, tekst_van

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

KAARTDATA = [
    {"actie": 5},
    {"actie": ""},
    {"actie": "."},
    {"actie": "onbekend.iets"},
    {"actie": "opdrachtgever.iets"},
    {"actie": "bestuursopdracht.beoordeel"},
    {"actie": "bestuursopdracht.beoordeel", "sleutel": "x" * 5000, "kenmerk": None, "opdracht": ["lijst"]},
    {"actie": "bestuursopdracht.beoordeel", "sleutel": "abc", "kenmerk": "verkeerd", "c1": "misschien"},
    {"actie": "bestuursopdracht.opnieuw"},
    {"actie": "bestuursopdracht.annuleer", "sleutel": 12},
    {"actie": "bestuursopdracht.bestaatniet"},
    {"actie": "escalatie.route"},
    {"actie": "escalatie.route", "regel": "bestaat-niet", "onderwerp": "bestaat-niet"},
    {"actie": "escalatie.route", "regel": {"x": 1}},
    {"actie": "escalatie.start", "groep": 42},
    {"actie": "rapportage.kaart"},
    {"actie": "rapportage.kaart", "onderwerp_id": "jeugdagenda", "periode_id": "bestaat-niet"},
    {"actie": "rapportage.controleer", "onderwerp_id": "jeugdagenda", "status": "vliegend", "bedrag": "veel"},
    {"actie": "rapportage.controleer", "onderwerp_id": "jeugdagenda", "status": "afwijking", "bedrag": "1e99"},
    {"actie": "rapportage.bevestig", "onderwerp_id": "jeugdagenda", "status": "op-koers", "sleutel": None},
    {"actie": "rapportage.bevestig", "onderwerp_id": ["jeugdagenda"], "periode_id": {"a": 1}},
    {"actie": "rapportage.wijzig", "onderwerp_id": "bestaat-niet"},
    {"actie": "rapportage.bestaatniet"},
]


@ALLEEN_SQLITE
@pytest.mark.parametrize("als", [None, "marcel-kossen", "noor-visser"])
async def test_made_up_card_data_gets_a_dutch_answer(gesprek: TestGesprek, als):
    gesprek.als = als
    for waarde in KAARTDATA:
        antwoorden = await gesprek.stuur(waarde=waarde)
        tekst = tekst_van(antwoorden)
        assert tekst, waarde
        assert "Traceback" not in tekst.met_knoppen and "Exception" not in tekst.met_knoppen, (waarde, tekst)
        assert "er ging iets mis aan mijn kant" not in tekst.met_knoppen, (waarde, tekst)  # handled, not crashed


@ALLEEN_SQLITE
@pytest.mark.parametrize(
    "activiteit",
    [
        {"type": "message", "value": "geen-dict"},
        {"type": "message", "value": ["lijst"]},
        {"type": "message", "text": "x" * 20000},
        {"type": "message", "text": "\u0000\u200b\ufeff"},
        {"type": "message", "text": "wie is AO voor <script>alert(1)</script>"},
        {"type": "message", "text": "'; DROP TABLE bot_status; --"},
        {"type": "message", "entities": "geen-lijst", "text": "hoi"},
        {"type": "invoke", "name": "adaptiveCard/action", "value": "geen-dict"},
        {"type": "invoke", "name": "adaptiveCard/action", "value": {"action": {"type": "Action.Submit"}}},
        {"type": "invoke", "name": "iets/onbekends"},
        {"type": "event", "name": "iets"},
        {"type": "typing"},
        {"type": "messageReaction"},
        {"type": "conversationUpdate", "membersRemoved": [{"id": "x"}]},
        {"type": "installationUpdate", "action": "remove"},
    ],
)
async def test_odd_activities_never_give_a_500(gesprek: TestGesprek, activiteit):
    status, body = await gesprek.post(gesprek.activiteit(**activiteit))
    assert status < 500, (activiteit, status, body)
    if activiteit["type"] == "message" and status == 200:
        tekst = tekst_van(body["activities"])
        assert "er ging iets mis aan mijn kant" not in tekst.met_knoppen, tekst
