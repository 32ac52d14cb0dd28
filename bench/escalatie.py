"""Choosing the escalation rule for a question (issue 11 point 4).

    .venv/bin/python -m bench.escalatie [--herhaal 20] [--door-de-bot] [--toon]

Reports, on this machine: the training time of `RegelZoeker` (median of 5), the time to choose a
rule for one question (p50/p99), and how the test questions of tests/test_escalatie_*.py (never
training examples, a test checks that) come out: right rule, right rule among the candidates of a
"Bedoelde je …?", no rule, or a wrong rule. Then, per example kennisbank:
- the development set tests/escalatie_ontwikkel.yaml (questions in people's own words, never
  training examples): the rule search alone, and with `--door-de-bot` the whole turn over HTTP
  (intent + rule; right = the answer opens with the rule's situatie);
- a leave-one-out over the voorbeeldvragen: each example held out of training in turn, then chosen.
`--toon` lists the development questions that do not come out right (they are ours to read; the
natural question set of tests/vragen is not).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.vragen import RegelZoeker, onderwerp_in_tekst, zonder_onderwerp
from kennisbank.laden import laad_kennisbank
from tests.kennis_eenmaal import KENNISBANKEN
from tests.test_escalatie_gesprek import DIRECTE_VRAGEN, ISSUE_VRAGEN
from tests.test_escalatie_natuurlijk import NATUURLIJKE_VRAGEN, ONDERSCHEIDINGEN
from tests.test_escalatie_vragen import VRAGEN

VOORBEELD = Path(__file__).parents[1] / "kennisbank" / "voorbeeld"
ONTWIKKELSET = Path(__file__).parents[1] / "tests" / "escalatie_ontwikkel.yaml"
CONTROLESET = Path(__file__).parents[1] / "tests" / "escalatie_controle.yaml"
"""Written after the work, only measured (see its header)."""
GEEN = "geen"
"""The key in the development set for questions that should get no rule."""


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def uitkomst(zoeker: RegelZoeker, vraag: str, regel_id: str, kennisbank) -> str:
    keuze = zoeker.zoek(zonder_onderwerp(vraag, onderwerp_in_tekst(vraag, kennisbank)))
    if regel_id == GEEN:
        return "goed: geen regel" if keuze.regel is None and not keuze.kandidaten else "fout: een regel of 'Bedoelde je'"
    if keuze.regel is not None:
        return "goed" if keuze.regel.id == regel_id else "fout"
    if any(r.id == regel_id for r in keuze.kandidaten):
        return "goed, na 'Bedoelde je'"
    return "fout, 'Bedoelde je' zonder de goede" if keuze.kandidaten else "geen regel"


def ontwikkelvragen(pad: Path = ONTWIKKELSET) -> dict[str, list[tuple[str, str]]]:
    """Per kennisbank name: (question, rule id or `GEEN`)."""
    inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
    return {naam: [(v, regel) for regel, vragen in per_regel.items() for v in vragen] for naam, per_regel in inhoud.items()}


def telling_tekst(telling: Counter) -> str:
    return ", ".join(f"{k} {n}" for k, n in telling.most_common())


async def door_de_bot(map_: Path, vragen: list[tuple[str, str]], toon: bool) -> Counter:
    """Every question in a fresh conversation through the real bot over HTTP (SQLite)."""
    from aiohttp.test_utils import TestClient, TestServer

    from bot.app import create_app
    from bot.settings import Settings
    from tests.conftest import TestGesprek

    kennisbank = laad_kennisbank(map_)
    situaties = {r.id: r.situatie for r in kennisbank.bestanden.escalatie}
    bedoel_je = {Teksten.laad().tekst(f"escalatie.{s}") for s in ("vraag_bedoel_je", "vraag_bedoel_je_een")}
    telling: Counter = Counter()
    with tempfile.TemporaryDirectory() as tijdelijk:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(tijdelijk) / 'bench.db'}", kennisbank=map_, herinneringen=False
        )
        client = TestClient(TestServer(create_app(settings)))
        await client.start_server()
        try:
            for vraag, regel_id in vragen:
                antwoorden = await TestGesprek(client, kennisbank).stuur(vraag)
                uitslag = _beoordeel(antwoorden, regel_id, situaties, bedoel_je)
                telling[uitslag] += 1
                if toon and not uitslag.startswith("goed"):
                    eerste = (antwoorden[0].get("text") or "")[:90].replace("\n", " ") if antwoorden else ""
                    print(f"    [{uitslag}] {regel_id}: {vraag!r} -> {eerste!r}")
        finally:
            await client.close()
    return telling


def _beoordeel(antwoorden: list[dict[str, Any]], regel_id: str, situaties: dict[str, str], bedoel_je: set[str]) -> str:
    teksten = [a.get("text") or "" for a in antwoorden]
    kaarten = [k.get("content") or {} for a in antwoorden for k in a.get("attachments") or []]
    gekozen = [
        rid
        for rid, situatie in situaties.items()
        if any(t.startswith(f"**{situatie}**") or f"\n\n**{situatie}**" in t for t in teksten)
    ]
    gevraagd = any(k.get("text") in bedoel_je for k in kaarten)
    if regel_id == GEEN:
        return "goed: geen regel" if not gekozen else "fout: een regel"
    if gekozen:
        return "goed" if gekozen == [regel_id] else "fout"
    if gevraagd:
        goede = any(b.get("title") == situaties[regel_id] for k in kaarten for b in k.get("buttons") or [])
        return "goed, na 'Bedoelde je'" if goede else "fout, 'Bedoelde je' zonder de goede"
    return "geen regel (een ander antwoord)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhaal", type=int, default=20)
    parser.add_argument("--door-de-bot", action="store_true", help="the development set also through the whole turn")
    parser.add_argument("--toon", action="store_true", help="list the development questions that do not come out right")
    parser.add_argument("--zonder-leave-one-out", action="store_true")
    args = parser.parse_args()
    kennisbank = laad_kennisbank(VOORBEELD)
    regels = kennisbank.bestanden.escalatie
    geen = Teksten.laad().lijst("escalatie.geen_regel_vragen")

    tijden = []
    for _ in range(5):
        begin = time.process_time()
        zoeker = RegelZoeker(regels, geen)
        tijden.append((time.process_time() - begin) * 1000)
    voorbeelden = sum(len(r.voorbeeldvragen) for r in regels)
    print(f"{len(regels)} regels, {voorbeelden} voorbeeldvragen; trainen {statistics.median(tijden):.0f} ms (CPU)")

    vragen = NATUURLIJKE_VRAGEN + ONDERSCHEIDINGEN + ISSUE_VRAGEN + VRAGEN + [(v, r) for r, v in DIRECTE_VRAGEN.items()]
    per_vraag = []
    for _ in range(args.herhaal):
        for vraag, _regel in vragen:
            begin = time.process_time()
            zoeker.zoek(vraag)
            per_vraag.append((time.process_time() - begin) * 1000)
    print(f"per vraag (CPU): p50 {percentiel(per_vraag, 50):.2f} ms, p99 {percentiel(per_vraag, 99):.2f} ms")

    telling = Counter(uitkomst(zoeker, v, r, kennisbank) for v, r in vragen)
    print(f"testvragen ({len(vragen)}): {telling_tekst(telling)}")

    sets = {"ontwikkelset": ontwikkelvragen(), "controleset": ontwikkelvragen(CONTROLESET)}
    for naam, map_ in KENNISBANKEN.items():
        kennisbank = laad_kennisbank(map_)
        regels = kennisbank.bestanden.escalatie
        zoeker = RegelZoeker(regels, geen)
        for setnaam, alle in sets.items():
            set_ = alle.get(naam, [])
            if not set_:
                continue
            for soort, deel in (
                ("situaties", [(v, r) for v, r in set_ if r != GEEN]),
                ("geen regel", [(v, r) for v, r in set_ if r == GEEN]),
            ):
                if not deel:
                    continue
                telling = Counter()
                for vraag, regel_id in deel:
                    telling[uitslag := uitkomst(zoeker, vraag, regel_id, kennisbank)] += 1
                    if args.toon and not uitslag.startswith("goed"):
                        print(f"    [{uitslag}] {regel_id}: {vraag!r}")
                print(f"{setnaam} {naam}, {soort} ({len(deel)}), regel zoeken: {telling_tekst(telling)}")
            if args.door_de_bot:
                for soort, deel in (
                    ("situaties", [(v, r) for v, r in set_ if r != GEEN]),
                    ("geen regel", [(v, r) for v, r in set_ if r == GEEN]),
                ):
                    if not deel:
                        continue
                    telling = asyncio.run(door_de_bot(map_, deel, args.toon))
                    print(f"{setnaam} {naam}, {soort} ({len(deel)}), door de bot: {telling_tekst(telling)}")
        if args.zonder_leave_one_out:
            continue
        telling = Counter()
        for regel in regels:
            for n, vraag in enumerate(regel.voorbeeldvragen):
                zonder = [_zonder_voorbeeld(r, n) if r is regel else r for r in regels]
                telling[uitkomst(RegelZoeker(zonder, geen), vraag, regel.id, kennisbank)] += 1
        print(f"leave-one-out {naam} ({telling.total()}): {telling_tekst(telling)}")


def _zonder_voorbeeld(regel: EscalatieRegel, n: int) -> EscalatieRegel:
    return regel.model_copy(update={"voorbeeldvragen": regel.voorbeeldvragen[:n] + regel.voorbeeldvragen[n + 1 :]})


if __name__ == "__main__":
    main()
