"""Issue 13 item 6 — an escalation answer shows at most 600 characters; the rest is one click away.

Every rule of every shipped example is answered through the turn pipeline (the stateless card
action), without an onderwerp and with onderwerpen that add the most names. In Teams the visible
part (message text and card body) stays within 600 characters, and what was left out (the rest of
the short answer, the steps' explanations, the don'ts, the quotes) is behind "Meer uitleg", "Niet
doen" and "Toon bron". In the console the first message is as short and the rest follows as text.
A rule whose own texts leave no room is reported by the kennisbank check with file and line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import lees_kennisbank
from kennisbank.model import Onderwerp
from tests.conftest import TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN
from tests.test_kennisbank_fouten import assert_melding

MAX = 600
TEKSTEN = Teksten.laad()


def _regels_per_kennisbank() -> list:
    return [
        pytest.param(map_, regel["id"], id=f"{naam}-{regel['id']}")
        for naam, map_ in KENNISBANKEN.items()
        for regel in yaml.safe_load((map_ / "escalatie.yaml").read_text(encoding="utf-8"))
    ]


def _onderwerpen(kennisbank: Kennisbank, voorbeelden) -> list[Onderwerp | None]:
    """No onderwerp, one with every opdrachtgever filled in, and the one with the longest name."""
    langste = max(voorbeelden.onderwerpen(), key=lambda o: len(o.naam))
    return [None, voorbeelden.met_gedelegeerd(), langste]


def _gevouwen(tekst: str) -> str:
    return " ".join(tekst.split())


def _zinnen(tekst: str) -> list[str]:
    return [z for z in re.split(r"(?<=[.!?])\s+", _gevouwen(tekst)) if z]


def _achter_knoppen(activiteit: dict[str, Any]) -> dict[str, str]:
    """Per button of the answer's card: the text its ShowCard opens."""
    kaarten = [b["content"] for b in activiteit.get("attachments") or []]
    return {a["title"]: tekst_van([{"attachments": [{"content": a["card"]}]}]) for k in kaarten for a in k.get("actions", [])}


def _zichtbaar(activiteit: dict[str, Any]) -> str:
    """The message text and every card body (what shows before a button is opened)."""
    lichamen = [b["content"].get("body") for b in activiteit.get("attachments") or []]
    return "\n".join(
        [activiteit.get("text") or "", *(tekst_van([{"attachments": [{"content": {"body": b}}]}]) for b in lichamen if b)]
    )


def _controleer_alles_bereikbaar(regel: EscalatieRegel, kennisbank: Kennisbank, alles: str) -> None:
    alles = _gevouwen(alles.replace("**", ""))
    for zin in _zinnen(regel.kort_antwoord or ""):
        assert zin in alles, zin
    for stap in regel.route:
        for zin in _zinnen(stap.toelichting):
            assert zin in alles, zin
    for niet in regel.niet_doen:
        assert _gevouwen(niet.tekst) in alles


@pytest.mark.parametrize(("kennisbank_map", "regel_id"), _regels_per_kennisbank(), indirect=["kennisbank_map"])
async def test_every_answer_shows_at_most_600_characters_with_the_quote_behind_toon_bron(
    gesprek: TestGesprek, bot_client, kennisbank: Kennisbank, voorbeelden, regel_id: str
) -> None:
    regel = next(r for r in kennisbank.bestanden.escalatie if r.id == regel_id)
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    for onderwerp in _onderwerpen(kennisbank, voorbeelden):
        waarde = {"actie": "escalatie.route", "regel": regel.id, "onderwerp": onderwerp.id if onderwerp else None}

        (antwoord,) = await gesprek.stuur(waarde=waarde)
        zichtbaar = _zichtbaar(antwoord)
        assert f"**{regel.situatie}**" in zichtbaar and "1. " in zichtbaar
        assert len(zichtbaar) <= MAX, (len(zichtbaar), zichtbaar)
        knoppen = _achter_knoppen(antwoord)
        bron = knoppen[TEKSTEN.tekst("escalatie.knop_bron")]
        for b, citaat in regel.bronnen():
            assert kennisbank.bron_tekst(b) in bron
            if citaat:
                assert _gevouwen(citaat) in bron and _gevouwen(citaat) not in zichtbaar
        _controleer_alles_bereikbaar(regel, kennisbank, "\n".join([zichtbaar, *knoppen.values()]))

        eerste, *rest = await console.stuur(waarde=waarde)
        assert not eerste.get("attachments")
        assert len(eerste["text"]) <= MAX, (len(eerste["text"]), eerste["text"])
        vervolg = tekst_van(rest)
        for b, citaat in regel.bronnen():
            assert kennisbank.bron_tekst(b) in vervolg
            if citaat:
                assert _gevouwen(citaat) in vervolg
        _controleer_alles_bereikbaar(regel, kennisbank, "\n".join([eerste["text"], vervolg]))


async def test_a_long_answer_keeps_its_first_sentence_and_the_rest_goes_behind_meer_uitleg(
    gesprek: TestGesprek, kennisbank: Kennisbank
) -> None:
    """The example's longest rule: cut, and the cut part is under "Meer uitleg" (not in the text)."""
    regel = next(r for r in kennisbank.bestanden.escalatie if r.id == "wat-vraag-past-niet")
    (antwoord,) = await gesprek.stuur(waarde={"actie": "escalatie.route", "regel": regel.id, "onderwerp": "jeugdagenda"})
    knoppen = _achter_knoppen(antwoord)
    assert list(knoppen)[0] == TEKSTEN.tekst("escalatie.knop_meer_uitleg")
    eerste, *overig = _zinnen(regel.kort_antwoord or "")
    assert eerste in antwoord["text"]
    assert overig and all(
        z not in antwoord["text"] and z in _gevouwen(knoppen[TEKSTEN.tekst("escalatie.knop_meer_uitleg")]) for z in overig
    )


def test_check_warns_with_file_and_line_when_a_rule_is_too_long_by_itself(tmp_path: Path) -> None:
    map_ = tmp_path / "kb"
    shutil.copytree(KENNISBANKEN["voorbeeld"], map_)
    assert not [m for m in lees_kennisbank(map_).meldingen if m.bestand == "escalatie.yaml"]
    pad = map_ / "escalatie.yaml"
    tekst = pad.read_text(encoding="utf-8")
    oud = "    Een ambtelijk menings- of visieverschil leg je nooit bij het college of een wethouder neer.\n"
    assert tekst.count(oud) == 1
    lang = (
        "    Een ambtelijk menings- of visieverschil leg je nooit bij het college of een wethouder neer"
        + ", want dat is niet de bedoeling" * 12
        + ".\n"
    )
    pad.write_text(tekst.replace(oud, lang), encoding="utf-8")
    regelnummer = tekst[: tekst.index(oud)].count("\n")  # the 'kort_antwoord: >-' line above it
    (melding,) = [m for m in lees_kennisbank(map_).meldingen if m.bestand == "escalatie.yaml"]
    assert melding.ernst == "waarschuwing"
    assert_melding(melding, "escalatie.yaml", regelnummer, "ambtelijk-meningsverschil", "kort_antwoord", "600")
