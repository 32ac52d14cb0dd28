"""Issue 6: how the bot behaves in Teams, through the real app over HTTP.

Channels and group chats: only when @mentioned, replies in the thread. Personal chat: a greeting on
install. Card submits as a message with `value` and as an `adaptiveCard/action` invoke, the card
replaced in place, duplicate deliveries handled once.

Card actions are exercised with a small test feature (`proef`) added to the running app, so these
tests check the host's Teams handling and not any one feature's questions.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

import pytest
from botbuilder.dialogs import DialogContext
from sqlalchemy import func, select

from bot.app import GEMEENTEBOT
from db.modellen.fundament import Gespreksreferentie, OnbeantwoordeVraag
from dialogen.feature import Feature
from dialogen.kaarten import adaptive_card, submit_actie, vervang_kaart
from tests.conftest import TestGesprek, tekst_van
from tests.nep_connector import NepConnector

BOT = {"id": "28:sturingsbot", "name": "Sturingsbot"}
TENANT = {"id": "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"}
KANAAL_DRAAD = "19:planning-en-control@thread.tacv2;messageid=1732262400000"
GROEPSCHAT = "19:meeting_Zm9vYmFy@thread.v2"
VRAAG = "wie is opdrachtgever voor de jeugdagenda"


def vermelding(wie: dict[str, str] = BOT) -> tuple[str, list[dict[str, Any]]]:
    """Text and entities of an @mention as Teams sends them."""
    tag = f"<at>{wie['name']}</at>"
    return tag, [{"type": "mention", "text": tag, "mentioned": wie}]


GROEPEN = {
    "channel": {
        "conversation": {"id": KANAAL_DRAAD, "conversationType": "channel", "isGroup": True, "tenantId": TENANT["id"]},
        "channelData": {
            "teamsChannelId": "19:planning-en-control@thread.tacv2",
            "teamsTeamId": "19:team-concern@thread.tacv2",
            "channel": {"id": "19:planning-en-control@thread.tacv2"},
            "team": {"id": "19:team-concern@thread.tacv2"},
            "tenant": TENANT,
        },
    },
    "groupChat": {
        "conversation": {"id": GROEPSCHAT, "conversationType": "groupChat", "isGroup": True, "tenantId": TENANT["id"]},
        "channelData": {"tenant": TENANT},
    },
}


# --- a card feature for the tests, and a stand-in for the Teams channel service ---------------


class ProefFeature(Feature):
    """Answers card actions `proef.kies` (and replaces the card) and `proef.noteer` (keeps it);
    `"traag": true` in the data makes it wait until the test sets `vrijgave`."""

    naam = "proef"

    def __init__(self, diensten) -> None:
        super().__init__(diensten)
        self.acties: list[dict[str, Any]] = []
        self.vrijgave = asyncio.Event()

    async def behandel_actie(self, dc: DialogContext, actie: str, waarde: dict[str, Any]) -> None:
        self.acties.append({**waarde, "actie": actie})
        if waarde.get("traag"):
            await self.vrijgave.wait()
        await dc.context.send_activity(f"Keuze ontvangen: {waarde.get('keuze')}")
        if actie == "kies":
            vervang_kaart(dc.context, adaptive_card([{"type": "TextBlock", "text": f"Gekozen: {waarde.get('keuze')}"}]))


Kanaal = NepConnector


@pytest.fixture
def kanaal(connector: NepConnector) -> NepConnector:
    return connector


@pytest.fixture
def proef(bot_client) -> ProefFeature:
    gesprek = bot_client.app[GEMEENTEBOT].router
    feature = ProefFeature(gesprek.diensten)
    gesprek.features[feature.naam] = feature
    return feature


@pytest.fixture
def teams(bot_client, kennisbank, kanaal: Kanaal) -> TestGesprek:
    """A personal Teams chat whose serviceUrl is our stand-in channel service."""
    gesprek = TestGesprek(bot_client, kennisbank, gesprek_id=f"a:1persoonlijk-{uuid.uuid4().hex[:8]}")
    gesprek.als = "marcel-kossen"  # matched on aadObjectId: no member lookup needed
    return gesprek


def _teams(gesprek: TestGesprek, kanaal: Kanaal, **velden: Any) -> dict[str, Any]:
    velden.setdefault("serviceUrl", kanaal.url)
    velden.setdefault("channelData", {"tenant": TENANT})
    return gesprek.activiteit(**velden)


async def _aantal(bot_client, model) -> int:
    async with bot_client.app[GEMEENTEBOT].sessies() as sessie:
        return await sessie.scalar(select(func.count()).select_from(model))


# --- channels and group chats: only when mentioned, answer in the thread -----------------------


@pytest.mark.parametrize("soort", GROEPEN)
async def test_groepsgesprek_zonder_vermelding_blijft_stil(bot_client, teams: TestGesprek, kanaal: Kanaal, soort: str):
    activiteit = _teams(teams, kanaal, text="wie is opdrachtgever voor de kerstmarkt", **GROEPEN[soort])
    status, body = await teams.post(activiteit)
    assert status == 200 and body["activities"] == []
    assert await _aantal(bot_client, OnbeantwoordeVraag) == 0  # not even looked up
    assert await _aantal(bot_client, Gespreksreferentie) == 0


@pytest.mark.parametrize("soort", GROEPEN)
async def test_groepsgesprek_met_vermelding_antwoordt_in_de_draad(teams: TestGesprek, kanaal: Kanaal, soort: str):
    tag, entiteiten = vermelding()
    activiteit = _teams(teams, kanaal, id="1732262500000", text=f"{tag} {VRAAG}?", entities=entiteiten, **GROEPEN[soort])
    status, body = await teams.post(activiteit)
    assert status == 200
    antwoorden = body["activities"]
    assert "Marcel Kossen" in tekst_van(antwoorden)
    for antwoord in antwoorden:
        assert antwoord["conversation"]["id"] == GROEPEN[soort]["conversation"]["id"]  # the same thread
        assert antwoord["replyToId"] == "1732262500000"


@pytest.mark.parametrize("soort", GROEPEN)
async def test_vermelding_van_iemand_anders_is_niet_voor_de_bot(teams: TestGesprek, kanaal: Kanaal, soort: str, caplog):
    caplog.set_level(logging.DEBUG, logger="bot.teams_bot")
    tag, entiteiten = vermelding({"id": "29:collega", "name": "Noor Visser"})
    activiteit = _teams(teams, kanaal, text=f"{tag} {VRAAG}?", entities=entiteiten, **GROEPEN[soort])
    status, body = await teams.post(activiteit)
    assert status == 200 and body["activities"] == []
    # At DEBUG the log says why (a mention, not of the bot), never what was asked.
    regels = [r.getMessage() for r in caplog.records if r.name == "bot.teams_bot"]
    assert regels == ["Groepsbericht zonder vermelding van de bot genegeerd (entiteiten: ['mention'])"], regels


async def test_vermelding_midden_in_de_zin_wordt_weggehaald(teams: TestGesprek, kanaal: Kanaal):
    tag, entiteiten = vermelding()
    activiteit = _teams(teams, kanaal, text=f"{VRAAG}, {tag}?", entities=entiteiten, **GROEPEN["channel"])
    status, body = await teams.post(activiteit)
    assert status == 200 and "Marcel Kossen" in tekst_van(body["activities"])


async def test_kaart_in_een_kanaal_werkt_zonder_vermelding(teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature):
    activiteit = _teams(teams, kanaal, text="", value={"actie": "proef.noteer", "keuze": "b"}, **GROEPEN["channel"])
    status, body = await teams.post(activiteit)
    assert status == 200 and "Keuze ontvangen: b" in tekst_van(body["activities"])
    assert [a["keuze"] for a in proef.acties] == ["b"]


# --- personal chat: greeting on install --------------------------------------------------------


async def test_installatie_in_persoonlijke_chat_begroet(teams: TestGesprek, kanaal: Kanaal):
    activiteit = _teams(teams, kanaal, type="conversationUpdate", membersAdded=[BOT])
    status, body = await teams.post(activiteit)
    assert status == 200
    tekst = tekst_van(body["activities"])
    assert "Ik ben Sturingsbot" in tekst and "help" in tekst


async def test_installatie_in_een_team_stuurt_geen_rondzendbericht(teams: TestGesprek, kanaal: Kanaal):
    groep = GROEPEN["channel"]
    activiteit = _teams(
        teams,
        kanaal,
        type="conversationUpdate",
        membersAdded=[BOT],
        conversation=groep["conversation"],
        channelData={**groep["channelData"], "eventType": "teamMemberAdded"},
    )
    status, body = await teams.post(activiteit)
    assert status == 200 and body["activities"] == []


# --- card submits: as a message with value, and as an adaptiveCard/action invoke ----------------


async def test_kaart_als_bericht_met_value_wordt_ter_plekke_vervangen(teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature):
    activiteit = _teams(teams, kanaal, text="", value={"actie": "proef.kies", "keuze": "a"}, replyToId="kaart-42")
    status, body = await teams.post(activiteit)
    assert status == 200
    assert "Keuze ontvangen: a" in tekst_van(body["activities"])
    assert proef.acties == [{"actie": "kies", "keuze": "a"}]
    assert len(kanaal.bijgewerkt) == 1
    activiteit_id, update = kanaal.bijgewerkt[0]
    assert activiteit_id == "kaart-42" and update["id"] == "kaart-42"
    kaart = update["attachments"][0]
    assert kaart["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert kaart["content"]["body"][0]["text"] == "Gekozen: a"


async def test_kaart_als_invoke_krijgt_de_nieuwe_kaart_als_antwoord(teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature):
    actie = submit_actie("Kies A", {"actie": "proef.kies", "keuze": "a"})
    activiteit = _invoke(teams, kanaal, {"type": "Action.Execute", "verb": "kies", "data": actie["data"]})
    status, body = await teams.post(activiteit)
    assert status == 200
    assert body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    assert body["value"]["type"] == "AdaptiveCard" and body["value"]["body"][0]["text"] == "Gekozen: a"
    assert proef.acties == [{"actie": "kies", "keuze": "a"}]
    # the feature's message goes to the conversation; the card itself is replaced by the invoke answer
    assert [a["text"] for a in kanaal.verstuurd] == ["Keuze ontvangen: a"]
    assert kanaal.bijgewerkt == []


async def test_invoke_zonder_nieuwe_kaart_krijgt_een_bericht_als_antwoord(
    teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature
):
    activiteit = _invoke(teams, kanaal, {"type": "Action.Execute", "data": {"actie": "proef.noteer", "keuze": "c"}})
    status, body = await teams.post(activiteit)
    assert status == 200 and body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.activity.message" and body["value"]
    assert [a["keuze"] for a in proef.acties] == ["c"]


async def test_invoke_voor_een_onbekende_actie_geeft_een_nette_melding(teams: TestGesprek, kanaal: Kanaal):
    activiteit = _invoke(teams, kanaal, {"type": "Action.Execute", "data": {"actie": "bestaat.niet"}})
    status, body = await teams.post(activiteit)
    assert status == 200 and body["statusCode"] == 200
    assert "Deze knop ken ik niet" in " ".join(a.get("text", "") for a in kanaal.verstuurd)


def _invoke(gesprek: TestGesprek, kanaal: Kanaal, actie: dict[str, Any], **velden: Any) -> dict[str, Any]:
    """An adaptiveCard/action invoke as Teams sends it (no expectReplies: the answer is the invoke response)."""
    activiteit = _teams(
        gesprek,
        kanaal,
        type="invoke",
        name="adaptiveCard/action",
        replyToId="kaart-7",
        value={"action": actie, "trigger": "manual"},
        **velden,
    )
    del activiteit["deliveryMode"]
    return activiteit


# --- duplicate deliveries ----------------------------------------------------------------------


async def test_dubbele_levering_van_een_kaartsubmit_wordt_een_keer_verwerkt(
    teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature
):
    activiteit = _teams(teams, kanaal, id="teams-1", text="", value={"actie": "proef.kies", "keuze": "a"}, replyToId="kaart-1")
    eerste = await teams.post(activiteit)
    tweede = await teams.post(activiteit)
    assert eerste[0] == tweede[0] == 200
    assert eerste[1]["activities"] and tweede[1]["activities"] == []
    assert len(proef.acties) == 1 and len(kanaal.bijgewerkt) == 1


async def test_dubbele_levering_in_een_kanaal_wordt_een_keer_beantwoord(bot_client, teams: TestGesprek, kanaal: Kanaal):
    tag, entiteiten = vermelding()
    activiteit = _teams(
        teams, kanaal, id="1732262600000", text=f"{tag} wie gaat over de marsmissie", entities=entiteiten, **GROEPEN["channel"]
    )
    eerste = await teams.post(activiteit)
    tweede = await teams.post(activiteit)
    assert eerste[1]["activities"] and tweede[1]["activities"] == []
    assert await _aantal(bot_client, OnbeantwoordeVraag) == 1


async def test_dubbele_levering_van_een_invoke_wordt_een_keer_verwerkt(teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature):
    activiteit = _invoke(teams, kanaal, {"type": "Action.Execute", "data": {"actie": "proef.kies", "keuze": "a"}}, id="invoke-1")
    eerste = await teams.post(activiteit)
    tweede = await teams.post(activiteit)
    assert len(proef.acties) == 1 and len(kanaal.verstuurd) == 1
    assert eerste[0] == 200 and eerste[1]["statusCode"] == 200
    # Teams shows an error to the user for any invoke answer other than 200
    assert tweede[0] == 200, tweede


# --- slow work: acknowledged within Teams' time limit, finished with a proactive message --------


async def test_trage_kaartactie_wordt_eerst_bevestigd_en_daarna_afgemaakt(
    bot_client, teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature
):
    bot_client.app[GEMEENTEBOT].bot.invoke_tijdslimiet = 0.2
    activiteit = _invoke(
        teams, kanaal, {"type": "Action.Execute", "data": {"actie": "proef.noteer", "keuze": "t", "traag": True}}
    )
    async with asyncio.timeout(10):  # only a guard against hanging: the work is held until `vrijgave`
        status, body = await teams.post(activiteit)
    assert not proef.vrijgave.is_set() and proef.acties  # answered while the work was still under way
    assert status == 200 and body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.activity.message" and body["value"]
    assert kanaal.verstuurd == []
    proef.vrijgave.set()
    await kanaal.wacht_op(1)  # the result arrives as a separate (proactive) message
    assert [a["text"] for a in kanaal.verstuurd] == ["Keuze ontvangen: t"]
    assert kanaal.verstuurd[0]["conversation"]["id"] == teams.gesprek_id


async def test_trage_kaartactie_vervangt_de_kaart_alsnog(bot_client, teams: TestGesprek, kanaal: Kanaal, proef: ProefFeature):
    """After the acknowledgement the new card cannot go in the invoke answer: the card is updated instead."""
    bot_client.app[GEMEENTEBOT].bot.invoke_tijdslimiet = 0.2
    activiteit = _invoke(teams, kanaal, {"type": "Action.Execute", "data": {"actie": "proef.kies", "keuze": "t", "traag": True}})
    async with asyncio.timeout(10):  # only a guard against hanging: the work is held until `vrijgave`
        status, body = await teams.post(activiteit)
    assert status == 200 and body["type"] == "application/vnd.microsoft.activity.message"
    assert kanaal.bijgewerkt == []
    proef.vrijgave.set()
    await kanaal.wacht_op_bijwerking(1)
    activiteit_id, update = kanaal.bijgewerkt[0]
    assert activiteit_id == "kaart-7"
    assert update["attachments"][0]["content"]["body"][0]["text"] == "Gekozen: t"
