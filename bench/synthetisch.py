"""Synthetic but valid kennisbank of N onderwerpen, for benchmarks.

Names are built from Dutch-ish word parts ("Wijkvernieuwingsagenda Oost 12"), each onderwerp has
aliases (abbreviation, spaced compound, short form), a handful of persons own them all.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from kennisbank.bestanden import KennisbankBestanden
from kennisbank.kennisbank import Kennisbank

VOOR = (
    "jeugd wijk dorp stads binnen buiten water groen energie mobiliteit zorg onderwijs cultuur sport "
    "economie woning veiligheid afval riool haven spoor fiets markt erfgoed natuur klimaat armoede "
    "schuld werk inkomen participatie gezondheid digitaal data informatie inkoop juridisch financien "
    "huisvesting vastgoed grond recreatie toerisme evenementen openbare ruimte verkeer parkeer bouw"
).split()
MIDDEN = "vernieuwing ontwikkeling beheer herinrichting transformatie versterking innovatie".split()
KOP = "agenda programma project plan opgave aanpak beleid visie".split()
GEBIED = "Noord Oost Zuid West Centrum Haven Stations Kanaal Polder Veld Berg Dijk".split()
VOORNAMEN = "Anna Bram Carla Daan Eva Femke Gijs Hanna Ivo Joost Karin Lotte Mark Noor Piet Rosa Sven Tim".split()
ACHTERNAMEN = "de Vries|Jansen|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos".split("|")
BRON = {"document": "synthetisch", "sectie": "1"}


def synthetische_bestanden(aantal: int, *, personen: int = 8, seed: int = 7) -> KennisbankBestanden:
    kans = random.Random(seed)
    mensen = []
    for i in range(personen):
        naam = f"{VOORNAMEN[i % len(VOORNAMEN)]} {ACHTERNAMEN[(i * 5) % len(ACHTERNAMEN)]}"
        mensen.append({"id": f"p{i}", "naam": naam, "functie": "concerndirecteur", "bron": BRON})
    onderwerpen, gezien = [], set()
    while len(onderwerpen) < aantal:
        voor, midden, kop = kans.choice(VOOR), kans.choice(MIDDEN), kans.choice(KOP)
        gebied = kans.choice(GEBIED)
        kern = f"{voor}{midden}" if kans.random() < 0.5 else voor
        naam = f"{(kern + kop).capitalize()} {gebied} {kans.randint(1, 99)}"
        if naam in gezien:
            continue
        gezien.add(naam)
        aliassen = [f"{kern} {kop} {gebied}".lower(), f"{kern}{kop} {gebied}".lower()]
        if kans.random() < 0.3:
            aliassen.append("".join(w[0] for w in naam.split()[:2]).upper() + naam.split()[-1])
        onderwerpen.append(
            {
                "id": f"o{len(onderwerpen)}",
                "naam": naam,
                "soort": "agenda" if kop == "agenda" else "project",
                "ambtelijk_opdrachtgever": f"p{kans.randrange(personen)}",
                "aliassen": aliassen,
                "bron": BRON,
            }
        )
    return KennisbankBestanden.model_validate(
        {
            "organisatie": {
                "naam": "Synthetisch",
                "documenten": [{"id": "synthetisch", "titel": "Synthetisch", "organisatie": "Bench"}],
                "soorten_onderwerp": [{"id": "agenda", "naam": "Agenda"}, {"id": "project", "naam": "Project"}],
            },
            "personen": mensen,
            "onderwerpen": onderwerpen,
        }
    )


def synthetische_kennisbank(aantal: int, **opties) -> Kennisbank:
    return Kennisbank(bestanden=synthetische_bestanden(aantal, **opties), pad=Path("."))
