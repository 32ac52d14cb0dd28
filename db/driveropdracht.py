"""A fixed statement run straight on the asyncpg driver of a pooled connection (PostgreSQL only).

SQLAlchemy's execution of one statement (cache key, execution context, greenlet hop, cursor, result
rows) costs about 0.15-0.2 ms of CPU on top of the driver's own work: for the two statements of every
turn (`bot.beurtopdrachten`) that was the largest part of the host's CPU per turn. A `Driveropdracht`
is compiled once; executing it binds the parameters with their types' bind processors, as SQLAlchemy
would, and calls asyncpg (which prepares and caches the statement per connection itself).

The engine's `before_cursor_execute` / `after_cursor_execute` listeners still see each statement
(with no cursor or execution context): tests and `bench.beurt` count statements with them.

Errors come out as SQLAlchemy would raise them (`IntegrityError`, `DBAPIError` with the PostgreSQL
error as `orig`, parameters hidden), so callers need not know the difference. A connection that may be
broken (the driver closed it, a timeout, a cancellation, a network error) is invalidated, never put
back in the pool; when the driver found it closed, the whole pool is replaced as SQLAlchemy does on a
disconnect (the database restarted: every pooled connection is dead) and the error says
`connection_invalidated`, so the caller can retry once on a fresh connection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import exc
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


class Driveropdracht:
    """`opdracht` compiled once for `dialect` (PostgreSQL with asyncpg)."""

    def __init__(self, opdracht: ClauseElement, dialect: Dialect) -> None:
        gecompileerd = cast(SQLCompiler, opdracht.compile(dialect=dialect))
        positie = gecompileerd.positiontup
        if positie is None or gecompileerd.literal_execute_params or gecompileerd.post_compile_params:
            raise ValueError("alleen een vaste opdracht met positionele parameters")
        self.sql = gecompileerd.string
        self._vast: dict[str, Any] = {naam: gecompileerd.binds[naam].effective_value for naam in positie}
        """Every parameter's value in the statement itself (None for those given at execution)."""
        self._binden: list[tuple[str, Callable[[Any], Any] | None]] = [
            (naam, gecompileerd.binds[naam].type.bind_processor(dialect)) for naam in positie
        ]

    def argumenten(self, parameters: Mapping[str, Any]) -> list[Any]:
        waarden = []
        for naam, verwerk in self._binden:
            waarde = parameters[naam] if naam in parameters else self._vast[naam]
            waarden.append(verwerk(waarde) if verwerk is not None and waarde is not None else waarde)
        return waarden

    async def rijen(self, engine: AsyncEngine, verbinding: AsyncConnection, parameters: Mapping[str, Any]) -> Sequence[Any]:
        """The result rows (asyncpg records: `rij["kolom"]`) on `verbinding` (in autocommit mode)."""
        driver = (await verbinding.get_raw_connection()).driver_connection
        assert driver is not None  # a checked-out connection
        argumenten = self.argumenten(parameters)
        luisteraars = engine.sync_engine.dispatch
        if luisteraars.before_cursor_execute:
            luisteraars.before_cursor_execute(verbinding.sync_connection, None, self.sql, argumenten, None, False)
        try:
            rijen = await driver.fetch(self.sql, *argumenten)
        except BaseException as fout:
            vertaald = await _als_sqlalchemy(engine, verbinding, driver, self.sql, fout)
            if vertaald is fout:
                raise
            raise vertaald from fout
        if luisteraars.after_cursor_execute:
            luisteraars.after_cursor_execute(verbinding.sync_connection, None, self.sql, argumenten, None, False)
        return rijen


async def _als_sqlalchemy(engine: AsyncEngine, verbinding: AsyncConnection, driver: Any, sql: str, fout: BaseException):
    """`fout` of the driver as SQLAlchemy would raise it, after dropping a connection that may be broken."""
    import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type information

    dbapi = engine.dialect.loaded_dbapi
    if isinstance(fout, asyncpg.PostgresError):  # the server refused the statement: the connection is fine
        return exc.DBAPIError.instance(
            sql, None, _vertaal(dbapi, fout), dbapi.Error, hide_parameters=True, dialect=engine.dialect
        )
    await verbinding.invalidate()  # a timeout, cancellation or broken connection: never back into the pool
    if not driver.is_closed():
        return fout
    await engine.dispose(close=False)  # the database restarted: the other pooled connections are dead too
    vertaald = _vertaal(dbapi, fout) if isinstance(fout, asyncpg.InterfaceError) else dbapi.InterfaceError(str(fout), fout)
    return exc.DBAPIError.instance(
        sql, None, vertaald, dbapi.Error, hide_parameters=True, connection_invalidated=True, dialect=engine.dialect
    )


def _vertaal(dbapi: Any, fout: BaseException) -> Exception:
    """The asyncpg error as SQLAlchemy's asyncpg adapter translates it (its closest class in the table)."""
    tabel = dbapi._asyncpg_error_translate
    soort = next(s for s in type(fout).__mro__ if s in tabel)
    return tabel[soort](fout.args[0] if fout.args else str(fout), fout)
