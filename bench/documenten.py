"""Passage answers from the source documents: precision/recall per threshold, and latency.

    .venv/bin/python -m bench.documenten [--kennisbank kennisbank/voorbeeld]

Uses the development questions in tests/documenten/ontwikkelvragen.yaml (the threshold was chosen
on them) and reports the control questions (controlevragen.yaml, written afterwards; see
bench/README.md). A question the documents answer is right when the best quoted passage comes from one of its expected sections; a question
they don't answer is right when nothing is quoted.
Precision = right quotes / all quotes; recall = answerable questions quoted right / answerable.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from kennisbank.documenten import PassageZoeker, documenten_van, passages, passagezoeker_van
from kennisbank.documenten.antwoord import DREMPEL, kies_passages
from kennisbank.documenten.laden import synoniemen_van, zonder_personen
from kennisbank.laden import laad_kennisbank

VRAGEN = Path(__file__).resolve().parent.parent / "tests" / "documenten" / "ontwikkelvragen.yaml"
CONTROLE = VRAGEN.with_name("controlevragen.yaml")
VOORBEELD = Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld"


@dataclass
class Uitslag:
    goed: int
    fout_geciteerd: int
    onterecht_geciteerd: int
    gemist: int
    beantwoordbaar: int
    onbeantwoordbaar: int
    fouten: list[str]

    @property
    def precisie(self) -> float:
        geciteerd = self.goed + self.fout_geciteerd + self.onterecht_geciteerd
        return self.goed / geciteerd if geciteerd else 1.0

    @property
    def recall(self) -> float:
        return self.goed / self.beantwoordbaar if self.beantwoordbaar else 1.0


def lees_vragen(pad: Path = VRAGEN) -> dict:
    return yaml.safe_load(pad.read_text(encoding="utf-8"))


def bouw_zoeker(kennisbank_pad: Path = VOORBEELD) -> PassageZoeker:
    return passagezoeker_van(laad_kennisbank(kennisbank_pad))


def beoordeel(zoeker: PassageZoeker, vragen: dict, drempel: float = DREMPEL) -> Uitslag:
    uitslag = Uitslag(0, 0, 0, 0, len(vragen["beantwoord"]), len(vragen["onbeantwoord"]), [])
    for item in vragen["beantwoord"]:
        gekozen = kies_passages(zoeker, item["vraag"], drempel)
        if not gekozen:
            uitslag.gemist += 1
            uitslag.fouten.append(f"gemist: {item['vraag']}")
        elif gekozen[0].document.id == item["document"] and gekozen[0].sectie in item["secties"]:
            uitslag.goed += 1
        else:
            uitslag.fout_geciteerd += 1
            uitslag.fouten.append(f"verkeerd: {item['vraag']} -> {gekozen[0].document.id} / {gekozen[0].sectie}")
    for vraag in vragen["onbeantwoord"]:
        gekozen = kies_passages(zoeker, vraag, drempel)
        if gekozen:
            uitslag.onterecht_geciteerd += 1
            uitslag.fouten.append(f"onterecht: {vraag} -> {gekozen[0].document.id} / {gekozen[0].sectie}")
    return uitslag


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kennisbank", type=Path, default=VOORBEELD)
    parser.add_argument("--fouten", action="store_true", help="print the development set's misses at the chosen threshold")
    parser.add_argument(
        "--controlefouten",
        action="store_true",
        help="also print the control set's misses (for the lead only: whoever tunes must not read them)",
    )
    parser.add_argument("--schaal", type=int, default=0, help="also time an index of the passages copied N times")
    args = parser.parse_args()
    kennisbank = laad_kennisbank(args.kennisbank)
    alle_passages = zonder_personen(passages(documenten_van(kennisbank)), kennisbank.bestanden.personen)
    begin = time.perf_counter()
    zoeker = PassageZoeker(alle_passages, synoniemen_van(kennisbank))
    bouwtijd = time.perf_counter() - begin
    vragen = lees_vragen()
    print(f"{len(zoeker.passages)} passages, index gebouwd in {bouwtijd * 1000:.0f} ms")
    print("| drempel | precisie | recall | goed | verkeerd geciteerd | onterecht geciteerd | gemist |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for drempel in (0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.22, 0.25, 0.30, 0.35):
        u = beoordeel(zoeker, vragen, drempel)
        teken = " **(gekozen)**" if abs(drempel - DREMPEL) < 1e-9 else ""
        print(
            f"| {drempel:.2f}{teken} | {u.precisie:.0%} | {u.recall:.0%} | {u.goed}/{u.beantwoordbaar} "
            f"| {u.fout_geciteerd} | {u.onterecht_geciteerd}/{u.onbeantwoordbaar} | {u.gemist} |"
        )
    if args.fouten:
        for regel in beoordeel(zoeker, vragen).fouten:
            print(regel)
    controle = beoordeel(zoeker, lees_vragen(CONTROLE))
    print(
        f"controlevragen (na de drempel geschreven) bij {DREMPEL:.2f}: precisie {controle.precisie:.0%}, recall {controle.recall:.0%} "
        f"({controle.goed}/{controle.beantwoordbaar} goed, {controle.fout_geciteerd} verkeerd, {controle.gemist} gemist, "
        f"{controle.onterecht_geciteerd}/{controle.onbeantwoordbaar} onterecht geciteerd)"
    )
    if args.controlefouten:
        for regel in controle.fouten:
            print(regel)
    alle = [i["vraag"] for i in vragen["beantwoord"]] + list(vragen["onbeantwoord"])
    tijden = []
    for _ in range(5):
        for vraag in alle:
            begin = time.perf_counter()
            kies_passages(zoeker, vraag)
            tijden.append((time.perf_counter() - begin) * 1000)
    tijden.sort()
    print(
        f"per vraag: p50 {statistics.median(tijden):.2f} ms, p95 {tijden[int(len(tijden) * 0.95)]:.2f} ms, "
        f"max {tijden[-1]:.2f} ms ({len(tijden)} metingen)"
    )

    if args.schaal:
        schaal(alle_passages, synoniemen_van(kennisbank), args.schaal, alle)


def schaal(alle_passages: list, synoniemen: list, keer: int, vragen: list[str]) -> None:
    """Build and query an index of `keer` copies of every passage (a gemeente with many documents)."""
    groot = [replace(p, tekst=f"{p.tekst} (kopie {i})") for i in range(keer) for p in alle_passages]
    begin = time.perf_counter()
    zoeker = PassageZoeker(groot, synoniemen)
    bouwtijd = time.perf_counter() - begin
    tijden = []
    for vraag in vragen:
        begin = time.perf_counter()
        kies_passages(zoeker, vraag)
        tijden.append((time.perf_counter() - begin) * 1000)
    tijden.sort()
    print(
        f"{len(groot)} passages: index {bouwtijd:.1f} s, per vraag p50 {statistics.median(tijden):.2f} ms, "
        f"p95 {tijden[int(len(tijden) * 0.95)]:.2f} ms"
    )


if __name__ == "__main__":
    main()
