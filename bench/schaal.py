"""Scale-out for issue 15, without Docker: 1 and then 2 `python -m bot` processes on PostgreSQL
behind a real nginx (Debian package), measured and checked in the same run.

Per instance count, a fresh database (migrated once with `python -m bot db upgrade`, the bots start
with AUTO_MIGRATE=nee), then:
- a status-update burst: confirm clicks (`rapportage.bevestig`) from many conversations at once,
  10 % of them a double click or a channel retry (bench.deadline_burst.submissions);
- a lookup load: "wie is ambtelijk opdrachtgever voor X?" from many conversations;
each with throughput and p50/p99. With 2 instances also:
- the turns of one conversation alternate between the instances (nginx round robin, no stickiness);
- a retry (same activity id) lands on the other instance and is handled once (one stored row);
- every card submit of the burst is stored exactly once (none lost, none twice);
- afterwards both instances restart at the same moment with reminders on: every due reminder
  reaches the (fake) channel exactly once.

    .venv/bin/python -m bench.schaal [--burst 400] [--lookups 400] [--gelijktijdig 32]

Needs nginx (`apt-get install -y nginx`) and PostgreSQL at STURINGSBOT_TEST_POSTGRES_URL (default
postgres@127.0.0.1:5432/test). The kennisbank is a temporary copy of the example whose open period's
deadline is moved into the future, so submissions are accepted whatever today's date is.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

from aiohttp import ClientSession, ClientTimeout, TCPConnector, web
from sqlalchemy import delete, func, select
from sqlalchemy.engine import make_url

from bench.deadline_burst import POSTGRES, _sql, submissions
from bot.settings import STANDAARD_KENNISBANK
from db.engine import maak_engine, maak_sessies
from db.modellen.rapportage import Herinnering, Statusupdate
from kennisbank.laden import laad_kennisbank

ROOT = Path(__file__).resolve().parent.parent

NGINX_CONF = """worker_processes 1;
pid {map}/nginx.pid;
error_log {map}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {map}/body;
    proxy_temp_path {map}/proxy;
    fastcgi_temp_path {map}/fastcgi;
    uwsgi_temp_path {map}/uwsgi;
    scgi_temp_path {map}/scgi;
    upstream sturingsbot {{
{servers}
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{poort};
        location / {{
            proxy_pass http://sturingsbot;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout;
            proxy_read_timeout 120s;
            add_header X-Instantie $upstream_addr always;
        }}
    }}
}}
"""


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zoek_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def open_periode(vandaag: date) -> str:
    """The period open today in the copy made by `kennisbank_kopie` (some period is always open)."""
    if vandaag.month >= 10:
        return f"herfst-{vandaag.year}"
    return f"herfst-{vandaag.year - 1}" if vandaag.month < 4 else f"lente-{vandaag.year}"


def kennisbank_kopie(map_: Path) -> Path:
    """The example kennisbank with the yearly deadlines stretched (lente until 30 September,
    herfst until 31 March), so a period is open whatever today's date is."""
    doel = map_ / "kennisbank"
    shutil.copytree(STANDAARD_KENNISBANK, doel)
    pad = doel / "rapportage.yaml"
    tekst = pad.read_text(encoding="utf-8")
    nieuw = iter([" 182", " 181"])  # lente, herfst: in this order in the example
    tekst, aantal = re.subn(r"(?m)^(\s+deadline:) \d+.*$", lambda m: m.group(1) + next(nieuw, ""), tekst)
    assert aantal == 2, "rapportage.yaml van het voorbeeld heeft een andere vorm; pas bench/schaal.py aan"
    pad.write_text(tekst, encoding="utf-8")
    return doel


PERIODE = open_periode(date.today())


def met_periode(klikken: list[dict]) -> list[dict]:
    for klik in klikken:
        klik["value"]["periode_id"] = PERIODE
    return klikken


