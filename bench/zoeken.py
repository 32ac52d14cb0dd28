"""Lookup latency on synthetic kennisbanken of 100, 1,000 and 10,000 onderwerpen.

    .venv/bin/python -m bench.zoeken [--vragen 400]

Builds a Zoeker per size (reports build time), then times `beantwoord` on a mix of questions:
exact names, typos, spacing variants, partial names, reverse lookups and unknown topics.
Prints p50/p95/p99 per question in milliseconds. A second table times the entity finder alone
(`Zoeker.vind`: every onderwerp, person, role, ... in the sentence) on the same questions wrapped
in everyday words ("Goedemorgen! Ik schrijf een collegevoorstel over ..., wie moet ik ...?").
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time

from bench.synthetisch import synthetische_kennisbank
from kennisbank.zoeken import Zoeker

ONBEKEND = ["marsmissie", "zwembad", "kerstmarkt", "koffieautomaat", "dierentuin", "kermis"]


def typo(woord: str, kans: random.Random) -> str:
    if len(woord) < 6:
        return woord
    i = kans.randrange(1, len(woord) - 2)
    return woord[:i] + woord[i + 1] + woord[i] + woord[i + 2 :]


def vragen(kennisbank, aantal: int, kans: random.Random) -> list[str]:
    onderwerpen = kennisbank.bestanden.onderwerpen
    personen = kennisbank.bestanden.personen
    uit = []
    for i in range(aantal):
        o = kans.choice(onderwerpen)
        soort = i % 6
        if soort == 0:
            uit.append(f"wie is ambtelijk opdrachtgever voor de {o.naam.lower()}?")
        elif soort == 1:
            uit.append(f"AO {typo(o.naam, kans)}")
        elif soort == 2:
            uit.append(f"wie gaat over {o.aliassen[0]}")
        elif soort == 3:
            uit.append(f"bij wie moet ik zijn voor {' '.join(o.naam.split()[:2])}")
        elif soort == 4:
            uit.append(f"waar is {kans.choice(personen).naam} opdrachtgever voor?")
        else:
            uit.append(f"wie is ao voor de {kans.choice(ONBEKEND)}")
    return uit


OMLIJSTING = [
    "Goedemorgen! Ik schrijf een collegevoorstel, {vraag} Alvast bedankt",
    "hoi, {vraag}",
    "we willen iets doen met dit onderwerp: {vraag}",
    "{vraag}",
]


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def meet(aantal: int, aantal_vragen: int) -> dict[str, float]:
    kennisbank = synthetische_kennisbank(aantal)
    begin = time.perf_counter()
    zoeker = Zoeker(kennisbank)
    bouw = time.perf_counter() - begin
    lijst = vragen(kennisbank, aantal_vragen, random.Random(aantal))
    for vraag in lijst[:20]:
        zoeker.beantwoord(vraag)  # warm up
    tijden = []
    for vraag in lijst:
        begin = time.perf_counter()
        zoeker.beantwoord(vraag)
        tijden.append((time.perf_counter() - begin) * 1000)
    zinnen = [OMLIJSTING[i % len(OMLIJSTING)].format(vraag=v) for i, v in enumerate(lijst)]
    vind_tijden = []
    for zin in zinnen:
        begin = time.perf_counter()
        zoeker.vind(zin)
        vind_tijden.append((time.perf_counter() - begin) * 1000)
    return {
        "onderwerpen": aantal,
        "bouw_s": bouw,
        "p50": percentiel(tijden, 50),
        "p95": percentiel(tijden, 95),
        "p99": percentiel(tijden, 99),
        "gemiddeld": statistics.fmean(tijden),
        "vind_p50": percentiel(vind_tijden, 50),
        "vind_p95": percentiel(vind_tijden, 95),
        "vind_p99": percentiel(vind_tijden, 99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vragen", type=int, default=600)
    parser.add_argument("--groottes", type=int, nargs="*", default=[100, 1_000, 10_000])
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {args.vragen} vragen per grootte")
    print("| onderwerpen | index bouwen | beantwoord p50 | p95 | p99 | gemiddeld | vind p50 | p95 | p99 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for aantal in args.groottes:
        r = meet(aantal, args.vragen)
        print(
            f"| {aantal:,} | {r['bouw_s']:.2f} s | {r['p50']:.2f} ms | {r['p95']:.2f} ms "
            f"| {r['p99']:.2f} ms | {r['gemiddeld']:.2f} ms "
            f"| {r['vind_p50']:.2f} ms | {r['vind_p95']:.2f} ms | {r['vind_p99']:.2f} ms |"
        )


if __name__ == "__main__":
    main()
