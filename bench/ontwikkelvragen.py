"""The router's development questions (tests/begrip/ontwikkelvragen.yaml) through the real bot.

    .venv/bin/python -m bench.ontwikkelvragen [--fouten] [--kennisbank voorbeeld ...] [--familie F ...]

Every question is asked in a fresh conversation over HTTP on SQLite, on the example kennisbank it
was written for, with the clock of the natural question set (22 November 2026), and judged by the
same judge (`tests.vragen.natuurlijk.beoordeling.Rechter`). Reports accuracy per kennisbank and
family. These are the questions engineers may read and fix against; the gated natural set stays
unread (run that with tests/test_natuurlijke_vragen.py, without its failing questions).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path
from typing import Any

import yaml
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek
from tests.vragen.natuurlijk.beoordeling import MOMENT, Rechter, Uitslag, Vraag, rapport, stel

ROOT = Path(__file__).resolve().parent.parent
BESTAND = ROOT / "tests" / "begrip" / "ontwikkelvragen.yaml"
KENNISBANKEN = ROOT / "kennisbank"


def laad(bestand: Path = BESTAND) -> dict[str, list[Vraag]]:
    """The questions per example kennisbank (its folder name under kennisbank/)."""
    data: dict[str, Any] = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    uit: dict[str, list[Vraag]] = {}
    for naam, deel in data.items():
        standaard = deel["als"]
        uit[naam] = [
            Vraag(
                item["vraag"],
                familie,
                bestand.name,
                {k: v for k, v in item.items() if k not in ("vraag", "als")},
                als=item.get("als", standaard),
            )
            for familie, items in deel["vragen"].items()
            for item in items
        ]
    return uit


async def meet(kennisbank_naam: str, vragen: list[Vraag]) -> list[Uitslag]:
    map_ = KENNISBANKEN / kennisbank_naam
    kennisbank = laad_kennisbank(map_)
    with tempfile.TemporaryDirectory() as tijdelijk:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{Path(tijdelijk) / 'o.db'}", kennisbank=map_, herinneringen=False)
        client = TestClient(TestServer(create_app(settings, klok=lambda: MOMENT)))
        await client.start_server()
        try:
            rechter = Rechter(kennisbank)
            return [await stel(lambda: TestGesprek(client, kennisbank), rechter, vraag) for vraag in vragen]
        finally:
            await client.close()


async def hoofd(argumenten: argparse.Namespace) -> None:
    alle: list[Uitslag] = []
    for naam, vragen in laad().items():
        if argumenten.kennisbank and naam not in argumenten.kennisbank:
            continue
        vragen = [v for v in vragen if not argumenten.familie or v.familie in argumenten.familie]
        uitslagen = await meet(naam, vragen)
        alle += uitslagen
        print(f"\n== {naam}\n{rapport(uitslagen, toon_fouten=argumenten.fouten)}")
    goed = sum(u.goed for u in alle)
    print(f"\nsamen: {goed}/{len(alle)} = {goed / max(1, len(alle)):.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fouten", action="store_true", help="toon elke foute vraag met het antwoord van de bot")
    parser.add_argument("--kennisbank", nargs="*", help="alleen deze voorbeeldkennisbanken (voorbeeld, voorbeeld_cmt)")
    parser.add_argument("--familie", nargs="*", help="alleen deze families")
    asyncio.run(hoofd(parser.parse_args()))


if __name__ == "__main__":
    main()
