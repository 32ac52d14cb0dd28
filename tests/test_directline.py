"""The local Direct Line 3.0 stand-in (bot/directline.py) against a small fake bot of our own.

The fake bot behaves like a Bot Framework bot in anonymous mode: it receives activities on
/api/messages and posts its replies to the activity's serviceUrl.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer, unused_port

from bot import webchat_server
from bot.__main__ import main
from bot.cli import webchat as webchat_cli
from bot.directline import DirectLineOpslag, maak_directline_app
from bot.settings import Settings
from bot.webchat_server import BundelOntbreekt, maak_webchat_app


@dataclass
class NepBot:
    """Records what it receives; answers per text, the way the real bot's connector client would."""

    ontvangen: list[dict[str, Any]] = field(default_factory=list)
    antwoorden: list[dict[str, Any]] = field(default_factory=list)

    async def berichten(self, request: web.Request) -> web.Response:
        activiteit = await request.json()
        self.ontvangen.append(activiteit)
        basis = f"{activiteit['serviceUrl'].rstrip('/')}/v3/conversations/{activiteit['conversation']['id']}/activities"
        tekst = activiteit.get("text")
        async with aiohttp.ClientSession() as sessie:
            if activiteit["type"] == "conversationUpdate":
                await self._post(sessie, basis, {"type": "message", "text": "Welkom!"})
            elif tekst == "fout":
                return web.json_response({"fout": "kapot"}, status=500)
            elif tekst == "kaart":
                id_ = await self._post(sessie, f"{basis}/{activiteit['id']}", {"type": "message", "text": "kaart v1"})
                async with sessie.put(f"{basis}/{id_}", json={"type": "message", "text": "kaart v2"}) as antwoord:
                    assert antwoord.status == 200, await antwoord.text()
            elif tekst == "weg":
                id_ = await self._post(sessie, basis, {"type": "message", "text": "even"})
                async with sessie.delete(f"{basis}/{id_}") as antwoord:
                    assert antwoord.status == 200
            elif activiteit["type"] == "message":
                await self._post(sessie, f"{basis}/{activiteit['id']}", {"type": "message", "text": f"echo: {tekst}"})
        return web.Response(status=201)

    async def _post(self, sessie: aiohttp.ClientSession, url: str, activiteit: dict[str, Any]) -> str:
        activiteit = {**activiteit, "from": {"id": "sturingsbot", "name": "Sturingsbot"}}
        async with sessie.post(url, json=activiteit) as antwoord:
            body = await antwoord.json()
            assert antwoord.status == 200, body
        self.antwoorden.append(body)
        return body["id"]


