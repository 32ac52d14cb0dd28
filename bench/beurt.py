"""Turn latency over HTTP: the real Sturingsbot lookup against a plain echo bot on the same stack
(aiohttp + CloudAdapter + expectReplies), measured in one run, interleaved.

    .venv/bin/python -m bench.beurt [--beurten 400] [--database sqlite|postgres] [--sdk-zoals-geleverd]
    .venv/bin/python -m bench.beurt --gelijktijdig 16 [--beurten 40] [--database sqlite|postgres]

`--gelijktijdig N`: N conversations at once, each sending `--beurten` messages one after the other
(each bot in turn, the same load): latency percentiles and throughput (turns per second).

Each conversation has its own user, as a Teams personal chat does (until 5 December one user sent
in all conversations, so every turn rewrote that user's conversation reference).

`--sdk-zoals-geleverd` measures both bots without our msrest correction (bot/sdk_compat.py), i.e.
the SDK as released; by default both run with it, as production does.

Besides latency, the sequential run reports per bot the CPU time of this process per turn
(`time.process_time` around each request: the bot and the test client, not PostgreSQL's own
process) and the SQL statements per turn (counted with an engine listener). Both hardly depend
on what else the machine runs, unlike the latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from msrest.universal_http.requests import ClientRetryPolicy
from sqlalchemy import event

from bench.echo_zoals_geleverd import app as echo_app
from bot.app import GEMEENTEBOT, create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from dialogen.feature import Feature

VRAGEN = [
    "wie is ambtelijk opdrachtgever voor de jeugdagenda?",
    "AO binnenstad?",
    "wie gaat over duurzaamheid",
    "bij wie moet ik zijn voor het KCC",
    "waar is Flora van Houwelingen opdrachtgever voor?",
    "wat is een sectorcontract?",
    "wie is opdrachtgever voor de marsmissie",
]
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


class EchoFeature(Feature):
    """The echo as a Sturingsbot feature: the whole host (dedupe, identity, state) without the lookup."""

    naam = "opdrachtgever"

    async def behandel(self, dc, herkend) -> None:
        await dc.context.send_activity(f"Echo: {herkend.tekst}")


def activiteit(tekst: str, gesprek: str) -> dict:
    return {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "msteams",
        "serviceUrl": "https://smba.example.invalid/",
        "deliveryMode": "expectReplies",
        "conversation": {"id": gesprek, "conversationType": "personal"},
        "from": {"id": f"29:{gesprek}", "name": "Bench"},  # one user per personal chat, as in Teams
        "recipient": {"id": "28:bot", "name": "Sturingsbot"},
        "text": tekst,
    }


async def meet(client: TestClient, tekst: str, gesprek: str) -> float:
    begin = time.perf_counter()
    antwoord = await client.post("/api/messages", json=activiteit(tekst, gesprek))
    body = await antwoord.json()
    duur = time.perf_counter() - begin
    assert antwoord.status == 200 and body["activities"], body
    return duur * 1000


def tel_statements(client: TestClient) -> list[int]:
    """A counter of the SQL statements the app behind `client` runs (empty for the echo bot)."""
    teller = [0]
    services = client.server.app.get(GEMEENTEBOT)
    if services is not None:

        def tel(*_args) -> None:
            teller[0] += 1

        event.listen(services.engine.sync_engine, "before_cursor_execute", tel)
    return teller


def percentiel(waarden: list[float], p: float) -> float:
    return statistics.quantiles(waarden, n=100)[int(p) - 1]


async def main(beurten: int, database: str, sdk_zoals_geleverd: bool) -> None:
    with tempfile.TemporaryDirectory() as map_:
        url = POSTGRES if database == "postgres" else f"sqlite+aiosqlite:///{Path(map_) / 'bench.db'}"
        settings = Settings(database_url=url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
        sturingsbot = TestClient(TestServer(create_app(settings)))
        echo = TestClient(TestServer(echo_app()))
        echo_host = TestClient(TestServer(create_app(settings, features=lambda diensten: [EchoFeature(diensten)])))
        for client in (sturingsbot, echo, echo_host):
            await client.start_server()
        if sdk_zoals_geleverd:  # undo the correction create_app applied, for both bots
            ClientRetryPolicy.safe_codes = sorted(ClientRetryPolicy.safe_codes)
        try:
            clients = {"echo": echo, "echo+host": echo_host, "sturingsbot": sturingsbot}
            for _ in range(30):  # warm-up
                for client in clients.values():
                    await meet(client, VRAGEN[0], "opwarmen")
            tijden: dict[str, list[float]] = {naam: [] for naam in clients}
            cpu: dict[str, float] = dict.fromkeys(clients, 0.0)
            statements = {naam: tel_statements(client) for naam, client in clients.items()}
            for i in range(beurten):
                vraag = VRAGEN[i % len(VRAGEN)]
                gesprek = f"bench-{i % 20}"
                for naam, client in clients.items():
                    begin = time.process_time()
                    tijden[naam].append(await meet(client, vraag, f"{naam}-{gesprek}"))
                    cpu[naam] += time.process_time() - begin
        finally:
            for client in (sturingsbot, echo, echo_host):
                await client.close()
    sdk = "SDK zoals geleverd" if sdk_zoals_geleverd else "met msrest-correctie"
    print(f"{beurten} beurten per bot, database {database}, {sdk}, sequentieel, 2 cores")
    print(f"{'bot':<12} {'p50':>8} {'p95':>8} {'p99':>8} {'CPU/beurt':>10} {'SQL/beurt':>10}")
    for naam, waarden in tijden.items():
        print(
            f"{naam:<12} {statistics.median(waarden):7.2f}ms {percentiel(waarden, 95):7.2f}ms {percentiel(waarden, 99):7.2f}ms"
            f" {1000 * cpu[naam] / beurten:8.2f}ms {statements[naam][0] / beurten:10.2f}"
        )
    verhouding = statistics.median(tijden["sturingsbot"]) / statistics.median(tijden["echo"])
    print(f"p50 sturingsbot / echo = {verhouding:.2f} (doel <= 1.3)")
    host = statistics.median(tijden["sturingsbot"]) / statistics.median(tijden["echo+host"])
    print(f"p50 sturingsbot / echo in dezelfde host = {host:.2f} (wat het opzoeken zelf kost)")


async def gesprek_lang(client: TestClient, gesprek: str, beurten: int, tijden: list[float]) -> None:
    for i in range(beurten):
        tijden.append(await meet(client, VRAGEN[i % len(VRAGEN)], gesprek))


async def gelijktijdig(client: TestClient, naam: str, gesprekken: int, beurten: int) -> tuple[list[float], float]:
    """`gesprekken` conversations at once, `beurten` turns each: (latencies in ms, turns per second)."""
    tijden: list[float] = []
    begin = time.perf_counter()
    await asyncio.gather(
        *(gesprek_lang(client, f"{naam}-{uuid.uuid4().hex[:6]}-{g}", beurten, tijden) for g in range(gesprekken))
    )
    return tijden, len(tijden) / (time.perf_counter() - begin)


async def main_gelijktijdig(gesprekken: int, beurten: int, database: str, rondes: int = 3) -> None:
    with tempfile.TemporaryDirectory() as map_:
        url = POSTGRES if database == "postgres" else f"sqlite+aiosqlite:///{Path(map_) / 'bench.db'}"
        settings = Settings(database_url=url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
        clients = {
            "echo": TestClient(TestServer(echo_app())),
            "echo+host": TestClient(TestServer(create_app(settings, features=lambda diensten: [EchoFeature(diensten)]))),
            "sturingsbot": TestClient(TestServer(create_app(settings))),
        }
        for client in clients.values():
            await client.start_server()
        try:
            for naam, client in clients.items():  # warm-up
                await gelijktijdig(client, naam, 4, 5)
            tijden: dict[str, list[float]] = {naam: [] for naam in clients}
            doorvoer: dict[str, list[float]] = {naam: [] for naam in clients}
            for _ in range(rondes):  # interleaved rounds: the machine's other load hits all bots alike
                for naam, client in clients.items():
                    t, d = await gelijktijdig(client, naam, gesprekken, beurten)
                    tijden[naam].extend(t)
                    doorvoer[naam].append(d)
        finally:
            for client in clients.values():
                await client.close()
    print(f"{gesprekken} gesprekken tegelijk x {beurten} beurten x {rondes} rondes per bot, database {database}, 2 cores")
    print(f"{'bot':<12} {'p50':>9} {'p95':>9} {'p99':>9} {'beurten/s':>10}")
    for naam in clients:
        w = tijden[naam]
        print(
            f"{naam:<12} {statistics.median(w):7.1f}ms {percentiel(w, 95):7.1f}ms {percentiel(w, 99):7.1f}ms {statistics.median(doorvoer[naam]):10.1f}"
        )
    for basis in ("echo", "echo+host"):
        p50 = statistics.median(tijden["sturingsbot"]) / statistics.median(tijden[basis])
        p99 = percentiel(tijden["sturingsbot"], 99) / percentiel(tijden[basis], 99)
        d = statistics.median(doorvoer["sturingsbot"]) / statistics.median(doorvoer[basis])
        print(f"sturingsbot / {basis}: p50 {p50:.2f}x, p99 {p99:.2f}x, doorvoer {d:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--beurten", type=int, default=400)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sdk-zoals-geleverd", action="store_true")
    parser.add_argument("--gelijktijdig", type=int, default=0, metavar="N")
    argumenten = parser.parse_args()
    if argumenten.gelijktijdig:
        asyncio.run(main_gelijktijdig(argumenten.gelijktijdig, argumenten.beurten, argumenten.database))
    else:
        asyncio.run(main(argumenten.beurten, argumenten.database, argumenten.sdk_zoals_geleverd))
