"""Every stored row belongs to one gemeente; a gemeente's sessions see and write only its own rows.

Tables whose rows belong to a gemeente use the `GemeenteGebonden` mixin (a `gemeente` column).
Sessions from `db.engine.maak_sessies(engine, gemeente)` are `GemeenteSessie`s: each ORM
SELECT, UPDATE and DELETE they run gets `gemeente = <theirs>` on every gemeente-bound table
(also in subqueries and `session.get`), and each new row they flush is given their gemeente. So
a repository cannot forget the scope. Core statements on an engine or connection (`bot.sql_storage`,
the turn middleware, retention) and INSERT statements name the gemeente themselves.
"""

from __future__ import annotations

from sqlalchemy import String, event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, with_loader_criteria

STANDAARD_GEMEENTE = "standaard"
"""The gemeente of a single-gemeente installation (no GEMEENTEN file), and of rows stored before
there were gemeenten unless the migration was told another one."""
GEMEENTE = "gemeente"
"""Key of the gemeente id in `Session.info`."""


class GemeenteGebonden:
    """Mixin: the row belongs to one gemeente (its id from the GEMEENTEN configuration)."""

    gemeente: Mapped[str] = mapped_column(String(100))


class GemeenteSessie(Session):
    """A session bound to one gemeente (`info["gemeente"]`); see the module docstring."""


class GemeenteOntbreekt(RuntimeError):
    """A GemeenteSessie without a gemeente: a programming error, never a user's."""


def gemeente_van(sessie: Session | AsyncSession | async_sessionmaker) -> str:
    """The gemeente a session (or a session factory from `maak_sessies`) is bound to."""
    info = sessie.kw.get("info") or {} if isinstance(sessie, async_sessionmaker) else sessie.info
    gemeente = info.get(GEMEENTE)
    if not gemeente:
        raise GemeenteOntbreekt("sessie zonder gemeente")
    return gemeente


@event.listens_for(GemeenteSessie, "do_orm_execute")
def _alleen_eigen_gemeente(uitvoering: ORMExecuteState) -> None:
    if not (uitvoering.is_select or uitvoering.is_update or uitvoering.is_delete):
        return
    gemeente = gemeente_van(uitvoering.session)
    uitvoering.statement = uitvoering.statement.options(
        with_loader_criteria(GemeenteGebonden, lambda tabel: tabel.gemeente == gemeente, include_aliases=True)
    )


@event.listens_for(GemeenteSessie, "before_flush")
def _nieuwe_rijen_in_eigen_gemeente(sessie: Session, _context, _instanties) -> None:
    gemeente = gemeente_van(sessie)
    for rij in sessie.new:
        if not isinstance(rij, GemeenteGebonden):
            continue
        if rij.gemeente is None:
            rij.gemeente = gemeente
        elif rij.gemeente != gemeente:
            raise GemeenteOntbreekt(f"rij van gemeente {rij.gemeente!r} in een sessie van {gemeente!r}")
