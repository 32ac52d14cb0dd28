"""`python -m kennisbank onbeantwoord` lists what the bot logged, from the bot's own database."""

from __future__ import annotations

import asyncio

from kennisbank.__main__ import main
from tests.conftest import Gesprek


async def test_unanswered_questions_are_listed(gesprek: Gesprek, database_url, monkeypatch, capsys):
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


async def test_old_questions_can_be_removed(gesprek: Gesprek, database_url, monkeypatch, capsys, services):
    from datetime import timedelta

    from sqlalchemy import update

    from db.base import nu
    from db.modellen.fundament import OnbeantwoordeVraag

    await gesprek.stuur("wie gaat over de kerstmarkt?")
    await gesprek.stuur("wie gaat over de ijsbaan?")
    async with services.sessies.begin() as sessie:  # the first one was asked long ago
        await sessie.execute(
            update(OnbeantwoordeVraag).where(OnbeantwoordeVraag.vraag.contains("kerstmarkt")).values(gesteld_op=nu() - timedelta(days=400))
        )
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert await asyncio.to_thread(main, ["onbeantwoord", "--wis-ouder-dan", "365"]) == 0
    uitvoer = capsys.readouterr().out
    assert "1 vragen ouder dan 365 dagen verwijderd" in uitvoer
    assert "ijsbaan" in uitvoer and "kerstmarkt" not in uitvoer
