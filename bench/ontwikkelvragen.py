"""The router's development questions (tests/begrip/ontwikkelvragen.yaml) through the real bot.

    .venv/bin/python -m bench.ontwikkelvragen [--fouten] [--kennisbank voorbeeld ...] [--familie F ...]
        [--bestand tests/begrip/ontwikkelvragen_borap.yaml] [--helft leer|toets]

Every question is asked in a fresh conversation over HTTP on SQLite, on the example kennisbank it
was written for, with the clock of the natural question set (22 November 2026), and judged by the
same judge (`tests.vragen.natuurlijk.beoordeling.Rechter`). Reports accuracy per kennisbank and
family. These are the questions engineers may read and fix against; the gated natural set stays
unread (run that with tests/test_natuurlijke_vragen.py, without its failing questions).

A file whose questions carry `intentie` (the intent or intents that are right) is also measured per
stage: intent right (the intent of the feature that answered), and answer right when the intent
was right. `--helft` measures one half of each kennisbank's family: `leer` the 1st, 3rd, ...
question (taught from), `toets` the 2nd, 4th, ... (held back, measured before and after only).

A question may carry `vooraf: [bericht, ...]`: messages sent first in the same conversation (a route
given, a check started); only the reply to the question itself is judged. That measures follow-ups
("en daarna?") and questions asked while a dialog waits.

A question may be labelled `uitleg: [id, ...]`: the begrippen or rollen (`rol:id`, `begrip:id` when an
id is both) the answer must explain; that asks for each one's name and its source (document and
section) as the answer shows them (tests/begrip/uitlegvragen.yaml).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path
from typing import Any

import yaml
from aiohttp.test_utils import TestClient, TestServer

from bot.app import GEMEENTEBOT, create_app
from bot.settings import Settings
from dialogen.herkenning import Herkend
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek
from tests.vragen.natuurlijk.beoordeling import MOMENT, Rechter, Uitslag, Vraag, rapport, stel

ROOT = Path(__file__).resolve().parent.parent
BESTAND = ROOT / "tests" / "begrip" / "ontwikkelvragen.yaml"
KENNISBANKEN = ROOT / "kennisbank"
GEEN_ANTWOORD = "weet_ik_niet"
"""The intent recorded when no feature answered."""
HELFTEN = ("leer", "toets")


def laad(bestand: Path = BESTAND) -> dict[str, list[Vraag]]:
    """The questions per example kennisbank (its folder name under kennisbank/)."""
    data: dict[str, Any] = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    uit: dict[str, list[Vraag]] = {}
    for naam, deel in data.items():
        standaard = deel["als"]
        met_uitleg = any("uitleg" in item for items in deel["vragen"].values() for item in items)
        kennisbank = laad_kennisbank(KENNISBANKEN / naam) if met_uitleg else None
        uit[naam] = [
            Vraag(item["vraag"], familie, bestand.name, _labels(item, kennisbank), als=item.get("als", standaard))
            for familie, items in deel["vragen"].items()
            for item in items
        ]
    return uit


def _labels(item: dict[str, Any], kennisbank: Kennisbank | None) -> dict[str, Any]:
    """The judge's labels; `uitleg` ids become the records' names and sources under `bevat`."""
    labels = {k: v for k, v in item.items() if k not in ("vraag", "als", "intentie", "uitleg", "vooraf")}
    if kennisbank is not None and "uitleg" in item:
        labels["bevat"] = [*labels.get("bevat", []), *(t for i in item["uitleg"] for t in _naam_en_bron(kennisbank, i))]
    return labels


def _naam_en_bron(kennisbank: Kennisbank, sleutel: str) -> tuple[str, ...]:
    soort, _, record_id = sleutel.rpartition(":")
    rollen = {r.id: r for r in kennisbank.bestanden.rollen} if soort in ("", "rol") else {}
    begrippen = {b.id: b for b in kennisbank.bestanden.begrippen} if soort in ("", "begrip") else {}
    if record_id in rollen and record_id in begrippen:
        raise ValueError(f"{sleutel}: zowel rol als begrip, schrijf rol:{record_id} of begrip:{record_id}")
    if record_id in rollen:
        return rollen[record_id].naam, kennisbank.bron_tekst(rollen[record_id].bron)
    if record_id in begrippen:
        return begrippen[record_id].term, kennisbank.bron_tekst(begrippen[record_id].bron)
    return (f"(geen rol of begrip {sleutel})",)  # fails the question; tests/test_uitleg.py names it


def verwachte_intenties(bestand: Path = BESTAND) -> dict[tuple[str, str], tuple[str, ...]]:
    """(kennisbank, question) -> the intents that are right, for the questions that name them."""
    data: dict[str, Any] = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    uit: dict[tuple[str, str], tuple[str, ...]] = {}
    for naam, deel in data.items():
        for items in deel["vragen"].values():
            for item in items:
                if "intentie" in item:
                    intentie = item["intentie"]
                    uit[(naam, item["vraag"])] = (intentie,) if isinstance(intentie, str) else tuple(intentie)
    return uit


def berichten_vooraf(bestand: Path = BESTAND) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(kennisbank, family, question) -> the messages sent before it in the same conversation (`vooraf`)."""
    data: dict[str, Any] = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    return {
        (naam, familie, item["vraag"]): tuple(item["vooraf"])
        for naam, deel in data.items()
        for familie, items in deel["vragen"].items()
        for item in items
        if item.get("vooraf")
    }


