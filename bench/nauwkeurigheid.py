"""Accuracy on the natural question set (tests/vragen/natuurlijk), through the real bot over HTTP.

    .venv/bin/python -m bench.nauwkeurigheid [--fouten] [--familie F ...] [--bestand B ...]
                                             [--database sqlite|postgres] [--extra-onderwerpen 10000]

Reports accuracy per family (the same judge as tests/test_natuurlijke_vragen.py), the unknown
topics answered without a name, the time per message (whole turn over HTTP, and the recogniser's
`herken` alone), and the most confused intent pairs: the recogniser's prediction against the
intent(s) a family expects, and per family how often the recogniser picked a fitting intent (so a
miss can be told apart: recogniser, or the feature's answer). `--fouten` also lists every failing question with the bot's answer
(engineers who write training examples should measure without it). `--bestand blind_2.yaml` measures
one question file alone (a fresh set, per family), also one not yet in the gate (APART_GEMETEN in
tests/vragen/natuurlijk/beoordeling.py); without `--bestand` the gate's files are measured. Each file is
asked against the kennisbank it names (`kennisbank:` at its top, default the first example), one app
and one fresh database per kennisbank. `--extra-onderwerpen N` runs
on a copy of the example kennisbank with N synthetic onderwerpen added (bench/synthetisch.py names,
owned by the example's concerndirecteuren): the time at scale, and how the answers hold up among
many similar names (the labels were written for the example kennisbank alone).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from bench.synthetisch import synthetische_bestanden
from bot.app import GEMEENTEBOT, create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from db.engine import maak_engine
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek
from tests.vragen.natuurlijk.beoordeling import (
    EERSTE_KENNISBANK,
    MOMENT,
    Rechter,
    Uitslag,
    Vraag,
    kennisbank_pad,
    laad_vragen,
    per_kennisbank,
    rapport,
    stel,
)

POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

# Which intents a family expects. "x.*" means any intent of feature x. A question's labels refine
# it where the family holds several kinds (starting a check, submitting a status update).
FAMILIE_INTENTIES: dict[str, tuple[str, ...]] = {
    "opdrachtgever_wie": ("opdrachtgever.wie",),
    "bestuurlijk": ("opdrachtgever.bestuurlijk",),
    "persoon": ("opdrachtgever.persoon",),
    "lijsten": ("opdrachtgever.lijst",),
    "uitleg": ("opdrachtgever.uitleg",),
    "bestuursopdracht": ("bestuursopdracht.*",),
    "escalatie": ("escalatie.*",),
    "rapportage": ("rapportage.*",),
    "documenten": ("documenten.vraag",),
    # an unknown onderwerp may be read as a "wie"-question that then finds nothing; that is fine
    "onbekend": ("algemeen.buiten_bereik", "opdrachtgever.wie"),
    "algemeen": ("algemeen.*",),
}


def verwachte_intenties(vraag: Vraag) -> tuple[str, ...]:
    if vraag.labels.get("kaart") == "bestuursopdracht-check":
        return ("bestuursopdracht.start",)
    if vraag.labels.get("kaart") == "statusupdate":
        return ("rapportage.update",)
    if vraag.labels.get("geen_kaart"):
        return ("bestuursopdracht.vraag_*",)
    return FAMILIE_INTENTIES.get(vraag.familie, ())


def past(intentie: str | None, verwacht: tuple[str, ...]) -> bool:
    return intentie is not None and any(intentie == v or (v.endswith("*") and intentie.startswith(v[:-1])) for v in verwacht)


def vind_herkenner(services: Any) -> Any | None:
    """The recogniser the running bot uses (whatever object has `herken`), or None."""
    router = getattr(services, "router", None) or getattr(services, "gesprek", None)
    for kandidaat in (getattr(router, "herkenner", None), *getattr(router, "__dict__", {}).values()):
        if kandidaat is not None and callable(getattr(kandidaat, "herken", None)):
            return kandidaat
    return None


def percentielen(waarden: list[float]) -> str:
    if not waarden:
        return "-"
    gesorteerd = sorted(waarden)
    p95 = gesorteerd[min(len(gesorteerd) - 1, int(0.95 * len(gesorteerd)))]
    return f"p50 {statistics.median(gesorteerd) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def met_extra_onderwerpen(doel: Path, aantal: int) -> Path:
    """A copy of the example kennisbank in `doel` with `aantal` synthetic onderwerpen added."""
    shutil.copytree(STANDAARD_KENNISBANK, doel)
    eigenaren = ["ardwin-lantain", "jelle-arentsen", "marcel-kossen", "flora-van-houwelingen"]
    bron = {"document": "voorbeeld", "sectie": "synthetisch (bench)"}
    extra = [
        {
            **o.model_dump(include={"naam", "soort", "aliassen"}),
            "id": f"synthetisch-{i}",
            "ambtelijk_opdrachtgever": eigenaren[i % len(eigenaren)],
            "bron": bron,
        }
        for i, o in enumerate(synthetische_bestanden(aantal).onderwerpen)
    ]
    pad = doel / "onderwerpen.yaml"
    onderwerpen = yaml.safe_load(pad.read_text(encoding="utf-8")) + extra
    pad.write_text(yaml.safe_dump(onderwerpen, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return doel


def kies_vragen(families: set[str] | None, bestanden: set[str] | None) -> list[Vraag]:
    """The gate's questions, or those of the named files (also files not yet in the gate)."""
    return [
        v
        for v in laad_vragen()
        if (not families or v.familie in families) and (v.bestand in bestanden if bestanden else v.gemeten)
    ]


