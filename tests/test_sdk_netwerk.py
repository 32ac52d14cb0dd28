"""Issue 10, item 5: the SDK's network calls never block the event loop.

- A black-holed key endpoint (a local socket that accepts and never answers) must not freeze
  /healthz or other requests; concurrent requests share one fetch, and a failed fetch is
  remembered briefly (before: 35 requests caused 23 fetches).
- Outbound Entra tokens are fetched once (off the event loop) and reused until they expire.
"""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import threading
import time

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer
from botframework.connector.auth import AuthenticationConstants, MicrosoftAppCredentials
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor, _OpenIdMetadata

import bot.sdk_compat as sdk_compat
from bot.app import create_app
from tests.conftest import TestGesprek
from tests.test_kanaalbeveiliging import BOT_ID, GEHEIM, TENANT_ID, kanaalsleutel, opgevraagde_metadata, token  # noqa: F401 — fixtures

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
pytestmark = ALLEEN_SQLITE


class ZwartGat:
    """Accepts TCP connections and never answers; closes them all `seconden` after the first one (so
    code that blocks the event loop comes free eventually and the test fails instead of hanging).
    The time counts from the first connection, not from start-up: a slow app start on a busy machine
    must not close the hole before the bot even calls it."""

    def __init__(self, seconden: float = 8.0) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(100)
        self.sock.settimeout(0.1)
        self.verbindingen: list[socket.socket] = []
        self.open = 0
        self.verbonden = threading.Event()  # set at the first connection
        self._stop = threading.Event()
        self._seconden = seconden
        self._einde: float | None = None
        self._draad = threading.Thread(target=self._accepteer, daemon=True)
        self._draad.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/.well-known/openidconfiguration"

    def _accepteer(self) -> None:
        while not self._stop.is_set() and (self._einde is None or time.monotonic() < self._einde):
            try:
                verbinding, _ = self.sock.accept()
            except OSError:
                continue
            if self._einde is None:
                self._einde = time.monotonic() + self._seconden
            self.verbindingen.append(verbinding)
            self.open += 1
            self.verbonden.set()
        for verbinding in self.verbindingen:
            verbinding.close()
        self.open = 0

    def sluit(self) -> None:
        self._stop.set()
        self._draad.join()
        self.sock.close()


@pytest.fixture
def zwart_gat(monkeypatch):
    gat = ZwartGat()
    monkeypatch.setattr(sdk_compat, "SLEUTEL_TIMEOUT", 1.0)
    # the channel's metadata URL now points into the black hole
    monkeypatch.setattr(
        JwtTokenExtractor,
        "metadataCache",
        {AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: _OpenIdMetadata(gat.url)},
    )
    yield gat
    gat.sluit()


@pytest.fixture
async def beveiligde_app(settings, klok, kennisbank):
    instellingen = dataclasses.replace(
        settings, app_id=BOT_ID, app_password=GEHEIM, app_type="SingleTenant", app_tenant_id=TENANT_ID
    )
    client = TestClient(TestServer(create_app(instellingen, klok=klok)))
    await client.start_server()
    yield client
    await client.close()


async def test_black_holed_key_endpoint_does_not_freeze_the_bot(zwart_gat, beveiligde_app, kennisbank, kanaalsleutel):
    gesprek = TestGesprek(beveiligde_app, kennisbank)
    headers = {"Authorization": f"Bearer {token(kanaalsleutel)}"}

    async def bericht() -> int:
        antwoord = await beveiligde_app.post("/api/messages", json=gesprek.activiteit(text="hallo"), headers=headers)
        await antwoord.read()
        return antwoord.status

    berichten = [asyncio.ensure_future(bericht()) for _ in range(10)]
    async with asyncio.timeout(20):
        assert await asyncio.to_thread(zwart_gat.verbonden.wait, 20)  # the key fetch is under way
        gezondheid = await beveiligde_app.get("/healthz")
    assert gezondheid.status == 200
    assert zwart_gat.open, "/healthz must answer while the key fetch still hangs"
    assert not any(b.done() for b in berichten)
    assert await asyncio.gather(*berichten) == [401] * 10
    assert len(zwart_gat.verbindingen) == 1, "concurrent requests share one fetch"
    # the failure is remembered: more requests are refused without a new fetch
    assert [await bericht() for _ in range(10)] == [401] * 10
    assert len(zwart_gat.verbindingen) == 1