class _NaVooraf:
    """A conversation that first sends `vooraf` (those replies are not judged), then the question."""

    def __init__(self, gesprek: TestGesprek, vooraf: tuple[str, ...]) -> None:
        self._gesprek, self._vooraf = gesprek, list(vooraf)

    async def stuur(self, tekst: str, **velden: Any) -> list[dict[str, Any]]:
        while self._vooraf:
            await self._gesprek.stuur(self._vooraf.pop(0), **velden)
        return await self._gesprek.stuur(tekst, **velden)


def helft(vragen: list[Vraag], deel: str) -> list[Vraag]:
    """One half of the questions of every family, in file order: `leer` the odd ones, `toets` the even."""
    rest = HELFTEN.index(deel)
    uit: list[Vraag] = []
    for familie in dict.fromkeys(v.familie for v in vragen):
        uit += [v for i, v in enumerate(v for v in vragen if v.familie == familie) if i % 2 == rest]
    return uit


async def meet(
    kennisbank_naam: str,
    vragen: list[Vraag],
    intenties: dict[str, str] | None = None,
    vooraf: dict[tuple[str, str, str], tuple[str, ...]] | None = None,
) -> list[Uitslag]:
    """Every question through the bot; `intenties`, when given, gets the intent that answered each
    question; `vooraf` holds the messages sent before a question in its conversation."""
    map_ = KENNISBANKEN / kennisbank_naam
    kennisbank = laad_kennisbank(map_)
    with tempfile.TemporaryDirectory() as tijdelijk:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{Path(tijdelijk) / 'o.db'}", kennisbank=map_, herinneringen=False)
        client = TestClient(TestServer(create_app(settings, klok=lambda: MOMENT)))
        await client.start_server()
        beantwoord: list[str] = []
        for feature in client.server.app[GEMEENTEBOT].router.features.values():
            feature.behandel = _opgenomen(feature.behandel, beantwoord)  # type: ignore[method-assign]
        try:
            rechter = Rechter(kennisbank)
            uitslagen = []
            for vraag in vragen:
                beantwoord.clear()
                eerst = (vooraf or {}).get((kennisbank_naam, vraag.familie, vraag.vraag), ())
                uitslagen.append(await stel(lambda: _NaVooraf(TestGesprek(client, kennisbank), eerst), rechter, vraag))
                if intenties is not None:
                    intenties[vraag.vraag] = beantwoord[-1] if beantwoord else GEEN_ANTWOORD
            return uitslagen
        finally:
            await client.close()


def _opgenomen(behandel: Any, beantwoord: list[str]) -> Any:
    """`behandel` that records the intent it answered (not when it returned False: no answer)."""

    async def opgenomen(dc: Any, herkend: Herkend) -> bool | None:
        uitkomst: bool | None = await behandel(dc, herkend)
        if uitkomst is not False:
            beantwoord.append(herkend.intentie)
        return uitkomst

    return opgenomen


def per_stap(
    naam: str,
    uitslagen: list[Uitslag],
    gekregen: dict[str, str],
    verwacht: dict[tuple[str, str], tuple[str, ...]],
    toon_fouten: bool,
) -> str:
    """Per family: intent right, and answer right when the intent was right."""
    regels = []
    for familie in dict.fromkeys(u.vraag.familie for u in uitslagen):
        gemeten = [u for u in uitslagen if u.vraag.familie == familie and (naam, u.vraag.vraag) in verwacht]
        if not gemeten:
            continue
        intentie_goed = [u for u in gemeten if gekregen[u.vraag.vraag] in verwacht[(naam, u.vraag.vraag)]]
        antwoord_goed = sum(u.goed for u in intentie_goed)
        regels.append(
            f"  {familie}: intentie {len(intentie_goed)}/{len(gemeten)}, antwoord bij goede intentie "
            f"{antwoord_goed}/{len(intentie_goed)}, samen {sum(u.goed for u in gemeten)}/{len(gemeten)}"
        )
        if toon_fouten:
            regels += [
                f"    intentie {gekregen[u.vraag.vraag]} (verwacht {' of '.join(verwacht[(naam, u.vraag.vraag)])}): {u.vraag.vraag}"
                for u in gemeten
                if u not in intentie_goed
            ]
    return "\n".join(regels)


async def hoofd(argumenten: argparse.Namespace) -> None:
    alle: list[Uitslag] = []
    verwacht = verwachte_intenties(argumenten.bestand)
    for naam, vragen in laad(argumenten.bestand).items():
        if argumenten.kennisbank and naam not in argumenten.kennisbank:
            continue
        vragen = [v for v in vragen if not argumenten.familie or v.familie in argumenten.familie]
        if argumenten.helft:
            vragen = helft(vragen, argumenten.helft)
        gekregen: dict[str, str] = {}
        uitslagen = await meet(naam, vragen, gekregen, berichten_vooraf(argumenten.bestand))
        alle += uitslagen
        print(f"\n== {naam}\n{rapport(uitslagen, toon_fouten=argumenten.fouten)}")
        if stappen := per_stap(naam, uitslagen, gekregen, verwacht, argumenten.fouten):
            print(f"per stap:\n{stappen}")
    goed = sum(u.goed for u in alle)
    print(f"\nsamen: {goed}/{len(alle)} = {goed / max(1, len(alle)):.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fouten", action="store_true", help="toon elke foute vraag met het antwoord van de bot")
    parser.add_argument("--kennisbank", nargs="*", help="alleen deze voorbeeldkennisbanken (voorbeeld, voorbeeld_cmt)")
    parser.add_argument("--familie", nargs="*", help="alleen deze families")
    parser.add_argument("--bestand", type=Path, default=BESTAND, help="een ander bestand met ontwikkelvragen")
    parser.add_argument("--helft", choices=HELFTEN, help="alleen de leer- of de toetshelft van elke familie")
    asyncio.run(hoofd(parser.parse_args()))


if __name__ == "__main__":
    main()
