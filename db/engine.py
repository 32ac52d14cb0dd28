"""Engine and session factory from a DATABASE_URL (SQLite via aiosqlite, PostgreSQL via asyncpg)."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.util import await_only
from sqlalchemy.util.concurrency import in_greenlet

from db.gemeente import GEMEENTE, STANDAARD_GEMEENTE, GemeenteSessie

STANDAARD_DATABASE = "sqlite+aiosqlite:///data/sturingsbot.db"
"""DATABASE_URL when none is set: a SQLite file under ./data."""

ZONDER_FSYNC = select(func.set_config("synchronous_commit", "off", True)).scalar_subquery() == "off"
"""PostgreSQL: a statement with this condition in its WHERE commits without waiting for the disk
(about 8 ms on a quiet machine, far more under load). Only for rows whose loss in a crash of the
database SERVER is harmless (a claim, a `klaar` marker, conversation memory, a conversation
reference, a logged unanswered question): WAL order keeps the database consistent, and the activity
is simply handled again. A submit and a dialog's state always wait for the disk."""


def database_url_uit_omgeving(omgeving=None) -> str:
    import os

    env = os.environ if omgeving is None else omgeving
    return normaliseer_url(env.get("DATABASE_URL", "").strip() or STANDAARD_DATABASE)


def normaliseer_url(url: str) -> str:
    """Accept the usual spellings and pick the async driver: postgres:// → postgresql+asyncpg://."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


@dataclass(frozen=True)
class DatabaseTijden:
    """Timeouts in seconds, so a stalled or unreachable database fails fast instead of hanging.

    - `verbinden`: opening a connection (TCP and start-up), asyncpg `timeout`;
    - `opdracht`: one statement, on the client (asyncpg `command_timeout`) and on the server
      (`statement_timeout`); on SQLite the busy timeout (waiting for another writer);
    - `pool`: waiting for a free connection from the pool (SQLAlchemy `pool_timeout`).
    """

    verbinden: float = 5.0
    opdracht: float = 10.0
    pool: float = 5.0


def maak_engine(url: str, *, pool_size: int = 10, tijden: DatabaseTijden = DatabaseTijden()) -> AsyncEngine:
    """The engine; statement parameters (user text, ids) never appear in its error messages or logs."""
    url = normaliseer_url(url)
    if is_sqlite(url):
        engine = create_async_engine(url, connect_args={"timeout": tijden.opdracht}, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        engine.dialect.do_terminate = _sluit_sqlite_af  # type: ignore[method-assign]
        return engine
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size * 2,
        # No pool_pre_ping (a round trip per checkout, several per turn): a connection that died
        # with a database restart fails on first use, SQLAlchemy then discards the whole pool, and
        # the turn's first statement is retried once (`bot.middleware`, the health probe).
        pool_timeout=tijden.pool,
        hide_parameters=True,
        connect_args={
            "timeout": tijden.verbinden,
            "command_timeout": tijden.opdracht,
            "server_settings": {
                "statement_timeout": str(int(tijden.opdracht * 1000)),
                "idle_in_transaction_session_timeout": str(int(tijden.opdracht * 6 * 1000)),
            },
        },
    )


def _sluit_sqlite_af(dbapi_connection: Any) -> None:
    """SQLite: how a connection SQLAlchemy terminates (invalidated after a cancellation or an error)
    is closed: by its aiosqlite worker thread, after the statement it is running, with one stop request.

    SQLAlchemy's own way waits for that close in a shielded task, but when the task that started it is
    cancelled again meanwhile (as at shutdown) it also asks the worker to stop at once. The worker stops
    at that first request, the close's own stop request behind it is never answered, and the shutdown
    (or a test's event loop) never finishes. Here a second cancellation only stops the waiting: the
    close goes on in its task, which the shutdown waits for, so the worker still answers an open loop.
    Outside a greenlet (a connection collected as garbage) the worker is asked to stop from a short
    thread of its own, where aiosqlite attaches no future that a closed loop could not take."""
    driver = dbapi_connection.driver_connection
    if in_greenlet():
        await_only(asyncio.shield(driver.close()))
        return
    threading.Thread(target=driver.stop, name="sqlite-stop").start()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: durable on app crash, fast commits
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def maak_sessies(engine: AsyncEngine, gemeente: str = STANDAARD_GEMEENTE) -> async_sessionmaker[AsyncSession]:
    """Sessions that see and write only `gemeente`'s rows (see `db.gemeente`)."""
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=GemeenteSessie, info={GEMEENTE: gemeente})
