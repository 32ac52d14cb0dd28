"""Deadline burst for issue 5: many statusupdates confirmed at once, over HTTP, against the real
app (create_app) on PostgreSQL. Afterwards the database is checked: every distinct submission
stored exactly once (double clicks and channel retries included in the burst), versions per
onderwerp gap-free. Prints p50/p95/p99 latency per request.

    .venv/bin/python -m bench.deadline_burst [--aantal 1000] [--gelijktijdig 1000] [--dubbel 0.1]

`--gelijktijdig` caps the requests in flight (1000 = all at once). Needs PostgreSQL at
STURINGSBOT_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432/test); a fresh database is made
and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
import uuid
from collections import Counter
from datetime import datetime

from aiohttp import ClientSession, TCPConnector
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from bot.app import create_app
from bot.services import TIJDZONE
from bot.settings import STANDAARD_KENNISBANK, Settings
from db.engine import maak_engine, maak_sessies
from db.modellen.rapportage import Statusupdate
from kennisbank.laden import laad_kennisbank

POSTGRES = os.environ.get("STURINGSBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
MOMENT = datetime(2026, 12, 4, 16, 55, tzinfo=TIJDZONE)  # five to five on deadline day
STATUSSEN = [
    ("op-koers", {}),
    ("op-koers", {}),
    ("op-koers", {}),
    ("aandachtspunt", {"toelichting": "Risico op vertraging"}),
    (
        "afwijking",
        {"toelichting": "Budget overschreden", "maatregel": "Herprioriteren", "financieel": "tegenvaller", "bedrag": "€ 12.500"},
    ),
]


def submissions(aantal: int, dubbel: float) -> tuple[list[dict], set[str]]:
    """`aantal` confirm-clicks; a share of them repeat an earlier one (double click or channel retry)."""
    kennisbank = laad_kennisbank(STANDAARD_KENNISBANK)
    paren = [
        (o, p)
        for o in kennisbank.bestanden.onderwerpen
        for p in (kennisbank.persoon(o.ambtelijk_opdrachtgever), kennisbank.persoon(o.gedelegeerd_opdrachtgever))
        if p
    ]
    uniek: list[dict] = []
    activiteiten: list[dict] = []
    for i in range(aantal):
        if uniek and random.random() < dubbel:
            vorige = random.choice(uniek)
            kopie = dict(vorige)
            if random.random() < 0.5:
                kopie["id"] = uuid.uuid4().hex  # double click: same card data, new activity
            activiteiten.append(kopie)  # else: channel retry, same activity id
            continue
        onderwerp, persoon = paren[i % len(paren)]
        status, velden = random.choice(STATUSSEN)
        waarde = {
            "actie": "rapportage.bevestig",
            "onderwerp_id": onderwerp.id,
            "periode_id": "herfst-2026",
            "status": status,
            "sleutel": uuid.uuid4().hex,
            **velden,
        }
        activiteit = {
            "type": "message",
            "id": uuid.uuid4().hex,
            "channelId": "msteams",
            "text": "",
            "value": waarde,
            "serviceUrl": "https://smba.example.invalid/",
            "deliveryMode": "expectReplies",
            "conversation": {"id": f"burst-{i}", "conversationType": "personal"},
            "from": {"id": f"29:{persoon.id}", "name": persoon.naam, "aadObjectId": persoon.aad_object_id},
            "recipient": {"id": "28:bot", "name": "Sturingsbot"},
            "locale": "nl-NL",
        }
        uniek.append(activiteit)
        activiteiten.append(activiteit)
    random.shuffle(activiteiten)
    return activiteiten, {a["value"]["sleutel"] for a in uniek}


async def _sql(url: str, opdracht: str) -> None:
    engine = maak_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    async with engine.connect() as verbinding:
        await verbinding.execute(text(opdracht))
    await engine.dispose()


async def main(aantal: int, gelijktijdig: int, dubbel: float) -> int:
    random.seed(5)
    naam = f"burst_{uuid.uuid4().hex[:8]}"
    await _sql(POSTGRES, f'CREATE DATABASE "{naam}"')
    url = make_url(POSTGRES).set(database=naam).render_as_string(False)
    try:
        settings = Settings(database_url=url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
        server = TestServer(create_app(settings, klok=lambda: MOMENT))
        await server.start_server()
        activiteiten, sleutels = submissions(aantal, dubbel)
        slot = asyncio.Semaphore(gelijktijdig)
        tijden: list[float] = []
        statussen: Counter[int] = Counter()
        async with ClientSession(connector=TCPConnector(limit=0)) as sessie:
            # warm-up: one turn so imports, pools and caches are ready
            await sessie.post(
                server.make_url("/api/messages"),
                json={**activiteiten[0], "id": "opwarmen", "value": {**activiteiten[0]["value"], "sleutel": "opwarmen"}},
            )

            async def stuur(activiteit: dict) -> None:
                async with slot:
                    begin = time.perf_counter()
                    antwoord = await sessie.post(server.make_url("/api/messages"), json=activiteit)
                    await antwoord.read()
                    tijden.append((time.perf_counter() - begin) * 1000)
                    statussen[antwoord.status] += 1

            begin = time.perf_counter()
            await asyncio.gather(*(stuur(a) for a in activiteiten))
            totaal = time.perf_counter() - begin
        await server.close()

        engine = maak_engine(url)
        async with maak_sessies(engine)() as db:
            rijen = (
                await db.execute(
                    select(Statusupdate.sleutel, Statusupdate.onderwerp_id, Statusupdate.versie).where(
                        Statusupdate.periode_id == "herfst-2026"
                    )
                )
            ).all()
            opwarm = await db.scalar(
                select(func.count()).select_from(Statusupdate).where(Statusupdate.sleutel.like("opwarmen:%"))
            )
        await engine.dispose()
        opgeslagen = Counter(r.sleutel.split(":", 1)[0] for r in rijen if not r.sleutel.startswith("opwarmen"))
        verloren = sleutels - set(opgeslagen)
        dubbel_opgeslagen = [s for s, n in opgeslagen.items() if n > 1]
        per_onderwerp: dict[str, list[int]] = {}
        for r in rijen:
            per_onderwerp.setdefault(r.onderwerp_id, []).append(r.versie)
        gaten = [o for o, v in per_onderwerp.items() if sorted(v) != list(range(1, len(v) + 1))]
        kwantielen = statistics.quantiles(tijden, n=100)
        print(
            f"{len(activiteiten)} bevestigingen ({len(sleutels)} verschillend, {len(activiteiten) - len(sleutels)} "
            f"dubbelklik/herhaling), max {gelijktijdig} tegelijk, PostgreSQL, {os.cpu_count()} cores"
        )
        print(f"HTTP-statussen: {dict(statussen)}; totaal {totaal:.1f} s ({len(activiteiten) / totaal:.0f} per seconde)")
        print(
            f"latentie p50 {statistics.median(tijden):.0f} ms, p95 {kwantielen[94]:.0f} ms, p99 {kwantielen[98]:.0f} ms, "
            f"max {max(tijden):.0f} ms"
        )
        print(
            f"database: {len(rijen) - opwarm} opgeslagen, verloren {len(verloren)}, dubbel {len(dubbel_opgeslagen)}, "
            f"onderwerpen met gaten in versies {len(gaten)}"
        )
        return 0 if not verloren and not dubbel_opgeslagen and not gaten and set(statussen) == {200} else 1
    finally:
        await _sql(POSTGRES, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=1000)
    parser.add_argument("--gelijktijdig", type=int, default=1000)
    parser.add_argument("--dubbel", type=float, default=0.1, help="deel dat een eerdere klik herhaalt")
    argumenten = parser.parse_args()
    raise SystemExit(asyncio.run(main(argumenten.aantal, argumenten.gelijktijdig, argumenten.dubbel)))
