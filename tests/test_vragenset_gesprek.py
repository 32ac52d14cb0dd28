"""The labelled question set (tests/vragen/opdrachtgever.yaml) through the bot's real turn
pipeline over HTTP: the reply a user reads must carry the expected answer, and an unknown topic
must never get a person's name."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import TestGesprek, tekst_van

VRAGEN = yaml.safe_load((Path(__file__).parent / "vragen" / "opdrachtgever.yaml").read_text(encoding="utf-8"))
NAUWKEURIGHEID_MINIMAAL = 0.95
ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def klopt(verwacht: dict, antwoorden: list[dict], kennisbank) -> bool:
    tekst = tekst_van(antwoorden)
    soort = verwacht["soort"]
    if soort == "onderwerp":
        onderwerp = kennisbank.onderwerpen[verwacht["id"]]
        return (
            onderwerp.naam in tekst and kennisbank.personen[onderwerp.ambtelijk_opdrachtgever].naam in tekst and "Bron:" in tekst
        )
    if soort == "onderwerpen":
        return all(kennisbank.onderwerpen[i].naam in tekst for i in verwacht["ids"])
    if soort == "persoon":
        persoon = kennisbank.personen[verwacht["id"]]
        return persoon.naam in tekst and "opdrachtgever" in tekst
    if soort == "soort_werk":
        return next(s for s in kennisbank.bestanden.soorten_werk if s.id == verwacht["id"]).naam in tekst
    if soort == "begrip":
        return next(b for b in kennisbank.bestanden.begrippen if b.id == verwacht["id"]).term in tekst
    if soort == "rol":
        return next(r for r in kennisbank.bestanden.rollen if r.id == verwacht["id"]).naam in tekst
    if soort == "bedoelde_u":
        return any(
            b.get("contentType") == "application/vnd.microsoft.card.hero" for a in antwoorden for b in a.get("attachments") or []
        )
    if soort == "niet_gevonden":
        return not noemt_een_persoon(tekst, kennisbank)
    raise AssertionError(f"onbekende soort {soort}")


def noemt_een_persoon(tekst: str, kennisbank) -> bool:
    return any(persoon.naam in tekst for persoon in kennisbank.bestanden.personen)


@ALLEEN_SQLITE
async def test_labelled_set_through_the_turn_pipeline(gesprek: TestGesprek, kennisbank, capsys):
    fouten = []
    for regel in VRAGEN:
        antwoorden = await gesprek.stuur(regel["vraag"])
        if not klopt(regel["verwacht"], antwoorden, kennisbank):
            fouten.append((regel["vraag"], regel["verwacht"], tekst_van(antwoorden)[:200]))
    nauwkeurigheid = 1 - len(fouten) / len(VRAGEN)
    with capsys.disabled():
        print(f"\nvragenset via de bot: {len(VRAGEN) - len(fouten)}/{len(VRAGEN)} = {nauwkeurigheid:.1%}")
    assert nauwkeurigheid >= NAUWKEURIGHEID_MINIMAAL, fouten


@ALLEEN_SQLITE
async def test_unknown_topics_never_get_a_name_through_the_bot(gesprek: TestGesprek, kennisbank):
    onbekend = [r["vraag"] for r in VRAGEN if r["verwacht"]["soort"] == "niet_gevonden"]
    assert len(onbekend) >= 15
    for vraag in onbekend:
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert not noemt_een_persoon(tekst, kennisbank), (vraag, tekst)
