"""Understanding one message: intent classification plus entity finding (issue 11).

    .venv/bin/python -m bench.begrip [--berichten 600] [--zonder-cv]

Reports, on this machine:
- memory: resident size with the app's other libraries loaded, before and after importing
  scikit-learn and training the classifier;
- start-up training time of the intent classifier (median of 3);
- per message p50/p99 in ms: `Herkenner.herken` alone, herken + entity finding (`Zoeker.vind`)
  + what the named records decide (`Zoeker.naamvraag`, the router asks it for every message),
  and for reference the full lookup answer (`Zoeker.beantwoord`), with the example kennisbank
  and a synthetic one of 10,000 onderwerpen;
- grouped 5-fold cross-validation over the training examples, per intent, and the most confused
  intent pairs: `bench.herkenning.kruisvalideer`, the same measurement as the floor in
  tests/test_herkenning_leren.py (near-paraphrases held out together, a real `Herkenner` per fold
  with the out-of-scope policy, the example kennisbank's escalation voorbeeldvragen included).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for regel in status:
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) / 1024
    return float("nan")


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


BERICHTEN = [
    "wie is ambtelijk opdrachtgever voor de {o}?",
    "hoi, snelle vraag: AO {o}?",
    "welke wethouder gaat over de {o}",
    "we gaan over het budget heen bij de {o}, wat nu?",
    "wanneer is de peildatum van de herfstrapportage?",
    "noem eens een paar criteria voor een bestuursopdracht",
    "statusupdate voor de {o}",
    "is de kantine vandaag open",
    "{o}",
    "waar is {p} opdrachtgever voor?",
]


def berichten(kennisbank, aantal: int) -> list[str]:
    kans = random.Random(11)
    onderwerpen = kennisbank.bestanden.onderwerpen
    personen = kennisbank.bestanden.personen
    return [
        BERICHTEN[i % len(BERICHTEN)].format(o=kans.choice(onderwerpen).naam.lower(), p=kans.choice(personen).naam)
        for i in range(aantal)
    ]


def meet_berichten(herkenner, zoeker, teksten: list[str]) -> dict[str, float]:
    """Per message: the classifier alone; classifier + entity finding (`Zoeker.vind`) + the names'
    decision (`Zoeker.naamvraag`), which is understanding the message; and the full lookup answer
    (`Zoeker.beantwoord`) for reference."""
    alleen, begrip, opzoeken = [], [], []
    for tekst in teksten[:50]:  # warm up
        herkenner.herken(tekst)
        zoeker.vind(tekst)
        zoeker.naamvraag(tekst)
        zoeker.beantwoord(tekst)
    for tekst in teksten:
        begin = time.perf_counter()
        herkenner.herken(tekst)
        midden = time.perf_counter()
        zoeker.vind(tekst)
        zoeker.naamvraag(tekst)
        einde = time.perf_counter()
        zoeker.beantwoord(tekst)
        klaar = time.perf_counter()
        alleen.append((midden - begin) * 1000)
        begrip.append((einde - begin) * 1000)
        opzoeken.append((klaar - einde) * 1000)
    return {
        "herken p50": statistics.median(alleen),
        "herken p99": percentiel(alleen, 99),
        "begrip p50": statistics.median(begrip),
        "begrip p99": percentiel(begrip, 99),
        "opzoeken p50": statistics.median(opzoeken),
        "opzoeken p99": percentiel(opzoeken, 99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--berichten", type=int, default=600)
    parser.add_argument("--zonder-cv", action="store_true")
    argumenten = parser.parse_args()

    from bench.synthetisch import synthetische_kennisbank
    from kennisbank.laden import laad_kennisbank
    from kennisbank.zoeken import Zoeker

    voorbeeld = laad_kennisbank(Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld")
    import aiohttp  # noqa: F401 — what the app loaded before the classifier existed
    import botbuilder.core  # noqa: F401
    import botbuilder.dialogs  # noqa: F401
    import sqlalchemy.ext.asyncio  # noqa: F401

    voor = rss_mb()
    from bot.services import maak_herkenner  # imports scikit-learn (through dialogen.classificatie)

    begin = time.perf_counter()
    herkenner = maak_herkenner(voorbeeld, None)
    eerste = time.perf_counter() - begin
    na = rss_mb()
    tijden = [eerste]
    for _ in range(2):
        begin = time.perf_counter()
        maak_herkenner(voorbeeld, None)
        tijden.append(time.perf_counter() - begin)
    print(f"cpu's: {os.cpu_count()}")
    print(f"geheugen: {voor:.0f} MB voor, {na:.0f} MB na scikit-learn + training: +{na - voor:.0f} MB")
    print(
        f"training bij het starten: mediaan {statistics.median(tijden) * 1000:.0f} ms (eerste keer {eerste * 1000:.0f} ms, incl. imports)"
    )

    for naam, kennisbank in (("voorbeeld", voorbeeld), ("10.000 onderwerpen", synthetische_kennisbank(10_000))):
        zoeker = Zoeker(kennisbank)
        uitkomst = meet_berichten(herkenner, zoeker, berichten(kennisbank, argumenten.berichten))
        print(
            f"{naam}: herken p50 {uitkomst['herken p50']:.2f} / p99 {uitkomst['herken p99']:.2f} ms; "
            f"herken + entiteiten + naamvraag p50 {uitkomst['begrip p50']:.2f} / p99 {uitkomst['begrip p99']:.2f} ms; "
            f"(volledig opzoeken p50 {uitkomst['opzoeken p50']:.2f} / p99 {uitkomst['opzoeken p99']:.2f} ms)"
        )

    if not argumenten.zonder_cv:
        from bench.herkenning import kruisvalideer

        uitslag = kruisvalideer()
        print(
            f"\ngegroepeerde 5-voudige kruisvalidatie over de eigen voorbeelden ({uitslag.aantal} voorbeelden in "
            f"{uitslag.groepen} groepen, zoals tests/test_herkenning_leren.py): {uitslag.nauwkeurigheid:.1%}"
        )
        print(
            f"buiten bereik terecht herkend: {uitslag.buiten_bereik_terecht:.1%}; "
            f"binnen bereik ten onrechte buiten bereik: {uitslag.binnen_als_buiten:.1%}"
        )
        for naam, score in uitslag.per_intentie.items():
            print(f"  {naam:50s} {score:.0%}")
        print("meest verwarde paren (echt -> herkend):")
        for (echt, herkend), aantal in uitslag.verward[:10]:
            print(f"  {echt} -> {herkend}: {aantal}")


if __name__ == "__main__":
    main()