class Opstelling:
    """n bot processes + nginx on a fresh database; stopped (SIGTERM, by pid) on exit."""

    def __init__(self, aantal: int, map_: Path, kennisbank: Path, url: str, *, herinneringen: bool = False) -> None:
        self.aantal, self.map, self.kennisbank, self.url = aantal, map_, kennisbank, url
        self.herinneringen = herinneringen
        self.naam = f"{aantal}-{uuid.uuid4().hex[:4]}"
        self.processen: list[subprocess.Popen] = []
        self.bot_poorten: list[int] = []
        self.poort = vrije_poort()

    def omgeving(self, poort: int) -> dict[str, str]:
        omgeving = {
            **os.environ,
            "DATABASE_URL": self.url,
            "KENNISBANK": str(self.kennisbank),
            "AUTO_MIGRATE": "nee",
            "HERINNERINGEN": "ja" if self.herinneringen else "nee",
            "PORT": str(poort),
            "HOST": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        omgeving.pop("MicrosoftAppId", None)
        return omgeving

    async def __aenter__(self) -> "Opstelling":
        migratie = subprocess.run(
            [sys.executable, "-m", "bot", "db", "upgrade"],
            cwd=ROOT,
            env=self.omgeving(3978),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migratie.returncode == 0, migratie.stderr
        for i in range(self.aantal):
            poort = vrije_poort()
            log = open(self.map / f"bot{i + 1}-{self.naam}.log", "w")
            self.processen.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot"], cwd=ROOT, env=self.omgeving(poort), stdout=log, stderr=subprocess.STDOUT
                )
            )
            self.bot_poorten.append(poort)
        nginx_map = self.map / f"nginx-{self.naam}"
        nginx_map.mkdir()
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in self.bot_poorten)
        (nginx_map / "nginx.conf").write_text(NGINX_CONF.format(map=nginx_map, servers=servers, poort=self.poort))
        self.processen.append(
            subprocess.Popen(
                [
                    zoek_nginx(),
                    "-p",
                    str(nginx_map),
                    "-e",
                    str(nginx_map / "error.log"),
                    "-c",
                    str(nginx_map / "nginx.conf"),
                    "-g",
                    "daemon off;",
                ]
            )
        )
        async with ClientSession() as sessie:
            for poort in [*self.bot_poorten, self.poort]:
                await wacht_op_gereed(sessie, f"http://127.0.0.1:{poort}/readyz", self.processen)
        return self

    async def __aexit__(self, *_fout) -> None:
        for proces in self.processen:
            proces.terminate()
        for proces in self.processen:
            try:
                proces.wait(60)
            except subprocess.TimeoutExpired:
                proces.kill()

    def cpu_seconden(self) -> float:
        """User + system CPU time used so far by the bot processes (not nginx), from /proc."""
        totaal = 0.0
        for proces in self.processen[: self.aantal]:
            velden = Path(f"/proc/{proces.pid}/stat").read_text().rsplit(")", 1)[1].split()
            totaal += (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")
        return totaal

    @property
    def basis(self) -> str:
        return f"http://127.0.0.1:{self.poort}"


async def wacht_op_gereed(sessie: ClientSession, url: str, processen: list[subprocess.Popen]) -> None:
    for _ in range(1200):
        if any(p.poll() is not None for p in processen):
            raise RuntimeError("een proces stopte tijdens het starten (zie de logs)")
        try:
            async with sessie.get(url, timeout=ClientTimeout(total=2)) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            pass
        except asyncio.TimeoutError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} werd niet gereed")


def vraag(tekst: str, gesprek: str, persoon=None, **velden) -> dict:
    afzender = (
        {"id": f"29:{persoon.id}", "name": persoon.naam, "aadObjectId": persoon.aad_object_id} if persoon else {"id": "29:gast"}
    )
    return {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "msteams",
        "text": tekst,
        "serviceUrl": "https://smba.example.invalid/",
        "deliveryMode": "expectReplies",
        "conversation": {"id": gesprek, "conversationType": "personal"},
        "from": afzender,
        "recipient": {"id": "28:bot", "name": "Sturingsbot"},
        "locale": "nl-NL",
        **velden,
    }


