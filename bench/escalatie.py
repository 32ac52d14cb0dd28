"""Choosing the escalation rule for a question (issue 11 point 4).

    .venv/bin/python -m bench.escalatie [--herhaal 20]

Reports, on this machine: the training time of `RegelZoeker` (median of 5), the time to choose a
rule for one question (p50/p99), and how the test questions of tests/test_escalatie_*.py (never
training examples, a test checks that) come out: right rule, right rule among the candidates of a
"Bedoelde je …?", no rule, or a wrong rule. Also a leave-one-out over the voorbeeldvragen of every
example kennisbank: each example held out of training in turn, then chosen.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.vragen import RegelZoeker, onderwerp_in_tekst, zonder_onderwerp
from kennisbank.laden import laad_kennisbank
from tests.kennis_eenmaal import KENNISBANKEN
from tests.test_escalatie_gesprek import DIRECTE_VRAGEN, ISSUE_VRAGEN
from tests.test_escalatie_natuurlijk import NATUURLIJKE_VRAGEN, ONDERSCHEIDINGEN
from tests.test_escalatie_vragen import VRAGEN

VOORBEELD = Path(__file__).parents[1] / "kennisbank" / "voorbeeld"


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def uitkomst(zoeker: RegelZoeker, vraag: str, regel_id: str, kennisbank) -> str:
    keuze = zoeker.zoek(zonder_onderwerp(vraag, onderwerp_in_tekst(vraag, kennisbank)))
    if keuze.regel is not None:
        return "goed" if keuze.regel.id == regel_id else "fout"
    if any(r.id == regel_id for r in keuze.kandidaten):
        return "goed, na 'Bedoelde je'"
    return "fout, 'Bedoelde je' zonder de goede" if keuze.kandidaten else "geen regel"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhaal", type=int, default=20)
    args = parser.parse_args()
    kennisbank = laad_kennisbank(VOORBEELD)
    regels = kennisbank.bestanden.escalatie
    geen = Teksten.laad().lijst("escalatie.geen_regel_vragen")

    tijden = []
    for _ in range(5):
        begin = time.perf_counter()
        zoeker = RegelZoeker(regels, geen)
        tijden.append((time.perf_counter() - begin) * 1000)
    voorbeelden = sum(len(r.voorbeeldvragen) for r in regels)
    print(f"{len(regels)} regels, {voorbeelden} voorbeeldvragen; trainen {statistics.median(tijden):.0f} ms")

    vragen = NATUURLIJKE_VRAGEN + ONDERSCHEIDINGEN + ISSUE_VRAGEN + VRAGEN + [(v, r) for r, v in DIRECTE_VRAGEN.items()]
    per_vraag = []
    for _ in range(args.herhaal):
        for vraag, _regel in vragen:
            begin = time.perf_counter()
            zoeker.zoek(vraag)
            per_vraag.append((time.perf_counter() - begin) * 1000)
    print(f"per vraag: p50 {percentiel(per_vraag, 50):.2f} ms, p99 {percentiel(per_vraag, 99):.2f} ms")

    telling = Counter(uitkomst(zoeker, v, r, kennisbank) for v, r in vragen)
    print(f"testvragen ({len(vragen)}): " + ", ".join(f"{k} {n}" for k, n in telling.most_common()))

    for naam, map_ in KENNISBANKEN.items():
        kennisbank = laad_kennisbank(map_)
        regels = kennisbank.bestanden.escalatie
        telling = Counter()
        for regel in regels:
            for n, vraag in enumerate(regel.voorbeeldvragen):
                zonder = [_zonder_voorbeeld(r, n) if r is regel else r for r in regels]
                telling[uitkomst(RegelZoeker(zonder, geen), vraag, regel.id, kennisbank)] += 1
        print(f"leave-one-out {naam} ({telling.total()}): " + ", ".join(f"{k} {n}" for k, n in telling.most_common()))


def _zonder_voorbeeld(regel: EscalatieRegel, n: int) -> EscalatieRegel:
    return regel.model_copy(update={"voorbeeldvragen": regel.voorbeeldvragen[:n] + regel.voorbeeldvragen[n + 1 :]})


if __name__ == "__main__":
    main()
