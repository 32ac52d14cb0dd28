"""Who is asking: a Teams user whose aadObjectId is not in the kennisbank is matched on the e-mail
Teams gives for them, asked once per user (not on every message)."""

from __future__ import annotations

from tests.conftest import TestGesprek, tekst_van


def _zonder_aad(gesprek: TestGesprek, connector, tekst: str) -> dict:
    activiteit = gesprek.activiteit(text=tekst, serviceUrl=connector.url)
    activiteit["from"] = {"id": "29:onbekend-aad", "name": "M. Kossen"}
    activiteit["channelData"] = {"tenant": {"id": "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"}}  # as Teams sends it
    return activiteit


async def test_teams_user_is_matched_on_e_mail_once(gesprek: TestGesprek, connector):
    connector.leden["29:onbekend-aad"] = {
        "id": "29:onbekend-aad",
        "name": "M. Kossen",
        "email": "Marcel.Kossen@voorbeeldgemeente.nl",
        "userPrincipalName": "marcel.kossen@voorbeeldgemeente.nl",
    }
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
