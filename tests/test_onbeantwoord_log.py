"""The log of unanswered questions (`python -m kennisbank onbeantwoord`) holds only what really got
no answer: a lookup question the documents then answer is not logged; the honest "niet gevonden"
and "weet ik niet" are, once each. Through the real turn pipeline, on SQLite and PostgreSQL; on
PostgreSQL the log is one statement of its own that does not wait for the disk."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from db.repositories.onbeantwoord import OnbeantwoordRepository, log_onbeantwoord
from tests.conftest import TestGesprek, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

pytestmark = pytest.mark.beide_databases  # what is stored, and how, is what is tested

DOOR_DOCUMENTEN = "wie doet bij ons eigenlijk de doelmatigheidsonderzoeken?"
"""A lookup question without a record that a passage of the documents answers (test_documenten_terugval)."""
ONBEKEND = "wie is de ambtelijk opdrachtgever van de kermis?"


async def _gelogd(services) -> list[tuple[str, str]]:
    async with services.sessies() as sessie:
        return [(v.vraag, v.uitkomst) for v in await OnbeantwoordRepository(sessie).recent()]


async def test_a_question_the_documents_answer_is_not_logged_as_unanswered(gesprek: TestGesprek, services, met_intentie):
    met_intentie("opdrachtgever.wie")
    assert tekst_van(await gesprek.stuur(DOOR_DOCUMENTEN)).startswith("Uit *")
    assert await _gelogd(services) == []


async def test_the_honest_answer_is_logged_once(gesprek: TestGesprek, services, met_intentie):
    met_intentie("opdrachtgever.wie")
    assert "Ik ken dat onderwerp niet" in tekst_van(await gesprek.stuur(ONBEKEND))
    assert await _gelogd(services) == [(ONBEKEND, "NietGevonden")]


async def test_weet_ik_niet_is_logged_once(gesprek: TestGesprek, services):
    vraag = "hoe laat gaat de kantine open"
    assert "weet ik niet" in tekst_van(await gesprek.stuur(vraag)).lower()
    assert await _gelogd(services) == [(vraag, "WeetIkNiet")]


async def test_logging_is_one_statement_on_one_connection(services):
    """PostgreSQL: one INSERT on an autocommit connection (no BEGIN/COMMIT round trips) that commits
    without a disk flush; SQLite: one INSERT in one short transaction."""
    statements: list[str] = []
    uitgecheckt: list[int] = []

    def zie(_c, _cur, statement, *_):
        statements.append(" ".join(statement.split()))

    def checkout(*_):
        uitgecheckt.append(1)

    engine = services.engine.sync_engine
    event.listen(engine, "before_cursor_execute", zie)
    event.listen(engine.pool, "checkout", checkout)
    try:
        await log_onbeantwoord(services.sessies, "vraag", "kern", "WeetIkNiet", [])
    finally:
        event.remove(engine, "before_cursor_execute", zie)
        event.remove(engine.pool, "checkout", checkout)
    assert len(statements) == 1 and statements[0].startswith("INSERT INTO onbeantwoorde_vraag"), statements
    assert len(uitgecheckt) == 1
    assert ("set_config" in statements[0]) == (services.engine.dialect.name == "postgresql")
    assert await _gelogd(services) == [("vraag", "WeetIkNiet")]