async def belast(basis: str, activiteiten: list[dict], gelijktijdig: int) -> dict:
    """Post all activities, at most `gelijktijdig` in flight; throughput, p50/p99, statuses, instances."""
    slot = asyncio.Semaphore(gelijktijdig)
    tijden: list[float] = []
    statussen: Counter[int] = Counter()
    instanties: Counter[str] = Counter()
    async with ClientSession(connector=TCPConnector(limit=0), timeout=ClientTimeout(total=300)) as sessie:

        async def stuur(activiteit: dict) -> None:
            async with slot:
                begin = time.perf_counter()
                async with sessie.post(f"{basis}/api/messages", json=activiteit) as antwoord:
                    await antwoord.read()
                    tijden.append((time.perf_counter() - begin) * 1000)
                    statussen[antwoord.status] += 1
                    instanties[antwoord.headers.get("X-Instantie", "?")] += 1

        begin = time.perf_counter()
        await asyncio.gather(*(stuur(a) for a in activiteiten))
        totaal = time.perf_counter() - begin
    kwantielen = statistics.quantiles(tijden, n=100)
    return {
        "aantal": len(activiteiten),
        "per_seconde": len(activiteiten) / totaal,
        "p50": statistics.median(tijden),
        "p99": kwantielen[98],
        "statussen": dict(statussen),
        "instanties": dict(instanties),
    }


async def opgeslagen(url: str) -> int:
    """Stored statusupdates of the period (the database is fresh per run). The stored sleutel is
    bound to the submitter (a hash), so rows are counted rather than matched."""
    engine = maak_engine(url)
    async with maak_sessies(engine)() as db:
        aantal = await db.scalar(select(func.count()).select_from(Statusupdate).where(Statusupdate.periode_id == PERIODE))
    await engine.dispose()
    return int(aantal or 0)


async def controles(opstelling: Opstelling, kennisbank) -> dict[str, object]:
    """With 2 instances: alternation, a retry on the other instance, handled once."""
    uitkomst: dict[str, object] = {}
    async with ClientSession() as sessie:
        gesprek = f"afwisselen-{uuid.uuid4().hex[:6]}"
        reeks = []
        for tekst in ["help", "wie is ambtelijk opdrachtgever voor de sociale agenda?", "help", "bedankt", "help", "help"]:
            async with sessie.post(f"{opstelling.basis}/api/messages", json=vraag(tekst, gesprek)) as antwoord:
                await antwoord.read()
                reeks.append(antwoord.headers.get("X-Instantie"))
        uitkomst["afwisselend"] = all(a != b for a, b in zip(reeks, reeks[1:])) and len(set(reeks)) == 2
        [klik] = met_periode(submissions(1, 0.0)[0])
        klik = {**klik, "conversation": {"id": "herhaling-1", "conversationType": "personal"}}
        antwoorden = []
        voor = await opgeslagen(opstelling.url)
        for _ in range(2):  # Teams resends the same activity (same id) when the answer was slow
            async with sessie.post(f"{opstelling.basis}/api/messages", json=klik) as antwoord:
                body = await antwoord.json()
                antwoorden.append((antwoord.status, antwoord.headers.get("X-Instantie"), len(body.get("activities") or [])))
        uitkomst["herhaling_andere_instantie"] = antwoorden[0][1] != antwoorden[1][1]
        uitkomst["herhaling_statussen"] = [a[0] for a in antwoorden]
        uitkomst["herhaling_antwoorden"] = [a[2] for a in antwoorden]
        uitkomst["herhaling_eenmaal_opgeslagen"] = await opgeslagen(opstelling.url) == voor + 1
    return uitkomst


