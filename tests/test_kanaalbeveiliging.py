"""Issue 6: with MicrosoftAppId set, only the Bot Framework channel may talk to the bot.

Everything is offline: we make our own RSA key, publish it as the channel's signing key by
replacing the one network call in botframework-connector (`_OpenIdMetadata._refresh`, which
fetches the OpenID metadata and JWKS), and sign tokens with PyJWT.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer
from botframework.connector.auth import AuthenticationConstants
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor, _OpenIdMetadata
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import func, select

from bot.app import GEMEENTEBOT, create_app
from bot.settings import Settings
from db.modellen.fundament import VerwerkteActiviteit
from tests.conftest import TestGesprek, tekst_van

BOT_ID = "5a1d7c3e-2b4f-4e6a-8c9d-0e1f2a3b4c5d"
TENANT_ID = "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"
GEHEIM = "zeer-geheim-client-secret~0123456789"
SLEUTEL_ID = "sturingsbot-test-sleutel"
KANAAL_UITGEVER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
SERVICE_URL = "https://smba.example.invalid/emea/"


def _rsa_sleutel() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def kanaalsleutel() -> rsa.RSAPrivateKey:
    return _rsa_sleutel()


@pytest.fixture
def opgevraagde_metadata(monkeypatch: pytest.MonkeyPatch, kanaalsleutel) -> list[str]:
    """Serve our public key as the Bot Framework channel's JWKS (endorsed for msteams only)."""
    jwk = json.loads(RSAAlgorithm.to_jwk(kanaalsleutel.public_key()))
    jwk.update(kid=SLEUTEL_ID, use="sig", endorsements=["msteams"])
    opgevraagd: list[str] = []

    async def vernieuw(self: _OpenIdMetadata) -> None:
        opgevraagd.append(self.url)
        self.keys = [jwk]
        self.last_updated = datetime.now()

    monkeypatch.setattr(_OpenIdMetadata, "_refresh", vernieuw)
    monkeypatch.setattr(JwtTokenExtractor, "metadataCache", {})  # no keys cached by an earlier test
    return opgevraagd


def token(
    sleutel: rsa.RSAPrivateKey,
    *,
    kid: str = SLEUTEL_ID,
    aud: str = BOT_ID,
    iss: str = KANAAL_UITGEVER,
    geldig_tot: timedelta = timedelta(minutes=30),
    serviceurl: str = SERVICE_URL,
) -> str:
    nu = datetime.now(timezone.utc)
    claims = {
        "iss": iss,
        "aud": aud,
        "serviceurl": serviceurl,
        "iat": nu - timedelta(hours=2),
        "nbf": nu - timedelta(hours=2),
        "exp": nu + geldig_tot,
    }
    return jwt.encode(claims, sleutel, algorithm="RS256", headers={"kid": kid})


@dataclasses.dataclass
class Beveiligd:
    client: TestClient
    gesprek: TestGesprek
    beurten: list[str]

    async def stuur(self, autorisatie: str | None, **velden: Any) -> tuple[int, Any]:
        activiteit = self.gesprek.activiteit(text="wie is opdrachtgever voor de jeugdagenda", **velden)
        headers = {} if autorisatie is None else {"Authorization": autorisatie}
        antwoord = await self.client.post("/api/messages", json=activiteit, headers=headers)
        body = await antwoord.json() if antwoord.content_type == "application/json" else await antwoord.text()
        return antwoord.status, body

    async def verwerkte_activiteiten(self) -> int:
        async with self.client.app[GEMEENTEBOT].sessies() as sessie:
            return await sessie.scalar(select(func.count()).select_from(VerwerkteActiviteit))


@pytest.fixture
async def beveiligd(settings: Settings, klok, kennisbank, opgevraagde_metadata) -> AsyncIterator[Beveiligd]:
    """The real app with a SingleTenant app registration, and a spy on the bot's turn handler."""
    instellingen = dataclasses.replace(
        settings, app_id=BOT_ID, app_password=GEHEIM, app_type="SingleTenant", app_tenant_id=TENANT_ID
    )
    instellingen.controleer()
    client = TestClient(TestServer(create_app(instellingen, klok=klok)))
    await client.start_server()
    bot = client.app[GEMEENTEBOT].bot
    beurten: list[str] = []
    echte_beurt = bot.on_turn

    async def bespied(turn_context) -> None:
        beurten.append(turn_context.activity.id)
        await echte_beurt(turn_context)

    bot.on_turn = bespied
    gesprek = TestGesprek(client, kennisbank)
    gesprek.als = "marcel-kossen"  # known aadObjectId: no member lookup at the (unreachable) channel
    try:
        yield Beveiligd(client, gesprek, beurten)
    finally:
        await client.close()