async def meet(
    database_url: str,
    vragen: list[Vraag],
    kennisbank_pad: Path = STANDAARD_KENNISBANK,
    tijden: dict[str, list[float]] | None = None,
    verwarring: Counter | None = None,
    herkenning: Counter | None = None,
) -> list[Uitslag]:
    """Ask `vragen` (all of one kennisbank) of an app on `kennisbank_pad`; times and confusions are
    added to the given collectors."""
    kennisbank = laad_kennisbank(kennisbank_pad)
    settings = Settings(database_url=database_url, kennisbank=kennisbank_pad, herinneringen=False)
    client = TestClient(TestServer(create_app(settings, klok=lambda: MOMENT)))
    await client.start_server()
    tijden = tijden if tijden is not None else {"beurt": [], "herken": []}
    verwarring = verwarring if verwarring is not None else Counter()
    herkenning = herkenning if herkenning is not None else Counter()  # (familie, intent fits, answer right) -> count
    try:
        herkenner = vind_herkenner(client.app[GEMEENTEBOT])
        rechter = Rechter(kennisbank)
        await stel(lambda: TestGesprek(client, kennisbank), rechter, vragen[0])  # warm up
        uitslagen = []
        for vraag in vragen:
            uitslag = await stel(lambda: TestGesprek(client, kennisbank), rechter, vraag)
            uitslagen.append(uitslag)
            tijden["beurt"].append(uitslag.seconden)
            if herkenner is not None:
                begin = time.perf_counter()
                herkend = herkenner.herken(vraag.vraag)
                tijden["herken"].append(time.perf_counter() - begin)
                verwacht = verwachte_intenties(vraag)
                intentie = getattr(herkend, "intentie", None)
                if verwacht and not past(intentie, verwacht):
                    verwarring[(" of ".join(verwacht), str(intentie), uitslag.goed)] += 1
                if verwacht:
                    herkenning[(vraag.familie, past(intentie, verwacht), uitslag.goed)] += 1
    finally:
        await client.close()
    return uitslagen


async def postgres_database() -> tuple[str, str]:
    """A fresh database on the local PostgreSQL: (url, name)."""
    naam = f"sturingsbot_bench_{uuid.uuid4().hex[:8]}"
    engine = maak_engine(POSTGRES).execution_options(isolation_level="AUTOCOMMIT")
    async with engine.connect() as verbinding:
        await verbinding.execute(text(f'CREATE DATABASE "{naam}"'))
    await engine.dispose()
    return POSTGRES.rsplit("/", 1)[0] + f"/{naam}", naam


