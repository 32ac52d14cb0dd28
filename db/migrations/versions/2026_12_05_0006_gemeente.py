"""Gemeente: every row belongs to one gemeente (issue 15, several gemeenten in one deployment).

Existing rows move into one gemeente: the first one of the GEMEENTEN configuration when the bot
migrates at start-up (`db.migreren.upgrade(..., standaard_gemeente=...)`), else `standaard`, the
gemeente of an installation without GEMEENTEN. Unique keys and primary keys that identified a row
on their own now hold within a gemeente. The column gets no server default afterwards: a row
without a gemeente is refused by the database instead of landing in the first one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STANDAARD_GEMEENTE = "standaard"  # db.gemeente.STANDAARD_GEMEENTE, fixed here as this migration's history

# table: (old unique constraints, new unique constraints (without gemeente), primary key (without gemeente) or None)
_TABELLEN = {
    "bot_status": ([], [], ["sleutel"]),
    "verwerkte_activiteit": ([["conversatie_id", "activiteit_id"]], [["conversatie_id", "activiteit_id"]], None),
    "gespreksreferentie": ([["gebruiker_id"]], [["gebruiker_id"]], None),
    "onbeantwoorde_vraag": ([], [], None),
    "bestuursopdracht_check": ([["sleutel"]], [["sleutel"]], None),
    "statusupdate": (
        [["periode_id", "onderwerp_id", "versie"], ["sleutel"]],
        [["periode_id", "onderwerp_id", "versie"], ["sleutel"]],
        None,
    ),
    "herinnering": ([["periode_id", "moment", "persoon_id"]], [["periode_id", "moment", "persoon_id"]], None),
    "onderhoudsclaim": ([], [], ["taak"]),
}


def _uq(tabel: str, kolommen: list[str]) -> str:
    return f"uq_{tabel}_{'_'.join(kolommen)}"


def _standaard_gemeente() -> str:
    config = op.get_context().config
    return (config.attributes.get("standaard_gemeente") if config is not None else None) or STANDAARD_GEMEENTE


def upgrade() -> None:
    gemeente = _standaard_gemeente()
    op.drop_index("ix_statusupdate_periode_onderwerp", table_name="statusupdate")
    for tabel, (oud, nieuw, sleutel) in _TABELLEN.items():
        with op.batch_alter_table(tabel, schema=None) as batch_op:
            batch_op.add_column(sa.Column("gemeente", sa.String(length=100), nullable=False, server_default=gemeente))
        with op.batch_alter_table(tabel, schema=None) as batch_op:
            batch_op.alter_column("gemeente", existing_type=sa.String(length=100), server_default=None)
            for kolommen in oud:
                batch_op.drop_constraint(_uq(tabel, kolommen), type_="unique")
            if sleutel is not None:
                batch_op.drop_constraint(f"pk_{tabel}", type_="primary")
                batch_op.create_primary_key(f"pk_{tabel}", ["gemeente", *sleutel])
            for kolommen in nieuw:
                batch_op.create_unique_constraint(_uq(tabel, ["gemeente", *kolommen]), ["gemeente", *kolommen])
    op.create_index("ix_onbeantwoorde_vraag_gemeente", "onbeantwoorde_vraag", ["gemeente"], unique=False)
    op.create_index("ix_statusupdate_periode_onderwerp", "statusupdate", ["gemeente", "periode_id", "onderwerp_id"], unique=False)


def downgrade() -> None:
    """Back to one gemeente: only possible while the database holds a single gemeente's rows."""
    op.drop_index("ix_statusupdate_periode_onderwerp", table_name="statusupdate")
    op.drop_index("ix_onbeantwoorde_vraag_gemeente", table_name="onbeantwoorde_vraag")
    for tabel, (oud, nieuw, sleutel) in _TABELLEN.items():
        with op.batch_alter_table(tabel, schema=None) as batch_op:
            for kolommen in nieuw:
                batch_op.drop_constraint(_uq(tabel, ["gemeente", *kolommen]), type_="unique")
            if sleutel is not None:
                batch_op.drop_constraint(f"pk_{tabel}", type_="primary")
                batch_op.create_primary_key(f"pk_{tabel}", sleutel)
            for kolommen in oud:
                batch_op.create_unique_constraint(_uq(tabel, kolommen), kolommen)
            batch_op.drop_column("gemeente")
    op.create_index("ix_statusupdate_periode_onderwerp", "statusupdate", ["periode_id", "onderwerp_id"], unique=False)
