"""Long and hostile messages (issue 10 item 4): does one message freeze the bot for everyone?

    .venv/bin/python -m bench.lange_berichten [--herhalingen 5] [--database sqlite|postgres]

The real app (`create_app`) on an ephemeral port. For each kind of text, first at Teams' maximum
of about 28 KB (refused before any analysis: "dat is te lang") and then at the longest text that
is still analysed (`MAX_BERICHT`), the time until the reply arrives; meanwhile a second client
polls `/healthz` every 10 ms, and its slowest answer is reported. Goal: a 28 KB message answered
in ≤ 0.5 s and `/healthz` responsive throughout.
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

from bot.app import create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from dialogen.invoercontrole import MAX_BERICHT

POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
TEAMS_MAXIMUM = 28_000
SOORTEN = {
    "aantal criteria (issue)": "aantal criteria ",
    "wie is opdrachtgever": "wie is opdrachtgever van ",
    "waar is X allemaal": "waar is jan allemaal allemaal ",
    "<at> zonder einde": "<at>",
    "één woord": "a",
    "bedrag": "1.",
}


def activiteit(tekst: str) -> dict:
    return {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "msteams",
        "text": tekst,
        "serviceUrl": "https://smba.example.invalid/emea/",
        "deliveryMode": "expectReplies",
        "conversation": {"id": f"bench-{uuid.uuid4().hex[:8]}", "conversationType": "personal"},
        "from": {"id": "29:bench", "name": "Bench"},
        "recipient": {"id": "28:sturingsbot", "name": "Sturingsbot"},
        "locale": "nl-NL",
    }


async def meet(client: TestClient, tekst: str, herhalingen: int) -> tuple[list[float], float]:
    """Reply times of `herhalingen` messages, and the slowest /healthz meanwhile."""
    klaar = asyncio.Event()
    traagste = 0.0

    async def peil() -> None:
        nonlocal traagste
        while not klaar.is_set():
            start = time.perf_counter()
            antwoord = await client.get("/healthz")
            await antwoord.read()
            traagste = max(traagste, time.perf_counter() - start)
            await asyncio.sleep(0.01)

    peiler = asyncio.ensure_future(peil())
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        antwoord = await client.post("/api/messages", json=activiteit(tekst))
        await antwoord.read()
        assert antwoord.status == 200, antwoord.status
        tijden.append(time.perf_counter() - start)
    klaar.set()
    await peiler
    return tijden, traagste


async def hoofd(herhalingen: int, database: str) -> None:
    with tempfile.TemporaryDirectory() as map_:
        url = POSTGRES if database == "postgres" else f"sqlite+aiosqlite:///{Path(map_) / 'bench.db'}"
        client = TestClient(
            TestServer(create_app(Settings(database_url=url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)))
        )
        await client.start_server()
        try:
            await meet(client, "wie is opdrachtgever voor de jeugdagenda", 3)  # warm up
            print("| tekst | lengte | p50 antwoord | max antwoord | traagste /healthz |")
            print("| --- | ---: | ---: | ---: | ---: |")
            for naam, stuk in SOORTEN.items():
                for lengte in (TEAMS_MAXIMUM, MAX_BERICHT):
                    tekst = (stuk * (lengte // len(stuk) + 1))[:lengte]
                    tijden, healthz = await meet(client, tekst, herhalingen)
                    print(
                        f"| {naam} | {lengte:,} | {statistics.median(tijden) * 1000:.0f} ms | "
                        f"{max(tijden) * 1000:.0f} ms | {healthz * 1000:.0f} ms |"
                    )
        finally:
            await client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    argumenten = parser.parse_args()
    asyncio.run(hoofd(argumenten.herhalingen, argumenten.database))


if __name__ == "__main__":
    main()