async def verwijder_postgres(naam: str) -> None:
    engine = maak_engine(POSTGRES).execution_options(isolation_level="AUTOCOMMIT")
    async with engine.connect() as verbinding:
        await verbinding.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
    await engine.dispose()


async def hoofd(argumenten: argparse.Namespace) -> None:
    families = set(argumenten.familie) if argumenten.familie else None
    bestanden = set(argumenten.bestand) if argumenten.bestand else None
    uitslagen: list[Uitslag] = []
    tijden: dict[str, list[float]] = {"beurt": [], "herken": []}
    verwarring: Counter = Counter()
    herkenning: Counter = Counter()
    with tempfile.TemporaryDirectory() as map_:
        groepen = per_kennisbank(kies_vragen(families, bestanden))
        for naam, vragen in groepen.items():
            kennisbank = kennisbank_pad(naam)
            if argumenten.extra_onderwerpen and naam == EERSTE_KENNISBANK:
                kennisbank = met_extra_onderwerpen(Path(map_) / "kennisbank", argumenten.extra_onderwerpen)
                print(f"kennisbank: voorbeeld + {argumenten.extra_onderwerpen} synthetische onderwerpen")
            if argumenten.database == "postgres":
                url, db_naam = await postgres_database()
                try:
                    deel = await meet(url, vragen, kennisbank, tijden, verwarring, herkenning)
                finally:
                    await verwijder_postgres(db_naam)
            else:
                deel = await meet(
                    f"sqlite+aiosqlite:///{Path(map_) / f'bench-{naam}.db'}", vragen, kennisbank, tijden, verwarring, herkenning
                )
            if len(groepen) > 1 or naam != EERSTE_KENNISBANK:
                print(f"kennisbank {naam}: " + rapport(deel, toon_fouten=False).splitlines()[0])
            uitslagen.extend(deel)

    print(rapport(uitslagen, toon_fouten=argumenten.fouten))
    print(f"\ntijd per bericht (hele beurt over HTTP, {len(tijden['beurt'])} vragen): {percentielen(tijden['beurt'])}")
    if tijden["herken"]:
        print(f"tijd per bericht (alleen herken): {percentielen(tijden['herken'])}")
        print("\nherkenning per familie (intentie past / antwoord goed bij passende intentie / antwoord goed bij andere):")
        for familie in sorted({f for f, _, _ in herkenning}):
            passend = sum(n for (f, p, _), n in herkenning.items() if f == familie and p)
            totaal = sum(n for (f, _, _), n in herkenning.items() if f == familie)
            goed_passend = herkenning[(familie, True, True)]
            goed_anders = herkenning[(familie, False, True)]
            print(
                f"  {familie:18s} {passend:>3}/{totaal:<3} {passend / totaal:6.1%}   {goed_passend:>3}/{passend:<3}   {goed_anders:>3}/{totaal - passend}"
            )
        print("\nmeest verwarde intenties (verwacht -> herkend: aantal, waarvan antwoord toch goed):")
        paren: Counter = Counter()
        toch_goed: Counter = Counter()
        for (verwacht, herkend, goed), aantal in verwarring.items():
            paren[(verwacht, herkend)] += aantal
            toch_goed[(verwacht, herkend)] += aantal if goed else 0
        for (verwacht, herkend), aantal in paren.most_common(argumenten.paren):
            print(f"  {verwacht:<44} -> {herkend:<28} {aantal:>3}  ({toch_goed[(verwacht, herkend)]} goed)")
    else:
        print("(geen herkenner met herken() gevonden: geen verwarde intenties)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fouten", action="store_true", help="toon elke foute vraag met het antwoord van de bot")
    parser.add_argument("--familie", nargs="*", help="alleen deze families")
    parser.add_argument("--bestand", nargs="*", help="alleen deze vragenbestanden (bijv. blind_2.yaml)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--extra-onderwerpen", type=int, default=0, help="voeg N synthetische onderwerpen toe")
    parser.add_argument("--paren", type=int, default=12, help="hoeveel verwarde paren tonen")
    asyncio.run(hoofd(parser.parse_args()))


if __name__ == "__main__":
    main()
