"""Runs tests/vragen/opdrachtgever.yaml through the Zoeker on the shipped example kennisbank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from kennisbank.laden import laad_kennisbank
from kennisbank.zoeken import (
    Antwoord,
    BedoeldeU,
    BegripGevonden,
    MeerdereOnderwerpen,
    NietGevonden,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    Zoeker,
)

VRAGEN = Path(__file__).parent / "vragen" / "opdrachtgever.yaml"
VOORBEELD = Path(__file__).parent.parent / "kennisbank" / "voorbeeld"
NAUWKEURIGHEID_MINIMAAL = 0.95


def uitkomst(antwoord: Antwoord) -> dict:
    """The answer in the YAML's `verwacht` vocabulary."""
    match antwoord:
        case OnderwerpGevonden(onderwerp=o):
            return {"soort": "onderwerp", "id": o.id}
        case MeerdereOnderwerpen(onderwerpen=os):
            return {"soort": "onderwerpen", "ids": sorted(o.id for o in os)}
        case PersoonGevonden(persoon=p):
            return {"soort": "persoon", "id": p.id}
        case SoortWerkGevonden(soort_werk=s):
            return {"soort": "soort_werk", "id": s.id}
        case BegripGevonden(begrip=b):
            return {"soort": "begrip", "id": b.id}
        case RolGevonden(rol=r):
            return {"soort": "rol", "id": r.id}
        case BedoeldeU(kandidaten=ks):
            return {"soort": "bedoelde_u", "ids": [k.id for k in ks]}
        case NietGevonden():
            return {"soort": "niet_gevonden"}
    raise AssertionError(antwoord)


def klopt(verwacht: dict, kreeg: dict) -> bool:
    if verwacht["soort"] != kreeg["soort"]:
        return False
    if verwacht["soort"] == "onderwerpen":
        return sorted(verwacht["ids"]) == kreeg["ids"]
    if verwacht["soort"] == "bedoelde_u":
        return set(verwacht["ids"]) <= set(kreeg["ids"])
    return verwacht.get("id") == kreeg.get("id")


def geeft_naam(antwoord: Antwoord) -> bool:
    """Answers that show an opdrachtgever's name (a BedoeldeU or NietGevonden never does)."""
    return isinstance(antwoord, (OnderwerpGevonden, MeerdereOnderwerpen, PersoonGevonden, SoortWerkGevonden))


@pytest.fixture(scope="module")
def vragen() -> list[dict]:
    return yaml.safe_load(VRAGEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def zoeker() -> Zoeker:
    return Zoeker(laad_kennisbank(VOORBEELD), vandaag=date(2025, 6, 1))


def test_set_is_big_and_varied(vragen):
    assert len(vragen) >= 100
    soorten = {v["verwacht"]["soort"] for v in vragen}
    assert {"onderwerp", "onderwerpen", "persoon", "soort_werk", "begrip", "rol", "niet_gevonden"} <= soorten
    assert sum(v["verwacht"]["soort"] == "niet_gevonden" for v in vragen) >= 20


def test_accuracy_on_labelled_set(vragen, zoeker, capsys):
    fout = []
    for v in vragen:
        kreeg = uitkomst(zoeker.beantwoord(v["vraag"]))
        if not klopt(v["verwacht"], kreeg):
            fout.append(f"  {v['vraag']!r}: verwacht {v['verwacht']}, kreeg {kreeg}")
    nauwkeurigheid = 1 - len(fout) / len(vragen)
    with capsys.disabled():
        print(f"\nvragenset: {len(vragen) - len(fout)}/{len(vragen)} goed = {nauwkeurigheid:.1%}")
        print("\n".join(fout))
    assert nauwkeurigheid >= NAUWKEURIGHEID_MINIMAAL, "\n".join(fout)


def test_unknown_topics_never_get_a_name(vragen, zoeker):
    onbekend = [v["vraag"] for v in vragen if v["verwacht"]["soort"] == "niet_gevonden"]
    met_naam = [vraag for vraag in onbekend if geeft_naam(zoeker.beantwoord(vraag))]
    assert met_naam == []


BLIND = Path(__file__).parent / "vragen" / "opdrachtgever_blind.yaml"
BLIND_MINIMAAL = 0.85


def test_held_out_set(zoeker, capsys):
    """The held-out set (written after tuning): exact answers, plus 'veilig' — the right onderwerp as
    a 'Bedoelde je' choice (one click away, no wrong name). Unknown topics never get a name."""
    vragen = yaml.safe_load(BLIND.read_text(encoding="utf-8"))
    goed = veilig = 0
    fout = []
    for v in vragen:
        antwoord = zoeker.beantwoord(v["vraag"])
        kreeg = uitkomst(antwoord)
        if klopt(v["verwacht"], kreeg):
            goed += 1
        elif kreeg["soort"] == "bedoelde_u" and v["verwacht"].get("id") in kreeg["ids"]:
            veilig += 1
        else:
            fout.append(f"  {v['vraag']!r}: verwacht {v['verwacht']}, kreeg {kreeg}")
        if v["verwacht"]["soort"] == "niet_gevonden":
            assert not geeft_naam(antwoord), v["vraag"]
    with capsys.disabled():
        print(f"\nblinde set: {goed}/{len(vragen)} goed = {goed / len(vragen):.1%}, {veilig} via 'Bedoelde je'")
        print("\n".join(fout))
    assert goed / len(vragen) >= BLIND_MINIMAAL, "\n".join(fout)
    assert not fout, "\n".join(fout)
