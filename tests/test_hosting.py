"""The host over HTTP: expectReplies, normal delivery to serviceUrl, bad input, health, greeting, help."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.conftest import TestGesprek, tekst_van


async def test_jeugdagenda_expect_replies_names_marcel_kossen_and_source(gesprek: TestGesprek):
    antwoorden = await gesprek.stuur("wie is ambtelijk opdrachtgever voor de jeugdagenda?")
    tekst = tekst_van(antwoorden)
    assert "Marcel Kossen" in tekst
    assert "Bron: Deventer" in tekst and "factsheet V" in tekst
    assert antwoorden[0]["replyToId"]


async def test_healthz_reports_database_and_kennisbank(bot_client: TestClient):
    antwoord = await bot_client.get("/healthz")
    assert antwoord.status == 200
    body = await antwoord.json()
    assert body["status"] == "ok" and body["kennisbank"] == "Voorbeeldgemeente" and body["onderwerpen"] > 30


async def test_malformed_json_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", data=b"{niet json", headers={"Content-Type": "application/json"})
    assert antwoord.status == 400
    assert "JSON" in (await antwoord.json())["fout"]


async def test_activity_without_type_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", json={"text": "hallo"})
    assert antwoord.status == 400


async def test_activity_without_conversation_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", json={"type": "message", "text": "hallo"})
    assert antwoord.status == 400


async def test_wrong_content_type_gets_415(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", data="hallo", headers={"Content-Type": "text/plain"})
    assert antwoord.status == 415


async def test_json_array_gets_400(bot_client: TestClient):
    antwoord = await bot_client.post("/api/messages", json=[1, 2])
    assert antwoord.status == 400


async def test_install_greets_in_dutch(gesprek: TestGesprek):
    tekst = tekst_van(await gesprek.installeer())
    assert "Sturingsbot" in tekst and "help" in tekst


async def test_help_shows_examples(gesprek: TestGesprek, kennisbank):
    """The examples come from the loaded kennisbank (issue 16), not from the default texts."""
    for woord in ("help", "Hulp"):
        tekst = tekst_van(await gesprek.stuur(woord))
        assert "Dit kan ik voor je doen" in tekst
        assert kennisbank.bestanden.onderwerpen[0].naam.lower() in tekst


async def test_empty_message_gets_a_friendly_answer(gesprek: TestGesprek):
    tekst = tekst_van(await gesprek.stuur("   "))
    assert "Ik zie geen tekst" in tekst


async def test_teams_mention_is_stripped_in_personal_chat(gesprek: TestGesprek):
    antwoorden = await gesprek.stuur(
        "<at>Sturingsbot</at> wie is opdrachtgever voor de jeugdagenda",
        entities=[
            {"type": "mention", "text": "<at>Sturingsbot</at>", "mentioned": {"id": "28:sturingsbot", "name": "Sturingsbot"}}
        ],
    )
    assert "Marcel Kossen" in tekst_van(antwoorden)


async def test_normal_delivery_posts_reply_to_service_url(gesprek: TestGesprek, connector):
    activiteit = gesprek.activiteit(text="AO jeugdagenda", serviceUrl=connector.url)
    del activiteit["deliveryMode"]
    status, _ = await gesprek.post(activiteit)
    assert status in (200, 201, 202)
    ontvangen = await connector.wacht_op(1)
    assert "Marcel Kossen" in ontvangen[0]["text"]
    assert ontvangen[0]["conversation"]["id"] == gesprek.gesprek_id


async def test_bare_opdrachtgever_command_asks_for_the_onderwerp(gesprek: TestGesprek, kennisbank):
    """The Teams command 'opdrachtgever' has no onderwerp: ask for one, with examples to tap; each
    example (taken from the loaded kennisbank) answers with that onderwerp's ambtelijk opdrachtgever."""
    antwoorden = await gesprek.stuur("opdrachtgever")
    assert "Voor welk onderwerp" in antwoorden[0]["text"]
    voorbeelden = [a["value"] for a in antwoorden[0]["suggestedActions"]["actions"]]
    assert voorbeelden
    for voorbeeld in voorbeelden:
        [onderwerp] = [o for o in kennisbank.bestanden.onderwerpen if o.naam.lower() in voorbeeld.lower()]
        ao = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
        assert ao is not None and ao.naam in tekst_van(await gesprek.stuur(voorbeeld)), voorbeeld


