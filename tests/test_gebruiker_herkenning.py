"""Who is asking: a Teams user whose aadObjectId is not in the kennisbank is matched on the e-mail
Teams gives for them, asked once per user (not on every message)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.conftest import TestGesprek, tekst_van

MARCEL = {
    "id": "29:onbekend-aad",
    "name": "M. Kossen",
    "email": "Marcel.Kossen@voorbeeldgemeente.nl",
    "userPrincipalName": "marcel.kossen@voorbeeldgemeente.nl",
}


def _zonder_aad(gesprek: TestGesprek, connector, tekst: str) -> dict:
    activiteit = gesprek.activiteit(text=tekst, serviceUrl=connector.url)
    activiteit["from"] = {"id": "29:onbekend-aad", "name": "M. Kossen"}
    activiteit["channelData"] = {"tenant": {"id": "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"}}  # as Teams sends it
    return activiteit


async def test_teams_user_is_matched_on_e_mail_once(gesprek: TestGesprek, connector):
    connector.leden["29:onbekend-aad"] = MARCEL
    for _ in range(2):
        status, body = await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate"))
        assert status == 200
        assert "Jeugdagenda" in tekst_van(body["activities"])  # his onderwerpen: he was recognised
    assert connector.ledenvragen == ["29:onbekend-aad"]


async def test_unknown_teams_user_is_not_matched_and_gets_a_polite_answer(gesprek: TestGesprek, connector):
    status, body = await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate jeugdagenda"))
    assert status == 200
    tekst = tekst_van(body["activities"])
    assert "staat niet in de kennisbank" in tekst
    assert "Marcel Kossen of Bram de Wit" in tekst  # who can, for the onderwerp they named
    assert connector.ledenvragen == ["29:onbekend-aad"]  # asked (404: not a member), no crash


async def test_a_hanging_member_lookup_gives_up_and_is_asked_again_after_a_while(gesprek: TestGesprek, connector, klok):
    """Teams' member API hangs: the turn goes on unmatched after TEAMS_OPZOEK_TIMEOUT (1.5 s in tests)
    instead of waiting for it; the failure is remembered for 5 minutes, a real answer for 12 hours."""
    connector.leden_hangen = True
    async with asyncio.timeout(30):  # a guard: without the lookup's own timeout this turn would wait for Teams
        status, body = await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate jeugdagenda"))
    assert status == 200 and "staat niet in de kennisbank" in tekst_van(body["activities"])
    assert connector.hangend == 1  # the turn answered while Teams still had not
    await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate jeugdagenda"))
    assert connector.ledenvragen == ["29:onbekend-aad"]  # the failure is remembered: not asked on every message

    connector.leden_hangen = False
    connector.leden["29:onbekend-aad"] = MARCEL
    connector.los.set()
    klok.zet(klok.moment + timedelta(minutes=6))
    status, body = await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate"))
    assert "Jeugdagenda" in tekst_van(body["activities"])  # asked again after minutes, and recognised
    assert connector.ledenvragen == ["29:onbekend-aad"] * 2

    klok.zet(klok.moment + timedelta(hours=11))
    await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate"))
    assert connector.ledenvragen == ["29:onbekend-aad"] * 2  # a real answer is kept for hours
    klok.zet(klok.moment + timedelta(hours=2))
    status, body = await gesprek.post(_zonder_aad(gesprek, connector, "statusupdate"))
    assert "Jeugdagenda" in tekst_van(body["activities"])
    assert connector.ledenvragen == ["29:onbekend-aad"] * 3  # and asked again after 12 hours