class NepKanaal:
    """The channel's serviceUrl for the reminder check: records every proactive message."""

    def __init__(self) -> None:
        self.berichten: Counter[str] = Counter()
        app = web.Application()
        app.router.add_post("/v3/conversations/{gesprek}/activities", self._ontvang)
        app.router.add_post("/v3/conversations/{gesprek}/activities/{activiteit}", self._ontvang)
        self.runner = web.AppRunner(app, access_log=None)
        self.url = ""

    async def _ontvang(self, request: web.Request) -> web.Response:
        await request.read()
        self.berichten[request.match_info["gesprek"]] += 1
        return web.json_response({"id": uuid.uuid4().hex})

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}/"


async def herinneringen_eenmaal(map_: Path, kennisbank_map: Path, url: str, kanaal: NepKanaal) -> dict:
    """Two instances start at the same moment with reminders on (each runs a pass at start-up):
    every due reminder is claimed by one of them and reaches the channel exactly once."""
    engine = maak_engine(url)
    async with engine.begin() as verbinding:  # the burst submitted everything: make every onderwerp due again
        await verbinding.execute(delete(Statusupdate))
    eerder = Counter(kanaal.berichten)  # the burst's own proactive messages (e.g. an AO told of a delegate's update)
    async with Opstelling(2, map_, kennisbank_map, url, herinneringen=True):
        try:
            for _ in range(300):
                async with engine.connect() as verbinding:
                    rijen = (
                        await verbinding.execute(select(Herinnering.resultaat, func.count()).group_by(Herinnering.resultaat))
                    ).all()
                per_resultaat = dict(rijen)
                if per_resultaat and not per_resultaat.get("bezig"):
                    break
                await asyncio.sleep(0.2)
        finally:
            await engine.dispose()
    verstuurd = per_resultaat.get("verstuurd", 0)
    herinneringen = kanaal.berichten - eerder
    return {
        "per_resultaat": {str(k): v for k, v in per_resultaat.items()},
        "berichten": sum(herinneringen.values()),
        "voor_de_herinneringen": sum(eerder.values()),
        "eenmaal": verstuurd > 0 and sum(herinneringen.values()) == verstuurd and max(herinneringen.values(), default=0) == 1,
    }


