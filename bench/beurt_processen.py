"""Turn latency and throughput with each bot in its OWN process, as deployed and as an outside tester
measures (issue 10, "Speed that comes with it"): Sturingsbot as shipped (`python -m bot`, PostgreSQL
or SQLite) against the echo bot of the SDK sample as released (`bench/echo_zoals_geleverd.py`), both
reached over loopback HTTP with `deliveryMode: expectReplies` by one client process, interleaved.

    .venv/bin/python -m bench.beurt_processen [--beurten 400] [--gelijktijdig 16] [--database postgres|sqlite]

`bench.beurt` measures in one process (client and bots share an event loop) and gives both bots our
msrest correction; this one compares with the stock SDK, which is what "an echo bot on the same
stack" is for someone who writes one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

from bench.beurt import POSTGRES, VRAGEN, activiteit, percentiel
from tests.botproces import wacht_tot_bereikbaar

ROOT = Path(__file__).resolve().parent.parent


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sturingsbot(poort: int, database_url: str, map_: Path) -> subprocess.Popen:
    omgeving = {
        **os.environ,
        "PORT": str(poort),
        "HOST": "127.0.0.1",
        "DATABASE_URL": database_url,
        "HERINNERINGEN": "nee",
        "MODELCACHE": str(map_ / "modelcache"),
        "LOG_LEVEL": "WARNING",
    }
    for naam in ("MicrosoftAppId", "MicrosoftAppPassword", "GEMEENTEN"):
        omgeving.pop(naam, None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_echo(poort: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "echo_zoals_geleverd.py"), str(poort)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


async def meet(sessie: aiohttp.ClientSession, url: str, tekst: str, gesprek: str) -> float:
    begin = time.perf_counter()
    async with sessie.post(url, json=activiteit(tekst, gesprek)) as antwoord:
        body = await antwoord.json()
        assert antwoord.status == 200 and body["activities"], body
    return (time.perf_counter() - begin) * 1000


async def sequentieel(urls: dict[str, str], beurten: int) -> dict[str, list[float]]:
    tijden: dict[str, list[float]] = {naam: [] for naam in urls}
    async with aiohttp.ClientSession() as sessie:
        for naam, url in urls.items():  # warm-up
            for _ in range(30):
                await meet(sessie, url, VRAGEN[0], f"opwarmen-{naam}")
        for i in range(beurten):
            for naam, url in urls.items():
                tijden[naam].append(await meet(sessie, url, VRAGEN[i % len(VRAGEN)], f"{naam}-{i % 20}"))
    return tijden


async def gelijktijdig(
    urls: dict[str, str], gesprekken: int, beurten: int, rondes: int = 3
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """`gesprekken` conversations at once, bots in turn: (turns per second per round, latencies in ms)."""
    doorvoer: dict[str, list[float]] = {naam: [] for naam in urls}
    tijden: dict[str, list[float]] = {naam: [] for naam in urls}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=gesprekken)) as sessie:

        async def gesprek(url: str, naam: str, bot: str) -> None:
            for i in range(beurten):
                tijden[bot].append(await meet(sessie, url, VRAGEN[i % len(VRAGEN)], naam))

        for _ in range(rondes):
            for naam, url in urls.items():
                begin = time.perf_counter()
                await asyncio.gather(*(gesprek(url, f"{naam}-{uuid.uuid4().hex[:8]}", naam) for _ in range(gesprekken)))
                doorvoer[naam].append(gesprekken * beurten / (time.perf_counter() - begin))
    return doorvoer, tijden


def main(beurten: int, gesprekken: int, database: str) -> None:
    with tempfile.TemporaryDirectory() as tijdelijk:
        map_ = Path(tijdelijk)
        url = POSTGRES if database == "postgres" else f"sqlite+aiosqlite:///{map_ / 'bench.db'}"
        poorten = {"echo": vrije_poort(), "sturingsbot": vrije_poort()}
        processen = {"echo": start_echo(poorten["echo"]), "sturingsbot": start_sturingsbot(poorten["sturingsbot"], url, map_)}
        try:
            for naam, proces in processen.items():
                wacht_tot_bereikbaar(proces, f"http://127.0.0.1:{poorten[naam]}/healthz")
            urls = {naam: f"http://127.0.0.1:{poort}/api/messages" for naam, poort in poorten.items()}
            tijden = asyncio.run(sequentieel(urls, beurten))
            doorvoer, samen = asyncio.run(gelijktijdig(urls, gesprekken, 20)) if gesprekken else ({}, {})
        finally:
            for proces in processen.values():
                proces.terminate()
                proces.wait(timeout=30)
    print(f"{beurten} beurten per bot, elk in een eigen proces, database {database}, sequentieel, {os.cpu_count()} cores")
    for naam, waarden in tijden.items():
        print(
            f"{naam:<12} p50 {statistics.median(waarden):6.2f} ms  p95 {percentiel(waarden, 95):6.2f} ms  p99 {percentiel(waarden, 99):6.2f} ms"
        )
    print(
        f"p50 sturingsbot / echo = {statistics.median(tijden['sturingsbot']) / statistics.median(tijden['echo']):.2f} (doel <= 1.3)"
    )
    if doorvoer:
        for naam, waarden in doorvoer.items():
            w = samen[naam]
            print(
                f"{naam:<12} {statistics.median(waarden):7.1f} beurten/s bij {gesprekken} gesprekken tegelijk,"
                f" p50 {statistics.median(w):6.1f} ms, p99 {percentiel(w, 99):6.1f} ms"
            )
        p99 = percentiel(samen["sturingsbot"], 99) / percentiel(samen["echo"], 99)
        print(f"p99 bij {gesprekken} tegelijk sturingsbot / echo = {p99:.2f} (doel SQLite <= 2)")
        verhouding = statistics.median(doorvoer["sturingsbot"]) / statistics.median(doorvoer["echo"])
        print(f"doorvoer sturingsbot / echo = {verhouding:.2f} (doel >= 0.8)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--beurten", type=int, default=400)
    parser.add_argument("--gelijktijdig", type=int, default=16, metavar="N")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    argumenten = parser.parse_args()
    main(argumenten.beurten, argumenten.gelijktijdig, argumenten.database)
