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