async def test_outbound_token_is_fetched_once_off_the_event_loop(
    beveiligde_app, kennisbank, connector, opgevraagde_metadata, kanaalsleutel, monkeypatch
):
    haal_draden: list[str] = []

    def nep_token(self, force_refresh: bool = False) -> str:
        haal_draden.append(threading.current_thread().name)
        return jwt.encode(
            {"exp": int(time.time()) + 3600, "aud": "https://api.botframework.com"}, "geheim-" * 8, algorithm="HS256"
        )

    monkeypatch.setattr(MicrosoftAppCredentials, "get_access_token", nep_token)
    gesprek = TestGesprek(beveiligde_app, kennisbank)
    gesprek.als = "marcel-kossen"
    headers = {"Authorization": f"Bearer {token(kanaalsleutel, serviceurl=connector.url)}"}
    for nummer in range(4):
        activiteit = gesprek.activiteit(
            text="wie is opdrachtgever voor de jeugdagenda", deliveryMode="normal", serviceUrl=connector.url
        )
        antwoord = await beveiligde_app.post("/api/messages", json=activiteit, headers=headers)
        assert antwoord.status in (200, 201), await antwoord.text()
        await connector.wacht_op(nummer + 1)
    assert len(haal_draden) == 1, haal_draden
    assert haal_draden[0] != threading.main_thread().name


async def test_turns_share_one_connector_client_and_its_token_is_still_renewed_off_the_event_loop(
    beveiligde_app, kennisbank, connector, opgevraagde_metadata, kanaalsleutel, monkeypatch
):
    """Speed (issue 10): the SDK made a ConnectorClient and a user token client for every turn; our
    adapter keeps them per service URL. The kept client's token must still be renewed ahead, in a
    thread, when it runs out: here the clock moves on two hours between turns."""
    import types

    import botframework.connector.auth._connector_factory_impl as fabriek

    gemaakt: list[object] = []

    class TelClient(fabriek.ConnectorClient):  # type: ignore[misc,name-defined]  # the SDK's class, untyped
        def __init__(self, *args, **kwargs) -> None:
            gemaakt.append(self)
            super().__init__(*args, **kwargs)

    verschoven = 0.0
    klok = types.SimpleNamespace(time=lambda: time.time() + verschoven, monotonic=time.monotonic)
    haal_draden: list[str] = []

    def nep_token(self, force_refresh: bool = False) -> str:
        haal_draden.append(threading.current_thread().name)
        return jwt.encode(
            {"exp": int(klok.time()) + 3600, "aud": "https://api.botframework.com"}, "geheim-" * 8, algorithm="HS256"
        )

    monkeypatch.setattr(fabriek, "ConnectorClient", TelClient)
    monkeypatch.setattr(MicrosoftAppCredentials, "get_access_token", nep_token)
    monkeypatch.setattr(sdk_compat, "time", klok)
    gesprek = TestGesprek(beveiligde_app, kennisbank)
    gesprek.als = "marcel-kossen"
    headers = {"Authorization": f"Bearer {token(kanaalsleutel, serviceurl=connector.url)}"}
    for nummer in range(3):
        activiteit = gesprek.activiteit(
            text="wie is opdrachtgever voor de jeugdagenda", deliveryMode="normal", serviceUrl=connector.url
        )
        antwoord = await beveiligde_app.post("/api/messages", json=activiteit, headers=headers)
        assert antwoord.status in (200, 201), await antwoord.text()
        await connector.wacht_op(nummer + 1)
        verschoven += 2 * 3600  # the token has expired before the next turn
    assert len(gemaakt) == 1  # one client for the three turns
    assert len(haal_draden) == 3 and threading.main_thread().name not in haal_draden, haal_draden