async def meet(
    aantal_instanties: int, map_: Path, kennisbank_map: Path, burst: int, lookups: int, gelijktijdig: int, kanaal: NepKanaal
) -> dict:
    naam = f"schaal_{uuid.uuid4().hex[:8]}"
    await _sql(POSTGRES, f'CREATE DATABASE "{naam}"')
    url = make_url(POSTGRES).set(database=naam).render_as_string(False)
    kennisbank = laad_kennisbank(kennisbank_map)
    try:
        async with Opstelling(aantal_instanties, map_, kennisbank_map, url) as opstelling:
            random.seed(15)
            namen = [o.naam for o in kennisbank.bestanden.onderwerpen]
            # warm-up: every instance answers lookups first (lazy imports, pools, caches)
            opwarmen = [
                vraag(f"wie is ambtelijk opdrachtgever voor {naam}?", f"opwarmen-{i}")
                for i, naam in enumerate(namen[: 20 * aantal_instanties])
            ]
            await belast(opstelling.basis, opwarmen, 4)
            klikken, sleutels = submissions(burst, 0.1)
            met_periode(klikken)
            for klik in klikken:
                klik["serviceUrl"] = kanaal.url  # the conversation reference a reminder will use
            cpu = opstelling.cpu_seconden()
            resultaat = {"burst": await belast(opstelling.basis, klikken, gelijktijdig)}
            resultaat["burst"]["cpu_ms"] = (opstelling.cpu_seconden() - cpu) * 1000 / burst
            bewaard = await opgeslagen(url)  # every distinct submission once; double clicks and retries add nothing
            resultaat["burst"]["verloren"] = max(0, len(sleutels) - bewaard)
            resultaat["burst"]["dubbel"] = max(0, bewaard - len(sleutels))
            vragen = [
                vraag(f"wie is ambtelijk opdrachtgever voor {random.choice(namen)}?", f"lookup-{i % 50}") for i in range(lookups)
            ]
            cpu = opstelling.cpu_seconden()
            resultaat["lookup"] = await belast(opstelling.basis, vragen, gelijktijdig)
            resultaat["lookup"]["cpu_ms"] = (opstelling.cpu_seconden() - cpu) * 1000 / lookups
            if aantal_instanties > 1:
                resultaat["controles"] = await controles(opstelling, kennisbank)
        if aantal_instanties > 1:
            resultaat["controles"]["herinneringen"] = await herinneringen_eenmaal(map_, kennisbank_map, url, kanaal)
        return resultaat
    finally:
        await _sql(POSTGRES, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def toon(aantal: int, r: dict) -> None:
    for soort in ("burst", "lookup"):
        m = r[soort]
        extra = f", verloren {m['verloren']}, dubbel {m['dubbel']}" if soort == "burst" else ""
        print(
            f"  {aantal} instantie(s) {soort:6}: {m['aantal']} verzoeken, {m['per_seconde']:.1f}/s, p50 {m['p50']:.0f} ms, "
            f"p99 {m['p99']:.0f} ms, bot-CPU {m['cpu_ms']:.0f} ms/verzoek, statussen {m['statussen']}, per instantie {sorted(m['instanties'].values())}{extra}"
        )


async def main(burst: int, lookups: int, gelijktijdig: int) -> int:
    if zoek_nginx() is None:
        print("nginx ontbreekt: installeer het met `apt-get install -y nginx` (Debian) en start opnieuw.", file=sys.stderr)
        return 2
    print(
        f"{os.cpu_count()} cores, PostgreSQL, nginx round robin; burst {burst} bevestigingen (10 % dubbel), "
        f"{lookups} opzoekvragen, max {gelijktijdig} tegelijk"
    )
    with tempfile.TemporaryDirectory(prefix="schaal-") as tijdelijk:
        map_ = Path(tijdelijk)
        kennisbank_map = kennisbank_kopie(map_)
        kanaal = NepKanaal()
        await kanaal.start()
        een = await meet(1, map_, kennisbank_map, burst, lookups, gelijktijdig, kanaal)
        toon(1, een)
        twee = await meet(2, map_, kennisbank_map, burst, lookups, gelijktijdig, kanaal)
        await kanaal.runner.cleanup()
        toon(2, twee)
    for soort in ("burst", "lookup"):
        print(f"  schaalfactor {soort}: {twee[soort]['per_seconde'] / een[soort]['per_seconde']:.2f}x (doel >= 1.7x)")
    c = twee["controles"]
    print(
        f"  correctheid: beurten afwisselend {c['afwisselend']}; herhaling op andere instantie {c['herhaling_andere_instantie']} "
        f"(statussen {c['herhaling_statussen']}, antwoorden {c['herhaling_antwoorden']}), eenmaal opgeslagen "
        f"{c['herhaling_eenmaal_opgeslagen']}; burst verloren {twee['burst']['verloren']}, dubbel {twee['burst']['dubbel']}"
    )
    h = c["herinneringen"]
    print(
        f"  herinneringen (2 instanties starten tegelijk): rijen {h['per_resultaat']}, berichten bij het kanaal "
        f"{h['berichten']} (daarvoor {h['voor_de_herinneringen']} uit de burst), elk precies één keer: {h['eenmaal']}"
    )
    goed = (
        c["afwisselend"]
        and h["eenmaal"]
        and c["herhaling_andere_instantie"]
        and c["herhaling_eenmaal_opgeslagen"]
        and all(r[s]["verloren"] == 0 and r[s]["dubbel"] == 0 for r in (een, twee) for s in ("burst",))
        and all(set(r[s]["statussen"]) == {200} for r in (een, twee) for s in ("burst", "lookup"))
    )
    print("  correctheid:", "in orde" if goed else "FOUT")
    return 0 if goed else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burst", type=int, default=400)
    parser.add_argument("--lookups", type=int, default=400)
    parser.add_argument("--gelijktijdig", type=int, default=32)
    argumenten = parser.parse_args()
    raise SystemExit(asyncio.run(main(argumenten.burst, argumenten.lookups, argumenten.gelijktijdig)))
