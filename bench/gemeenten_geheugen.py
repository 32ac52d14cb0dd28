"""Memory and start-up time per extra gemeente in one deployment (issue 15 item 3).

    .venv/bin/python -m bench.gemeenten_geheugen [--aantallen 1 2 3] [--kennisbank PAD]

For each count N a fresh Python process opens the whole installation (`bot.services.open_installatie`,
as `create_app` does: every gemeente's kennisbank, texts, recogniser, features, bot and adapter, on
one SQLite database) with N gemeenten that each have their own copy of the kennisbank folder, and
reports its resident memory (VmRSS, after a garbage collection) and how long opening took. The
difference between N and N-1 is the cost of one extra gemeente.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.settings import STANDAARD_KENNISBANK


def _rss_mb() -> float:
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1]) / 1024
    return float("nan")


async def _open(map_: Path, aantal: int, kennisbank: Path) -> dict:
    from bot.services import open_installatie
    from bot.settings import Settings

    gemeenten = []
    for i in range(aantal):
        kopie = map_ / f"kennisbank-{i}"
        shutil.copytree(kennisbank, kopie)  # own folder: nothing shared by path
        gemeenten.append(f"  - id: gemeente-{i}\n    naam: Gemeente {i}\n    kennisbank: {kopie}\n    tenants: [tenant-{i}]\n")
    bestand = map_ / "gemeenten.yaml"
    bestand.write_text("gemeenten:\n" + "".join(gemeenten), encoding="utf-8")
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{map_ / 'db.sqlite'}", gemeenten=bestand, herinneringen=False, download_geheim="bench"
    )
    gc.collect()
    voor = _rss_mb()
    begin = time.perf_counter()
    async with open_installatie(settings) as installatie:
        duur = time.perf_counter() - begin
        gc.collect()
        na = _rss_mb()
        assert len(installatie.per_gemeente) == aantal
    return {"aantal": aantal, "rss_mb": na, "rss_voor_mb": voor, "openen_s": duur}


def _kind(aantal: int, kennisbank: Path) -> None:
    import logging

    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as map_:
        print(json.dumps(asyncio.run(_open(Path(map_), aantal, kennisbank))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantallen", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--kennisbank", type=Path, default=STANDAARD_KENNISBANK)
    parser.add_argument("--kind", type=int, help=argparse.SUPPRESS)
    argumenten = parser.parse_args(argv)
    if argumenten.kind is not None:
        _kind(argumenten.kind, argumenten.kennisbank)
        return 0
    print("| gemeenten | RSS na openen | per extra gemeente | openen |")
    print("| ---: | ---: | ---: | ---: |")
    vorige = None
    for aantal in argumenten.aantallen:
        uit = subprocess.run(
            [sys.executable, "-m", "bench.gemeenten_geheugen", "--kind", str(aantal), "--kennisbank", str(argumenten.kennisbank)],
            capture_output=True,
            text=True,
            check=True,
        )
        meting = json.loads(uit.stdout.strip().splitlines()[-1])
        extra = "" if vorige is None else f"{meting['rss_mb'] - vorige:+.0f} MB"
        print(f"| {aantal} | {meting['rss_mb']:.0f} MB | {extra} | {meting['openen_s']:.1f} s |")
        vorige = meting["rss_mb"]
    return 0


if __name__ == "__main__":
    sys.exit(main())