async def _geweigerd(beveiligd: Beveiligd, autorisatie: str | None, **velden: Any) -> None:
    status, body = await beveiligd.stuur(autorisatie, **velden)
    assert status == 401, (status, body)
    assert beveiligd.beurten == [], "the bot logic must not run for an unauthenticated request"
    assert await beveiligd.verwerkte_activiteiten() == 0
    assert "Marcel Kossen" not in json.dumps(body)


async def test_geldig_kanaaltoken_komt_erdoor(beveiligd: Beveiligd, kanaalsleutel, opgevraagde_metadata):
    status, body = await beveiligd.stuur(f"Bearer {token(kanaalsleutel)}")
    assert status == 200, body
    assert "Marcel Kossen" in tekst_van(body["activities"])
    assert len(beveiligd.beurten) == 1
    assert opgevraagde_metadata == [AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL]


async def test_zonder_authorization_header_401(beveiligd: Beveiligd):
    await _geweigerd(beveiligd, None)


async def test_lege_authorization_header_401(beveiligd: Beveiligd):
    await _geweigerd(beveiligd, "")


@pytest.mark.parametrize(
    "autorisatie",
    [
        "Bearer",
        "Bearer dit-is-geen-token",
        "Bearer aaa.bbb.ccc",
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.",  # unsigned
        "Basic c3R1cmluZ3Nib3Q6Z2VoZWlt",
        "Bearer twee woorden",
    ],
    ids=["alleen-bearer", "geen-jwt", "onzin-in-drie-delen", "zonder-handtekening", "basic-auth", "drie-delen"],
)
async def test_misvormd_token_401(beveiligd: Beveiligd, autorisatie: str):
    await _geweigerd(beveiligd, autorisatie)


async def test_token_met_onbekende_sleutel_401(beveiligd: Beveiligd):
    await _geweigerd(beveiligd, f"Bearer {token(_rsa_sleutel(), kid='sleutel-van-een-ander')}")


async def test_token_met_bekende_kid_maar_vervalste_handtekening_401(beveiligd: Beveiligd):
    await _geweigerd(beveiligd, f"Bearer {token(_rsa_sleutel())}")


async def test_token_voor_een_andere_bot_401(beveiligd: Beveiligd, kanaalsleutel):
    await _geweigerd(beveiligd, f"Bearer {token(kanaalsleutel, aud=str(uuid.uuid4()))}")


async def test_verlopen_token_401(beveiligd: Beveiligd, kanaalsleutel):
    # past the SDK's 5 minutes of clock tolerance
    await _geweigerd(beveiligd, f"Bearer {token(kanaalsleutel, geldig_tot=timedelta(minutes=-10))}")


async def test_token_van_een_andere_uitgever_401(beveiligd: Beveiligd, kanaalsleutel):
    await _geweigerd(beveiligd, f"Bearer {token(kanaalsleutel, iss='https://aanvaller.example/')}")


async def test_token_voor_een_andere_service_url_401(beveiligd: Beveiligd, kanaalsleutel):
    await _geweigerd(beveiligd, f"Bearer {token(kanaalsleutel, serviceurl='https://aanvaller.example/')}")


async def test_sleutel_niet_bedoeld_voor_dit_kanaal_401(beveiligd: Beveiligd, kanaalsleutel):
    """The channel's key is endorsed for msteams; a token presented for another channel is refused."""
    await _geweigerd(beveiligd, f"Bearer {token(kanaalsleutel)}", channelId="webchat")


async def test_geen_geheim_en_geen_token_in_het_logboek(beveiligd: Beveiligd, kanaalsleutel, settings, caplog):
    caplog.set_level(logging.DEBUG)
    geldig = token(kanaalsleutel)
    verlopen = token(kanaalsleutel, geldig_tot=timedelta(minutes=-10))
    for autorisatie in (f"Bearer {geldig}", f"Bearer {verlopen}", "Bearer aaa.bbb.ccc", None):
        await beveiligd.stuur(autorisatie)
    logboek = caplog.text + "".join(str(r.args) for r in caplog.records)
    for geheim in (GEHEIM, geldig, verlopen, geldig.split(".")[2]):
        assert geheim not in logboek
    instellingen = dataclasses.replace(settings, app_id=BOT_ID, app_password=GEHEIM, app_tenant_id=TENANT_ID)
    assert GEHEIM not in repr(instellingen) and GEHEIM not in repr(instellingen.bot_framework_configuratie())


def test_singletenant_is_de_standaard_en_vraagt_een_tenant():
    assert Settings.uit_omgeving({}).app_type == "SingleTenant"
    with pytest.raises(ValueError, match="MicrosoftAppTenantId"):
        Settings.uit_omgeving({"MicrosoftAppId": BOT_ID, "MicrosoftAppPassword": GEHEIM})
    assert not Settings.uit_omgeving(
        {"MicrosoftAppId": BOT_ID, "MicrosoftAppPassword": GEHEIM, "MicrosoftAppTenantId": TENANT_ID}
    ).lokaal
