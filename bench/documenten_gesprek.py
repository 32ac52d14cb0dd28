"""Documents questions through the real bot: intent, quoted section, and nothing quoted when unknown.

    .venv/bin/python -m bench.documenten_gesprek [--vragen tests/documenten/ontwikkelvragen_2.yaml]
                                                [--helft leer|toets|alle] [--fouten]

Every question is asked in a fresh conversation over HTTP on SQLite, on its kennisbank (an item's
`kennisbank:`, default the example `voorbeeld`), as an employee who is nobody's opdrachtgever (on a
kennisbank without that person: a guest it doesn't know). A question the documents answer is right
when the first source the answer names is one of its expected sections: a quote (`documenten.bron`)
or a record's source line; and, when the item gives an `antwoord`, the reply holds that literal
piece of the sentence with the fact. `geciteerd` counts only quotes. A question they don't answer is right when nothing is
quoted and no person is named. Also reports how often the recogniser said `documenten.vraag`
(after the router's greeting and record rules) and `Herkenner.herken`'s p50 time.

The file is split in halves: questions at an even place in each list are the half one may look at
while teaching (`--helft leer`, `--fouten` prints its misses), those at an odd place the held-back
half (`--helft toets`: counts only, never the questions).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from aiohttp.test_utils import TestClient, TestServer

from bot.app import GEMEENTEBOT, create_app
from bot.settings import Settings
from kennisbank.documenten import documenten_van
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek

ROOT = Path(__file__).resolve().parent.parent
VRAGEN = ROOT / "tests" / "documenten" / "ontwikkelvragen_2.yaml"
VOORBEELD = ROOT / "kennisbank" / "voorbeeld"
MOMENT = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
ALS = "daan-bakker"
_CITAAT = re.compile(r"Uit \*(?P<titel>.+?)\* \((?P<organisatie>[^)]*)\)(?:, sectie \*(?P<sectie>.+?)\*)?:")
_BRONREGEL = re.compile(r"_Bron: (?P<bron>[^_]+)_")


@dataclass
class Telling:
    goed: int = 0
    geciteerd: int = 0
    intentie: int = 0
    beantwoordbaar: int = 0
    onbeantwoord_goed: int = 0
    onbeantwoordbaar: int = 0
    fouten: list[str] = field(default_factory=list)


def helft(items: list[Any], welke: str) -> list[Any]:
    if welke == "alle":
        return items
    return items[0::2] if welke == "leer" else items[1::2]


async def meet(pad: Path, welke: str) -> tuple[Telling, list[float]]:
    """Ask the questions of `pad`, each on its own kennisbank (`kennisbank:`, default `voorbeeld`)."""
    data: dict[str, Any] = yaml.safe_load(pad.read_text(encoding="utf-8"))
    beantwoord = helft(data["beantwoord"], welke)
    onbeantwoord = [v if isinstance(v, dict) else {"vraag": v} for v in helft(data["onbeantwoord"], welke)]
    telling = Telling()
    tijden: list[float] = []
    for naam in dict.fromkeys(i.get("kennisbank", VOORBEELD.name) for i in [*beantwoord, *onbeantwoord]):
        eigen = [i for i in beantwoord if i.get("kennisbank", VOORBEELD.name) == naam]
        eigen_onbeantwoord = [i["vraag"] for i in onbeantwoord if i.get("kennisbank", VOORBEELD.name) == naam]
        await _meet_kennisbank(VOORBEELD.parent / naam, eigen, eigen_onbeantwoord, telling, tijden)
    return telling, tijden


async def _meet_kennisbank(
    map_: Path, beantwoord: list[dict[str, Any]], onbeantwoord: list[str], telling: Telling, tijden: list[float]
) -> None:
    kennisbank = laad_kennisbank(map_)
    titels = {d.titel: d.id for d in documenten_van(kennisbank)}
    namen = [p.naam for p in kennisbank.bestanden.personen]
    als = ALS if kennisbank.persoon(ALS) else None  # elsewhere a guest the kennisbank doesn't know
    with tempfile.TemporaryDirectory() as tijdelijk:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{Path(tijdelijk) / 'd.db'}", kennisbank=map_, herinneringen=False)
        app = create_app(settings, klok=lambda: MOMENT)
        client = TestClient(TestServer(app))
        await client.start_server()
        try:
            router = app[GEMEENTEBOT].router

            def intentie(tekst: str) -> str:
                begin = time.perf_counter()
                herkend = router.herkenner.herken(tekst)
                tijden.append((time.perf_counter() - begin) * 1000)
                if not herkend.door_regel:
                    herkend = router._zonder_groet(herkend)  # noqa: SLF001 - the router's own reading
                return router.naamvraag(herkend) or herkend.intentie

            async def vraag(tekst: str) -> str:
                gesprek = TestGesprek(client, kennisbank)
                gesprek.als = als
                antwoorden = await gesprek.stuur(tekst)
                return "\n\n".join(a.get("text") or "" for a in antwoorden if a.get("type") == "message")

            for item in beantwoord:
                telling.beantwoordbaar += 1
                soort = intentie(item["vraag"])
                telling.intentie += soort == "documenten.vraag"
                antwoord = await vraag(item["vraag"])
                citaat = _CITAAT.search(antwoord)
                bron = _BRONREGEL.search(antwoord)
                feit = item.get("antwoord")
                heeft_feit = feit is None or str(feit).lower() in antwoord.lower()
                if citaat and titels.get(citaat["titel"]) == item["document"] and citaat["sectie"] in item["secties"]:
                    if heeft_feit:
                        telling.goed += 1
                        telling.geciteerd += 1
                        continue
                elif not citaat and bron and _bron_past(bron["bron"], item, titels) and heeft_feit:
                    telling.goed += 1
                    continue
                gevonden = f"{citaat['sectie']}" if citaat else (f"record: {bron['bron']}" if bron else "geen bron")
                if not heeft_feit:
                    gevonden += f", zonder '{feit}': {_kort(antwoord)}"
                telling.fouten.append(f"[{soort}] {item['vraag']} -> {gevonden} (verwacht {item['secties'][0]})")
            for tekst in onbeantwoord:
                telling.onbeantwoordbaar += 1
                antwoord = await vraag(tekst)
                genoemd = [n for n in namen if n in antwoord]
                if not _CITAAT.search(antwoord) and not genoemd:
                    telling.onbeantwoord_goed += 1
                else:
                    telling.fouten.append(f"[{intentie(tekst)}] onterecht: {tekst} -> {antwoord[:80]!r}")
        finally:
            await client.close()


def _kort(antwoord: str) -> str:
    return repr(" ".join(antwoord.split())[:160])


def _bron_past(bron: str, item: dict[str, Any], titels: dict[str, str]) -> bool:
    titel = next((t for t, i in titels.items() if i == item["document"]), None)
    return titel is not None and titel in bron and any(bron.rstrip().endswith(s) for s in item["secties"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vragen", type=Path, default=VRAGEN)
    parser.add_argument("--helft", choices=("leer", "toets", "alle"), default="leer")
    parser.add_argument("--fouten", action="store_true", help="print the misses (the teaching half only)")
    args = parser.parse_args()
    telling, tijden = asyncio.run(meet(args.vragen, args.helft))
    t = telling
    print(
        f"{args.vragen.name}, helft {args.helft}: goed {t.goed}/{t.beantwoordbaar}, geciteerd uit de juiste sectie "
        f"{t.geciteerd}/{t.beantwoordbaar}, intentie documenten.vraag {t.intentie}/{t.beantwoordbaar}; "
        f"onbeantwoordbaar zonder citaat en naam {t.onbeantwoord_goed}/{t.onbeantwoordbaar}"
    )
    print(f"herken: p50 {statistics.median(tijden):.2f} ms over {len(tijden)} vragen")
    if args.fouten:
        if args.helft == "toets":
            print("(de fouten van de toetshelft worden niet getoond)")
        else:
            print("\n".join(t.fouten))


if __name__ == "__main__":
    main()
