"""Robustness numbers (issue 10 items 5 and 6): how the bot behaves while something it depends on hangs.

1. A black-holed signing-key endpoint (accepts, never answers): how many key fetches do 35
   requests cause, and how fast does /healthz answer meanwhile?
2. A PostgreSQL the benchmark starts itself, then (a) hung behind a TCP proxy and (b) stopped:
   time until /healthz says 503, until a user gets the Dutch message, and until the bot answers
   normally again after the database is back.

    .venv/bin/python -m bench.robuustheid
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from botframework.connector.auth import AuthenticationConstants
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor, _OpenIdMetadata

import bot.sdk_compat as sdk_compat
from bot.app import create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from db.engine import DatabaseTijden
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.postgres_instantie import StilTeLeggenProxy, TijdelijkePostgres
from tests.test_kanaalbeveiliging import BOT_ID, GEHEIM, TENANT_ID, _rsa_sleutel, token
from tests.test_sdk_netwerk import ZwartGat

KENNISBANK = laad_kennisbank(STANDAARD_KENNISBANK)
NIET_BEREIKBAAR = "gegevens nu even niet bereiken"


async def _duur(werk: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    begin = time.perf_counter()
    uitkomst = await werk()
    return time.perf_counter() - begin, uitkomst


async def _client(settings: Settings) -> TestClient:
    client = TestClient(TestServer(create_app(settings)))
    await client.start_server()
    return client


async def _status(client: TestClient, pad: str = "/healthz") -> int:
    antwoord = await client.get(pad)
    await antwoord.read()
    return antwoord.status


async def sleutels(map_: str) -> None:
    gat = ZwartGat(seconden=30)
    oud_cache, oud_timeout = JwtTokenExtractor.metadataCache, sdk_compat.SLEUTEL_TIMEOUT
    JwtTokenExtractor.metadataCache = {AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: _OpenIdMetadata(gat.url)}
    sdk_compat.SLEUTEL_TIMEOUT = 5.0
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{map_}/sleutels.db",
        herinneringen=False,
        app_id=BOT_ID,
        app_password=GEHEIM,
        app_tenant_id=TENANT_ID,
    )
    client = await _client(settings)
    try:
        gesprek = TestGesprek(client, KENNISBANK)
        headers = {"Authorization": f"Bearer {token(_rsa_sleutel())}"}

        async def bericht() -> int:
            antwoord = await client.post("/api/messages", json=gesprek.activiteit(text="hallo"), headers=headers)
            await antwoord.read()
            return antwoord.status

        berichten = [asyncio.ensure_future(bericht()) for _ in range(35)]
        while not gat.open:
            await asyncio.sleep(0.01)
        gezond, status = await _duur(lambda: _status(client))
        uitkomsten = await asyncio.gather(*berichten)
        print(
            f"Sleutel-endpoint zwart gat: 35 verzoeken -> {len(gat.verbindingen)} ophaalpoging(en), "
            f"statussen {sorted(set(uitkomsten))}; /healthz tijdens het hangen: {status} in {gezond * 1000:.0f} ms"
        )
    finally:
        await client.close()
        gat.sluit()
        JwtTokenExtractor.metadataCache, sdk_compat.SLEUTEL_TIMEOUT = oud_cache, oud_timeout


async def database(postgres: TijdelijkePostgres, soort: str) -> None:
    proxy = StilTeLeggenProxy(postgres.poort)
    await proxy.start()
    tijden = DatabaseTijden(verbinden=5.0, opdracht=10.0, pool=5.0)  # the defaults
    settings = Settings(database_url=proxy.url(), herinneringen=False, database_tijden=tijden)
    client = await _client(settings)
    try:
        gesprek = TestGesprek(client, KENNISBANK)
        await gesprek.stuur("ik wil escaleren")
        proxy.stil() if soort == "hangt" else postgres.stop()
        t_gezond, status = await _duur(lambda: _status(client))
        t_bericht, antwoord = await _duur(lambda: gesprek.stuur("Geld en budget"))
        melding = NIET_BEREIKBAAR in tekst_van(antwoord)
        proxy.hervat() if soort == "hangt" else postgres.start()
        begin = time.perf_counter()
        while await _status(client) != 200:
            await asyncio.sleep(0.1)
        t_herstel = time.perf_counter() - begin
        vervolg = tekst_van(await gesprek.stuur("Geld en budget"))
        print(
            f"PostgreSQL {soort}: /healthz {status} na {t_gezond:.1f} s; bericht -> Nederlandse melding {melding} "
            f"na {t_bericht:.1f} s; weer gezond {t_herstel:.1f} s na herstel; dialoog loopt door: "
            f"{'budget' in vervolg.lower() and NIET_BEREIKBAAR not in vervolg}"
        )
    finally:
        await client.close()
        await proxy.stop()


async def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as map_:
        await sleutels(map_)
    postgres = TijdelijkePostgres()
    postgres.start()
    try:
        await database(postgres, "hangt")
        await database(postgres, "gestopt")
    finally:
        postgres.opruimen()


if __name__ == "__main__":
    asyncio.run(main())