def test_an_activity_is_read_as_the_sdk_reads_it():
    """`activiteit_uit_json` (msrest without its XML key lookups, issue 10 speed) reads what Teams
    sends exactly as `Activity().deserialize` does: nested accounts, entities, attachments, channel
    data, a card submit's value, timestamps, and unknown or wrongly typed fields."""
    from botbuilder.schema import Activity

    from bot.sdk_compat import activiteit_uit_json

    basis = {
        "type": "message",
        "id": "1",
        "timestamp": "2026-12-05T10:11:12.345Z",
        "localTimestamp": "2026-12-05T11:11:12.345+01:00",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
        "from": {"id": "29:1", "name": "Flora", "aadObjectId": "aad-1", "role": "user"},
        "conversation": {"id": "a:1", "conversationType": "personal", "tenantId": "t-1", "isGroup": False},
        "recipient": {"id": "28:bot", "name": "Sturingsbot"},
        "text": "<at>Sturingsbot</at> wie is AO?",
        "textFormat": "plain",
        "locale": "nl-NL",
        "entities": [{"type": "mention", "text": "<at>Sturingsbot</at>", "mentioned": {"id": "28:bot", "name": "S"}}],
        "attachments": [{"contentType": "text/html", "content": "<p>x</p>"}],
        "channelData": {"tenant": {"id": "t-1"}, "team": {"id": "19:x"}, "onderdelen": [1, {"a": None}]},
        "value": {"actie": "rapportage.bevestig", "sleutel": "s-1", "lijst": [1, 2]},
        "replyToId": "0",
        "onbekend": {"veld": True},
    }
    varianten = [
        basis,
        {**basis, "type": "invoke", "name": "adaptiveCard/action", "value": {"action": {"type": "Action.Execute", "data": {}}}},
        {**basis, "type": "conversationUpdate", "membersAdded": [{"id": "28:bot"}, {"id": "29:2", "name": "Bram"}]},
        {**basis, "value": "een tekst", "entities": None, "timestamp": "geen tijd", "from": {"id": 5}},
        {"type": "message"},
    ]

    def gelezen(lees, data):
        try:
            return lees(data).serialize()
        except Exception as fout:  # noqa: BLE001 — a bad shape must fail alike (the app answers 400)
            return type(fout)

    for data in varianten:
        assert gelezen(activiteit_uit_json, data) == gelezen(Activity().deserialize, data), data
    assert isinstance(gelezen(activiteit_uit_json, varianten[0]), dict)
    assert isinstance(gelezen(activiteit_uit_json, varianten[3]), type)  # the bad timestamp is refused, as by the SDK


async def test_replies_are_serialised_as_msrest_does(gesprek: TestGesprek, monkeypatch):
    """msrest visits only the set attributes of a model now (issue 10 speed, `bot.sdk_compat`): every
    model serialised during real turns (replies with text, cards, suggested actions, an escalation, a
    status update form; conversation references) gives the same JSON as msrest's own walk."""
    from msrest.serialization import Serializer

    from bot import sdk_compat

    assert Serializer._serialize is sdk_compat._serialiseer_gezette_velden  # the correction is in place
    vergeleken: list[str] = []
    verschillen: list[tuple[object, object]] = []

    def beide(self, target_obj, data_type=None, **kwargs):
        snel = sdk_compat._serialiseer_gezette_velden(self, target_obj, data_type, **dict(kwargs))
        msrest = sdk_compat._MSREST_SERIALIZE(self, target_obj, data_type, **dict(kwargs))
        vergeleken.append(type(target_obj).__name__)
        if snel != msrest:
            verschillen.append((snel, msrest))
        return msrest

    monkeypatch.setattr(Serializer, "_serialize", beide)
    gesprek.als = "marcel-kossen"
    antwoorden = []
    for tekst in ("help", "wie is ambtelijk opdrachtgever voor de jeugdagenda?", "ik wil escaleren", "statusupdate", "stop"):
        antwoorden += await gesprek.stuur(tekst)
    assert any(a.get("attachments") for a in antwoorden) and any(a.get("suggestedActions") for a in antwoorden)
    assert {"ExpectedReplies", "Activity", "Attachment"} <= set(vergeleken)
    assert verschillen == []
