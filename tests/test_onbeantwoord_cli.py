"""`python -m kennisbank onbeantwoord` lists what the bot logged, from the bot's own database."""

from __future__ import annotations

import asyncio

import pytest

from kennisbank.__main__ import main
from tests.conftest import TestGesprek

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


async def test_unanswered_questions_are_listed(gesprek: TestGesprek, database_url, monkeypatch, capsys):
    await gesprek.stuur("wie gaat over de kerstmarkt?")
    await gesprek.stuur("wie is AO voor de jeugdagenda")  # answered: not listed
    monkeypatch.setenv("DATABASE_URL", database_url)
    code = await asyncio.to_thread(main, ["onbeantwoord"])
    uitvoer = capsys.readouterr().out
    assert code == 0
    assert "kerstmarkt" in uitvoer
    assert "jeugdagenda" not in uitvoer


def test_unreadable_database_gives_a_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'leeg.db'}")
    assert main(["onbeantwoord"]) == 1
    assert "DATABASE_URL" in capsys.readouterr().out


async def test_old_questions_can_be_removed(gesprek: TestGesprek, database_url, monkeypatch, capsys, services):
    from datetime import timedelta

    from sqlalchemy import update

    from db.base import nu
    from db.modellen.fundament import OnbeantwoordeVraag

    await gesprek.stuur("wie gaat over de kerstmarkt?")
    await gesprek.stuur("wie gaat over de ijsbaan?")
    async with services.sessies.begin() as sessie:  # the first one was asked long ago
        await sessie.execute(
            update(OnbeantwoordeVraag)
            .where(OnbeantwoordeVraag.vraag.contains("kerstmarkt"))
            .values(gesteld_op=nu() - timedelta(days=400))
        )
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert await asyncio.to_thread(main, ["onbeantwoord", "--wis-ouder-dan", "365"]) == 0
    uitvoer = capsys.readouterr().out
    assert "1 vragen ouder dan 365 dagen verwijderd" in uitvoer
    assert "ijsbaan" in uitvoer and "kerstmarkt" not in uitvoer


async def test_groups_show_the_nearest_intent_and_the_edit(gesprek: TestGesprek, database_url, monkeypatch, capsys):
    """Issue 11 point 6: unanswered questions are grouped, each group with the one-line edit."""
    await gesprek.stuur("Hoe laat gaat de kantine vandaag dicht?")
    await gesprek.stuur("hoe laat gaat de kantine dicht")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("KENNISBANK", "mijn-kennisbank")
    assert await asyncio.to_thread(main, ["onbeantwoord"]) == 0
    uitvoer = capsys.readouterr().out
    assert "2 recente vragen" in uitvoer and "in 1 groepen" in uitvoer
    assert "1. 2x — dichtstbijzijnde intentie: " in uitvoer
    assert (
        "→ voeg in mijn-kennisbank/intenties/" in uitvoer
        and "toe onder voorbeelden:  - hoe laat gaat de kantine dicht" in uitvoer
    )


def test_grouping_by_candidate_and_similarity():
    from kennisbank.onbeantwoord import OnbeantwoordeVraag, bewerking, groepeer

    wie = {"soort": "intentie", "id": "opdrachtgever.wie", "naam": "opdrachtgever.wie", "score": 0.4}
    ijsbaan = {"soort": "onderwerp", "id": "ijsbaan", "naam": "IJsbaan", "score": 0.7}
    vragen = [
        OnbeantwoordeVraag("wie trekt de kar bij de kermis", "wie trekt de kar bij de kermis", "WeetIkNiet", [wie]),
        OnbeantwoordeVraag("hoi, wie trekt de kar bij de kermis?", "hoi wie trekt de kar bij de kermis", "WeetIkNiet", [ijsbaan]),
        OnbeantwoordeVraag("wie trekt de kar bij de kermis?", "wie trekt de kar bij de kermis", "WeetIkNiet", [wie]),
        OnbeantwoordeVraag("waar kan ik parkeren", "waar kan ik parkeren", "WeetIkNiet", [wie]),
        OnbeantwoordeVraag("AO schaatsbaan", "schaatsbaan", "BedoeldeU", [ijsbaan]),
        OnbeantwoordeVraag("blabla: iets", "blabla iets", "NietGevonden", []),
    ]
    groepen = groepeer(vragen)
    assert [len(g.vragen) for g in groepen] == [3, 1, 1, 1]  # alike texts together, whatever their candidate
    assert bewerking(groepen[0], "kb") == (
        "voeg in kb/intenties/opdrachtgever.yaml bij '- intentie: wie' toe onder voorbeelden:  - wie trekt de kar bij de kermis"
    )
    regels = {bewerking(g, "kb") for g in groepen[1:]}
    assert "als 'IJsbaan' bedoeld is: voeg in kb/onderwerpen.yaml bij id 'ijsbaan' toe onder aliassen:  - schaatsbaan" in regels
    assert any("'blabla: iets'" in r for r in regels)  # quoted: a colon would break the YAML
