"""A SQLite connection that SQLAlchemy terminates (invalidated when its task is cancelled in a statement)
is closed cleanly when the event loop shuts down right after (db/engine.py): the shutdown finishes, the
connection's worker thread ends without an error, and no task is left behind."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy import event, text

from db.engine import maak_engine
from tests import lusbewaking


def _werkers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if "_connection_worker_thread" in t.name}


def test_a_turn_cancelled_in_a_statement_then_a_shutdown_closes_everything(tmp_path, monkeypatch):
    monkeypatch.setattr(lusbewaking, "WACHTTIJD", 5.0)  # a task left behind fails the close within 5 s
    engine = maak_engine(f"sqlite+aiosqlite:///{tmp_path / 'afsluiten.db'}")
    binnen = threading.Event()

    def duurt_even() -> int:  # runs in aiosqlite's worker thread, inside the statement
        binnen.set()
        threading.Event().wait(0.5)  # a statement that takes half a second
        return 1

    @event.listens_for(engine.sync_engine, "connect")
    def registreer(dbapi_connection, _record) -> None:
        dbapi_connection.create_function("duurt_even", 0, duurt_even)

    async def beurt() -> None:
        async with engine.connect() as verbinding:
            await verbinding.execute(text("SELECT duurt_even()"))

    async def annuleer_tijdens_de_opdracht() -> asyncio.Task[None]:
        taak = asyncio.create_task(beurt(), name="beurt")
        assert await asyncio.to_thread(binnen.wait, 10)
        taak.cancel()  # SQLAlchemy invalidates the connection and terminates it
        await asyncio.sleep(0)
        return taak

    voor = _werkers()
    runner = asyncio.Runner()
    taak = runner.run(annuleer_tijdens_de_opdracht())
    werkers = _werkers() - voor
    assert werkers  # the connection's worker is still in the statement
    # the shutdown: every task cancelled (the turn a second time), waited for, the loop closed
    runner.close()
    assert taak.cancelled()
    for werker in werkers:
        werker.join(5)
        assert not werker.is_alive()  # it closed the connection and stopped, without an error in the thread


def test_a_collected_connection_is_stopped_without_a_loop(tmp_path):
    """Outside a greenlet (garbage collection) the worker is asked to stop from a thread of its own."""
    engine = maak_engine(f"sqlite+aiosqlite:///{tmp_path / 'gc.db'}")

    async def open_verbinding():
        verbinding = await engine.connect()
        return verbinding, (await verbinding.get_raw_connection()).dbapi_connection

    runner = asyncio.Runner()
    voor = _werkers()
    verbinding, dbapi = runner.run(open_verbinding())
    (werker,) = _werkers() - voor
    engine.dialect.do_terminate(dbapi)  # as the pool does for a connection collected as garbage
    werker.join(5)
    assert not werker.is_alive()
    runner.run(verbinding.invalidate())
    runner.run(engine.dispose())
    runner.close()