class DirectLineKlok:
    """The Direct Line server's clock in these tests: a moment the test moves by hand (`moment`)."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


@dataclass
class Omgeving:
    client: TestClient
    bot: NepBot
    opslag: DirectLineOpslag
    klok: DirectLineKlok

    async def start(self, gebruiker: dict[str, Any] | None = None) -> tuple[str, str]:
        antwoord = await self.client.post(
            "/v3/directline/tokens/generate", json={"user": gebruiker or {"id": "u1", "name": "Ulla"}}
        )
        assert antwoord.status == 200
        token = (await antwoord.json())["token"]
        antwoord = await self.client.post("/v3/directline/conversations", headers=kop(token))
        assert antwoord.status == 201, await antwoord.text()
        return token, (await antwoord.json())["conversationId"]

    async def lees(self, token: str, gesprek: str, watermark: str | None = None) -> tuple[list[dict[str, Any]], str]:
        pad = f"/v3/directline/conversations/{gesprek}/activities"
        params = {"watermark": watermark} if watermark is not None else {}
        antwoord = await self.client.get(pad, headers=kop(token), params=params)
        assert antwoord.status == 200, await antwoord.text()
        body = await antwoord.json()
        return body["activities"], body["watermark"]

    async def stuur(self, token: str, gesprek: str, activiteit: dict[str, Any]) -> aiohttp.ClientResponse:
        return await self.client.post(f"/v3/directline/conversations/{gesprek}/activities", headers=kop(token), json=activiteit)


def kop(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def omgeving() -> AsyncIterator[Omgeving]:
    nepbot = NepBot()
    bot_app = web.Application()
    bot_app.router.add_post("/api/messages", nepbot.berichten)
    bot_server = TestServer(bot_app)
    await bot_server.start_server()
    klok = DirectLineKlok()
    opslag = DirectLineOpslag(klok=klok, max_activiteiten=50)
    root = web.Application()
    root.add_subapp("/v3", maak_directline_app(str(bot_server.make_url("/api/messages")), opslag=opslag))
    client = TestClient(TestServer(root))
    await client.start_server()
    yield Omgeving(client, nepbot, opslag, klok)
    await client.close()
    await bot_server.close()


async def test_start_sends_members_added_to_the_bot_and_its_welcome_reaches_the_client(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start({"id": "u1", "name": "Ulla", "aadObjectId": "aad-1"})

    update = omgeving.bot.ontvangen[0]
    assert update["type"] == "conversationUpdate"
    assert update["channelId"] == "directline"
    assert update["conversation"] == {"id": gesprek}
    assert update["serviceUrl"] == str(omgeving.client.make_url("/")).rstrip("/")
    assert [lid["id"] for lid in update["membersAdded"]] == ["sturingsbot", "u1"]
    activiteiten, _ = await omgeving.lees(token, gesprek)
    assert [a["text"] for a in activiteiten] == ["Welkom!"]
    assert "replyToId" not in activiteiten[0]


async def test_watermark_returns_only_newer_activities(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    eerste, watermark = await omgeving.lees(token, gesprek)
    assert (len(eerste), watermark) == (1, "1")

    assert (await omgeving.stuur(token, gesprek, {"type": "message", "text": "hoi"})).status == 200
    nieuw, watermark2 = await omgeving.lees(token, gesprek, watermark)
    assert sorted(a["text"] for a in nieuw) == ["echo: hoi", "hoi"]
    assert watermark2 == "3"
    assert await omgeving.lees(token, gesprek, watermark2) == ([], "3")
    alles, _ = await omgeving.lees(token, gesprek, "")
    assert len(alles) == 3


async def test_user_activity_is_forwarded_unchanged_and_echoed_with_its_channel_data(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start({"id": "u1", "name": "Ulla", "aadObjectId": "aad-1"})
    verstuurd = {
        "type": "message",
        "text": "",
        "value": {"actie": "bestuursopdracht.controleer", "strategisch": "true"},
        "from": {"id": "u1", "name": "Ulla", "role": "user"},
        "locale": "nl-NL",
        "channelData": {"clientActivityID": "abc123", "clientTimestamp": "2026-11-22T10:00:00.000Z"},
        "entities": [{"type": "ClientCapabilities"}],
    }

    antwoord = await omgeving.stuur(token, gesprek, verstuurd)

    assert antwoord.status == 200
    activiteit_id = (await antwoord.json())["id"]
    bij_bot = omgeving.bot.ontvangen[-1]
    for sleutel in ("type", "text", "value", "locale", "channelData", "entities"):
        assert bij_bot[sleutel] == verstuurd[sleutel]
    assert bij_bot["id"] == activiteit_id
    assert bij_bot["from"] == {"id": "u1", "name": "Ulla", "role": "user", "aadObjectId": "aad-1"}
    assert bij_bot["recipient"]["id"] == "sturingsbot"
    assert bij_bot["channelId"] == "directline"
    activiteiten, _ = await omgeving.lees(token, gesprek, "1")
    echo = next(a for a in activiteiten if a["id"] == activiteit_id)
    assert echo["channelData"]["clientActivityID"] == "abc123"
    assert echo["value"] == verstuurd["value"]


async def test_echo_is_ordered_before_the_reply_by_timestamp(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    await omgeving.stuur(token, gesprek, {"type": "message", "text": "hoi", "channelData": {"clientActivityID": "x"}})

    activiteiten, _ = await omgeving.lees(token, gesprek, "1")
    op_tijd = sorted(activiteiten, key=lambda a: a["timestamp"])

    assert [a["text"] for a in op_tijd] == ["hoi", "echo: hoi"]
    assert op_tijd[1]["replyToId"] == op_tijd[0]["id"]


async def test_reply_without_reply_to_id_is_accepted(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    activiteiten, _ = await omgeving.lees(token, gesprek)
    assert activiteiten[0]["text"] == "Welkom!"
    assert activiteiten[0]["from"]["id"] == "sturingsbot"
    assert activiteiten[0]["id"].startswith(f"{gesprek}|")


async def test_update_replaces_the_activity_keeping_id_and_timestamp(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    _, watermark = await omgeving.lees(token, gesprek)
    await omgeving.stuur(token, gesprek, {"type": "message", "text": "kaart"})

    nieuw, _ = await omgeving.lees(token, gesprek, watermark)
    alles, _ = await omgeving.lees(token, gesprek)

    kaart_id = omgeving.bot.antwoorden[-1]["id"]
    kaarten = [a for a in alles if a["id"] == kaart_id]
    assert [a["text"] for a in kaarten] == ["kaart v2"]
    assert [a["text"] for a in nieuw if a["id"] == kaart_id] == ["kaart v2"]
    echo = next(a for a in alles if a["text"] == "kaart")
    assert kaarten[0]["timestamp"] > echo["timestamp"]


async def test_update_or_delete_of_an_unknown_activity_is_404(omgeving: Omgeving) -> None:
    _, gesprek = await omgeving.start()
    pad = f"/v3/conversations/{gesprek}/activities/onbekend"
    assert (await omgeving.client.put(pad, json={"type": "message"})).status == 404
    assert (await omgeving.client.delete(pad)).status == 404
    assert (await omgeving.client.post("/v3/conversations/bestaat-niet/activities", json={"type": "message"})).status == 404


async def test_delete_removes_the_activity(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    await omgeving.stuur(token, gesprek, {"type": "message", "text": "weg"})
    alles, _ = await omgeving.lees(token, gesprek)
    assert [a["text"] for a in alles] == ["Welkom!", "weg"]


async def test_token_refresh_gives_a_working_token_for_the_same_conversation(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()

    antwoord = await omgeving.client.post("/v3/directline/tokens/refresh", headers=kop(token))

    assert antwoord.status == 200
    body = await antwoord.json()
    assert body["conversationId"] == gesprek
    assert body["token"] != token
    assert body["expires_in"] == 3600
    activiteiten, _ = await omgeving.lees(body["token"], gesprek)
    assert [a["text"] for a in activiteiten] == ["Welkom!"]


async def test_expired_or_unknown_tokens_are_refused(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    pad = f"/v3/directline/conversations/{gesprek}/activities"

    onbekend = await omgeving.client.get(pad, headers=kop("verzonnen"))
    zonder = await omgeving.client.get(pad)
    omgeving.klok.moment += timedelta(hours=2)
    verlopen = await omgeving.client.post("/v3/directline/tokens/refresh", headers=kop(token))

    assert onbekend.status == zonder.status == 403
    assert verlopen.status == 403
    assert (await verlopen.json())["error"]["code"] == "TokenExpired"


async def test_a_token_only_opens_its_own_conversation(omgeving: Omgeving) -> None:
    token_a, _ = await omgeving.start()
    _, gesprek_b = await omgeving.start({"id": "u2"})

    antwoord = await omgeving.client.get(f"/v3/directline/conversations/{gesprek_b}/activities", headers=kop(token_a))

    assert antwoord.status == 403


async def test_starting_twice_with_one_token_keeps_one_conversation(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    antwoord = await omgeving.client.post("/v3/directline/conversations", headers=kop(token))
    assert antwoord.status == 200
    assert (await antwoord.json())["conversationId"] == gesprek
    assert [a["type"] for a in omgeving.bot.ontvangen] == ["conversationUpdate"]


async def test_bot_failure_is_a_502_and_the_message_is_not_echoed(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()

    antwoord = await omgeving.stuur(token, gesprek, {"type": "message", "text": "fout", "channelData": {"clientActivityID": "f"}})

    assert antwoord.status == 502
    assert (await antwoord.json())["error"]["code"] == "BotError"
    activiteiten, _ = await omgeving.lees(token, gesprek)
    assert [a["text"] for a in activiteiten] == ["Welkom!"]


async def test_unreachable_bot_is_a_502() -> None:
    root = web.Application()
    root.add_subapp("/v3", maak_directline_app("http://127.0.0.1:9/api/messages"))
    async with TestClient(TestServer(root)) as client:
        token = (await (await client.post("/v3/directline/tokens/generate")).json())["token"]
        start = await client.post("/v3/directline/conversations", headers=kop(token))
        gesprek = (await start.json())["conversationId"]
        antwoord = await client.post(
            f"/v3/directline/conversations/{gesprek}/activities", headers=kop(token), json={"type": "message", "text": "hoi"}
        )
        fout = await antwoord.json()
    assert start.status == 201
    assert antwoord.status == 502
    assert fout["error"]["code"] == "BotUnavailable"


@pytest.mark.parametrize(
    ("body", "params", "status"),
    [
        ("geen json", {}, 400),
        ("[1, 2]", {}, 400),
        ('{"text": "zonder type"}', {}, 400),
    ],
)
async def test_bad_client_requests_get_a_clear_400(omgeving: Omgeving, body: str, params: dict, status: int) -> None:
    token, gesprek = await omgeving.start()
    antwoord = await omgeving.client.post(
        f"/v3/directline/conversations/{gesprek}/activities",
        headers={**kop(token), "Content-Type": "application/json"},
        data=body,
    )
    assert antwoord.status == status
    assert (await antwoord.json())["error"]["code"] == "BadArgument"


async def test_bad_watermark_is_a_400(omgeving: Omgeving) -> None:
    token, gesprek = await omgeving.start()
    antwoord = await omgeving.client.get(
        f"/v3/directline/conversations/{gesprek}/activities", headers=kop(token), params={"watermark": "-1"}
    )
    assert antwoord.status == 400


async def test_memory_is_bounded_per_conversation_and_in_number_of_conversations() -> None:
    opslag = DirectLineOpslag(max_gesprekken=2, max_activiteiten=3)
    gesprek = opslag.open_gesprek("a", {"id": "u"})
    for i in range(5):
        gesprek.voeg_toe({"id": gesprek.nieuw_id(), "text": str(i)})
    opslag.open_gesprek("b", {"id": "u"})
    opslag.open_gesprek("c", {"id": "u"})

    assert [a["text"] for a in gesprek.vanaf(0)] == ["2", "3", "4"]
    assert gesprek.volgende_positie == 5
    assert opslag.gesprek("a") is None
    assert opslag.gesprek("b") is not None and opslag.gesprek("c") is not None


async def test_timestamps_are_strictly_increasing_within_a_conversation() -> None:
    opslag = DirectLineOpslag(klok=lambda: datetime(2026, 11, 22, 10, 0, tzinfo=UTC))
    gesprek = opslag.open_gesprek("a", {"id": "u"})
    stempels = [opslag.tijdstempel(gesprek) for _ in range(3)]
    assert stempels == ["2026-11-22T10:00:00.000Z", "2026-11-22T10:00:00.001Z", "2026-11-22T10:00:00.002Z"]


# --- the Web Chat page server and `python -m bot webchat` ------------------------------------


@pytest.fixture
async def pagina_client(tmp_path) -> AsyncIterator[TestClient]:
    bundel = tmp_path / "webchat.js"
    bundel.write_text("window.WebChat = {};", encoding="utf-8")
    identiteiten = {"marcel-kossen": {"id": "webchat-marcel-kossen", "name": "Marcel Kossen"}}
    app = maak_webchat_app("http://127.0.0.1:9/api/messages", bundel=bundel, identiteiten=identiteiten.get)
    async with TestClient(TestServer(app)) as client:
        yield client


async def test_page_is_dutch_and_loads_the_local_bundle_and_direct_line(pagina_client: TestClient) -> None:
    antwoord = await pagina_client.get("/webchat/")
    html = await antwoord.text()

    assert antwoord.status == 200
    assert "<title>Sturingsbot — lokaal uitproberen</title>" in html
    assert '<html lang="nl">' in html
    assert "locale: 'nl-NL'" in html
    assert '<script src="/webchat/webchat.js">' in html
    assert "location.origin + '/v3/directline'" in html
    assert "webSocket: false" in html
    bundel = await pagina_client.get("/webchat/webchat.js")
    assert (bundel.status, await bundel.text()) == (200, "window.WebChat = {};")
    doorverwijzing = await pagina_client.get("/webchat", allow_redirects=False)
    assert (doorverwijzing.status, doorverwijzing.headers["Location"]) == (302, "/webchat/")


async def test_page_user_is_anonymous_or_a_known_persoon(pagina_client: TestClient) -> None:
    anoniem = await (await pagina_client.get("/webchat/gebruiker")).json()
    marcel = await (await pagina_client.get("/webchat/gebruiker", params={"als": "marcel-kossen"})).json()
    onbekend = await pagina_client.get("/webchat/gebruiker", params={"als": "niemand"})

    assert anoniem["id"].startswith("gebruiker-") and "aadObjectId" not in anoniem
    assert marcel == {"id": "webchat-marcel-kossen", "name": "Marcel Kossen"}
    assert onbekend.status == 404
    assert (await onbekend.json())["fout"] == "Persoon 'niemand' staat niet in de kennisbank."


def test_missing_bundle_is_a_clear_dutch_error(tmp_path) -> None:
    with pytest.raises(BundelOntbreekt, match="npm install"):
        maak_webchat_app("http://127.0.0.1:9/api/messages", bundel=tmp_path / "ontbreekt.js")


def test_webchat_command_without_bundle_says_to_run_npm_install(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.setattr(webchat_server, "STANDAARD_BUNDEL", tmp_path / "ontbreekt.js")  # read when the command runs
    monkeypatch.delenv("MicrosoftAppId", raising=False)

    assert main(["webchat"]) == 2
    assert "Voer eerst `npm install` uit" in capsys.readouterr().err


def test_webchat_command_refuses_a_configured_app_id(monkeypatch, capsys) -> None:
    for naam, waarde in {"MicrosoftAppId": "abc", "MicrosoftAppPassword": "geheim", "MicrosoftAppTenantId": "t"}.items():
        monkeypatch.setenv(naam, waarde)

    assert main(["webchat"]) == 2
    fout = capsys.readouterr().err
    assert "alleen in de lokale anonieme modus" in fout
    assert "geheim" not in fout


@pytest.mark.parametrize(
    ("host", "verwacht"),
    [("0.0.0.0", "http://127.0.0.1:4000"), ("::1", "http://[::1]:4000"), ("bot.local", "http://bot.local:4000")],
)
def test_webchat_command_reaches_itself_on_a_concrete_address(host: str, verwacht: str) -> None:
    assert webchat_cli.adres(Settings(host=host, port=4000)) == verwacht


# --- `python -m bot webchat` with several gemeenten (GEMEENTEN) ---------------------------------

APP_A = "a1a1a1a1-0000-4000-8000-0000000000a1"


def _gemeenten(tmp_path, *, bot_blok_a: bool) -> str:
    kennisbank = Settings().kennisbank
    blok = f"    bot: {{app_id: {APP_A}, tenant_id: t-a, app_password_env: GEHEIM_A}}\n" if bot_blok_a else ""
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(
        f"gemeenten:\n  - id: gemeente-a\n    naam: A\n    kennisbank: {kennisbank}\n    tenants: [T-A]\n{blok}"
        f"  - id: gemeente-b\n    naam: B\n    kennisbank: {kennisbank}\n    tenants: [T-B]\n",
        encoding="utf-8",
    )
    return str(pad)


@pytest.fixture
def gestart(monkeypatch) -> list[web.Application]:
    """The apps `python -m bot webchat` would serve (web.run_app does not block the test)."""
    apps: list[web.Application] = []
    monkeypatch.setattr(web, "run_app", lambda app, **_: apps.append(app))
    for naam in ("MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "HOST"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("GEHEIM_A", "geheim-a")
    monkeypatch.setenv("PORT", str(unused_port()))  # the command checks that it can listen before it builds the app
    return apps


def test_webchat_command_refuses_a_gemeente_with_its_own_registration(tmp_path, monkeypatch, capsys, gestart) -> None:
    """The first gemeente has a bot block (no MicrosoftAppId): the stand-in has no token for it, so
    every message would get a 401. Refused with the reason, unless another gemeente is chosen."""
    monkeypatch.setenv("GEMEENTEN", _gemeenten(tmp_path, bot_blok_a=True))
    assert main(["webchat"]) == 2
    fout = capsys.readouterr().err
    assert "alleen in de lokale anonieme modus" in fout and "gemeente 'gemeente-a' heeft een eigen botregistratie" in fout
    assert "--gemeente" in fout and "geheim-a" not in fout
    assert gestart == []
    assert main(["webchat", "--gemeente", "gemeente-b"]) == 0 and len(gestart) == 1
    assert main(["webchat", "--gemeente", "gemeente-x"]) == 2
    assert "Onbekende gemeente 'gemeente-x'" in capsys.readouterr().err


def test_webchat_command_refuses_a_network_address(monkeypatch, capsys, gestart) -> None:
    """Anonymous on 0.0.0.0 lets anyone who reaches the port act as any user: refused as `serve` does."""
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.delenv("ANONIEM_OP_NETWERK", raising=False)
    assert main(["webchat"]) == 2
    assert "HOST='0.0.0.0' is bereikbaar vanaf het netwerk" in capsys.readouterr().err and gestart == []


async def test_webchat_talks_to_the_chosen_gemeente_through_its_tenant(tmp_path, database_url) -> None:
    """With GEMEENTEN every activity needs a tenant; the stand-in sends the chosen gemeente's, so the
    answer is the bot's (not 'niet ingesteld voor jouw organisatie') and what is stored is that gemeente's."""
    from sqlalchemy import text

    from bot.app import INSTALLATIE
    from bot.gemeenten import laad_gemeenten

    pad = _gemeenten(tmp_path, bot_blok_a=False)
    poort = unused_port()
    settings = Settings(database_url=database_url, gemeenten=Path(pad), herinneringen=False, port=poort)
    app = webchat_cli.maak_app(settings, gemeente=laad_gemeenten(Path(pad)).lijst[1])
    server = TestServer(app, host="127.0.0.1", port=poort)
    client = TestClient(server)
    await client.start_server()
    try:
        omgeving = Omgeving(client, NepBot(), client.app[webchat_server.DIRECTLINE], DirectLineKlok())
        token, gesprek = await omgeving.start()
        assert (await omgeving.stuur(token, gesprek, {"type": "message", "text": "help", "from": {"id": "u1"}})).status == 200
        teksten = [a.get("text") or "" for a in (await omgeving.lees(token, gesprek))[0] if a["from"]["id"] != "u1"]
        assert teksten and not any("niet ingesteld voor jouw organisatie" in t for t in teksten), teksten
        async with client.app[INSTALLATIE].engine.connect() as verbinding:
            gemeenten = set((await verbinding.execute(text("SELECT DISTINCT gemeente FROM verwerkte_activiteit"))).scalars())
        assert gemeenten == {"gemeente-b"}
    finally:
        await client.close()
