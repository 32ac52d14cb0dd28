"""Issue 15, operations: /readyz, /metrics (access control, no personal data) and JSON logs,
through the real app over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestClient, TestServer

from bot.app import METRICS_ADRES, create_app
from bot.logboek import JsonOpmaak, maskeer
from bot.settings import ConfiguratieFout, Settings
from tests.conftest import TestGesprek
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

TOKEN = "metriek-geheim-123"


@pytest.fixture
def settings(database_url: str) -> Settings:
    from bot.settings import STANDAARD_KENNISBANK

    return Settings(database_url=database_url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False, metrics_token=TOKEN)


async def _metrics(client: TestClient) -> str:
    antwoord = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert antwoord.status == 200, await antwoord.text()
    assert antwoord.headers["Content-Type"].startswith("text/plain")
    return await antwoord.text()


async def test_readyz_is_200_with_database_and_kennisbank(bot_client: TestClient):
    antwoord = await bot_client.get("/readyz")
    assert antwoord.status == 200
    assert (await antwoord.json())["status"] == "gereed"


async def test_readyz_is_503_quickly_when_the_database_is_gone(bot_client: TestClient, services):
    await services.engine.dispose()
    from db.engine import maak_engine

    oud = services.engine
    services.engine = maak_engine("postgresql+asyncpg://niemand@127.0.0.1:1/weg")
    try:
        antwoord = await bot_client.get("/readyz")
        assert antwoord.status == 503
        assert (await antwoord.json())["database"] == "onbereikbaar"
    finally:
        await services.engine.dispose()
        services.engine = oud


async def test_readyz_is_503_while_stopping(bot_client: TestClient):
    from bot.app import STOPT

    bot_client.app[STOPT].set()
    antwoord = await bot_client.get("/readyz")
    assert antwoord.status == 503 and (await antwoord.json())["status"] == "stopt"


async def test_metrics_needs_the_token(bot_client: TestClient):
    assert (await bot_client.get("/metrics")).status == 401
    assert (await bot_client.get("/metrics", headers={"Authorization": "Bearer fout"})).status == 401
    assert (await bot_client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}x"})).status == 401
    assert "sturingsbot_beurten" in await _metrics(bot_client)


async def test_metrics_not_served_without_configuration(database_url: str):
    from bot.settings import STANDAARD_KENNISBANK

    kaal = Settings(database_url=database_url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
    async with TestClient(TestServer(create_app(kaal))) as client:
        assert (await client.get("/metrics")).status == 404
        assert (await client.get("/metrics", headers={"Authorization": "Bearer "})).status == 404


async def test_metrics_count_turns_and_submissions_without_personal_data(
    bot_client: TestClient, gesprek: TestGesprek, kennisbank
):
    gesprek.als = "marcel-kossen"
    await gesprek.stuur("wie is ambtelijk opdrachtgever voor de jeugdagenda?")
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    samenvatting = await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda"))
    await gesprek.stuur(waarde=klik(kaarten(samenvatting)[0], "Bevestigen"))
    vreemd = gesprek.activiteit(text="hallo", channelId="kanaal-van-jan-jansen")
    assert (await gesprek.post(vreemd))[0] == 200
    assert (await bot_client.post("/api/messages", data=b"{kapot", headers={"Content-Type": "application/json"})).status == 400

    tekst = await _metrics(bot_client)
    assert 'sturingsbot_beurten_total{kanaal="msteams",soort="message",uitkomst="ok"} 4.0' in tekst
    assert 'sturingsbot_beurten_total{kanaal="overig",soort="message",uitkomst="ok"} 1.0' in tekst
    assert 'sturingsbot_fouten_total{soort="invoer"} 1.0' in tekst
    assert 'sturingsbot_beurt_duur_seconden_count{kanaal="msteams",soort="message"} 4.0' in tekst
    assert 'sturingsbot_statusupdates{gemeente="standaard",periode="herfst-2026"} 1.0' in tekst
    assert "sturingsbot_database_pool" in tekst
    verboden = [gesprek.gesprek_id, "jan-jansen", "29:", "jeugdagenda", "sociale-agenda", "hallo", "3f2b6c1e"]
    for persoon in getattr(kennisbank.personen, "values", lambda: kennisbank.personen)():
        verboden += [persoon.id, persoon.naam]
    labels = [regel for regel in tekst.splitlines() if not regel.startswith("#")]
    for woord in verboden:
        assert not any(woord.lower() in regel.lower() for regel in labels), woord


async def test_metrics_on_a_separate_loopback_port(database_url: str):
    from bot.settings import STANDAARD_KENNISBANK

    eigen = Settings(database_url=database_url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False, metrics_port=0)
    async with TestClient(TestServer(create_app(eigen))) as client:
        [(host, poort)] = client.app[METRICS_ADRES]
        assert host == "127.0.0.1"
        async with ClientSession() as sessie:
            async with sessie.get(f"http://{host}:{poort}/metrics") as antwoord:
                assert antwoord.status == 200 and "sturingsbot_beurten" in await antwoord.text()
            async with sessie.get(f"http://{host}:{poort}/api/messages") as antwoord:
                assert antwoord.status == 404  # only the metrics there
        assert (await client.get("/metrics")).status == 404  # and not on the bot's port without a token


def test_settings_read_the_operations_variables():
    s = Settings.uit_omgeving(
        {"LOG_FORMAAT": "json", "METRICS_PORT": "9464", "METRICS_TOKEN": "geheim-token-7", "STOP_TIMEOUT": "5"}
    )
    assert (s.log_formaat, s.metrics_port, s.metrics_host, s.metrics_token, s.stop_timeout) == (
        "json",
        9464,
        "127.0.0.1",
        "geheim-token-7",
        5.0,
    )
    assert "geheim-token-7" not in repr(s)
    with pytest.raises(ConfiguratieFout, match="LOG_FORMAAT"):
        Settings.uit_omgeving({"LOG_FORMAAT": "xml"})
    with pytest.raises(ConfiguratieFout, match="METRICS_PORT"):
        Settings.uit_omgeving({"METRICS_PORT": "negen"})
    assert Settings.uit_omgeving({}).proactief_timeout == 5.0
    assert Settings.uit_omgeving({"PROACTIEF_TIMEOUT": "2,5"}).proactief_timeout == 2.5
    with pytest.raises(ConfiguratieFout, match="PROACTIEF_TIMEOUT"):
        Settings.uit_omgeving({"PROACTIEF_TIMEOUT": "0"})
    assert Settings.uit_omgeving({}).teams_opzoek_timeout == 3.0
    assert Settings.uit_omgeving({"TEAMS_OPZOEK_TIMEOUT": "1,5"}).teams_opzoek_timeout == 1.5
    with pytest.raises(ConfiguratieFout, match="TEAMS_OPZOEK_TIMEOUT"):
        Settings.uit_omgeving({"TEAMS_OPZOEK_TIMEOUT": "nooit"})
    assert Settings.uit_omgeving({}).kanaal_herhalingen == 3  # the SDK's own
    assert Settings.uit_omgeving({"KANAAL_HERHALINGEN": "0"}).kanaal_herhalingen == 0
    for fout in ("-1", "twee", "11"):
        with pytest.raises(ConfiguratieFout, match="KANAAL_HERHALINGEN"):
            Settings.uit_omgeving({"KANAAL_HERHALINGEN": fout})


def test_json_logs_are_one_object_per_line_with_secrets_masked():
    opmaak = JsonOpmaak()
    record = logging.LogRecord("bot.test", logging.WARNING, __file__, 1, "Token %s", ("Bearer abc.def",), None)
    record.msg, record.args = maskeer(record.getMessage()), None
    regel = json.loads(opmaak.format(record))
    assert regel["niveau"] == "WARNING" and regel["logger"] == "bot.test"
    assert regel["bericht"] == "Token Bearer ***" and regel["tijd"].endswith("+00:00")
    try:
        raise ValueError("kapot")
    except ValueError:
        import sys

        fout = logging.LogRecord("bot.test", logging.ERROR, __file__, 1, "mis", None, sys.exc_info())
    uit = opmaak.format(fout)
    assert "\n" not in uit and json.loads(uit)["fout"] == "ValueError"
