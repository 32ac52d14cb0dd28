"""A SQLite connection that SQLAlchemy terminates (invalidated after a cancellation) never leaves a task
that cannot end: at shutdown every task is cancelled, and each must finish (db/engine.py)."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy import event, text

from db.engine import maak_engine


async def test_a_connection_terminated_during_a_statement_leaves_nothing_that_outlives_a_shutdown(tmp_path):
    engine = maak_engine(f"sqlite+aiosqlite:///{tmp_path / 'afsluiten.db'}")
    binnen, los = threading.Event(), threading.Event()

    def houd_vast() -> int:  # runs in aiosqlite's worker thread, inside the statement
        binnen.set()
        los.wait(10)
        return 1

    @event.listens_for(engine.sync_engine, "connect")
    def registreer(dbapi_connection, _record) -> None:
        dbapi_connection.create_function("houd_vast", 0, houd_vast)

    async def beurt() -> None:
        async with engine.connect() as verbinding:
            await verbinding.execute(text("SELECT houd_vast()"))

    try:
        taak = asyncio.create_task(beurt())
        assert await asyncio.to_thread(binnen.wait, 10)
        taak.cancel()  # cancelled during its statement: SQLAlchemy invalidates and terminates the connection
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        # then the shutdown cancels everything, the turn first
        overig = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        overig.sort(key=lambda t: t is not taak)
        for t in overig:
            t.cancel()
        los.set()
        _, blijvers = await asyncio.wait(overig, timeout=10)
        assert not blijvers, [t.get_coro() for t in blijvers]
        assert taak.cancelled()
    finally:
        los.set()
        await engine.dispose()
